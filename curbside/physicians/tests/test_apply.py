"""Applying to answer as a physician, and editing the profile afterwards."""

import pytest

from curbside.core.errors import Invalid
from curbside.physicians.models import PhysicianProfile, VerificationDecision
from curbside.physicians.services import physician_apply
from tests import factories

Status = PhysicianProfile.Status
Decision = VerificationDecision.Decision


def _apply(user, specialties, **overrides):
    values = {
        "user": user,
        "name": "Erin Evans",
        "degree": "MD",
        "specialties": specialties,
        "npi": "1234567893",
    }
    values.update(overrides)
    return physician_apply(**values)


def _trail(profile):
    return list(
        profile.decisions.order_by("created_at", "pk").values_list(
            "decision", flat=True
        )
    )


def test_it_puts_a_new_application_in_the_queue_with_a_submitted_entry(
    outsider, dermatology
):
    profile = _apply(outsider, [dermatology])

    assert profile.status == Status.PENDING
    assert profile.verified_at is None
    assert profile.slug == "erin-evans"
    assert list(profile.specialties.all()) == [dermatology]
    decision = profile.decisions.get()
    assert decision.decision == Decision.SUBMITTED
    assert decision.decided_by == outsider


def test_it_accepts_a_licence_and_region_instead_of_an_npi(outsider, dermatology):
    profile = _apply(
        outsider,
        [dermatology],
        npi="",
        license_number="MD-55512",
        license_region="Ontario",
    )

    assert profile.status == Status.PENDING
    assert profile.license_region == "Ontario"


@pytest.mark.parametrize(
    "credentials",
    [
        {"npi": ""},
        {"npi": "", "license_number": "MD-55512"},
        {"npi": "", "license_region": "Ontario"},
    ],
    ids=["nothing", "licence-without-region", "region-without-licence"],
)
def test_it_needs_an_npi_or_a_licence_with_its_region(
    outsider, dermatology, credentials
):
    with pytest.raises(Invalid) as caught:
        _apply(outsider, [dermatology], **credentials)

    assert "NPI" in caught.value.message
    assert not PhysicianProfile.objects.filter(user=outsider).exists()


def test_it_refuses_an_npi_whose_check_digit_is_wrong(outsider, dermatology):
    with pytest.raises(Invalid) as caught:
        _apply(outsider, [dermatology], npi="1234567890")

    assert "npi" in caught.value.errors


def test_it_ignores_spaces_typed_inside_the_npi(outsider, dermatology):
    profile = _apply(outsider, [dermatology], npi=" 12345 67893 ")

    assert profile.npi == "1234567893"


def test_it_needs_at_least_one_specialty(outsider):
    with pytest.raises(Invalid) as caught:
        _apply(outsider, [])

    assert "specialties" in caught.value.errors


def test_it_accepts_only_specialties_as_specialties(outsider, eczema):
    with pytest.raises(Invalid) as caught:
        _apply(outsider, [eczema])

    assert caught.value.field == "specialties"


def test_changing_the_npi_of_a_verified_physician_sends_them_back_to_the_queue(
    verified_physician, dermatology
):
    profile = _apply(verified_physician.user, [dermatology], npi="1245319599")

    assert profile.pk == verified_physician.pk
    assert profile.status == Status.PENDING
    assert profile.verified_at is None
    assert _trail(profile) == [Decision.SUBMITTED]


def test_changing_the_degree_of_a_verified_physician_needs_a_new_check(
    verified_physician, dermatology
):
    profile = _apply(verified_physician.user, [dermatology], degree="DO")

    assert profile.status == Status.PENDING


def test_editing_only_the_bio_keeps_a_physician_verified(
    verified_physician, dermatology
):
    profile = _apply(
        verified_physician.user,
        [dermatology],
        name="Bob Baker",
        bio="Twenty years in community dermatology.",
    )

    profile.refresh_from_db()
    assert profile.status == Status.VERIFIED
    assert profile.bio == "Twenty years in community dermatology."
    assert profile.slug == verified_physician.slug
    assert _trail(profile) == []


def test_resubmitting_while_pending_adds_no_second_submitted_entry(
    outsider, dermatology
):
    _apply(outsider, [dermatology])
    profile = _apply(outsider, [dermatology], npi="1245319599")

    assert _trail(profile) == [Decision.SUBMITTED]


def test_two_physicians_with_the_same_name_get_different_addresses(dermatology):
    first = _apply(factories.UserFactory(), [dermatology])
    second = _apply(factories.UserFactory(), [dermatology])

    assert first.slug != second.slug
