"""The index is rebuilt for a question when its words change, not for votes."""

from unittest import mock

from curbside.questions import services


def test_it_reindexes_when_an_answer_is_posted_but_not_for_a_helpful_mark(
    question, verified_physician, outsider, django_capture_on_commit_callbacks
):
    with mock.patch("curbside.search.receivers.index_question") as task:
        with django_capture_on_commit_callbacks(execute=True):
            answer = services.answer_post(
                question=question,
                author=verified_physician.user,
                body="Moisturise twice a day and avoid hot showers.",
            )
        assert task.enqueue.call_count == 1

        with django_capture_on_commit_callbacks(execute=True):
            services.helpful_mark(answer=answer, user=outsider)
        assert task.enqueue.call_count == 1
