"""Find markup in rendered HTML that could run script or send the visitor elsewhere.

`dangers(html)` parses with the standard library's HTML parser (which decodes
character references in attribute values, as browsers do) and returns a list of
findings; an empty list means the HTML is clean. Our own pages may load scripts
only from /static/ (no inline script at all: the CSP forbids it anyway).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).with_name("xss_corpus.txt")

# Attributes whose value a browser treats as a URL.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "dynsrc",
    "lowsrc",
    "ping",
    "codebase",
    "cite",
    "longdesc",
    "srcset",
    "to",
    "values",
}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_TAGS = {"base", "object", "embed", "applet", "frame", "frameset", "isindex"}
# Browsers drop ASCII tab and newlines anywhere in a URL, and C0 controls and
# spaces at its ends.
_URL_NOISE = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(n) for n in range(0x21))


def load_corpus() -> list[str]:
    payloads = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("# "):
            continue
        payloads.append(line.replace("\\n", "\n").replace("\\t", "\t"))
    return payloads


def normalised_url(value: str) -> str:
    return _URL_NOISE.sub("", value).strip(_URL_EDGES).lower()


def bad_url(value: str) -> bool:
    url = normalised_url(value)
    if url.startswith(BAD_SCHEMES):
        return True
    # srcset holds a list of candidates.
    return any(part.strip(_URL_EDGES).startswith(BAD_SCHEMES) for part in url.split(","))


class _Checker(HTMLParser):
    def __init__(self, *, allow_static_scripts: bool):
        super().__init__(convert_charrefs=True)
        self.allow_static_scripts = allow_static_scripts
        self.findings: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag == "script":
            self.in_script = True

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.findings.append(f"inline script: {data.strip()[:80]!r}")

    def _check(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            src = values.get("src") or ""
            if not (self.allow_static_scripts and src.startswith("/static/")):
                self.findings.append(f"<script src={src!r}>")
        if tag in FORBIDDEN_TAGS:
            self.findings.append(f"<{tag}>")
        if tag == "iframe" and "srcdoc" in values:
            self.findings.append("<iframe srcdoc>")
        if tag == "meta" and (values.get("http-equiv") or "").strip().lower() == "refresh":
            self.findings.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            elif name == "style" and value is not None:
                self.findings.append(f"<{tag} style={value[:60]!r}>")
            elif name in URL_ATTRIBUTES and value is not None and bad_url(value):
                self.findings.append(f"<{tag} {name}={value[:60]!r}>")


def dangers(html: str, *, allow_static_scripts: bool = False) -> list[str]:
    checker = _Checker(allow_static_scripts=allow_static_scripts)
    checker.feed(str(html))
    checker.close()
    return checker.findings
