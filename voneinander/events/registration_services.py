"""Registrations, session bookings and waiting lists: the writes.

Concurrency. Seats are counted and taken inside one transaction that holds row
locks on the capacity rows, always in the same order:
    Event row (only when the event itself has a capacity)
    → Session rows, by primary key
    → Registration rows.
Whoever locks a registration has first locked the sessions of all its active
bookings, so the promotion of a waiting list (which holds the session and then
locks the promoted person's registration) never waits in a cycle with a
change of that person's bookings. On PostgreSQL the transaction sets
`lock_timeout`; a lock wait that times out (or a detected deadlock) becomes
`TryAgainError` ("please try again in a moment"), never a 500. On SQLite the settings
open IMMEDIATE transactions (the write lock is taken at BEGIN, writers queue
behind the busy timeout); "database is locked" likewise becomes `TryAgainError`.

`EVENTS_BOOKING_LOCK=0` (setting or environment) switches the lock off for the
concurrency tests' control run: `register` then counts in one transaction and
inserts in another, the plain check-then-insert that overbooks.

Waiting lists (documented in booking_rules.py too): a waiting-list place does not
count against the rules for other requests; joining one is checked like a
booking; promotion re-checks every rule for the promoted person and skips (with
a notice) whom the rules now exclude. After a promotion, the person's other
waiting-list places that the new seat excludes are given up (named in the mail).

A pending registration (approval required) holds its seats: approving it
cannot overbook; declining it frees them for the waiting lists.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.events import booking_rules as rules
from voneinander.events.models import (
    ACTIVE_BOOKING,
    ACTIVE_REGISTRATION,
    AllocationMode,
    BookingStatus,
    Event,
    Question,
    Registration,
    RegistrationStatus,
    Session,
    SessionBooking,
)

MAIL_LANGUAGE = "de"
HOLDS_EVENT_SEAT = [RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING]
ALREADY_REGISTERED = "already_registered"
UNKNOWN_SESSION = "unknown_session"
NOT_ACTIVE = "not_active"
NO_SESSIONS_YET = "no_sessions_yet"


class RegistrationRefusedError(ValidationError):
    """The rules refuse the request; `violations` name each rule and conflict."""

    def __init__(self, violations: Iterable[rules.Violation]):
        self.violations = list(violations)
        super().__init__([violation.message for violation in self.violations])

    @property
    def rules(self) -> set[str]:
        return {violation.rule for violation in self.violations}

    @property
    def full_session_ids(self) -> set[int]:
        return {
            pk
            for violation in self.violations
            if violation.rule == rules.SESSION_FULL
            for pk in violation.sessions
        }

    @property
    def offers_waitlist(self) -> bool:
        return bool(self.rules & {rules.SESSION_FULL, rules.EVENT_FULL})


class TryAgainError(ValidationError):
    """A lock could not be had in time: nothing was changed, the person may retry."""

    def __init__(self):
        super().__init__(
            _("Many people are registering right now. Please try again in a moment."),
            code="try_again",
        )


def _refuse(rule: str, message: str) -> RegistrationRefusedError:
    return RegistrationRefusedError([rules.Violation(rule, message)])


# --- Locking -------------------------------------------------------------------


def booking_lock_enabled() -> bool:
    value = getattr(settings, "EVENTS_BOOKING_LOCK", None)
    if value is None:
        value = os.environ.get("EVENTS_BOOKING_LOCK", "1")
    return str(value).strip().lower() not in {"0", "false", "off", "no"}


def lock_timeout() -> str:
    return str(
        getattr(settings, "EVENTS_LOCK_TIMEOUT", None)
        or os.environ.get("EVENTS_LOCK_TIMEOUT", "5s")
    )


_LOCK_SQLSTATES = {"55P03", "40P01", "40001"}  # lock_not_available, deadlock, serialization


def _is_lock_error(error: OperationalError) -> bool:
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in _LOCK_SQLSTATES:
        return True
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text


@contextmanager
def locked_transaction() -> Iterator[None]:
    """A transaction whose lock waits are bounded; a timeout raises TryAgainError."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [lock_timeout()])
            yield
    except OperationalError as error:
        if _is_lock_error(error):
            raise TryAgainError() from error
        raise


