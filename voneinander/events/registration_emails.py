"""The e-mails about registrations, in German (formal "Sie").

Each kind is a body template `events/email/registration_<kind>.txt` (English
msgids, translated through gettext) and a subject below. Mails that describe
the person's current bookings carry an .ics file: the event and each booked
session, waiting-list places and pending registrations as TENTATIVE, a
cancelled registration as CANCELLED (so that calendars drop the entries).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from voneinander.events import ics
from voneinander.events.feeds import event_entry
from voneinander.events.models import BookingStatus, Registration, RegistrationStatus, Session
from voneinander.events.registration_selectors import (
    event_waitlist_position,
    registration_for_mail,
)

MAIL_LANGUAGE = "de"

SUBJECTS = {
    "confirmation": lambda: _("Registration confirmed: %(event)s"),
    "pending": lambda: _("Registration received, awaiting approval: %(event)s"),
    "event_waitlist": lambda: _("On the waiting list: %(event)s"),
    "changed": lambda: _("Your sessions have changed: %(event)s"),
    "cancelled": lambda: _("Registration cancelled: %(event)s"),
    "approved": lambda: _("Registration approved: %(event)s"),
    "declined": lambda: _("Registration declined: %(event)s"),
    "promoted": lambda: _("You have a place now: %(session)s"),
    "event_promoted": lambda: _("You have a place now: %(event)s"),
    "skipped": lambda: _("A place became free, but could not be given to you: %(session)s"),
    "reminder": lambda: _("Reminder: %(event)s"),
}
WITH_CALENDAR = {
    "confirmation",
    "pending",
    "changed",
    "cancelled",
    "approved",
    "promoted",
    "event_promoted",
    "reminder",
}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _entry_status(registration: Registration, booking=None) -> str:
    if registration.status in {RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED}:
        return "CANCELLED"
    if registration.status != RegistrationStatus.CONFIRMED:
        return "TENTATIVE"
    if booking is not None and booking.status != BookingStatus.CONFIRMED:
        return "TENTATIVE"
    return "CONFIRMED"


def registration_calendar(registration: Registration, bookings) -> bytes:
    """The event and the person's sessions, as in the personal calendar feed."""
    event = registration.event
    entries = [event_entry(event, status=_entry_status(registration))]
    url = absolute(event.get_absolute_url())
    for booking in bookings:
        session = booking.session
        entries.append(
            ics.Entry(
                uid=ics.uid_for("session", session.pk),
                summary=f"{session.title} ({event.title})",
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                url=url,
                location="" if "://" in session.room else session.room,
                description=session.topic,
                status="CANCELLED" if event.cancelled_at else _entry_status(registration, booking),
                sequence=ics.sequence_of(booking.updated_at),
            )
        )
    return ics.calendar(entries, name=event.title)


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def send(
    kind: str,
    registration: Registration,
    *,
    sessions: list[int] | None = None,
    given_up: list[int] | None = None,
    reasons: list[str] | None = None,
    reason: str = "",
) -> bool:
    user = registration.user
    if not user.email or not user.is_active:
        return False
    registration = registration_for_mail(registration)
    event = registration.event
    bookings = registration.active_bookings
    if kind in {"cancelled", "declined"}:
        # Tell calendars to drop the sessions too.
        bookings = list(registration.bookings.select_related("session").order_by("pk"))
    named = {
        s.pk: s
        for s in Session.objects.filter(pk__in=[*(sessions or []), *(given_up or [])]).order_by(
            "starts_at", "pk"
        )
    }
    with translation.override(MAIL_LANGUAGE):
        context = {
            "site_name": settings.SITE_NAME,
            "user": user,
            "event": event,
            "registration": registration,
            "when": _when(event.starts_at),
            "seats": [b for b in bookings if b.status == BookingStatus.CONFIRMED],
            "waits": [b for b in bookings if b.status == BookingStatus.WAITLISTED],
            "sessions": [named[pk] for pk in sessions or [] if pk in named],
            "given_up": [named[pk] for pk in given_up or [] if pk in named],
            "reasons": reasons or [],
            "reason": reason,
            "event_position": event_waitlist_position(registration),
            "url": absolute(event.get_absolute_url()),
            "mine_url": absolute(reverse("events:my_registrations")),
        }
        subject_values = {
            "event": event.title,
            "session": ", ".join(s.title for s in context["sessions"]) or event.title,
        }
        subject = SUBJECTS[kind]() % subject_values
        body = render_to_string(f"events/email/registration_{kind}.txt", context)
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] " + " ".join(subject.split()),
        body=body.strip() + "\n",
        to=[user.email],
    )
    if kind in WITH_CALENDAR:
        message.attach(
            f"{event.slug}.ics",
            registration_calendar(registration, bookings),
            "text/calendar",
        )
    message.send()
    return True


def organiser_addresses(event) -> list[str]:
    """Named organisers and coordinators of the organising networks (active, with e-mail)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    users = (
        get_user_model()
        .objects.filter(
            Q(organised_events=event) | Q(coordinator_roles__network__events=event),
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(set(users))


def send_approval_request(registration: Registration) -> bool:
    """Tell the organisers that a registration waits for their decision (one mail)."""
    registration = registration_for_mail(registration)
    if registration.status != RegistrationStatus.PENDING:
        return False
    event = registration.event
    recipients = organiser_addresses(event)
    if not recipients:
        return False
    with translation.override(MAIL_LANGUAGE):
        context = {
            "site_name": settings.SITE_NAME,
            "event": event,
            "registration": registration,
            "person": registration.user,
            "when": _when(event.starts_at),
            "registered_at": _when(registration.created_at),
            "list_url": absolute(reverse("events:registration_list", kwargs={"slug": event.slug})),
        }
        subject = _("Registration awaiting your approval: %(event)s") % {"event": event.title}
        body = render_to_string("events/email/registration_approval_request.txt", context)
    EmailMessage(
        subject=f"[{settings.SITE_NAME}] " + " ".join(subject.split()),
        body=body.strip() + "\n",
        to=recipients,
    ).send()
    return True
