"""Every write to questions, answers, follow-ups, agreements and helpful votes.

Each service checks who may act, validates, writes in one transaction (counters
included) and announces the change after commit.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from curbside.accounts.models import User
from curbside.core.clock import now
from curbside.core.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    invalid_from_validation_error,
)
from curbside.core.markdown import render_markdown
from curbside.core.ratelimit import check_rate
from curbside.physicians.models import PhysicianProfile
from curbside.physicians.selectors import verified_physician_of
from curbside.questions.events import announce_question_changed
from curbside.questions.models import (
    ANSWER_MAX,
    ANSWER_MIN,
    BODY_MIN,
    MAX_TOPICS,
    TITLE_MIN,
    Agreement,
    Answer,
    DuplicateDecision,
    FollowUp,
    HelpfulVote,
    Question,
)
from curbside.topics.models import Topic

SLUG_MAX = 80


def _clean(instance, exclude=None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise invalid_from_validation_error(exc) from None


def _require_member(user: User) -> None:
    if not user.is_authenticated or not user.is_active:
        raise Forbidden(_("Log in to do this."), code="login_required")


def _require_confirmed(user: User) -> None:
    _require_member(user)
    if not (user.email_confirmed or user.is_staff):
        raise Forbidden(
            _("Confirm your e-mail address first: open the link we sent you, or ask "
              "for a new one on your account page."),
            code="email_unconfirmed",
        )  # fmt: skip


def _require_verified(user: User) -> PhysicianProfile:
    _require_member(user)
    physician = verified_physician_of(user)
    if physician is None:
        raise Forbidden(
            _("Only verified physicians can do this."), code="physician_required"
        )
    return physician


def _check_question_text(title: str, body: str, topics: list[Topic]) -> None:
    errors = {}
    if len(title) < TITLE_MIN:
        errors["title"] = [_("Write your question in at least %(n)d characters.")
                           % {"n": TITLE_MIN}]  # fmt: skip
    if len(body) < BODY_MIN:
        errors["body"] = [_("Add some details (at least %(n)d characters): what "
                            "happened, since when, what you have tried.")
                          % {"n": BODY_MIN}]  # fmt: skip
    if len(topics) > MAX_TOPICS:
        errors["topics"] = [_("Choose at most %(n)d topics.") % {"n": MAX_TOPICS}]
    if errors:
        raise Invalid(next(iter(errors.values()))[0], errors=errors)


def question_slug(title: str) -> str:
    return slugify(title)[:SLUG_MAX].strip("-") or "question"


@transaction.atomic
def question_create(
    *,
    asker: User,
    title: str,
    body: str,
    topics: list[Topic] = (),
    anonymous: bool = False,
    age_range: str = "",
    sex: str = "",
    duration: str = "",
    is_urgent: bool = False,
) -> Question:
    """Post a member's question; it enters physicians' queues at once."""
    _require_confirmed(asker)
    title, body, topics = " ".join(title.split()), body.strip(), list(topics)
    _check_question_text(title, body, topics)
    check_rate("question", f"user:{asker.pk}")
    stamp = now()
    question = Question(
        asker=asker, asker_name=asker.pseudonym if anonymous else asker.public_name,
        is_anonymous=anonymous, title=title, slug=question_slug(title), body=body,
        age_range=age_range, sex=sex, duration=duration, is_urgent=is_urgent,
        created_at=stamp, needs_answer_since=stamp,
    )  # fmt: skip
    _clean(question)
    question.save()
    question.topics.set(topics)
    announce_question_changed(question.pk)
    return question


@transaction.atomic
def question_edit(
    *,
    question: Question,
    editor: User,
    title: str,
    body: str,
    topics: list[Topic] = (),
    age_range: str = "",
    sex: str = "",
    duration: str = "",
) -> Question:
    """The asker may edit the question until the first answer arrives."""
    _require_member(editor)
    if question.asker_id != editor.pk:
        raise Forbidden(_("Only the person who asked can edit this question."))
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.answer_count:
        raise Forbidden(
            _("This question has answers now, so it can no longer be edited. "
              "Add a follow-up instead."),
            code="question_answered",
        )  # fmt: skip
    title, body, topics = " ".join(title.split()), body.strip(), list(topics)
    _check_question_text(title, body, topics)
    question.title, question.body = title, body
    question.slug = question_slug(title)
    question.age_range, question.sex, question.duration = age_range, sex, duration
    question.edited_at = now()
    _clean(question)
    question.save()
    question.topics.set(topics)
    announce_question_changed(question.pk)
    return question


@transaction.atomic
def followup_add(*, question: Question, author: User, body: str) -> FollowUp:
    """The asker adds details; the question goes back into physicians' queues."""
    _require_member(author)
    if question.asker_id != author.pk:
        raise Forbidden(_("Only the person who asked can add a follow-up."))
    body = body.strip()
    if len(body) < BODY_MIN:
        raise Invalid(_("Write at least %(n)d characters.") % {"n": BODY_MIN},
                      errors={"body": [_("Write at least %(n)d characters.")
                                       % {"n": BODY_MIN}]})  # fmt: skip
    check_rate("question", f"user:{author.pk}")
    followup = FollowUp(question=question, author=author, body=body)
    _clean(followup)
    followup.save()
    Question.objects.filter(pk=question.pk).update(
        needs_answer_since=followup.created_at
    )
    announce_question_changed(question.pk)
    return followup


