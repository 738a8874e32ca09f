"""The REST API (django-ninja): `/api/v1/…`, its OpenAPI schema at `/api/openapi.json`
and the interactive documentation at `/api/docs`.

Routers per resource live in `voneinander/api/routers/`; each reads through the
same selectors as the web views (visibility) and writes through the same
services (rules, audit), so the API can never show or do more than the site.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Voneinander API",
    version="1",
    description="Networks, municipalities, members, events, solutions and news.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

# Routers are added in voneinander/api/routers/__init__.py (helpers fill them in).
from voneinander.api import routers  # noqa: E402, F401
