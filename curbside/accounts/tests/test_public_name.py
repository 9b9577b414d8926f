"""What the public sees of a member never gives away their e-mail address."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curbside.accounts.models import User, generate_pseudonym
from curbside.accounts.services import user_signup, user_update_profile
from curbside.core.errors import Invalid


def test_it_shows_the_display_name_when_there_is_one(patient):
    assert patient.public_name == "Alice"


def test_it_falls_back_to_the_pseudonym_rather_than_the_e_mail(db):
    user = user_signup(email="frank.fisher@example.org", password="plum-orchard-42")

    assert user.public_name == user.pseudonym
    assert "frank" not in user.public_name.lower()
    assert "@" not in user.public_name
    assert str(user) == user.pseudonym


def test_an_e_mail_address_cannot_become_the_display_name_at_sign_up(db):
    with pytest.raises(Invalid) as caught:
        user_signup(
            email="frank@example.org", password="plum-orchard-42",
            display_name="frank@example.org",
        )  # fmt: skip

    assert "display_name" in caught.value.errors
    assert not User.objects.exists()


def test_an_e_mail_address_cannot_become_the_display_name_later(patient):
    with pytest.raises(Invalid) as caught:
        user_update_profile(user=patient, display_name=" alice@example.org ")

    assert "display_name" in caught.value.errors
    patient.refresh_from_db()
    assert patient.public_name == "Alice"


def test_a_member_may_rename_themselves_or_go_back_to_the_pseudonym(patient):
    user_update_profile(user=patient, display_name="  Ali ")
    assert patient.public_name == "Ali"

    user_update_profile(user=patient, display_name="")
    patient.refresh_from_db()
    assert patient.public_name == patient.pseudonym


def test_every_member_gets_a_pseudonym_of_their_own(db):
    first = user_signup(email="one@example.org", password="plum-orchard-42")
    second = user_signup(email="two@example.org", password="plum-orchard-42")

    assert first.pseudonym and second.pseudonym
    assert first.pseudonym not in {first.email, second.email}


@settings(max_examples=200)
@given(st.emails())
def test_a_pseudonym_is_never_an_e_mail_address(email):
    pseudonym = generate_pseudonym()

    assert pseudonym != email
    assert "@" not in pseudonym
    assert len(pseudonym) <= User._meta.get_field("pseudonym").max_length
