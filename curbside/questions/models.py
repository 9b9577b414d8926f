from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from curbside.core.clock import now
from curbside.physicians.models import PhysicianProfile
from curbside.topics.models import Topic

TITLE_MIN, TITLE_MAX = 10, 200
BODY_MIN, BODY_MAX = 20, 10_000
ANSWER_MIN, ANSWER_MAX = 20, 20_000
FOLLOWUP_MAX = 5_000
MAX_TOPICS = 5
VISIBLE = Q(is_removed=False)


class Question(models.Model):
    class AgeRange(models.TextChoices):
        UNDER_2 = "0-1", _("under 2")
        CHILD = "2-12", _("2–12")
        TEEN = "13-17", _("13–17")
        ADULT_18 = "18-29", _("18–29")
        ADULT_30 = "30-44", _("30–44")
        ADULT_45 = "45-64", _("45–64")
        SENIOR = "65+", _("65 or older")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        INTERSEX = "intersex", _("Intersex")
        UNSAID = "unsaid", _("Prefer not to say")

    class Duration(models.TextChoices):
        DAYS = "days", _("A few days")
        WEEKS = "weeks", _("A few weeks")
        MONTHS = "months", _("A few months")
        YEARS = "years", _("A year or more")

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="questions",
        verbose_name=_("asker"),
    )
    asker_name = models.CharField(
        _("name shown"), max_length=80,
        help_text=_("What readers see as the asker: a display name or a pseudonym."),
    )  # fmt: skip
    is_anonymous = models.BooleanField(_("asked anonymously"), default=False)
    title = models.CharField(_("question"), max_length=TITLE_MAX)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    body = models.TextField(_("details"), max_length=BODY_MAX)
    age_range = models.CharField(_("age"), max_length=6, blank=True,
                                 choices=AgeRange.choices)  # fmt: skip
    sex = models.CharField(_("sex"), max_length=10, blank=True, choices=Sex.choices)
    duration = models.CharField(_("how long"), max_length=10, blank=True,
                                choices=Duration.choices)  # fmt: skip
    topics = models.ManyToManyField(Topic, related_name="questions", blank=True,
                                    verbose_name=_("topics"))  # fmt: skip
    is_urgent = models.BooleanField(_("urgent"), default=False)
    is_removed = models.BooleanField(_("removed"), default=False, db_index=True)
    created_at = models.DateTimeField(_("asked"), default=now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0)
    last_answered_at = models.DateTimeField(_("last answered"), null=True, blank=True)
    needs_answer_since = models.DateTimeField(
        _("waiting since"), null=True, blank=True,
        help_text=_("Set while the question waits in physicians' queues: when it was "
                    "asked, or when the asker's latest follow-up came in."),
    )  # fmt: skip
    import_key = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                  editable=False)  # fmt: skip
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="duplicates", verbose_name=_("duplicate of"),
        help_text=_("Set by a moderator: readers are sent to this question, which "
                    "also shows this question's answers."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at"]
        # Partial indexes over visible questions: the ORM writes the filter as
        # "NOT is_removed", which only a partial index with that condition serves.
        indexes = [
            models.Index(fields=["-last_answered_at"], condition=VISIBLE,
                         name="q_recent_answered"),
            models.Index(fields=["-helpful_count", "-id"], condition=VISIBLE,
                         name="q_helpful"),
            models.Index(fields=["needs_answer_since"], condition=VISIBLE,
                         name="q_queue"),
            models.Index(fields=["-created_at", "-id"], condition=VISIBLE,
                         name="q_newest"),
        ]  # fmt: skip

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("web:question", args=[self.pk, self.slug or "q"])

    @property
    def is_answered(self) -> bool:
        return self.answer_count > 0


class DuplicateDecision(models.Model):
    """The audit trail of duplicate marks: who marked or unmarked what, when.

    ``Question.duplicate_of`` holds the current state; this keeps the history,
    like ``physicians.VerificationDecision`` does for verification.
    """

    class Decision(models.TextChoices):
        MARKED = "marked", _("Marked as a duplicate")
        UNMARKED = "unmarked", _("Duplicate mark undone")
        REPOINTED = "repointed", _("Moved along when its target was marked")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="duplicate_decisions",
        verbose_name=_("question"),
    )  # fmt: skip
    decision = models.CharField(_("decision"), max_length=10,
                                choices=Decision.choices)  # fmt: skip
    target = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("duplicate of"),
        help_text=_("The question it was marked a duplicate of; for an undo, the "
                    "one it pointed to until then."),
    )  # fmt: skip
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("by"))  # fmt: skip
    created_at = models.DateTimeField(_("when"), default=now)

    class Meta:
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.question_id} → {self.target_id}"


class FollowUp(models.Model):
    """More details the asker added after the question was posted."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE,
                                 related_name="followups")  # fmt: skip
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                               null=True, related_name="+")  # fmt: skip
    body = models.TextField(_("follow-up"), max_length=FOLLOWUP_MAX)
    created_at = models.DateTimeField(_("added"), default=now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:60]


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE,
                                 related_name="answers")  # fmt: skip
    physician = models.ForeignKey(PhysicianProfile, on_delete=models.PROTECT,
                                  related_name="answers")  # fmt: skip
    body = models.TextField(_("answer"), max_length=ANSWER_MAX)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(_("answered"), default=now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    last_reviewed_at = models.DateTimeField(_("last reviewed"), default=now)
    helpful_count = models.PositiveIntegerField(_("helpful"), default=0)
    agree_count = models.PositiveIntegerField(_("agree"), default=0)
    disagree_count = models.PositiveIntegerField(_("disagree"), default=0)
    is_removed = models.BooleanField(_("removed"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["question", "physician"],
                                    name="one_answer_per_physician"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.physician.name}: {self.body[:60]}"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"


class Agreement(models.Model):
    """A physician's stance on another physician's answer."""

    class Stance(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE,
                               related_name="agreements")  # fmt: skip
    physician = models.ForeignKey(PhysicianProfile, on_delete=models.CASCADE,
                                  related_name="agreements")  # fmt: skip
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=2_000)
    created_at = models.DateTimeField(_("when"), default=now)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "physician"],
                                    name="one_stance_per_physician"),
            models.CheckConstraint(
                condition=Q(stance="agree") | ~Q(reason=""),
                name="disagreement_has_reason",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.physician.name} {self.stance}s with answer {self.answer_id}"


class HelpfulVote(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE,
                               related_name="helpful_votes")  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="helpful_votes")  # fmt: skip
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [
            models.UniqueConstraint(fields=["answer", "user"], name="one_vote_per_user")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.answer_id}"
