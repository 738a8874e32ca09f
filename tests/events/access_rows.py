"""Rows of the permission matrix (tests/test_access_matrix.py) for events.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs.

Events the person may not see answer 404 before any login redirect, so that
nobody learns that they exist. The "coordinator" role coordinates network
alpha and therefore organises alpha's events, not beta's.
"""

from tests.events.factories import (
    EventFactory,
    EventSeriesFactory,
    ProgrammePartFactory,
)
from voneinander.events.models import CalendarFeedToken, Visibility


def _event(world, *, network="alpha", visibility=Visibility.PUBLIC, **extra):
    chosen = world.network if network == "alpha" else world.other_network
    return EventFactory(networks=[chosen], visibility=visibility, **extra)


def public_event(world):
    return {"slug": _event(world).slug}


def members_event(world):
    return {"slug": _event(world, visibility=Visibility.MEMBERS).slug}


def other_public_event(world):
    return {"slug": _event(world, network="beta").slug}


def other_members_event(world):
    return {"slug": _event(world, network="beta", visibility=Visibility.MEMBERS).slug}


def invited_event(world):
    """Invitation only; the plain "user" is invited, the members of alpha are not."""
    event = _event(world, visibility=Visibility.INVITED, invited=[world.user("user")])
    return {"slug": event.slug}


UNKNOWN = {"slug": "gibt-es-nicht"}


def programme_part(world):
    part = ProgrammePartFactory(event=_event(world))
    return {"slug": part.event.slug, "kind": "teil", "pk": part.pk}


def other_programme_part(world):
    part = ProgrammePartFactory(event=_event(world, network="beta"))
    return {"slug": part.event.slug, "kind": "teil", "pk": part.pk}


def mismatched_programme_part(world):
    """A part of another event under this event's address: no such page."""
    part = ProgrammePartFactory(event=_event(world))
    return {"slug": _event(world).slug, "kind": "teil", "pk": part.pk}


def feed_token(world):
    token = CalendarFeedToken.objects.create(user=world.user("member"), token="geheim-123")
    return {"token": token.token}


def revoked_feed_token(world):
    from django.utils import timezone

    token = CalendarFeedToken.objects.create(
        user=world.user("member"), token="widerrufen-123", revoked_at=timezone.now()
    )
    return {"token": token.token}


def own_series(world):
    return {"pk": EventSeriesFactory(networks=[world.network]).pk}


def other_series(world):
    return {"pk": EventSeriesFactory(networks=[world.other_network]).pk}


MANAGE = "302 403 403 403 200 200"
MANAGE_OTHER = "302 403 403 403 403 200"
HIDDEN_OTHER = "404 404 404 404 404 200"
NOWHERE = "404 404 404 404 404 404"

ROWS: dict = {
    # Pages and calendars: whoever may see the event.
    "events:list": ({}, "200 200 200 200 200 200"),
    "events:detail": (public_event, "200 200 200 200 200 200"),
    "events:detail[members]": (members_event, "404 404 200 200 200 200"),
    "events:detail[other-members]": (other_members_event, HIDDEN_OTHER),
    "events:detail[invited]": (invited_event, "404 200 404 404 200 200"),
    "events:detail[unknown]": (UNKNOWN, NOWHERE),
    "events:ics": (public_event, "200 200 200 200 200 200"),
    "events:ics[members]": (members_event, "404 404 200 200 200 200"),
    "events:ics[other-members]": (other_members_event, HIDDEN_OTHER),
    # Joining the meeting needs a login; without a confirmed registration in the
    # link window it sends people back to the event page (organisers get in).
    "events:join": (public_event, "302 302 302 302 302 302"),
    "events:join[members]": (members_event, "404 404 302 302 302 302"),
    "events:join[other-members]": (other_members_event, "404 404 404 404 404 302"),
    # The personal feed: the token is the credential; the network feed is public.
    "events:feed_tokens": ({}, "302 200 200 200 200 200"),
    "events:personal_feed": (feed_token, "200 200 200 200 200 200"),
    "events:personal_feed[revoked]": (revoked_feed_token, NOWHERE),
    "events:personal_feed[unknown]": ({"token": "falsch"}, NOWHERE),
    "events:network_feed": ({"slug": "alpha"}, "200 200 200 200 200 200"),
    "events:network_feed[unknown]": (UNKNOWN, NOWHERE),
    # Organising: coordinators of an organising network, named organisers, admins.
    "events:create": ({}, MANAGE),
    "events:series_create": ({}, MANAGE),
    # A series one may not manage is not known: 404, as for an unknown one.
    "events:series": (own_series, "404 404 404 404 200 200"),
    "events:series[other]": (other_series, HIDDEN_OTHER),
    "events:series[unknown]": ({"pk": 999999}, NOWHERE),
    "events:manage": (public_event, MANAGE),
    "events:manage[other]": (other_public_event, MANAGE_OTHER),
    "events:manage[members]": (members_event, "404 404 403 403 200 200"),
    "events:manage[other-members]": (other_members_event, HIDDEN_OTHER),
    "events:edit": (public_event, MANAGE),
    "events:edit[other]": (other_public_event, MANAGE_OTHER),
    "events:rules": (public_event, MANAGE),
    "events:rules[other]": (other_public_event, MANAGE_OTHER),
    "events:cancel": (public_event, MANAGE),
    "events:cancel[other]": (other_public_event, MANAGE_OTHER),
    "events:programme": (public_event, MANAGE),
    "events:programme[other]": (other_public_event, MANAGE_OTHER),
    "events:programme_add": (lambda world: public_event(world) | {"kind": "teil"}, MANAGE),
    "events:programme_add[other]": (
        lambda world: other_public_event(world) | {"kind": "teil"},
        MANAGE_OTHER,
    ),
    "events:programme_edit": (programme_part, MANAGE),
    "events:programme_edit[other]": (other_programme_part, MANAGE_OTHER),
    "events:programme_edit[mismatch]": (mismatched_programme_part, "302 403 403 403 404 404"),
    "events:programme_delete": (programme_part, MANAGE),
    "events:programme_delete[other]": (other_programme_part, MANAGE_OTHER),
    # POST only: the rule is checked first, then the method.
    "events:bbb_room": (public_event, "302 403 403 403 405 405"),
    "events:bbb_room[other]": (other_public_event, "302 403 403 403 403 405"),
}
