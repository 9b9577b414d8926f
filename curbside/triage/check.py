"""The asking-time check: red flags and personal data of a question, together.

``check_question(title, body)`` is what the ask page, its live check and the API
call. Pure: plain text in, plain data out.
"""

from __future__ import annotations

from dataclasses import dataclass

from curbside.triage import pii, redflags

MAX_CHECK_CHARS = 20_000


@dataclass(frozen=True)
class Finding:
    """A piece of personal data, in the title or the body."""

    field: str
    span: pii.PiiSpan

    @property
    def key(self) -> str:
        """Names this finding in a form button: field, start, end."""
        return f"{self.field}:{self.span.start}:{self.span.end}"

    def as_dict(self) -> dict:
        return {"field": self.field, "key": self.key, **self.span.as_dict()}


@dataclass(frozen=True)
class QuestionCheck:
    assessment: redflags.Assessment
    personal_data: tuple[Finding, ...]

    @property
    def level(self) -> str:
        return self.assessment.level

    @property
    def is_emergency(self) -> bool:
        return self.assessment.level == redflags.EMERGENCY

    @property
    def is_urgent(self) -> bool:
        """Physicians should see it first: an emergency or the within-a-day tier."""
        return self.assessment.level in (redflags.EMERGENCY, redflags.URGENT)

    @property
    def crisis(self) -> bool:
        return self.assessment.crisis

    def as_dict(self) -> dict:
        data = self.assessment.as_dict()
        data.pop("ignored")
        data["personal_data"] = [f.as_dict() for f in self.personal_data]
        return data


def check_question(title: str = "", body: str = "") -> QuestionCheck:
    title = (title or "")[:MAX_CHECK_CHARS]
    body = (body or "")[:MAX_CHECK_CHARS]
    findings = tuple(
        Finding(field, span)
        for field, text in (("title", title), ("body", body))
        for span in pii.detect(text)
    )
    return QuestionCheck(redflags.assess(title, body), findings)


def replace_personal_data(
    title: str, body: str, keys: list[str] | None = None
) -> tuple[str, str]:
    """Title and body with the findings named by ``keys`` (all when None)
    replaced by placeholders. Keys that no longer match are ignored."""
    wanted = None if keys is None else set(keys)
    result = {}
    for field, text in (("title", title or ""), ("body", body or "")):
        spans = [
            span
            for span in pii.detect(text)
            if wanted is None or Finding(field, span).key in wanted
        ]
        result[field] = pii.replace(text, spans)
    return result["title"], result["body"]
