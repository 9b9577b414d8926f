from django.db import models
from django.utils.translation import gettext_lazy as _

from curbside.core.clock import now
from curbside.questions.models import Question


class QuestionConsensus(models.Model):
    """The physicians' consensus on one question, as last computed.

    Derived data: ``curbside consensus --all`` rebuilds every row. ``inputs_hash``
    fingerprints what it was computed from (the question, the visible answers and
    the stances on them) with ``algorithm``, so an event that changed nothing the
    consensus reads skips the work.
    """

    question = models.OneToOneField(
        Question, on_delete=models.CASCADE, primary_key=True,
        related_name="consensus", verbose_name=_("question"),
    )  # fmt: skip
    algorithm = models.CharField(_("algorithm"), max_length=40)
    inputs_hash = models.CharField(_("inputs hash"), max_length=64)
    data = models.JSONField(_("consensus"), default=dict)
    computed_at = models.DateTimeField(_("computed"), default=now)

    class Meta:
        verbose_name = _("consensus")
        verbose_name_plural = _("consensuses")

    def __str__(self):
        return f"{self.question_id} ({self.algorithm})"
