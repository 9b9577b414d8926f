"""Posting, editing, agreeing and disagreeing all queue a recomputation — even
the events that change no words — and nothing is computed in a page request."""

from unittest import mock

from curbside.questions import services


def test_it_queues_a_recomputation_on_answer_and_agreement_events(
    question, verified_physician, second_physician,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with mock.patch("curbside.consensus.receivers.refresh_consensus") as task:
        with django_capture_on_commit_callbacks(execute=True):
            answer = services.answer_post(
                question=question, author=verified_physician.user,
                body="Moisturise twice a day and avoid hot showers.",
            )  # fmt: skip
        assert task.enqueue.call_args_list == [mock.call(question.pk)]

        with django_capture_on_commit_callbacks(execute=True):
            services.answer_edit(
                answer=answer, editor=verified_physician.user,
                body="Moisturise twice a day, avoid hot showers, use a mild soap.",
            )  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            services.agreement_set(
                answer=answer, physician_user=second_physician.user, stance="agree"
            )
        with django_capture_on_commit_callbacks(execute=True):
            services.agreement_set(
                answer=answer, physician_user=second_physician.user,
                stance="disagree", reason="Soap substitutes are better than soap.",
            )  # fmt: skip
        assert task.enqueue.call_count == 4


def test_the_question_page_computes_nothing(client, question):
    with mock.patch("curbside.consensus.services.compute") as compute:
        response = client.get(question.get_absolute_url())

    assert response.status_code == 200
    compute.assert_not_called()
