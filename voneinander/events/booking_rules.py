"""The registration rules of an event, as a pure function of facts (no database).

The services (`registration_services.py`) load the facts under a lock, ask this
module what the requested change would break, and refuse with the violations'
messages. Every message names the rule and the conflicting choice, e.g.
"Sie können höchstens 2 Workshops buchen; Sie haben bereits „X“ und „Y“ gebucht."

Rules for a selection of sessions (`selection_violations`):
- at most `max_sessions` sessions per person;
- at most one per round, derived from overlapping session *times* (two sessions
  overlap when one starts before the other ends), not from the round field;
- at most one per topic (a workshop repeated in both rounds counts once).
Only pairs that involve a *requested* session are reported: what a person
already holds stays valid even if the organisers tighten the rules later.

Waiting lists: a waiting-list place does not count against these rules for
other requests. Joining one is checked like a booking (one can only queue for
what one could book now), and promotion re-checks everything.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Rule names (stable; the UI and tests use them).
REGISTRATION_CLOSED = "registration_closed"
WINDOW_NOT_OPEN = "window_not_open"
WINDOW_CLOSED = "window_closed"
EVENT_CANCELLED = "event_cancelled"
EVENT_OVER = "event_over"
MAX_SESSIONS = "max_sessions"
ONE_PER_ROUND = "one_per_round"
ONE_PER_TOPIC = "one_per_topic"
SESSION_FULL = "session_full"
EVENT_FULL = "event_full"
CANCELLATION_DEADLINE = "cancellation_deadline"
REQUIRED_QUESTION = "required_question"
INVALID_ANSWER = "invalid_answer"


def topic_key(topic: str) -> str:
    """The topic as the "one per topic" rule compares it: case and spacing ignored."""
    return " ".join(topic.split()).casefold()


def times_overlap(a, b) -> bool:
    """The "one per round" rule: two sessions overlap if each starts before the other ends.

    Shared with the allocation (`allocation.py`), so that booking and allocating
    judge the same way; `a` and `b` have `starts_at` and `ends_at`.
    """
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


@dataclass(frozen=True)
class SessionFacts:
    pk: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    topic: str = ""
    round_title: str = ""
    kind: str = "workshop"
    capacity: int | None = None

    @classmethod
    def of(cls, session) -> SessionFacts:
        """Facts of a Session model instance (its round should be select_related)."""
        round_ = session.round if session.round_id else None
        return cls(
            pk=session.pk,
            title=session.title,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            topic=session.topic,
            round_title=round_.title if round_ is not None else "",
            kind=session.kind,
            capacity=session.capacity,
        )

    def overlaps(self, other: SessionFacts) -> bool:
        return times_overlap(self, other)

    @property
    def topic_key(self) -> str:
        return topic_key(self.topic)


@dataclass(frozen=True)
class EventRules:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    enabled: bool = True
    cancelled: bool = False
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None
    cancellation_deadline: datetime.datetime | None = None
    max_sessions: int | None = None
    one_per_round: bool = False
    one_per_topic: bool = False
    requires_approval: bool = False
    capacity: int | None = None

    @classmethod
    def of(cls, event) -> EventRules:
        return cls(
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            enabled=event.registration_enabled,
            cancelled=event.cancelled_at is not None,
            opens_at=event.registration_opens_at,
            closes_at=event.registration_closes_at,
            cancellation_deadline=event.cancellation_deadline,
            max_sessions=event.max_sessions_per_person,
            one_per_round=event.one_session_per_round,
            one_per_topic=event.one_session_per_topic,
            requires_approval=event.requires_approval,
            capacity=event.capacity,
        )

    @property
    def effective_closes_at(self) -> datetime.datetime:
        """Without an explicit end of the window, registration is possible until the end."""
        return self.closes_at or self.ends_at

    @property
    def effective_cancellation_deadline(self) -> datetime.datetime:
        """Without an explicit deadline, cancelling is possible until the start."""
        return self.cancellation_deadline or self.starts_at


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    sessions: tuple[int, ...] = field(default=())

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class QuestionFacts:
    pk: int
    label: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()

    @classmethod
    def of(cls, question) -> QuestionFacts:
        return cls(
            pk=question.pk,
            label=question.label,
            kind=question.kind,
            required=question.required,
            choices=tuple(str(choice) for choice in question.choices or ()),
        )


# --- Formatting --------------------------------------------------------------


def quoted(title: str) -> str:
    return f"„{title}“"


def names(titles: Iterable[str]) -> str:
    """„A“, „B“ und „C“ (the last joined with the translated "and")."""
    items = [quoted(title) for title in titles]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _time_span(session: SessionFacts) -> str:
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return f"{formats.time_format(start, 'TIME_FORMAT')}–{formats.time_format(end, 'TIME_FORMAT')}"


def _all_workshops(sessions: Iterable[SessionFacts]) -> bool:
    return all(session.kind == "workshop" for session in sessions)


# --- Rules -------------------------------------------------------------------


def window_violations(rules: EventRules, now: datetime.datetime) -> list[Violation]:
    """May one register (or book more sessions) at `now`?"""
    if rules.cancelled:
        return [Violation(EVENT_CANCELLED, _("This event has been cancelled."))]
    if not rules.enabled:
        return [Violation(REGISTRATION_CLOSED, _("This event takes no registrations."))]
    if rules.opens_at is not None and now < rules.opens_at:
        return [
            Violation(
                WINDOW_NOT_OPEN,
                _("Registration opens on %(date)s.") % {"date": when(rules.opens_at)},
            )
        ]
    if rules.closes_at is not None and now >= rules.closes_at:
        return [
            Violation(
                WINDOW_CLOSED,
                _("Registration closed on %(date)s.") % {"date": when(rules.closes_at)},
            )
        ]
    if now >= rules.ends_at:
        return [Violation(EVENT_OVER, _("This event is over."))]
    return []


def cancellation_violations(rules: EventRules, now: datetime.datetime) -> list[Violation]:
    """May a participant cancel (a registration or a seat) at `now`?"""
    deadline = rules.effective_cancellation_deadline
    if now >= deadline and not rules.cancelled:
        return [
            Violation(
                CANCELLATION_DEADLINE,
                _(
                    "Cancellations were possible until %(date)s. "
                    "Please contact the organisers of the event."
                )
                % {"date": when(deadline)},
            )
        ]
    return []


def _max_message(rules: EventRules, held, requested) -> str:
    maximum = rules.max_sessions
    workshops = _all_workshops([*held, *requested])
    if held:
        if workshops:
            text = ngettext(
                "You can book at most %(max)d workshop; you have already booked %(held)s.",
                "You can book at most %(max)d workshops; you have already booked %(held)s.",
                maximum,
            )
        else:
            text = ngettext(
                "You can book at most %(max)d session; you have already booked %(held)s.",
                "You can book at most %(max)d sessions; you have already booked %(held)s.",
                maximum,
            )
        return text % {"max": maximum, "held": names(s.title for s in held)}
    if workshops:
        text = ngettext(
            "You can book at most %(max)d workshop; you have chosen %(count)d: %(chosen)s.",
            "You can book at most %(max)d workshops; you have chosen %(count)d: %(chosen)s.",
            maximum,
        )
    else:
        text = ngettext(
            "You can book at most %(max)d session; you have chosen %(count)d: %(chosen)s.",
            "You can book at most %(max)d sessions; you have chosen %(count)d: %(chosen)s.",
            maximum,
        )
    return text % {
        "max": maximum,
        "count": len(requested),
        "chosen": names(s.title for s in requested),
    }


def selection_violations(
    rules: EventRules,
    *,
    held: Sequence[SessionFacts] = (),
    requested: Sequence[SessionFacts] = (),
) -> list[Violation]:
    """What booking `requested` on top of the seats `held` would break."""
    held = [s for s in held if s.pk not in {r.pk for r in requested}]
    requested = list({s.pk: s for s in requested}.values())
    violations: list[Violation] = []
    if not requested:
        return violations
    if rules.max_sessions is not None and len(held) + len(requested) > rules.max_sessions:
        violations.append(
            Violation(
                MAX_SESSIONS,
                _max_message(rules, held, requested),
                tuple(s.pk for s in requested),
            )
        )
    # Pairs: each requested session against the held ones and the requested before it.
    pairs = []
    for index, new in enumerate(requested):
        pairs += [(new, old) for old in held]
        pairs += [(new, earlier) for earlier in requested[:index]]
    for new, other in pairs:
        if rules.one_per_round and new.overlaps(other):
            label = other.round_title or new.round_title or _time_span(other)
            violations.append(
                Violation(
                    ONE_PER_ROUND,
                    _("%(session)s overlaps with %(other)s (%(round)s).")
                    % {"session": quoted(new.title), "other": quoted(other.title), "round": label},
                    (new.pk, other.pk),
                )
            )
        if rules.one_per_topic and new.topic_key and new.topic_key == other.topic_key:
            violations.append(
                Violation(
                    ONE_PER_TOPIC,
                    _("%(session)s has the same topic as %(other)s (topic: %(topic)s).")
                    % {
                        "session": quoted(new.title),
                        "other": quoted(other.title),
                        "topic": new.topic.strip(),
                    },
                    (new.pk, other.pk),
                )
            )
    return violations


def full_sessions(requested: Sequence[SessionFacts], taken: dict[int, int]) -> list[SessionFacts]:
    """The requested sessions without a free seat (`taken`: confirmed seats per session)."""
    return [s for s in requested if s.capacity is not None and taken.get(s.pk, 0) >= s.capacity]


def full_violation(session: SessionFacts) -> Violation:
    return Violation(
        SESSION_FULL,
        _(
            "%(session)s is fully booked. You can join its waiting list: you will get the "
            "place automatically when one becomes free."
        )
        % {"session": quoted(session.title)},
        (session.pk,),
    )


def event_full_violation() -> Violation:
    return Violation(
        EVENT_FULL,
        _(
            "The event is fully booked. You can join the waiting list: you will get the "
            "place automatically when one becomes free."
        ),
    )


def answer_violations(questions: Sequence[QuestionFacts], answers: dict) -> list[Violation]:
    """Required questions answered, choices among the offered answers."""
    violations = []
    for question in questions:
        value = answers.get(str(question.pk), "")
        value = value.strip() if isinstance(value, str) else value
        if value in ("", None):
            if question.required:
                violations.append(
                    Violation(
                        REQUIRED_QUESTION,
                        _("Please answer the question %(question)s.")
                        % {"question": quoted(question.label)},
                    )
                )
            continue
        allowed = None
        if question.kind == "choice":
            allowed = question.choices
        elif question.kind == "yes_no":
            allowed = ("yes", "no")
        if allowed is not None and value not in allowed:
            violations.append(
                Violation(
                    INVALID_ANSWER,
                    _("Please choose one of the offered answers to %(question)s.")
                    % {"question": quoted(question.label)},
                )
            )
    return violations
