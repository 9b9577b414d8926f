"""Readers can see who answers: a list of verified physicians and a profile with
credentials, conflicts of interest, standing and their answers."""

from django.urls import reverse

from curbside.questions import services
from tests import factories


def test_it_lists_verified_and_imported_but_not_pending_physicians(
    client, verified_physician, unverified_physician
):
    imported = factories.PhysicianFactory(name="Iris Imported", status="imported")
    html = client.get(reverse("web:physicians")).content.decode()
    assert "Bob Baker, MD" in html
    assert imported.name in html
    assert "Dave Doe" not in html


def test_a_profile_shows_credentials_and_declares_no_conflicts(
    client, verified_physician
):
    verified_physician.board_certification = "American Board of Dermatology"
    verified_physician.practice_name = "Riverside Skin Clinic"
    verified_physician.save()
    html = client.get(verified_physician.get_absolute_url()).content.decode()
    assert "Bob Baker, MD" in html
    assert "Verified physician" in html
    assert "Dermatology" in html
    assert "American Board of Dermatology" in html
    assert "Riverside Skin Clinic" in html
    assert "None declared." in html


def test_a_profile_shows_declared_conflicts_prominently(client, verified_physician):
    verified_physician.conflicts_of_interest = "Paid speaker for a laser maker."
    verified_physician.save()
    html = client.get(verified_physician.get_absolute_url()).content.decode()
    assert 'class="coi coi--declared"' in html
    assert "Paid speaker for a laser maker." in html
    assert "None declared." not in html


def test_a_profile_lists_the_physicians_answers_with_counts(
    client, verified_physician, question
):
    services.answer_post(
        question=question,
        author=verified_physician.user,
        body="Keep the skin moisturised and avoid hot showers.",
    )
    html = client.get(verified_physician.get_absolute_url()).content.decode()
    assert question.title in html
    assert "Keep the skin moisturised" in html
    assert "Answers by Bob Baker" in html


def test_a_pending_profile_is_hidden_from_readers(client, unverified_physician):
    response = client.get(unverified_physician.get_absolute_url())
    assert response.status_code == 404


def test_a_pending_physician_sees_their_own_profile_with_a_notice(
    client, unverified_physician
):
    client.force_login(unverified_physician.user)
    html = client.get(unverified_physician.get_absolute_url()).content.decode()
    assert "waiting for verification" in html
