"""US National Provider Identifier: ten digits, the last a Luhn check digit.

The Luhn sum is taken over the constant prefix 80840 followed by the first nine
digits (CMS, "Requirements for NPI check digit"). Pure: no Django imports.
"""

NPI_PREFIX = "80840"


def luhn_check_digit(payload: str) -> int:
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = int(char)
        if index % 2 == 0:  # every second digit from the right, starting rightmost
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def is_valid_npi(value: str) -> bool:
    if len(value) != 10 or not value.isdigit() or value[0] not in "12":
        return False
    return luhn_check_digit(NPI_PREFIX + value[:9]) == int(value[9])
