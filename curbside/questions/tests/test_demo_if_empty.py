"""`curbside demo --if-empty` (what `make run` calls) loads the demo into an empty
site once, and afterwards leaves the site alone."""

from io import StringIO

from django.core.management import call_command

from curbside.accounts.models import User
from curbside.physicians.models import PhysicianProfile
from curbside.questions.models import Agreement, Answer, HelpfulVote, Question
from curbside.topics.models import Topic

MODELS = (Question, Answer, Agreement, HelpfulVote, Topic, PhysicianProfile, User)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_an_empty_site_then_changes_nothing_when_run_again(db):
    call_command("demo", "--if-empty", stdout=StringIO())
    loaded = _counts()
    assert loaded["Question"] >= 40

    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)

    assert _counts() == loaded
    assert "Demo content already loaded" in out.getvalue()


def test_it_leaves_a_site_with_its_own_questions_alone(question):
    before = _counts()
    out = StringIO()

    call_command("demo", "--if-empty", stdout=out)

    assert _counts() == before
    assert list(Question.objects.all()) == [question]
    assert not User.objects.filter(email__endswith="@demo.curbside.test").exists()
    assert "Demo content already loaded" in out.getvalue()


def test_running_it_twice_without_the_flag_adds_nothing_twice(db):
    call_command("demo", stdout=StringIO())
    loaded = _counts()

    call_command("demo", stdout=StringIO())

    assert _counts() == loaded
