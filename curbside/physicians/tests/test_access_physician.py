"""Who can see a physician's profile page."""

import pytest
from django.contrib.auth.models import AnonymousUser

from curbside.core.errors import NotFound
from curbside.physicians.selectors import (
    access_physician,
    public_physicians,
    verified_physician_of,
)
from curbside.physicians.services import physician_get_or_import


def test_everyone_sees_a_verified_physician(verified_physician, outsider):
    for viewer in (AnonymousUser(), outsider):
        assert access_physician(viewer, verified_physician.slug) == verified_physician


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_profile_not_yet_verified_is_hidden_from_visitors_and_members(
    unverified_physician, outsider, patient, status
):
    unverified_physician.status = status
    unverified_physician.save()

    for viewer in (AnonymousUser(), outsider, patient):
        with pytest.raises(NotFound):
            access_physician(viewer, unverified_physician.slug)


def test_the_owner_sees_their_own_pending_profile(unverified_physician):
    profile = access_physician(unverified_physician.user, unverified_physician.slug)

    assert profile == unverified_physician


def test_staff_see_a_pending_profile(unverified_physician, moderator):
    assert access_physician(moderator, unverified_physician.slug) == (
        unverified_physician
    )


def test_an_unknown_address_is_not_found(db):
    with pytest.raises(NotFound):
        access_physician(AnonymousUser(), "nobody-here")


def test_the_public_list_holds_verified_and_imported_physicians_only(
    verified_physician, unverified_physician
):
    imported = physician_get_or_import(name="Grace Green")

    assert set(public_physicians()) == {verified_physician, imported}


def test_only_a_verified_physician_counts_as_one(
    verified_physician, unverified_physician, patient
):
    assert verified_physician_of(verified_physician.user) == verified_physician
    assert verified_physician_of(unverified_physician.user) is None
    assert verified_physician_of(patient) is None
    assert verified_physician_of(AnonymousUser()) is None
