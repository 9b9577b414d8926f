"""Signing up creates the account, logs the person in and e-mails a confirmation
link that works once."""

import re

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from curbside.accounts.models import User
from tests import factories

SIGNUP = reverse("web:signup")
FORM = {
    "email": "erin@example.org",
    "display_name": "Erin",
    "password": "a-long-and-unusual-passphrase",
    "password_confirm": "a-long-and-unusual-passphrase",
}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_it_creates_the_account_and_logs_the_person_in(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, FORM)

    user = User.objects.get(email="erin@example.org")
    assert response.status_code == 302
    assert user.display_name == "Erin" and not user.email_confirmed
    assert client.get(reverse("web:account")).context["user"] == user
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.org"]


def test_it_confirms_the_address_with_the_e_mailed_link(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, FORM)
    path = _link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]

    response = client.get("/" + path)

    assert response.status_code == 200
    assert "is confirmed" in response.content.decode()
    assert User.objects.get(email="erin@example.org").email_confirmed


def test_it_explains_a_broken_confirmation_link(client, db):
    response = client.get(reverse("web:confirm_email", args=["bm9wZQ", "bad-token"]))

    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_it_explains_an_expired_confirmation_link(client, db):
    member = factories.UserFactory(email_confirmed=False)
    uid = urlsafe_base64_encode(force_bytes(member.pk))

    response = client.get(reverse("web:confirm_email", args=[uid, "abc-123"]))

    assert response.status_code == 400
    assert "expired or was already used" in response.content.decode()
    member.refresh_from_db()
    assert not member.email_confirmed


def test_it_sends_a_new_confirmation_link_on_request(client, db):
    member = factories.UserFactory(email_confirmed=False)
    client.force_login(member)

    response = client.post(reverse("web:resend_confirmation"))

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/confirm/" in mail.outbox[0].body


def test_it_shows_why_the_form_was_refused(client, patient):
    taken = client.post(SIGNUP, {**FORM, "email": "alice@example.org"})
    mismatch = client.post(SIGNUP, {**FORM, "password_confirm": "something-else-1"})
    weak = client.post(
        SIGNUP, {**FORM, "password": "password", "password_confirm": "password"}
    )

    assert taken.status_code == 400
    assert "already exists" in taken.content.decode()
    assert mismatch.status_code == 400
    assert "do not match" in mismatch.content.decode()
    assert weak.status_code == 400
    assert "too short" in weak.content.decode()
    assert User.objects.count() == 1
    assert not mail.outbox


@override_settings(RATE_LIMITS={"signup": 2})
def test_it_limits_sign_ups_per_address(client, db):
    for n in range(2):
        client.post(SIGNUP, {**FORM, "email": f"erin{n}@example.org"})
        client.logout()

    response = client.post(SIGNUP, {**FORM, "email": "erin9@example.org"})

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert not User.objects.filter(email="erin9@example.org").exists()