def _require_moderator(user: User) -> None:
    _require_member(user)
    if not user.is_moderator:
        raise Forbidden(_("Only moderators can mark duplicates."),
                        code="moderator_required")  # fmt: skip


def _final_target(question: Question, target: Question) -> Question:
    """The question ``question`` should point to when marked a duplicate of
    ``target``: ``target`` itself, or the question ``target`` already points to
    (duplicates never form chains)."""
    if target.duplicate_of_id is not None:
        target = Question.objects.select_for_update().get(pk=target.duplicate_of_id)
    if target.pk == question.pk:
        raise Invalid(
            _("A question cannot be a duplicate of itself."),
            code="duplicate_of_itself",
            errors={"target": [_("Choose another question than this one.")]},
        )
    if target.is_removed:
        raise Invalid(
            _("Question #%(id)d was removed; choose a question readers can see.")
            % {"id": target.pk},
            code="duplicate_of_removed",
            errors={"target": [_("This question was removed.")]},
        )
    return target


@transaction.atomic
def question_mark_duplicate(
    *, moderator: User, question: Question, target: Question
) -> Question:
    """Mark ``question`` a duplicate of ``target``: readers of ``question`` are sent
    to ``target``, whose page also shows ``question``'s answers.

    There are never chains: when ``target`` is itself a duplicate, ``question``
    points to the question ``target`` points to; questions that pointed to
    ``question`` move along to the new target. Each change is recorded in
    ``DuplicateDecision``.
    """
    _require_moderator(moderator)
    question = Question.objects.select_for_update().get(pk=question.pk)
    target = Question.objects.select_for_update().get(pk=target.pk)
    if target.duplicate_of_id == question.pk:
        raise Invalid(
            _("“%(title)s” is already marked as a duplicate of this question. "
              "Undo that mark first.") % {"title": target.title},
            code="duplicate_cycle",
            errors={"target": [_("That question is a duplicate of this one.")]},
        )  # fmt: skip
    target = _final_target(question, target)
    if question.duplicate_of_id == target.pk:
        raise Conflict(
            _("This question is already marked as a duplicate of “%(title)s”.")
            % {"title": target.title},
            code="already_duplicate",
        )
    stamp = now()
    previous_target_id = question.duplicate_of_id
    question.duplicate_of = target
    question.save(update_fields=["duplicate_of"])
    DuplicateDecision.objects.create(
        question=question, decision=DuplicateDecision.Decision.MARKED,
        target=target, decided_by=moderator, created_at=stamp,
    )  # fmt: skip
    moved = list(question.duplicates.select_for_update().values_list("pk", flat=True))
    if moved:
        Question.objects.filter(pk__in=moved).update(duplicate_of=target)
        DuplicateDecision.objects.bulk_create(
            DuplicateDecision(
                question_id=pk,
                decision=DuplicateDecision.Decision.REPOINTED,
                target=target,
                decided_by=moderator,
                created_at=stamp,
            )  # fmt: skip
            for pk in moved
        )
    touched = [question.pk, target.pk, *moved]
    if previous_target_id is not None:
        touched.append(previous_target_id)
    for question_id in touched:
        announce_question_changed(question_id, text_changed=True)
    return question


