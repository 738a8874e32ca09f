"""Caching of anonymous pages and of fragments that are the same for everybody.

Two layers, both safe with several app processes (see docs/caching.md):

- Pages: `AnonymousCacheMiddleware` marks a response `public, max-age=N` only
  for an anonymous GET of an allow-listed public page that carries no cookie,
  sets no cookie and contains no CSRF token. nginx (deploy/nginx/anonymous-cache.conf)
  keeps such responses for at most N seconds; it never stores anything else, and
  it bypasses its cache whenever a request carries a session or CSRF cookie. A
  change is therefore visible at once to signed-in people (the editor included)
  and to anonymous visitors within N seconds. Every other response is `private`.
- Fragments: parts of a page that are expensive and the same for every visitor
  are kept in the shared cache (Redis in a cluster) under a key that contains a
  *content version*. Services bump the version after their transaction commits,
  so an edit made through one app process invalidates the fragment for all.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control, patch_vary_headers

# Public pages whose anonymous view is the same for every visitor (view names).
CACHEABLE_VIEWS = frozenset(
    {
        "core:home",
        "networks:list",
        "networks:detail",
        "knowledge:solution",
        "news:list",
        "news:detail",
        "events:list",
        "events:detail",
        "directory:index",
        "directory:map",
        "directory:figures",
    }
)
# A page with a form token is tied to one visitor's CSRF secret: never shared.
CSRF_MARKER = b"csrfmiddlewaretoken"
# Kept in the cache without expiry; a lost version is replaced by a random one,
# so fragments stored under an evicted version can never come back.
VERSION_KEY = "vn:content-version:{scope}"
FRAGMENT_TIMEOUT = 60 * 60


def _has_identity(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or settings.CSRF_COOKIE_NAME in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def is_shareable(request, response) -> bool:
    """Whether `response` may be stored by a shared cache for every anonymous visitor."""
    match = getattr(request, "resolver_match", None)
    if (
        request.method not in ("GET", "HEAD")
        or match is None
        or match.view_name not in CACHEABLE_VIEWS
        or response.status_code != 200
        or response.streaming
        or response.has_header("Cache-Control")
        or response.cookies
        or _has_identity(request)
        or request.headers.get("HX-Request")
        or not response.get("Content-Type", "").startswith("text/html")
    ):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return CSRF_MARKER not in response.content


class AnonymousCacheMiddleware:
    """Mark anonymous public pages cacheable for a short time, everything else private.

    Sits above the session, CSRF and message middleware so that it sees every
    cookie they set on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = settings.ANONYMOUS_CACHE_SECONDS
        if seconds > 0 and is_shareable(request, response):
            patch_cache_control(response, public=True, max_age=seconds)
            _drop_accept_language(response)
            patch_vary_headers(response, ("Cookie", "HX-Request"))
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


def _drop_accept_language(response) -> None:
    """Leave `Accept-Language` out of Vary on shared pages.

    LocaleMiddleware adds it to every address without a language prefix, but
    the language comes from the prefix alone (German without one,
    `prefix_default_language=False`), so the header never changes the page;
    keeping it would split nginx's cache by every browser's language list.
    """
    if not response.has_header("Vary"):
        return
    kept = [
        part.strip()
        for part in response["Vary"].split(",")
        if part.strip() and part.strip().lower() != "accept-language"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


# --- Content versions and fragments --------------------------------------------


def content_version(scope: str) -> str:
    key = VERSION_KEY.format(scope=scope)
    version = cache.get(key)
    if version is None:
        version = secrets.token_hex(4)
        # add(): two processes starting at once agree on one version.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
    return str(version)


def _bump(scopes: tuple[str, ...]) -> None:
    for scope in scopes:
        cache.set(VERSION_KEY.format(scope=scope), secrets.token_hex(4), timeout=None)


def bump_content_version(*scopes: str) -> None:
    """Invalidate every fragment keyed with these scopes, once the transaction commits.

    Bumping before the commit would let another process render the old rows
    and store them under the new version.
    """
    transaction.on_commit(lambda: _bump(scopes), robust=True)


def network_scope(network_id: int) -> str:
    return f"network:{network_id}"


MEMBERSHIPS_SCOPE = "memberships"


def cached_fragment(name: str, scopes: tuple[str, ...], parts: tuple, compute):
    """`compute()` once per content version of `scopes`, shared by all processes."""
    versions = ".".join(content_version(scope) for scope in scopes)
    key = ":".join(["vn:fragment", name, versions, *(str(part) for part in parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=FRAGMENT_TIMEOUT)
    return value


def memoized_drawing(name: str, inputs, compute):
    """`compute()` cached under a fingerprint of `inputs` (their repr), shared by all processes.

    For pure functions whose inputs are cheap to load but expensive to render
    (the member map): correct whatever path changed the data, no version needed.
    """
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()
    key = f"vn:drawing:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=FRAGMENT_TIMEOUT)
    return value
