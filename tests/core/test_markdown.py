"""User Markdown is rendered without anything that could run script."""

from html.parser import HTMLParser

import pytest

from voneinander.core.markdown import plain_text, render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bild](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg/onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '[x](https://example.org "t" onclick=alert(1))',
    "<details open ontoggle=alert(1)>",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "[a](vbscript:msgbox(1))",
    "<<script>script>alert(1)<</script>/script>",
]

SAFE_TAGS = {"p", "a", "strong", "em", "code", "pre", "ul", "ol", "li", "br", "hr", "blockquote"}


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS | {
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        }:
            self.problems.append(f"element {tag}")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "src", "srcdoc"}:
                self.problems.append(f"attribute {name}")
            if name == "href" and not (value or "").startswith(("http://", "https://", "mailto:")):
                self.problems.append(f"href {value}")


def dangerous(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    return parser.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_never_yields_script(payload):
    html = str(render_markdown(f"Text davor\n\n{payload}\n\nText danach"))

    assert dangerous(html) == [], html
    assert "Text davor" in html and "Text danach" in html


def test_render_markdown_keeps_formatting_and_safe_links():
    html = str(render_markdown("**fett** und [Link](https://example.org/a?b=1)\n\n- eins\n- zwei"))

    assert "<strong>fett</strong>" in html
    assert 'href="https://example.org/a?b=1"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<li>eins</li>" in html


def test_render_markdown_shifts_headings_below_the_page_headings():
    html = str(render_markdown("# Eins\n\n## Zwei\n\n###### Sechs"))

    assert "<h3>Eins</h3>" in html
    assert "<h4>Zwei</h4>" in html
    assert "<h6>Sechs</h6>" in html
    assert "<h1>" not in html and "<h2>" not in html


def test_render_markdown_of_nothing_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_plain_text_drops_markup_and_unescapes():
    assert plain_text("# Titel\n\n**fett** <b>roh</b> & mehr") == "Titel\nfett <b>roh</b> & mehr"


def test_the_checker_itself_flags_unsafe_html():
    assert dangerous('<img src=x onerror="alert(1)">') == [
        "element img",
        "attribute src",
        "attribute onerror",
    ]
    assert dangerous('<a href="javascript:alert(1)">x</a>') == ["href javascript:alert(1)"]


def test_render_markdown_keeps_heading_steps_from_the_texts_highest_heading():
    # "## A" under the page's h1/h2 becomes h3, not h4: no level is skipped.
    html = str(render_markdown("## A\n\n### B\n\n#### C"))
    assert html.replace("\n", "") == "<h3>A</h3><h4>B</h4><h5>C</h5>"


def test_render_markdown_for_a_whole_page_starts_at_h2():
    html = render_markdown("# Titel\n\n## Abschnitt", whole_page=True)
    assert "<h2>Titel</h2>" in html
    assert "<h3>Abschnitt</h3>" in html
    assert "<h1>" not in html
