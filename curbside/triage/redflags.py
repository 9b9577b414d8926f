"""Red flags: does a question describe an emergency happening now?

Plain data in, plain data out: ``assess(title, body)`` returns an ``Assessment``
with a level (``emergency``, ``urgent``, ``routine``), the categories found and
the exact spans that triggered them. The lexicon, the context rules and the
thresholds live in ``data/redflags.toml`` (loaded on first use); the reasoning
is in docs/decisions/0003-red-flags-and-personal-data.md.

A feature counts only when it is *live*. It is set aside when it is

- negated ("no chest pain", "denies shortness of breath"),
- history: in a clause about the remote past with nothing placing it now
  ("I had a stroke in 2019", "my mom had a stroke last year"),
- education or a hypothetical ("what are the warning signs of a stroke?"),
- figurative speech or a product name ("this exam is killing me", "Plan B"),
- an event name ("seizure", "overdose") in a sentence that does not place the
  event now, or that says it passed as it always does ("like always").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "redflags.toml"

EMERGENCY, URGENT, ROUTINE = "emergency", "urgent", "routine"
LEVELS = (EMERGENCY, URGENT, ROUTINE)
CRISIS_CATEGORIES = frozenset({"suicide", "self_harm"})
GENERAL = "general"

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|so|because|though|although)\b")
_WORD = re.compile(r"[\w']+")
_AND = re.compile(r"\band\b")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@dataclass(frozen=True)
class Hit:
    """One feature found in the text: where, and (if set aside) why."""

    feature: str
    category: str
    points: int
    field: str
    start: int
    end: int
    text: str
    reason: str = ""

    def as_dict(self) -> dict:
        data = {
            "feature": self.feature,
            "category": self.category,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class Assessment:
    level: str
    categories: tuple[str, ...]
    hits: tuple[Hit, ...]
    ignored: tuple[Hit, ...] = ()

    @property
    def is_emergency(self) -> bool:
        return self.level == EMERGENCY

    @property
    def crisis(self) -> bool:
        """Suicide or self-harm: show a crisis line beside the emergency number."""
        return bool(CRISIS_CATEGORIES.intersection(self.categories))

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "categories": list(self.categories),
            "crisis": self.crisis,
            "spans": [hit.as_dict() for hit in self.hits],
            "ignored": [hit.as_dict() for hit in self.ignored],
        }


class _Matcher:
    """A set of patterns, matched fast.

    Python's regular expressions skip quickly to a possible first character
    unless the pattern starts with ``\\b``; so alternatives that start with
    ``\\b`` are compiled without it and the word boundary is checked here.
    """

    def __init__(self, patterns: list[str]):
        bounded, free = [], []
        for pattern in patterns:
            for alternative in _top_level_alternatives(pattern):
                if alternative.startswith(r"\b"):
                    bounded.append(alternative[2:])
                else:
                    free.append(alternative)
        self.bounded = _join(bounded)
        self.free = _join(free)
        # Literal beginnings of every alternative, when each has one: a text
        # that contains none of them cannot match, and is skipped at once.
        prefixes = [_literal_prefixes(a) for a in bounded + free]
        self.prefixes = (
            None if any(p is None for p in prefixes) else set().union(*prefixes)
        )

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        found = []
        if self.prefixes is not None and not any(p in text for p in self.prefixes):
            return found
        if self.bounded is not None:
            at = pos
            while at <= end:
                m = self.bounded.search(text, at, end)
                if m is None:
                    break
                start = m.start()
                if not _boundary(text, start):
                    at = start + 1
                    continue
                found.append(m)
                at = m.end() if m.end() > start else start + 1
        if self.free is not None:
            found.extend(self.free.finditer(text, pos, end))
        found.sort(key=lambda m: m.start())
        return found

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        matches = self.finditer(text, pos, endpos)
        return matches[0] if matches else None


_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 '-")


def _literal_prefixes(pattern: str) -> set[str] | None:
    """The literal texts one of which every match of ``pattern`` starts with,
    or None when that cannot be told simply (classes, optional groups...)."""
    if pattern.startswith(r"\b"):
        pattern = pattern[2:]
    if pattern.startswith("(?:"):
        depth, i = 0, 0
        while i < len(pattern):
            ch = pattern[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                return None
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        if i >= len(pattern) or pattern[i + 1 : i + 2] in ("?", "*", "{"):
            return None
        result: set[str] = set()
        for alternative in _top_level_alternatives(pattern[3:i]):
            prefixes = _literal_prefixes(alternative)
            if prefixes is None:
                return None
            result |= prefixes
        return result
    literal = ""
    for i, ch in enumerate(pattern):
        if ch not in _LITERAL:
            if ch in "?*{":
                literal = literal[:-1]
            break
        if pattern[i + 1 : i + 2] in ("?", "*", "{"):
            break
        literal += ch
    return {literal} if len(literal) >= 2 else None


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _boundary(text: str, i: int) -> bool:
    """What ``\\b`` means at ``i``: a word character on one side only."""
    before = i > 0 and _is_word(text[i - 1])
    after = i < len(text) and _is_word(text[i])
    return before != after


def _join(alternatives: list[str]) -> re.Pattern | None:
    if not alternatives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def _top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at the ``|`` that are outside groups and classes."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


@dataclass(frozen=True)
class _Feature:
    id: str
    category: str
    points: int
    pattern: _Matcher
    current: bool
    requires: str


@dataclass(frozen=True)
class _Lexicon:
    emergency: int
    urgent: int
    window: int
    features: tuple[_Feature, ...]
    urgent_signs: _Matcher
    negation: re.Pattern
    list_cues: re.Pattern
    breaks: re.Pattern
    exceptions: re.Pattern
    remote_past: re.Pattern
    current: re.Pattern
    education: re.Pattern
    resolved: re.Pattern
    animal: re.Pattern
    masks: _Matcher


def _expand(pattern: str, vocab: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: vocab.get(m[1], m[0]), pattern)


def _compile(patterns, vocab) -> re.Pattern:
    if isinstance(patterns, str):
        patterns = [patterns]
    return re.compile("|".join(f"(?:{_expand(p, vocab)})" for p in patterns))


def _matcher(patterns, vocab) -> _Matcher:
    if isinstance(patterns, str):
        patterns = [patterns]
    return _Matcher([_expand(p, vocab) for p in patterns])


@cache
def lexicon(path: Path = DATA) -> _Lexicon:
    """The red-flag lexicon, read once."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    vocab = data["vocab"]
    ctx = data["context"]
    features = tuple(
        _Feature(
            id=f["id"],
            category=f["category"],
            points=int(f["points"]),
            pattern=_matcher(f["patterns"], vocab),
            current=bool(f.get("current", False)),
            requires=f.get("requires", ""),
        )
        for f in data["feature"]
    )
    urgent = [p for u in data.get("urgent", []) for p in u["patterns"]]
    return _Lexicon(
        emergency=int(data["thresholds"]["emergency"]),
        urgent=int(data["thresholds"]["urgent"]),
        window=int(data["thresholds"]["negation_window"]),
        features=features,
        urgent_signs=_matcher(urgent, vocab),
        negation=_compile(ctx["negation_cues"], vocab),
        list_cues=_compile(ctx["list_cues"], vocab),
        breaks=_compile(ctx["scope_breaks"], vocab),
        exceptions=_compile(ctx["negation_exceptions"], vocab),
        remote_past=_compile(ctx["remote_past"], vocab),
        current=_compile(ctx["current"], vocab),
        education=_compile(ctx["education"], vocab),
        resolved=_compile(ctx["resolved"], vocab),
        animal=_compile(ctx["animal"], vocab),
        masks=_matcher(ctx["masks"], vocab),
    )


