"""Reads for events: what a person may see, the programme with free places, the meeting link.

`events_visible_to(user)` is the single gate: lists, feeds, search and every
object lookup (`event_for_viewer`) go through it. It agrees with
`permissions.can_see_event` (a test checks both for every role).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from voneinander.events.models import (
    ACTIVE_REGISTRATION,
    BookingStatus,
    Event,
    EventFormat,
    EventSeries,
    ProgrammePart,
    Registration,
    RegistrationStatus,
    Round,
    Session,
    Speaker,
    Visibility,
)
from voneinander.networks.models import Network
from voneinander.networks.roles import MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.workinggroups.models import WorkingGroup
from voneinander.workinggroups.roles import active_group_ids

EventNetworks = Event.networks.through


def _organised_by_networks(network_ids) -> QuerySet:
    return EventNetworks.objects.filter(network_id__in=network_ids).values("event_id")


def _not_of_a_private_group() -> Q:
    return ~Q(working_group__in=WorkingGroup.objects.filter(is_private=True).values("pk"))


def visibility_filter(user) -> Q | None:
    """The condition on Event rows that `user` may see; None means every row.

    Meetings of a private working group: only its active members (named
    organisers too only while they are; see `permissions.can_see_event`).
    """
    if _is_admin(user):
        return None
    condition = Q(visibility=Visibility.PUBLIC)
    if not user.is_authenticated or not user.is_active:
        return condition & _not_of_a_private_group()
    roles = network_roles(user)
    member_of = [nid for nid, held in roles.by_network.items() if MEMBER in held]
    if member_of:
        condition |= Q(visibility=Visibility.MEMBERS, pk__in=_organised_by_networks(member_of))
    if roles.coordinated:
        condition |= Q(pk__in=_organised_by_networks(roles.coordinated))
    condition |= Q(pk__in=Event.invited.through.objects.filter(user=user).values("event_id"))
    condition |= Q(pk__in=Event.organisers.through.objects.filter(user=user).values("event_id"))
    condition &= _not_of_a_private_group()
    groups = active_group_ids(user)  # a subquery: no query of its own
    if groups is not None:
        condition |= Q(working_group_id__in=groups)
    return condition


def events_visible_to(user) -> QuerySet[Event]:
    condition = visibility_filter(user)
    events = Event.objects.all()
    return events if condition is None else events.filter(condition)


def event_for_viewer(request, slug: str, **_ignored) -> Event:
    """The event at `slug` if the person may see it; otherwise 404, whether it exists or not."""
    return get_object_or_404(
        events_visible_to(request.user)
        .select_related("working_group")
        .prefetch_related("networks"),
        slug=slug,
    )


def series_by_pk(request, pk: int) -> EventSeries:
    """A series for those who may manage it; 404 for everyone else, whether it exists or not."""
    series = get_object_or_404(EventSeries.objects.prefetch_related("networks"), pk=pk)
    if not request.user.has_perm("events.manage_series", series):
        raise Http404
    return series


# --- Lists -------------------------------------------------------------------------


def networks_for_filter() -> QuerySet[Network]:
    return Network.objects.only("name", "short_name", "slug").order_by("name")


def event_list(
    user, *, past: bool = False, network: Network | None = None, kind: str = ""
) -> QuerySet[Event]:
    """Upcoming (still running or later, soonest first) or past events (newest first)."""
    now = timezone.now()
    events = events_visible_to(user).prefetch_related(
        Prefetch("networks", queryset=Network.objects.only("name", "short_name", "slug"))
    )
    if network is not None:
        events = events.filter(pk__in=_organised_by_networks([network.pk]))
    if kind:
        events = events.filter(kind=kind)
    if past:
        return events.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    return events.filter(ends_at__gte=now).order_by("starts_at", "pk")


def upcoming_for_network(network: Network, user, *, limit: int = 5) -> list[Event]:
    return list(event_list(user, network=network)[:limit])


# --- The programme -------------------------------------------------------------------


def sessions_with_places(event: Event) -> QuerySet[Session]:
    """The event's sessions with `booked`, `waiting` and `free_places` counted in SQL.

    `free_places` is None for a session without a capacity limit.
    """
    return (
        Session.objects.filter(event=event)
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITLISTED)),
        )
        .annotate(
            free_places=Case(
                When(capacity__isnull=True, then=Value(None)),
                When(booked__gte=F("capacity"), then=Value(0)),
                default=F("capacity") - F("booked"),
                output_field=IntegerField(),
            )
        )
        .prefetch_related(
            Prefetch("speakers", queryset=Speaker.objects.select_related("user").order_by("pk"))
        )
        .order_by("starts_at", "title", "pk")
    )


@dataclass
class RoundBlock:
    round: Round
    sessions: list[Session] = field(default_factory=list)


@dataclass
class Programme:
    parts: list[ProgrammePart]
    rounds: list[RoundBlock]
    loose_sessions: list[Session]  # sessions in no round (talks one after another)

    @property
    def empty(self) -> bool:
        return not (self.parts or self.rounds or self.loose_sessions)

    @property
    def sessions(self) -> list[Session]:
        return [s for block in self.rounds for s in block.sessions] + self.loose_sessions


def programme(event: Event) -> Programme:
    """Plenary parts, rounds with their sessions, sessions without a round: four queries."""
    parts = list(ProgrammePart.objects.filter(event=event).order_by("starts_at", "pk"))
    blocks = {r.pk: RoundBlock(r) for r in Round.objects.filter(event=event)}
    loose = []
    for session in sessions_with_places(event):
        if session.round_id in blocks:
            session.round = blocks[session.round_id].round
            blocks[session.round_id].sessions.append(session)
        else:
            loose.append(session)
    return Programme(parts=parts, rounds=list(blocks.values()), loose_sessions=loose)


# --- Registrations and the meeting link ------------------------------------------------


def registration_of(event: Event, user) -> Registration | None:
    """The person's active registration (confirmed, pending or waiting), if any."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(
            event=event,
            user=user,
            status__in=ACTIVE_REGISTRATION,
        )
        .order_by("-created_at")
        .first()
    )


