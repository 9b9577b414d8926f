"""Page caching for anonymous readers, invalidated by version keys.

A page's cache key includes the version of what it shows: each question has a
version, and a site-wide version covers lists (home, topics). A change to a
question bumps both, so the next reader gets a fresh page at once.
"""

from django.conf import settings
from django.core.cache import cache

SITE_VERSION_KEY = "pv:site"


def _version(key: str) -> int:
    value = cache.get(key)
    if value is None:
        value = 1
        cache.add(key, value, None)
    return value


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def bump_question_version(question_id: int) -> None:
    _bump(f"pv:q:{question_id}")
    _bump(SITE_VERSION_KEY)


def page_key(kind: str, ident, extra: str = "") -> str:
    if kind == "question":
        return f"page:q:{ident}:{_version(f'pv:q:{ident}')}:{extra}"
    return f"page:{kind}:{ident}:{_version(SITE_VERSION_KEY)}:{extra}"


def get_page(key: str):
    return cache.get(key)


def set_page(key: str, content: bytes) -> None:
    if settings.PAGE_CACHE_SECONDS > 0:
        cache.set(key, content, settings.PAGE_CACHE_SECONDS)
