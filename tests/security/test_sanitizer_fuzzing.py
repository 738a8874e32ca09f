"""Every renderer of user text, fed with XSS payloads and generated Markdown/HTML.

The renderers (found by grepping for render_markdown, nh3, urlize, linebreaks,
mark_safe): Markdown in both modes (`|markdown`, `page_markdown`), question and
answer bodies with mentions, comments as plain text with links, Django's
linebreaks/linebreaksbr/striptags chains used on descriptions, search
highlights and snippets, and the plain text used for teasers and feeds. None
may yield script, event-handler attributes or javascript:/data:/vbscript: URLs.
"""

from __future__ import annotations

import pytest
from django.template import Context, Template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.htmlcheck import dangers, load_corpus
from voneinander.accounts.models import User
from voneinander.comments.templatetags.comments import comment_text
from voneinander.core.markdown import plain_text, render_markdown
from voneinander.questions.mentions import render_post
from voneinander.search.text import headline_to_html, highlight, snippet, stems

CORPUS = load_corpus()
MENTIONED = User(first_name="Erika", last_name="Mustermann", email="erika@example.org")


def _template(source: str):
    template = Template("{% load markdown comments %}" + source)
    return lambda text: template.render(Context({"text": text}))


def _plain_in_template(text: str) -> str:
    # Teasers and feed entries are plain_text(...) put into an autoescaped template.
    return _template("{{ text }}")(plain_text(text))


RENDERERS = {
    "markdown": render_markdown,
    "markdown_whole_page": lambda text: render_markdown(text, whole_page=True),
    "markdown_filter": _template("{{ text|markdown }}"),
    "markdown_striptags": _template("{{ text|markdown|striptags|truncatewords:40 }}"),
    "question_post": lambda text: render_post(text, mentioned=[MENTIONED]),
    "comment_text": comment_text,
    "comment_truncated": _template("{{ text|truncatechars:400|comment_text }}"),
    "linebreaks": _template("{{ text|linebreaks }}"),
    "linebreaksbr": _template("{{ text|linebreaksbr }}"),
    "urlize": _template("{{ text|urlize }}"),
    "search_highlight": lambda text: highlight(text, set(stems("script alert klick"))),
    "search_snippet": lambda text: snippet(text, set(stems("script onerror javascript"))),
    "search_headline": lambda text: headline_to_html(f"\u27e6{text}\u27e7 {text}"),
    "plain_text": _plain_in_template,
}

# Pieces that markdown-it, nh3 and urlize treat specially, glued together at random.
TOKENS = [
    "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "script", "img", "svg", "math",
    "iframe", "a", "base", "meta", "object", "embed", "form", "button", "style", " ", "\t",
    "\n", "\n\n", "=", '"', "'", "`", "/", "\\", "javascript:", "JaVa\tScRiPt:", "java\nscript:",
    "data:text/html,", "data:image/svg+xml;base64,", "vbscript:", "&#106;", "&#x6A;", "&#0000106",
    "&colon;", "&lt;", "&gt;", "&quot;", "&amp;", "&", ";", "onerror", "onload", "onclick",
    "href", "src", "srcdoc", "formaction", "xlink:href", "http-equiv=refresh", "style",
    "[", "]", "(", ")", "![", "](", "]: ", "*", "**", "_", "# ", "> ", "- ", "1. ", "|", "---",
    "    ", "```", "~~~", "@Erika.Mustermann", "@", "http://", "https://example.org/", "www.",
    "mailto:", "%0a", "%3C", "alert(1)", "\x00", "\u2028", "\ufeff", "\u00a0",
]  # fmt: skip
URLS = [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "https://example.org/", "/relativ",
    "#anker", "mailto:a@example.org",
]  # fmt: skip
TAGS = ["a", "img", "svg", "iframe", "object", "embed", "form", "button", "base", "meta", "math"]
ATTRIBUTES = ["href", "src", "srcdoc", "action", "formaction", "xlink:href", "data", "style"]
HANDLERS = ["onerror", "onload", "onclick", "onmouseover", "ONFOCUS", "onBegin"]

token_soup = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=40).map(
    "".join
)


@st.composite
def html_element(draw):
    tag = draw(st.sampled_from(TAGS))
    parts = [f"<{tag}"]
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            name, value = draw(st.sampled_from(ATTRIBUTES)), draw(st.sampled_from(URLS))
        else:
            name, value = draw(st.sampled_from(HANDLERS)), "alert(1)"
        quote = draw(st.sampled_from(['"', "'", ""]))
        parts.append(f" {name}={quote}{value}{quote}")
    parts.append(draw(st.sampled_from([">", "/>", " ", ""])))
    parts.append(draw(st.sampled_from(["", "Text", "<script>alert(1)</script>"])))
    parts.append(draw(st.sampled_from([f"</{tag}>", ""])))
    return "".join(parts)


@st.composite
def markdown_link(draw):
    label = draw(st.sampled_from(["klick", "<img src=x onerror=alert(1)>", "`code`", ""]))
    url = draw(st.sampled_from(URLS))
    form = draw(st.sampled_from(["inline", "image", "autolink", "reference"]))
    if form == "inline":
        return f"[{label}]({url})"
    if form == "image":
        return f"![{label}]({url})"
    if form == "autolink":
        return f"<{url}>"
    return f"[{label}][r]\n\n[r]: {url}"


documents = st.lists(
    st.one_of(token_soup, html_element(), markdown_link(), st.sampled_from(CORPUS)),
    min_size=1,
    max_size=6,
).map(lambda parts: "".join(parts))


def test_corpus_has_the_known_payloads():
    assert len(CORPUS) >= 150
    assert any("srcdoc" in payload for payload in CORPUS)
    assert any(payload.startswith("<BASE") for payload in CORPUS)


def test_checker_finds_what_it_must():
    assert dangers('<a href="&#106;ava\tscript:x">') == ["<a href='java\\tscript:x'>"]
    assert dangers("<img src=x onerror=alert(1)>") == ["<img onerror=…>"]
    assert dangers("<script src='/static/x.js'></script>", allow_static_scripts=True) == []
    assert dangers("<script>alert(1)</script>", allow_static_scripts=True) == [
        "<script src=''>",
        "inline script: 'alert(1)'",
    ]
    assert dangers('<iframe srcdoc="x"></iframe><base href="/">') == ["<iframe srcdoc>", "<base>"]
    assert dangers("<p>&lt;script&gt;javascript:alert(1)</p>") == []


@pytest.mark.trust("Sanitizer fuzzing")
@pytest.mark.parametrize("renderer", RENDERERS)
def test_renderer_neutralises_every_corpus_payload(renderer):
    render = RENDERERS[renderer]
    found = {payload: dangers(render(payload)) for payload in CORPUS}
    assert {payload: found for payload, found in found.items() if found} == {}
    # All payloads in one text (one breaking out of its context must not free the next).
    assert dangers(render("\n\n".join(CORPUS))) == []


@pytest.mark.trust("Sanitizer fuzzing")
@pytest.mark.parametrize("renderer", RENDERERS)
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=documents)
def test_renderer_neutralises_generated_markup(renderer, text):
    assert dangers(RENDERERS[renderer](text)) == []
