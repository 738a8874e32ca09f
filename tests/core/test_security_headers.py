"""Security headers on every page, and no cookie for anonymous visitors.

The crawl starts from every URL in the permission matrix and follows the
links it finds on the site, for an anonymous visitor and for signed-in roles.
`manage.py check --deploy` does not look at CSP, so this test does.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from tests.processes import run_project_process
from tests.test_access_matrix import MATRIX, _view_name

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
SKIP_PREFIXES = ("/static/", "/konto/logout/", "/en/konto/logout/", "mailto:", "tel:")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _crawl(client, world, limit=300):
    queue = [
        reverse(_view_name(key), kwargs=kwargs(world) if callable(kwargs) else kwargs)
        for key, (kwargs, _row) in MATRIX.items()
    ]
    queue += ["/en/", "/gibt-es-nicht/"]
    seen, responses = set(), []
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP_PREFIXES) or url.startswith("/admin/"):
            continue
        seen.add(url)
        response = client.get(url)
        responses.append((url, response))
        if response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode())
            for href in parser.links:
                absolute = urljoin(url, href)
                parts = urlsplit(absolute)
                if parts.netloc in {"", "testserver"} and parts.scheme in {"", "http"}:
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return responses


def _assert_headers(url, response):
    csp = response.get("Content-Security-Policy", "")
    for directive in REQUIRED_CSP:
        assert directive in csp, f"{url}: CSP lacks {directive!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
    assert response.get("X-Frame-Options") == "DENY", url
    assert response.get("X-Content-Type-Options") == "nosniff", url
    assert response.get("Referrer-Policy") == "same-origin", url
    assert response.get("Cross-Origin-Opener-Policy") == "same-origin", url


def _assert_csp_clean(url, response):
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), f"{url}: inline <script>"
    assert not INLINE_STYLE.search(html), f"{url}: style= attribute"
    assert not INLINE_HANDLER.search(html), f"{url}: on…= event handler attribute"


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator", "admin"])
def test_every_page_sends_the_security_headers(world, client_as, role):
    responses = _crawl(client_as(world.user(role)), world)
    assert len(responses) > 25
    for url, response in responses:
        _assert_headers(url, response)
        _assert_csp_clean(url, response)


def test_anonymous_page_views_set_no_cookie(world, client):
    responses = _crawl(client, world)
    assert any(url == "/konto/login/" for url, _response in responses)
    for url, response in responses:
        assert response.cookies == {}, f"{url} set {list(response.cookies)}"


def test_crawler_notices_inline_script():
    """The markup check can fail: it catches what the CSP would block."""

    class Fake(dict):
        content = b"<html><script>alert(1)</script></html>"

    with pytest.raises(AssertionError, match="inline <script>"):
        _assert_csp_clean("/x/", Fake({"Content-Type": "text/html"}))


@pytest.mark.subprocess
def test_production_sends_hsts_and_host_prefixed_secure_cookies(tmp_path):
    production = {
        "VONEINANDER_ENV": "production",
        "SECRET_KEY": "production-key-" + "k" * 50,
        "ALLOWED_HOSTS": "voneinander.example.org",
    }
    probe = Path(__file__).parent / "production_probe.py"
    result = run_project_process([probe], tmp_path=tmp_path, env=production, timeout=180)
    assert result.returncode == 0, result.stderr
    facts = dict(line.split("=", 1) for line in result.stdout.strip().splitlines())
    assert facts["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert facts["http_redirect"] == "301 https://voneinander.example.org/"
    assert "upgrade-insecure-requests" in facts["csp"]
    assert facts["anonymous_cookies"] == ""
    assert facts["login_cookies"] == "__Host-csrftoken,__Host-sessionid"
    assert facts["cookie_flags"] == "secure,httponly,path=/,no-domain"
