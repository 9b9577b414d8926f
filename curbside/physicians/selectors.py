"""Reads of physicians, with visibility applied."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from curbside.core.errors import NotFound
from curbside.physicians.models import PhysicianProfile

PUBLIC_STATUSES = (PhysicianProfile.Status.VERIFIED, PhysicianProfile.Status.IMPORTED)


def public_physicians() -> QuerySet[PhysicianProfile]:
    return PhysicianProfile.objects.filter(status__in=PUBLIC_STATUSES)


def access_physician(viewer, slug: str) -> PhysicianProfile:
    """A physician's public profile. Unverified profiles are visible only to their
    owner and to staff."""
    profile = (
        PhysicianProfile.objects.select_related("user")
        .prefetch_related("specialties")
        .filter(slug=slug)
        .first()
    )
    if profile is None:
        raise NotFound(_("There is no physician at this address."))
    if profile.status not in PUBLIC_STATUSES:
        is_owner = viewer.is_authenticated and viewer.pk == profile.user_id
        if not (is_owner or getattr(viewer, "is_moderator", False)):
            raise NotFound(_("There is no physician at this address."))
    return profile


def verified_physician_of(user) -> PhysicianProfile | None:
    if not user.is_authenticated:
        return None
    profile = getattr(user, "physician", None)
    return profile if profile is not None and profile.is_verified else None
