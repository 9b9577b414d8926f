"""On the ask and edit forms topics are checkboxes in a fieldset, grouped under the
specialty at the root of their tree: the specialty's own checkbox heads its group
and names it; topics outside any specialty come last under "Other topics". Ticked
topics stay ticked when the form comes back with a mistake."""

from html.parser import HTMLParser

from django.urls import reverse

from curbside.topics.models import Topic
from tests import factories

ASK = reverse("web:ask")


class _Checkboxes(HTMLParser):
    """The page's topic checkboxes, groups and labels, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.inputs: list[dict] = []
        self.groups: list[dict] = []
        self.selects: list[str] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name") == "topics":
            self.inputs.append(attributes)
        if tag == "select":
            self.selects.append(attributes.get("name", ""))
        if attributes.get("role") == "group":
            self.groups.append(attributes)
        if tag in ("label", "p") and "id" in attributes:
            self._label = attributes["id"]

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] = self.labels.get(self._label, "") + data

    def handle_endtag(self, tag):
        if tag in ("label", "p"):
            self._label = None

    def group_names(self) -> list[str]:
        return [self.labels[g["aria-labelledby"]].strip() for g in self.groups]


def _topics(dermatology, eczema):
    cardiology = factories.SpecialtyFactory(name="Cardiology", slug="cardiology")
    palpitations = factories.TopicFactory(name="Palpitations", parent=cardiology)
    travel = factories.TopicFactory(name="Travel", kind=Topic.Kind.GENERAL)
    return cardiology, palpitations, travel


def test_it_groups_topic_checkboxes_by_specialty(client, patient, dermatology, eczema):
    cardiology, palpitations, travel = _topics(dermatology, eczema)
    client.force_login(patient)

    page = client.get(ASK).content.decode()

    boxes = _Checkboxes(page)
    assert "<legend>Topics" in page
    assert "topics" not in boxes.selects
    assert all(box["type"] == "checkbox" for box in boxes.inputs)
    assert [int(box["value"]) for box in boxes.inputs] == [
        cardiology.pk, palpitations.pk, dermatology.pk, eczema.pk, travel.pk,
    ]  # fmt: skip
    assert boxes.group_names() == ["Cardiology", "Dermatology", "Other topics"]


def test_it_keeps_ticked_topics_ticked_after_a_mistake(client, patient, eczema):
    client.force_login(patient)

    page = client.post(
        ASK, {"title": "Rash?", "body": "It itches.", "topics": [eczema.pk]}
    ).content.decode()

    ticked = [box["value"] for box in _Checkboxes(page).inputs if "checked" in box]
    assert ticked == [str(eczema.pk)]


def test_it_shows_the_question_topics_ticked_on_the_edit_form(
    client, patient, dermatology, eczema
):
    question = factories.QuestionFactory(asker=patient, topics=[eczema])
    client.force_login(patient)

    page = client.get(reverse("web:question_edit", args=[question.pk]))

    boxes = _Checkboxes(page.content.decode())
    ticked = [box["value"] for box in boxes.inputs if "checked" in box]
    assert ticked == [str(eczema.pk)]
    assert boxes.group_names() == ["Dermatology"]
