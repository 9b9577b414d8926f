"""Log-in attempts and password-reset requests from one address are limited: past
the limit the person is told to wait, and nothing else happens."""

import pytest
from django.core import mail


@pytest.fixture
def one_login_per_hour(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": 1}


@pytest.mark.usefixtures("one_login_per_hour")
def test_a_second_login_attempt_past_the_limit_is_refused(client, patient):
    client.post("/accounts/login/", {"username": patient.email, "password": "wrong"})

    response = client.post(
        "/accounts/login/", {"username": patient.email, "password": "wrong"}
    )

    assert response.status_code == 429


@pytest.mark.usefixtures("one_login_per_hour")
def test_password_reset_requests_count_against_the_same_limit(client, patient):
    client.post("/accounts/login/", {"username": patient.email, "password": "wrong"})

    response = client.post("/accounts/password-reset/", {"email": patient.email})

    assert response.status_code == 429
    assert mail.outbox == []
