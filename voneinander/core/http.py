"""Response helpers shared by the apps' views."""

from csp.decorators import csp_update
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

# For views that serve uploaded files: whatever a file contains, it runs in a
# unique origin without scripts.
sandboxed = csp_update({"sandbox": True})


def private_download(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark a response as a download of personal or internal data: an attachment
    under `filename`, never sniffed, never stored by shared or browser caches."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def nul_in_parameters(request) -> bool:
    """Does a decoded query parameter hold a NUL character?"""
    return any("\x00" in value for _name, values in request.GET.lists() for value in values)


class RefuseNulCharactersMiddleware:
    """Keep NUL characters away from the database.

    PostgreSQL can neither store nor compare text with NUL, so such a value would
    end as a server error in whichever query first meets it. In parameters NUL is
    removed (filters then treat the rest like any other input); an address with
    NUL is a bad request. Django's form fields refuse NUL in posted forms already.
    The API answers both cases itself, in its JSON error shape.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            if "\x00" in request.path:
                from voneinander.core.views import bad_request

                return bad_request(request)
            if nul_in_parameters(request):
                cleaned = request.GET.copy()
                for name, values in request.GET.lists():
                    cleaned.setlist(name, [value.replace("\x00", "") for value in values])
                cleaned._mutable = False
                request.GET = cleaned
        return self.get_response(request)
