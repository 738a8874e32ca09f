"""Reads of membership applications, and who may see which (404 for the rest)."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Value, When
from django.http import Http404

from voneinander.admissions.models import OPEN_STATES, Application, ApplicationState

_RELATED = ("network", "municipality", "municipality__parent", "applicant")


def application_for(request, pk: int) -> Application | None:
    """An application the signed-in user may know: their own, or one in a network they
    coordinate (admins: all). Anyone else gets a 404; anonymous visitors get no object
    at all, so the access rule sends them to the login page.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    application = (
        Application.objects.select_related(*_RELATED, "decided_by", "reviewed_by", "membership")
        .filter(pk=pk)
        .first()
    )
    if application is None or not user.has_perm("admissions.view_application", application):
        raise Http404
    return application


def applications_of(user):
    """The user's own applications, open ones first, newest first."""
    return (
        Application.objects.filter(applicant=user)
        .select_related("network", "municipality", "municipality__parent")
        .annotate(open_first=_open_first())
        .order_by("open_first", "-submitted_at", "-pk")
    )


def _open_first():
    return Case(
        When(state__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField()
    )


def inbox(network, *, state: str = ""):
    """The network's applications for its coordinators: open first, then newest."""
    applications = Application.objects.filter(network=network)
    if state in ApplicationState.values:
        applications = applications.filter(state=state)
    elif state == "open":
        applications = applications.filter(state__in=OPEN_STATES)
    return (
        applications.select_related("municipality", "municipality__parent", "applicant")
        .annotate(open_first=_open_first())
        .order_by("open_first", "-submitted_at", "-pk")
    )


def state_counts(network) -> dict[str, int]:
    rows = (
        Application.objects.filter(network=network)
        .values("state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(ApplicationState.values, 0)
    counts.update({row["state"]: row["count"] for row in rows})
    counts["open"] = sum(counts[state] for state in OPEN_STATES)
    counts["all"] = sum(counts[state] for state in ApplicationState.values)
    return counts
