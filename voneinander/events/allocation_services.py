"""Preference mode, the writes: rankings, allocation runs, adjustments, publication.

- `save_ranking`: a participant's ranking (until `Event.preferences_close_at`).
- `run_allocation`: solve (events/allocation.py) and store an `AllocationRun` with
  its seed, assignments ({registration id: [session ids]}) and figures.
- `adjust_allocation`: an organiser moves, adds or removes a seat in a run that
  is not published, under the same rules and capacities.
- `publish_allocation`: turns the run into confirmed SessionBookings in one
  transaction (once per event) and tells everyone by e-mail, also those who got
  nothing. Locks in the order of registration_services: sessions by primary
  key, then registrations.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voneinander.audit.services import record_event
from voneinander.events import allocation
from voneinander.events import allocation_selectors as selectors
from voneinander.events.booking_rules import names, quoted
from voneinander.events.models import (
    AllocationRun,
    BookingStatus,
    Event,
    Preference,
    Registration,
    RegistrationStatus,
    Session,
    SessionBooking,
)
from voneinander.events.registration_services import booking_lock_enabled, locked_transaction

MAIL_LANGUAGE = "de"
MAIL_BATCH = 100  # registrations per e-mail task
SEED_LIMIT = 10**12  # seeds people can read out and type in again


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# --- rankings ------------------------------------------------------------------------


def ranking_refusal(state: str, event: Event) -> str:
    if state == selectors.OFF:
        return _("This event books sessions first come, first served; there is nothing to rank.")
    if state == selectors.CANCELLED:
        return _("This event has been cancelled.")
    if state == selectors.PUBLISHED:
        return _("The sessions have been allocated already; the ranking can no longer be changed.")
    return _("Preferences could be given until %(date)s.") % {
        "date": _when(event.preferences_close_at)
    }


def save_ranking(
    *,
    registration: Registration,
    ranking: Mapping[int, int],
    now: datetime.datetime | None = None,
) -> list[Preference]:
    """The person's ranking becomes `ranking` ({session id: rank}, 1 = first choice).

    Ranks must be distinct positive numbers; they are stored as 1, 2, 3 … in the
    given order. An empty ranking withdraws all preferences.
    """
    event = registration.event
    state = selectors.ranking_state(event, published=selectors.published_run(event), now=now)
    if state != selectors.OPEN:
        raise ValidationError(ranking_refusal(state, event), code="closed")
    bad_rank = ValidationError(_("Ranks are whole numbers: 1 for your first choice."), code="rank")
    try:
        items = {int(session): int(rank) for session, rank in ranking.items()}
    except (TypeError, ValueError):
        raise bad_rank from None
    if any(rank < 1 for rank in items.values()):
        raise bad_rank
    sessions = Session.objects.in_bulk(list(items))
    if any(s not in sessions or sessions[s].event_id != event.pk for s in items):
        raise ValidationError(
            _(
                "One of the ranked sessions is not part of this event. "
                "Please rank only the sessions listed here."
            ),
            code="unknown_session",
        )
    by_rank: dict[int, list[Session]] = {}
    for session_id, rank in items.items():
        by_rank.setdefault(rank, []).append(sessions[session_id])
    doubled = [
        _("You gave rank %(rank)d to more than one session: %(sessions)s.")
        % {"rank": rank, "sessions": names(s.title for s in group)}
        for rank, group in sorted(by_rank.items())
        if len(group) > 1
    ]
    if doubled:
        raise ValidationError(doubled, code="duplicate_rank")
    ordered = sorted(items, key=lambda session_id: (items[session_id], session_id))
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status not in selectors.RANKING_STATUSES:
            raise ValidationError(
                _("Only registered participants can rank the sessions."), code="not_registered"
            )
        Preference.objects.filter(registration=locked).delete()
        preferences = [
            Preference(registration=locked, session=sessions[session_id], rank=position)
            for position, session_id in enumerate(ordered, start=1)
        ]
        for preference in preferences:
            preference.full_clean(validate_unique=False, validate_constraints=False)
        Preference.objects.bulk_create(preferences)
    return preferences


# --- running ---------------------------------------------------------------------------


def _ensure_can_allocate(event: Event) -> None:
    if not selectors.in_preference_mode(event):
        raise ValidationError(
            _("This event books sessions first come, first served; there is nothing to allocate.")
        )
    published = selectors.published_run(event)
    if published is not None:
        raise ValidationError(
            _("The allocation was published on %(date)s; it can no longer be changed.")
            % {"date": _when(published.published_at)}
        )


def _figures(facts: selectors.AllocationFacts, assignments: dict[int, list[int]]) -> dict:
    return allocation.figures(facts.problem_for(assignments), assignments)


def run_allocation(*, event: Event, by, seed: int | None = None) -> AllocationRun:
    """Allocate the seats of `event` from the confirmed participants' rankings and store the run.

    The same seed on the same rankings gives the same allocation; without a seed a
    new random one is drawn and recorded.
    """
    _ensure_can_allocate(event)
    if seed is None:
        seed = secrets.randbelow(SEED_LIMIT)
    if not 0 <= seed < 2**63:
        raise ValidationError(_("The seed must be a whole number from 0 to 2^63 − 1."))
    facts = selectors.allocation_facts(event)
    try:
        result = allocation.allocate(facts.problem, seed=seed)
    except allocation.AllocationError as error:
        raise ValidationError(
            _("The allocation could not be calculated (%(reason)s). Please try again.")
            % {"reason": error}
        ) from error
    summary = allocation.figures(facts.problem, result.assignments) | {
        "seconds": round(result.seconds, 3),
        "method": result.method,
    }
    with transaction.atomic():
        run = AllocationRun(
            event=event,
            seed=seed,
            created_by=by,
            assignments={str(pk): seats for pk, seats in result.assignments.items()},
            summary=summary,
        )
        run.full_clean()
        run.save()
        record_event(
            actor=by,
            action="allocation.run",
            target=event,
            data={
                "run": run.pk,
                "seed": seed,
                "people": summary["people"],
                "first_choice": summary["first_choice"],
                "nothing": summary["nothing"],
            },
        )
    return run


# --- adjusting ------------------------------------------------------------------------------


def _rule_messages(
    facts: selectors.AllocationFacts, person: str, found: list[allocation.Violation], seats
) -> list[str]:
    sessions = facts.sessions
    messages = []
    for violation in found:
        session = sessions[violation.session]
        other = sessions.get(violation.other) if violation.other is not None else None
        if violation.code == "maximum":
            maximum = facts.problem.rules.max_per_person
            messages.append(
                ngettext(
                    "%(person)s may have at most %(max)d session; this would be %(sessions)s.",
                    "%(person)s may have at most %(max)d sessions; this would be %(sessions)s.",
                    maximum,
                )
                % {
                    "person": person,
                    "max": maximum,
                    "sessions": names(sessions[s].title for s in seats),
                }
            )
        elif violation.code == "overlap":
            messages.append(
                _("%(session)s overlaps with %(other)s, which %(person)s has already.")
                % {"session": quoted(session.title), "other": quoted(other.title), "person": person}
            )
        elif violation.code == "topic":
            messages.append(
                _(
                    "%(session)s has the same topic as %(other)s (topic: %(topic)s), "
                    "which %(person)s has already."
                )
                % {
                    "session": quoted(session.title),
                    "other": quoted(other.title),
                    "topic": session.topic.strip(),
                    "person": person,
                }
            )
        else:
            messages.append(
                _("%(person)s has %(session)s already.")
                % {"person": person, "session": quoted(session.title)}
            )
    return messages


def adjust_allocation(
    *,
    run: AllocationRun,
    registration: Registration,
    remove: int | None = None,
    add: int | None = None,
    by,
) -> AllocationRun:
    """Take `registration` out of session `remove` and/or put them into session `add`.

    Re-checks the event's rules (maximum, overlaps, topics, seats held already)
    and the capacity of `add`; refuses with messages that name rule and session.
    """
    if remove is None and add is None:
        raise ValidationError(_("Choose a session to take the person out of, or to put them in."))
    if remove is not None and remove == add:
        raise ValidationError(_("Choose two different sessions to move the person."))
    event = run.event
    person = registration.user.display_name
    key = str(registration.pk)
    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().get(pk=run.pk)
        if run.published_at is not None:
            raise ValidationError(
                _("This allocation has been published; it can no longer be changed.")
            )
        if key not in run.assignments:
            raise ValidationError(
                _("%(person)s does not take part in this allocation.") % {"person": person}
            )
        facts = selectors.allocation_facts(event)
        seats = list(run.assignments[key])
        if remove is not None:
            if remove not in seats:
                raise ValidationError(
                    _("%(person)s has no place in this session.") % {"person": person}
                )
            seats.remove(remove)
        if add is not None:
            session = facts.sessions.get(add)
            if session is None:
                raise ValidationError(_("This session is not part of the event."))
            if add in seats:
                raise ValidationError(
                    _("%(person)s has a place in %(session)s already.")
                    % {"person": person, "session": quoted(session.title)}
                )
            seats.append(add)
            problem = facts.problem_for([registration.pk])
            found = allocation.person_violations(problem, registration.pk, seats)
            if found:
                raise ValidationError(_rule_messages(facts, person, found, seats))
            given = sum(add in mine for mine in run.assignments.values())
            spec = next(s for s in facts.problem.sessions if s.id == add)
            if spec.capacity is not None and given >= spec.capacity:
                raise ValidationError(
                    _(
                        "%(session)s is full (%(seats)d of %(capacity)d places given). "
                        "Take someone out of it first."
                    )
                    % {
                        "session": quoted(session.title),
                        "seats": given + facts.taken.get(add, 0),
                        "capacity": session.capacity,
                    }
                )
        ranking = facts.problem.rankings.get(registration.pk, {})
        seats.sort(key=lambda s: (ranking.get(s, 10**6), s))
        assignments = dict(run.assignments)
        assignments[key] = seats
        run.assignments = assignments
        run.summary = _figures(facts, {int(pk): v for pk, v in assignments.items()}) | {
            "seconds": run.summary.get("seconds"),
            "method": run.summary.get("method"),
            "adjusted": run.summary.get("adjusted", 0) + 1,
        }
        run.save(update_fields=["assignments", "summary"])
        record_event(
            actor=by,
            action="allocation.adjusted",
            target=registration.event,  # not the person: see docs/decisions.md 16
            data={"registration": registration.pk, "run": run.pk, "removed": remove, "added": add},
        )
    return run


# --- publishing -----------------------------------------------------------------------------


def _lock_event_and_sessions(event: Event) -> dict[int, Session]:
    """The event row (so that two publications queue up), then its sessions by key."""
    if not booking_lock_enabled():
        return {s.pk: s for s in Session.objects.filter(event=event).order_by("pk")}
    list(Event.objects.select_for_update().filter(pk=event.pk).values_list("pk"))
    query = Session.objects.filter(event=event).order_by("pk").select_for_update()
    return {s.pk: s for s in query}


def publish_allocation(
    *, run: AllocationRun, by, now: datetime.datetime | None = None
) -> list[SessionBooking]:
    """Book the run's seats (confirmed) for everyone still registered, and tell everyone.

    One transaction: either every seat is booked or none. An event's allocation is
    published once; later changes go through the normal booking of free places.
    """
    now = now or timezone.now()
    event = run.event
    if event.preferences_close_at is not None and now < event.preferences_close_at:
        raise ValidationError(
            _(
                "Preferences can still be given until %(date)s. Publish after that, "
                "so that no late change is lost."
            )
            % {"date": _when(event.preferences_close_at)}
        )
    with locked_transaction():
        sessions = _lock_event_and_sessions(event)
        run = AllocationRun.objects.select_for_update().get(pk=run.pk)
        _ensure_can_allocate(event)
        ids = sorted(int(pk) for pk in run.assignments)
        registrations = (
            Registration.objects.filter(pk__in=ids).select_related("user").order_by("pk")
        )
        if booking_lock_enabled():
            registrations = registrations.select_for_update(of=("self",))
        confirmed = {r.pk: r for r in registrations if r.status == RegistrationStatus.CONFIRMED}
        facts = selectors.allocation_facts(event)
        wanted = {pk: list(run.assignments[str(pk)]) for pk in confirmed}
        problems = []
        for session_id in {s for seats in wanted.values() for s in seats}:
            if session_id not in sessions:
                problems.append(_("A session of this allocation has been removed."))
                break
        if not problems:
            broken = allocation.violations(facts.problem_for(list(wanted)), wanted)
            for violation in broken[:5]:
                session = sessions[violation.session]
                if violation.code == "capacity":
                    given = sum(violation.session in seats for seats in wanted.values())
                    problems.append(
                        _(
                            "%(session)s has %(free)d free places left, but the allocation "
                            "gives it %(seats)d."
                        )
                        % {
                            "session": quoted(session.title),
                            "free": max(
                                0, (session.capacity or 0) - facts.taken.get(session.pk, 0)
                            ),
                            "seats": given,
                        }
                    )
                else:
                    person = confirmed[violation.person].user.display_name
                    problems += _rule_messages(facts, person, [violation], wanted[violation.person])
        if problems:
            raise ValidationError(
                [
                    *problems,
                    _("Please adjust the allocation or calculate it again, then publish."),
                ]
            )
        bookings = [
            SessionBooking(
                registration=confirmed[pk], session=sessions[s], status=BookingStatus.CONFIRMED
            )
            for pk, seats in wanted.items()
            for s in seats
        ]
        SessionBooking.objects.bulk_create(bookings)
        run.published_at = now
        run.save(update_fields=["published_at"])
        record_event(
            actor=by,
            action="allocation.published",
            target=event,
            data={
                "run": run.pk,
                "seed": run.seed,
                "bookings": len(bookings),
                "people": len(confirmed),
                "skipped": len(ids) - len(confirmed),
            },
        )
        from voneinander.events import allocation_tasks

        people = sorted(confirmed)
        for start in range(0, len(people), MAIL_BATCH):
            allocation_tasks.send_allocation_results.enqueue(
                run.pk, people[start : start + MAIL_BATCH]
            )
    return bookings


# --- e-mails ------------------------------------------------------------------------------------


def _time_span(session: Session) -> str:
    start = formats.time_format(timezone.localtime(session.starts_at))
    end = formats.time_format(timezone.localtime(session.ends_at))
    return f"{start}–{end}"


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def send_allocation_results(*, run: AllocationRun, registration_ids: list[int]) -> int:
    """Tell each person their result (German). Four queries for the whole batch."""
    from voneinander.events.registration_emails import registration_calendar

    event = run.event
    registrations = (
        Registration.objects.filter(pk__in=registration_ids, event=event)
        .select_related("user", "event")
        .order_by("pk")
    )
    bookings: dict[int, list[SessionBooking]] = {}
    for booking in (
        SessionBooking.objects.filter(
            registration_id__in=registration_ids, status=BookingStatus.CONFIRMED
        )
        .select_related("session__round")
        .order_by("session__starts_at", "session__title", "pk")
    ):
        bookings.setdefault(booking.registration_id, []).append(booking)
    ranks: dict[int, dict[int, int]] = {}
    for registration_id, session_id, rank in Preference.objects.filter(
        registration_id__in=registration_ids
    ).values_list("registration_id", "session_id", "rank"):
        ranks.setdefault(registration_id, {})[session_id] = rank
    sent = 0
    with translation.override(MAIL_LANGUAGE):
        url = _absolute(event.get_absolute_url())
        mine_url = _absolute(reverse("events:my_registrations"))
        for registration in registrations:
            user = registration.user
            if not user.email or not user.is_active:
                continue
            given = set(run.assignments.get(str(registration.pk), []))
            seats = [b for b in bookings.get(registration.pk, []) if b.session_id in given]
            mine = ranks.get(registration.pk, {})
            context = {
                "site_name": settings.SITE_NAME,
                "user": user,
                "event": event,
                "when": _when(event.starts_at),
                "seats": [
                    {
                        "session": b.session,
                        "rank": mine.get(b.session_id),
                        "time": _time_span(b.session),
                    }
                    for b in seats
                ],
                "ranked": bool(mine),
                "url": url,
                "mine_url": mine_url,
            }
            body = render_to_string("events/email/allocation_result.txt", context)
            if seats:
                subject = _("Your sessions at %(event)s") % {"event": event.title}
            else:
                subject = _("No place in the sessions of %(event)s") % {"event": event.title}
            message = EmailMessage(
                subject=f"[{settings.SITE_NAME}] " + " ".join(subject.split()),
                body=body.strip() + "\n",
                to=[user.email],
            )
            if seats:
                message.attach(
                    f"{event.slug}.ics",
                    registration_calendar(registration, bookings.get(registration.pk, [])),
                    "text/calendar",
                )
            message.send()
            sent += 1
    return sent