def _lock_event(event: Event) -> None:
    list(Event.objects.select_for_update().filter(pk=event.pk).values_list("pk"))


def _lock_sessions(session_ids: Iterable[int]) -> dict[int, Session]:
    ids = sorted(set(session_ids))
    if not ids:
        return {}
    query = Session.objects.select_related("round").filter(pk__in=ids).order_by("pk")
    if booking_lock_enabled():
        query = query.select_for_update(of=("self",))
    return {session.pk: session for session in query}


def _lock_registration(registration: Registration) -> Registration:
    query = Registration.objects.select_related("event", "user")
    if booking_lock_enabled():
        query = query.select_for_update(of=("self",))
    return query.get(pk=registration.pk)


# --- Reading facts (inside the lock) ---------------------------------------------


def _taken(session_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        SessionBooking.objects.filter(session_id__in=list(session_ids), status="confirmed")
        .values("session_id")
        .annotate(taken=Count("pk"))
        .order_by()
    )
    return {row["session_id"]: row["taken"] for row in rows}


def _event_seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=HOLDS_EVENT_SEAT).count()


def _active_bookings(registration: Registration) -> list[SessionBooking]:
    return list(
        SessionBooking.objects.select_related("session__round")
        .filter(registration=registration, status__in=ACTIVE_BOOKING)
        .order_by("created_at", "pk")
    )


def _session_ids(values: Iterable) -> list[int]:
    ids = []
    for value in values:
        pk = value.pk if isinstance(value, Session) else value
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise _refuse(UNKNOWN_SESSION, _unknown_session_message()) from None
        if not 0 < pk < 2**63:
            raise _refuse(UNKNOWN_SESSION, _unknown_session_message())
        if pk not in ids:
            ids.append(pk)
    return ids


def _unknown_session_message() -> str:
    return _("One of the chosen sessions is not part of this event. Please choose again.")


def _event_sessions(event: Event, ids: list[int], given: Iterable = ()) -> list[Session]:
    if not ids:
        return []
    instances = {s.pk: s for s in given if isinstance(s, Session) and s.event_id == event.pk}
    if set(instances) == set(ids):
        # Read already (the form's choices), and read again under the lock where it counts.
        return [instances[pk] for pk in ids]
    found = {
        s.pk: s for s in Session.objects.select_related("round").filter(event=event, pk__in=ids)
    }
    if set(found) != set(ids):
        raise _refuse(UNKNOWN_SESSION, _unknown_session_message())
    return [found[pk] for pk in ids]


def _check_answers(
    event: Event, answers: dict | None, questions: list[Question] | None = None
) -> dict:
    if questions is None:
        questions = list(Question.objects.filter(event=event))
    questions = [rules.QuestionFacts.of(q) for q in questions]
    answers = {str(key): value for key, value in (answers or {}).items()}
    violations = rules.answer_violations(questions, answers)
    if violations:
        raise RegistrationRefusedError(violations)
    known = {str(q.pk) for q in questions}
    return {
        key: value.strip() if isinstance(value, str) else value
        for key, value in answers.items()
        if key in known
    }


def _allocation_published(event: Event) -> bool:
    return event.allocation_runs.filter(published_at__isnull=False).exists()


def _books_first_come(event: Event) -> bool:
    """Sessions are booked directly (preference mode: only after the allocation is published)."""
    return event.allocation_mode != AllocationMode.PREFERENCES or _allocation_published(event)


# --- Registering -----------------------------------------------------------------


@dataclass
class _Plan:
    status: str
    seats: list[Session] = field(default_factory=list)
    waits: list[Session] = field(default_factory=list)


