"""One shape for every error the API answers.

    {"error": {"code": "not_found", "message": "…", "details": [...]}}

`code` is stable and meant for programs, `message` for people: German or
English after the request's Accept-Language (the API lives outside the
language prefix, so the locale middleware always picks German there; see
`request_language`). `details` lists field errors as
`{"field": "limit", "location": "query", "code": "…", "message": "…"}`;
`field` is the plain name (`title`, `software.0.name`, `limit`) whether ninja's
validation, a service or a form found the error.

Raise from operations:
- `ApiError` subclasses (or `ApiError(message, status=…, code=…)`);
- Django's `Http404`, `PermissionDenied` and `ValidationError` (as services
  raise it: field errors become `details`);
ninja's own errors (request validation, authentication, throttling) and any
other exception (500, logged) are answered in the same shape by `install(api)`.

Document them on every operation, so that clients (and schemathesis) know each
answer: `response={200: ItemOut, **DETAIL_ERRORS}`, `{200: ItemPage, **LIST_ERRORS}`
or `{201: ItemOut, **errors(400, 401, 403, 404, 422)}`.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)


def request_language(request: HttpRequest) -> str:
    """German or English, after Accept-Language; German when neither is asked for."""
    supported = {code for code, _name in settings.LANGUAGES}
    header = request.headers.get("Accept-Language", "")
    for language, _quality in parse_accept_lang_header(header):
        if language == "*":
            break
        code = language.split("-")[0].lower()
        if code in supported:
            return code
    return settings.LANGUAGE_CODE


class ApiError(Exception):
    """An error the client can act on. Subclasses set status, code and a default message."""

    status = 400
    code = "bad_request"
    default_message = gettext_lazy("The request cannot be answered.")

    def __init__(self, message=None, *, status=None, code=None, details=None, headers=None):
        self.message = message if message is not None else self.default_message
        self.status = status or self.status
        self.code = code or self.code
        self.details = details or []
        self.headers = headers or {}
        super().__init__(str(self.message))


class ErrorDetail(Schema):
    field: str = Field(description="Name of the field; empty for the request as a whole.")
    location: str = Field(description="`query`, `path` or `body`.")
    code: str
    message: str


class ErrorBody(Schema):
    code: str = Field(description="Stable, for programs (e.g. `not_found`).")
    message: str = Field(description="For people, in the language of Accept-Language.")
    details: list[ErrorDetail]


class ErrorResponse(Schema):
    error: ErrorBody


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The documented error answers of an operation; 429 (rate limit) and 422 (a NUL
    character anywhere in the request, `invalid_characters`) can always happen.

    401 comes with a token that is not valid, also on public reads; 400 with a body
    that is not JSON or a cursor that is not valid; 422 with values that are not valid.
    """
    return dict.fromkeys(sorted({*statuses, 422, 429}), ErrorResponse)


# One object: a token that is not valid, an object that does not exist or is not visible.
DETAIL_ERRORS = errors(401, 404)
# A list: also a cursor that is not valid (400) and query values that are not (422).
LIST_ERRORS = errors(400, 401, 422)


def error_body(code: str, message, details=None) -> dict:
    return {"error": {"code": code, "message": str(message), "details": details or []}}


# Messages for the most common pydantic error types; others keep pydantic's English text.
def _field_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "float_parsing": _("Enter a number."),
        "bool_parsing": _("Enter true or false."),
        "date_parsing": _("Enter a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
        "datetime_parsing": _("Enter a date and time in ISO 8601."),
        "datetime_from_date_parsing": _("Enter a date and time in ISO 8601."),
        "literal_error": _("Choose one of: %(expected)s.") % {"expected": ctx.get("expected", "")},
        "enum": _("Choose one of: %(expected)s.") % {"expected": ctx.get("expected", "")},
        "greater_than_equal": _("Enter a value of at least %(limit)s.")
        % {"limit": ctx.get("ge", "")},
        "less_than_equal": _("Enter a value of at most %(limit)s.") % {"limit": ctx.get("le", "")},
        "string_too_long": _("Enter at most %(limit)s characters.")
        % {"limit": ctx.get("max_length", "")},
        "string_too_short": _("Enter at least %(limit)s characters.")
        % {"limit": ctx.get("min_length", "")},
        "json_invalid": _("The request body is not valid JSON."),
        "extra_forbidden": _("This field is unknown or cannot be set through the API."),
    }
    return str(messages.get(kind, error.get("msg", kind)))


