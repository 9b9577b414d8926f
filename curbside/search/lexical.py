"""Lexical full-text search in the database's own engine.

SQLite: an FTS5 table ranked by bm25 (title weighted above details and answers).
PostgreSQL: a tsvector per question (weights A/B/C) in a GIN index, ranked by
``ts_rank_cd``. Both take the same words and the same filters and return the same
``LexicalHit`` rows, so callers never see which database answers.
"""

import html
import math
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.html import escape

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
# Letters and digits; "_" separates words, as it does for both engines' tokenizers.
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 16
STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do", "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "should", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "am", "been", "im", "ive"]
)  # fmt: skip


@dataclass(frozen=True)
class LexicalHit:
    question_id: int
    score: float
    snippet_html: str


@dataclass(frozen=True)
class Filters:
    topic_ids: tuple[int, ...] = ()
    answered: bool | None = None
    # Questions answered by a physician of one of these specialties (topic ids).
    specialty_ids: tuple[int, ...] = ()


def query_terms(text: str) -> list[str]:
    """The words worth searching for, lower-cased, without stop words.

    A query of stop words only has no terms (an empty result), as PostgreSQL's
    English configuration would give: "is it the" must not match every question.
    """
    words = [w.lower() for w in WORD_RE.findall(text or "")]
    kept = [w for w in words if w not in STOPWORDS]
    unique = list(dict.fromkeys(kept))
    return unique[:MAX_TERMS]


def marked_to_html(text: str, *, escaped: bool = False) -> str:
    """Escape a snippet (unless the engine was given escaped text) and turn the
    engine's match markers into <mark> tags."""
    safe = (text or "") if escaped else escape(text or "")
    return safe.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _filter_sql(filters: Filters, id_column: str) -> tuple[str, list]:
    # Removed questions and duplicates (their answers show on the target) are
    # never listed.
    clauses, params = ["q.is_removed = %s AND q.duplicate_of_id IS NULL"], [False]
    if filters.topic_ids:
        marks = ", ".join(["%s"] * len(filters.topic_ids))
        clauses.append(
            f"{id_column} IN (SELECT question_id FROM questions_question_topics "
            f"WHERE topic_id IN ({marks}))"
        )
        params.extend(filters.topic_ids)
    if filters.specialty_ids:
        marks = ", ".join(["%s"] * len(filters.specialty_ids))
        clauses.append(
            f"{id_column} IN (SELECT a.question_id FROM questions_answer a "
            "JOIN physicians_physicianprofile_specialties ps "
            "ON ps.physicianprofile_id = a.physician_id "
            f"WHERE a.is_removed = %s AND ps.topic_id IN ({marks}))"
        )
        params.extend([False, *filters.specialty_ids])
    if filters.answered is True:
        clauses.append("q.answer_count > 0")
    elif filters.answered is False:
        clauses.append("q.answer_count = 0")
    return " AND ".join(clauses), params


DF_SECONDS = 6 * 3600
# Words in more than this share of the documents (and more than DF_COMMON_MIN of
# them) are too common to find candidates with: matching them means ranking a
# good part of the site, and the meaning ranking covers what they say.
DF_COMMON_SHARE = 0.02
DF_COMMON_MIN = 500
# However large the site, the words search ranks at most about this many rows:
# the rarest words are taken first, and a word that would take the total past
# it is left to the meaning ranking. 2 % of a million questions is 20,000 rows
# for one word. Measured at 100,000 questions, FTS5 ranks a matching row in
# about 3 µs; PostgreSQL takes 13-25 µs (it reads the row and looks its
# question up): either budget costs about 12 ms at most.
DF_ROW_BUDGET = {"sqlite": 4_000, "postgresql": 500}
# Counting stops one past the budget: a word counted that far is common (and
# its inverse document frequency, used when words alone are searched, hardly
# changes past it).
DF_CAP = max(DF_ROW_BUDGET.values()) + 1


