"""The doctors' consensus, extracted from the physicians' own sentences.

Pure: plain data in (a question's text, its answers as plain text, the physicians'
agreements), plain data out (a ``Consensus``). No ORM and no settings, so it runs
the same in a task, a command, a benchmark and a test.

The steps (docs/decisions/0004-consensus.md explains the choices):

1. Split every answer into sentences, kept as spans of the answer's text.
2. Weigh each sentence's content stems by TF-IDF over the sentences of this
   question's answers; words of the question count more, since they name the
   matters the asker wants settled.
3. Measure how close each sentence is to the question, read in its passage (with
   its neighbours in its answer): the sentence-embedding model's cosine, or the
   share of the question's stems, depending on the ``Similarity``; a sentence
   that gives a kind of answer the question asks for (a treatment, a cause…:
   ``core.intent``) counts as closer.
4. Group sentences that say the same thing across answers: average-link
   agglomerative clustering on a similarity that lets a short sentence match the
   part of a longer one it shares (lexical by default; ``EmbeddingSimilarity``
   puts a sentence-embedding model behind the same interface).
5. For each group, find the matter it is about (its heaviest stem used by two or
   more answers) and each answer's polarity on it (whether a negation reaches it):
   mixed polarities make a *differs* point, otherwise two or more physicians make
   a *shared* point; a group from one answer is a *single* point, kept when it
   ranks among the most notable of that answer.
6. The statement of a point is one whole sentence of a supporting answer, the one
   most central to its group. Nothing is written that a physician did not write.
   Points rank first by the relevance of their statement's passage, then by the
   share of physicians behind them.

Agreements: a physician who agreed with an answer supports its points; a
disagreement (always with a reason) is a *differs* point between the answer's
sentence closest to the reason and the reason itself.
"""

import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Protocol
from urllib.parse import quote

from curbside.consensus.text import (
    content_stems,
    negated_stems,
    sentence_spans,
    words,
)
from curbside.core.intent import question_types

ALGORITHM = "extractive-3"

SHARED, DIFFERS, SINGLE = "shared", "differs", "single"
KINDS = (SHARED, DIFFERS, SINGLE)

#: Two groups merge while the average similarity of their sentences (across
#: answers) is at least this.
MERGE_THRESHOLD = 0.3
#: The weight of a stem that also appears in the question.
QUESTION_BOOST = 2.0
#: At most this many single points per answer, and in all.
SINGLES_PER_ANSWER = 2
MAX_SINGLES = 6
#: How a point ranks: the share of physicians behind it, how close its statement
#: is to the other answers' sentences in its group, how close it and its passage
#: are to the question, how early it comes in its answer, how much it says; a
#: difference comes before agreements of the same standing, since a reader must
#: not miss it. Relevance weighs most: the points that answer what was asked come
#: first (docs/decisions/0004-consensus.md, Evaluation).
W_BACKERS, W_CENTRAL, W_RELEVANCE, W_POSITION, W_SALIENCE, W_DIFFERS = (
    1.0,
    0.5,
    4.0,
    0.15,
    0.05,
    0.3,
)
#: How much a sentence's own relevance counts against each neighbour's in its
#: passage relevance.
CONTEXT_SELF = 3.0
#: Added to a sentence's relevance when it gives a kind of answer the question
#: asks for (``core.intent``: a treatment for "what treats…", a cause for
#: "why…"): closeness in topic alone does not answer the question.
KIND_MATCH = 0.15
#: Sentences with fewer content stems do not make points of their own.
MIN_STEMS = 2


# -- input -------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerText:
    """One physician's answer as plain text (Markdown already reduced to words)."""

    answer_id: int
    physician: str
    text: str


@dataclass(frozen=True)
class Stance:
    """A physician's agreement with an answer, or disagreement with its reason."""

    answer_id: int
    physician: str
    agrees: bool
    reason: str = ""


# -- output ------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    answer_id: int
    physician: str
    sentence: str
    #: The sentence's position in its answer (0-based) and its span in the text,
    #: or None for support given by agreeing or disagreeing with the answer.
    index: int | None = None
    start: int | None = None
    end: int | None = None
    #: "answer" (the physician wrote it), "agreement" (agreed with the answer that
    #: says it) or "disagreement" (the sentence is the reason given).
    via: str = "answer"
    #: For a differing point: which side of the matter this support takes,
    #: "negates" or "affirms"; empty otherwise.
    side: str = ""

    @property
    def anchor(self) -> str:
        """The page fragment that leads to the sentence: the answer's anchor and a
        text fragment (``#answer-12:~:text=…``) that browsers highlight."""
        return f"answer-{self.answer_id}{text_fragment(self.sentence)}"


