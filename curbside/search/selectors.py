"""Search: the one place questions are found by text.

``search_questions`` is what the search page and the API call. Today it ranks with
the database's full-text index; semantic ranking will be fused in here.
"""

from dataclasses import dataclass, field

from curbside.questions.models import Question
from curbside.questions.selectors import question_cards, visible_questions
from curbside.search.lexical import Filters, lexical_backend, query_terms

MAX_QUERY_LENGTH = 300


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
) -> SearchPage:
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    terms = query_terms(query)
    page = SearchPage(query=query)
    if not terms:
        return page
    backend = lexical_backend()
    filters = Filters(topic_ids=tuple(topic_ids), answered=answered)
    hits = backend.search(terms, filters, limit, offset)
    page.total = backend.count(terms, filters) if hits or offset else 0
    questions = question_cards(visible_questions()).in_bulk(
        [h.question_id for h in hits]
    )
    page.results = [
        SearchResult(questions[h.question_id], h.score, h.snippet_html)
        for h in hits
        if h.question_id in questions
    ]
    return page