def doc_frequencies(backend, words: list[str]) -> tuple[int, dict[str, int]]:
    """How many documents there are, and how many hold each word (at most
    ``DF_CAP``), from counts cached for hours; what is not cached is counted in
    one query."""
    keys = {w: f"lexical:df:{connection.vendor}:{w}" for w in words}
    total_key = f"lexical:n:{connection.vendor}"
    cached = cache.get_many([total_key, *keys.values()])
    missing = [w for w, key in keys.items() if key not in cached]
    parts, params = [], []
    if total_key not in cached:
        parts.append("(SELECT count(*) FROM search_lexical)")
    for word in missing:
        sql, word_params = backend._count_sql(word)
        parts.append(sql)
        params.extend(word_params)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(parts)}", params)
            counts = list(cursor.fetchone())
        fresh = {}
        if total_key not in cached:
            fresh[total_key] = counts.pop(0)
        fresh.update({keys[w]: n for w, n in zip(missing, counts, strict=True)})
        cache.set_many(fresh, DF_SECONDS)
        cached.update(fresh)
    return cached[total_key], {w: cached[key] for w, key in keys.items()}


def idf(total: int, df: int) -> float:
    return math.log(1 + (max(total, df) - df + 0.5) / (df + 0.5))


def selective_terms(terms: list[str]) -> list[str]:
    """The words of ``terms`` rare enough to find candidates with, in their
    order: each in few documents, and together in at most the database's
    ``DF_ROW_BUDGET``."""
    if not terms:
        return []
    total, frequencies = doc_frequencies(lexical_backend(), terms)
    limit = max(DF_COMMON_MIN, total * DF_COMMON_SHARE)
    budget = DF_ROW_BUDGET[connection.vendor]
    chosen, rows = set(), 0
    for term in sorted(set(terms), key=lambda t: (frequencies[t], t)):
        count = frequencies[term]
        # A count that reached the cap only says "at least DF_CAP": common.
        if count > limit or count >= DF_CAP or rows + count > budget:
            break
        chosen.add(term)
        rows += count
    return [t for t in terms if t in chosen]


