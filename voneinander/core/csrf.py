"""CSRF protection that sets no cookie for anonymous visitors.

Django's double-submit check needs a CSRF cookie, which would be set on every
page with a form (login, registration, contact forms) — but anonymous visitors
must get no cookie at all (TDDDG § 25: we store nothing on their device that
they did not ask for). For a visitor who holds neither a session nor a CSRF
cookie we therefore verify where the request comes from instead of a token:
every current browser sends `Origin` (and `Sec-Fetch-Site`) with a form POST,
and a cross-site forgery cannot fake them. A request that carries neither
header is refused. As soon as a visitor has a session (after logging in, or
during the MFA step of a login) the cookie is set and Django's token check
applies unchanged. See docs/decisions.md, "Cookie-free CSRF protection".
"""

from django.conf import settings
from django.middleware import csrf as django_csrf

REASON_NO_ORIGIN = "Origin checking failed: a form without cookie came without Origin header."


def _is_cookieless(request) -> bool:
    return (
        settings.CSRF_COOKIE_NAME not in request.COOKIES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class CsrfViewMiddleware(django_csrf.CsrfViewMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
            and _is_cookieless(request)
            and not getattr(callback, "csrf_exempt", False)
            and not getattr(request, "_dont_enforce_csrf_checks", False)
        ):
            if "HTTP_ORIGIN" in request.META:
                if not self._origin_verified(request):
                    return self._reject(
                        request, django_csrf.REASON_BAD_ORIGIN % request.META["HTTP_ORIGIN"]
                    )
                return self._accept(request)
            if request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin":
                return self._accept(request)
            return self._reject(request, REASON_NO_ORIGIN)
        return super().process_view(request, callback, callback_args, callback_kwargs)

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        stays_cookieless = (
            _is_cookieless(request)
            and session is not None
            and session.is_empty()
            and not response.cookies
        )
        if stays_cookieless:
            # The token rendered into the page's forms is never checked for this
            # visitor (see process_view); do not store its secret in a cookie.
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return super().process_response(request, response)
