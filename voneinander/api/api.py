"""The REST API (django-ninja): `/api/v1/…`, its OpenAPI schema at `/api/openapi.json`
and the documentation at `/api/docs` (our own page, voneinander/api/docs.py: no
script or style from a third party).

Routers per resource live in `voneinander/api/routers/`; each reads through the
same selectors as the web views (visibility) and writes through the same
services (rules, audit), so the API can never show or do more than the site.
Authentication: voneinander/api/auth.py; errors: errors.py; pagination:
pagination.py; rate limits: ratelimit.py. Every operation passes an explicit
`url_name` and `auth=`.
"""

import functools
import json

from django.urls import URLPattern
from django.utils import translation
from ninja import NinjaAPI
from ninja.openapi.views import default_home

from voneinander.api import errors, ratelimit
from voneinander.api.docs import ApiDocs
from voneinander.core.http import nul_in_parameters


class VoneinanderApi(NinjaAPI):
    """ninja answers a method an address does not have (405) in plain text; we in JSON.

    Our index (routers/index.py) takes the name and place of ninja's own root page
    ("api-root", which ninja reverses), so ninja's is left out.
    """

    def _get_urls(self):
        return [
            URLPattern(
                url.pattern,
                errors.json_method_not_allowed(self, url.callback),
                url.default_args,
                url.name,
            )
            if isinstance(url, URLPattern)
            else url
            for url in super()._get_urls()
            if getattr(url, "callback", None) is None
            or getattr(url.callback, "func", None) is not default_home
        ]


api = VoneinanderApi(
    title="Voneinander API",
    version="1",
    description="Networks, municipalities, members, events, solutions and news.",
    urls_namespace="api",
    docs=ApiDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False


def _has_nul_characters(request) -> bool:
    """NUL in the path, a parameter or a JSON string: PostgreSQL cannot store or compare it."""
    if "\x00" in request.path or nul_in_parameters(request):
        return True
    if request.content_type != "application/json":
        return False
    body = request.body
    if b"\x00" not in body and b"\\u0000" not in body:
        return False
    try:
        return _contains_nul(json.loads(body))
    except ValueError:
        return False  # not JSON: ninja answers that


def _in_request_language(run):
    """Answer in the language of Accept-Language and put the rate-limit headers on."""

    @functools.wraps(run)
    def wrapped(request, *args, **kwargs):
        with translation.override(errors.request_language(request)):
            if _has_nul_characters(request):
                return errors.invalid_characters(api, request)
            response = run(request, *args, **kwargs)
        ratelimit.add_headers(request, response)
        return response

    return wrapped


api.add_decorator(_in_request_language, mode="view")

# Routers are added in voneinander/api/routers/__init__.py.
from voneinander.api import routers  # noqa: E402, F401
