"""Rows of the permission matrix (tests/test_access_matrix.py): participant list,
check-in and attendance, certificates.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs.

The list for others follows the event's level (organisers only, participants,
members of the organising networks); organisers and admins always see it. The
organisers' pages are for coordinators of the organising network and admins.
An event one may not see answers 404 first; POST-only views answer 405 to a
permitted GET. A certificate without attendance sends back to the event page.
"""

from django.utils import timezone

from tests.events.factories import (
    EventFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
)
from voneinander.events.models import ParticipantListVisibility, Visibility

SIGNED_IN = ["user", "member", "contact", "coordinator", "admin"]
UNKNOWN = {"slug": "gibt-es-nicht"}


def _event(world, *, network="alpha", visibility=Visibility.PUBLIC, **extra):
    chosen = world.network if network == "alpha" else world.other_network
    return EventFactory(networks=[chosen], visibility=visibility, **extra)


def public_event(world):
    return {"slug": _event(world).slug}


def other_public_event(world):
    return {"slug": _event(world, network="beta").slug}


def other_members_event(world):
    return {"slug": _event(world, network="beta", visibility=Visibility.MEMBERS).slug}


def list_for_participants(world):
    """Only the plain "user" is registered (without consent: the page opens all the same)."""
    event = _event(world, participant_list_visibility=ParticipantListVisibility.PARTICIPANTS)
    RegistrationFactory(event=event, user=world.user("user"))
    return {"slug": event.slug}


def list_for_members(world):
    event = _event(world, participant_list_visibility=ParticipantListVisibility.MEMBERS)
    return {"slug": event.slug}


def everyone_attended(world):
    """Every signed-in role is registered and checked in."""
    event = _event(world)
    for role in SIGNED_IN:
        RegistrationFactory(event=event, user=world.user(role), checked_in_at=timezone.now())
    return {"slug": event.slug}


def attended_registration(world):
    event = _event(world)
    registration = RegistrationFactory(event=event, checked_in_at=timezone.now())
    return {"slug": event.slug, "pk": registration.pk}


def absent_registration(world):
    event = _event(world)
    return {"slug": event.slug, "pk": RegistrationFactory(event=event).pk}


def other_attended_registration(world):
    event = _event(world, network="beta")
    registration = RegistrationFactory(event=event, checked_in_at=timezone.now())
    return {"slug": event.slug, "pk": registration.pk}


def mismatched_registration(world):
    """A registration of another event of alpha, under this event's address."""
    registration = RegistrationFactory(event=_event(world), checked_in_at=timezone.now())
    return {"slug": _event(world).slug, "pk": registration.pk}


def session(world):
    item = SessionFactory(event=_event(world))
    return {"slug": item.event.slug, "pk": item.pk}


def other_session(world):
    item = SessionFactory(event=_event(world, network="beta"))
    return {"slug": item.event.slug, "pk": item.pk}


def mismatched_session(world):
    item = SessionFactory(event=_event(world))
    return {"slug": _event(world).slug, "pk": item.pk}


def booking(world):
    item = SessionBookingFactory(session__event=_event(world))
    return {"slug": item.session.event.slug, "pk": item.pk}


def other_booking(world):
    item = SessionBookingFactory(session__event=_event(world, network="beta"))
    return {"slug": item.session.event.slug, "pk": item.pk}


ORGANISERS = "302 403 403 403 200 200"
OTHER_ORGANISERS = "302 403 403 403 403 200"
HIDDEN = "404 404 404 404 404 200"

ROWS: dict = {
    # The list for others, by level.
    "events:participants": (public_event, ORGANISERS),
    "events:participants[participants]": (list_for_participants, "302 200 403 403 200 200"),
    "events:participants[members]": (list_for_members, "302 403 200 200 200 200"),
    "events:participants[other]": (other_public_event, OTHER_ORGANISERS),
    "events:participants[other-members]": (other_members_event, HIDDEN),
    "events:participants[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "events:participant_consent": (public_event, "302 405 405 405 405 405"),
    "events:participant_consent[other-members]": (
        other_members_event,
        HIDDEN.replace("200", "405"),
    ),
    # Self check-in and the own certificate.
    "events:self_check_in": (public_event, "302 405 405 405 405 405"),
    "events:self_check_in[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "events:certificate": (public_event, "302 302 302 302 302 302"),
    "events:certificate[attended]": (everyone_attended, "302 200 200 200 200 200"),
    "events:certificate[other-members]": (other_members_event, HIDDEN.replace("200", "302")),
    # Organisers.
    "events:participants_manage": (public_event, ORGANISERS),
    "events:participants_manage[other]": (other_public_event, OTHER_ORGANISERS),
    "events:participants_manage[other-members]": (other_members_event, HIDDEN),
    "events:participants_export_xlsx": (public_event, ORGANISERS),
    "events:participants_export_xlsx[other]": (other_public_event, OTHER_ORGANISERS),
    "events:participants_settings": (public_event, ORGANISERS),
    "events:participants_settings[other]": (other_public_event, OTHER_ORGANISERS),
    "events:check_in": (attended_registration, "302 403 403 403 405 405"),
    "events:check_in[other]": (other_attended_registration, "302 403 403 403 403 405"),
    "events:certificate_for": (attended_registration, ORGANISERS),
    "events:certificate_for[absent]": (absent_registration, "302 403 403 403 302 302"),
    "events:certificate_for[other]": (other_attended_registration, OTHER_ORGANISERS),
    "events:certificate_for[mismatched]": (mismatched_registration, "302 403 403 403 404 404"),
    "events:session_attendance": (session, ORGANISERS),
    "events:session_attendance[other]": (other_session, OTHER_ORGANISERS),
    "events:session_attendance[mismatched]": (mismatched_session, "302 403 403 403 404 404"),
    "events:booking_attendance": (booking, "302 403 403 403 405 405"),
    "events:booking_attendance[other]": (other_booking, "302 403 403 403 403 405"),
}
