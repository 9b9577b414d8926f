"""GET /me: who the token belongs to, without the e-mail address."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_describes_a_patient(client, patient, bearer):
    response = client.get("/api/v1/me", **bearer(patient))
    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == "Alice"
    assert body["pseudonym"] == patient.pseudonym
    assert body["is_physician"] is False
    assert body["physician_status"] is None and body["physician"] is None
    assert "@" not in response.content.decode()


def test_it_describes_a_physician_and_their_status(
    client, verified_physician, unverified_physician, bearer
):
    body = client.get("/api/v1/me", **bearer(verified_physician.user)).json()
    assert body["is_physician"] is True
    assert body["physician_status"] == "verified"
    assert body["physician"]["slug"] == verified_physician.slug
    body = client.get("/api/v1/me", **bearer(unverified_physician.user)).json()
    assert body["physician_status"] == "pending"
