"""Rows of the permission matrix (tests/test_access_matrix.py) for preference mode.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs.

Ranking is for registered participants of an event one may see (others are sent
to the event page, 302); the allocation pages are for the organisers
(coordinators of the organising network) and admins. Events one may not see
answer 404 first. POST-only views answer 405 to a permitted GET.
"""

from tests.events.allocation_factories import PreferenceEventFactory, participant, workshops
from voneinander.events.models import AllocationRun, Registration, Visibility

ROLES = ["user", "member", "contact", "coordinator", "admin"]


def _event(world, *, network="alpha", visibility=Visibility.PUBLIC):
    chosen = world.network if network == "alpha" else world.other_network
    return PreferenceEventFactory(networks=[chosen], visibility=visibility)


def public_event(world):
    return {"slug": _event(world).slug}


def registered_event(world):
    """Every signed-in role is registered and may rank."""
    event = _event(world)
    for role in ROLES:
        Registration.objects.create(event=event, user=world.user(role))
    return {"slug": event.slug}


def other_members_event(world):
    return {"slug": _event(world, network="beta", visibility=Visibility.MEMBERS).slug}


def other_public_event(world):
    return {"slug": _event(world, network="beta").slug}


def _run(event):
    sessions = workshops(event)
    person = participant(event, sessions[0], sessions[3])
    run = AllocationRun.objects.create(
        event=event,
        seed=7,
        assignments={str(person.pk): [sessions[0].pk, sessions[3].pk]},
        summary={"people": 1, "ranked": 1, "first_choice": 1, "first_two": 1, "nothing": 0},
    )
    return run, person


def own_run(world):
    run, _person = _run(_event(world))
    return {"slug": run.event.slug, "pk": run.pk}


def other_run(world):
    run, _person = _run(_event(world, network="beta"))
    return {"slug": run.event.slug, "pk": run.pk}


def unknown_run(world):
    """A run of another event under this event's address: no such page."""
    run, _person = _run(_event(world, network="beta"))
    return {"slug": _event(world).slug, "pk": run.pk}


def own_person(world):
    run, person = _run(_event(world))
    return {"slug": run.event.slug, "pk": run.pk, "registration": person.pk}


def other_person(world):
    run, person = _run(_event(world, network="beta"))
    return {"slug": run.event.slug, "pk": run.pk, "registration": person.pk}


def person_not_in_run(world):
    run, _person = _run(_event(world))
    outsider = Registration.objects.create(event=run.event, user=world.user("member"))
    return {"slug": run.event.slug, "pk": run.pk, "registration": outsider.pk}


ROWS: dict = {
    # Not registered: sent to the event page to register first.
    "events:preferences": (public_event, "302 302 302 302 302 302"),
    "events:preferences[registered]": (registered_event, "302 200 200 200 200 200"),
    "events:preferences[other_members]": (other_members_event, "404 404 404 404 404 302"),
    "events:allocation": (public_event, "302 403 403 403 200 200"),
    "events:allocation[other]": (other_public_event, "302 403 403 403 403 200"),
    "events:allocation[other_members]": (other_members_event, "404 404 404 404 404 200"),
    "events:allocation_run": (public_event, "302 403 403 403 405 405"),
    "events:allocation_run[other]": (other_public_event, "302 403 403 403 403 405"),
    "events:allocation_result": (own_run, "302 403 403 403 200 200"),
    "events:allocation_result[other]": (other_run, "302 403 403 403 403 200"),
    "events:allocation_result[unknown]": (unknown_run, "302 403 403 403 404 404"),
    "events:allocation_adjust": (own_person, "302 403 403 403 200 200"),
    "events:allocation_adjust[other]": (other_person, "302 403 403 403 403 200"),
    "events:allocation_adjust[not_in_run]": (person_not_in_run, "302 403 403 403 404 404"),
    "events:allocation_publish": (own_run, "302 403 403 403 200 200"),
    "events:allocation_publish[other]": (other_run, "302 403 403 403 403 200"),
}
