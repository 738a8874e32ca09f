"""Reads for preference mode: rankings, the facts an allocation needs, allocation runs.

Events are looked up through `selectors.event_for_viewer` (the visibility gate);
runs only through their event. Each read costs a fixed number of queries,
however many participants there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from voneinander.events.allocation import Problem, Rules, SessionSpec
from voneinander.events.models import (
    AllocationMode,
    AllocationRun,
    BookingStatus,
    Event,
    Preference,
    Registration,
    RegistrationStatus,
    Session,
    SessionBooking,
)

# Who may rank: registered participants, also while their registration awaits approval.
# Only confirmed registrations take part in an allocation.
RANKING_STATUSES = [RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING]
PEOPLE_PER_PAGE = 50

# Ranking states
OFF = "off"  # the event books first come, first served
OPEN = "open"
CLOSED = "closed"  # after preferences_close_at
PUBLISHED = "published"  # an allocation has been published
CANCELLED = "cancelled"


def in_preference_mode(event: Event) -> bool:
    return event.allocation_mode == AllocationMode.PREFERENCES


def published_run(event: Event) -> AllocationRun | None:
    return (
        AllocationRun.objects.filter(event=event, published_at__isnull=False)
        .defer("assignments", "summary")
        .first()
    )


def ranking_state(
    event: Event,
    *,
    published: AllocationRun | None = None,
    now: datetime.datetime | None = None,
) -> str:
    """Whether participants may rank now. Pass `published` when it is known already."""
    if not in_preference_mode(event):
        return OFF
    if event.cancelled_at is not None:
        return CANCELLED
    if published is not None:
        return PUBLISHED
    if event.preferences_close_at is not None and (now or timezone.now()) >= (
        event.preferences_close_at
    ):
        return CLOSED
    return OPEN


def ranking_registration(event: Event, user) -> Registration | None:
    """The person's registration that may rank (confirmed or awaiting approval)."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user, status__in=RANKING_STATUSES)
        .order_by("-created_at")
        .first()
    )


def rankable_sessions(event: Event) -> list[Session]:
    return list(
        Session.objects.filter(event=event)
        .select_related("round")
        .order_by("starts_at", "title", "pk")
    )


def ranking_of(registration: Registration) -> list[Preference]:
    """The person's ranking, first choice first."""
    return list(
        Preference.objects.filter(registration=registration)
        .select_related("session__round")
        .order_by("rank", "pk")
    )


def runs_of(event: Event) -> list[AllocationRun]:
    """The event's allocation runs, newest first (figures, no assignments)."""
    return list(
        AllocationRun.objects.filter(event=event)
        .select_related("created_by")
        .defer("assignments")
        .order_by("-created_at", "-pk")
    )


def run_of_event(event: Event, pk: int) -> AllocationRun:
    return get_object_or_404(AllocationRun.objects.select_related("created_by"), event=event, pk=pk)


def participation_counts(event: Event) -> dict[str, int]:
    """Confirmed registrations, how many of them ranked, and registrations awaiting approval."""
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
    )
    counts["ranked"] = (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, preferences__isnull=False
        )
        .distinct()
        .count()
    )
    return counts


# --- the facts of an allocation ------------------------------------------------------------


@dataclass
class AllocationFacts:
    """Everything the solver needs, keyed by registration and session ids.

    `problem.sessions` carry the seats still free (capacity minus confirmed
    bookings); `problem.held` the seats people hold already.
    """

    event: Event
    sessions: dict[int, Session]
    problem: Problem
    taken: dict[int, int] = field(default_factory=dict)  # confirmed bookings per session

    def problem_for(self, people) -> Problem:
        """The same problem for exactly `people` (registration ids), e.g. those of a run."""
        rankings = {pk: self.problem.rankings.get(pk, {}) for pk in people}
        return Problem(
            sessions=self.problem.sessions,
            rankings=rankings,
            rules=self.problem.rules,
            held=self.problem.held,
        )


def rules_of(event: Event) -> Rules:
    return Rules(
        max_per_person=event.max_sessions_per_person,
        one_per_round=event.one_session_per_round,
        one_per_topic=event.one_session_per_topic,
    )


