"""The question page costs a fixed number of queries, however many physicians
answered and agreed: no query per answer, per specialty or per agreement."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curbside.questions import services
from curbside.search import vectors
from tests import factories

MAX_QUERIES = 20


def _answer_with_agreements(question, agreeing: int):
    author = factories.PhysicianFactory(specialties=[factories.SpecialtyFactory()])
    answer = services.answer_post(
        question=question, author=author.user, body="Moisturise twice a day for weeks."
    )
    for _ in range(agreeing):
        services.agreement_set(
            answer=answer,
            physician_user=factories.PhysicianFactory().user,
            stance="agree",
        )
    services.agreement_set(
        answer=answer,
        physician_user=factories.PhysicianFactory().user,
        stance="disagree",
        reason="Steroid cream first, then moisturiser.",
    )


def _count_queries(client, question) -> int:
    # Each page from cold caches, so both pay for the same look-ups.
    cache.clear()
    vectors._tail_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_it_does_not_grow_with_the_number_of_answers(client, patient, outsider):
    one = factories.QuestionFactory(asker=patient)
    _answer_with_agreements(one, agreeing=1)
    many = factories.QuestionFactory(asker=patient)
    for _ in range(6):
        _answer_with_agreements(many, agreeing=3)

    client.force_login(outsider)
    assert _count_queries(client, many) == _count_queries(client, one)


def test_it_stays_within_a_small_budget(
    client, patient, outsider, django_assert_max_num_queries
):
    question = factories.QuestionFactory(asker=patient)
    for _ in range(4):
        _answer_with_agreements(question, agreeing=2)
    client.force_login(outsider)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(question.get_absolute_url())
