"""Response helpers shared by the apps' views."""

from csp.decorators import csp_update

# For views that serve uploaded files: whatever a file contains, it runs in a
# unique origin without scripts.
sandboxed = csp_update({"sandbox": True})


class RefuseNulCharactersMiddleware:
    """Answer 400 when the address or a parameter holds a NUL character.

    PostgreSQL can neither store nor compare text with NUL, so such a value would
    end as a server error in whichever query first meets it. Django's form
    fields refuse it already; this also covers parameters views read directly.
    The API answers the same case itself, in its JSON error shape.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/") and (
            "\x00" in request.path
            or any("\x00" in value for _name, values in request.GET.lists() for value in values)
        ):
            from voneinander.core.views import bad_request

            return bad_request(request)
        return self.get_response(request)
