"""Reads for the brokering workflow: who may see which contact request and introduction.

A request is seen by the person who asked, the coordinators of its network and
platform admins; anyone else gets a 404. An introduction page is for its two
parties only. For anonymous visitors the object getters return None, so that
the access rule sends them to the login page (the links in the e-mails) without
telling whether the object exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from voneinander.knowledge.models import (
    ConsentState,
    ContactRequest,
    Introduction,
    RequestStatus,
    Solution,
)
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.networks.models import ContactPerson, MembershipStatus
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.networks.roles import network_roles

# A request the Transferstelle still works on.
ACTIVE_STATES = (RequestStatus.OPEN, RequestStatus.SUGGESTED, RequestStatus.INTRODUCED)
# The requester may withdraw a request until somebody has been introduced.
WITHDRAWABLE_STATES = (RequestStatus.OPEN, RequestStatus.SUGGESTED)


def requests_visible_to(user) -> QuerySet[ContactRequest]:
    if not user.is_authenticated or not user.is_active:
        return ContactRequest.objects.none()
    if _is_admin(user):
        return ContactRequest.objects.all()
    return ContactRequest.objects.filter(
        Q(requester=user) | Q(network_id__in=network_roles(user).coordinated)
    )


def request_for_viewer(request, pk: int, **_ignored) -> ContactRequest | None:
    if not request.user.is_authenticated:
        return None
    try:
        return (
            requests_visible_to(request.user)
            .select_related("network", "municipality", "requester")
            .get(pk=pk)
        )
    except ContactRequest.DoesNotExist:
        raise Http404 from None


def introduction_for_party(request, pk: int, **_ignored) -> Introduction | None:
    user = request.user
    if not user.is_authenticated:
        return None
    try:
        return (
            Introduction.objects.select_related(
                "request__network",
                "request__municipality",
                "request__requester",
                "contact",
                "municipality",
                "solution",
            )
            .filter(Q(contact=user) | Q(request__requester=user))
            .get(pk=pk)
        )
    except Introduction.DoesNotExist:
        raise Http404 from None


def introductions_of(contact_request: ContactRequest) -> QuerySet[Introduction]:
    return contact_request.introductions.select_related(
        "contact", "municipality", "solution", "alliance", "suggested_by"
    ).order_by("created_at", "pk")


def introduction_of_request(contact_request: ContactRequest, pk: int) -> Introduction:
    try:
        return introductions_of(contact_request).get(pk=pk)
    except Introduction.DoesNotExist:
        raise Http404 from None


# --- Lists ------------------------------------------------------------------------


def inbox(network, *, status: str = "") -> QuerySet[ContactRequest]:
    """The network's requests for its coordinators; active ones first, newest first."""
    requests = (
        ContactRequest.objects.filter(network=network)
        .select_related("municipality", "requester")
        .annotate(
            introduction_count=Count("introductions", distinct=True),
            introduced_count=Count(
                "introductions",
                filter=Q(introductions__introduced_at__isnull=False),
                distinct=True,
            ),
        )
    )
    if status == "active":
        requests = requests.filter(status__in=ACTIVE_STATES)
    elif status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")


def status_counts(network) -> dict[str, int]:
    """Requests per status, plus "active" and "all", for the inbox filter."""
    rows = (
        ContactRequest.objects.filter(network=network)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    )
    counts = {row["status"]: row["count"] for row in rows}
    counts["active"] = sum(counts.get(state, 0) for state in ACTIVE_STATES)
    counts["all"] = sum(count for state, count in counts.items() if state != "active")
    return counts


def requests_of(user) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(requester=user)
        .select_related("network", "municipality")
        .order_by("-created_at", "-pk")
    )


def introductions_for_contact(user) -> QuerySet[Introduction]:
    """Suggestions in which `user` is the person to be introduced (their answers)."""
    return (
        Introduction.objects.filter(contact=user)
        .select_related("request__municipality", "request__network", "solution")
        .order_by("-created_at", "-pk")
    )


def waiting_for_answer(introductions) -> list[Introduction]:
    return [
        introduction
        for introduction in introductions
        if introduction.contact_consent == ConsentState.ASKED
        and introduction.request.status in ACTIVE_STATES
    ]


# --- Candidates for a suggestion -------------------------------------------------------


@dataclass
class Candidate:
    user: object
    label: str


def _label(user, *parts) -> str:
    details = ", ".join(str(part) for part in parts if part)
    return f"{user.display_name} ({details})" if details else user.display_name


def contact_candidates(network, *, matches=(), exclude_user_id=None) -> list[Candidate]:
    """People a coordinator may suggest: contacts found by matching, contacts of the
    network's solutions, contact persons of the network's member municipalities.

    E-mail addresses are not part of the labels: the list is shown on pages that
    the person who asked may also see parts of.
    """
    candidates: dict[int, Candidate] = {}

    def add(user, *parts):
        if user is None or not user.is_active or user.pk == exclude_user_id:
            return
        candidates.setdefault(user.pk, Candidate(user, _label(user, *parts)))

    for match in matches:
        for user in match.contacts:
            add(user, getattr(match.solution, "owner", ""), getattr(match.solution, "title", ""))
    solutions = (
        Solution.objects.filter(
            network=network, contact__isnull=False, archived_at__isnull=True, merged_into=None
        )
        .select_related("contact", "owner")
        .order_by("title")
    )
    for solution in solutions:
        add(solution.contact, solution.owner, solution.title)
    contacts = (
        ContactPerson.objects.filter(
            membership__network=network, membership__status=MembershipStatus.ACTIVE
        )
        .select_related("user", "membership__municipality")
        .order_by("membership__municipality__name", "-is_primary", "user__last_name")
    )
    for contact in contacts:
        add(contact.user, contact.membership.municipality)
    return sorted(candidates.values(), key=lambda candidate: candidate.label.casefold())


def solutions_to_suggest(user, network, *, matches=()) -> list[Solution]:
    """Solutions a coordinator may name with a suggestion: matched ones and the network's."""
    matched = [match.solution for match in matches if isinstance(match.solution, Solution)]
    own = list(
        solutions_visible_to(user)
        .filter(network=network)
        .exclude(pk__in=[solution.pk for solution in matched])
        .select_related("owner")
        .order_by("title")
    )
    return matched + own


def municipality_of_contact(user, network):
    """The municipality a suggested person speaks for, if any (None for an expert)."""
    if user.municipality_id and user.municipality_confirmed_at:
        return user.municipality
    contact = (
        ContactPerson.objects.filter(
            user=user, membership__network=network, membership__status=MembershipStatus.ACTIVE
        )
        .select_related("membership__municipality")
        .first()
    )
    return contact.membership.municipality if contact else None
