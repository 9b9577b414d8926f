"""Staff verify or reject physicians; every decision goes in an ordered trail."""

from datetime import timedelta
from unittest import mock

import pytest

from curbside.core.clock import now
from curbside.core.errors import Forbidden, Invalid
from curbside.physicians.models import PhysicianProfile, VerificationDecision
from curbside.physicians.services import (
    physician_apply,
    physician_reject,
    physician_verify,
)
from tests import factories

Status = PhysicianProfile.Status
Decision = VerificationDecision.Decision


def test_a_moderator_verifies_a_pending_physician(unverified_physician, moderator):
    decision = physician_verify(
        profile=unverified_physician, by=moderator, reason="NPI registry matches."
    )

    unverified_physician.refresh_from_db()
    assert unverified_physician.status == Status.VERIFIED
    assert unverified_physician.verified_at is not None
    assert decision.decision == Decision.VERIFIED
    assert decision.decided_by == moderator
    assert decision.reason == "NPI registry matches."


def test_a_staff_member_with_the_verify_permission_may_verify(unverified_physician):
    from django.contrib.auth.models import Permission

    reviewer = factories.UserFactory(is_staff=True)
    reviewer.user_permissions.add(
        Permission.objects.get(codename="verify_physicianprofile")
    )

    physician_verify(profile=unverified_physician, by=reviewer)

    unverified_physician.refresh_from_db()
    assert unverified_physician.is_verified


@pytest.mark.parametrize("who", ["patient", "verified_physician", "outsider"])
def test_nobody_but_staff_can_verify(request, unverified_physician, who):
    person = request.getfixturevalue(who)
    user = getattr(person, "user", person)

    with pytest.raises(Forbidden):
        physician_verify(profile=unverified_physician, by=user)

    unverified_physician.refresh_from_db()
    assert unverified_physician.status == Status.PENDING
    assert not unverified_physician.decisions.exists()


def test_nobody_but_staff_can_reject(unverified_physician, verified_physician):
    with pytest.raises(Forbidden):
        physician_reject(
            profile=unverified_physician, by=verified_physician.user, reason="No."
        )


def test_a_deactivated_moderator_can_no_longer_verify(unverified_physician, moderator):
    moderator.is_active = False
    moderator.save()

    with pytest.raises(Forbidden):
        physician_verify(profile=unverified_physician, by=moderator)


def test_a_moderator_cannot_verify_their_own_profile(moderator, dermatology):
    own = factories.PhysicianFactory(
        user=moderator, status=Status.PENDING, specialties=[dermatology]
    )

    with pytest.raises(Forbidden):
        physician_verify(profile=own, by=moderator)
    own.refresh_from_db()
    assert own.status == Status.PENDING


def test_rejecting_needs_a_reason(unverified_physician, moderator):
    with pytest.raises(Invalid) as caught:
        physician_reject(profile=unverified_physician, by=moderator, reason="   ")

    assert "reason" in caught.value.errors
    unverified_physician.refresh_from_db()
    assert unverified_physician.status == Status.PENDING


def test_rejecting_a_pending_physician_records_rejected(
    unverified_physician, moderator
):
    decision = physician_reject(
        profile=unverified_physician,
        by=moderator,
        reason="NPI belongs to someone else.",
    )

    unverified_physician.refresh_from_db()
    assert unverified_physician.status == Status.REJECTED
    assert decision.decision == Decision.REJECTED
    assert decision.reason == "NPI belongs to someone else."


def test_rejecting_a_verified_physician_records_a_revocation(
    verified_physician, moderator
):
    decision = physician_reject(
        profile=verified_physician, by=moderator, reason="Licence lapsed."
    )

    verified_physician.refresh_from_db()
    assert decision.decision == Decision.REVOKED
    assert verified_physician.status == Status.REJECTED
    assert verified_physician.verified_at is None
    assert not verified_physician.is_verified


def test_the_trail_keeps_every_decision_in_order(outsider, moderator, dermatology):
    start = now()
    moments = iter(start + timedelta(minutes=m) for m in range(10))

    def apply(npi):
        return physician_apply(
            user=outsider, name="Erin Evans", degree="MD",
            specialties=[dermatology], npi=npi,
        )  # fmt: skip

    # Every decision a minute after the previous one, as in real life.
    with mock.patch(
        "curbside.core.clock.timezone.now", side_effect=lambda: next(moments)
    ):
        profile = apply("1234567893")
        physician_reject(profile=profile, by=moderator, reason="Name mismatch.")
        profile = apply("1245319599")
        physician_verify(profile=profile, by=moderator, reason="Registry matches.")
        physician_reject(profile=profile, by=moderator, reason="Licence lapsed.")

    trail = list(profile.decisions.all())  # newest first by default
    assert [d.decision for d in reversed(trail)] == [
        Decision.SUBMITTED,
        Decision.REJECTED,
        Decision.SUBMITTED,
        Decision.VERIFIED,
        Decision.REVOKED,
    ]
    assert [d.decided_by for d in reversed(trail)] == [
        outsider, moderator, outsider, moderator, moderator,
    ]  # fmt: skip
    stamps = [d.created_at for d in trail]
    assert stamps == sorted(stamps, reverse=True)
