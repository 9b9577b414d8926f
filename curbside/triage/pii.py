"""Personal data: find what an asker should not publish, and replace it.

``detect(text)`` returns ``PiiSpan``s (type, start, end, text) for names,
phone numbers, e-mail addresses, street addresses, dates of birth, record /
insurance / national ID numbers, personal links and employers. ``replace(text,
spans)`` swaps the chosen spans for neutral placeholders ("[phone number]").

Everything personal is found by its context (a cue such as "my sister", "DOB",
"I work at", "member ID"), never by a capitalised word alone, so drug doses,
blood pressures, lab values, ages, symptom dates, eponyms and TV doctors are
left alone. Phone numbers are parsed by the ``phonenumbers`` library. The cues
and lists live in ``data/pii.toml``; the reasoning is in ADR 0003.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import phonenumbers

DATA = Path(__file__).parent / "data" / "pii.toml"

PERSON, PHONE, EMAIL, ADDRESS = "PERSON", "PHONE", "EMAIL", "ADDRESS"
DOB, ID_NUMBER, URL, EMPLOYER = "DOB", "ID_NUMBER", "URL", "EMPLOYER"
TYPES = (PERSON, PHONE, EMAIL, ADDRESS, DOB, ID_NUMBER, URL, EMPLOYER)
PLACEHOLDERS = {
    PERSON: "[name]",
    PHONE: "[phone number]",
    EMAIL: "[e-mail address]",
    ADDRESS: "[address]",
    DOB: "[date of birth]",
    ID_NUMBER: "[ID number]",
    URL: "[link]",
    EMPLOYER: "[employer]",
}
# Most specific first: where two findings overlap, the earlier type wins.
PRIORITY = (EMAIL, URL, ADDRESS, ID_NUMBER, DOB, PHONE, EMPLOYER, PERSON)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")


@dataclass(frozen=True)
class PiiSpan:
    type: str
    start: int
    end: int
    text: str

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.type]

    def as_dict(self) -> dict:
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "placeholder": self.placeholder,
        }


def _expand(pattern: str, vocab: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: vocab.get(m[1], m[0]), pattern)


class _Rules:
    def __init__(self, data: dict):
        v = data["vocab"]
        v.update({k: data["address"][k] for k in ("street_types", "us_state")})
        v["org_word"] = data["vocab"]["org_word"]

        def c(pattern: str, flags: int = 0) -> re.Pattern:
            return re.compile(_expand(pattern, v), flags)

        person = data["person"]
        self.name = c(r"{name}(?:[ \t]+{name}){0,2}")
        self.person_before = [c(p, re.I) for p in person["before"]]
        self.person_after = c(person["after"], re.I)
        self.eponym_after = c(person["eponym_after"], re.I)
        self.signoff = c(person["signoff"])
        self.not_names = frozenset(person["not_names"])
        self.public_figures = frozenset(person["public_figures"])
        emp = data["employer"]
        self.work = c(emp["work"], re.I)
        self.org_before = c(emp["before"] + emp["org"])
        self.org_direct = c("(?i:" + emp["direct"] + ")" + emp["org"])
        self.org = c(emp["org"])
        self.org_where = c(emp["where"], re.I)
        self.not_orgs = frozenset(emp["not_orgs"])
        dob = data["dob"]
        self.dob_cue = c(dob["cue"], re.I)
        self.dob_not = c(dob["not_after_cue"], re.I)
        self.dates = c("|".join(f"(?:{d})" for d in dob["dates"]), re.I)
        ids = data["id_number"]
        self.id_labelled = c(
            "(?i:" + ids["label"] + ")" + ids["glue"] + "(" + ids["value"] + ")"
        )
        self.id_standalone = c("|".join(f"(?:{p})" for p in ids["standalone"]))
        phone = data["phone"]
        self.regions = phone["regions"]
        self.min_digits = int(phone["min_digits"])
        self.public_phone = c(phone["public_cue"], re.I)
        self.email = c("|".join(f"(?:{p})" for p in data["email"]["patterns"]), re.I)
        url = data["url"]
        self.url = c(url["pattern"], re.I)
        self.public_domains = tuple(url["public_domains"])
        self.platforms = frozenset(url["platforms"])
        self.address = [c(p) for p in data["address"]["patterns"]]


@cache
def rules(path: Path = DATA) -> _Rules:
    with open(path, "rb") as fh:
        return _Rules(tomllib.load(fh))


@lru_cache(maxsize=16)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _SENTENCE_END.finditer(text)))


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts."""
    starts = _sentence_starts(text)
    return starts[bisect_right(starts, pos) - 1]


# "from Pakistan, 40 years old": a place, not a person.
_PLACE_BEFORE = re.compile(
    r"\b(?:from|in|to|at|near|of|on|for|with|by|visiting|moved)\s+$", re.I
)


def _names(text: str, r: _Rules) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []

    def take(start: int, end: int) -> None:
        words = text[start:end].split()
        while words and words[-1].lower() in r.not_names:
            end -= len(words.pop()) + 1
        while words and words[0].lower() in r.not_names:
            start += len(words.pop(0)) + 1
        if not words:
            return
        if " ".join(words).lower() in r.public_figures:
            return
        if r.eponym_after.match(text, end):
            return
        found.append((start, start + len(" ".join(words))))

    for cue in r.person_before:
        for m in cue.finditer(text):
            name = r.name.match(text, m.end())
            if name:
                take(*name.span())
    for name in r.name.finditer(text):
        if r.person_after.match(text, name.end()):
            first = text[name.start() : name.end()].split()[0].lower()
            if first not in r.not_names and not _PLACE_BEFORE.search(
                text, max(0, name.start() - 12), name.start()
            ):
                take(*name.span())
    for m in r.signoff.finditer(text):
        group = 1 if m.group(1) else 2
        take(*m.span(group))
    # Other mentions of a name already found.
    tokens = {text[a:b] for a, b in found}
    for token in {t for name in tokens for t in name.split()}:
        for m in re.finditer(rf"(?<![\w'’]){re.escape(token)}(?![\w])", text):
            found.append(m.span())
    return found


