"""Physicians send their credentials for verification and see the result."""

from django.urls import reverse

from curbside.physicians.models import PhysicianProfile, VerificationDecision
from curbside.physicians.services import physician_reject

APPLY = reverse("web:physician_apply")


def _form(specialty, **overrides):
    data = {
        "name": "Erin Evans",
        "degree": "MD",
        "credentials": "MD, FAAD",
        "specialties": [specialty.pk],
        "npi": "1234567893",
        "license_number": "",
        "license_region": "",
        "board_certification": "American Board of Dermatology",
        "practice_name": "Riverside Clinic",
        "conflicts_of_interest": "",
        "bio": "Twenty years in general dermatology.",
    }
    data.update(overrides)
    return data


def test_it_sends_credentials_for_verification(client, outsider, dermatology):
    client.force_login(outsider)

    response = client.post(APPLY, _form(dermatology))

    profile = PhysicianProfile.objects.get(user=outsider)
    assert response.status_code == 302
    assert profile.status == "pending"
    assert list(profile.specialties.all()) == [dermatology]
    assert profile.decisions.get().decision == "submitted"
    page = client.get(APPLY).content.decode()
    assert "Waiting for verification" in page
    assert "Riverside Clinic" in page


def test_it_rejects_an_npi_with_a_wrong_check_digit(client, outsider, dermatology):
    client.force_login(outsider)

    response = client.post(APPLY, _form(dermatology, npi="1234567890"))

    assert response.status_code == 400
    assert "not a valid NPI" in response.content.decode()
    assert not PhysicianProfile.objects.exists()


def test_it_asks_for_an_npi_or_a_licence(client, outsider, dermatology):
    client.force_login(outsider)

    response = client.post(APPLY, _form(dermatology, npi="", license_number="A12345"))

    assert response.status_code == 400
    assert "Give your NPI, or your licence number" in response.content.decode()
    assert not PhysicianProfile.objects.exists()


def test_it_accepts_a_licence_with_its_region(client, outsider, dermatology):
    client.force_login(outsider)

    client.post(
        APPLY,
        _form(dermatology, npi="", license_number="A12345", license_region="Ireland"),
    )

    assert PhysicianProfile.objects.get(user=outsider).license_region == "Ireland"


def test_it_offers_only_specialties(client, outsider, dermatology, eczema):
    client.force_login(outsider)

    response = client.post(APPLY, _form(dermatology, specialties=[eczema.pk]))

    assert response.status_code == 400
    assert not PhysicianProfile.objects.exists()


def test_it_shows_a_rejected_physician_the_staff_reason(
    client, unverified_physician, moderator
):
    physician_reject(profile=unverified_physician, by=moderator,
                     reason="Your licence has lapsed in the registry.")  # fmt: skip
    client.force_login(unverified_physician.user)

    page = client.get(APPLY).content.decode()

    assert "Not verified." in page
    assert "Your licence has lapsed in the registry." in page


def test_it_keeps_a_verified_physician_verified_when_the_bio_changes(
    client, verified_physician, dermatology
):
    client.force_login(verified_physician.user)
    data = _form(dermatology, name="Bob Baker", credentials="", bio="New text.")

    client.post(APPLY, data)

    verified_physician.refresh_from_db()
    assert verified_physician.status == "verified"
    assert verified_physician.bio == "New text."
    assert not VerificationDecision.objects.exists()
    assert "You are verified" in client.get(APPLY).content.decode()


def test_it_accepts_an_npi_typed_with_spaces(client, outsider, dermatology):
    client.force_login(outsider)

    client.post(APPLY, _form(dermatology, npi="123 456 7893"))

    assert PhysicianProfile.objects.get(user=outsider).npi == "1234567893"
