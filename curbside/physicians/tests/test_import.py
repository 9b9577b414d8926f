"""Physicians created by an archive import: a public profile without a login."""

import pytest

from curbside.core.errors import Invalid
from curbside.physicians.models import PhysicianProfile
from curbside.physicians.selectors import public_physicians
from curbside.physicians.services import physician_get_or_import
from curbside.topics.models import Topic


def test_it_creates_a_public_profile_whose_account_cannot_log_in(db):
    profile = physician_get_or_import(name="Grace  Green", credentials="MD, PhD")

    assert profile.name == "Grace Green"
    assert profile.status == PhysicianProfile.Status.IMPORTED
    assert profile.display_name == "Grace Green, MD, PhD"
    assert profile.user.is_imported
    assert not profile.user.has_usable_password()
    assert profile in public_physicians()


def test_it_reuses_the_profile_with_the_same_name(db):
    first = physician_get_or_import(name="Grace Green")
    again = physician_get_or_import(name=" Grace   Green ")

    assert again.pk == first.pk
    assert PhysicianProfile.objects.count() == 1


def test_it_files_specialties_as_specialty_topics(db, dermatology):
    profile = physician_get_or_import(
        name="Grace Green", specialties=["Dermatology", "Allergy and Immunology", ""]
    )

    specialties = {t.name: t.kind for t in profile.specialties.all()}
    assert specialties == {
        "Dermatology": Topic.Kind.SPECIALTY,
        "Allergy and Immunology": Topic.Kind.SPECIALTY,
    }
    assert Topic.objects.filter(slug="dermatology").count() == 1


def test_importing_again_adds_specialties_without_dropping_any(db):
    physician_get_or_import(name="Grace Green", specialties=["Dermatology"])
    profile = physician_get_or_import(name="Grace Green", specialties=["Pediatrics"])

    assert {t.name for t in profile.specialties.all()} == {
        "Dermatology",
        "Pediatrics",
    }


def test_it_needs_a_name(db):
    with pytest.raises(Invalid):
        physician_get_or_import(name="   ")