def _plan(*, event: Event, user, sessions: list[Session], join_waitlist: bool) -> _Plan:
    """Decide what a new registration gets. Runs inside the (locked) transaction."""
    if Registration.objects.filter(event=event, user=user, status__in=ACTIVE_REGISTRATION).exists():
        raise _refuse(ALREADY_REGISTERED, _("You are already registered for this event."))
    event_rules = rules.EventRules.of(event)
    status = (
        RegistrationStatus.PENDING
        if event_rules.requires_approval
        else RegistrationStatus.CONFIRMED
    )
    if event.capacity is not None and _event_seats_taken(event) >= event.capacity:
        if not join_waitlist:
            raise RegistrationRefusedError([rules.event_full_violation()])
        # On the event's waiting list: sessions are chosen once a place is free.
        return _Plan(status=RegistrationStatus.WAITLISTED)
    facts = [rules.SessionFacts.of(s) for s in sessions]
    violations = rules.selection_violations(event_rules, held=(), requested=facts)
    full = rules.full_sessions(facts, _taken(s.pk for s in sessions))
    if full and not join_waitlist:
        violations += [rules.full_violation(s) for s in full]
    if violations:
        raise RegistrationRefusedError(violations)
    full_ids = {s.pk for s in full}
    return _Plan(
        status=status,
        seats=[s for s in sessions if s.pk not in full_ids],
        waits=[s for s in sessions if s.pk in full_ids],
    )


def _create(*, event: Event, user, plan: _Plan, answers: dict, list_consent: bool) -> Registration:
    registration = Registration(
        event=event, user=user, status=plan.status, answers=answers, list_consent=list_consent
    )
    # Event and user are the instances in hand: validating the foreign keys would only
    # read them again (two queries). The partial unique constraint is checked by _plan
    # under the lock, and enforced by the database.
    registration.full_clean(exclude=["event", "user"], validate_constraints=False)
    registration.save()
    registration.new_waits = len(plan.waits)
    bookings = [
        SessionBooking(registration=registration, session=s, status=BookingStatus.CONFIRMED)
        for s in plan.seats
    ] + [
        SessionBooking(registration=registration, session=s, status=BookingStatus.WAITLISTED)
        for s in plan.waits
    ]
    if bookings:
        SessionBooking.objects.bulk_create(bookings)
    _mail(
        {
            RegistrationStatus.CONFIRMED: "confirmation",
            RegistrationStatus.PENDING: "pending",
            RegistrationStatus.WAITLISTED: "event_waitlist",
        }[plan.status],
        registration,
    )
    if plan.status == RegistrationStatus.PENDING:
        _mail_organisers(registration)
    return registration


def register(
    *,
    event: Event,
    user,
    sessions: Iterable = (),
    answers: dict | None = None,
    join_waitlist: bool = False,
    list_consent: bool = False,
    now: datetime.datetime | None = None,
    questions: list[Question] | None = None,
) -> Registration:
    """Register `user` for `event` and book `sessions` (seats, or waiting-list places).

    `questions`: the event's questions when the caller has read them already (the
    form has); otherwise they are read here. The registration gets `new_waits`, the
    number of sessions it is on the waiting list for.

    Raises RegistrationRefusedError (rules, full sessions, already registered) or
    TryAgainError (lock timeout). In preference mode the registration has no bookings;
    the sessions are ranked separately.
    """
    now = now or timezone.now()
    event_rules = rules.EventRules.of(event)
    violations = rules.window_violations(event_rules, now)
    if violations:
        raise RegistrationRefusedError(violations)
    sessions = list(sessions)
    ids = _session_ids(sessions)
    if not _books_first_come(event):
        ids = []
    chosen = _event_sessions(event, ids, given=sessions)
    answers = _check_answers(event, answers, questions=questions)
    try:
        if booking_lock_enabled():
            with locked_transaction():
                if event.capacity is not None:
                    _lock_event(event)
                locked = _lock_sessions(ids)
                if set(locked) != set(ids):  # removed meanwhile
                    raise _refuse(UNKNOWN_SESSION, _unknown_session_message())
                chosen = [locked[pk] for pk in ids]
                plan = _plan(event=event, user=user, sessions=chosen, join_waitlist=join_waitlist)
                return _create(
                    event=event, user=user, plan=plan, answers=answers, list_consent=list_consent
                )
        # Control run only (EVENTS_BOOKING_LOCK=0): the plain check-then-insert. The check
        # reads in autocommit mode (its own transaction; on SQLite without the write lock
        # that an IMMEDIATE transaction would take), the insert follows in another one.
        plan = _plan(event=event, user=user, sessions=chosen, join_waitlist=join_waitlist)
        with locked_transaction():
            return _create(
                event=event, user=user, plan=plan, answers=answers, list_consent=list_consent
            )
    except IntegrityError:
        # The partial unique constraint: a parallel submission of the same person won.
        raise _refuse(ALREADY_REGISTERED, _("You are already registered for this event.")) from None


