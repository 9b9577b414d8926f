"""Answers are written in Markdown and shown as HTML that can carry no script."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curbside.core.markdown import plain_text, render_markdown


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "```\n</code><script>alert(1)</script>\n```",
        "`<script>`",
    ],
)
def test_it_never_lets_a_script_through(source):
    assert "<script" not in render_markdown(source).lower()


@pytest.mark.parametrize(
    "source",
    [
        '<a href="https://example.org" onclick="steal()">link</a>',
        "<img src=x onerror=alert(1)>",
        '<p onmouseover="steal()">hover</p>',
    ],
)
def test_raw_html_with_event_handlers_is_shown_as_text(source):
    html = render_markdown(source)

    assert "&lt;" in html
    assert "<img" not in html and "<a " not in html and "<p on" not in html


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
    ],
)
def test_dangerous_link_targets_never_become_links(source):
    html = render_markdown(source).lower()

    assert 'href="javascript' not in html
    assert 'href="data' not in html
    assert 'href="vbscript' not in html


def test_links_are_kept_and_marked_nofollow():
    html = render_markdown("See [the leaflet](https://example.org/eczema).")

    assert '<a href="https://example.org/eczema"' in html
    assert 'rel="nofollow noopener ugc"' in html


def test_headings_never_outrank_the_page_headings():
    html = render_markdown("# Diagnosis\n\n## Treatment\n\n### Follow-up")

    assert "<h1" not in html and "<h2" not in html
    assert html.count("<h3>") == 3


def test_ordinary_formatting_survives():
    html = render_markdown(
        "**Do** use an emollient.\n\n- morning\n- night\n\n> keep nails short"
    )

    assert "<strong>Do</strong>" in html
    assert "<li>morning</li>" in html
    assert "<blockquote>" in html


def test_empty_text_renders_to_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_plain_text_keeps_the_words_and_drops_the_markup():
    text = plain_text("**Tom** & [Jerry](https://example.org): 5 < 6, not <b>7</b>")

    assert text.strip() == "Tom & Jerry: 5 < 6, not <b>7</b>"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_renders_without_error_and_without_a_script(source):
    html = render_markdown(source)

    assert "<script" not in html.lower()
    assert isinstance(plain_text(source), str)


html_soup = st.lists(
    st.sampled_from(
        ["<", ">", "script", "/", " ", "[", "]", "(", ")", "javascript:", "=",
         '"', "on", "error", "`", "\n", "#", "*", "a", "href", "&", "<!--", "-->"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(html_soup)
def test_html_like_soup_never_yields_a_script_or_a_javascript_link(source):
    html = render_markdown(source).lower()

    assert "<script" not in html
    assert 'href="javascript' not in html
