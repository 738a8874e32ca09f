"""Events with their programme, and the caller's own registrations.

Reads go through `events.selectors.events_visible_to` (the gate of the event
pages): members-only, invitation-only and working-group events appear only
for a caller (token or session) who may see them. Registering, cancelling and
the rules behind them (capacity, waiting lists, "at most n sessions", "one per
round", "one per topic", windows, questions) are the web's own services in
`events.registration_services`; their refusals become 422 with the same
messages the registration form shows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from voneinander.api.auth import NotAuthenticated, optional_auth, token_auth
from voneinander.api.errors import DETAIL_ERRORS, LIST_ERRORS, ApiError, errors
from voneinander.api.pagination import PageParams, page_schema, paginate
from voneinander.events import booking_rules
from voneinander.events import registration_services as services
from voneinander.events.models import (
    ACTIVE_BOOKING,
    AllocationMode,
    BookingStatus,
    Event,
    EventFormat,
    EventKind,
    ProgrammePart,
    Question,
    QuestionKind,
    Registration,
    RegistrationStatus,
    Round,
    SessionBooking,
    SessionKind,
    Visibility,
)
from voneinander.events.registration_selectors import (
    bookings_with_positions,
    event_waitlist_position,
)
from voneinander.events.selectors import events_visible_to, sessions_with_places
from voneinander.networks.models import Network

router = Router(tags=["events"])
registrations_router = Router(tags=["registrations"])


# --- Errors ---------------------------------------------------------------------------


class RegistrationRefusedApiError(ApiError):
    status = 422
    code = "registration_refused"


class TryAgainApiError(ApiError):
    status = 503
    code = "try_again"


def refusal(error: services.RegistrationRefusedError) -> RegistrationRefusedApiError:
    """The service's refusal as a 422: each broken rule is one detail (code = rule name)."""
    return RegistrationRefusedApiError(
        " ".join(violation.message for violation in error.violations),
        details=[
            {
                "field": "sessions" if violation.sessions else "",
                "location": "body",
                "code": violation.rule,
                "message": violation.message,
            }
            for violation in error.violations
        ],
    )


def try_again(error: services.TryAgainError) -> TryAgainApiError:
    return TryAgainApiError(error.messages[0], headers={"Retry-After": "2"})


# --- Events ---------------------------------------------------------------------------


class RegistrationRulesOut(Schema):
    enabled: bool
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    cancellation_deadline: datetime.datetime | None
    capacity: int | None = Field(description="Places at the event; null means no limit.")
    free_places: int | None = Field(description="Free places at the event; null means no limit.")
    requires_approval: bool
    max_sessions_per_person: int | None
    one_session_per_round: bool
    one_session_per_topic: bool
    allocation_mode: AllocationMode = Field(
        description="`preferences`: sessions are ranked and allocated, not booked directly."
    )


class EventOut(Schema):
    slug: str = Field(description="Stable identifier, part of the page address.")
    title: str
    kind: EventKind
    summary: str
    visibility: Visibility
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    format: EventFormat
    location: str
    networks: list[str] = Field(description="Slugs of the organising networks.")
    cancelled: bool
    registration: RegistrationRulesOut
    url: str = Field(description="The event's page on the platform.")

    @staticmethod
    def resolve_networks(obj) -> list[str]:
        return [network.slug for network in obj.networks.all()]

    @staticmethod
    def resolve_cancelled(obj) -> bool:
        return obj.cancelled_at is not None

    @staticmethod
    def resolve_registration(obj) -> dict:
        free = None if obj.capacity is None else max(0, obj.capacity - obj.seats_taken)
        return {
            "enabled": obj.registration_enabled,
            "opens_at": obj.registration_opens_at,
            "closes_at": obj.registration_closes_at,
            "cancellation_deadline": booking_rules.EventRules.of(
                obj
            ).effective_cancellation_deadline,
            "capacity": obj.capacity,
            "free_places": free,
            "requires_approval": obj.requires_approval,
            "max_sessions_per_person": obj.max_sessions_per_person,
            "one_session_per_round": obj.one_session_per_round,
            "one_session_per_topic": obj.one_session_per_topic,
            "allocation_mode": obj.allocation_mode,
        }

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class SpeakerOut(Schema):
    name: str
    organisation: str


