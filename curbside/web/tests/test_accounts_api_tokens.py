"""Members create API tokens on their account page: the raw token is shown once,
only its fingerprint is kept, and revoking it stops it working."""

from django.urls import reverse

from curbside.accounts.models import ApiToken
from curbside.accounts.services import api_token_authenticate, api_token_create

CREATE = reverse("web:token_create")


def test_it_shows_the_new_token_once(client, patient):
    client.force_login(patient)

    created = client.post(CREATE, {"name": "weekly export"})

    raw = created.context["new_token"]["raw"]
    token = ApiToken.objects.get(user=patient)
    assert created.status_code == 200
    assert raw in created.content.decode()
    assert "only time it is shown" in created.content.decode()
    assert created["Cache-Control"] == "no-store"
    assert token.key_hash != raw and raw.endswith(token.hint)
    assert api_token_authenticate(raw=raw) == patient
    again = client.get(reverse("web:account")).content.decode()
    assert raw not in again
    assert "weekly export" in again and f"…{token.hint}" in again


def test_it_revokes_a_token(client, patient):
    token, raw = api_token_create(user=patient, name="old script")
    client.force_login(patient)

    response = client.post(reverse("web:token_revoke", args=[token.pk]))

    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert api_token_authenticate(raw=raw) is None


def test_it_does_not_revoke_someone_elses_token(client, patient, outsider):
    token, _raw = api_token_create(user=patient, name="old script")
    client.force_login(outsider)

    response = client.post(reverse("web:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_it_asks_for_a_name(client, patient):
    client.force_login(patient)

    response = client.post(CREATE, {"name": "  "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_needs_a_logged_in_member(client, db):
    response = client.post(CREATE, {"name": "weekly export"})

    assert response.status_code == 302
    assert not ApiToken.objects.exists()
