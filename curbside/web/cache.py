"""Page caching for anonymous readers, invalidated by version keys.

A page's cache key includes the version of what it shows: each question has a
version, and a site-wide version covers lists (home, topics). A change to a
question bumps both, so the next reader gets a fresh page at once.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

SITE_VERSION_KEY = "pv:site"
CACHE_HEADER = "X-Page-Cache"


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


def reader_page_key(kind: str, ident, extra: str = "") -> str:
    """The key of a page as an anonymous reader sees it, in the active language."""
    return page_key(kind, ident, f"{extra}:{get_language()}")


def _key_for_request(request) -> str | None:
    """The page key of a cacheable page at this address, or None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace != "web":
        return None
    if match.url_name == "home":
        return reader_page_key("home", "home")
    if match.url_name == "question":
        return reader_page_key("question", match.kwargs["pk"], match.kwargs["slug"])
    if match.url_name == "topic":
        page_number = request.GET.get("page", "1")[:8]
        return reader_page_key("topic", match.kwargs["slug"], page_number)
    return None


class AnonymousPageCacheMiddleware:
    """Answer an anonymous reader's request for a cached page before sessions,
    authentication, messages and the view run.

    Only requests without a session or messages cookie qualify (nothing personal
    can be pending for them), and only while the site speaks one language (the
    language is part of the key and is chosen by a later middleware). Anything
    else, and every miss, goes on to the view, which renders and stores the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.PAGE_CACHE_SECONDS > 0
            and len(settings.LANGUAGES) == 1
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        ):
            key = _key_for_request(request)
            content = get_page(key) if key else None
            if content is not None:
                response = HttpResponse(content)
                response[CACHE_HEADER] = "hit"
                response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
                response["Vary"] = "Cookie, Accept-Language"
                response["Content-Language"] = get_language()
                return response
        return self.get_response(request)
