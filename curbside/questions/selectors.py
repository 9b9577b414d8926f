"""Reads of questions and answers, with visibility applied.

HTTP code never fetches a question or an answer directly: it calls
``access_question`` / ``access_answer``, which hide removed content from everyone
but staff.

A question marked as a duplicate stays visible (its page redirects readers to the
target, which shows its answers), but lists never show it: they start from
``listed_questions``, not ``visible_questions``.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from curbside.core.errors import Forbidden, NotFound
from curbside.physicians.models import PhysicianProfile
from curbside.questions.models import (
    Agreement,
    Answer,
    DuplicateDecision,
    FollowUp,
    HelpfulVote,
    Question,
)
from curbside.topics.models import Topic
from curbside.topics.selectors import topics_under


def visible_questions(viewer=None) -> QuerySet[Question]:
    if viewer is not None and getattr(viewer, "is_moderator", False):
        return Question.objects.all()
    return Question.objects.filter(is_removed=False)


def listed_questions() -> QuerySet[Question]:
    """Visible questions that lists show: not removed, not marked as duplicates."""
    return visible_questions().filter(duplicate_of__isnull=True)


def question_cards(qs: QuerySet[Question]) -> QuerySet[Question]:
    """What a list of question cards needs, in a fixed number of queries."""
    return qs.prefetch_related(Prefetch("topics", queryset=Topic.objects.only(
        "id", "name", "slug")))  # fmt: skip


def access_question(viewer, question_id: int) -> Question:
    question = visible_questions(viewer).filter(pk=question_id).first()
    if question is None:
        raise NotFound(_("This question does not exist, or it was removed."))
    return question


def access_question_to_moderate(viewer, question_id: int) -> Question:
    """The question, for a moderator about to mark or unmark it as a duplicate;
    Forbidden for everyone else."""
    if not getattr(viewer, "is_moderator", False):
        raise Forbidden(_("Only moderators can mark duplicates."),
                        code="moderator_required")  # fmt: skip
    return access_question(viewer, question_id)


def redirect_target(viewer, question: Question) -> Question | None:
    """Where a reader of ``question``'s page is sent instead: the question it is a
    duplicate of, when the viewer can see that one. Moderators are never sent
    on: they see the duplicate, with a way to undo the mark."""
    if question.duplicate_of_id is None or getattr(viewer, "is_moderator", False):
        return None
    return visible_questions(viewer).filter(pk=question.duplicate_of_id).first()


def access_answer(viewer, answer_id: int) -> Answer:
    answer = (
        Answer.objects.select_related("question", "physician")
        .filter(pk=answer_id, is_removed=False, question__is_removed=False)
        .first()
    )
    if answer is None:
        raise NotFound(_("This answer does not exist, or it was removed."))
    return answer


def answers_for_page(question: Question) -> list[Answer]:
    """Every visible answer with its physician, specialties and agreements: the
    question's own, and those of the visible questions marked as its duplicates.

    Each answer has ``merged_from``: the duplicate it was given to, or None for
    the question's own answers.
    """
    agreements = Agreement.objects.select_related("physician").order_by("created_at")
    # The physician comes with the answer (select_related); a Prefetch of
    # "physician" would then be skipped, and its specialties fetched per answer.
    answers = list(
        Answer.objects.filter(
            Q(question=question)
            | Q(question__duplicate_of=question, question__is_removed=False),
            is_removed=False,
        )
        .select_related("physician", "question")
        .prefetch_related(
            "physician__specialties",
            Prefetch("agreements", queryset=agreements),
        )
        .order_by("-helpful_count", "-agree_count", "created_at")
    )
    for answer in answers:
        answer.merged_from = (
            answer.question if answer.question_id != question.pk else None
        )
    return answers


@dataclass
class QuestionPage:
    question: Question
    topics: list[Topic]
    followups: list[FollowUp]
    answers: list[Answer]
    voted_answer_ids: set[int]
    own_answer: Answer | None
    own_stances: dict[int, str]
    #: For a duplicate: the latest mark (who, when); None otherwise.
    duplicate_mark: DuplicateDecision | None = None


def question_page(viewer, question: Question, physician=None) -> QuestionPage:
    answers = answers_for_page(question)
    voted: set[int] = set()
    if viewer.is_authenticated and answers:
        voted = set(
            HelpfulVote.objects.filter(
                user=viewer, answer__in=[a.pk for a in answers]
            ).values_list("answer_id", flat=True)
        )
    own = None
    stances: dict[int, str] = {}
    if physician is not None:
        own = next((a for a in answers if a.physician_id == physician.pk), None)
        for answer in answers:
            for agreement in answer.agreements.all():
                if agreement.physician_id == physician.pk:
                    stances[answer.pk] = agreement.stance
    return QuestionPage(
        question=question,
        topics=list(question.topics.all()),
        followups=list(question.followups.all()),
        answers=answers,
        voted_answer_ids=voted,
        own_answer=own,
        own_stances=stances,
        duplicate_mark=latest_duplicate_mark(question),
    )


def latest_duplicate_mark(question: Question) -> DuplicateDecision | None:
    """Who marked this question as a duplicate of its current target, and when."""
    if question.duplicate_of_id is None:
        return None
    return (
        question.duplicate_decisions.exclude(
            decision=DuplicateDecision.Decision.UNMARKED
        )
        .select_related("decided_by")
        .first()
    )


def duplicates_of(viewer, question: Question) -> list[Question]:
    """The questions marked as duplicates of this one, listed for moderators (so
    they can open one and undo the mark); nobody else needs them."""
    if not getattr(viewer, "is_moderator", False):
        return []
    return list(question.duplicates.order_by("-created_at", "-pk"))


def recently_answered() -> QuerySet[Question]:
    return question_cards(
        listed_questions().filter(answer_count__gt=0).order_by("-last_answered_at")
    )


def most_helpful() -> QuerySet[Question]:
    return question_cards(
        listed_questions().filter(helpful_count__gt=0).order_by("-helpful_count", "-pk")
    )


def unanswered() -> QuerySet[Question]:
    return listed_questions().filter(needs_answer_since__isnull=False)


def unanswered_count() -> int:
    return unanswered().count()


def physician_queue(physician: PhysicianProfile) -> QuerySet[Question]:
    """Questions waiting for an answer that this physician has not answered:
    urgent first, then those in the topics of their specialties, oldest first."""
    from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

    mine = topics_under(list(physician.specialties.all()))
    in_specialty = Exists(
        Question.topics.through.objects.filter(
            question_id=OuterRef("pk"), topic_id__in=mine.values("pk")
        )
    )
    answered_by_me = Answer.objects.filter(question_id=OuterRef("pk"),
                                           physician=physician)  # fmt: skip
    return question_cards(
        unanswered()
        .exclude(Exists(answered_by_me))
        .exclude(asker_id=physician.user_id)
        .annotate(
            in_specialty=Case(
                When(in_specialty, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )  # fmt: skip
        .order_by("-is_urgent", "-in_specialty", "needs_answer_since", "pk")
    )


def questions_in_topic(topic: Topic) -> QuerySet[Question]:
    """Questions filed under the topic or any topic beneath it, newest first."""
    filed = Question.topics.through.objects.filter(
        topic_id__in=topics_under([topic]).values("pk")
    ).values("question_id")
    return question_cards(
        listed_questions().filter(pk__in=filed).order_by("-created_at", "-pk")
    )


def answers_by_physician(physician: PhysicianProfile) -> QuerySet[Answer]:
    return (
        physician.answers.filter(is_removed=False, question__is_removed=False)
        .select_related("question")
        .order_by("-created_at")
    )


TOPIC_COUNTS_KEY = "topic-question-counts"
TOPIC_COUNTS_SECONDS = 300


def topic_question_counts() -> dict[int, int]:
    """How many visible questions are filed under each topic (directly).

    Counting means reading the whole topic table of every question, so the result
    is shared through the cache and may lag a few minutes behind.
    """
    counts = cache.get(TOPIC_COUNTS_KEY)
    if counts is None:
        rows = (
            Question.topics.through.objects.filter(
                question__is_removed=False, question__duplicate_of__isnull=True
            )
            .values_list("topic_id")
            .annotate(total=Count("question_id"))
            .order_by()
        )
        counts = dict(rows)
        cache.set(TOPIC_COUNTS_KEY, counts, TOPIC_COUNTS_SECONDS)
    return counts


def topics_with_counts(topics: Iterable[Topic]) -> list[Topic]:
    """The topics, each with ``question_total`` set from ``topic_question_counts``."""
    counts = topic_question_counts()
    listed = list(topics)
    for topic in listed:
        topic.question_total = counts.get(topic.pk, 0)
    return listed
