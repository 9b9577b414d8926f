"""A patient asks, a verified physician answers, another agrees, the patient marks
it helpful, and search finds it."""

from curbside.questions import services
from curbside.questions.models import Question
from curbside.search.selectors import search_questions


def test_it_runs_the_whole_flow(
    patient,
    verified_physician,
    second_physician,
    eczema,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_create(
        asker=patient, title="Why does my eczema flare every winter?",
        body="My hands crack and bleed from November to March.", topics=[eczema],
    )  # fmt: skip
        answer = services.answer_post(
        question=question, author=verified_physician.user,
        body="Cold dry air strips the skin barrier. Use a thick emollient.",
    )  # fmt: skip
        services.agreement_set(answer=answer, physician_user=second_physician.user,
                               stance="agree")  # fmt: skip
        services.helpful_mark(answer=answer, user=patient)

    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.answer_count == 1
    assert question.needs_answer_since is None
    assert answer.agree_count == 1 and answer.helpful_count == 1

    page = search_questions("emollient winter")
    assert [r.question.pk for r in page.results] == [question.pk]
    assert page.total == 1
    assert "<mark>" in page.results[0].snippet_html
    assert Question.objects.count() == 1
