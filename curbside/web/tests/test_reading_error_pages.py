"""Error pages say what went wrong and where to go next, in the site's layout."""

from django.template.loader import render_to_string


def test_an_unknown_address_gets_a_helpful_404(client, db):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find this page" in html
    assert "Search the questions" in html
    assert "Resolver404" not in html


def test_the_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "In an emergency call your local emergency number." in html


def test_the_400_and_403_pages_explain_what_to_do():
    assert "check what you entered" in render_to_string("400.html")
    assert "log in with another account" in render_to_string("403.html")