class SessionOut(Schema):
    id: int
    title: str
    kind: SessionKind
    topic: str = Field(description="Sessions with the same topic count once per person.")
    description: str = Field(description="Markdown.")
    round: int | None = Field(description="Id of the round; null for a session in no round.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    capacity: int | None = Field(description="Places; null means no limit.")
    booked: int
    waiting: int = Field(description="People on the waiting list.")
    free_places: int | None = Field(description="null means no limit.")
    speakers: list[SpeakerOut]

    @staticmethod
    def resolve_round(obj) -> int | None:
        return obj.round_id

    @staticmethod
    def resolve_room(obj) -> str:
        # A link is for participants only (as on the event page).
        return "" if "://" in obj.room else obj.room

    @staticmethod
    def resolve_speakers(obj) -> list:
        return list(obj.speakers.all())


class ProgrammePartOut(Schema):
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    speakers: str

    @staticmethod
    def resolve_speakers(obj) -> str:
        return obj.speakers_text


class RoundOut(Schema):
    id: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class QuestionOut(Schema):
    id: int = Field(description="Key of the answer in `answers` when registering.")
    label: str
    kind: QuestionKind
    choices: list[str] = Field(description="For `choice`; `yes_no` takes `yes` or `no`.")
    required: bool


class EventDetailOut(EventOut):
    description: str = Field(description="Markdown.")
    programme: list[ProgrammePartOut] = Field(description="Plenary items.")
    rounds: list[RoundOut]
    sessions: list[SessionOut]
    questions: list[QuestionOut] = Field(description="Asked when registering.")

    @staticmethod
    def resolve_programme(obj) -> list:
        return obj.api_programme

    @staticmethod
    def resolve_rounds(obj) -> list:
        return obj.api_rounds

    @staticmethod
    def resolve_sessions(obj) -> list:
        return obj.api_sessions

    @staticmethod
    def resolve_questions(obj) -> list:
        return obj.api_questions


class EventFilters(Schema):
    network: str = Field("", max_length=60, description="Slug of an organising network.")
    kind: EventKind | None = None
    from_date: datetime.date | None = Field(
        None, alias="from", description="Events that end on or after this day."
    )
    to_date: datetime.date | None = Field(
        None, alias="to", description="Events that start on or before this day."
    )


EventPage = page_schema(EventOut, "EventPage")


def _seats_taken() -> Subquery:
    """Places taken, counted per event in a subquery.

    A join with GROUP BY would count the registrations of every visible event
    before the page is cut (800 ms at 10,000 events and 100,000 registrations);
    the subquery runs only for the rows of the page.
    """
    taken = (
        Registration.objects.filter(
            event=OuterRef("pk"),
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING],
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(taken, output_field=IntegerField()), 0)


def _with_seats(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(seats_taken=_seats_taken()).prefetch_related(
        Prefetch("networks", queryset=Network.objects.only("slug").order_by("slug"))
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def event_rows(user, filters: EventFilters) -> QuerySet[Event]:
    events = events_visible_to(user)
    if filters.network:
        events = events.filter(networks__slug=filters.network)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.from_date:
        events = events.filter(ends_at__gte=_day_start(filters.from_date))
    if filters.to_date:
        next_day = filters.to_date + datetime.timedelta(days=1)
        events = events.filter(starts_at__lt=_day_start(next_day))
    return _with_seats(events.distinct() if filters.network else events)


def visible_event(user, slug: str) -> Event:
    """The event at `slug` if `user` may see it; 404 otherwise, whether it exists or not."""
    return get_object_or_404(
        _with_seats(events_visible_to(user)).select_related("working_group"), slug=slug
    )


@router.get(
    "/", response={200: EventPage, **LIST_ERRORS}, auth=optional_auth, url_name="event-list"
)
def list_events(request, page: Query[PageParams], filters: Query[EventFilters]):
    """Events the caller may see, by start time."""
    return paginate(
        request, event_rows(request.user, filters), params=page, order_fields=("starts_at",)
    )


@router.get(
    "/{slug}",
    response={200: EventDetailOut, **DETAIL_ERRORS},
    auth=optional_auth,
    url_name="event-detail",
)
def get_event(request, slug: str):
    """One event with its programme: plenary items, rounds and sessions with free places."""
    event = visible_event(request.user, slug)
    # Not under the relations' own names (`event.sessions` is a manager).
    event.api_programme = list(
        ProgrammePart.objects.filter(event=event).order_by("starts_at", "pk")
    )
    event.api_rounds = list(Round.objects.filter(event=event).order_by("starts_at", "pk"))
    event.api_sessions = list(_sessions(event))
    event.api_questions = list(Question.objects.filter(event=event).order_by("pk"))
    return event


def _sessions(event: Event):
    return sessions_with_places(event)  # speakers prefetched


SessionPage = page_schema(SessionOut, "SessionPage")


@router.get(
    "/{slug}/sessions",
    response={200: SessionPage, **errors(400, 401, 404, 422)},
    auth=optional_auth,
    url_name="event-sessions",
)
def list_sessions(request, slug: str, page: Query[PageParams]):
    """The bookable sessions of an event with capacity, booked and free places, by start time."""
    sessions = _sessions(visible_event(request.user, slug))
    return paginate(request, sessions, params=page, order_fields=("starts_at", "title"))


# --- Registrations --------------------------------------------------------------------------


class BookingOut(Schema):
    id: int
    session: int = Field(description="Id of the session.")
    session_title: str
    status: BookingStatus
    waiting_position: int | None = Field(description="Place on the waiting list (1 = next).")

    @staticmethod
    def resolve_session(obj) -> int:
        return obj.session_id

    @staticmethod
    def resolve_session_title(obj) -> str:
        return obj.session.title

    @staticmethod
    def resolve_waiting_position(obj) -> int | None:
        return obj.position if obj.status == BookingStatus.WAITLISTED else None


class RegistrationOut(Schema):
    id: int
    event: str = Field(description="Slug of the event.")
    event_title: str
    starts_at: datetime.datetime
    status: RegistrationStatus
    waiting_position: int | None = Field(
        description="Place on the event's waiting list (status `waitlisted`)."
    )
    list_consent: bool
    answers: dict[str, str]
    created_at: datetime.datetime
    bookings: list[BookingOut] = Field(description="Active seats and waiting-list places.")

    @staticmethod
    def resolve_event(obj) -> str:
        return obj.event.slug

    @staticmethod
    def resolve_event_title(obj) -> str:
        return obj.event.title

    @staticmethod
    def resolve_starts_at(obj) -> datetime.datetime:
        return obj.event.starts_at

    @staticmethod
    def resolve_waiting_position(obj) -> int | None:
        return getattr(obj, "event_position", None)

    @staticmethod
    def resolve_answers(obj) -> dict[str, str]:
        return {str(key): str(value) for key, value in (obj.answers or {}).items()}

    @staticmethod
    def resolve_bookings(obj) -> list:
        return obj.active_bookings


class RegistrationIn(Schema):
    # Unknown fields (a status, a user) are refused with 422, not ignored.
    model_config = ConfigDict(extra="forbid")

    event: str = Field(max_length=80, description="Slug of the event.")
    sessions: list[int] = Field(
        default_factory=list,
        max_length=50,
        description="Ids of the sessions to book (ignored while sessions are allocated by "
        "preference).",
    )
    answers: dict[str, str] = Field(
        default_factory=dict,
        max_length=50,
        description="Answers to the event's questions: question id → answer.",
    )
    join_waitlist: bool = Field(
        False, description="Take a waiting-list place where a session or the event is full."
    )
    list_consent: bool = Field(
        False, description="Others may see the caller's name in the participant list."
    )


class RegistrationFilters(Schema):
    status: RegistrationStatus | None = None


RegistrationPage = page_schema(RegistrationOut, "RegistrationPage")


def _registrations(user) -> QuerySet[Registration]:
    bookings = bookings_with_positions(
        SessionBooking.objects.filter(status__in=ACTIVE_BOOKING).select_related("session")
    ).order_by("session__starts_at", "session__title", "pk")
    return (
        Registration.objects.filter(user=user)
        .select_related("event")
        .prefetch_related(Prefetch("bookings", queryset=bookings, to_attr="active_bookings"))
    )


def _with_event_positions(registrations: Iterable[Registration]) -> None:
    for registration in registrations:
        if registration.status == RegistrationStatus.WAITLISTED:
            registration.event_position = event_waitlist_position(registration)


def _signed_in(request):
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    return request.user


def own_registration(request, pk: int) -> Registration:
    """One of the caller's registrations; 404 for anybody else's."""
    registration = _registrations(_signed_in(request)).filter(pk=pk).first()
    if registration is None:
        raise Http404
    _with_event_positions([registration])
    return registration


@registrations_router.get(
    "/",
    response={200: RegistrationPage, **LIST_ERRORS},
    auth=optional_auth,
    url_name="registration-list",
)
def list_registrations(request, page: Query[PageParams], filters: Query[RegistrationFilters]):
    """The caller's own registrations, newest first (a token, or a signed-in browser)."""
    rows = _registrations(_signed_in(request))
    if filters.status:
        rows = rows.filter(status=filters.status)
    result = paginate(request, rows, params=page, order_fields=("-created_at", "-pk"))
    _with_event_positions(result["items"])
    return result


@registrations_router.post(
    "/",
    response={201: RegistrationOut, **errors(400, 401, 403, 404, 422, 503)},
    auth=token_auth,
    url_name="registration-list",
)
def create_registration(request, payload: RegistrationIn):
    """Register the token's owner for an event and book sessions, by the event's rules.

    The answer is the registration: `confirmed`, `pending` (the organisers approve) or
    `waitlisted`; bookings are seats or, with `join_waitlist`, waiting-list places.
    A refusal is 422 with one detail per broken rule (`code`: `session_full`,
    `max_sessions`, `one_per_topic`, `one_per_round`, `event_full`,
    `already_registered`, `registration_closed` …).
    """
    user = request.user
    event = visible_event(user, payload.event)
    if not user.has_perm("events.register", event):
        raise ApiError(
            _("You may not register for this event."), status=403, code="permission_denied"
        )
    try:
        registration = services.register(
            event=event,
            user=user,
            sessions=payload.sessions,
            answers=payload.answers,
            join_waitlist=payload.join_waitlist,
            list_consent=payload.list_consent,
        )
    except services.TryAgainError as error:
        raise try_again(error) from None
    except services.RegistrationRefusedError as error:
        raise refusal(error) from None
    return Status(201, own_registration(request, registration.pk))


@registrations_router.get(
    "/{pk}",
    response={200: RegistrationOut, **errors(401, 404, 422)},
    auth=optional_auth,
    url_name="registration-detail",
)
def get_registration(request, pk: int):
    """One of the caller's registrations."""
    return own_registration(request, pk)


@registrations_router.delete(
    "/{pk}",
    response={200: RegistrationOut, **errors(400, 401, 403, 404, 422, 503)},
    auth=token_auth,
    url_name="registration-detail",
)
def cancel_registration(request, pk: int):
    """Cancel one of the caller's registrations: its seats go to the waiting lists.

    Refused (422) after the cancellation deadline and for a registration that is no
    longer active, as on the site.
    """
    registration = own_registration(request, pk)
    visible_event(request.user, registration.event.slug)  # as on the site: 404 once hidden
    try:
        services.cancel_registration(registration=registration, by=request.user)
    except services.TryAgainError as error:
        raise try_again(error) from None
    except services.RegistrationRefusedError as error:
        raise refusal(error) from None
    return own_registration(request, pk)
