"""The NPI check: ten digits, starting with 1 or 2, ending in a Luhn check digit
computed over the prefix 80840 and the first nine digits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from curbside.physicians.npi import is_valid_npi


@pytest.mark.parametrize("npi", ["1234567893", "1245319599", "2000000002"])
def test_it_accepts_well_formed_npis(npi):
    assert is_valid_npi(npi)


@pytest.mark.parametrize(
    "npi",
    [
        "1234567890",  # wrong check digit
        "1234567894",  # wrong check digit
        "123456789",  # nine digits
        "12345678933",  # eleven digits
        "3234567893",  # starts with 3
        "0234567893",  # starts with 0
        "12345678a3",  # a letter
        "1234 67893",  # a space
        "",
    ],
)
def test_it_rejects_malformed_npis(npi):
    assert not is_valid_npi(npi)


def test_it_catches_two_swapped_neighbouring_digits():
    assert is_valid_npi("1234567893")
    assert not is_valid_npi("1243567893")


payloads = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("12"),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
)


@given(payloads)
def test_exactly_one_check_digit_completes_any_payload(payload):
    valid = [d for d in "0123456789" if is_valid_npi(payload + d)]

    assert len(valid) == 1


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_no_npi_starting_with_another_digit_is_valid(npi):
    if npi[0] not in "12":
        assert not is_valid_npi(npi)


def _luhn_valid(digits: str) -> bool:
    """The textbook Luhn test on a whole number, check digit included."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@given(payloads, st.sampled_from("0123456789"))
def test_it_agrees_with_the_textbook_luhn_test_on_the_prefixed_number(payload, last):
    assert is_valid_npi(payload + last) == _luhn_valid("80840" + payload + last)
