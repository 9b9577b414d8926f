"""The account page shows the pseudonym and the confirmation status and saves
the display name."""

from django.urls import reverse

from tests import factories

ACCOUNT = reverse("web:account")


def test_it_shows_the_pseudonym_and_confirmation_status(client, db):
    member = factories.UserFactory(email_confirmed=False)
    client.force_login(member)

    page = client.get(ACCOUNT).content.decode()

    assert member.pseudonym in page
    assert "not confirmed yet" in page
    assert reverse("web:resend_confirmation") in page
    assert reverse("web:physician_apply") in page


def test_it_saves_the_display_name(client, patient):
    client.force_login(patient)

    response = client.post(ACCOUNT, {"display_name": "  Alice A. "})

    patient.refresh_from_db()
    assert response.status_code == 302
    assert patient.display_name == "Alice A."


def test_it_refuses_a_too_long_display_name(client, patient):
    client.force_login(patient)

    response = client.post(ACCOUNT, {"display_name": "A" * 81})

    patient.refresh_from_db()
    assert response.status_code == 400
    assert patient.display_name == "Alice"


def test_it_sends_a_visitor_to_log_in(client, db):
    response = client.get(ACCOUNT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
