"""Search: the one place questions are found by text.

``search_questions`` is what the search page and the API call. Today it ranks with
the database's full-text index; semantic ranking will be fused in here.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count

from curbside.questions.models import Question
from curbside.questions.selectors import question_cards, visible_questions
from curbside.search.lexical import Filters, lexical_backend, query_terms

MAX_QUERY_LENGTH = 300
RELATED_SECONDS = 6 * 3600


@dataclass
class SearchResult:
    question: Question
    score: float
    snippet_html: str


@dataclass
class SearchPage:
    query: str
    results: list[SearchResult] = field(default_factory=list)
    total: int = 0


def search_questions(
    query: str,
    *,
    topic_ids: tuple[int, ...] = (),
    answered: bool | None = None,
    limit: int = 20,
    offset: int = 0,
    with_total: bool = True,
) -> SearchPage:
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    terms = query_terms(query)
    page = SearchPage(query=query)
    if not terms:
        return page
    backend = lexical_backend()
    filters = Filters(topic_ids=tuple(topic_ids), answered=answered)
    hits = backend.search(terms, filters, limit, offset)
    if with_total and (hits or offset):
        page.total = backend.count(terms, filters)
    questions = question_cards(visible_questions()).in_bulk(
        [h.question_id for h in hits]
    )
    page.results = [
        SearchResult(questions[h.question_id], h.score, h.snippet_html)
        for h in hits
        if h.question_id in questions
    ]
    return page


def related_questions(question: Question, *, limit: int = 5) -> list[Question]:
    """Other answered questions on the same subject.

    Questions that share the most topics with this one come first, the most helpful
    of them first; a question without topics gets the lexical neighbours of its
    title instead. The ids are cached for a few hours (ranking costs more than a
    page view should); the questions themselves are read fresh.
    """
    key = f"related:{question.pk}"
    ids = cache.get(key)
    if ids is None:
        ids = _related_by_topics(question, limit) or _related_by_title(question, limit)
        cache.set(key, ids, RELATED_SECONDS)
    by_id = visible_questions().only("title", "slug", "answer_count").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _related_by_topics(question: Question, limit: int) -> list[int]:
    topic_ids = list(question.topics.values_list("pk", flat=True))
    if not topic_ids:
        return []
    return list(
        visible_questions()
        .filter(answer_count__gt=0, topics__in=topic_ids)
        .exclude(pk=question.pk)
        .values("pk")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-helpful_count", "-pk")
        .values_list("pk", flat=True)[:limit]
    )


def _related_by_title(question: Question, limit: int) -> list[int]:
    found = search_questions(
        question.title, answered=True, limit=limit + 1, with_total=False
    )
    return [r.question.pk for r in found.results if r.question.pk != question.pk][
        :limit
    ]
