"""The physicians' consensus on a question, with the sentences behind each point."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from curbside.api.auth import OPTIONAL_TOKEN, read_auth
from curbside.api.errors import error_responses
from curbside.consensus.extractive import NOT_ENOUGH_ANSWERS
from curbside.consensus.selectors import consensus_for
from curbside.questions.selectors import access_question

router = Router(tags=["consensus"], auth=read_auth)


class SupportOut(Schema):
    answer_id: int
    physician: str = Field(description="The physician's name as shown.")
    sentence: str = Field(
        description="The physician's sentence, exactly as in the answer; for a "
        "disagreement, the reason the physician gave."
    )
    index: int | None = Field(
        None, description="The sentence's position in the answer (0-based)."
    )
    start: int | None = Field(
        None, description="Where the sentence starts in the answer's plain text."
    )
    end: int | None = None
    via: Literal["answer", "agreement", "disagreement"] = Field(
        description="Wrote it, agreed with the answer that says it, or disagreed "
        "with that answer (the sentence is then the reason)."
    )
    side: str = Field("", description='For a "differs" point: "affirms" or "negates".')


class PointOut(Schema):
    kind: Literal["shared", "differs", "single"]
    statement: str = Field(description="A physician's sentence, never a paraphrase.")
    phrasing: str = Field(
        "",
        description="A rewording of the point, only when configured and only when "
        "every sentence of it is backed by the supporting sentences; else empty.",
    )
    physicians: list[str]
    support: list[SupportOut]


class ConsensusOut(Schema):
    question_id: int
    algorithm: str | None = Field(
        None, description="Which algorithm computed it; null when not yet computed."
    )
    answer_count: int
    points: list[PointOut]
    reason: str = Field(
        "",
        description='Why there are no points: "fewer-than-two-answers" or '
        '"not-computed-yet".',
    )


@router.get(
    "/{int:question_id}/consensus",
    response={200: ConsensusOut, **error_responses(401, 404)},
    summary="What the physicians agree on, where they differ, what one raised",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_consensus(request: HttpRequest, question_id: int):
    question = access_question(request.auth, question_id)
    consensus = consensus_for(question)
    if consensus is None:
        reason = NOT_ENOUGH_ANSWERS if question.answer_count < 2 else "not-computed-yet"
        return {
            "question_id": question.pk, "answer_count": question.answer_count,
            "points": [], "reason": reason,
        }  # fmt: skip
    shown = consensus.answer_count >= 2
    return {
        "question_id": question.pk,
        "algorithm": consensus.algorithm,
        "answer_count": consensus.answer_count,
        "reason": consensus.reason,
        "points": [
            {
                "kind": p.kind,
                "statement": p.statement,
                "physicians": p.physicians,
                "support": p.support,
            }  # fmt: skip
            for p in (consensus.points if shown else ())
        ],
    }
