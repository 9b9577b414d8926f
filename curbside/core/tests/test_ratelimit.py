"""The hourly rate limit counts per action and per person."""

from datetime import timedelta
from unittest import mock

import pytest

from curbside.core.clock import now
from curbside.core.errors import RateLimited
from curbside.core.ratelimit import check_rate


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {"login": 3, "signup": 1}


def test_it_lets_the_limit_through_and_stops_the_next(limits):
    for _ in range(3):
        check_rate("login", "ip:192.0.2.1")

    with pytest.raises(RateLimited) as caught:
        check_rate("login", "ip:192.0.2.1")

    assert caught.value.code == "rate_limited"
    assert "try again" in str(caught.value.message)


def test_it_counts_each_person_and_each_action_apart(limits):
    check_rate("signup", "ip:192.0.2.1")

    check_rate("signup", "ip:192.0.2.2")
    check_rate("login", "ip:192.0.2.1")
    with pytest.raises(RateLimited):
        check_rate("signup", "ip:192.0.2.1")


def test_a_new_hour_starts_a_new_count(limits):
    check_rate("signup", "ip:192.0.2.1")

    with mock.patch(
        "curbside.core.clock.timezone.now", return_value=now() + timedelta(hours=1)
    ):
        check_rate("signup", "ip:192.0.2.1")


@pytest.mark.parametrize("limit", [0, None])
def test_an_action_with_no_limit_is_never_stopped(settings, limit):
    settings.RATE_LIMITS = {"login": limit}

    for _ in range(50):
        check_rate("login", "ip:192.0.2.1")
        check_rate("unlisted", "ip:192.0.2.1")