def check_selection(*, event: Event, sessions: Iterable, join_waitlist: bool = False) -> list:
    """A dry run for forms: what the rules say about a new registration's sessions (no lock)."""
    try:
        chosen = _event_sessions(event, _session_ids(sessions))
    except RegistrationRefusedError as error:
        return error.violations
    facts = [rules.SessionFacts.of(s) for s in chosen]
    violations = rules.selection_violations(rules.EventRules.of(event), requested=facts)
    if not join_waitlist:
        full = rules.full_sessions(facts, _taken(s.pk for s in chosen))
        violations += [rules.full_violation(s) for s in full]
    return violations


# --- Changing bookings -----------------------------------------------------------


def _ensure_active(registration: Registration) -> None:
    if registration.status not in ACTIVE_REGISTRATION:
        raise _refuse(NOT_ACTIVE, _("This registration is no longer active."))


def _lock_registration_and_sessions(
    registration: Registration, extra_session_ids: Iterable[int] = ()
) -> tuple[Registration, list[SessionBooking], dict[int, Session]]:
    """Lock all sessions of the registration's bookings (+ extra), then the registration.

    The bookings are read before the locks; should they have changed meanwhile
    (a promotion), the sessions are locked again until the set is stable.
    """
    extra = set(extra_session_ids)
    wanted = set(
        SessionBooking.objects.filter(
            registration=registration, status__in=ACTIVE_BOOKING
        ).values_list("session_id", flat=True)
    )
    locked: dict[int, Session] = {}
    for _attempt in range(5):
        locked |= _lock_sessions((wanted | extra) - set(locked))
        registration = _lock_registration(registration)
        bookings = _active_bookings(registration)
        wanted = {b.session_id for b in bookings}
        if wanted <= set(locked):
            return registration, bookings, locked
    raise TryAgainError()


def _change(
    *,
    registration: Registration,
    remove_ids: set[int],
    add: list[Session],
    join_waitlist: bool,
    as_organiser: bool,
    now: datetime.datetime,
    by=None,
) -> Registration:
    event = registration.event
    event_rules = rules.EventRules.of(event)
    with locked_transaction():
        registration, bookings, locked = _lock_registration_and_sessions(
            registration, {s.pk for s in add}
        )
        _ensure_active(registration)
        current = {b.session_id: b for b in bookings}
        remove = [current[pk] for pk in remove_ids if pk in current]
        if any(s.pk not in locked for s in add):  # removed meanwhile
            raise _refuse(UNKNOWN_SESSION, _unknown_session_message())
        add = [locked[s.pk] for s in add if s.pk not in current]
        if add:
            if registration.status == RegistrationStatus.WAITLISTED:
                raise _refuse(
                    NO_SESSIONS_YET,
                    _(
                        "You are on the waiting list for the event. You can choose sessions "
                        "once you have a place."
                    ),
                )
            violations = rules.window_violations(event_rules, now)
            if violations:
                raise RegistrationRefusedError(violations)
        if not as_organiser and any(b.status == BookingStatus.CONFIRMED for b in remove):
            violations = rules.cancellation_violations(event_rules, now)
            if violations:
                raise RegistrationRefusedError(violations)
        removed_pks = {b.pk for b in remove}
        held = [
            rules.SessionFacts.of(b.session)
            for b in bookings
            if b.status == BookingStatus.CONFIRMED and b.pk not in removed_pks
        ]
        requested = [rules.SessionFacts.of(s) for s in add]
        violations = rules.selection_violations(event_rules, held=held, requested=requested)
        full = rules.full_sessions(requested, _taken(s.pk for s in add))
        if full and not join_waitlist:
            violations += [rules.full_violation(s) for s in full]
        if violations:
            raise RegistrationRefusedError(violations)
        full_ids = {s.pk for s in full}
        freed = [b.session_id for b in remove if b.status == BookingStatus.CONFIRMED]
        for booking in remove:
            booking.status = BookingStatus.CANCELLED
            booking.save(update_fields=["status", "updated_at"])
        SessionBooking.objects.bulk_create(
            [
                SessionBooking(
                    registration=registration,
                    session=s,
                    status=BookingStatus.WAITLISTED
                    if s.pk in full_ids
                    else BookingStatus.CONFIRMED,
                )
                for s in add
            ]
        )
        if as_organiser and remove:
            record_event(
                actor=by,
                action="event.booking_cancelled_by_organiser",
                target=registration.event,  # not the person: see docs/decisions.md 16
                data={
                    "registration": registration.pk,
                    "sessions": sorted(b.session_id for b in remove),
                },
            )
        for session_id in sorted(freed):
            _promote(locked[session_id], now=now)
        if add or remove:
            _mail("changed", registration)
    return registration


