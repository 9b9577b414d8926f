"""A form sent back with mistakes opens with a summary that is announced and takes
focus: how many fields to correct, each mistake linked to its input. Every input
with a mistake is marked invalid and points at its help and error text, and the
error text says "Error:" so it never depends on colour alone."""

from html.parser import HTMLParser

from django.urls import reverse

from tests import factories

ASK = reverse("web:ask")


class _Elements(HTMLParser):
    """The start tags of a page: in order, and by id."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.by_id: dict[str, dict] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.by_id[attributes["id"]] = attributes

    def with_class(self, name: str) -> list[dict]:
        return [a for _t, a in self.tags if name in (a.get("class") or "").split()]


def test_it_counts_the_fields_to_correct_and_links_to_each(client, patient):
    client.force_login(patient)

    response = client.post(ASK, {"title": "Rash?", "body": "It itches."})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Please correct 2 fields" in page
    assert 'href="#id_title"' in page and 'href="#id_body"' in page
    (summary,) = _Elements(page).with_class("error-summary")
    assert summary["role"] == "alert"
    assert summary["tabindex"] == "-1" and "autofocus" in summary


def test_it_marks_the_wrong_inputs_and_describes_them(client, patient):
    client.force_login(patient)

    page = client.post(ASK, {"title": "Rash?", "body": "It itches."}).content
    elements = _Elements(page.decode())

    title = elements.by_id["id_title"]
    assert title["aria-invalid"] == "true"
    assert title["aria-describedby"].split() == ["id_title_helptext", "id_title_error"]
    assert "id_title_helptext" in elements.by_id
    assert "id_title_error" in elements.by_id
    assert "aria-invalid" not in elements.by_id["id_age_range"]
    assert "Error:" in page.decode()


def test_it_describes_a_group_of_choices_on_its_fieldset(client, patient, dermatology):
    client.force_login(patient)
    topics = [factories.TopicFactory(parent=dermatology).pk for _ in range(6)]

    page = client.post(
        ASK,
        {"title": "Why does my eczema flare?", "body": "Every winter my hands crack.",
         "topics": topics},
    ).content.decode()  # fmt: skip

    assert "Please correct 1 field" in page
    assert 'href="#id_topics_0"' in page
    (fieldset,) = [a for t, a in _Elements(page).tags if t == "fieldset"]
    assert fieldset["aria-describedby"].split() == [
        "id_topics_helptext", "id_topics_error",
    ]  # fmt: skip


def test_it_gives_every_form_the_same_summary(client, patient):
    client.force_login(patient)

    page = client.post(reverse("web:token_create"), {"name": " "}).content.decode()

    assert "Please correct 1 field" in page
    assert 'href="#id_name"' in page
    assert _Elements(page).by_id["id_name"]["aria-invalid"] == "true"


def test_it_lists_a_mistake_about_the_whole_form_without_a_count(client, patient):
    page = client.post(
        reverse("web:login"),
        {"username": "alice@example.org", "password": "not-her-password"},
    ).content.decode()

    (summary,) = _Elements(page).with_class("error-summary")
    assert summary["role"] == "alert"
    assert "Please check this" in page
    assert "do not match an account" in page
    assert "Please correct" not in page
