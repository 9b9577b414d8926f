"""Plain-text helpers for the consensus: sentence spans, words, stems, negation.

Pure functions over strings; nothing here touches Django. Every sentence is a
``(start, end)`` span of the text it came from, so whatever is shown as a sentence
is exactly what the physician wrote.
"""

import re
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

# A sentence ends at . ! ? (with closing quotes or brackets, or citation marks
# such as "[2]" or "[1,3]") followed by space and something that can start a
# sentence; or at a full stop glued to the next sentence's capital ("rest.For
# other tears"), as pasted texts often have.
_BOUNDARY_RE = re.compile(
    r"(?<=[.!?])(?:\[\d{1,3}(?:[,–-]\s?\d{1,3})*\])*[\"'”’)\]]*\s+"
    r"(?=[\"'“‘(\[]?[A-Z0-9])"
    r"|(?<=[a-z][.!?])(?=[A-Z][a-z])"
)
_ABBREVIATIONS = frozenset(
    ["dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "eg", "ie",
     "approx", "fig", "inc", "jr", "sr", "mt", "al"]
)  # fmt: skip
_BULLET_RE = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_MIN_SENTENCE_CHARS = 3


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    """a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing down
    during each even ever few for from further get gets got had has have having he
    her here hers him his how however i if in into is it its itself just let like
    made make makes may me might more most much must my myself of off often on once
    only or other others our ours out own per perhaps please quite rather many
    really same she should since so some such than that the their theirs them then
    there these they this those through thus to too under until up upon us usually
    very was way we well were what whatever when where whether which while who whom
    why will with within would yet you your yours yourself yourselves typically
    generally usually simply certainly actually already eventually one two"""
)
NEGATIONS = _wordset(
    """no not never without none nothing neither nor cannot cant can't won't wont
    don't dont doesn't doesnt didn't didnt isn't isnt aren't arent wasn't wasnt
    shouldn't shouldnt wouldn't wouldnt couldn't couldnt unnecessary
    unlikely"""
)
# Words that are neither content nor negation but, being present, make a matter a
# matter of degree: "minimal temporary loss" affirms a loss, in a small way.
HEDGES = _wordset(
    "minimal minor mild slight slightly little small temporary brief some rare "
    "rarely occasional occasionally may might"
)
# A negation followed by at most this many content stems ("is not needed", "is
# usually not needed in your case") is about its subject too.
BARE_PREDICATE_STEMS = 2
# Clause breaks: a negation in one clause does not reach the words of the next.
_CLAUSE_RE = re.compile(r"[;:,]\s+|\s+(?:but|although|though|however|whereas)\s+")

# Words readers and physicians use for the same thing, mapped to one stem.
SYNONYMS = {
    "physician": "doctor", "doc": "doctor", "medic": "doctor",
    "medicin": "medic", "medication": "medic", "drug": "medic",
    "hurt": "pain", "sore": "pain", "ach": "pain", "painful": "pain",
    "physio": "physiotherap", "therapist": "therap",
    "surgeri": "surg", "surgical": "surg", "surgeon": "surg", "operation": "surg",
    "vessel": "vein", "capillari": "vein",
    "infant": "child", "kid": "child", "children": "child", "babi": "child",
    "replacement": "replac",
}  # fmt: skip
_SUFFIXES = (
    "ational", "ization", "fulness", "iveness", "ements", "ations", "ement",
    "ments", "ation", "ities", "ness", "ment", "ings", "ity", "ing", "ies", "ied",
    "es", "ed", "ly", "er", "s", "e", "y",
)  # fmt: skip


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def sentence_spans(text: str) -> list[Span]:
    """The sentences of a plain text, as spans of it, in order.

    Lines are split first (paragraphs and list items), then each line at sentence
    ends; a bullet or number opening a list item stays outside the span. Fragments
    without a word are dropped.
    """
    spans: list[Span] = []
    offset = 0
    for line in (text or "").splitlines(keepends=True):
        line_start = offset
        offset += len(line)
        bullet = _BULLET_RE.match(line)
        pos = bullet.end() if bullet else 0
        cuts = [pos]
        for match in _BOUNDARY_RE.finditer(line, pos):
            before = line[cuts[-1] : match.start()].rstrip("\"'”’)]")
            last = before.rsplit(None, 1)[-1] if before.split() else ""
            word = last.rstrip(".!?").lower().lstrip("(\"'“‘")
            if before.endswith(".") and (
                word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
            ):
                continue
            cuts.append(match.end())
        cuts.append(len(line))
        for begin, stop in zip(cuts, cuts[1:], strict=False):
            piece = line[begin:stop]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail - lead >= _MIN_SENTENCE_CHARS and WORD_RE.search(piece):
                spans.append(
                    Span(line_start + begin + lead, line_start + begin + trail)
                )
    return spans


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD_RE.findall(text or "")]


def stem(word: str) -> str:
    """A light suffix-stripping stem, then the synonym table: "replaced",
    "replacement" and "replacing" all become "replac"."""
    word = SYNONYMS.get(word, word)
    if len(word) > 4 and not word.isdigit():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                if suffix == "s" and word.endswith(("ss", "us", "is")):
                    continue
                word = word[: -len(suffix)]
                break
    return SYNONYMS.get(word, word)


def content_stems(text: str) -> list[str]:
    """The stems of the words that carry meaning (no stop words, negations or
    hedges), in order."""
    return [
        stem(w)
        for w in words(text)
        if w not in STOPWORDS and w not in NEGATIONS and w not in HEDGES
        and (len(w) > 1 or w.isdigit())
    ]  # fmt: skip


def negated_stems(text: str) -> tuple[set[str], set[str]]:
    """The content stems of a sentence split by polarity: those a negation reaches,
    and those no negation reaches.

    A negation reaches the rest of its clause (clauses end at commas, semicolons and
    "but", "although" …). It reaches the words before it, usually the subject, only
    when little follows it: "replacement is not needed" negates the replacement,
    but "spider veins do not turn into anything dangerous" negates the turning, not
    the veins. "without" reaches only what follows it ("vessels carry the blood
    without trouble" affirms the carrying).
    """
    negated: set[str] = set()
    affirmed: set[str] = set()
    for clause in _CLAUSE_RE.split(text or ""):
        tokens = words(clause)
        at = next(
            (k for k, t in enumerate(tokens)
             if t in NEGATIONS and t != "without" or t.endswith("n't")),
            None,
        )  # fmt: skip
        if at is None and "without" in tokens:
            cut = tokens.index("without")
            affirmed |= set(content_stems(" ".join(tokens[:cut])))
            negated |= set(content_stems(" ".join(tokens[cut:])))
        elif at is not None:
            before = set(content_stems(" ".join(tokens[:at])))
            after = set(content_stems(" ".join(tokens[at + 1 :])))
            negated |= after
            if len(after) <= BARE_PREDICATE_STEMS:
                negated |= before
            else:
                affirmed |= before - after
        else:
            affirmed |= set(content_stems(clause))
    return negated, affirmed