def change_sessions(
    *,
    registration: Registration,
    sessions: Iterable,
    join_waitlist: bool = False,
    now: datetime.datetime | None = None,
) -> Registration:
    """The participant's bookings become exactly `sessions` (seats or waiting-list places)."""
    now = now or timezone.now()
    event = registration.event
    ids = _session_ids(sessions)
    current = set(
        SessionBooking.objects.filter(
            registration=registration, status__in=ACTIVE_BOOKING
        ).values_list("session_id", flat=True)
    )
    new_ids = [pk for pk in ids if pk not in current]
    if new_ids and not _books_first_come(event):
        raise _refuse(
            NO_SESSIONS_YET,
            _("Sessions are allocated by preference. Please rank them instead."),
        )
    add = _event_sessions(event, new_ids)
    return _change(
        registration=registration,
        remove_ids=current - set(ids),
        add=add,
        join_waitlist=join_waitlist,
        as_organiser=False,
        now=now,
    )


def cancel_booking(
    *,
    booking: SessionBooking,
    by=None,
    as_organiser: bool = False,
    now: datetime.datetime | None = None,
) -> Registration:
    """Give up one seat or waiting-list place (organisers: also after the deadline)."""
    now = now or timezone.now()
    if booking.status not in ACTIVE_BOOKING:
        raise _refuse(NOT_ACTIVE, _("This booking is no longer active."))
    registration = _change(
        registration=booking.registration,
        remove_ids={booking.session_id},
        add=[],
        join_waitlist=False,
        as_organiser=as_organiser,
        now=now,
        by=by,
    )
    return registration


def cancel_registration(
    *,
    registration: Registration,
    by=None,
    as_organiser: bool = False,
    now: datetime.datetime | None = None,
) -> Registration:
    """Cancel the whole registration: every seat is freed and offered to the waiting lists."""
    now = now or timezone.now()
    event = registration.event
    with locked_transaction():
        if event.capacity is not None:
            _lock_event(event)
        registration, bookings, locked = _lock_registration_and_sessions(registration)
        _ensure_active(registration)
        if not as_organiser and registration.status in HOLDS_EVENT_SEAT:
            violations = rules.cancellation_violations(rules.EventRules.of(event), now)
            if violations:
                raise RegistrationRefusedError(violations)
        held_event_seat = registration.status in HOLDS_EVENT_SEAT
        _release(registration, bookings, RegistrationStatus.CANCELLED, locked, now)
        if as_organiser:
            record_event(
                actor=by,
                action="event.registration_cancelled_by_organiser",
                target=registration.event,  # not the person: see docs/decisions.md 16
                data={"registration": registration.pk, "user_id": registration.user_id},
            )
        _mail("cancelled", registration)
        if held_event_seat and event.capacity is not None:
            _promote_event(event, now=now)
    return registration


