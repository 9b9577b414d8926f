import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from curbside.core.clock import now

PSEUDONYM_ADJECTIVES = (
    "Amber", "Brave", "Calm", "Clever", "Gentle", "Golden", "Happy", "Kind",
    "Lucky", "Mellow", "Quiet", "Rapid", "Silver", "Steady", "Sunny", "Swift",
)  # fmt: skip
PSEUDONYM_ANIMALS = (
    "Badger", "Crane", "Dolphin", "Falcon", "Fox", "Heron", "Koala", "Lynx",
    "Otter", "Owl", "Panda", "Robin", "Seal", "Sparrow", "Tiger", "Wren",
)  # fmt: skip


def generate_pseudonym() -> str:
    return f"{secrets.choice(PSEUDONYM_ADJECTIVES)}{secrets.choice(PSEUDONYM_ANIMALS)}{secrets.randbelow(900) + 100}"


class CurbsideUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email)
        username = username or email
        return super()._create_user(username, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("username", email)
        return super().create_user(email=email, password=password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("username", email)
        extra_fields.setdefault("email_confirmed", True)
        return super().create_superuser(email=email, password=password, **extra_fields)


class User(AbstractUser):
    """Anyone with an account: a patient, a physician, a moderator.

    People log in with their e-mail address. ``pseudonym`` is what the public sees
    for a question asked anonymously; it is generated once and never reveals the
    real name or e-mail.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown beside questions you ask without the anonymous option."),
    )
    pseudonym = models.CharField(
        _("pseudonym"), max_length=40, default=generate_pseudonym, editable=False
    )
    email_confirmed = models.BooleanField(_("e-mail confirmed"), default=False)
    is_imported = models.BooleanField(
        _("imported"),
        default=False,
        help_text=_("Created by an archive import; cannot log in until claimed."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = CurbsideUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.pseudonym

    @property
    def is_moderator(self) -> bool:
        return self.is_active and (
            self.is_superuser or self.has_perm("physicians.verify_physicianprofile")
        )


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the raw value is shown once."""

    PREFIX = "cbs_"

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=60)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("ends with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), default=now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} (…{self.hint})"