def _employers(text: str, r: _Rules) -> list[tuple[int, int]]:
    found = []

    def org_span(m: re.Match) -> tuple[int, int] | None:
        start, end = m.span(1)
        words = text[start:end].split()
        while words and words[-1] in ("&", "of", "and", "the", "de", "du", "la"):
            end -= len(words.pop()) + 1
        if words and words[0] == "the":
            start += 4
            words.pop(0)
        if not words or words[0].lower() in r.not_orgs:
            return None
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
            return None
        return start, start + len(" ".join(words))

    for m in r.org_before.finditer(text):
        s0 = _sentence_start(text, m.start())
        if r.work.search(text, s0, m.start()) or r.org_where.match(text, m.end(1)):
            span = org_span(m)
            if span:
                found.append(span)
    for m in r.org_direct.finditer(text):
        span = org_span(m)
        if span:
            found.append(span)
    return found


def _dobs(text: str, r: _Rules) -> list[tuple[int, int]]:
    found = []
    for m in r.dates.finditer(text):
        s0 = _sentence_start(text, m.start())
        for cue in r.dob_cue.finditer(text, s0, m.start()):
            if not r.dob_not.match(text, cue.end()):
                found.append(m.span())
                break
    return found


def _ids(text: str, r: _Rules) -> list[tuple[int, int]]:
    found = []
    for m in r.id_labelled.finditer(text):
        if sum(ch.isdigit() for ch in m[1]) >= 4:
            found.append(m.span(1))
    found.extend(m.span() for m in r.id_standalone.finditer(text))
    return found


_PHONE_CANDIDATE = re.compile(r"\+?\(?\d[\d \t().\-/]{5,}\d(?:\s*(?:x|ext\.?)\s*\d+)?")


def _phones(text: str, r: _Rules) -> list[tuple[int, int]]:
    """Phone numbers as the phonenumbers library reads them, in the regions
    listed in the data file. The library runs only on digit runs long enough
    to be a phone number, which keeps a long text fast."""
    found = set()
    for cand in _PHONE_CANDIDATE.finditer(text):
        if sum(ch.isdigit() for ch in cand[0]) < r.min_digits:
            continue
        piece = cand[0]
        for region in r.regions:
            matcher = phonenumbers.PhoneNumberMatcher(
                piece, region, leniency=phonenumbers.Leniency.POSSIBLE
            )
            hits = [
                (cand.start() + m.start, cand.start() + m.end, m.raw_string)
                for m in matcher
            ]
            hits = [
                h
                for h in hits
                if "," not in h[2] and sum(ch.isdigit() for ch in h[2]) >= r.min_digits
            ]
            if not hits:
                continue
            for start, end, _raw in hits:
                s0 = _sentence_start(text, start)
                if not r.public_phone.search(text, max(s0, start - 60), start):
                    found.add((start, end))
            break
    return sorted(found)


def _urls(text: str, r: _Rules) -> list[tuple[int, int]]:
    found = []
    for m in r.url.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in ".,;:!?":
            end -= 1
        if start and text[start - 1] in "@.":
            continue
        url = text[start:end].lower()
        host = re.sub(r"^https?://", "", url).split("/")[0].removeprefix("www.")
        if any(host == d or host.endswith("." + d) for d in r.public_domains):
            continue
        if "/" not in url.removeprefix("https://").removeprefix("http://"):
            if host in r.platforms or "." not in host:
                continue
            if not (url.startswith("http") or url.startswith("www.")):
                continue
        found.append((start, end))
    return found


def _addresses(text: str, r: _Rules) -> list[tuple[int, int]]:
    found = []
    for pattern in r.address:
        for m in pattern.finditer(text):
            start, end = m.span()
            while end > start and text[end - 1] in " ,.":
                end -= 1
            found.append((start, end))
    return found


def detect(text: str) -> list[PiiSpan]:
    """Personal data in ``text``, sorted by position, never overlapping."""
    if not text:
        return []
    r = rules()
    candidates: dict[str, Iterable[tuple[int, int]]] = {
        EMAIL: [m.span() for m in r.email.finditer(text)],
        URL: _urls(text, r),
        ID_NUMBER: _ids(text, r),
        DOB: _dobs(text, r),
        ADDRESS: _addresses(text, r),
        PHONE: _phones(text, r),
        EMPLOYER: _employers(text, r),
        PERSON: _names(text, r),
    }
    taken: list[PiiSpan] = []
    for kind in PRIORITY:
        for start, end in sorted(set(candidates[kind]), key=lambda s: s[0] - s[1]):
            if end <= start or any(s.start < end and start < s.end for s in taken):
                continue
            taken.append(PiiSpan(kind, start, end, text[start:end]))
    return sorted(taken, key=lambda s: s.start)


def replace(text: str, spans: Iterable[PiiSpan]) -> str:
    """``text`` with each span replaced by its placeholder."""
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos or text[span.start : span.end] != span.text:
            continue
        out.append(text[pos : span.start])
        out.append(span.placeholder)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def replace_all(text: str, types: Iterable[str] | None = None) -> str:
    """``text`` with every finding (of the given types) replaced."""
    wanted = set(types or TYPES)
    return replace(text, [s for s in detect(text) if s.type in wanted])