def normalise(text: str) -> str:
    """Lower-case with straight apostrophes, keeping every character's offset."""
    text = text.translate(_APOSTROPHES)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


class _Text:
    """One field, normalised, with its sentences and masked spans."""

    def __init__(self, field: str, raw: str, lex: _Lexicon):
        self.field = field
        self.raw = raw
        self.norm = normalise(raw)
        self.lex = lex
        bounds, start = [], 0
        for m in _SENTENCE_END.finditer(self.norm):
            bounds.append((start, m.end()))
            start = m.end()
        bounds.append((start, len(self.norm)))
        self.sentences = bounds
        self.masks = [m.span() for m in lex.masks.finditer(self.norm)]

    def sentence(self, pos: int) -> tuple[int, int]:
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid][1] <= pos:
                lo = mid + 1
            else:
                hi = mid
        return self.sentences[lo]

    def clause(self, pos: int) -> tuple[int, int]:
        s0, s1 = self.sentence(pos)
        start, end = s0, s1
        for m in _CLAUSE_BREAK.finditer(self.norm, s0, s1):
            if m.end() <= pos:
                start = m.end()
            elif m.start() > pos:
                end = m.start()
                break
        return start, end

    def masked(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.masks)

    def negated(self, start: int) -> bool:
        s0, _ = self.sentence(start)
        cue = None
        for m in self.lex.negation.finditer(self.norm, s0, start):
            cue = m
        if cue is None:
            return False
        between = self.norm[cue.end() : start]
        if self.lex.breaks.search(between):
            return False
        listing = self.lex.list_cues.fullmatch(cue[0])
        if not listing and ("," in between or _AND.search(between)):
            return False
        if len(_WORD.findall(between)) > self.lex.window:
            return False
        before = self.norm[s0 : cue.end()]
        return not any(
            m.end() == len(before) for m in self.lex.exceptions.finditer(before)
        )

    def history(self, start: int) -> bool:
        for a, b in (self.clause(start), self.sentence(start)):
            text = self.norm[a:b]
            if self.lex.remote_past.search(text):
                return not self.lex.current.search(text)
            if self.lex.current.search(text):
                return False
        return False

    def is_current(self, start: int) -> bool:
        a, b = self.sentence(start)
        return bool(self.lex.current.search(self.norm, a, b))

    def resolved(self, start: int) -> bool:
        a, b = self.sentence(start)
        return bool(self.lex.resolved.search(self.norm, a, b))

    def educational(self, start: int) -> bool:
        """An educational or hypothetical cue before the feature in its sentence,
        or anywhere in it when the sentence is a question."""
        a, b = self.sentence(start)
        asks = self.norm[a:b].rstrip().endswith("?")
        return any(
            asks or m.start() <= start
            for m in self.lex.education.finditer(self.norm, a, b)
        )

    def reason(self, start: int, end: int, current: bool) -> str:
        if self.masked(start, end):
            return "figurative"
        a, _ = self.clause(start)
        if self.lex.animal.search(self.norm, a, start):
            return "animal"
        if self.negated(start):
            return "negation"
        if self.educational(start):
            return "education"
        if self.history(start):
            return "history"
        if current and not self.is_current(start):
            return "not_current"
        if current and self.resolved(start):
            return "resolved"
        return ""