def _release(
    registration: Registration,
    bookings: list[SessionBooking],
    status: str,
    locked: dict[int, Session],
    now: datetime.datetime,
) -> None:
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
    freed = sorted({b.session_id for b in bookings if b.status == BookingStatus.CONFIRMED})
    SessionBooking.objects.filter(pk__in=[b.pk for b in bookings]).update(
        status=BookingStatus.CANCELLED, updated_at=now
    )
    for session_id in freed:
        _promote(locked[session_id], now=now)


# --- Approval ----------------------------------------------------------------------


def approve_registration(*, registration: Registration, by) -> Registration:
    with locked_transaction():
        registration = _lock_registration(registration)
        if registration.status != RegistrationStatus.PENDING:
            raise _refuse(NOT_ACTIVE, _("This registration is not waiting for approval."))
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        record_event(
            actor=by,
            action="event.registration_approved",
            target=registration.event,  # not the person: see docs/decisions.md 16
            data={"registration": registration.pk, "user_id": registration.user_id},
        )
        _mail("approved", registration)
    return registration


def decline_registration(
    *, registration: Registration, by, reason: str = "", now: datetime.datetime | None = None
) -> Registration:
    now = now or timezone.now()
    event = registration.event
    with locked_transaction():
        if event.capacity is not None:
            _lock_event(event)
        registration, bookings, locked = _lock_registration_and_sessions(registration)
        if registration.status != RegistrationStatus.PENDING:
            raise _refuse(NOT_ACTIVE, _("This registration is not waiting for approval."))
        _release(registration, bookings, RegistrationStatus.DECLINED, locked, now)
        record_event(
            actor=by,
            action="event.registration_declined",
            target=registration.event,  # not the person: see docs/decisions.md 16
            data={"registration": registration.pk, "user_id": registration.user_id},
        )
        _mail("declined", registration, reason=reason)
        if event.capacity is not None:
            _promote_event(event, now=now)
    return registration


# --- Waiting lists -------------------------------------------------------------------


def promote_waitlist(
    *, session: Session, now: datetime.datetime | None = None
) -> list[SessionBooking]:
    """Fill free seats of `session` from its waiting list (e.g. after raising its capacity)."""
    now = now or timezone.now()
    with locked_transaction():
        locked = _lock_sessions([session.pk])
        return _promote(locked[session.pk], now=now)


def promote_event_waitlist(
    *, event: Event, now: datetime.datetime | None = None
) -> list[Registration]:
    """Fill free places of the event from its waiting list (e.g. after raising its capacity)."""
    now = now or timezone.now()
    with locked_transaction():
        _lock_event(event)
        return _promote_event(Event.objects.get(pk=event.pk), now=now)


