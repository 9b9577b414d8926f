"""Every write to physicians: applying, verification decisions, imported profiles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from curbside.accounts.models import User
from curbside.core.clock import now
from curbside.core.errors import Forbidden, Invalid, invalid_from_validation_error
from curbside.physicians.models import PhysicianProfile, VerificationDecision
from curbside.topics.models import Topic
from curbside.topics.services import topic_get_or_create

Status = PhysicianProfile.Status
Decision = VerificationDecision.Decision
CREDENTIAL_FIELDS = ("npi", "license_number", "license_region", "degree")


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:120] or "physician"
    slug, n = base, 2
    while PhysicianProfile.objects.exclude(pk=exclude_pk).filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _save(profile: PhysicianProfile) -> None:
    try:
        profile.full_clean(exclude=["specialties"])
    except ValidationError as exc:
        raise invalid_from_validation_error(exc) from None
    profile.save()


@transaction.atomic
def physician_apply(
    *,
    user: User,
    name: str,
    degree: str,
    specialties: list[Topic],
    credentials: str = "",
    npi: str = "",
    license_number: str = "",
    license_region: str = "",
    board_certification: str = "",
    practice_name: str = "",
    conflicts_of_interest: str = "",
    bio: str = "",
) -> PhysicianProfile:
    """Create or update the user's physician profile.

    A new profile, or a change to the identifying credentials (degree, NPI,
    licence) of a verified one, goes (back) to the verification queue.
    """
    if not specialties:
        raise Invalid(_("Choose at least one specialty."), field="specialties",
                      errors={"specialties": [_("Choose at least one specialty.")]})  # fmt: skip
    if any(t.kind != Topic.Kind.SPECIALTY for t in specialties):
        raise Invalid(_("Only specialties can be chosen here."), field="specialties")
    profile = getattr(user, "physician", None)
    creating = profile is None
    if creating:
        profile = PhysicianProfile(user=user)
    before = {f: getattr(profile, f) for f in CREDENTIAL_FIELDS}
    values = {
        "name": " ".join(name.split()), "degree": degree,
        "credentials": credentials.strip(), "npi": npi.strip().replace(" ", ""),
        "license_number": license_number.strip(),
        "license_region": license_region.strip(),
        "board_certification": board_certification.strip(),
        "practice_name": practice_name.strip(),
        "conflicts_of_interest": conflicts_of_interest.strip(), "bio": bio.strip(),
    }  # fmt: skip
    for field, value in values.items():
        setattr(profile, field, value)
    changed = any(getattr(profile, f) != before[f] for f in CREDENTIAL_FIELDS)
    resubmit = creating or (changed and profile.status != Status.PENDING)
    if resubmit:
        profile.status = Status.PENDING
        profile.verified_at = None
    if creating or not profile.slug:
        profile.slug = _unique_slug(profile.name)
    _save(profile)
    profile.specialties.set(specialties)
    if resubmit:
        VerificationDecision.objects.create(
            profile=profile, decision=Decision.SUBMITTED, decided_by=user
        )
    return profile


def _decide(profile, by, decision, reason, status, verified_at):
    if not by.is_moderator:
        raise Forbidden(_("Only staff can verify physicians."))
    if by.pk == profile.user_id:
        raise Forbidden(_("You cannot decide on your own verification."))
    profile.status = status
    profile.verified_at = verified_at
    profile.save(update_fields=["status", "verified_at"])
    return VerificationDecision.objects.create(
        profile=profile, decision=decision, decided_by=by, reason=reason.strip()
    )


@transaction.atomic
def physician_verify(
    *, profile: PhysicianProfile, by: User, reason: str = ""
) -> VerificationDecision:
    """Mark a physician verified; the decision and its evidence go in the trail."""
    return _decide(profile, by, Decision.VERIFIED, reason, Status.VERIFIED, now())


@transaction.atomic
def physician_reject(
    *, profile: PhysicianProfile, by: User, reason: str
) -> VerificationDecision:
    """Refuse or revoke verification. The physician sees the reason."""
    if not reason.strip():
        raise Invalid(_("Say why, so the physician knows what to fix."),
                      field="reason", errors={"reason": [_("A reason is required.")]})  # fmt: skip
    decision = Decision.REVOKED if profile.is_verified else Decision.REJECTED
    return _decide(profile, by, decision, reason, Status.REJECTED, None)


def physician_get_or_import(
    *, name: str, credentials: str = "", specialties: list[str] = ()
) -> PhysicianProfile:
    """The imported physician with this name, created (without a login) if missing."""
    name = " ".join(name.split())
    if not name:
        raise Invalid(_("A physician needs a name."), field="physician.name")
    profile = PhysicianProfile.objects.filter(name=name).first()
    if profile is None:
        placeholder = f"{_unique_slug(name)}@imported.invalid"
        user = User(email=placeholder, username=placeholder, is_imported=True,
                    display_name=name)  # fmt: skip
        user.set_unusable_password()
        user.save()
        profile = PhysicianProfile(
            user=user, name=name[:120], slug=_unique_slug(name),
            credentials=credentials[:60], status=Status.IMPORTED,
            degree=PhysicianProfile.Degree.OTHER,
        )  # fmt: skip
        _save(profile)
    topics = [
        topic_get_or_create(name=s, kind=Topic.Kind.SPECIALTY) for s in specialties if s
    ]
    if topics:
        profile.specialties.add(*topics)
    return profile
