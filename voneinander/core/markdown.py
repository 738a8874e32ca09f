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


def _shift_headings(html: str, top: int) -> str:
    """Move the text's headings so that its highest one is an h`top`, keeping the
    steps between them (no skipped levels under the page's own headings)."""
    levels = [n for n in range(1, 7) if f"<h{n}>" in html]
    if not levels or levels[0] == top:
        return html
    shift = top - levels[0]
    # Replace in the order that never meets an already shifted tag again.
    order = range(6, 0, -1) if shift > 0 else range(1, 7)
    for n in order:
        new = max(1, min(n + shift, 6))
        html = html.replace(f"<h{n}>", f"<h{new}>").replace(f"</h{n}>", f"</h{new}>")
    return html


def clean_html(html: str, *, extra_tags: frozenset[str] = frozenset()) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | extra_tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str | None, *, whole_page: bool = False) -> SafeString:
    """Markdown source → safe HTML for templates (`{{ text|markdown }}`).

    `whole_page`: the text is all of a page below its title (the h1), as on the
    pages admins edit; then "#" and "##" become h2 instead of h3.
    """
    if not text:
        return mark_safe("")
    html = _shift_headings(_md.render(text), top=2 if whole_page else 3)
    extra = frozenset({"h2"}) if whole_page else frozenset()
    return mark_safe(clean_html(html, extra_tags=extra))  # noqa: S308 - cleaned by nh3


def plain_text(text: str | None) -> str:
    """The text of a Markdown source without markup (for search, feeds, teasers)."""
    if not text:
        return ""
    return unescape(nh3.clean(_md.render(text), tags=set())).strip()
