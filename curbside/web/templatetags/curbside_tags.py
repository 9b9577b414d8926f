"""Template helpers for Curbside's pages: ``{% load curbside_tags %}``."""

from django import template
from django.conf import settings

from curbside.questions.selectors import physician_queue

register = template.Library()


@register.simple_tag
def queue_count(physician) -> int:
    """How many questions wait in a verified physician's queue (0 for others)."""
    if physician is None or not physician.is_verified:
        return 0
    return physician_queue(physician).count()


@register.filter
def absolute_url(path: str) -> str:
    """A site path as a full address on the public host (``SITE_URL``)."""
    return f"{settings.SITE_URL}{path}"


@register.filter
def page_range_around(page_obj, width: int = 2) -> list:
    """Page numbers to link around the current page, with ``None`` for a gap:
    1 … 4 5 [6] 7 8 … 20."""
    last = page_obj.paginator.num_pages
    current = page_obj.number
    shown = {1, last, *range(current - width, current + width + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= last)
    out: list = []
    for n in numbers:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out
