"""System checks of our own.

Django's `security.W003` looks for its CSRF middleware by exact dotted path and
does not recognise our subclass (`voneinander.core.csrf`), so W003 is silenced
in settings and replaced by this check, which accepts either.
"""

from django.conf import settings
from django.core import checks

_CSRF_MIDDLEWARE = {
    "django.middleware.csrf.CsrfViewMiddleware",
    "voneinander.core.csrf.CsrfViewMiddleware",
}


@checks.register(checks.Tags.security, deploy=True)
def csrf_middleware_installed(app_configs, **kwargs):
    if _CSRF_MIDDLEWARE & set(settings.MIDDLEWARE):
        return []
    return [
        checks.Warning(
            "No CSRF middleware in MIDDLEWARE.",
            hint="Add voneinander.core.csrf.CsrfViewMiddleware.",
            id="voneinander.W003",
        )
    ]


@checks.register(checks.Tags.security)
def access_middleware_installed(app_configs, **kwargs):
    if "voneinander.core.access.AccessMiddleware" in settings.MIDDLEWARE:
        return []
    return [
        checks.Error(
            "AccessMiddleware is missing: views without an access rule would run.",
            id="voneinander.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def uploads_scanned(app_configs, **kwargs):
    """Issue 9: every upload goes through clamd in production (core/uploads.py)."""
    if settings.SCAN_UPLOADS:
        return []
    return [
        checks.Warning(
            "SCAN_UPLOADS is off: uploaded files are stored without a virus scan.",
            hint="Install clamav-daemon and set SCAN_UPLOADS=1 (docs/deployment.md).",
            id="voneinander.W010",
        )
    ]