def registration_counts(event: Event) -> dict[str, int]:
    """Registrations per status, and "active" (confirmed, pending and waiting together)."""
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for row in (
        Registration.objects.filter(event=event)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    ):
        counts[row["status"]] = row["count"]
    counts["active"] = sum(counts[status] for status in ACTIVE_REGISTRATION)
    return counts


@dataclass(frozen=True)
class MeetingLink:
    """Whether and when the person sees the event's meeting link.

    reason: "none" (no online part), "organiser" (always shown), "open",
    "not_yet" (shown from `opens_at`), "ended", "cancelled", "not_registered".
    """

    reason: str
    url: str = ""
    opens_at: datetime.datetime | None = None
    is_bbb: bool = False

    @property
    def visible(self) -> bool:
        return self.reason in {"organiser", "open"}


def link_opens_at(event: Event) -> datetime.datetime:
    return event.starts_at - datetime.timedelta(minutes=event.meeting_link_opens_minutes)


def meeting_link(
    event: Event, user, *, organiser: bool, now: datetime.datetime | None = None
) -> MeetingLink:
    """The link is for organisers, and for confirmed participants from shortly before to the end."""
    has_room = bool(event.meeting_url or event.bbb_meeting_id)
    if event.format == EventFormat.ONSITE or not has_room:
        return MeetingLink("none")
    is_bbb = bool(event.bbb_meeting_id)
    url = reverse("events:join", kwargs={"slug": event.slug}) if is_bbb else event.meeting_url
    opens_at = link_opens_at(event)
    if organiser:
        return MeetingLink("organiser", url, opens_at, is_bbb)
    if event.cancelled_at:
        return MeetingLink("cancelled", opens_at=opens_at)
    registration = registration_of(event, user)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return MeetingLink("not_registered", opens_at=opens_at)
    now = now or timezone.now()
    if now < opens_at:
        return MeetingLink("not_yet", opens_at=opens_at)
    if now > event.ends_at:
        return MeetingLink("ended", opens_at=opens_at)
    return MeetingLink("open", url, opens_at, is_bbb)


# --- Series ------------------------------------------------------------------------


def occurrences_of(series: EventSeries) -> QuerySet[Event]:
    return series.events.order_by("starts_at", "pk")
