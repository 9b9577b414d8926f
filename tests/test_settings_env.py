"""The environment readers: a malformed value names the variable to fix."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("ON", True),
     ("0", False), ("false", False), ("No", False), ("off", False), ("", False)],
)  # fmt: skip
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("CURBSIDE_FLAG", raw)

    assert env_bool("CURBSIDE_FLAG", default=not expected) is expected


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("CURBSIDE_FLAG", raising=False)

    assert env_bool("CURBSIDE_FLAG", default=True) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled", "tru"])
def test_env_bool_names_the_variable_for_anything_else(monkeypatch, raw):
    monkeypatch.setenv("CURBSIDE_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match="CURBSIDE_FLAG") as caught:
        env_bool("CURBSIDE_FLAG")

    assert raw in str(caught.value)
    assert "true or false" in str(caught.value)


def test_env_int_reads_a_whole_number_or_the_default(monkeypatch):
    monkeypatch.setenv("CURBSIDE_SECONDS", "42")
    assert env_int("CURBSIDE_SECONDS", 7) == 42

    monkeypatch.setenv("CURBSIDE_SECONDS", "")
    assert env_int("CURBSIDE_SECONDS", 7) == 7

    monkeypatch.delenv("CURBSIDE_SECONDS")
    assert env_int("CURBSIDE_SECONDS", 7) == 7


@pytest.mark.parametrize("raw", ["ten", "4.5", "1e3", "12s"])
def test_env_int_names_the_variable_for_a_malformed_number(monkeypatch, raw):
    monkeypatch.setenv("CURBSIDE_SECONDS", raw)

    with pytest.raises(ImproperlyConfigured, match="CURBSIDE_SECONDS") as caught:
        env_int("CURBSIDE_SECONDS", 7)

    assert "whole number" in str(caught.value)


def test_env_int_refuses_a_number_below_its_minimum(monkeypatch):
    monkeypatch.setenv("CURBSIDE_THREADS", "0")

    with pytest.raises(ImproperlyConfigured, match="CURBSIDE_THREADS") as caught:
        env_int("CURBSIDE_THREADS", 1, minimum=1)

    assert "1 or more" in str(caught.value)
    monkeypatch.setenv("CURBSIDE_THREADS", "2")
    assert env_int("CURBSIDE_THREADS", 1, minimum=1) == 2


def test_env_choice_names_the_variable_and_the_choices(monkeypatch):
    monkeypatch.setenv("CURBSIDE_MODE", "staging")

    with pytest.raises(ImproperlyConfigured, match="CURBSIDE_MODE") as caught:
        env_choice("CURBSIDE_MODE", ("development", "production"), "development")

    assert "development, production" in str(caught.value)
    assert "staging" in str(caught.value)


def test_env_choice_falls_back_to_the_default_when_empty(monkeypatch):
    monkeypatch.setenv("CURBSIDE_MODE", "")

    assert env_choice("CURBSIDE_MODE", ("a", "b"), "b") == "b"


def test_env_str_names_a_required_variable_that_is_missing(monkeypatch):
    monkeypatch.setenv("CURBSIDE_SECRET", "")

    with pytest.raises(ImproperlyConfigured, match="CURBSIDE_SECRET"):
        env_str("CURBSIDE_SECRET", "fallback", required=True)
    assert env_str("CURBSIDE_SECRET", "fallback") == "fallback"


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("CURBSIDE_HOSTS", " a.example , ,b.example,")

    assert env_list("CURBSIDE_HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("CURBSIDE_HOSTS", "  ")
    assert env_list("CURBSIDE_HOSTS", ["x"]) == ["x"]
