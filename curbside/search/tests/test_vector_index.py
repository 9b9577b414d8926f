"""The vector store, its derived index file and the tail of newer vectors."""

import io
from datetime import timedelta

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from curbside.questions.models import Question
from curbside.search import services, vectors
from curbside.search.models import QuestionVector
from tests import factories


def _embed(text):
    return vectors.embed_query(text)


def _question(title, **kwargs):
    question = factories.QuestionFactory(title=title, **kwargs)
    services.search_index_question(question_id=question.pk)
    return question


def test_a_vector_is_embedded_again_only_when_the_text_changes(db):
    question = factories.QuestionFactory(title="Hives after a bee sting")
    text = vectors.question_text(question.title, question.body)

    assert vectors.store_vectors([(question.pk, text)]) == 1
    assert vectors.store_vectors([(question.pk, text)]) == 0
    assert vectors.store_vectors([(question.pk, text + " Now on my face.")]) == 1
    assert QuestionVector.objects.count() == 1


def test_a_new_question_is_found_before_any_index_file_exists(db):
    question = _question("Hives after a bee sting")

    assert not vectors.index_paths(vectors.get_embedder().model_id)[0].exists()
    (best, _score), *_ = vectors.nearest(
        _embed(question.title + "\n" + question.body), k=3
    )
    assert best == question.pk


def test_the_file_and_the_tail_are_searched_together(db):
    first = _question("Hives after a bee sting")
    info = vectors.build_index_file()
    assert info.count == 1 and info.size_bytes > 0
    # Written after the build (plus the safety margin): found through the tail.
    QuestionVector.objects.update(updated_at=info.built_at - vectors.TAIL_MARGIN * 2)
    second = _question("Swollen ankle after a long flight")

    found = dict(vectors.nearest(_embed(second.title), k=5))

    assert {first.pk, second.pk} <= set(found)
    assert max(found, key=found.get) == second.pk
    assert vectors.tail_size() == 1


def test_a_new_file_is_picked_up_by_a_running_process(db, monkeypatch):
    monkeypatch.setattr(vectors, "RELOAD_SECONDS", 0.0)
    first = _question("Hives after a bee sting")
    vectors.build_index_file()
    assert [pk for pk, _s in vectors.nearest(_embed(first.title), k=5)] == [first.pk]

    second = _question("Swollen ankle after a long flight")
    vectors.build_index_file()

    assert set(dict(vectors.nearest(_embed(second.title), k=5))) == {
        first.pk,
        second.pk,
    }


def test_a_damaged_file_falls_back_to_the_stored_vectors(db, caplog):
    question = _question("Hives after a bee sting")
    info = vectors.build_index_file()
    data_path, _meta = vectors.index_paths(info.model_id)
    data_path.write_bytes(b"not an index")
    vectors._loaded.clear()
    # The tail is everything once the file cannot be read.
    QuestionVector.objects.update(updated_at=info.built_at)

    found = vectors.nearest(_embed(question.title), k=5)

    assert [pk for pk, _s in found] == [question.pk]


def test_a_removed_question_loses_its_vector(db):
    question = _question("Hives after a bee sting")
    question.is_removed = True
    question.save(update_fields=["is_removed"])

    services.search_index_question(question_id=question.pk)

    assert not QuestionVector.objects.exists()


def test_a_rebuild_drops_the_vectors_of_removed_and_merged_questions(db):
    kept = _question("Hives after a bee sting")
    removed = _question("Swollen ankle after a long flight")
    merged = _question("Hives after bee stings")
    waiting = factories.QuestionFactory(title="Dry cough at night")
    Question.objects.filter(pk=removed.pk).update(is_removed=True)
    Question.objects.filter(pk=merged.pk).update(duplicate_of=kept)
    assert services.vectors_pending() == 1  # only the one never embedded

    assert services.vectors_rebuild() == 1

    stored = set(QuestionVector.objects.values_list("pk", flat=True))
    assert stored == {kept.pk, waiting.pk}
    assert services.vectors_pending() == 0


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"
)
def test_a_rebuild_leaves_the_planner_knowing_the_vectors(db):
    """Without fresh statistics PostgreSQL scans every vector for the tail."""
    for title in ("Hives after a bee sting", "Dry cough at night", "Sore heel"):
        factories.QuestionFactory(title=title)

    services.vectors_rebuild()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s",
            [QuestionVector._meta.db_table],
        )
        assert cursor.fetchone()[0] == 3


def test_a_long_tail_is_folded_into_a_new_file(db, monkeypatch):
    monkeypatch.setattr(vectors, "COMPACT_TAIL", 1)
    _question("Hives after a bee sting")
    assert not vectors.index_paths(vectors.get_embedder().model_id)[0].exists()

    _question("Swollen ankle after a long flight")

    info = vectors.read_info(vectors.get_embedder().model_id)
    assert info is not None and info.count == 2


