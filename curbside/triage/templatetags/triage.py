"""Template helpers for the triage notices: the configured numbers, and text
with the spans the check found wrapped in <mark>."""

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def emergency_number() -> str:
    return settings.EMERGENCY_NUMBER


@register.simple_tag
def crisis_line() -> str:
    return settings.CRISIS_LINE


@register.simple_tag
def highlighted(text: str, findings, field: str) -> str:
    """``text`` escaped, with each finding of ``field`` in a <mark>."""
    text = text or ""
    out, pos = [], 0
    spans = sorted(
        (f.span for f in findings if f.field == field), key=lambda s: s.start
    )
    for span in spans:
        if span.start < pos or text[span.start : span.end] != span.text:
            continue
        out.append(escape(text[pos : span.start]))
        out.append(f"<mark>{escape(span.text)}</mark>")
        pos = span.end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
