"""Every page shares one layout: a skip link, the main menu and search, the right
links for visitors, members and physicians, and the emergency reminder."""

from html.parser import HTMLParser

from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from curbside.questions import services
from tests import factories


def _home(client) -> str:
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_offers_a_skip_link_menu_search_and_footer(client, db):
    html = _home(client)
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'role="search"' in html
    assert f'href="{reverse("web:questions")}"' in html
    assert "Curbside does not diagnose." in html
    assert "In an emergency call your local emergency number." in html


def test_it_offers_log_in_and_sign_up_to_visitors(client, db):
    html = _home(client)
    assert f'href="{reverse("web:login")}"' in html
    assert f'href="{reverse("web:signup")}"' in html
    assert "Log out" not in html


def test_it_offers_account_and_a_log_out_form_to_members(client, patient):
    client.force_login(patient)
    html = _home(client)
    assert f'href="{reverse("web:account")}"' in html
    assert f'<form method="post" action="{reverse("web:logout")}"' in html
    assert "csrfmiddlewaretoken" in html
    assert f'href="{reverse("web:queue")}"' not in html


def test_it_shows_verified_physicians_their_queue_with_the_waiting_count(
    client, verified_physician, patient, eczema
):
    factories.QuestionFactory(asker=patient, topics=[eczema])
    factories.QuestionFactory(asker=patient, topics=[eczema])
    client.force_login(verified_physician.user)
    html = _home(client)
    assert f'href="{reverse("web:queue")}"' in html
    assert "2 questions waiting" in html


def test_it_hides_the_queue_from_physicians_not_yet_verified(
    client, unverified_physician
):
    client.force_login(unverified_physician.user)
    assert f'href="{reverse("web:queue")}"' not in _home(client)


def test_it_shows_flash_messages(client, db):
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Your profile is saved.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value
    html = client.get(reverse("web:questions")).content.decode()
    assert '<p class="message message--success">Your profile is saved.</p>' in html


class _Landmarks(HTMLParser):
    """The headings' levels in order, and the search landmarks' names."""

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.searches: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))
        if attrs.get("role") == "search":
            self.searches.append(
                attrs.get("aria-label") or attrs.get("aria-labelledby") or ""
            )


def test_lists_of_questions_keep_heading_levels_and_name_each_search(
    client, patient, eczema, django_capture_on_commit_callbacks
):
    """A screen reader's outline of headings never skips a level (a card's
    title sits under a heading of the list), and a page with two search forms
    names them apart."""
    with django_capture_on_commit_callbacks(execute=True):
        services.question_create(
            asker=patient, title="Why does my eczema flare every winter?",
            body="My hands crack and bleed from November to March.", topics=[eczema],
        )  # fmt: skip
    pages = [
        reverse("web:questions"),
        reverse("web:search") + "?q=eczema",
        eczema.get_absolute_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _Landmarks()
        page.feed(response.content.decode())
        assert page.levels[0] == 1, url
        assert "question-card__title" in response.content.decode(), url
        for before, after in zip(page.levels, page.levels[1:], strict=False):
            assert after <= before + 1, f"{url}: h{before} then h{after}"
        assert len(page.searches) == len(set(page.searches)), url