def test_reindex_embeds_builds_the_file_and_resumes(db, capsys):
    for title in ("Hives after a bee sting", "Swollen ankle after a flight"):
        factories.QuestionFactory(title=title)
    out, err = io.StringIO(), io.StringIO()

    call_command("reindex", stdout=out, stderr=err)

    assert "Embedded 2 questions" in out.getvalue()
    assert "Built the vector index of 2 questions" in out.getvalue()
    bars = capsys.readouterr().err
    assert "Question vectors" in bars  # the progress bars, one for each pass
    assert "Vector index" in bars and "Neighbourhoods" in bars
    assert "2/2" in bars.split("Neighbourhoods")[-1]
    assert vectors.read_info(vectors.get_embedder().model_id).count == 2

    out = io.StringIO()
    call_command("reindex", "--skip-words", stdout=out, stderr=io.StringIO())
    assert "Embedded 0 questions" in out.getvalue()

    out = io.StringIO()
    call_command("reindex", "--skip-words", "--force", stdout=out, stderr=io.StringIO())
    assert "Embedded 2 questions" in out.getvalue()


def test_vectors_are_stored_small_and_read_back_faithfully():
    vector = np.linspace(-1, 1, 384).astype(np.float32)
    vector /= np.linalg.norm(vector)

    blob = vectors.encode(vector)

    assert len(blob) == 384 * 2
    assert np.allclose(vectors.decode(blob), vector, atol=1e-3)


@pytest.mark.parametrize("model_id", ["hashing-v1"])
def test_the_index_file_lives_in_the_configured_folder(settings, model_id):
    data_path, meta_path = vectors.index_paths(model_id)
    assert data_path.parent == settings.SEARCH_INDEX_DIR
    assert data_path.name == f"vectors-{model_id}.usearch"
    assert meta_path.suffix == ".json"


_EMBED_IN_A_FRESH_PROCESS = """
import sys, django
django.setup()
if sys.argv[1] == "index-first":
    from curbside.search.vectors import usearch_index_class
    usearch_index_class()(ndim=4)
import numpy as np
from curbside.core.embedding import MiniLMEmbedder
texts = ["short", "a much longer question about a rash " * 20, "", "knee pain"]
embedder = MiniLMEmbedder(threads=1)
embedder.embed(["How is glaucoma treated?", "Can I drink alcohol on amoxicillin?"])
np.save(sys.argv[2], np.vstack([embedder.embed(texts), embedder.embed(texts[:1])]))
"""


def test_the_model_gives_the_same_vectors_when_the_index_library_loads_first(
    tmp_path,
):
    """In a fresh process, as a web worker would: the index library first, then
    the model. In that order an unguarded runtime computes wrong vectors for the
    padded rows of a batch on processors without AVX-512."""
    import subprocess
    import sys

    import numpy as np

    vectors = {}
    for order in ("index-first", "model-alone"):
        out = tmp_path / f"{order}.npy"
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", _EMBED_IN_A_FRESH_PROCESS, order, str(out)],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        vectors[order] = np.load(out)

    index_first, alone = vectors["index-first"], vectors["model-alone"]
    assert np.min(np.sum(index_first * alone, axis=1)) > 0.9999
    # "short" embedded in a padded batch and on its own.
    assert index_first[0] @ index_first[4] > 0.9999


def test_without_the_model_a_question_is_still_found_by_its_words(db, monkeypatch):
    from curbside.core.embedding import EmbeddingUnavailable
    from curbside.search.selectors import search_questions

    def broken():
        raise EmbeddingUnavailable("model.onnx is missing")

    monkeypatch.setattr(vectors, "get_embedder", broken)
    question = _question("Hives after a bee sting")

    assert not QuestionVector.objects.exists()
    assert [r.question for r in search_questions("bee sting hives").results] == [
        question
    ]


def test_crowding_is_the_mean_cosine_of_the_nearest_others_with_or_without_a_file(db):
    questions = [
        _question(title)
        for title in ("Hives after a bee sting", "Hives after a wasp sting",
                      "Swollen ankle after a long flight", "A rash after a bee sting")
    ]  # fmt: skip
    ids = [q.pk for q in questions]
    matrix = np.vstack([
        vectors.decode(QuestionVector.objects.get(pk=pk).vector) for pk in ids
    ])  # fmt: skip
    sims = matrix @ matrix.T
    expected = {pk: float(np.mean(np.delete(sims[i], i))) for i, pk in enumerate(ids)}

    without_file = vectors.crowding(ids)
    vectors.build_index_file()
    with_file = vectors.crowding(ids)

    for pk in ids:
        assert without_file[pk] == pytest.approx(expected[pk], abs=1e-3)
        # The file's graph holds int8 vectors: close, not equal.
        assert with_file[pk] == pytest.approx(expected[pk], abs=0.02)