def text_fragment(sentence: str, *, edge_words: int = 4) -> str:
    """A text-fragment directive for a sentence: its first and last few words
    for a long one, all of it for a short one."""
    ws = sentence.split()
    if not ws:
        return ""

    def enc(part: list[str]) -> str:
        return quote(" ".join(part), safe="").replace("-", "%2D")

    if len(ws) <= 2 * edge_words:
        return f":~:text={enc(ws)}"
    return f":~:text={enc(ws[:edge_words])},{enc(ws[-edge_words:])}"


@dataclass(frozen=True)
class Point:
    kind: str
    statement: str
    support: tuple[Support, ...]
    score: float
    #: The stem of the matter a differing point is about (for reading, not display).
    matter: str = ""
    #: A rewording checked against the supporting sentences (consensus.phrasing),
    #: or empty: the statement itself always stays the physician's sentence.
    phrasing: str = ""

    @property
    def physicians(self) -> list[str]:
        return list(dict.fromkeys(s.physician for s in self.support))

    @property
    def answer_ids(self) -> list[int]:
        return list(dict.fromkeys(s.answer_id for s in self.support))

    @property
    def backers(self) -> list[Support]:
        """One support per physician who wrote or agreed with the point (the first
        of theirs), in order; not those who disagreed."""
        seen: dict[str, Support] = {}
        for s in self.support:
            if s.via != "disagreement" and s.physician not in seen:
                seen[s.physician] = s
        return list(seen.values())

    @property
    def writer_count(self) -> int:
        """How many of the answering physicians wrote the point themselves."""
        return len({s.physician for s in self.support if s.via == "answer"})

    @property
    def sides(self) -> list[tuple[str, list[Support]]]:
        """For a differing point: each side and its supports, one per physician."""
        found: dict[str, dict[str, Support]] = {}
        for s in self.support:
            found.setdefault(s.side, {}).setdefault(s.physician, s)
        return [(side, list(by.values())) for side, by in found.items()]


@dataclass(frozen=True)
class Consensus:
    algorithm: str
    points: tuple[Point, ...]
    answer_count: int
    physician_count: int
    reason: str = ""
    #: Single points beyond the notable ones shown, in rank order: the rest of
    #: what the answers say, for summaries longer than the box.
    more: tuple[Point, ...] = ()

    def ranked(self) -> list[Point]:
        """Every point, the shown ones first, each part in rank order."""
        return [*self.points, *self.more]

    def of_kind(self, kind: str) -> list[Point]:
        return [p for p in self.points if p.kind == kind]

    @property
    def groups(self) -> list[tuple[str, list[Point]]]:
        """The points by kind (shared, differs, single), kinds without points left
        out."""
        return [(k, self.of_kind(k)) for k in KINDS if self.of_kind(k)]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Consensus":
        def points(key: str) -> tuple[Point, ...]:
            return tuple(
                Point(
                    kind=p["kind"],
                    statement=p["statement"],
                    score=p["score"],
                    matter=p.get("matter", ""),
                    phrasing=p.get("phrasing", ""),
                    support=tuple(Support(**s) for s in p["support"]),
                )
                for p in data.get(key, ())
            )

        return cls(
            algorithm=data["algorithm"],
            points=points("points"),
            more=points("more"),
            answer_count=data.get("answer_count", 0),
            physician_count=data.get("physician_count", 0),
            reason=data.get("reason", ""),
        )


NOT_ENOUGH_ANSWERS = "fewer-than-two-answers"


# -- similarity --------------------------------------------------------------


class Similarity(Protocol):
    """How alike two sentences are, and how close each is to the question, 0..1,
    given every sentence of the question.

    ``prepare`` runs once per question, then ``score`` (two sentences),
    ``relevance`` (a sentence and the question) and ``weights`` (a sentence's
    stems, for finding the matter a group is about). ``threshold`` is the likeness
    at which two sentences say the same thing, on the similarity's own scale, and
    ``name`` goes into the algorithm's name: a consensus made with another
    similarity is another consensus.
    """

    name: str
    threshold: float

    def prepare(self, question: str, sentences: Sequence[str]) -> None: ...

    def score(self, i: int, j: int) -> float: ...

    def relevance(self, i: int) -> float: ...

    def weights(self, i: int) -> dict[str, float]: ...


