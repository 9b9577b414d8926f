"""Markdown to safe HTML: markdown-it-py renders, nh3 (Ammonia) sanitizes.

Raw HTML in the source is escaped by the renderer and anything that survives is
cleaned again by nh3, so a physician's answer can never carry a script or a style.
"""

from functools import lru_cache
from html import unescape

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(source: str) -> str:
    html = _renderer().render(source or "")
    # Headings inside an answer must not outrank the page's own headings.
    for level in ("1", "2"):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )


def plain_text(source: str) -> str:
    """The words of a Markdown text without markup (for search and excerpts).

    Plain text, not HTML: every entity is decoded (``<b>`` typed by the author comes
    back as ``<b>``), so whoever shows it must escape it.
    """
    return unescape(nh3.clean(render_markdown(source), tags=set()))
