"""Rows of the permission matrix (tests/test_access_matrix.py) for events.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs.

Registration pages: whoever may see an event may register (signed in); an event
one may not see answers 404 first. The organiser's pages are for coordinators of
the organising network and admins. POST-only views answer 405 to a permitted GET.
"""

from tests.events.factories import EventFactory, SessionBookingFactory, SessionFactory
from voneinander.events.models import Registration, Visibility

ROLES = ["user", "member", "contact", "coordinator", "admin"]


def _event(world, *, network="alpha", visibility=Visibility.PUBLIC):
    chosen = world.network if network == "alpha" else world.other_network
    return EventFactory(networks=[chosen], visibility=visibility)


def public_event(world):
    return {"slug": _event(world).slug}


def members_event(world):
    return {"slug": _event(world, visibility=Visibility.MEMBERS).slug}


def other_members_event(world):
    return {"slug": _event(world, network="beta", visibility=Visibility.MEMBERS).slug}


def other_public_event(world):
    return {"slug": _event(world, network="beta").slug}


def registered_event(world):
    """Every signed-in role is registered, with a seat in a session."""
    event = _event(world)
    session = SessionFactory(event=event)
    for role in ROLES:
        registration = Registration.objects.create(event=event, user=world.user(role))
        SessionBookingFactory(session=session, registration=registration)
    return {"slug": event.slug}


def own_booking(world):
    booking = SessionBookingFactory(session__event=_event(world))
    return {"slug": booking.session.event.slug, "pk": booking.pk}


def pending_registration(world):
    event = _event(world)
    registration = Registration.objects.create(
        event=event, user=world.user("user"), status="pending"
    )
    return {"slug": event.slug, "pk": registration.pk}


def other_pending_registration(world):
    event = _event(world, network="beta")
    registration = Registration.objects.create(
        event=event, user=world.user("user"), status="pending"
    )
    return {"slug": event.slug, "pk": registration.pk}


UNKNOWN = {"slug": "gibt-es-nicht"}

ROWS: dict = {
    "events:my_registrations": ({}, "302 200 200 200 200 200"),
    "events:register": (public_event, "302 200 200 200 200 200"),
    "events:register[members]": (members_event, "404 404 200 200 200 200"),
    "events:register[other-members]": (other_members_event, "404 404 404 404 404 200"),
    "events:register[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    # Not registered yet: sent to the registration form.
    "events:registration_change": (public_event, "302 302 302 302 302 302"),
    "events:registration_change[registered]": (registered_event, "302 200 200 200 200 200"),
    "events:registration_change[other-members]": (
        other_members_event,
        "404 404 404 404 404 302",
    ),
    "events:registration_cancel": (public_event, "302 302 302 302 302 302"),
    "events:registration_cancel[registered]": (registered_event, "302 200 200 200 200 200"),
    "events:registration_cancel[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "events:booking_cancel": (own_booking, "302 405 405 405 405 405"),
    "events:booking_cancel[unknown]": ({**UNKNOWN, "pk": 1}, "404 404 404 404 404 404"),
    "events:registration_list": (public_event, "302 403 403 403 200 200"),
    "events:registration_list[other]": (other_public_event, "302 403 403 403 403 200"),
    "events:registration_list[other-members]": (
        other_members_event,
        "404 404 404 404 404 200",
    ),
    "events:registration_decide": (pending_registration, "302 403 403 403 405 405"),
    "events:registration_decide[other]": (
        other_pending_registration,
        "302 403 403 403 403 405",
    ),
    "events:registration_export": (public_event, "302 403 403 403 200 200"),
    "events:registration_export[other]": (other_public_event, "302 403 403 403 403 200"),
}
