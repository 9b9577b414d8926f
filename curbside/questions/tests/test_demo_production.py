"""The demo creates accounts with a published password, so it refuses to run on a
production site unless the operator insists with --force."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from curbside.accounts.models import User
from curbside.questions.models import Question


def test_it_refuses_to_run_in_production(db, settings):
    settings.CURBSIDE_ENV = "production"

    with pytest.raises(CommandError) as refused:
        call_command("demo", stdout=StringIO())

    assert "production" in str(refused.value)
    assert "--force" in str(refused.value)
    assert not Question.objects.exists()
    assert not User.objects.exists()


def test_it_refuses_in_production_even_with_if_empty(db, settings):
    settings.CURBSIDE_ENV = "production"

    with pytest.raises(CommandError):
        call_command("demo", "--if-empty", stdout=StringIO())

    assert not Question.objects.exists()


def test_it_runs_in_production_when_the_operator_insists(db, settings):
    settings.CURBSIDE_ENV = "production"

    call_command("demo", "--force", stdout=StringIO())

    assert Question.objects.count() >= 40
