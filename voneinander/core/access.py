"""Who may use a view: declared on every view, enforced in one place.

Every view carries an access rule (`@access(PUBLIC)`, `@access(LOGIN)`,
`@access(Perm("networks.manage_network", obj=...))`). `AccessMiddleware` refuses
to run a view that has none, so a view added without a rule is denied for
everyone (and the permission-matrix test names it). Third-party URL patterns
(allauth, the admin) are wrapped with `guard()`, which assigns a rule to every
URL name it knows and leaves unknown ones without a rule, hence denied.

Answers:
- anonymous and the rule needs a login → redirect to the login page
  (`HX-Redirect` for htmx requests, so no login form is swapped into a page);
- signed in but not allowed → 403;
- an object the user may not see → 404 (raised by the selector in `obj`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver

from voneinander.core.security_log import security_event

logger = logging.getLogger(__name__)

ObjectGetter = Callable[..., Any]


@dataclass(frozen=True)
class Rule:
    """Base rule. `label` is what the permission matrix and docs print."""

    label: str
    requires_login: bool = True

    def allows(self, request: HttpRequest, obj: Any = None) -> bool:
        raise NotImplementedError

    def resolve_object(self, request: HttpRequest, kwargs: dict) -> Any:
        return None


@dataclass(frozen=True)
class _Public(Rule):
    requires_login: bool = False

    def allows(self, request, obj=None):
        return True


@dataclass(frozen=True)
class _LoggedIn(Rule):
    def allows(self, request, obj=None):
        return request.user.is_authenticated


@dataclass(frozen=True)
class _Staff(Rule):
    def allows(self, request, obj=None):
        user = request.user
        return user.is_authenticated and user.is_active and user.is_staff


@dataclass(frozen=True)
class Perm(Rule):
    """A named permission from `voneinander.policy`, optionally on an object.

    `obj(request, **url_kwargs)` fetches the object through a selector and
    raises Http404 for objects the user may not know about. The fetched object
    is left on `request.access_object` so the view does not fetch it twice.
    """

    label: str = ""
    obj: ObjectGetter | None = field(default=None, compare=False)

    def __init__(self, perm: str, obj: ObjectGetter | None = None, *, login: bool = True):
        object.__setattr__(self, "label", perm)
        object.__setattr__(self, "obj", obj)
        object.__setattr__(self, "requires_login", login)

    def resolve_object(self, request, kwargs):
        return self.obj(request, **kwargs) if self.obj else None

    def allows(self, request, obj=None):
        return request.user.has_perm(self.label, obj)


PUBLIC = _Public("public")
LOGIN = _LoggedIn("signed in")
STAFF = _Staff("staff (Django admin)")


def _deny(request: HttpRequest, rule: Rule) -> HttpResponse:
    if not request.user.is_authenticated and rule.requires_login:
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = redirect_to_login(request.get_full_path())["Location"]
            return response
        return redirect_to_login(request.get_full_path())
    security_event("access_denied", request=request, permission=rule.label, view=_view(request))
    raise PermissionDenied


def _view(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


def enforce(rule: Rule, view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            obj = rule.resolve_object(request, kwargs)
        except Http404:
            # Unknown or hidden: the two look alike on purpose, here too.
            security_event(
                "access_hidden", request=request, permission=rule.label, view=_view(request)
            )
            raise
        if not rule.allows(request, obj):
            return _deny(request, rule)
        request.access_object = obj
        return view(request, *args, **kwargs)

    wrapped.access_rule = rule
    return wrapped


def access(rule: Rule) -> Callable[[Callable], Callable]:
    """Declare and enforce who may use a function view."""

    def decorator(view: Callable) -> Callable:
        return enforce(rule, view)

    return decorator


def guard(
    patterns: Iterable[URLPattern | URLResolver] | tuple,
    rules: dict[str, Rule],
    default: Rule | None = None,
) -> list:
    """Wrap third-party URL patterns so that each named view gets a rule.

    Names missing from `rules` get `default`; with no default they stay
    without a rule and are therefore denied by `AccessMiddleware`.
    """
    if isinstance(patterns, tuple):  # the result of include() or admin.site.urls
        urlconf, app_name, namespace = patterns
        if not isinstance(urlconf, list | tuple):
            urlconf = getattr(urlconf, "urlpatterns", urlconf)
        return (guard(urlconf, rules, default), app_name, namespace)
    guarded = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guarded.append(
                URLResolver(
                    pattern.pattern,
                    guard(pattern.url_patterns, rules, default),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
            continue
        rule = rules.get(pattern.name or "", default)
        callback = enforce(rule, pattern.callback) if rule else pattern.callback
        guarded.append(URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name))
    return guarded


def rule_of(view: Callable) -> Rule | None:
    return getattr(view, "access_rule", None)


class AccessMiddleware:
    """Deny by default: a view that declares no rule is never run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if rule_of(view_func) is None:
            logger.error(
                "View %s has no access rule; denied.", getattr(view_func, "__name__", view_func)
            )
            security_event("access_no_rule", request=request, view=_view(request))
            raise PermissionDenied
        return None
