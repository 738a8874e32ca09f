"""`/api/`: where to find the endpoints and the documentation."""

from django.urls import reverse
from ninja import Router, Schema

from voneinander.api.auth import optional_auth

router = Router()


class IndexOut(Schema):
    name: str
    version: str
    docs: str
    openapi: str
    endpoints: dict[str, str]


@router.get("", response=IndexOut, auth=optional_auth, url_name="api-root", include_in_schema=False)
def index(request):
    absolute = request.build_absolute_uri
    return {
        "name": "Voneinander API",
        "version": "1",
        "docs": absolute(reverse("api:openapi-view")),
        "openapi": absolute(reverse("api:openapi-json")),
        "endpoints": {
            "networks": absolute(reverse("api:network-list")),
            "municipalities": absolute(reverse("api:municipality-list")),
            "news": absolute(reverse("api:news-list")),
            "events": absolute(reverse("api:event-list")),
            "registrations": absolute(reverse("api:registration-list")),
            "solutions": absolute(reverse("api:solution-list")),
        },
    }