class LexicalSimilarity:
    """TF-IDF over content stems; question words weigh more.

    The score is the shared weight over the geometric mean of the two sentences'
    weights and the smaller one's: between cosine (which punishes a short sentence
    for its long partner) and containment (which lets any short sentence match).
    The relevance is the share of the question's weight a sentence holds.
    """

    name = "lexical"
    threshold = MERGE_THRESHOLD

    def prepare(self, question: str, sentences: Sequence[str]) -> None:
        bags = [Counter(content_stems(s)) for s in sentences]
        n = len(bags) or 1
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        asked = set(content_stems(question))
        self.idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self._weights = [
            {
                t: self.idf[t] * (QUESTION_BOOST if t in asked else 1.0)
                for t, c in bag.items()
            }  # fmt: skip
            for bag in bags
        ]
        self._norm2 = [sum(w * w for w in ws.values()) for ws in self._weights]
        self._asked = {t: self.idf.get(t, math.log(1 + n)) for t in asked}
        self._asked_total = sum(self._asked.values())

    def weights(self, i: int) -> dict[str, float]:
        return self._weights[i]

    def relevance(self, i: int) -> float:
        if not self._asked_total:
            return 0.0
        held = sum(w for t, w in self._asked.items() if t in self._weights[i])
        return held / self._asked_total

    def score(self, i: int, j: int) -> float:
        a, b = self._weights[i], self._weights[j]
        if len(a) > len(b):
            a, b = b, a
        shared = sum(w * b[t] for t, w in a.items() if t in b)
        if not shared:
            return 0.0
        na, nb = self._norm2[i], self._norm2[j]
        cosine_den = math.sqrt(na * nb)
        containment_den = min(na, nb)
        return min(1.0, shared / math.sqrt(cosine_den * containment_den))


class EmbeddingSimilarity:
    """Sentence embeddings (``curbside.core.embedding``) for likeness and relevance.

    The question and every sentence are embedded in one call. Two sentences are as
    alike as the cosine of their vectors, or as their words say when that is more
    (a model can miss that two sentences share a rare term); a sentence is as
    relevant as its cosine with the question. Stems and their weights, which name
    the matter of a group and its sides, stay lexical.
    """

    #: Cosines of sentences about the same topic that do not say the same thing
    #: reach about this much with a small general model; paraphrases go well above.
    threshold = 0.8

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self.name = getattr(embedder, "model_id", "embedding")
        self.lexical = LexicalSimilarity()

    def prepare(self, question: str, sentences: Sequence[str]) -> None:
        self.lexical.prepare(question, sentences)
        vectors = self.embedder.embed([question or "", *sentences])
        self._relevance = (vectors[1:] @ vectors[0]).tolist()
        self._cosine = (vectors[1:] @ vectors[1:].T).tolist()

    def weights(self, i: int) -> dict[str, float]:
        return self.lexical.weights(i)

    def relevance(self, i: int) -> float:
        return max(0.0, self._relevance[i])

    def score(self, i: int, j: int) -> float:
        lexical = self.lexical.score(i, j) * self.threshold / MERGE_THRESHOLD
        return max(0.0, min(1.0, max(self._cosine[i][j], lexical)))


# -- the algorithm -----------------------------------------------------------


@dataclass
class _Sentence:
    answer: int  # index into the answers
    index: int  # position in its answer
    start: int
    end: int
    text: str
    stems: frozenset[str]
    position: float = 0.0
    #: How close the sentence and its neighbours in its answer are to the
    #: question, relative to the closest sentence of all the answers (0..1).
    relevance: float = 0.0


@dataclass
class _Group:
    members: list[int] = field(default_factory=list)