class SqliteLexical:
    def index(self, question_id: int, title: str, body: str, answers: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_lexical WHERE rowid = %s", [question_id])
            cursor.execute(
                "INSERT INTO search_lexical (rowid, title, body, answers) "
                "VALUES (%s, %s, %s, %s)",
                [question_id, title, body, answers],
            )

    def remove(self, question_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_lexical WHERE rowid = %s", [question_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_lexical")

    def refresh_statistics(self) -> None:
        """Nothing to do: FTS5 keeps its own counts."""

    @staticmethod
    def _match(terms: list[str]) -> str:
        return " OR ".join('"{}"'.format(t.replace('"', "")) for t in terms)

    def _count_sql(self, word: str) -> tuple[str, list]:
        return (
            "(SELECT count(*) FROM (SELECT 1 FROM search_lexical "
            "WHERE search_lexical MATCH %s LIMIT %s))",
            [self._match([word]), DF_CAP],
        )

    def search(self, terms, filters: Filters, limit: int, offset: int, *,
               snippets: bool = True):  # fmt: skip
        where, params = _filter_sql(filters, "search_lexical.rowid")
        match = self._match(terms)
        # Rank first, then cut snippets for the page's rows only: SQLite would
        # otherwise build a snippet for every matching row before sorting.
        ranked_sql = (
            "SELECT search_lexical.rowid, bm25(search_lexical, 4.0, 1.5, 1.0) "
            # CROSS JOIN makes SQLite run the full-text match once and look the
            # questions up, instead of re-running the match for every question.
            "FROM search_lexical CROSS JOIN questions_question q "
            "ON q.id = search_lexical.rowid "
            f"WHERE search_lexical MATCH %s AND {where} "
            "ORDER BY bm25(search_lexical, 4.0, 1.5, 1.0), search_lexical.rowid DESC "
            "LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(ranked_sql, [match, *params, limit, offset])
            ranked = cursor.fetchall()
        found = self.snippets(terms, [pk for pk, _score in ranked]) if snippets else {}
        return [
            LexicalHit(pk, -float(score), found.get(pk, "")) for pk, score in ranked
        ]

    def snippets(self, terms, question_ids: list[int]) -> dict[int, str]:
        """Highlighted extracts of these questions where the words match."""
        if not question_ids or not terms:
            return {}
        marks = ", ".join(["%s"] * len(question_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, snippet(search_lexical, -1, %s, %s, '…', 24) "
                "FROM search_lexical "
                f"WHERE search_lexical MATCH %s AND rowid IN ({marks})",
                [MARK_OPEN, MARK_CLOSE, self._match(terms), *question_ids],
            )
            return {pk: marked_to_html(text) for pk, text in cursor.fetchall()}

    def count(self, terms, filters: Filters) -> int:
        where, params = _filter_sql(filters, "search_lexical.rowid")
        sql = (
            "SELECT count(*) FROM search_lexical CROSS JOIN questions_question q "
            "ON q.id = search_lexical.rowid "
            f"WHERE search_lexical MATCH %s AND {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._match(terms), *params])
            return cursor.fetchone()[0]


PARALLEL_WORKERS = "max_parallel_workers_per_gather"


class PostgresLexical:
    CONFIG = "english"

    def index(self, question_id: int, title: str, body: str, answers: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_lexical (question_id, document, headline) "
                "VALUES (%s, "
                "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'C'), %s) "
                "ON CONFLICT (question_id) DO UPDATE SET "
                "document = EXCLUDED.document, headline = EXCLUDED.headline",
                [question_id, self.CONFIG, title, self.CONFIG, body, self.CONFIG,
                 answers, self._headline_text(title, body, answers)],
            )  # fmt: skip

    def remove(self, question_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_lexical WHERE question_id = %s", [question_id]
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_lexical")

    def refresh_statistics(self) -> None:
        """Let the planner (and ``_count_sql``) know the rebuilt table's most
        common words at once rather than at autovacuum's next pass, and merge the
        index's pending entries, which every search would otherwise read."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_lexical")
            cursor.execute(
                "SELECT gin_clean_pending_list('search_lexical_document'::regclass)"
            )

    @staticmethod
    def _headline_text(title: str, body: str, answers: str) -> str:
        """What snippets are cut from, HTML-escaped up front: ts_headline's parser
        would otherwise drop anything that looks like a tag, and it keeps
        entities as they are."""
        return html.escape(f"{title} — {body}\n{answers}", quote=False)

    @staticmethod
    def _tsquery(terms: list[str]) -> str:
        return " | ".join(re.sub(r"[^\w]", "", t) for t in terms if t)

    HEADLINE_OPTIONS = (
        f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords=30, MinWords=12, "
        "MaxFragments=2, FragmentDelimiter=' … '"
    )

    def search(self, terms, filters: Filters, limit: int, offset: int, *,
               snippets: bool = True):  # fmt: skip
        where, params = _filter_sql(filters, "s.question_id")
        # ts_rank_cd knows nothing of how rare a word is, so a question sharing
        # only a common word would rank with one sharing a rare one. Each word
        # the question holds adds its inverse document frequency (as bm25 does
        # with SQLite); ts_rank_cd (proximity, fields) breaks near-ties.
        words = [w for w in (re.sub(r"[^\w]", "", t) for t in terms) if w]
        weights = self._idf(words)
        cases = (
            " + ".join(
                "CASE WHEN s.document @@ to_tsquery(%s::regconfig, %s) THEN %s ELSE 0 END"
                for _w in words
            )
            or "0"
        )
        case_params = [p for w in words for p in (self.CONFIG, w, weights[w])]
        # The query is written out where it is matched rather than taken from a
        # subquery: the planner then estimates the matches from the words'
        # statistics instead of a fixed share of the table.
        tsquery = [self.CONFIG, self._tsquery(terms)]
        sql = (
            f"SELECT s.question_id, ({cases}) * "
            "(1 + ts_rank_cd(s.document, to_tsquery(%s::regconfig, %s))) AS rank "
            "FROM search_lexical s "
            # Each match's question is looked up by its key (OFFSET 0 keeps the
            # planner from turning this into a join): planned as a join, a
            # misestimate of the matches made it hash the whole questions table.
            "CROSS JOIN LATERAL (SELECT 1 FROM questions_question q "
            f"WHERE q.id = s.question_id AND {where} OFFSET 0) listed "
            "WHERE s.document @@ to_tsquery(%s::regconfig, %s) "
            "ORDER BY rank DESC, s.question_id DESC LIMIT %s OFFSET %s"
        )
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            # The words a search is made of match a few hundred rows at most
            # (``DF_ROW_BUDGET``), but for a word missing from its statistics
            # the planner assumes thousands and starts a parallel worker, which
            # costs more than the whole scan (5-10 ms). Turned off until the end
            # of the transaction: the search's own, or the caller's if it had
            # one open.
            cursor.execute("SELECT set_config(%s, '0', true)", [PARALLEL_WORKERS])
            cursor.execute(
                sql,
                [*case_params, *tsquery, *params, *tsquery, limit, offset],
            )  # fmt: skip
            ranked = cursor.fetchall()
        found = self.snippets(terms, [pk for pk, _rank in ranked]) if snippets else {}
        return [LexicalHit(pk, float(rank), found.get(pk, "")) for pk, rank in ranked]

    def _idf(self, words: list[str]) -> dict[str, float]:
        total, frequencies = doc_frequencies(self, words)
        return {w: idf(total, frequencies[w]) for w in words}

    def _count_sql(self, word: str) -> tuple[str, list]:
        # A common word costs a visit to every row that holds it (up to the
        # cap), but ANALYZE already knows the share of rows holding each of
        # the table's most common words (pg_stats.most_common_elems): those
        # are estimated from it, and only the others, which are rare, counted.
        word = re.sub(r"[^\w]", "", word)
        return (
            "(SELECT COALESCE(("
            "SELECT LEAST(round(x.f * c.reltuples), %s)::integer "
            "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
            "AND c.relnamespace = to_regnamespace(s.schemaname), "
            "unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) "
            "AS x(e, f) "
            "WHERE s.tablename = 'search_lexical' AND s.attname = 'document' "
            "AND s.schemaname = current_schema() AND c.reltuples > 0 "
            "AND x.e = ANY(tsvector_to_array(to_tsvector(%s::regconfig, %s))) "
            "LIMIT 1), (SELECT count(*) FROM (SELECT 1 FROM search_lexical "
            "WHERE document @@ to_tsquery(%s::regconfig, %s) LIMIT %s) t)))",
            [DF_CAP, self.CONFIG, word, self.CONFIG, word, DF_CAP],
        )

    def snippets(self, terms, question_ids: list[int]) -> dict[int, str]:
        """Highlighted extracts of these questions where the words match (the
        page's rows only: ts_headline is the costly part)."""
        if not question_ids or not terms:
            return {}
        marks = ", ".join(["%s"] * len(question_ids))
        # Only rows where a word matches: ts_headline is costly on long answers,
        # and a question found by meaning alone shows the start of its details.
        sql = (
            "WITH query AS (SELECT to_tsquery(%s::regconfig, %s) AS tsq) "
            "SELECT s.question_id, ts_headline(%s::regconfig, s.headline, "
            "query.tsq, %s) FROM search_lexical s CROSS JOIN query "
            f"WHERE s.question_id IN ({marks}) AND s.document @@ query.tsq"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.CONFIG, self._tsquery(terms), self.CONFIG,
                                 self.HEADLINE_OPTIONS, *question_ids])  # fmt: skip
            return {
                pk: marked_to_html(text, escaped=True) for pk, text in cursor.fetchall()
            }

    def count(self, terms, filters: Filters) -> int:
        where, params = _filter_sql(filters, "s.question_id")
        sql = (
            "SELECT count(*) FROM search_lexical s "
            "JOIN questions_question q ON q.id = s.question_id "
            f"WHERE s.document @@ to_tsquery(%s::regconfig, %s) AND {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.CONFIG, self._tsquery(terms), *params])
            return cursor.fetchone()[0]


def lexical_backend():
    if connection.vendor == "postgresql":
        return PostgresLexical()
    return SqliteLexical()