def _field_name(where: str, names: list[str]) -> str:
    """The field as the client sent it, as services and forms name it too."""
    if where in {"body", "form"}:
        # ninja nests the body under the operation's parameter name (`payload.title`).
        return ".".join(names[1:])
    # Query and path parameters: the parameter's own name, even where gathered in a schema.
    return names[-1] if names else ""


def _ninja_details(errors: list[dict]) -> list[dict]:
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        where = location[0] if location else ""
        field = _field_name(where, location[1:])
        details.append(
            {
                "field": field,
                "location": where,
                "code": error.get("type", "invalid"),
                "message": _field_message(error),
            }
        )
    return details


def _django_details(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {
                "field": "" if field == NON_FIELD_ERRORS else field,
                "location": "body",
                "code": error.code or "invalid",
                "message": " ".join(str(message) for message in error.messages),
            }
            for field, errors in exc.error_dict.items()
            for error in errors
        ]
    return [
        {"field": "", "location": "body", "code": error.code or "invalid", "message": message}
        for error in exc.error_list
        for message in error.messages
    ]


def _respond(api, request, status: int, code: str, message, details=None, headers=None):
    response = api.create_response(request, error_body(code, message, details), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def invalid_characters(api, request):
    """422 for text with NUL characters, which no field may contain."""
    return _respond(
        api,
        request,
        422,
        "invalid_characters",
        _("The request contains a NUL character (\\u0000), which no text may contain."),
    )


def json_method_not_allowed(api, view):
    """`view` (a ninja path view) with its 405 in the error shape, not ninja's plain text."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        with translation.override(request_language(request)):
            message = _("This address does not answer %(method)s; it answers %(allowed)s.") % {
                "method": request.method,
                "allowed": response["Allow"],
            }
        return _respond(
            api, request, 405, "method_not_allowed", message, headers={"Allow": response["Allow"]}
        )

    return wrapped


def install(api) -> None:
    """Register the handlers on the NinjaAPI instance."""

    def in_language(handler):
        def handle(request, exc):
            with translation.override(request_language(request)):
                return handler(request, exc)

        return handle

    @in_language
    def api_error(request, exc: ApiError):
        headers = dict(exc.headers)
        if exc.status == 401:
            headers.setdefault("WWW-Authenticate", 'Bearer realm="api"')
        return _respond(api, request, exc.status, exc.code, exc.message, exc.details, headers)

    @in_language
    def request_invalid(request, exc: NinjaValidationError):
        return _respond(
            api,
            request,
            422,
            "validation_error",
            _("Some values are not valid."),
            _ninja_details(exc.errors),
        )

    @in_language
    def data_invalid(request, exc: DjangoValidationError):
        return _respond(
            api,
            request,
            422,
            "validation_error",
            _("Some values are not valid."),
            _django_details(exc),
        )

    @in_language
    def not_found(request, exc):
        return _respond(api, request, 404, "not_found", _("Not found."))

    @in_language
    def forbidden(request, exc):
        return _respond(api, request, 403, "permission_denied", _("You may not do this."))

    @in_language
    def unauthenticated(request, exc):
        return _respond(
            api,
            request,
            401,
            "not_authenticated",
            _("This operation needs a personal API token."),
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    @in_language
    def throttled(request, exc: Throttled):
        # The operation adds Retry-After; see voneinander/api/ratelimit.py.
        return _respond(
            api,
            request,
            429,
            "rate_limited",
            _("Too many requests. Please wait %(seconds)s seconds.")
            % {"seconds": int(exc.wait or 1)},
        )

    @in_language
    def http_error(request, exc: HttpError):
        codes = {400: "bad_request", 405: "method_not_allowed", 409: "conflict"}
        return _respond(
            api, request, exc.status_code, codes.get(exc.status_code, "error"), exc.message
        )

    @in_language
    def server_error(request, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return _respond(
            api,
            request,
            500,
            "server_error",
            _("Something went wrong on our side. Please try again later."),
        )

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(NinjaValidationError, request_invalid)
    api.add_exception_handler(DjangoValidationError, data_invalid)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Exception, server_error)
