"""A reader who saw the page before the second answer sees the consensus box on
the next visit: a new consensus drops the cached page, and announcing it does not
set off another round of work."""

from unittest import mock

from curbside.consensus import services as consensus_services
from curbside.questions import services


def test_the_cached_page_shows_the_new_consensus(
    client, question, verified_physician, second_physician,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(
            question=question, author=verified_physician.user,
            body="Ice the knee for twenty minutes three times a day.",
        )  # fmt: skip
    assert 'id="consensus"' not in client.get(question.get_absolute_url()).text

    with (
        mock.patch.object(
            consensus_services, "compute", wraps=consensus_services.compute
        ) as compute,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.answer_post(
            question=question, author=second_physician.user,
            body="Put ice on the knee for twenty minutes a few times a day.",
        )  # fmt: skip

    assert compute.call_count == 1
    assert 'id="consensus"' in client.get(question.get_absolute_url()).text
