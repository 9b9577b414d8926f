"""Confirming an e-mail address with the link from the sign-up e-mail."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import resolve

from curbside.accounts.services import (
    user_confirm_email,
    user_send_confirmation,
    user_signup,
)
from curbside.core.errors import Invalid, NotFound
from tests import factories


def _link_parts(message_body: str) -> dict:
    link = re.search(r"https?://\S+", message_body).group(0)
    assert link.startswith(settings.SITE_URL + "/")
    match = resolve(urlsplit(link).path)
    assert match.view_name == "web:confirm_email"
    uidb64, token = match.args or tuple(match.kwargs.values())
    return {"uidb64": uidb64, "token": token}


@pytest.fixture
def newcomer(db):
    return factories.UserFactory(email="erin@example.org", email_confirmed=False)


def test_it_confirms_the_address_with_the_link_from_the_e_mail(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = user_signup(email="erin@example.org", password="plum-orchard-42")

    confirmed = user_confirm_email(**_link_parts(mail.outbox[0].body))

    assert confirmed.pk == user.pk
    user.refresh_from_db()
    assert user.email_confirmed is True


def test_it_refuses_a_tampered_token(newcomer):
    user_send_confirmation(user=newcomer)
    parts = _link_parts(mail.outbox[0].body)

    with pytest.raises(Invalid) as caught:
        user_confirm_email(uidb64=parts["uidb64"], token=parts["token"][:-2] + "xx")

    assert caught.value.code == "bad_token"
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed is False


def test_it_reports_an_unknown_or_garbled_user_id_as_not_found(newcomer):
    user_send_confirmation(user=newcomer)
    token = _link_parts(mail.outbox[0].body)["token"]

    for uidb64 in ("OTk5OTk", "!!!", ""):
        with pytest.raises(NotFound):
            user_confirm_email(uidb64=uidb64, token=token)


def test_a_used_link_does_not_confirm_another_address_after_an_e_mail_change(
    newcomer,
):
    user_send_confirmation(user=newcomer)
    parts = _link_parts(mail.outbox[0].body)
    user_confirm_email(**parts)

    newcomer.email, newcomer.email_confirmed = "erin@elsewhere.example", False
    newcomer.save()

    with pytest.raises(Invalid):
        user_confirm_email(**parts)
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed is False


def test_opening_the_link_twice_is_harmless(newcomer):
    user_send_confirmation(user=newcomer)
    parts = _link_parts(mail.outbox[0].body)

    user_confirm_email(**parts)
    again = user_confirm_email(**parts)

    assert again.email_confirmed is True


def test_it_sends_the_confirmation_e_mail_only_after_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user_signup(email="erin@example.org", password="plum-orchard-42")
        assert mail.outbox == []

    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.org"]
