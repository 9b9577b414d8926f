"""A bad line in an archive is reported with its number and a message that says
what to fix; the other lines are still imported, unless the import is strict."""

import json

import pytest

from curbside.questions.archive import archive_import
from curbside.questions.models import ANSWER_MAX, TITLE_MAX, Question

pytestmark = pytest.mark.django_db

GOOD = {"title": "Why do my ears pop on flights?", "body": "Only on the way down."}
GOOD_TOO = {"title": "Is hiccuping for a day normal?", "body": "Since yesterday."}


def _line(record) -> str:
    return json.dumps(record)


def _messages(report) -> dict[int, str]:
    return dict(report.errors)


def test_it_reports_bad_lines_and_imports_the_rest():
    lines = [
        _line(GOOD),
        "{not json",
        "",
        _line(["a", "list"]),
        _line({**GOOD_TOO, "title": "x" * (TITLE_MAX + 1)}),
        _line({**GOOD_TOO, "answers": [{"body": "Rest.", "physician": {}}]}),
        _line({**GOOD_TOO, "asked_at": "last Tuesday"}),
        _line({"body": "No title here."}),
        _line(GOOD_TOO),
    ]

    report = archive_import(lines=lines)

    messages = _messages(report)
    assert sorted(messages) == [2, 4, 5, 6, 7, 8]
    assert "not valid JSON" in messages[2]
    assert "JSON object" in messages[4]
    assert '"title" is too long' in messages[5] and str(TITLE_MAX) in messages[5]
    assert '"answers[0].physician.name" is missing' in messages[6]
    assert '"asked_at"' in messages[7] and "ISO 8601" in messages[7]
    assert '"title" is missing' in messages[8]
    assert report.questions_created == 2
    assert set(Question.objects.values_list("title", flat=True)) == {
        GOOD["title"],
        GOOD_TOO["title"],
    }


def test_it_reports_an_answer_longer_than_the_site_allows():
    long_answer = {"body": "a" * (ANSWER_MAX + 1), "physician": {"name": "Li Wei"}}

    report = archive_import(lines=[_line({**GOOD, "answers": [long_answer]})])

    [(number, message)] = report.errors
    assert number == 1
    assert '"answers[0].body" is too long' in message
    assert not Question.objects.exists()


def test_it_reports_wrong_types_with_the_field_name():
    report = archive_import(lines=[_line({**GOOD, "topics": "skin"}),
                                   _line({**GOOD, "title": 42})])  # fmt: skip

    messages = _messages(report)
    assert '"topics" must be an array' in messages[1]
    assert '"title" must be a string, not a number' in messages[2]


def test_it_refuses_two_answers_by_one_physician_to_one_question():
    answer = {"body": "Chew gum.", "physician": {"name": "Li Wei"}}

    report = archive_import(lines=[_line({**GOOD, "answers": [answer, answer]})])

    [(number, message)] = report.errors
    assert number == 1 and "Li Wei already answered" in message
    assert not Question.objects.exists()


def test_it_refuses_a_disagreement_without_a_reason():
    answer = {"body": "Chew gum.", "physician": {"name": "Li Wei"},
              "disagreed_by": [{"name": "Ola Berg"}]}  # fmt: skip

    report = archive_import(lines=[_line({**GOOD, "answers": [answer]})])

    assert '"answers[0].disagreed_by[0].reason" is missing' in report.errors[0][1]


def test_it_reports_text_that_is_not_utf8():
    # How the import command hands over bytes that are not UTF-8.
    broken = b'{"title": "Caf\xe9 question about coffee", "body": "Is it ok?"}'

    report = archive_import(lines=[broken.decode("utf-8", "surrogateescape")])

    [(number, message)] = report.errors
    assert number == 1 and "UTF-8" in message
    assert not Question.objects.exists()


def test_it_imports_nothing_in_strict_mode_when_a_line_is_bad():
    lines = [_line(GOOD), "{not json", _line(GOOD_TOO), _line({"title": "No body"})]

    report = archive_import(lines=lines, strict=True)

    assert [number for number, _message in report.errors] == [2, 4]
    assert report.questions_created == 0
    assert not Question.objects.exists()


def test_it_imports_everything_in_strict_mode_when_every_line_is_good():
    report = archive_import(lines=[_line(GOOD), _line(GOOD_TOO)], strict=True)

    assert report.errors == []
    assert report.questions_created == 2
    assert Question.objects.count() == 2


def test_it_reports_progress_for_every_line():
    seen = []

    archive_import(lines=[_line(GOOD), "", "{bad", _line(GOOD_TOO)],
                   progress=seen.append)  # fmt: skip

    assert sum(seen) == 4
