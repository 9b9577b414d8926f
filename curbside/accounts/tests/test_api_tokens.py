"""Personal API tokens: the secret is shown once, only its hash is kept."""

import pytest

from curbside.accounts.models import ApiToken, hash_token
from curbside.accounts.services import (
    MAX_TOKENS_PER_USER,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from curbside.core.errors import Invalid, NotFound


def test_it_returns_the_raw_secret_once_and_stores_only_its_hash(patient):
    token, raw = api_token_create(user=patient, name="backup script")

    stored = ApiToken.objects.get(pk=token.pk)
    assert raw.startswith(ApiToken.PREFIX)
    assert stored.key_hash == hash_token(raw)
    assert raw not in {stored.key_hash, stored.hint, stored.name}
    assert raw.endswith(stored.hint)
    assert len(raw) > 40


def test_it_authenticates_the_owner_and_records_the_use(patient):
    token, raw = api_token_create(user=patient, name="backup script")

    assert api_token_authenticate(raw=raw) == patient
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("raw", ["", "cbs_", "cbs_not-a-real-token", "Bearer x"])
def test_it_authenticates_nobody_with_an_unknown_token(patient, raw):
    api_token_create(user=patient, name="backup script")

    assert api_token_authenticate(raw=raw) is None


def test_a_revoked_token_no_longer_authenticates(patient):
    token, raw = api_token_create(user=patient, name="backup script")

    api_token_revoke(user=patient, token_id=token.pk)

    assert api_token_authenticate(raw=raw) is None


def test_a_deactivated_members_token_no_longer_authenticates(patient):
    _token, raw = api_token_create(user=patient, name="backup script")
    patient.is_active = False
    patient.save()

    assert api_token_authenticate(raw=raw) is None


def test_nobody_can_revoke_someone_elses_token(patient, outsider):
    token, raw = api_token_create(user=patient, name="backup script")

    with pytest.raises(NotFound):
        api_token_revoke(user=outsider, token_id=token.pk)
    assert api_token_authenticate(raw=raw) == patient


def test_it_needs_a_name(patient):
    with pytest.raises(Invalid) as caught:
        api_token_create(user=patient, name="   ")

    assert "name" in caught.value.errors


def test_it_caps_how_many_tokens_a_member_holds(patient):
    for n in range(MAX_TOKENS_PER_USER):
        api_token_create(user=patient, name=f"script {n}")

    with pytest.raises(Invalid) as caught:
        api_token_create(user=patient, name="one too many")

    assert caught.value.code == "too_many_tokens"
    assert patient.api_tokens.count() == MAX_TOKENS_PER_USER
