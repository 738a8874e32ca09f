"""Markdown for user-written text: CommonMark rendered by markdown-it, cleaned by nh3.

Raw HTML in the source is not interpreted (markdown-it's `html` option is off),
and nh3 removes whatever could still carry script: only a fixed set of tags and
attributes survives, links may only be http(s), mailto or relative, and every
link gets `rel="noopener noreferrer nofollow"`. Headings are shifted down so
that user text never competes with the page's own h1/h2.
"""

from __future__ import annotations

from html import unescape

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _shift_headings(html: str) -> str:
    # Replace from the deepest level up so that a shifted tag is not shifted again.
    for n in range(6, 0, -1):
        html = html.replace(f"<h{n}>", f"<h{min(n + 2, 6)}>").replace(
            f"</h{n}>", f"</h{min(n + 2, 6)}>"
        )
    return html


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str | None) -> SafeString:
    """Markdown source → safe HTML for templates (`{{ text|markdown }}`)."""
    if not text:
        return mark_safe("")
    return mark_safe(clean_html(_shift_headings(_md.render(text))))  # noqa: S308 - cleaned by nh3


def plain_text(text: str | None) -> str:
    """The text of a Markdown source without markup (for search, feeds, teasers)."""
    if not text:
        return ""
    return unescape(nh3.clean(_md.render(text), tags=set())).strip()
