"""Signing up: one account per e-mail address and a strong password."""

import pytest

from curbside.accounts.models import User
from curbside.accounts.services import user_signup
from curbside.core.errors import Invalid

GOOD_PASSWORD = "plum-orchard-lantern-42"


def test_it_creates_an_unconfirmed_member_with_a_hashed_password(db):
    user = user_signup(
        email="erin@example.org", password=GOOD_PASSWORD, display_name="  Erin "
    )

    user.refresh_from_db()
    assert user.email == "erin@example.org"
    assert user.display_name == "Erin"
    assert user.email_confirmed is False
    assert user.password != GOOD_PASSWORD
    assert user.check_password(GOOD_PASSWORD)


def test_it_refuses_an_e_mail_address_already_taken_whatever_its_case(patient):
    with pytest.raises(Invalid) as caught:
        user_signup(email="ALICE@Example.ORG", password=GOOD_PASSWORD)

    assert caught.value.code == "email_taken"
    assert "email" in caught.value.errors
    assert User.objects.filter(email__iexact="alice@example.org").count() == 1


@pytest.mark.parametrize(
    "password",
    ["short1", "1234567890123", "password123", "erin@example.org"],
    ids=["too-short", "all-digits", "common", "same-as-email"],
)
def test_it_refuses_a_weak_password_and_says_why(db, password):
    with pytest.raises(Invalid) as caught:
        user_signup(email="erin@example.org", password=password)

    assert caught.value.code == "weak_password"
    assert caught.value.errors["password"]
    assert all(message for message in caught.value.errors["password"])
    assert not User.objects.filter(email="erin@example.org").exists()


def test_it_refuses_a_malformed_e_mail_address(db):
    with pytest.raises(Invalid) as caught:
        user_signup(email="not-an-address", password=GOOD_PASSWORD)

    assert "email" in caught.value.errors
    assert not User.objects.exists()
