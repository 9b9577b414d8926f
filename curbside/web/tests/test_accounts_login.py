"""People log in with e-mail and password and log out with a POST."""

from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("web:login")


def test_it_logs_in_with_e_mail_and_password(client, patient):
    response = client.post(
        LOGIN,
        {"username": "alice@example.org", "password": PASSWORD, "next": "/ask/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/ask/"
    assert client.get(reverse("web:account")).status_code == 200


def test_it_says_when_the_password_is_wrong(client, patient):
    response = client.post(LOGIN, {"username": "alice@example.org", "password": "no"})

    assert response.status_code == 400
    assert "do not match an account" in response.content.decode()
    assert client.get(reverse("web:account")).status_code == 302


def test_it_ignores_a_next_address_on_another_site(client, patient):
    response = client.post(
        LOGIN,
        {"username": "alice@example.org", "password": PASSWORD,
         "next": "https://evil.example/"},
    )  # fmt: skip

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_it_logs_out_only_with_post(client, patient):
    client.force_login(patient)

    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"))

    assert response.status_code == 302
    assert client.get(reverse("web:account")).status_code == 302


@override_settings(RATE_LIMITS={"login": 3})
def test_it_limits_login_attempts_per_address(client, patient):
    for _attempt in range(3):
        client.post(LOGIN, {"username": "alice@example.org", "password": "wrong"})

    response = client.post(
        LOGIN, {"username": "alice@example.org", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert client.get(reverse("web:account")).status_code == 302
