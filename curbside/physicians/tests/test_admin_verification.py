"""Staff verify or reject physicians in the admin, always with a recorded
decision; people who are not staff cannot."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from curbside.physicians.models import PhysicianProfile, VerificationDecision
from tests import factories


def _decide_url(profile):
    return reverse("admin:physicians_physicianprofile_decide", args=[profile.pk])


def test_it_lets_a_moderator_verify_with_evidence(
    client, moderator, unverified_physician
):
    client.force_login(moderator)
    shown = client.get(_decide_url(unverified_physician))
    assert shown.status_code == 200
    assert "1234567893" in shown.content.decode()

    response = client.post(
        _decide_url(unverified_physician),
        {"decision": "verify", "reason": "NPI registry entry matches name and state."},
    )

    unverified_physician.refresh_from_db()
    assert response.status_code == 302
    assert unverified_physician.status == PhysicianProfile.Status.VERIFIED
    assert unverified_physician.verified_at is not None
    decision = VerificationDecision.objects.get()
    assert decision.decision == "verified" and decision.decided_by == moderator
    assert decision.reason == "NPI registry entry matches name and state."


def test_it_requires_a_reason_to_reject(client, moderator, unverified_physician):
    client.force_login(moderator)

    response = client.post(_decide_url(unverified_physician), {"decision": "reject"})

    unverified_physician.refresh_from_db()
    assert response.status_code == 400
    assert "Say why" in response.content.decode()
    assert unverified_physician.status == PhysicianProfile.Status.PENDING
    assert not VerificationDecision.objects.exists()


def test_it_keeps_every_decision_in_the_trail(client, moderator, unverified_physician):
    client.force_login(moderator)
    url = _decide_url(unverified_physician)
    client.post(url, {"decision": "reject", "reason": "The licence has lapsed."})
    client.post(url, {"decision": "verify", "reason": "Renewed licence seen."})
    client.post(url, {"decision": "reject", "reason": "Licence suspended."})

    unverified_physician.refresh_from_db()
    trail = list(
        unverified_physician.decisions.order_by("pk").values_list("decision", "reason")
    )
    assert unverified_physician.status == PhysicianProfile.Status.REJECTED
    assert trail == [
        ("rejected", "The licence has lapsed."),
        ("verified", "Renewed licence seen."),
        ("revoked", "Licence suspended."),
    ]
    change = client.get(
        reverse("admin:physicians_physicianprofile_change",
                args=[unverified_physician.pk])
    ).content.decode()  # fmt: skip
    assert "Renewed licence seen." in change and "Licence suspended." in change
    assert _decide_url(unverified_physician) in change


def test_it_does_not_let_a_member_reach_the_decide_page(
    client, patient, unverified_physician
):
    client.force_login(patient)

    response = client.post(
        _decide_url(unverified_physician), {"decision": "verify", "reason": "ok"}
    )

    unverified_physician.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert unverified_physician.status == PhysicianProfile.Status.PENDING
    assert not VerificationDecision.objects.exists()


def test_it_does_not_let_staff_without_the_permission_decide(
    client, unverified_physician
):
    clerk = factories.UserFactory(is_staff=True)
    client.force_login(clerk)

    response = client.post(
        _decide_url(unverified_physician), {"decision": "verify", "reason": "ok"}
    )

    assert response.status_code == 403
    assert not VerificationDecision.objects.exists()


def test_it_lets_staff_with_the_permission_decide(client, unverified_physician):
    verifier = factories.UserFactory(is_staff=True)
    verifier.user_permissions.add(
        Permission.objects.get(codename="verify_physicianprofile")
    )
    client.force_login(verifier)

    client.post(
        _decide_url(unverified_physician), {"decision": "verify", "reason": "ok"}
    )

    unverified_physician.refresh_from_db()
    assert unverified_physician.status == PhysicianProfile.Status.VERIFIED


def test_it_does_not_let_a_moderator_decide_on_their_own_profile(
    client, moderator, dermatology
):
    own = factories.PhysicianFactory(user=moderator, status="pending",
                                     specialties=[dermatology])  # fmt: skip
    client.force_login(moderator)

    response = client.post(_decide_url(own), {"decision": "verify", "reason": "me"})

    own.refresh_from_db()
    assert response.status_code == 400
    assert "your own verification" in response.content.decode()
    assert own.status == PhysicianProfile.Status.PENDING


def test_it_lists_and_finds_physicians_by_status_and_npi(
    client, moderator, unverified_physician, verified_physician
):
    client.force_login(moderator)
    url = reverse("admin:physicians_physicianprofile_changelist")

    pending = client.get(url, {"status__exact": "pending"}).content.decode()
    found = client.get(url, {"q": "1234567893"})

    assert "Dave Doe" in pending and "Bob Baker" not in pending
    assert found.status_code == 200
    assert found.context["cl"].result_count == 2


def test_it_shows_the_status_read_only_on_the_change_form(
    client, moderator, unverified_physician
):
    client.force_login(moderator)

    response = client.get(
        reverse("admin:physicians_physicianprofile_change",
                args=[unverified_physician.pk])
    )  # fmt: skip

    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields


def test_it_rejects_several_physicians_at_once_with_one_reason(
    client, moderator, unverified_physician, dermatology
):
    other = factories.PhysicianFactory(status="pending", specialties=[dermatology])
    client.force_login(moderator)
    url = reverse("admin:physicians_physicianprofile_changelist")
    selected = {"action": "decide_selected",
                "_selected_action": [unverified_physician.pk, other.pk]}  # fmt: skip

    asked = client.post(url, selected)
    no_reason = client.post(url, {**selected, "apply": "1", "decision": "reject"})
    done = client.post(url, {**selected, "apply": "1", "decision": "reject",
                             "reason": "Licence numbers not found."})  # fmt: skip

    assert asked.status_code == 200 and "Record decision" in asked.content.decode()
    assert "Say why" in no_reason.content.decode()
    assert done.status_code == 302
    assert list(
        VerificationDecision.objects.values_list("profile__name", "reason").order_by(
            "profile__name"
        )
    ) == sorted(
        [(p.name, "Licence numbers not found.") for p in (unverified_physician, other)]
    )
    assert set(
        PhysicianProfile.objects.filter(
            pk__in=[unverified_physician.pk, other.pk]
        ).values_list("status", flat=True)
    ) == {"rejected"}
