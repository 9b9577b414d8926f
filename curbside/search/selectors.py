"""Search: the one place questions are found by text.

``search_questions`` (the search page and the API) and ``similar_questions`` (the
ask page, as the patient types) both take the best candidates of two rankings —
the database's full-text index (words) and the vector index (meaning) — and let
``ranking.fuse`` put them in one order. ``related_questions`` (the question page)
uses the question's own vector.
"""

import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, Min, OuterRef
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.text import Truncator

from curbside.core.embedding import EmbeddingUnavailable
from curbside.questions.models import Answer, Question
from curbside.questions.selectors import listed_questions, question_cards
from curbside.search import ranking, vectors
from curbside.search.lexical import (
    Filters,
    lexical_backend,
    query_terms,
    selective_terms,
)
from curbside.search.models import QuestionVector

log = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 300
RELATED_SECONDS = 6 * 3600
RELATED_CANDIDATES = 10  # candidates checked per related question shown
CANDIDATES = 100  # taken from each ranking before fusing
# A question found by meaning alone must be at least this close to be listed
# (MiniLM: unrelated health questions mostly score 0.15–0.35 with each other).
SEARCH_MIN_COSINE = 0.38
SNIPPET_WORDS = 30
# A words match scoring below this share of the best one is left out.
LEXICAL_MIN_SHARE = 0.3


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    HELPFUL = "helpful"
    CHOICES = (RELEVANCE, NEWEST, HELPFUL)


@dataclass
class SearchResult:
    question: Question
    score: float
    snippet_html: str
    # "words", "meaning" or "both": which ranking found it.
    matched: str = "words"


@dataclass
class SearchPage:
    query: str
    results: list[SearchResult] = field(default_factory=list)
    total: int = 0


