"""The queue shows verified physicians the questions waiting for them: urgent
first, then their specialties, oldest first. Everyone else learns how to get
verified."""

from datetime import timedelta

from django.urls import reverse

from curbside.core.clock import now
from curbside.physicians.services import physician_reject
from tests import factories

QUEUE = reverse("web:queue")


def _waiting(title, topics, *, hours_ago, urgent=False):
    return factories.QuestionFactory(
        title=title, topics=topics, is_urgent=urgent,
        needs_answer_since=now() - timedelta(hours=hours_ago),
    )  # fmt: skip


def test_it_orders_urgent_then_own_specialty_then_oldest(
    client, verified_physician, eczema
):
    cardiology = factories.SpecialtyFactory(name="Cardiology", slug="cardiology")
    palpitations = factories.TopicFactory(name="Palpitations", parent=cardiology)
    old_other = _waiting("Old heart question", [palpitations], hours_ago=72)
    new_mine = _waiting("New skin question", [eczema], hours_ago=2)
    old_mine = _waiting("Old skin question", [eczema], hours_ago=48)
    urgent_other = _waiting("Urgent heart question", [palpitations], hours_ago=1,
                            urgent=True)  # fmt: skip
    client.force_login(verified_physician.user)

    response = client.get(QUEUE)

    assert response.status_code == 200
    shown = [q.pk for q in response.context["page_obj"]]
    assert shown == [urgent_other.pk, old_mine.pk, new_mine.pk, old_other.pk]
    page = response.content.decode()
    assert page.index("Urgent heart question") < page.index("Old skin question")
    assert "4 questions are waiting for you." in page


def test_it_leaves_out_questions_the_physician_answered(
    client, verified_physician, question
):
    factories.AnswerFactory(question=question, physician=verified_physician)
    client.force_login(verified_physician.user)

    response = client.get(QUEUE)

    assert list(response.context["page_obj"]) == []
    assert "Nothing is waiting right now." in response.content.decode()


def test_it_pages_twenty_at_a_time(
    client, verified_physician, eczema, django_assert_max_num_queries
):
    for n in range(25):
        _waiting(f"Question number {n} about skin", [eczema], hours_ago=100 - n)
    client.force_login(verified_physician.user)

    with django_assert_max_num_queries(15):
        first = client.get(QUEUE)
    second = client.get(QUEUE, {"page": 2})

    assert len(first.context["page_obj"]) == 20
    assert len(second.context["page_obj"]) == 5
    assert "25 questions are waiting for you." in first.content.decode()
    assert client.get(QUEUE, {"page": "nonsense"}).status_code == 200


def test_it_tells_a_waiting_physician_that_verification_is_pending(
    client, unverified_physician, question
):
    client.force_login(unverified_physician.user)

    response = client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 403
    assert "waiting for verification" in page
    assert question.title not in page


def test_it_shows_a_rejected_physician_the_staff_reason(
    client, unverified_physician, moderator, question
):
    physician_reject(profile=unverified_physician, by=moderator,
                     reason="The licence number does not match the registry.")  # fmt: skip
    client.force_login(unverified_physician.user)

    response = client.get(QUEUE)

    assert response.status_code == 403
    assert "does not match the registry" in response.content.decode()


def test_it_explains_to_a_patient_how_physicians_apply(client, patient, question):
    client.force_login(patient)

    response = client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 403
    assert reverse("web:physician_apply") in page
    assert question.title not in page


def test_it_sends_a_visitor_to_log_in(client, db):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
