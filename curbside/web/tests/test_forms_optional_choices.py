"""Optional selects on the ask form start on the same explicit "Not given" choice;
"Prefer not to say" is offered only where it is a real answer (sex). A checkbox
comes before its label, on one line."""

import re

from django.urls import reverse

ASK = reverse("web:ask")


def _options(page: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_it_starts_every_optional_select_on_not_given(client, patient):
    client.force_login(patient)

    page = client.get(ASK).content.decode()

    for name in ("age_range", "sex", "duration"):
        assert _options(page, name)[0] == ("", "Not given")
    assert ("unsaid", "Prefer not to say") in _options(page, "sex")
    assert all(
        label != "Prefer not to say" for _v, label in _options(page, "age_range")
    )


def test_it_puts_the_anonymous_checkbox_before_its_label(client, patient):
    client.force_login(patient)

    page = client.get(ASK).content.decode()

    checkbox = page.index('id="id_anonymous"')
    label = page.index('<label for="id_anonymous">Ask anonymously</label>')
    assert checkbox < label
    assert patient.pseudonym in page[label:]
