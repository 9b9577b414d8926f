"""Votes on answers: a member marks one helpful; a verified physician takes a
stance (agree, or disagree with a reason)."""

from django.http import HttpRequest
from ninja import Router

from curbside.api.auth import token_auth
from curbside.api.errors import error_responses
from curbside.api.schemas import HelpfulOut, StanceIn, StanceOut
from curbside.questions.selectors import access_answer
from curbside.questions.services import (
    agreement_set,
    agreement_withdraw,
    helpful_mark,
    helpful_unmark,
)

router = Router(tags=["answers"], auth=token_auth)

HELPFUL_ERRORS = error_responses(401, 403, 404, 429)
STANCE_ERRORS = error_responses(400, 401, 403, 404, 429)


def _helpful(answer, helpful: bool) -> HelpfulOut:
    answer.refresh_from_db(fields=["helpful_count"])
    return HelpfulOut(
        answer_id=answer.pk, helpful=helpful, helpful_count=answer.helpful_count
    )


def _stance(answer, stance: str | None, reason: str = "") -> StanceOut:
    answer.refresh_from_db(fields=["agree_count", "disagree_count"])
    return StanceOut(
        answer_id=answer.pk, stance=stance, reason=reason,
        agree_count=answer.agree_count, disagree_count=answer.disagree_count,
    )  # fmt: skip


@router.post(
    "/{int:answer_id}/helpful",
    response={200: HelpfulOut, **HELPFUL_ERRORS},
    summary="Mark an answer helpful",
)
def mark_helpful(request: HttpRequest, answer_id: int):
    answer = access_answer(request.auth, answer_id)
    helpful_mark(answer=answer, user=request.auth)
    return _helpful(answer, True)


@router.delete(
    "/{int:answer_id}/helpful",
    response={200: HelpfulOut, **HELPFUL_ERRORS},
    summary="Take back a helpful mark",
)
def unmark_helpful(request: HttpRequest, answer_id: int):
    answer = access_answer(request.auth, answer_id)
    helpful_unmark(answer=answer, user=request.auth)
    return _helpful(answer, False)


@router.put(
    "/{int:answer_id}/stance",
    response={200: StanceOut, **STANCE_ERRORS},
    summary="Agree or disagree with an answer (verified physicians)",
)
def set_stance(request: HttpRequest, answer_id: int, payload: StanceIn):
    answer = access_answer(request.auth, answer_id)
    agreement = agreement_set(
        answer=answer, physician_user=request.auth,
        stance=payload.stance.value, reason=payload.reason,
    )  # fmt: skip
    return _stance(answer, agreement.stance, agreement.reason)


@router.delete(
    "/{int:answer_id}/stance",
    response={200: StanceOut, **STANCE_ERRORS},
    summary="Withdraw your stance on an answer",
)
def withdraw_stance(request: HttpRequest, answer_id: int):
    answer = access_answer(request.auth, answer_id)
    agreement_withdraw(answer=answer, physician_user=request.auth)
    return _stance(answer, None)
