"""Triage: check a question's text before asking, as the ask page does.

POST /triage answers with the red-flag level (emergency, urgent, routine), the
categories and spans that triggered it, the personal details found (with the
placeholder each would be replaced by), and the numbers to show. Nothing is
stored. POST /questions includes the same assessment of the question it posted.
"""

from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema

from curbside.api.auth import OPTIONAL_TOKEN, read_auth
from curbside.api.errors import error_responses
from curbside.api.schemas import QuestionDetail
from curbside.questions.models import BODY_MAX, TITLE_MAX
from curbside.triage.check import QuestionCheck, check_question

router = Router(tags=["triage"], auth=read_auth)


class TriageIn(Schema):
    title: str = Field("", max_length=TITLE_MAX)
    body: str = Field("", max_length=BODY_MAX)


class RedFlagSpan(Schema):
    feature: str
    category: str
    field: Literal["title", "body"]
    start: int = Field(description="Offset in the field, in characters.")
    end: int
    text: str


class PersonalDataSpan(Schema):
    field: Literal["title", "body"]
    key: str
    type: Literal[
        "PERSON", "PHONE", "EMAIL", "ADDRESS", "DOB", "ID_NUMBER", "URL", "EMPLOYER"
    ]
    start: int
    end: int
    text: str
    placeholder: str = Field(description='What to replace it with, e.g. "[name]".')


class TriageOut(Schema):
    level: Literal["emergency", "urgent", "routine"] = Field(
        description="emergency: call the emergency number now, do not wait for "
        "answers; urgent: see a doctor within a day; routine: ask away."
    )
    categories: list[str]
    crisis: bool = Field(description="Suicide or self-harm: show the crisis line.")
    spans: list[RedFlagSpan]
    personal_data: list[PersonalDataSpan]
    emergency_number: str
    crisis_line: str


class QuestionAsked(QuestionDetail):
    triage: TriageOut


def triage_out(check: QuestionCheck) -> dict:
    return {
        **check.as_dict(),
        "emergency_number": settings.EMERGENCY_NUMBER,
        "crisis_line": settings.CRISIS_LINE,
    }


@router.post(
    "",
    response={200: TriageOut, **error_responses(400, 401)},
    summary="Check a question for red flags and personal details",
    openapi_extra=OPTIONAL_TOKEN,
)
def check(request: HttpRequest, payload: TriageIn):
    return triage_out(check_question(payload.title, payload.body))
