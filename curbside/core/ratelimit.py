"""A fixed-window rate limit kept in Django's cache (shared when REDIS_URL is set)."""

from django.conf import settings
from django.core.cache import cache

from curbside.core.clock import now
from curbside.core.errors import RateLimited

WINDOW_SECONDS = 3600


def check_rate(action: str, who: str) -> None:
    """Count one ``action`` by ``who``; raise ``RateLimited`` past the hourly limit."""
    limit = settings.RATE_LIMITS.get(action)
    if not limit:
        return
    window = int(now().timestamp()) // WINDOW_SECONDS
    key = f"rate:{action}:{who}:{window}"
    added = cache.add(key, 1, WINDOW_SECONDS)
    try:
        count = 1 if added else cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    if count > limit:
        raise RateLimited()
