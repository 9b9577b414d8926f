"""In a real browser: the header stays on one line from 1024px up, even for a
verified physician with a queue, and never overflows a phone; a form sent back
with mistakes puts focus on its error summary, whose links lead to the inputs."""

import pytest

from tests import factories
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

HEADER_PARTS = [".brand", ".site-nav", ".site-search", ".header-ask", ".user-nav"]


def _centres(page) -> dict[str, float]:
    return page.evaluate(
        """parts => Object.fromEntries(parts.map(p => {
             const r = document.querySelector(p).getBoundingClientRect();
             return [p, r.top + r.height / 2];
           }))""",
        HEADER_PARTS,
    )


def test_it_keeps_a_physicians_header_on_one_line_from_1024_pixels(
    live_server, open_page, verified_physician, patient, eczema
):
    factories.QuestionFactory(asker=patient, topics=[eczema])
    bob = open_page()
    log_in(bob, live_server.url, verified_physician.user.email, PASSWORD)

    for width in (1280, 1024):
        bob.set_viewport_size({"width": width, "height": 800})
        bob.goto(f"{live_server.url}/questions/")
        centres = _centres(bob)
        assert "1 question waiting" in bob.locator(".user-nav").inner_html()
        assert max(centres.values()) - min(centres.values()) < 8, (width, centres)


def test_it_wraps_the_header_on_a_phone_without_overflowing(
    live_server, open_page, verified_physician
):
    bob = open_page(width=390, height=844)
    log_in(bob, live_server.url, verified_physician.user.email, PASSWORD)
    bob.goto(f"{live_server.url}/questions/")

    centres = _centres(bob)
    assert bob.evaluate("document.documentElement.scrollWidth") <= 390
    assert abs(centres[".header-ask"] - centres[".brand"]) < 8  # "Ask" stays on top
    assert centres[".site-search"] > centres[".site-nav"] > centres[".brand"]


def test_it_focuses_the_error_summary_and_links_to_the_input(live_server, open_page):
    visitor = open_page()
    visitor.goto(f"{live_server.url}/accounts/signup/")
    visitor.fill("input[name=email]", "not an address")
    visitor.evaluate("document.querySelector('main form').noValidate = true")
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_load_state()

    assert visitor.evaluate("document.activeElement.className") == "error-summary"
    visitor.locator(".error-summary a").first.click()
    assert visitor.evaluate("document.activeElement.id") == "id_email"
    assert visitor.locator("#id_email").get_attribute("aria-invalid") == "true"
