"""`curbside demo` fills an empty site with enough fictional content to try every
page: many questions in many topics, several physicians who answer, agree and
disagree, questions still waiting, helpful votes, and topics filed under the
specialties that treat them."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from curbside.physicians.models import PhysicianProfile
from curbside.questions.models import Agreement, Answer, HelpfulVote, Question
from curbside.topics.models import Topic

DEMO_LOGINS = (
    "patient@demo.curbside.test",
    "physician@demo.curbside.test",
    "pending@demo.curbside.test",
    "moderator@demo.curbside.test",
)


def test_it_loads_the_demo_into_an_empty_site_and_says_how_to_log_in(db):
    out = StringIO()

    call_command("demo", stdout=out)

    assert Question.objects.count() >= 40
    assert Topic.objects.exclude(kind=Topic.Kind.SPECIALTY).count() >= 12
    answering = PhysicianProfile.objects.filter(answer_count__gt=0)
    assert answering.count() >= 12
    assert answering.values("specialties").distinct().count() >= 12
    assert Answer.objects.count() >= 120
    assert Question.objects.filter(answer_count=0).count() >= 6
    disagreements = Agreement.objects.filter(stance=Agreement.Stance.DISAGREE)
    assert disagreements.values("answer__question").distinct().count() >= 6
    assert Agreement.objects.filter(stance=Agreement.Stance.AGREE).count() >= 50
    assert HelpfulVote.objects.exists()
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text
    assert all(email in text for email in DEMO_LOGINS)
    assert "curbside-demo" in text
    assert "not medical advice" in text


def test_its_topics_physicians_and_counters_are_consistent(db):
    call_command("demo", stdout=StringIO())

    eczema = Topic.objects.get(name="Eczema")
    assert eczema.kind == Topic.Kind.CONDITION
    assert (eczema.parent.name, eczema.parent.kind) == ("Dermatology", "specialty")
    assert Topic.objects.get(name="Spider veins").parent.name == "Vascular Surgery"
    unfiled = Topic.objects.exclude(kind=Topic.Kind.SPECIALTY).filter(
        parent__isnull=True
    )
    assert list(unfiled) == []
    for physician in PhysicianProfile.objects.filter(answer_count__gt=0):
        assert physician.credentials, physician.name
        assert physician.specialties.exists(), physician.name
        assert physician.is_verified, physician.name
    for question in Question.objects.annotate(n=Count("answers")):
        assert question.answer_count == question.n, question.title
    for answer in Answer.objects.annotate(votes=Count("helpful_votes")):
        assert answer.helpful_count == answer.votes
