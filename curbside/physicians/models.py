from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from curbside.core.clock import now
from curbside.physicians.npi import is_valid_npi
from curbside.topics.models import Topic


def validate_npi(value: str) -> None:
    if value and not is_valid_npi(value):
        raise ValidationError(
            _("This is not a valid NPI: it has ten digits, starts with 1 or 2, and "
              "its last digit is a check digit. Check it on your NPI letter."),
            code="bad_npi",
        )  # fmt: skip


class PhysicianProfile(models.Model):
    """A physician's public profile and the credentials staff verify.

    Only a ``verified`` physician can answer or agree. Imported physicians have no
    login (``user.is_imported``) until they claim the profile.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")
        IMPORTED = "imported", _("Imported")

    class Degree(models.TextChoices):
        MD = "MD", "MD"
        DO = "DO", "DO"
        MBBS = "MBBS", "MBBS"
        MBCHB = "MBChB", "MBChB"
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="physician",
        verbose_name=_("user"),
    )
    name = models.CharField(_("full name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    degree = models.CharField(_("degree"), max_length=10, choices=Degree.choices,
                              default=Degree.MD)  # fmt: skip
    credentials = models.CharField(
        _("credentials as shown"), max_length=60, blank=True,
        help_text=_('How your degrees appear after your name, e.g. "MD, FACS".'),
    )  # fmt: skip
    specialties = models.ManyToManyField(
        Topic,
        related_name="physicians",
        limit_choices_to={"kind": Topic.Kind.SPECIALTY},
        verbose_name=_("specialties"),
    )
    npi = models.CharField(_("NPI"), max_length=10, blank=True,
                           validators=[validate_npi])  # fmt: skip
    license_number = models.CharField(_("licence number"), max_length=40, blank=True)
    license_region = models.CharField(
        _("licensing state or country"), max_length=60, blank=True
    )
    board_certification = models.CharField(
        _("board certification"), max_length=200, blank=True
    )
    practice_name = models.CharField(_("practice"), max_length=200, blank=True)
    conflicts_of_interest = models.TextField(
        _("conflicts of interest"), blank=True,
        help_text=_("Payments, shares or roles that a reader should know about. "
                    "Leave empty if there are none."),
    )  # fmt: skip
    bio = models.TextField(_("about"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
        db_index=True,
    )  # fmt: skip
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=now)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0)

    class Meta:
        verbose_name = _("physician")
        verbose_name_plural = _("physicians")
        ordering = ["name"]
        permissions = [("verify_physicianprofile", _("Can verify physicians"))]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("web:physician", args=[self.slug])

    def clean(self):
        if self.status == self.Status.PENDING and not (
            self.npi or (self.license_number and self.license_region)
        ):
            raise ValidationError(
                _("Give your NPI, or your licence number with the state or country "
                  "that issued it, so we can verify you."),
                code="no_credentials",
            )  # fmt: skip

    @property
    def display_name(self) -> str:
        shown = self.credentials or (
            self.degree if self.degree != self.Degree.OTHER else ""
        )
        return f"{self.name}, {shown}" if shown else self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class VerificationDecision(models.Model):
    """The audit trail of verification: who decided what, when, and why."""

    class Decision(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Verification revoked")

    profile = models.ForeignKey(
        PhysicianProfile,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("physician"),
    )
    decision = models.CharField(_("decision"), max_length=10,
                                choices=Decision.choices)  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason / evidence"), blank=True)
    created_at = models.DateTimeField(_("when"), default=now)

    class Meta:
        verbose_name = _("verification decision")
        verbose_name_plural = _("verification decisions")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.profile.name}"