@transaction.atomic
def question_unmark_duplicate(*, moderator: User, question: Question) -> Question:
    """Undo a duplicate mark: the question has its own page again, with its own
    answers, and the former target no longer shows them."""
    _require_moderator(moderator)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.duplicate_of_id is None:
        raise Conflict(_("This question is not marked as a duplicate."),
                       code="not_duplicate")  # fmt: skip
    former_target_id = question.duplicate_of_id
    question.duplicate_of = None
    question.save(update_fields=["duplicate_of"])
    DuplicateDecision.objects.create(
        question=question, decision=DuplicateDecision.Decision.UNMARKED,
        target_id=former_target_id, decided_by=moderator,
    )  # fmt: skip
    announce_question_changed(question.pk, text_changed=True)
    announce_question_changed(former_target_id, text_changed=True)
    return question


def _check_answer_text(body: str) -> str:
    body = body.strip()
    if len(body) < ANSWER_MIN:
        raise Invalid(_("An answer needs at least %(n)d characters.") % {"n": ANSWER_MIN},
                      errors={"body": [_("An answer needs at least %(n)d characters.")
                                       % {"n": ANSWER_MIN}]})  # fmt: skip
    if len(body) > ANSWER_MAX:
        raise Invalid(_("An answer can have at most %(n)d characters.") % {"n": ANSWER_MAX},
                      errors={"body": [_("Too long.")]})  # fmt: skip
    return body


@transaction.atomic
def answer_post(*, question: Question, author: User, body: str) -> Answer:
    """A verified physician answers; one answer per physician per question."""
    physician = _require_verified(author)
    if question.is_removed:
        raise NotFound()
    if question.duplicate_of_id is not None:
        raise Conflict(
            _("This question was merged into another one. Answer it there: %(url)s")
            % {"url": question.duplicate_of.get_absolute_url()},
            code="question_merged",
        )
    if question.asker_id == author.pk:
        raise Forbidden(_("You cannot answer your own question."))
    body = _check_answer_text(body)
    if Answer.objects.filter(question=question, physician=physician).exists():
        raise Conflict(
            _("You have already answered this question. Edit your answer instead."),
            code="already_answered",
        )
    check_rate("answer", f"user:{author.pk}")
    stamp = now()
    answer = Answer(
        question=question, physician=physician, body=body,
        body_html=render_markdown(body), created_at=stamp, last_reviewed_at=stamp,
    )  # fmt: skip
    _clean(answer, exclude=["body_html"])
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        raise Conflict(_("You have already answered this question."),
                       code="already_answered") from None  # fmt: skip
    Question.objects.filter(pk=question.pk).update(
        answer_count=F("answer_count") + 1, last_answered_at=stamp,
        needs_answer_since=None,
    )  # fmt: skip
    PhysicianProfile.objects.filter(pk=physician.pk).update(
        answer_count=F("answer_count") + 1
    )
    announce_question_changed(question.pk)
    return answer


@transaction.atomic
def answer_edit(*, answer: Answer, editor: User, body: str) -> Answer:
    """The author edits the answer; this also marks it reviewed today."""
    _require_member(editor)
    if answer.physician.user_id != editor.pk:
        raise Forbidden(_("Only the physician who wrote this answer can edit it."))
    answer.body = _check_answer_text(body)
    answer.body_html = render_markdown(answer.body)
    answer.edited_at = answer.last_reviewed_at = now()
    _clean(answer, exclude=["body_html"])
    answer.save(update_fields=["body", "body_html", "edited_at", "last_reviewed_at"])
    announce_question_changed(answer.question_id)
    return answer