def _keys(ids) -> list[int] | RawSQL:
    """What ``pk__in`` takes for a few hundred keys. PostgreSQL gets them as one
    array: as a list, each key is a parameter of its own that the client formats
    and the server parses, 2-3 ms for the 200 candidates of a search."""
    ids = list(ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


def _candidate_rows(ids, filters: Filters) -> tuple[dict[int, str], set[int]]:
    """In one query: the text of each of these questions, and which of them are
    listed and pass the filters."""
    passing = listed_questions().filter(pk=OuterRef("pk"))
    if filters.topic_ids:
        passing = passing.filter(topics__in=filters.topic_ids)
    if filters.answered is True:
        passing = passing.filter(answer_count__gt=0)
    elif filters.answered is False:
        passing = passing.filter(answer_count=0)
    if filters.specialty_ids:
        passing = passing.filter(
            answers__is_removed=False,
            answers__physician__specialties__in=filters.specialty_ids,
        )
    rows = (
        Question.objects.filter(pk__in=_keys(ids))
        .annotate(passes=Exists(passing))
        .order_by()  # read into a dict: the default order would be a sort for nothing
        .values_list("pk", "title", "body", "passes")
    )
    texts, allowed = {}, set()
    for pk, title, body, passes in rows:
        texts[pk] = vectors.question_text(title, body)
        if passes:
            allowed.add(pk)
    return texts, allowed


def _ranked(
    query: str,
    terms: list[str],
    filters: Filters,
    *,
    min_cosine: float,
    exclude: int | None = None,
) -> tuple[list[ranking.Candidate], list[str]]:
    """Both rankings' candidates for ``query`` (but ``exclude``), fused, best
    first; and the words the words ranking searched for."""
    try:
        near = vectors.nearest(vectors.embed_query(query), k=CANDIDATES * 2)
    except EmbeddingUnavailable:
        # A broken install: search by words alone rather than fail the page.
        log.exception("Searching by words only: the sentence model is unavailable")
        near, words = [], terms
    else:
        # The meaning ranking covers what common words say; the words ranking
        # is there for rare ones (a drug's name, a condition's), and matching
        # a common word would mean ranking a good part of the site.
        words = selective_terms(terms)
    near = [(pk, score) for pk, score in near if score >= min_cosine and pk != exclude]
    hits = (
        lexical_backend().search(words, filters, CANDIDATES, 0, snippets=False)
        if words
        else []
    )
    hits = [hit for hit in hits if hit.question_id != exclude]
    # Any one word matches (OR), so a long question also finds texts that share
    # only its commonest word; those score a small share of the best match.
    floor = hits[0].score * LEXICAL_MIN_SHARE if hits else 0.0
    lexical = [(hit.question_id, hit.score) for hit in hits if hit.score >= floor]
    # The words ranking filtered in SQL; the meaning ranking's candidates are
    # checked here, in the query that reads every candidate's text.
    texts, allowed = _candidate_rows(
        {pk for pk, _score in near} | {pk for pk, _score in lexical}, filters
    )
    near = [(pk, score) for pk, score in near if pk in allowed][:CANDIDATES]
    candidates = ranking.merge(lexical, near)
    crowded = vectors.crowding([pk for pk, _score in near]) if near else {}
    for c in candidates:
        c.text = texts.get(c.question_id, "")
        c.crowding = crowded.get(c.question_id, 0.0)
    return ranking.fuse(candidates, query=query), words


def _plain_snippet(question: Question) -> str:
    text = question.body or question.title
    return escape(Truncator(text).words(SNIPPET_WORDS, truncate="…"))


def search_questions(
    query: str,
    *,
    topic_ids: tuple[int, ...] = (),
    answered: bool | None = None,
    specialty_ids: tuple[int, ...] = (),
    sort: str = Sort.RELEVANCE,
    limit: int = 20,
    offset: int = 0,
    with_total: bool = True,
) -> SearchPage:
    """Questions matching ``query`` by words or by meaning, one page of them.

    Relevance is the fused order; "newest" and "helpful" re-sort the same
    matches. At most ``2 × CANDIDATES`` matches are listed: past those, a reader
    is better served by more precise words or a filter.
    """
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    terms = query_terms(query)
    page = SearchPage(query=query)
    if not terms:
        return page
    filters = Filters(
        topic_ids=tuple(topic_ids),
        answered=answered,
        specialty_ids=tuple(specialty_ids),
    )
    fused, words = _ranked(query, terms, filters, min_cosine=SEARCH_MIN_COSINE)
    if sort in (Sort.NEWEST, Sort.HELPFUL):
        order = (
            ("-created_at", "-pk") if sort == Sort.NEWEST else ("-helpful_count", "-pk")
        )
        by_id = {c.question_id: c for c in fused}
        ids = list(
            Question.objects.filter(pk__in=list(by_id))
            .order_by(*order)
            .values_list("pk", flat=True)
        )
        fused = [by_id[pk] for pk in ids]
    page.total = len(fused) if with_total else 0
    chosen = fused[offset : offset + limit]
    questions = question_cards(listed_questions()).in_bulk(
        [c.question_id for c in chosen]
    )
    snippets = lexical_backend().snippets(words, [c.question_id for c in chosen])
    for c in chosen:
        question = questions.get(c.question_id)
        if question is None:
            continue
        words = c.lexical_rank is not None
        meaning = c.vector_rank is not None
        page.results.append(
            SearchResult(
                question,
                c.score,
                snippets.get(c.question_id) or _plain_snippet(question),
                matched="both"
                if words and meaning
                else ("words" if words else "meaning"),
            )
        )
    return page


@dataclass
class SimilarQuestion:
    question: Question
    score: float
    # The specialty of the physician whose answer readers found most helpful.
    top_specialty: str = ""


def similar_questions(
    title: str, details: str = "", *, limit: int = 5
) -> list[SimilarQuestion]:
    """Answered questions that ask the same thing as the one being typed."""
    text = vectors.question_text(title or "", details or "")
    query = text.strip()[: MAX_QUERY_LENGTH * 4]
    terms = query_terms(title or details or "")
    if not terms:
        return []
    fused, _words = _ranked(
        query, terms, Filters(answered=True), min_cosine=ranking.SIMILAR_MIN_COSINE
    )
    chosen = [c for c in fused if (c.vector_score or 0.0) >= ranking.SIMILAR_MIN_COSINE]
    chosen = chosen[:limit]
    # Whole rows with their topics: the API lists every field of a question.
    questions = question_cards(listed_questions().filter(answer_count__gt=0)).in_bulk(
        [c.question_id for c in chosen]
    )
    specialties = _top_specialties(list(questions))
    return [
        SimilarQuestion(
            questions[c.question_id], c.score, specialties.get(c.question_id, "")
        )  # fmt: skip
        for c in chosen
        if c.question_id in questions
    ]


def _top_specialties(question_ids: list[int]) -> dict[int, str]:
    """For each question, the first specialty of its most helpful answer's author."""
    if not question_ids:
        return {}
    answers = (
        Answer.objects.filter(question_id__in=question_ids, is_removed=False)
        .annotate(specialty=Min("physician__specialties__name"))
        .order_by("question_id", "-helpful_count", "created_at", "pk")
        .values_list("question_id", "specialty")
    )
    found: dict[int, str] = {}
    for question_id, specialty in answers:
        found.setdefault(question_id, specialty or "")
    return found


def related_questions(question: Question, *, limit: int = 5) -> list[Question]:
    """Other answered questions on the same subject.

    The nearest answered questions by meaning (the question's stored vector);
    until it has one, those sharing the most topics with it, newest first, or
    else the lexical neighbours of its title. The ids are cached for a few hours
    (ranking costs more than a page view should); the questions themselves are
    read fresh.
    """
    key = f"related:{question.pk}"
    ids = cache.get(key)
    if ids is None:
        ids = (
            _related_by_meaning(question, limit)
            or _related_by_topics(question, limit)
            or _related_by_title(question, limit)
        )
        cache.set(key, ids, RELATED_SECONDS)
    by_id = listed_questions().only("title", "slug", "answer_count").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _related_by_meaning(question: Question, limit: int) -> list[int]:
    stored = (
        QuestionVector.objects.filter(question=question).values_list(
            "vector", flat=True
        )
    ).first()
    if stored is None:
        return []
    near = vectors.nearest(vectors.decode(stored), k=limit * RELATED_CANDIDATES)
    near = [(pk, score) for pk, score in near
            if pk != question.pk and score >= SEARCH_MIN_COSINE]  # fmt: skip
    keep = set(
        listed_questions()
        .filter(pk__in=[pk for pk, _score in near], answer_count__gt=0)
        .values_list("pk", flat=True)
    )
    return [pk for pk, _score in near if pk in keep][:limit]


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
        listed_questions()
        .filter(pk__in=ranked, answer_count__gt=0)
        .values_list("pk", flat=True)
    )
    return [pk for pk in ranked if pk in keep][:limit]


def _related_by_title(question: Question, limit: int) -> list[int]:
    terms = query_terms(question.title)
    if not terms:
        return []
    fused, _words = _ranked(question.title, terms, Filters(answered=True),
                    min_cosine=SEARCH_MIN_COSINE, exclude=question.pk)  # fmt: skip
    return [c.question_id for c in fused[:limit]]