def compute(
    question: str,
    answers: Sequence[AnswerText],
    stances: Sequence[Stance] = (),
    *,
    similarity: Similarity | None = None,
) -> Consensus:
    """The consensus of ``answers`` to ``question`` (see the module's docstring)."""
    physicians = {a.physician for a in answers}
    sim = similarity or LexicalSimilarity()
    algorithm = algorithm_name(sim)
    if len(answers) < 2:
        return Consensus(algorithm, (), len(answers), len(physicians),
                         reason=NOT_ENOUGH_ANSWERS)  # fmt: skip
    sentences = _sentences(answers)
    sim.prepare(question, [s.text for s in sentences])
    _passage_relevance(sentences, sim, question_types(question))
    groups = _cluster(sentences, sim)
    agreed: dict[int, list[Stance]] = {}
    for stance in stances:
        if stance.agrees:
            agreed.setdefault(stance.answer_id, []).append(stance)

    points: list[Point] = []
    singles: list[tuple[float, int, Point]] = []
    for group in groups:
        point = _point(group, sentences, answers, sim, agreed)
        if point is None:
            continue
        if point.kind == SINGLE:
            singles.append((point.score, sentences[group.members[0]].answer, point))
        else:
            points.append(point)
    notable, more = _notable_singles(singles)
    points += notable
    points, more = _with_disagreements(
        points, more, _disagreements(answers, stances, sentences, sim)
    )
    points.sort(key=lambda p: -p.score)
    return Consensus(
        algorithm, tuple(points), len(answers), len(physicians), more=tuple(more)
    )


def algorithm_name(similarity: Similarity | None = None) -> str:
    """The algorithm's name with the similarity it runs on ("extractive-3+lexical")."""
    return f"{ALGORITHM}+{(similarity or LexicalSimilarity()).name}"


#: A short sentence that only says the writer agrees with a colleague ("I agree
#: with Dr Greer.") makes no point of its own: agreements count through their
#: records, so such a sentence is never a statement.
MERE_AGREEMENT = re.compile(r"^\W*(?:i|we)\s+(?:\w+\s+)?(?:agree|concur)\b", re.I)
MERE_AGREEMENT_WORDS = 12


def _is_mere_agreement(text: str) -> bool:
    return (
        bool(MERE_AGREEMENT.match(text)) and len(text.split()) <= MERE_AGREEMENT_WORDS
    )


def _sentences(answers: Sequence[AnswerText]) -> list[_Sentence]:
    found = []
    for a, answer in enumerate(answers):
        spans = sentence_spans(answer.text)
        for index, span in enumerate(spans):
            text = answer.text[span.start : span.end]
            found.append(
                _Sentence(
                    answer=a, index=index, start=span.start, end=span.end, text=text,
                    stems=frozenset(
                        () if _is_mere_agreement(text) else content_stems(text)
                    ),
                    position=1.0 - index / max(1, len(spans)),
                )
            )  # fmt: skip
    return found


def _passage_relevance(
    sentences: list[_Sentence], sim: Similarity, asked: frozenset[str]
) -> None:
    """Each sentence's relevance to the question, read in its passage: its own
    closeness (more when it gives a kind of answer that was ``asked``) counted
    ``CONTEXT_SELF`` times, each neighbour's in its answer once, all over the best
    of the question's. A sentence that continues a passage about what was asked
    tells more of the answer than a stray sentence that happens to use the
    question's words."""
    own = [
        sim.relevance(i) + (KIND_MATCH if asked & question_types(s.text) else 0.0)
        for i, s in enumerate(sentences)
    ]
    passage = []
    for i, s in enumerate(sentences):
        total, count = CONTEXT_SELF * own[i], CONTEXT_SELF
        for j in (i - 1, i + 1):
            if 0 <= j < len(sentences) and sentences[j].answer == s.answer:
                total, count = total + own[j], count + 1
        passage.append(total / count)
    top = max(passage, default=0.0) or 1.0
    for s, value in zip(sentences, passage, strict=True):
        s.relevance = value / top


def _cluster(sentences: list[_Sentence], sim: Similarity) -> list[_Group]:
    """Average-link agglomerative clustering over pairs of sentences from different
    answers; a lazy heap keeps it near O(n² log n)."""
    n = len(sentences)
    pair: dict[tuple[int, int], float] = {}
    for i in range(n):
        if len(sentences[i].stems) < MIN_STEMS:
            continue
        for j in range(i + 1, n):
            if sentences[i].answer == sentences[j].answer:
                continue
            if len(sentences[j].stems) < MIN_STEMS:
                continue
            score = sim.score(i, j)
            if score > 0:
                pair[(i, j)] = score
    groups = {i: _Group([i]) for i in range(n)}
    version = dict.fromkeys(range(n), 0)
    heap = [(-s, i, j, 0, 0) for (i, j), s in pair.items() if s >= sim.threshold]
    heapq.heapify(heap)

    def link(a: int, b: int) -> float:
        total = count = 0
        for x in groups[a].members:
            for y in groups[b].members:
                if sentences[x].answer != sentences[y].answer:
                    count += 1
                    total += pair.get((x, y) if x < y else (y, x), 0.0)
        return total / count if count else 0.0

    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in groups or b not in groups:
            continue
        if version[a] != va or version[b] != vb:
            score = link(a, b)
            if score >= sim.threshold:
                heapq.heappush(heap, (-score, a, b, version[a], version[b]))
            continue
        groups[a].members += groups.pop(b).members
        version[a] += 1
        for other in groups:
            if other != a:
                score = link(a, other)
                if score >= sim.threshold:
                    lo, hi = (a, other) if a < other else (other, a)
                    heapq.heappush(heap, (-score, lo, hi, version[lo], version[hi]))
    return sorted(groups.values(), key=lambda g: min(g.members))


