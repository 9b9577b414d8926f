from django.db import models
from django.utils.translation import gettext_lazy as _

from curbside.core.clock import now


class TimeStampedModel(models.Model):
    """Base model: when a row was created and last changed (timezone-aware)."""

    created_at = models.DateTimeField(_("created"), default=now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
