"""An experiment: a learned linear map for the query's vector (pure).

The site does not use it (ADR 0005: it gains on the Curai pairs what it loses on
RQE, and memorises its training questions); the benchmarks measure it when
``bench/train_similarity.py --adapter`` has written its matrix.


Patients word the same question differently; all-MiniLM-L6-v2 was not trained on
their questions. ``adapt_query`` multiplies the query's vector by a 384 × 384
matrix learned on medical question pairs, so the cosine to the stored question
vectors (which stay as the model makes them) ranks a same-meaning question
higher. Only the query side changes: nothing needs to be indexed again.

The matrix (``query_adapter_minilm.npy``, float16, stored as matrix − identity)
is made by ``bench/train_similarity.py --adapter``: a softmax (InfoNCE) loss over
the Curai medical question pairs, shared part (1,143 originals; each same-meaning
rewrite must find its original among all texts and vice versa; temperature 0.05,
L2 pull towards the identity 0.01, 300 full-batch Adam steps, learning rate
0.001). Its 5-fold cross-validation by original question is in that script's
output and in ``bench/similar_eval.py``'s docstring. It applies to the vectors
of the packaged model (``minilm-l6-v2-int8``) only; any other model's vectors,
the tuned model's the site now runs included, pass unchanged. Tuning the model's
own layers (``bench/train_embedder.py``, ADR 0005) replaced this experiment.
"""

from functools import cache
from pathlib import Path

import numpy as np

# Written by ``bench/train_similarity.py --adapter``; not part of the site.
ADAPTER_PATH = Path(__file__).resolve().parent / "out" / "query_adapter_minilm.npy"
ADAPTER_MODEL_ID = "minilm-l6-v2-int8"


@cache
def _matrix() -> np.ndarray | None:
    if not ADAPTER_PATH.is_file():
        return None
    delta = np.load(ADAPTER_PATH).astype(np.float32)
    return delta + np.eye(delta.shape[0], dtype=np.float32)


def adapt_query(vector: np.ndarray, model_id: str) -> np.ndarray:
    """The query vector to search with: mapped and unit length (unchanged for
    another model, or when the matrix file is missing)."""
    matrix = _matrix() if model_id == ADAPTER_MODEL_ID else None
    if matrix is None or vector.shape[-1] != matrix.shape[0]:
        return vector
    mapped = np.asarray(vector, dtype=np.float32) @ matrix.T
    norm = np.linalg.norm(mapped, axis=-1, keepdims=True)
    return (mapped / np.maximum(norm, 1e-12)).astype(np.float32)