def _representative(
    members: list[int], sentences: list[_Sentence], sim: Similarity
) -> int:
    def merit(i: int) -> float:
        s = sentences[i]
        central = sum(
            sim.score(min(i, j), max(i, j))
            for j in members
            if sentences[j].answer != s.answer
        )
        length = len(words(s.text))
        fit = 1.0 if 6 <= length <= 35 else 0.6
        return (central + 0.5 * s.relevance) * fit + 0.1 * s.position

    return max(members, key=lambda i: (merit(i), -i))


def _salience(sentence: _Sentence, sim: Similarity, index: int) -> float:
    """How much a sentence says: its stems' weight, with diminishing returns."""
    return math.log(1 + sum(sim.weights(index).values()))


def _point(group, sentences, answers, sim, agreed) -> Point | None:
    members = [m for m in group.members if len(sentences[m].stems) >= MIN_STEMS]
    if not members:
        return None
    by_answer: dict[int, list[int]] = {}
    for m in members:
        by_answer.setdefault(sentences[m].answer, []).append(m)
    rep = _representative(members, sentences, sim)
    n_answers = len(answers)
    kind, matter, sides = SINGLE, "", {}
    if len(by_answer) >= 2:
        matter, sides = _polarity(by_answer, sentences, sim)
        kind = DIFFERS if len(set(sides.values())) > 1 else SHARED

    support: list[Support] = []
    for a, ms in by_answer.items():
        answer = answers[a]
        for m in sorted(ms):
            s = sentences[m]
            support.append(
                Support(
                    answer_id=answer.answer_id, physician=answer.physician,
                    sentence=s.text, index=s.index, start=s.start, end=s.end,
                    side=sides.get(a, "") if kind == DIFFERS else "",
                )
            )  # fmt: skip
        for stance in agreed.get(answer.answer_id, ()):
            first = sentences[min(ms)]
            support.append(
                Support(
                    answer_id=answer.answer_id, physician=stance.physician,
                    sentence=first.text, index=first.index, start=first.start,
                    end=first.end, via="agreement",
                    side=sides.get(a, "") if kind == DIFFERS else "",
                )
            )  # fmt: skip
    backers = len({s.physician for s in support})
    r = sentences[rep]
    central = 0.0
    if len(by_answer) >= 2:
        others = [m for m in members if sentences[m].answer != r.answer]
        central = sum(sim.score(min(rep, m), max(rep, m)) for m in others) / len(others)
    score = (
        W_BACKERS * backers / max(n_answers, 1)
        + W_CENTRAL * central
        + W_RELEVANCE * r.relevance
        + W_POSITION * r.position
        + W_SALIENCE * _salience(r, sim, rep)
        + (W_DIFFERS if kind == DIFFERS else 0.0)
    )
    return Point(kind=kind, statement=r.text, support=tuple(support),
                 score=round(score, 6), matter=matter)  # fmt: skip


def _polarity(
    by_answer: dict[int, list[int]], sentences: list[_Sentence], sim: Similarity
) -> tuple[str, dict[int, str]]:
    """The matter of a group (its heaviest stem used by two or more of its answers)
    and each answer's side on it: "negates" when the clause holding it has a
    negation, "affirms" otherwise."""
    users: dict[str, set[int]] = {}
    weight: Counter[str] = Counter()
    for a, ms in by_answer.items():
        for m in ms:
            for t, w in sim.weights(m).items():
                users.setdefault(t, set()).add(a)
                weight[t] = max(weight[t], w)
    common = [t for t, who in users.items() if len(who) >= 2]
    if not common:
        return "", {}
    matter = max(common, key=lambda t: (len(users[t]) * weight[t], t))
    sides: dict[int, str] = {}
    for a, ms in by_answer.items():
        votes = Counter()
        for m in ms:
            negated, affirmed = negated_stems(sentences[m].text)
            if matter in negated:
                votes["negates"] += 1
            elif matter in affirmed:
                votes["affirms"] += 1
        if votes:
            sides[a] = "negates" if votes["negates"] >= votes["affirms"] else "affirms"
    return matter, sides


