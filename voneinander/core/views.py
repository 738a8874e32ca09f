"""Pages of the platform shell: start page, legal pages and error pages."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

from voneinander.api.errors import error_body, request_language
from voneinander.core.access import PUBLIC, access
from voneinander.networks.selectors import networks_overview
from voneinander.pages.models import PageKind
from voneinander.pages.selectors import legal_page
from voneinander.pages.views import render_page


@access(PUBLIC)
def home(request):
    return render(request, "core/home.html", {"networks": networks_overview()})


@access(PUBLIC)
def imprint(request):
    return _legal_page(request, PageKind.IMPRINT)


@access(PUBLIC)
def privacy(request):
    return _legal_page(request, PageKind.PRIVACY)


@access(PUBLIC)
def accessibility(request):
    return _legal_page(request, PageKind.ACCESSIBILITY)


def _legal_page(request, kind: str):
    """The legal pages live in the database (pages app), edited by platform admins."""
    titles = {
        PageKind.IMPRINT: _("Legal notice"),
        PageKind.PRIVACY: _("Privacy statement"),
        PageKind.ACCESSIBILITY: _("Accessibility statement"),
    }
    return render_page(request, legal_page(kind), fallback_title=titles[kind])


# Error handlers: plain function views, called by Django, never routed.
def bad_request(request, exception=None):
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("Access denied"),
        _(
            "You are not allowed to open this page. If you think you should be, please sign in "
            "with the right account or contact the coordination office of your network."
        ),
    )


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        # Clients of the API get its JSON error shape for unknown addresses too.
        with translation.override(request_language(request)):
            body = error_body("not_found", _("There is no such address in the API."))
        return JsonResponse(body, status=404)
    return _error(
        request,
        404,
        _("Page not found"),
        _("The page you asked for does not exist or is not available to you."),
    )


def server_error(request):
    # Django's handler renders 500.html without context processors: the
    # database may be what failed.
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("Form expired or sent from elsewhere"),
        _(
            "For your protection the form was not accepted. Please go back, reload the page and "
            "send the form again. Nothing was saved."
        ),
    )


def _error(request, status: int, title: str, message: str):
    return render(
        request,
        "core/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )
