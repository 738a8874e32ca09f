"""Pages of the platform shell: start page, legal pages and error pages."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from voneinander.core.access import PUBLIC, access
from voneinander.networks.selectors import networks_overview


@access(PUBLIC)
def home(request):
    return render(request, "core/home.html", {"networks": networks_overview()})


@access(PUBLIC)
def imprint(request):
    return render(request, "core/imprint.html", {"operator": _operator()})


@access(PUBLIC)
def privacy(request):
    return render(request, "core/privacy.html", {"operator": _operator()})


@access(PUBLIC)
def accessibility(request):
    return render(request, "core/accessibility.html", {"operator": _operator()})


def _operator() -> dict:
    return {
        "name": settings.OPERATOR_NAME,
        "address": settings.OPERATOR_ADDRESS,
        "email": settings.OPERATOR_EMAIL,
        "phone": settings.OPERATOR_PHONE,
        "accessibility_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }


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