def _notable_singles(
    singles: list[tuple[float, int, Point]],
) -> tuple[list[Point], list[Point]]:
    """The best single points of each answer, at most a few in all; and the rest."""
    kept, rest, per_answer = [], [], Counter()
    for _score, a, point in sorted(singles, key=lambda x: -x[0]):
        if per_answer[a] >= SINGLES_PER_ANSWER or len(kept) >= MAX_SINGLES:
            rest.append(point)
            continue
        per_answer[a] += 1
        kept.append(point)
    return kept, rest


def _disagreements(answers, stances, sentences, sim) -> list[Point]:
    """A disagreement with its reason: the answer's sentence closest to the reason
    on one side, the reason on the other."""
    found = []
    by_id = {a.answer_id: i for i, a in enumerate(answers)}
    for stance in stances:
        if stance.agrees or not stance.reason.strip() or stance.answer_id not in by_id:
            continue
        a = by_id[stance.answer_id]
        own = [s for s in sentences if s.answer == a]
        if not own:
            continue
        reason_stems = set(content_stems(stance.reason))
        closest = max(own, key=lambda s: (len(s.stems & reason_stems), -s.index))
        answer = answers[a]
        found.append(
            Point(
                kind=DIFFERS,
                statement=closest.text,
                score=round(
                    W_BACKERS * 2 / len(answers)
                    + W_RELEVANCE * closest.relevance
                    + W_POSITION * closest.position
                    + W_DIFFERS,
                    6,
                ),
                support=(
                    Support(
                        answer_id=answer.answer_id,
                        physician=answer.physician,
                        sentence=closest.text,
                        index=closest.index,
                        start=closest.start,
                        end=closest.end,
                        side="affirms",
                    ),
                    Support(
                        answer_id=answer.answer_id,
                        physician=stance.physician,
                        sentence=stance.reason.strip(),
                        via="disagreement",
                        side="negates",
                    ),
                ),
            )  # fmt: skip
        )
    return found


def _statement_at(point: Point) -> tuple[int, int | None]:
    """Where a point's statement is written: its answer and its start."""
    for s in point.support:
        if s.via == "answer" and s.sentence == point.statement:
            return s.answer_id, s.start
    return point.support[0].answer_id, point.support[0].start


def _with_disagreements(
    points: list[Point], more: list[Point], disagreements: list[Point]
) -> tuple[list[Point], list[Point]]:
    """The points with the disagreements made part of them.

    Disagreements about the same sentence make one difference. A disagreement
    about a sentence that already makes a point turns that point into the
    difference, its physicians (writers and those who agreed) on the answer's side
    and the dissent on the other, so that no sentence is shown twice; a point kept
    back (in ``more``) comes forward, since a difference must not be missed.
    """
    by_place: dict[tuple[int, int | None], Point] = {}
    for d in disagreements:
        place = _statement_at(d)
        if place in by_place:
            seen = by_place[place]
            dissent = tuple(s for s in d.support if s.via == "disagreement")
            d = replace(seen, support=seen.support + dissent,
                        score=max(seen.score, d.score))  # fmt: skip
        by_place[place] = d

    def absorbed(point: Point) -> Point | None:
        d = by_place.pop(_statement_at(point), None)
        if d is None:
            return None
        own_side = "affirms"
        if point.kind == DIFFERS:
            own_side = next(
                (s.side for s in point.support if s.sentence == point.statement),
                own_side,
            )
        against = "negates" if own_side == "affirms" else "affirms"
        support = tuple(
            s if point.kind == DIFFERS else replace(s, side=own_side)
            for s in point.support
        ) + tuple(
            replace(s, side=against) for s in d.support if s.via == "disagreement"
        )
        return replace(point, kind=DIFFERS, support=support,
                       score=max(point.score, d.score))  # fmt: skip

    shown = [absorbed(p) or p for p in points]
    rest = []
    for point in more:
        merged = absorbed(point)
        (shown if merged else rest).append(merged or point)
    shown += by_place.values()
    return shown, rest
