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
    assert np.allclose(together, alone, atol=1e-4)
    assert minilm.embed([]).shape == (0, embedding.DIMENSIONS)


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
