from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A subject questions are filed under.

    Specialties (dermatology, cardiology, …) are topics too: they are the roots of
    the tree, and conditions, procedures and body areas sit under the specialty that
    treats them. A physician's specialties are specialty topics, so a question in any
    topic under a specialty reaches that specialty's physicians.
    """

    class Kind(models.TextChoices):
        SPECIALTY = "specialty", _("Specialty")
        CONDITION = "condition", _("Condition")
        PROCEDURE = "procedure", _("Procedure")
        BODY_AREA = "body_area", _("Body area")
        GENERAL = "general", _("General")

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.GENERAL
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:topic", args=[self.slug])
