"""Search: the one place questions are found by text.

``search_questions`` is what the search page and the API call. Today it ranks with
the database's full-text index; semantic ranking will be fused in here.
"""

from dataclasses import dataclass, field

from django.core.cache import cache

from curbside.questions.models import Question
from curbside.questions.selectors import question_cards, visible_questions
from curbside.search.lexical import Filters, lexical_backend, query_terms

MAX_QUERY_LENGTH = 300
RELATED_SECONDS = 6 * 3600
RELATED_CANDIDATES = 10  # candidates checked per related question shown


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

    Questions that share the most topics with this one come first, the newest of
    them first; a question without topics gets the lexical neighbours of its
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
    """Answered questions sharing the most topics with this one, newest first.

    Looks only at the newest questions filed under each of its topics (a short
    index scan per topic), so the cost does not grow with the size of the site.
    """
    links = Question.topics.through.objects
    shared: dict[int, int] = {}
    for topic_id in question.topics.values_list("pk", flat=True):
        newest = (
            links.filter(topic_id=topic_id)
            .exclude(question_id=question.pk)
            .order_by("-pk")
            .values_list("question_id", flat=True)[: limit * RELATED_CANDIDATES]
        )
        for pk in newest:
            shared[pk] = shared.get(pk, 0) + 1
    if not shared:
        return []
    ranked = sorted(shared, key=lambda pk: (-shared[pk], -pk))
    keep = set(
        visible_questions()
        .filter(pk__in=ranked, answer_count__gt=0)
        .values_list("pk", flat=True)
    )
    return [pk for pk in ranked if pk in keep][:limit]


def _related_by_title(question: Question, limit: int) -> list[int]:
    found = search_questions(
        question.title, answered=True, limit=limit + 1, with_total=False
    )
    return [r.question.pk for r in found.results if r.question.pk != question.pk][
        :limit
    ]
