"""Each question's consensus is stored, kept in step with its answers and stances
by a background task, and not recomputed when nothing it reads has changed."""

from unittest import mock

import pytest
from django.test import override_settings

from curbside.consensus.models import QuestionConsensus
from curbside.consensus.selectors import consensus_for
from curbside.consensus.services import (
    COMPUTED,
    DROPPED,
    UNCHANGED,
    consensus_refresh,
    consensus_similarity,
)
from curbside.core.embedding import EmbeddingUnavailable, get_embedder
from curbside.questions import services

ICE = "Ice the knee for twenty minutes three times a day and rest it for a week."
ICE_TOO = "Put ice on the knee for twenty minutes a few times a day, and rest it."


@pytest.fixture
def two_answers(question, verified_physician, second_physician,
                django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        first = services.answer_post(
            question=question, author=verified_physician.user, body=ICE
        )
        second = services.answer_post(
            question=question, author=second_physician.user, body=ICE_TOO
        )
    return first, second


def test_it_stores_the_consensus_once_two_physicians_answered(question, two_answers):
    consensus = consensus_for(question)

    assert consensus is not None
    shared = consensus.of_kind("shared")
    assert shared and {"Bob Baker", "Carol Chen"} <= {
        name.split(",")[0] for name in shared[0].physicians
    }
    stored = QuestionConsensus.objects.get(question=question)
    assert stored.algorithm == consensus.algorithm
    assert len(stored.inputs_hash) == 64


def test_it_skips_the_work_when_the_inputs_did_not_change(question, two_answers):
    stored = QuestionConsensus.objects.get(question=question)

    with mock.patch("curbside.consensus.services.compute") as compute:
        outcome = consensus_refresh(question_id=question.pk)

    assert outcome == UNCHANGED
    compute.assert_not_called()
    assert QuestionConsensus.objects.get(question=question).computed_at == (
        stored.computed_at
    )


def test_an_agreement_recomputes_it_with_the_new_supporter(
    question, two_answers, dermatology, django_capture_on_commit_callbacks
):
    from tests import factories

    third = factories.PhysicianFactory(name="Erin Ellis", specialties=[dermatology])
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_set(
            answer=two_answers[0], physician_user=third.user, stance="agree"
        )

    shared = consensus_for(question).of_kind("shared")
    assert any("Erin Ellis" in name for name in shared[0].physicians)


def test_a_removed_question_loses_its_consensus(question, two_answers):
    question.is_removed = True
    question.save(update_fields=["is_removed"])

    assert consensus_refresh(question_id=question.pk) == DROPPED
    assert consensus_for(question) is None


def test_it_recomputes_everything_after_an_algorithm_change(question, two_answers):
    QuestionConsensus.objects.update(inputs_hash="old")

    assert consensus_refresh(question_id=question.pk) == COMPUTED
    assert QuestionConsensus.objects.get().inputs_hash != "old"


def test_tasks_run_inline_compute_it_without_the_model(question, two_answers):
    assert consensus_similarity() is None
    assert QuestionConsensus.objects.get().algorithm.endswith("+lexical")


@override_settings(TASKS_BACKEND="database")
def test_a_worker_computes_it_with_the_embedding_model(question, two_answers):
    similarity = consensus_similarity()
    assert similarity is not None and similarity.name == get_embedder().model_id

    # The model is part of the algorithm: the lexical consensus is stale.
    assert consensus_refresh(question_id=question.pk) == COMPUTED
    stored = QuestionConsensus.objects.get()
    assert stored.algorithm.endswith("+" + similarity.name)
    assert consensus_refresh(question_id=question.pk) == UNCHANGED


@override_settings(TASKS_BACKEND="database")
def test_a_worker_embeds_again_only_the_sentences_it_has_not_seen(
    question, two_answers, dermatology
):
    from curbside.core.embedding import HashingEmbedder
    from tests import factories

    asked = []

    class Counting(HashingEmbedder):
        def embed(self, texts):
            asked.extend(texts)
            return super().embed(texts)

    third = factories.PhysicianFactory(name="Erin Ellis", specialties=[dermatology])
    with mock.patch(
        "curbside.consensus.services.get_embedder", return_value=Counting()
    ):
        assert consensus_refresh(question_id=question.pk) == COMPUTED
        first = list(asked)
        # A stance changes what the consensus says, not one sentence.
        services.agreement_set(
            answer=two_answers[0], physician_user=third.user, stance="agree"
        )
        assert consensus_refresh(question_id=question.pk) == COMPUTED

    assert ICE in first and ICE_TOO in first
    assert asked == first


@override_settings(TASKS_BACKEND="database")
def test_without_its_model_files_a_worker_falls_back_to_words(question, two_answers):
    with mock.patch(
        "curbside.consensus.services.get_embedder",
        side_effect=EmbeddingUnavailable("no model"),
    ):
        assert consensus_similarity() is None


def test_answers_of_a_question_merged_as_a_duplicate_join_the_consensus(
    patient, moderator, verified_physician, second_physician,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from tests import factories

    target = factories.QuestionFactory(asker=patient, title="Twisted my knee")
    duplicate = factories.QuestionFactory(
        asker=patient, title="Knee twisted at football"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(question=target, author=verified_physician.user, body=ICE)
        services.answer_post(
            question=duplicate, author=second_physician.user, body=ICE_TOO
        )
    before = consensus_for(target)  # one answer each: nothing to sum up yet
    assert before is None or not before.points

    with django_capture_on_commit_callbacks(execute=True):
        services.question_mark_duplicate(
            moderator=moderator, question=duplicate, target=target
        )

    consensus = consensus_for(target)
    assert consensus is not None
    assert {"Bob Baker", "Carol Chen"} <= {
        name.split(",")[0] for point in consensus.of_kind("shared")
        for name in point.physicians
    }  # fmt: skip