def assess(title: str = "", body: str = "") -> Assessment:
    """Assess a question's title and body together."""
    lex = lexicon()
    live: list[Hit] = []
    ignored: list[Hit] = []
    urgent_live = False
    for field, raw in (("title", title or ""), ("body", body or "")):
        text = _Text(field, raw, lex)
        for feature in lex.features:
            for m in feature.pattern.finditer(text.norm):
                if m.end() == m.start():
                    continue
                hit = Hit(
                    feature=feature.id,
                    category=feature.category,
                    points=feature.points,
                    field=field,
                    start=m.start(),
                    end=m.end(),
                    text=raw[m.start() : m.end()],
                )
                why = text.reason(m.start(), m.end(), feature.current)
                if why:
                    ignored.append(_with_reason(hit, why))
                else:
                    live.append(hit)
        if not urgent_live:
            urgent_live = any(
                not text.reason(m.start(), m.end(), False)
                for m in lex.urgent_signs.finditer(text.norm)
                if m.end() > m.start()
            )
    return _decide(lex, live, ignored, urgent_live)


def _with_reason(hit: Hit, reason: str) -> Hit:
    return Hit(**{**hit.__dict__, "reason": reason})


def _decide(lex: _Lexicon, live, ignored, urgent_live: bool) -> Assessment:
    present = {hit.feature for hit in live}
    requires = {f.id: f.requires for f in lex.features if f.requires}
    live = [h for h in live if requires.get(h.feature, h.feature) in present]
    best: dict[str, int] = {}
    for hit in live:
        best[hit.feature] = max(best.get(hit.feature, 0), hit.points)
    category_of = {hit.feature: hit.category for hit in live}
    general = sum(p for f, p in best.items() if category_of[f] == GENERAL)
    totals: dict[str, int] = {}
    for feature, points in best.items():
        category = category_of[feature]
        if category != GENERAL:
            totals[category] = totals.get(category, 0) + points
    scores = {c: t + general for c, t in totals.items()}
    if general >= lex.emergency + 1:
        scores[GENERAL] = general
    emergency = sorted(
        (c for c, s in scores.items() if s >= lex.emergency),
        key=lambda c: (-scores[c], c),
    )
    if emergency:
        level, categories = EMERGENCY, emergency
    elif urgent_live or any(s >= lex.urgent for s in scores.values()):
        level = URGENT
        categories = sorted(
            (c for c, s in scores.items() if s >= lex.urgent),
            key=lambda c: (-scores[c], c),
        )
    else:
        level, categories = ROUTINE, []
    shown = set(categories)
    if level == ROUTINE:
        hits = ()
    else:
        hits = tuple(
            sorted(
                (h for h in live if h.category in shown or h.category == GENERAL),
                key=lambda h: (h.field != "title", h.start),
            )
        )
    return Assessment(
        level=level,
        categories=tuple(categories),
        hits=hits,
        ignored=tuple(sorted(ignored, key=lambda h: (h.field != "title", h.start))),
    )
