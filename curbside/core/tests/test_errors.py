"""Coded errors carry a stable code, an HTTP status and a message to act on."""

from django.core.exceptions import ValidationError

from curbside.core.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    RateLimited,
    invalid_from_validation_error,
)


def test_each_error_has_its_code_status_and_a_default_message():
    expected = {
        NotFound: ("not_found", 404),
        Forbidden: ("forbidden", 403),
        Invalid: ("invalid", 400),
        Conflict: ("conflict", 409),
        RateLimited: ("rate_limited", 429),
    }
    for error_class, (code, status) in expected.items():
        error = error_class()
        assert (error.code, error.status) == (code, status)
        assert str(error.message)


def test_a_specific_code_and_message_override_the_defaults_for_that_error_only():
    error = Forbidden("Confirm your e-mail first.", code="email_unconfirmed")

    assert error.code == "email_unconfirmed"
    assert str(error) == "Confirm your e-mail first."
    assert Forbidden().code == "forbidden"


def test_a_validation_error_becomes_invalid_with_messages_per_field():
    exc = ValidationError({"title": ["Too short."], "body": ["Required."]})

    error = invalid_from_validation_error(exc)

    assert error.errors == {"title": ["Too short."], "body": ["Required."]}
    assert error.message == "Too short."
    assert error.code == "invalid"


def test_a_validation_error_without_fields_keeps_its_messages():
    error = invalid_from_validation_error(ValidationError(["One.", "Two."]))

    assert error.message == "One. Two."
    assert error.errors == {}
