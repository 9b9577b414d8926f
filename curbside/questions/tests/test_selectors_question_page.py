"""The question page loads in a fixed number of queries, however many answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curbside.accounts.models import User
from curbside.questions.selectors import access_question, question_page
from curbside.questions.services import (
    agreement_set,
    answer_post,
    followup_add,
    helpful_mark,
)
from tests import factories

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


def _answered_question(patient, eczema, dermatology, how_many):
    question = factories.QuestionFactory(asker=patient, topics=[eczema, dermatology])
    followup_add(
        question=question, author=patient,
        body="It spread to the other arm overnight and is now warm.",
    )  # fmt: skip
    physicians = [
        factories.PhysicianFactory(specialties=[dermatology]) for _ in range(how_many)
    ]
    answers = [
        answer_post(question=question, author=p.user, body=ADVICE) for p in physicians
    ]
    for answer, colleague in zip(answers, physicians[1:] + physicians[:1], strict=True):
        agreement_set(answer=answer, physician_user=colleague.user, stance="agree")
        helpful_mark(answer=answer, user=patient)
    return question, physicians[0]


def _render(viewer, question_id, physician):
    """Read everything the question page shows."""
    question = access_question(viewer, question_id)
    page = question_page(viewer, question, physician=physician)
    shown = [page.question.title, [t.name for t in page.topics]]
    shown += [f.body for f in page.followups]
    for answer in page.answers:
        shown.append(answer.physician.display_name)
        shown.append([s.name for s in answer.physician.specialties.all()])
        shown.append([a.physician.display_name for a in answer.agreements.all()])
        shown.append(answer.pk in page.voted_answer_ids)
    return page, shown


def _queries(viewer, question_id, physician):
    viewer = User.objects.get(pk=viewer.pk)  # a fresh request: no cached permissions
    with CaptureQueriesContext(connection) as captured:
        page, _shown = _render(viewer, question_id, physician)
    return len(captured), page


@pytest.mark.parametrize("viewer_name", ["patient", "physician"])
def test_the_page_costs_the_same_with_two_or_ten_answers(
    patient, outsider, eczema, dermatology, viewer_name
):
    few, few_physician = _answered_question(patient, eczema, dermatology, 2)
    many, many_physician = _answered_question(
        factories.UserFactory(), eczema, dermatology, 10
    )
    if viewer_name == "patient":
        few_args, many_args = (outsider, few.pk, None), (outsider, many.pk, None)
    else:
        few_args = (few_physician.user, few.pk, few_physician)
        many_args = (many_physician.user, many.pk, many_physician)

    few_count, few_page = _queries(*few_args)
    many_count, many_page = _queries(*many_args)

    assert len(few_page.answers) == 2 and len(many_page.answers) == 10
    assert many_count == few_count
    assert many_count <= 10


def test_the_page_knows_the_viewers_votes_answer_and_stances(
    patient, eczema, dermatology
):
    question, physician = _answered_question(patient, eczema, dermatology, 3)

    patients_page, _shown = _render(patient, question.pk, None)
    physicians_page, _shown = _render(physician.user, question.pk, physician)

    assert patients_page.voted_answer_ids == {a.pk for a in patients_page.answers}
    assert patients_page.own_answer is None
    assert physicians_page.own_answer.physician == physician
    assert list(physicians_page.own_stances.values()) == ["agree"]
    assert len(physicians_page.followups) == 1