@transaction.atomic
def answer_mark_reviewed(*, answer: Answer, reviewer: User) -> Answer:
    """The author confirms the answer is still current without changing it."""
    _require_member(reviewer)
    if answer.physician.user_id != reviewer.pk:
        raise Forbidden(_("Only the physician who wrote this answer can review it."))
    answer.last_reviewed_at = now()
    answer.save(update_fields=["last_reviewed_at"])
    announce_question_changed(answer.question_id, text_changed=False)
    return answer


def _recount_agreements(answer_id: int) -> None:
    agreements = Agreement.objects.filter(answer_id=answer_id)
    Answer.objects.filter(pk=answer_id).update(
        agree_count=agreements.filter(stance=Agreement.Stance.AGREE).count(),
        disagree_count=agreements.filter(stance=Agreement.Stance.DISAGREE).count(),
    )


@transaction.atomic
def agreement_set(
    *, answer: Answer, physician_user: User, stance: str, reason: str = ""
) -> Agreement:
    """A verified physician agrees with another's answer, or disagrees with a
    reason. Setting a stance again replaces the previous one."""
    physician = _require_verified(physician_user)
    if answer.physician_id == physician.pk:
        raise Forbidden(_("You cannot agree or disagree with your own answer."))
    if answer.is_removed:
        raise NotFound()
    if stance not in Agreement.Stance.values:
        raise Invalid(_("Choose agree or disagree."), field="stance")
    reason = reason.strip()
    if stance == Agreement.Stance.DISAGREE and not reason:
        raise Invalid(
            _("Say why you disagree: readers and the author need your reason."),
            code="reason_required",
            errors={"reason": [_("A reason is required to disagree.")]},
        )
    check_rate("vote", f"user:{physician_user.pk}")
    agreement, _created = Agreement.objects.update_or_create(
        answer=answer, physician=physician,
        defaults={"stance": stance, "reason": reason if stance == "disagree" else "",
                  "created_at": now()},
    )  # fmt: skip
    _recount_agreements(answer.pk)
    announce_question_changed(answer.question_id, text_changed=False)
    return agreement


@transaction.atomic
def agreement_withdraw(*, answer: Answer, physician_user: User) -> None:
    physician = _require_verified(physician_user)
    Agreement.objects.filter(answer=answer, physician=physician).delete()
    _recount_agreements(answer.pk)
    announce_question_changed(answer.question_id, text_changed=False)


def _bump_helpful(answer: Answer, delta: int) -> None:
    Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") + delta)
    Question.objects.filter(pk=answer.question_id).update(
        helpful_count=F("helpful_count") + delta
    )
    PhysicianProfile.objects.filter(pk=answer.physician_id).update(
        helpful_count=F("helpful_count") + delta
    )


@transaction.atomic
def helpful_mark(*, answer: Answer, user: User) -> bool:
    """Mark an answer helpful. Returns False when this user already had."""
    _require_member(user)
    if answer.physician.user_id == user.pk:
        raise Forbidden(_("You cannot mark your own answer helpful."))
    if answer.is_removed:
        raise NotFound()
    check_rate("vote", f"user:{user.pk}")
    _vote, created = HelpfulVote.objects.get_or_create(answer=answer, user=user)
    if created:
        _bump_helpful(answer, +1)
        announce_question_changed(answer.question_id, text_changed=False)
    return created


@transaction.atomic
def helpful_unmark(*, answer: Answer, user: User) -> bool:
    """Take back a helpful mark. Returns False when there was none."""
    _require_member(user)
    deleted, _rows = HelpfulVote.objects.filter(answer=answer, user=user).delete()
    if deleted:
        _bump_helpful(answer, -1)
        announce_question_changed(answer.question_id, text_changed=False)
    return bool(deleted)
