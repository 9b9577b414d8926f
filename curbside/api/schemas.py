"""What the API shows of each object, and what it accepts.

Nothing here ever exposes an e-mail address or another private field: the asker
of a question appears only as ``asker_name`` (a display name, or the pseudonym
when the question was asked anonymously), and physicians only with their public
profile.
"""

from datetime import datetime

from ninja import Field, Schema

from curbside.questions.models import (
    BODY_MAX,
    MAX_TOPICS,
    TITLE_MAX,
    Agreement,
    Question,
)

REASON_MAX = 2_000


# --- topics ----------------------------------------------------------------------


class TopicRef(Schema):
    slug: str
    name: str


class TopicOut(Schema):
    slug: str
    name: str
    kind: str
    description: str
    parent: str | None = Field(None, description="The parent topic's slug.")
    question_count: int = Field(0, description="Questions filed under this topic.")
    url: str

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.slug if obj.parent_id else None

    @staticmethod
    def resolve_question_count(obj) -> int:
        return getattr(obj, "question_total", 0)

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class TopicDetail(TopicOut):
    children: list[TopicRef]

    @staticmethod
    def resolve_children(obj) -> list:
        return list(obj.children.order_by("name"))


# --- physicians ------------------------------------------------------------------


class PhysicianRef(Schema):
    slug: str
    name: str
    display_name: str = Field(description="The name with credentials, as shown.")
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PhysicianSummary(PhysicianRef):
    credentials: str
    degree: str
    specialties: list[TopicRef]
    status: str = Field(description="verified, or imported from an archive.")
    practice_name: str
    board_certification: str
    conflicts_of_interest: str
    answer_count: int
    helpful_count: int


class QuestionRef(Schema):
    id: int
    title: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PhysicianAnswerRef(Schema):
    id: int
    question: QuestionRef
    created_at: datetime
    helpful_count: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PhysicianDetail(PhysicianSummary):
    bio: str
    verified_at: datetime | None
    recent_answers: list[PhysicianAnswerRef]


# --- questions and answers -------------------------------------------------------


class AgreementOut(Schema):
    physician: PhysicianRef
    stance: str
    reason: str
    created_at: datetime


class AnswerOut(Schema):
    id: int
    physician: PhysicianSummary
    body: str = Field(description="The answer as written, in Markdown.")
    body_html: str = Field(description="The answer rendered to sanitized HTML.")
    created_at: datetime
    edited_at: datetime | None
    last_reviewed_at: datetime
    helpful_count: int
    agree_count: int
    disagree_count: int
    agreements: list[AgreementOut]
    merged_from: int | None = Field(
        None,
        description="The id of the question this answer was given to, when that "
        "question was marked a duplicate of this one and merged here; else null.",
    )
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_merged_from(obj) -> int | None:
        merged = getattr(obj, "merged_from", None)
        return merged.pk if merged is not None else None


class FollowUpOut(Schema):
    body: str
    created_at: datetime


class QuestionSummary(Schema):
    id: int
    title: str
    slug: str
    url: str = Field(description="The question page's canonical path.")
    asker_name: str = Field(description="A display name or a pseudonym.")
    topics: list[TopicRef]
    created_at: datetime
    answer_count: int
    helpful_count: int
    last_answered_at: datetime | None
    is_answered: bool
    duplicate_of: int | None = Field(
        None,
        description="When a moderator marked this question a duplicate: the id of "
        "the question that answers it (and shows its answers); else null.",
    )

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_duplicate_of(obj) -> int | None:
        return obj.duplicate_of_id


class QuestionDetail(QuestionSummary):
    body: str
    age_range: str
    sex: str
    duration: str
    is_urgent: bool
    edited_at: datetime | None
    followups: list[FollowUpOut]
    answers: list[AnswerOut]


class QuestionPageView:
    """A question with what its page shows, fetched once by ``question_page``:
    attributes of the question, but topics, follow-ups and answers from the page."""

    def __init__(self, page):
        self._page = page
        self.topics = page.topics
        self.followups = page.followups
        self.answers = page.answers

    def __getattr__(self, name):
        return getattr(self._page.question, name)


class SearchHit(Schema):
    question: QuestionSummary
    score: float
    snippet_html: str = Field(description="Matching words wrapped in <mark>.")


class SearchOut(Schema):
    query: str
    count: int
    page: int
    page_size: int
    items: list[SearchHit]


# --- the caller ------------------------------------------------------------------


class MeOut(Schema):
    display_name: str
    pseudonym: str = Field(description="Shown instead of your name when you ask "
                           "anonymously.")  # fmt: skip
    public_name: str
    email_confirmed: bool
    is_physician: bool
    physician_status: str | None
    physician: PhysicianRef | None

    @staticmethod
    def resolve_physician(obj):
        return getattr(obj, "physician", None)

    @staticmethod
    def resolve_is_physician(obj) -> bool:
        return getattr(obj, "physician", None) is not None

    @staticmethod
    def resolve_physician_status(obj) -> str | None:
        profile = getattr(obj, "physician", None)
        return profile.status if profile is not None else None


# --- input -----------------------------------------------------------------------


class QuestionIn(Schema):
    title: str = Field(max_length=TITLE_MAX)
    body: str = Field(max_length=BODY_MAX)
    topics: list[str] = Field(
        default_factory=list, max_length=MAX_TOPICS, description="Topic slugs."
    )
    anonymous: bool = Field(
        False, description="Show your pseudonym instead of your display name."
    )
    age_range: Question.AgeRange | None = None
    sex: Question.Sex | None = None
    duration: Question.Duration | None = None


class DuplicateIn(Schema):
    target: int = Field(description="The id of the question this one duplicates.")


class AnswerIn(Schema):
    body: str = Field(description="Markdown.")


class StanceIn(Schema):
    stance: Agreement.Stance
    reason: str = Field("", max_length=REASON_MAX,
                        description="Required to disagree.")  # fmt: skip


class HelpfulOut(Schema):
    answer_id: int
    helpful: bool = Field(description="Whether you now mark this answer helpful.")
    helpful_count: int


class StanceOut(Schema):
    answer_id: int
    stance: str | None = Field(description="Your stance now, or null.")
    reason: str
    agree_count: int
    disagree_count: int