def _promote(session: Session, *, now: datetime.datetime) -> list[SessionBooking]:
    """Promote first come, first served while seats are free. The session row is locked."""
    if session.starts_at <= now:
        return []
    promoted: list[SessionBooking] = []
    skipped: set[int] = set()
    event_rules = None
    while True:
        if session.capacity is not None:
            free = session.capacity - _taken([session.pk]).get(session.pk, 0)
            if free <= 0:
                break
        candidate = (
            SessionBooking.objects.filter(session=session, status=BookingStatus.WAITLISTED)
            .exclude(pk__in=skipped)
            .select_related("registration")
            .order_by("created_at", "pk")
            .first()
        )
        if candidate is None:
            break
        registration = _lock_registration(candidate.registration)
        event_rules = event_rules or rules.EventRules.of(registration.event)
        bookings = _active_bookings(registration)  # fresh, now that the person is locked
        booking = next((b for b in bookings if b.pk == candidate.pk), None)
        if booking is None or booking.status != BookingStatus.WAITLISTED:
            skipped.add(candidate.pk)
            continue
        held = [
            rules.SessionFacts.of(b.session)
            for b in bookings
            if b.status == BookingStatus.CONFIRMED
        ]
        facts = rules.SessionFacts.of(session)
        with translation.override(MAIL_LANGUAGE):
            violations = rules.selection_violations(event_rules, held=held, requested=[facts])
            if registration.status not in HOLDS_EVENT_SEAT:
                violations.append(
                    rules.Violation(NOT_ACTIVE, _("Your registration is no longer active."))
                )
        if violations:
            booking.status = BookingStatus.CANCELLED
            booking.save(update_fields=["status", "updated_at"])
            _mail(
                "skipped",
                registration,
                sessions=[session.pk],
                reasons=[v.message for v in violations],
            )
            continue
        booking.status = BookingStatus.CONFIRMED
        booking.save(update_fields=["status", "updated_at"])
        promoted.append(booking)
        # Waiting-list places of this person that the new seat now excludes are given up.
        given_up = []
        for other in bookings:
            if other.status != BookingStatus.WAITLISTED or other.pk == booking.pk:
                continue
            excluded = rules.selection_violations(
                event_rules, held=[*held, facts], requested=[rules.SessionFacts.of(other.session)]
            )
            if excluded:
                other.status = BookingStatus.CANCELLED
                other.save(update_fields=["status", "updated_at"])
                given_up.append(other.session_id)
        _mail("promoted", registration, sessions=[session.pk], given_up=given_up)
    return promoted


def _promote_event(event: Event, *, now: datetime.datetime) -> list[Registration]:
    """Event-level waiting list (events with a capacity of their own). The event is locked."""
    if event.capacity is None or event.starts_at <= now or event.cancelled_at is not None:
        return []
    free = event.capacity - _event_seats_taken(event)
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.select_related("event", "user")
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")[:free]
    )
    for registration in promoted:
        registration.status = (
            RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
        )
        registration.save(update_fields=["status", "updated_at"])
        _mail("event_promoted", registration)
        if registration.status == RegistrationStatus.PENDING:
            _mail_organisers(registration)
    return promoted


# --- Reminders ---------------------------------------------------------------------------


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Send each due reminder once per registration; returns the number of mails sent.

    A reminder for `h` hours is due from `h` hours before the start until the
    start. When several are due at once (the job did not run for a while), one
    mail goes out and all of them are recorded. Parallel runs are harmless: the
    unique constraint on ReminderSent lets only one of them send.
    """
    from voneinander.events.models import ReminderSent

    now = now or timezone.now()
    upcoming = Event.objects.filter(cancelled_at__isnull=True, starts_at__gt=now).exclude(
        reminder_hours=[]
    )
    sent = 0
    for event in upcoming:
        due = sorted(
            {
                int(hours)
                for hours in event.reminder_hours
                if event.starts_at - datetime.timedelta(hours=int(hours)) <= now
            }
        )
        if not due:
            continue
        registrations = (
            Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
            .select_related("user", "event")
            .prefetch_related("reminders_sent")
        )
        for registration in registrations:
            known = {reminder.hours for reminder in registration.reminders_sent.all()}
            if due[0] in known:
                continue
            try:
                with transaction.atomic():
                    ReminderSent.objects.bulk_create(
                        [
                            ReminderSent(registration=registration, hours=h)
                            for h in due
                            if h not in known
                        ]
                    )
                    _send_now("reminder", registration)
            except IntegrityError:
                continue  # a parallel run sent it
            sent += 1
    return sent


# --- Mail ------------------------------------------------------------------------------------


def _mail(kind: str, registration: Registration, **extra) -> None:
    """Queue a registration e-mail (rendered by the worker, sent when this transaction commits)."""
    from voneinander.events import tasks

    tasks.send_registration_email.enqueue(kind, registration.pk, extra)


def _mail_organisers(registration: Registration) -> None:
    """Queue the one mail to the organisers about a registration awaiting approval."""
    from voneinander.events import tasks

    tasks.send_approval_request_email.enqueue(registration.pk)


def _send_now(kind: str, registration: Registration, **extra) -> None:
    from voneinander.events import registration_emails

    registration_emails.send(kind, registration, **extra)