def test_a_question_newer_than_the_file_gets_the_files_median_crowding(db):
    for title in ("Hives after a bee sting", "Hives after a wasp sting", "Sore knee"):
        _question(title)
    info = vectors.build_index_file()
    QuestionVector.objects.update(updated_at=info.built_at - vectors.TAIL_MARGIN * 2)

    newer = _question("Swollen ankle after a long flight")

    assert vectors.crowding([newer.pk]) == {newer.pk: info.crowding_median}


def test_reindex_refuses_a_thread_count_below_one(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--threads must be 1 or more"):
        call_command("reindex", "--threads", "0", stdout=io.StringIO())


def test_a_vector_written_by_another_process_is_found_within_seconds(db, monkeypatch):
    first = _question("Hives after a bee sting")
    assert [pk for pk, _s in vectors.nearest(_embed(first.title), k=5)] == [first.pk]
    # Another process writes a vector: this one's decoded tail is still cached.
    other = factories.QuestionFactory(title="Hives after a wasp sting")
    text = vectors.question_text(other.title, other.body)
    QuestionVector.objects.create(
        question=other, model_id=vectors.get_embedder().model_id,
        text_hash=vectors.text_hash(vectors.get_embedder().model_id, text),
        vector=vectors.encode(_embed(text)),
    )  # fmt: skip
    assert other.pk not in dict(vectors.nearest(_embed(other.title), k=5))

    monkeypatch.setattr(vectors, "TAIL_SECONDS", 0.0)
    vectors._tail_cache.until = 0.0  # the cached copy has expired

    assert other.pk in dict(vectors.nearest(_embed(other.title), k=5))


def test_a_long_tail_gives_its_best_k_and_ties_keep_the_newer_question(db):
    """No file: every vector is in the tail, which is cut to the best k."""
    hives = [_question("Hives after a bee sting") for _ in range(3)]
    _question("Swollen ankle after a long flight")
    _question("Itchy scalp in winter")

    found = vectors.nearest(_embed("Hives after a bee sting"), k=2)

    # Three equal scores: the tie goes to the newest questions, as the
    # rankings break ties everywhere else.
    assert [pk for pk, _s in found] == [hives[2].pk, hives[1].pk]


def test_an_edited_question_in_the_tail_loses_the_score_of_its_old_vector(db):
    from django.utils import timezone

    edited = _question("Hives after a bee sting")
    others = [_question(f"Hives after a wasp sting, day {n}") for n in range(4)]
    info = vectors.build_index_file()
    QuestionVector.objects.update(updated_at=info.built_at - vectors.TAIL_MARGIN * 2)
    # The file still holds its old text; the tail holds the new one, far from
    # the query and outside the tail's best two.
    edited.title = "Stiff neck every morning"
    edited.save()
    services.search_index_question(question_id=edited.pk)
    QuestionVector.objects.filter(question__in=others).update(updated_at=timezone.now())
    vectors._tail_cache.clear()
    assert vectors.tail_size() == 5

    found = vectors.nearest(_embed("Hives after a bee sting"), k=2)

    assert edited.pk not in dict(found)
    assert {pk for pk, _s in found} <= {other.pk for other in others}


def test_the_tail_is_read_again_only_for_what_changed(db, monkeypatch):
    """Each process refreshes its copy of the tail from the rows written since
    its last read: new questions join it, edited ones replace their row."""
    monkeypatch.setattr(vectors, "TAIL_SECONDS", 0.0)  # refresh on every search
    info = vectors.build_index_file()  # empty: everything after it is the tail
    start = info.built_at
    hives = _question("Hives after a bee sting")
    ankle = _question("Swollen ankle after a long flight")
    QuestionVector.objects.update(updated_at=start + timedelta(seconds=1))
    model_id = vectors.get_embedder().model_id
    vectors._tail_cache.get(model_id, info)  # the whole tail: both rows
    vectors._tail_cache.seen = start + timedelta(minutes=5)  # read much later
    # Later still, one question is edited and a new one asked.
    hives.title = "Stiff neck every morning"
    hives.save()
    services.search_index_question(question_id=hives.pk)
    knee = _question("Knee pain on the stairs")
    QuestionVector.objects.filter(pk__in=[hives.pk, knee.pk]).update(
        updated_at=start + timedelta(minutes=6)
    )
    decoded = []
    decode = vectors.decode
    monkeypatch.setattr(
        vectors, "decode", lambda b: decoded.append(len(b)) or decode(b)
    )

    ids, matrix = vectors._tail_cache.get(model_id, info)
    reads = list(decoded)

    assert sorted(ids.tolist()) == sorted([hives.pk, ankle.pk, knee.pk])
    stored = vectors.decode(QuestionVector.objects.get(pk=hives.pk).vector)
    assert np.array_equal(matrix[ids.tolist().index(hives.pk)], stored)
    # Two rows read (and decoded), not three: the ankle's was kept.
    row_bytes = stored.nbytes // 2  # stored as float16
    assert reads == [2 * row_bytes]
