"""Questions: list, read one with every answer, ask, answer; moderators mark a
question as a duplicate of another, or undo it."""

from typing import Literal

from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from curbside.api.auth import OPTIONAL_TOKEN, read_auth, token_auth
from curbside.api.errors import error_responses
from curbside.api.pagination import PagePagination
from curbside.api.params import topic_param, topics_param
from curbside.api.schemas import (
    AnswerIn,
    AnswerOut,
    DuplicateIn,
    QuestionDetail,
    QuestionIn,
    QuestionPageView,
    QuestionSummary,
)
from curbside.api.triage import QuestionAsked, triage_out
from curbside.core.errors import Invalid, NotFound
from curbside.questions.selectors import (
    access_question,
    access_question_to_moderate,
    listed_questions,
    question_cards,
    question_page,
    questions_in_topic,
)
from curbside.questions.services import (
    answer_post,
    question_create,
    question_mark_duplicate,
    question_unmark_duplicate,
)
from curbside.triage.check import check_question

router = Router(tags=["questions"], auth=read_auth)

ORDERINGS = {
    "newest": ("-created_at", "-pk"),
    "recently_answered": (F("last_answered_at").desc(nulls_last=True), "-pk"),
    "most_helpful": ("-helpful_count", "-pk"),
}


class QuestionFilters(Schema):
    topic: str | None = Field(
        None, description="A topic slug; includes the topics filed under it."
    )
    answered: bool | None = Field(
        None, description="true: only answered questions; false: only unanswered."
    )
    sort: Literal["newest", "recently_answered", "most_helpful"] = "newest"


def _page_view(page) -> QuestionPageView:
    return QuestionPageView(page)


@router.get(
    "",
    response={200: list[QuestionSummary], **error_responses(400)},
    summary="List questions",
    description="Questions marked as duplicates are left out; read them by id.",
    openapi_extra=OPTIONAL_TOKEN,
)
@paginate(PagePagination)
def list_questions(request: HttpRequest, filters: Query[QuestionFilters]):
    if filters.topic:
        questions = questions_in_topic(topic_param(filters.topic))
    else:
        questions = question_cards(listed_questions())
    if filters.answered is not None:
        questions = (
            questions.filter(answer_count__gt=0)
            if filters.answered
            else questions.filter(answer_count=0)
        )
    return questions.order_by(*ORDERINGS[filters.sort])


@router.get(
    "/{int:question_id}",
    response={200: QuestionDetail, **error_responses(401, 404)},
    summary="A question with all its answers",
    description="A question marked as a duplicate comes back as it is, with "
    "`duplicate_of` set (no redirect). Answers include those of the questions "
    "merged into this one, each with `merged_from`.",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_question(request: HttpRequest, question_id: int):
    question = access_question(request.auth, question_id)
    return _page_view(question_page(request.auth, question))


@router.post(
    "",
    auth=token_auth,
    response={201: QuestionAsked, **error_responses(400, 401, 403, 429)},
    summary="Ask a question",
    description="The answer includes `triage`, the same check as POST /triage: "
    "questions that read urgent or like an emergency are marked urgent.",
)
def ask_question(request: HttpRequest, payload: QuestionIn):
    check = check_question(payload.title, payload.body)
    question = question_create(
        asker=request.auth,
        title=payload.title,
        body=payload.body,
        topics=topics_param(payload.topics),
        anonymous=payload.anonymous,
        age_range=payload.age_range or "",
        sex=payload.sex or "",
        duration=payload.duration or "",
        is_urgent=check.is_urgent,
    )
    view = _page_view(question_page(request.auth, question))
    view.triage = triage_out(check)
    return Status(201, view)


@router.post(
    "/{int:question_id}/answers",
    auth=token_auth,
    response={201: AnswerOut, **error_responses(400, 401, 403, 404, 409, 429)},
    summary="Answer a question (verified physicians)",
)
def answer_question(request: HttpRequest, question_id: int, payload: AnswerIn):
    question = access_question(request.auth, question_id)
    answer = answer_post(question=question, author=request.auth, body=payload.body)
    return Status(201, answer)


@router.post(
    "/{int:question_id}/duplicate",
    auth=token_auth,
    response={200: QuestionDetail, **error_responses(400, 401, 403, 404, 409)},
    summary="Mark a question as a duplicate of another (moderators)",
    description="When the target is itself a duplicate, the question points to "
    "the target's own target; questions that pointed to this one move along.",
)
def mark_duplicate(request: HttpRequest, question_id: int, payload: DuplicateIn):
    question = access_question_to_moderate(request.auth, question_id)
    try:
        target = access_question(request.auth, payload.target)
    except NotFound:
        raise Invalid(
            _("There is no question #%(id)d.") % {"id": payload.target},
            code="unknown_target",
            errors={"target": [_("No question has this id.")]},
        ) from None
    question = question_mark_duplicate(
        moderator=request.auth, question=question, target=target
    )
    return _page_view(question_page(request.auth, question))


@router.delete(
    "/{int:question_id}/duplicate",
    auth=token_auth,
    response={200: QuestionDetail, **error_responses(401, 403, 404, 409)},
    summary="Undo a duplicate mark (moderators)",
)
def unmark_duplicate(request: HttpRequest, question_id: int):
    question = access_question_to_moderate(request.auth, question_id)
    question = question_unmark_duplicate(moderator=request.auth, question=question)
    return _page_view(question_page(request.auth, question))
