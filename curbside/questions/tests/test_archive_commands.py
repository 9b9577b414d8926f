"""`curbside import`, `curbside export` and `curbside reindex` tell the operator what
they did, and fail with a clear message (and a non-zero exit) when they could not."""

import io
import json

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from curbside.questions.models import Question
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Why do my ears pop on flights?",
    "body": "Only on the way down.",
    "topics": ["ears"],
    "answers": [{"body": "Swallow often while descending.",
                 "physician": {"name": "Li Wei"}, "agreed_by": ["Ola Berg"]}],
}  # fmt: skip


def _archive(tmp_path, *lines: str):
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def test_it_imports_a_file_and_summarises(tmp_path):
    path = _archive(tmp_path, json.dumps(GOOD))

    output = _run("import", str(path))

    assert output.strip() == (
        "Imported 1 question, 1 answer, 2 new physicians, 1 new topic, 1 agreement."
    )
    assert Question.objects.count() == 1


def test_it_lists_skipped_lines_and_fails(tmp_path):
    path = _archive(tmp_path, json.dumps(GOOD), '{"title": "Half a line')
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 line could not be imported"):
        call_command("import", str(path), stdout=out, stderr=io.StringIO())

    assert "1 line skipped:" in out.getvalue()
    assert "line 2: This line is not valid JSON" in out.getvalue()
    assert Question.objects.count() == 1


def test_it_imports_nothing_with_strict_when_a_line_is_bad(tmp_path):
    path = _archive(tmp_path, json.dumps(GOOD), "[]")
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import", str(path), "--strict", stdout=out,
                     stderr=io.StringIO())  # fmt: skip

    assert "Nothing was imported (--strict)" in out.getvalue()
    assert not Question.objects.exists()


def test_it_says_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        _run("import", str(tmp_path / "nowhere.jsonl"))


def test_it_says_when_given_a_directory(tmp_path):
    with pytest.raises(CommandError, match="is a directory"):
        _run("import", str(tmp_path))


def test_it_reads_standard_input():
    output = _run("import", "-", stdin=io.StringIO(json.dumps(GOOD) + "\n"))

    assert output.startswith("Imported 1 question")
    assert Question.objects.count() == 1


def test_it_names_the_line_with_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b'\n{"title": "Caf\xe9"}\n')
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import", str(path), stdout=out, stderr=io.StringIO())

    assert "line 2: This line is not valid UTF-8" in out.getvalue()


def test_it_exports_to_a_file_that_imports_back(tmp_path, question):
    path = tmp_path / "export.jsonl"

    output = _run("export", str(path))

    assert output.strip() == f"Exported 1 question to {path}."
    [record] = [json.loads(line) for line in path.read_text().splitlines()]
    assert record["title"] == question.title
    assert not (tmp_path / "export.jsonl.part").exists()
    assert _run("import", str(path)).startswith("Imported 1 question (1 already")


def test_it_exports_to_standard_output_with_the_summary_on_stderr(question):
    out, err = io.StringIO(), io.StringIO()

    call_command("export", stdout=out, stderr=err)

    assert json.loads(out.getvalue())["title"] == question.title
    assert "Exported 1 question to standard output." in err.getvalue()


def test_it_says_when_the_export_cannot_be_written(tmp_path, question):
    with pytest.raises(CommandError, match="Could not write"):
        _run("export", str(tmp_path / "missing-dir" / "export.jsonl"))


def test_it_rebuilds_the_search_index(client):
    # Rows written without the services are not indexed until a rebuild.
    question = factories.QuestionFactory(title="Why does my knee click on stairs?")
    link = question.get_absolute_url()
    assert link not in _search(client, "knee click")

    output = _run("reindex")

    assert output.startswith("Indexed the words of 1 question in ")
    assert "Embedded 1 question in " in output
    assert link in _search(client, "knee click")


def _search(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("command", ["import", "export", "reindex"])
def test_it_explains_itself(command, capsys):
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["curbside", command, "--help"]).execute()

    assert exited.value.code == 0
    assert f"usage: curbside {command}" in capsys.readouterr().out
