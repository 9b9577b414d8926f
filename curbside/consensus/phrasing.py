"""Optional rewording of consensus points, checked against the physicians' words.

Off unless an OpenAI-compatible endpoint is configured (``CONSENSUS_PHRASING_URL``);
nothing in a default install calls out. A phraser rewrites a point only from its
supporting sentences, and every sentence of the rewrite is checked against them:

- every content word (stemmed) of the sentence appears in the supporting sentences;
- every number in it appears in them;
- it has a negation exactly when the supporting sentences do.

A rewrite with any sentence that fails is dropped, and the point keeps only the
physician's own sentence (``Point.statement`` is never replaced; the rewording goes
to ``Point.phrasing``). Differing points are never reworded: merging two sides
into one sentence is exactly what must not happen.
"""

import json
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from curbside.consensus.extractive import DIFFERS, Consensus, Point
from curbside.consensus.text import NEGATIONS, content_stems, sentence_spans, words

log = logging.getLogger(__name__)
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
INSTRUCTIONS = (
    "Rewrite the physicians' sentences below as one or two short, plain sentences "
    "for a patient. Use only what the sentences say: add no fact, number, advice or "
    "qualifier, and keep every negation. Answer with the sentences only."
)


class Phraser(Protocol):
    def rephrase(self, sentences: Sequence[str]) -> str: ...


class OpenAICompatiblePhraser:
    """Chat completions over HTTP (any server speaking that API)."""

    def __init__(self, *, url: str, model: str, api_key: str = "", timeout=20.0):
        if not url.startswith(("http://", "https://")):
            raise ValueError("CONSENSUS_PHRASING_URL must be an http(s) address.")
        self.url = url.rstrip("/") + "/chat/completions"
        self.model, self.api_key, self.timeout = model, api_key, timeout

    def rephrase(self, sentences: Sequence[str]) -> str:
        body = json.dumps({
            "model": self.model, "temperature": 0,
            "messages": [
                {"role": "system", "content": INSTRUCTIONS},
                {"role": "user", "content": "\n".join(f"- {s}" for s in sentences)},
            ],
        }).encode()  # fmt: skip
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        # The scheme is checked in __init__: only http(s).
        request = urllib.request.Request(self.url, data=body, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            data = json.load(response)
        return str(data["choices"][0]["message"]["content"]).strip()


def _negated(text: str) -> bool:
    return any(w in NEGATIONS or w.endswith("n't") for w in words(text))


def supported(rewrite: str, sentences: Sequence[str]) -> bool:
    """Whether every sentence of ``rewrite`` is backed by ``sentences``."""
    source = " ".join(sentences)
    stems = set(content_stems(source))
    numbers = set(NUMBER_RE.findall(source))
    negated = _negated(source)
    spans = sentence_spans(rewrite)
    if not spans:
        return False
    for span in spans:
        sentence = rewrite[span.start : span.end]
        if not set(content_stems(sentence)) <= stems:
            return False
        if not set(NUMBER_RE.findall(sentence)) <= numbers:
            return False
        if _negated(sentence) != negated:
            return False
    return True


def phrase(consensus: Consensus, phraser: Phraser) -> Consensus:
    """The consensus with checked rewordings of its points, where the phraser
    gives one that the supporting sentences back."""
    points = []
    for point in consensus.points:
        points.append(_phrase_point(point, phraser))
    return replace(consensus, points=tuple(points))


def _phrase_point(point: Point, phraser: Phraser) -> Point:
    if point.kind == DIFFERS:
        return point
    sentences = list(
        dict.fromkeys(s.sentence for s in point.support if s.via != "disagreement")
    )
    try:
        rewrite = phraser.rephrase(sentences)
    except (OSError, urllib.error.URLError, ValueError, KeyError, IndexError) as exc:
        log.warning("Consensus phrasing failed, keeping the extract: %s", exc)
        return point
    if rewrite and supported(rewrite, sentences):
        return replace(point, phrasing=rewrite)
    return point