def allocation_facts(event: Event) -> AllocationFacts:
    """Confirmed registrations, their rankings and held seats, and the sessions: 4 queries."""
    sessions = {
        s.pk: s
        for s in Session.objects.filter(event=event)
        .select_related("round")
        .order_by("starts_at", "title", "pk")
    }
    registration_ids = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rankings: dict[int, dict[int, int]] = {pk: {} for pk in registration_ids}
    for registration_id, session_id, rank in Preference.objects.filter(
        registration__event=event, registration__status=RegistrationStatus.CONFIRMED
    ).values_list("registration_id", "session_id", "rank"):
        rankings[registration_id][session_id] = rank
    held: dict[int, list[int]] = {}
    taken: dict[int, int] = {}
    for registration_id, session_id in SessionBooking.objects.filter(
        session__event=event, status=BookingStatus.CONFIRMED
    ).values_list("registration_id", "session_id"):
        held.setdefault(registration_id, []).append(session_id)
        taken[session_id] = taken.get(session_id, 0) + 1
    specs = [
        SessionSpec(
            id=s.pk,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=None if s.capacity is None else max(0, s.capacity - taken.get(s.pk, 0)),
            topic=s.topic,
        )
        for s in sessions.values()
    ]
    problem = Problem(sessions=specs, rankings=rankings, rules=rules_of(event), held=held)
    return AllocationFacts(event=event, sessions=sessions, problem=problem, taken=taken)


# --- the result page --------------------------------------------------------------------------


@dataclass
class PersonRow:
    registration: Registration
    seats: list[tuple[Session, int | None]]  # (session, rank or None when not ranked)
    ranking: list[tuple[int, Session]]
    status_changed: bool  # no longer a confirmed registration


@dataclass
class SessionRow:
    session: Session
    seats: int
    capacity: int | None
    first_choice_of: int

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.seats >= self.capacity


@dataclass
class ResultView:
    run: AllocationRun
    sessions: list[SessionRow]
    page: Page
    people: list[PersonRow]
    shown: str  # "all", "nothing", or a session id as text
    total: int


def session_rows(run: AllocationRun, sessions: list[Session]) -> list[SessionRow]:
    figures = run.summary.get("sessions", {})
    rows = []
    for session in sessions:
        fact = figures.get(str(session.pk), {})
        rows.append(
            SessionRow(
                session=session,
                seats=fact.get("seats", 0),
                capacity=session.capacity,
                first_choice_of=fact.get("first_choice_of", 0),
            )
        )
    return rows


def result_view(run: AllocationRun, *, shown: str = "all", page: str | None = None) -> ResultView:
    """The figures, the sessions and one page of people: 4 queries, however many people."""
    event = run.event
    sessions = rankable_sessions(event)
    by_pk = {s.pk: s for s in sessions}
    assignments = {int(pk): list(seats) for pk, seats in run.assignments.items()}
    if shown == "nothing":
        chosen = {pk for pk, seats in assignments.items() if not seats}
    elif shown.isdigit() and int(shown) in by_pk:
        chosen = {pk for pk, seats in assignments.items() if int(shown) in seats}
    else:
        shown = "all"
        chosen = set(assignments)
    names = (
        Registration.objects.filter(event=event)
        .order_by("user__last_name", "user__first_name", "user__email", "pk")
        .values_list("pk", flat=True)
    )
    ordered = [pk for pk in names if pk in chosen]
    paginated = Paginator(ordered, PEOPLE_PER_PAGE).get_page(page)
    on_page = list(paginated.object_list)
    registrations = Registration.objects.select_related("user").in_bulk(on_page)
    ranks: dict[int, dict[int, int]] = {pk: {} for pk in on_page}
    for registration_id, session_id, rank in Preference.objects.filter(
        registration_id__in=on_page
    ).values_list("registration_id", "session_id", "rank"):
        ranks[registration_id][session_id] = rank
    people = []
    for pk in on_page:
        mine = ranks[pk]
        people.append(
            PersonRow(
                registration=registrations[pk],
                seats=[(by_pk[s], mine.get(s)) for s in assignments[pk] if s in by_pk],
                ranking=sorted(
                    ((rank, by_pk[s]) for s, rank in mine.items() if s in by_pk),
                    key=lambda item: item[0],
                ),
                status_changed=registrations[pk].status != RegistrationStatus.CONFIRMED,
            )
        )
    return ResultView(
        run=run,
        sessions=session_rows(run, sessions),
        page=paginated,
        people=people,
        shown=shown,
        total=len(ordered),
    )


def person_in_run(run: AllocationRun, registration_id: int) -> Registration:
    """A registration that takes part in the run; 404 otherwise."""
    if str(registration_id) not in run.assignments:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("user"), pk=registration_id, event_id=run.event_id
    )
