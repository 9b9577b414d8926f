from django.db import models
from django.utils.translation import gettext_lazy as _

from curbside.core.clock import now
from curbside.questions.models import Question


class QuestionVector(models.Model):
    """One question's embedding: what the vector index is built from.

    The database holds the vectors (the nearest-neighbour file under
    ``SEARCH_INDEX_DIR`` is derived from these rows). ``text_hash`` fingerprints
    the embedded text with the model, so re-indexing skips unchanged questions
    and an interrupted ``curbside reindex`` resumes where it stopped.
    ``updated_at`` tells searches which vectors are newer than the file.
    """

    question = models.OneToOneField(
        Question, on_delete=models.CASCADE, primary_key=True,
        related_name="search_vector", verbose_name=_("question"),
    )  # fmt: skip
    model_id = models.CharField(_("model"), max_length=40)
    text_hash = models.CharField(_("text hash"), max_length=32)
    # float16, little-endian, unit length.
    vector = models.BinaryField(_("vector"))
    updated_at = models.DateTimeField(_("updated"), default=now, db_index=True)

    class Meta:
        verbose_name = _("question vector")
        verbose_name_plural = _("question vectors")

    def __str__(self):
        return f"{self.question_id} ({self.model_id})"
