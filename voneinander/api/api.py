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

from django.urls import URLPattern
from django.utils import translation
from ninja import NinjaAPI

from voneinander.api import errors, ratelimit
from voneinander.api.docs import ApiDocs


class VoneinanderApi(NinjaAPI):
    """ninja answers a method an address does not have (405) in plain text; we in JSON."""

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


def _in_request_language(run):
    """Answer in the language of Accept-Language and put the rate-limit headers on."""

    @functools.wraps(run)
    def wrapped(request, *args, **kwargs):
        with translation.override(errors.request_language(request)):
            response = run(request, *args, **kwargs)
        ratelimit.add_headers(request, response)
        return response

    return wrapped


api.add_decorator(_in_request_language, mode="view")

# Routers are added in voneinander/api/routers/__init__.py.
from voneinander.api import routers  # noqa: E402, F401
