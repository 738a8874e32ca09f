"""Preference mode end to end: ranking, running, the result page, adjusting, publishing."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from icalendar import Calendar

from tests.events.allocation_factories import (
    PreferenceEventFactory,
    participant,
    rank,
    workshops,
)
from tests.events.factories import EventFactory, RegistrationFactory, SessionFactory
from tests.factories import UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.events import allocation_services as services
from voneinander.events import registration_services
from voneinander.events.models import (
    AllocationMode,
    AllocationRun,
    Preference,
    Registration,
    SessionBooking,
)

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(days=-1)


def ranking(registration):
    return [
        (p.rank, p.session.title)
        for p in Preference.objects.filter(registration=registration)
        .select_related("session")
        .order_by("rank")
    ]


def seats(registration):
    return sorted(
        b.session.title
        for b in SessionBooking.objects.filter(
            registration=registration, status="confirmed"
        ).select_related("session")
    )


def lead(msgid: str) -> str:
    """The translated message up to its first placeholder (for messages with dates)."""
    return gettext(msgid).split("%(")[0]


NOT_OF_EVENT = (
    "One of the ranked sessions is not part of this event. "
    "Please rank only the sessions listed here."
)


def form_errors(response):
    form = response.context["form"]
    return [str(e) for e in form.non_field_errors()] + [
        str(e) for field in form for e in field.errors
    ]


@pytest.fixture
def congress(world):
    """A preference-mode congress of network alpha: 2 rounds × 3 workshops, 2 places each."""
    event = PreferenceEventFactory(networks=[world.network])
    return event, workshops(event)


# --- ranking ---------------------------------------------------------------------------


def test_ranking_is_saved_in_order_and_shown_on_the_event_page(world, client_as, congress):
    event, sessions = congress
    user = world.user("member")
    registration = RegistrationFactory(event=event, user=user)
    client = client_as(user)
    url = reverse("events:preferences", kwargs={"slug": event.slug})

    response = client.post(url, {f"rang-{sessions[4].pk}": "1", f"rang-{sessions[0].pk}": "3"})

    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url() + "#praeferenzen"
    # Gaps are closed: ranks 1 and 3 become 1 and 2.
    assert ranking(registration) == [(1, "Homeoffice (2)"), (2, "Digitale Stadt (1)")]
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="praeferenzen"' in page
    assert page.index("Homeoffice (2)") < page.index("Digitale Stadt (1)")
    assert reverse("events:preferences", kwargs={"slug": event.slug}) in page


def test_ranking_can_be_changed_until_the_deadline(world, client_as, congress):
    event, sessions = congress
    registration = participant(event, sessions[0], sessions[1], user=world.user("member"))
    client = client_as(world.user("member"))
    url = reverse("events:preferences", kwargs={"slug": event.slug})

    page = client.get(url)
    assert page.context["form"][f"rang-{sessions[1].pk}"].value() == 2
    client.post(url, {f"rang-{sessions[2].pk}": "1"})

    assert ranking(registration) == [(1, "Dorf (1)")]


def test_ranking_with_a_rank_twice_is_refused_and_nothing_changes(world, client_as, congress):
    event, sessions = congress
    registration = participant(event, sessions[0], user=world.user("member"))
    client = client_as(world.user("member"))

    response = client.post(
        reverse("events:preferences", kwargs={"slug": event.slug}),
        {
            f"rang-{sessions[1].pk}": "1",
            f"rang-{sessions[2].pk}": "1",
            f"rang-{sessions[3].pk}": "2",
        },
    )

    assert response.status_code == 200
    errors = form_errors(response)
    assert any("„Dorf (1)“" in e for e in errors)  # named on Homeoffice's field
    assert any("„Homeoffice (1)“" in e for e in errors)
    assert ranking(registration) == [(1, "Digitale Stadt (1)")]


def test_ranking_a_session_of_another_event_is_refused(world, client_as, congress):
    event, sessions = congress
    registration = participant(event, sessions[0], user=world.user("member"))
    foreign = SessionFactory(event=EventFactory(networks=[world.network]))
    client = client_as(world.user("member"))

    response = client.post(
        reverse("events:preferences", kwargs={"slug": event.slug}),
        {f"rang-{sessions[1].pk}": "1", f"rang-{foreign.pk}": "2"},
    )

    assert response.status_code == 200
    assert gettext(NOT_OF_EVENT) in form_errors(response)
    assert ranking(registration) == [(1, "Digitale Stadt (1)")]
    with pytest.raises(ValidationError) as refused:
        services.save_ranking(registration=registration, ranking={foreign.pk: 1})
    assert refused.value.messages == [gettext(NOT_OF_EVENT)]


@pytest.mark.parametrize("value", ["abc", "0", "99", "-1", "1.5"])
def test_ranking_with_a_nonsense_rank_gets_a_message(world, client_as, congress, value):
    event, sessions = congress
    registration = participant(event, sessions[0], user=world.user("member"))

    response = client_as(world.user("member")).post(
        reverse("events:preferences", kwargs={"slug": event.slug}),
        {f"rang-{sessions[1].pk}": value},
    )

    assert response.status_code == 200
    assert response.context["form"][f"rang-{sessions[1].pk}"].errors
    assert ranking(registration) == [(1, "Digitale Stadt (1)")]


def test_ranking_after_the_deadline_is_refused_with_the_date(world, client_as, congress):
    event, sessions = congress
    event.preferences_close_at = timezone.now() + PAST
    event.save()
    registration = participant(event, sessions[0], user=world.user("member"))
    client = client_as(world.user("member"))
    url = reverse("events:preferences", kwargs={"slug": event.slug})

    page = client.get(url)
    response = client.post(url, {f"rang-{sessions[1].pk}": "1"})

    assert page.status_code == 200
    assert "Digitale Stadt (1)" in page.content.decode()
    assert b'type="submit"' not in page.content.split(b"<main")[1].split(b"</main>")[0]
    assert response.status_code == 200
    closed = lead("Preferences could be given until %(date)s.")
    assert any(e.startswith(closed) for e in form_errors(response))
    assert ranking(registration) == [(1, "Digitale Stadt (1)")]
    with pytest.raises(ValidationError) as refused:
        services.save_ranking(registration=registration, ranking={sessions[1].pk: 1})
    assert refused.value.messages[0].startswith(closed)


def test_ranking_needs_a_registration(world, client_as, congress):
    event, _sessions = congress

    response = client_as(world.user("member")).get(
        reverse("events:preferences", kwargs={"slug": event.slug})
    )

    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url() + "#anmeldung"


def test_ranking_in_first_come_mode_sends_back_to_the_event(world, client_as):
    event = EventFactory(networks=[world.network])
    RegistrationFactory(event=event, user=world.user("member"))

    response = client_as(world.user("member")).get(
        reverse("events:preferences", kwargs={"slug": event.slug})
    )

    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()


def test_registering_in_preference_mode_books_nothing_then_ranking_works(world, congress):
    event, sessions = congress
    registration = registration_services.register(
        event=event, user=world.user("user"), sessions=[sessions[0].pk]
    )

    assert seats(registration) == []
    services.save_ranking(registration=registration, ranking={sessions[3].pk: 1, sessions[1].pk: 2})
    assert ranking(registration) == [(1, "Digitale Stadt (2)"), (2, "Homeoffice (1)")]


def test_preferences_page_queries_do_not_grow_with_sessions(world, client_as):
    def count(per_round):
        event = PreferenceEventFactory(networks=[world.network])
        topics = tuple(tuple(f"Thema {r}-{i}" for i in range(per_round)) for r in range(2))
        sessions = workshops(event, topics=topics)
        participant(event, *sessions, user=UserFactory())
        registration = Registration.objects.filter(event=event).get()
        client = client_as(registration.user)
        url = reverse("events:preferences", kwargs={"slug": event.slug})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(1) == count(8)


# --- running and the result page ------------------------------------------------------------


def test_running_stores_seed_assignments_and_figures(world, client_as, congress):
    event, sessions = congress
    dst1, _home1, _dorf1, dst2, home2, smart2 = sessions
    a = participant(event, dst1, home2)
    b = participant(event, dst1, dst2, smart2)
    c = participant(event, dst1, home2)
    d = participant(event)  # ranked nothing
    client = client_as(world.user("coordinator"))

    response = client.post(
        reverse("events:allocation_run", kwargs={"slug": event.slug}), {"seed": "42"}
    )

    run = AllocationRun.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "events:allocation_result", kwargs={"slug": event.slug, "pk": run.pk}
    )
    assert run.seed == 42
    assert run.created_by == world.user("coordinator")
    given = {int(pk): sorted(v) for pk, v in run.assignments.items()}
    assert given[d.pk] == []
    # dst1 has two places for three first choices; b also wanted dst2 (same topic) and smart2.
    assert sorted(len(given[p.pk]) for p in (a, b, c)) == [1, 2, 2]
    assert sum(dst1.pk in given[p.pk] for p in (a, b, c)) == 2
    assert run.summary["people"] == 4
    assert run.summary["ranked"] == 3
    assert run.summary["first_choice"] == 2
    assert run.summary["nothing"] == 0
    assert run.summary["sessions"][str(dst1.pk)] == {
        "seats": 2,
        "capacity": 2,
        "first_choice_of": 3,
    }
    audit = AuditEvent.objects.get(action="allocation.run")
    assert audit.data["seed"] == 42
    assert audit.actor == world.user("coordinator")


def test_the_same_seed_gives_the_same_allocation(world, congress):
    event, sessions = congress
    for i in range(8):
        participant(event, *(sessions[(i + k) % 6] for k in range(4)))

    first = services.run_allocation(event=event, by=world.user("coordinator"), seed=99)
    again = services.run_allocation(event=event, by=world.user("coordinator"), seed=99)
    fresh = services.run_allocation(event=event, by=world.user("coordinator"))

    assert first.assignments == again.assignments
    assert fresh.seed != 99
    assert fresh.summary["satisfaction"] == first.summary["satisfaction"]


def test_running_with_a_bad_seed_gets_a_message(world, client_as, congress):
    event, _sessions = congress
    client = client_as(world.user("coordinator"))

    response = client.post(
        reverse("events:allocation_run", kwargs={"slug": event.slug}), {"seed": "-5"}, follow=True
    )

    assert response.status_code == 200
    assert AllocationRun.objects.count() == 0
    assert len(list(response.context["messages"])) == 1


def test_running_in_first_come_mode_is_refused(world, client_as):
    event = EventFactory(networks=[world.network], allocation_mode=AllocationMode.FIRST_COME)

    response = client_as(world.user("coordinator")).post(
        reverse("events:allocation_run", kwargs={"slug": event.slug}), follow=True
    )

    assert AllocationRun.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        gettext("This event books sessions first come, first served; there is nothing to allocate.")
    ]


def test_result_page_shows_figures_sessions_and_people(world, client_as, congress):
    event, sessions = congress
    person = participant(event, sessions[0], sessions[3], user=UserFactory(last_name="Zander"))
    run = services.run_allocation(event=event, by=world.user("coordinator"), seed=1)
    client = client_as(world.user("coordinator"))
    url = reverse("events:allocation_result", kwargs={"slug": event.slug, "pk": run.pk})

    page = client.get(url).content.decode()
    only_dorf = client.get(url, {"zeigen": str(sessions[2].pk)}).content.decode()

    assert "Zander" in page
    with translation.override("de"):
        assert translation.gettext("seed %(seed)s") % {"seed": 1} in page
    assert "Digitale Stadt (1)" in page
    assert (
        reverse(
            "events:allocation_adjust",
            kwargs={"slug": event.slug, "pk": run.pk, "registration": person.pk},
        )
        in page
    )
    assert "Zander" not in only_dorf


def test_result_page_queries_do_not_grow_with_participants(world, client_as):
    def count(people):
        event = PreferenceEventFactory(networks=[world.network])
        sessions = workshops(event, capacity=10)
        for i in range(people):
            participant(event, sessions[i % 6], sessions[(i + 3) % 6])
        run = services.run_allocation(event=event, by=world.user("coordinator"), seed=3)
        client = client_as(world.user("coordinator"))
        url = reverse("events:allocation_result", kwargs={"slug": event.slug, "pk": run.pk})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(1) == count(30)


def test_overview_lists_runs_and_counts(world, client_as, congress):
    event, sessions = congress
    participant(event, sessions[0])
    RegistrationFactory(event=event, status="pending")
    run = services.run_allocation(event=event, by=world.user("coordinator"), seed=5)

    response = client_as(world.user("coordinator")).get(
        reverse("events:allocation", kwargs={"slug": event.slug})
    )

    assert response.context["counts"] == {"confirmed": 1, "pending": 1, "ranked": 1}
    assert [r.pk for r in response.context["runs"]] == [run.pk]
    assert b"allocation_run" not in response.content  # the URL, not the name
    assert reverse("events:allocation_run", kwargs={"slug": event.slug}).encode() in (
        response.content
    )


# --- adjusting ----------------------------------------------------------------------------------


@pytest.fixture
def drafted(world, congress):
    """Three participants, allocated: who sits where is fixed by hand for the tests."""
    event, sessions = congress
    dst1, home1, _dorf1, _dst2, home2, smart2 = sessions
    a = participant(event, dst1, home2, user=UserFactory(first_name="Anna", last_name="A"))
    b = participant(event, dst1, smart2, user=UserFactory(first_name="Ben", last_name="B"))
    c = participant(event, home1, user=UserFactory(first_name="Cem", last_name="C"))
    run = services.run_allocation(event=event, by=world.user("coordinator"), seed=1)
    run.assignments = {
        str(a.pk): [dst1.pk, home2.pk],
        str(b.pk): [dst1.pk, smart2.pk],
        str(c.pk): [home1.pk],
    }
    run.save()
    return run, sessions, (a, b, c)


def adjust(client, run, person, **data):
    url = reverse(
        "events:allocation_adjust",
        kwargs={"slug": run.event.slug, "pk": run.pk, "registration": person.pk},
    )
    return client.post(url, {k: str(v.pk) for k, v in data.items()})


def test_adjusting_moves_a_person_and_updates_the_figures(world, client_as, drafted):
    run, sessions, (_a, _b, c) = drafted
    _dst1, home1, dorf1, _dst2, _home2, _smart2 = sessions
    client = client_as(world.user("coordinator"))

    response = adjust(client, run, c, remove=home1, add=dorf1)

    assert response.status_code == 302
    run.refresh_from_db()
    assert run.assignments[str(c.pk)] == [dorf1.pk]
    assert run.summary["sessions"][str(dorf1.pk)]["seats"] == 1
    assert run.summary["first_choice"] == 2  # a and b; c lost hers
    assert run.summary["adjusted"] == 1
    audit = AuditEvent.objects.get(action="allocation.adjusted")
    assert audit.data == {
        "registration": c.pk,
        "run": run.pk,
        "removed": home1.pk,
        "added": dorf1.pk,
    }


def test_adjusting_into_a_full_session_is_refused(world, client_as, drafted):
    run, sessions, (_a, _b, c) = drafted
    client = client_as(world.user("coordinator"))

    response = adjust(client, run, c, remove=sessions[1], add=sessions[0])

    assert response.status_code == 200
    expected = gettext(
        "%(session)s is full (%(seats)d of %(capacity)d places given). "
        "Take someone out of it first."
    ) % {"session": "„Digitale Stadt (1)“", "seats": 2, "capacity": 2}
    assert form_errors(response) == [expected]
    run.refresh_from_db()
    assert run.assignments[str(c.pk)] == [sessions[1].pk]


@pytest.mark.parametrize(
    ("add", "expected"),
    [
        (2, ("%(session)s overlaps with %(other)s, which %(person)s has already.", {})),
        (
            3,
            (
                "%(session)s has the same topic as %(other)s (topic: %(topic)s), "
                "which %(person)s has already.",
                {"topic": "Digitale Stadt"},
            ),
        ),
    ],
)
def test_adjusting_against_the_rules_names_rule_and_session(
    world, client_as, drafted, add, expected
):
    run, sessions, (a, _b, _c) = drafted
    client = client_as(world.user("coordinator"))

    response = adjust(client, run, a, remove=sessions[4], add=sessions[add])

    msgid, extra = expected
    values = {
        "session": f"„{sessions[add].title}“",
        "other": "„Digitale Stadt (1)“",
        "person": a.user.display_name,
    }
    assert response.status_code == 200
    assert form_errors(response) == [gettext(msgid) % (values | extra)]
    run.refresh_from_db()
    assert run.assignments[str(a.pk)] == [sessions[0].pk, sessions[4].pk]


def test_adjusting_beyond_the_maximum_is_refused(world, drafted):
    run, sessions, (a, _b, _c) = drafted
    run.event.one_session_per_round = False
    run.event.save()

    with pytest.raises(ValidationError) as refused:
        services.adjust_allocation(
            run=run, registration=a, add=sessions[2].pk, by=world.user("coordinator")
        )
    assert refused.value.messages == [
        ngettext(
            "%(person)s may have at most %(max)d session; this would be %(sessions)s.",
            "%(person)s may have at most %(max)d sessions; this would be %(sessions)s.",
            2,
        )
        % {
            "person": a.user.display_name,
            "max": 2,
            "sessions": gettext("%(first)s and %(last)s")
            % {"first": "„Digitale Stadt (1)“, „Homeoffice (2)“", "last": "„Dorf (1)“"},
        }
    ]


def test_adjusting_adds_and_removes_single_places(world, client_as, drafted):
    run, sessions, (a, _b, c) = drafted
    client = client_as(world.user("coordinator"))

    added = adjust(client, run, c, add=sessions[5])
    removed = adjust(client, run, a, remove=sessions[4])

    assert added.status_code == removed.status_code == 302
    run.refresh_from_db()
    assert run.assignments[str(c.pk)] == [sessions[1].pk, sessions[5].pk]  # ranked first
    assert run.assignments[str(a.pk)] == [sessions[0].pk]
    assert run.summary["seats"] == 5


def test_adjusting_into_a_session_of_another_event_gets_a_message(world, client_as, drafted):
    run, _sessions, (a, _b, _c) = drafted
    foreign = SessionFactory(event=EventFactory(networks=[world.network]))

    response = adjust(client_as(world.user("coordinator")), run, a, add=foreign)

    assert response.status_code == 200
    assert response.context["form"]["add"].errors
    run.refresh_from_db()
    assert len(run.assignments[str(a.pk)]) == 2


def test_adjusting_without_a_choice_gets_a_message(world, client_as, drafted):
    run, _sessions, (a, _b, _c) = drafted

    response = adjust(client_as(world.user("coordinator")), run, a)

    assert response.status_code == 200
    assert form_errors(response) == [
        gettext(
            "Choose a session to take the person out of, one to put them into, "
            "or both to move them."
        )
    ]


# --- publishing ---------------------------------------------------------------------------------


def close_preferences(event):
    event.preferences_close_at = timezone.now() + PAST
    event.save()


def publish(client, run):
    url = reverse("events:allocation_publish", kwargs={"slug": run.event.slug, "pk": run.pk})
    return client.post(url, {"confirm": "on"})


def test_publishing_books_the_places_and_tells_everyone(world, client_as, drafted, mailoutbox):
    run, _sessions, (a, b, c) = drafted
    event = run.event
    close_preferences(event)
    run.assignments[str(c.pk)] = []  # c gets nothing
    run.save()
    nobody = RegistrationFactory(event=event, user=UserFactory(email="nobody@example.org"))
    run.assignments[str(nobody.pk)] = []
    run.save()
    client = client_as(world.user("coordinator"))

    response = publish(client, run)

    assert response.status_code == 302
    run.refresh_from_db()
    assert run.published_at is not None
    assert seats(a) == ["Digitale Stadt (1)", "Homeoffice (2)"]
    assert seats(b) == ["Digitale Stadt (1)", "Smarte Lösungen (2)"]
    assert seats(c) == []
    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {
        a.user.email,
        b.user.email,
        c.user.email,
        "nobody@example.org",
    }
    to_a = by_person[a.user.email]
    assert event.title in to_a.subject
    assert "Digitale Stadt (1)" in to_a.body and "Homeoffice (2)" in to_a.body
    calendar = Calendar.from_ical(to_a.attachments[0][1])
    assert sorted(str(c["SUMMARY"]) for c in calendar.walk("VEVENT")) == sorted(
        [event.title, f"Digitale Stadt (1) ({event.title})", f"Homeoffice (2) ({event.title})"]
    )
    site = settings.SITE_NAME
    assert to_a.subject == f"[{site}] " + gettext("Your sessions at %(event)s") % {
        "event": event.title
    }
    to_c = by_person[c.user.email]
    assert to_c.attachments == []
    assert to_c.subject == f"[{site}] " + gettext("No place in the sessions of %(event)s") % {
        "event": event.title
    }
    assert "Homeoffice (1)" not in to_c.body
    assert (
        gettext(
            "Unfortunately we could not give you a place in any of the sessions you ranked: "
            "they are fully booked, or the rules of the event (sessions at the same time, "
            "the same topic) did not allow it."
        )
        in to_c.body
    )
    to_nobody = by_person["nobody@example.org"]
    assert gettext("You did not rank any sessions, so we could not give you a place in one.") in (
        to_nobody.body
    )
    audit = AuditEvent.objects.get(action="allocation.published")
    assert audit.data["bookings"] == 4
    assert audit.data["people"] == 4


def test_publishing_twice_is_refused(world, client_as, drafted):
    run, _sessions, _people = drafted
    close_preferences(run.event)
    client = client_as(world.user("coordinator"))
    publish(client, run)
    with pytest.raises(ValidationError) as refused:
        services.run_allocation(event=run.event, by=world.user("coordinator"))
    published = lead("The allocation was published on %(date)s; it can no longer be changed.")
    assert refused.value.messages[0].startswith(published)

    response = publish(client, run)

    assert response.status_code == 200
    assert SessionBooking.objects.count() == 5
    assert AuditEvent.objects.filter(action="allocation.published").count() == 1
    assert form_errors(response)[0].startswith(published)
    with pytest.raises(ValidationError) as again:
        services.publish_allocation(run=run, by=world.user("coordinator"))
    assert again.value.messages[0].startswith(published)


def test_publishing_before_the_deadline_is_refused(world, client_as, drafted):
    run, _sessions, _people = drafted

    response = publish(client_as(world.user("coordinator")), run)

    assert response.status_code == 200
    still_open = lead(
        "Preferences can still be given until %(date)s. Publish after that, "
        "so that no late change is lost."
    )
    assert form_errors(response)[0].startswith(still_open)
    assert SessionBooking.objects.count() == 0


def test_publishing_needs_the_confirmation(world, client_as, drafted):
    run, _sessions, _people = drafted
    close_preferences(run.event)
    url = reverse("events:allocation_publish", kwargs={"slug": run.event.slug, "pk": run.pk})

    response = client_as(world.user("coordinator")).post(url, {})

    assert response.status_code == 200
    assert response.context["form"]["confirm"].errors
    assert SessionBooking.objects.count() == 0


def test_publishing_skips_cancelled_registrations(world, drafted, mailoutbox):
    run, _sessions, (a, b, _c) = drafted
    close_preferences(run.event)
    b.status = "cancelled"
    b.save()

    services.publish_allocation(run=run, by=world.user("coordinator"))

    assert seats(b) == []
    assert len(seats(a)) == 2
    assert b.user.email not in {m.to[0] for m in mailoutbox}


def test_publishing_when_places_shrank_books_nothing(world, client_as, drafted):
    run, sessions, _people = drafted
    close_preferences(run.event)
    sessions[0].capacity = 1
    sessions[0].save()

    response = publish(client_as(world.user("coordinator")), run)

    assert response.status_code == 200
    assert form_errors(response) == [
        gettext("%(session)s has %(free)d free places left, but the allocation gives it %(seats)d.")
        % {"session": "„Digitale Stadt (1)“", "free": 1, "seats": 2},
        gettext("Please adjust the allocation or calculate it again, then publish."),
    ]
    assert SessionBooking.objects.count() == 0
    run.refresh_from_db()
    assert run.published_at is None


def test_after_publishing_ranking_closes_and_free_places_are_booked_directly(
    world, client_as, drafted
):
    run, sessions, (a, _b, c) = drafted
    close_preferences(run.event)
    services.publish_allocation(run=run, by=world.user("coordinator"))
    client = client_as(c.user)

    response = client.get(reverse("events:preferences", kwargs={"slug": run.event.slug}))
    registration_services.change_sessions(registration=c, sessions=[sessions[1].pk, sessions[5].pk])

    assert (
        gettext("The sessions have been allocated already; the ranking can no longer be changed.")
        in response.content.decode()
    )
    assert seats(c) == ["Homeoffice (1)", "Smarte Lösungen (2)"]
    adjust_response = adjust(client_as(world.user("coordinator")), run, a, remove=sessions[4])
    assert form_errors(adjust_response) == [
        gettext("This allocation has been published; it can no longer be changed.")
    ]


def test_run_with_nobody_ranked_gives_nobody_a_place(world, congress):
    event, _sessions = congress
    registration = RegistrationFactory(event=event)

    run = services.run_allocation(event=event, by=world.user("coordinator"), seed=1)

    assert run.assignments == {str(registration.pk): []}
    assert run.summary["ranked"] == 0
    assert run.summary["by_count"] == {"0": 1}


def test_run_respects_places_booked_already(world, congress):
    event, sessions = congress
    holder = participant(event, sessions[0])
    SessionBooking.objects.create(registration=holder, session=sessions[0])
    newcomer = participant(event, sessions[0], sessions[3])
    RegistrationFactory(event=event)  # nobody else wants anything

    run = services.run_allocation(event=event, by=world.user("coordinator"), seed=1)

    # One of dst1's two places is taken; holder already has it.
    assert run.assignments[str(holder.pk)] == []
    assert run.assignments[str(newcomer.pk)] == [sessions[0].pk]
    rank(newcomer)  # an empty ranking is allowed too
    assert ranking(newcomer) == []


# --- the pages are CSP-clean ----------------------------------------------------------------------


def test_preference_pages_are_csp_clean(world, client_as, drafted):
    from tests.core.test_security_headers import _assert_csp_clean

    run, _sessions, (a, _b, _c) = drafted
    event = run.event
    RegistrationFactory(event=event, user=world.user("member"))
    pages = [
        (world.user("member"), event.get_absolute_url()),
        (world.user("member"), reverse("events:preferences", kwargs={"slug": event.slug})),
        (world.user("coordinator"), event.get_absolute_url()),
        (world.user("coordinator"), reverse("events:allocation", kwargs={"slug": event.slug})),
        (
            world.user("coordinator"),
            reverse("events:allocation_result", kwargs={"slug": event.slug, "pk": run.pk}),
        ),
        (
            world.user("coordinator"),
            reverse(
                "events:allocation_adjust",
                kwargs={"slug": event.slug, "pk": run.pk, "registration": a.pk},
            ),
        ),
        (
            world.user("coordinator"),
            reverse("events:allocation_publish", kwargs={"slug": event.slug, "pk": run.pk}),
        ),
    ]
    for user, url in pages:
        response = client_as(user).get(url)
        assert response.status_code == 200, url
        _assert_csp_clean(url, response)
