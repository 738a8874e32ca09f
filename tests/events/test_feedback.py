"""Feedback on attended sessions: who may give it, once, anonymously; the organisers' summary."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

from tests.events.factories import (
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
)
from tests.events.followup_factories import past_event
from tests.factories import UserFactory
from voneinander.events import followup
from voneinander.events.models import (
    BookingStatus,
    Feedback,
    FeedbackReceipt,
    RegistrationStatus,
)

# Whole requests (session, user, roles, event, layout); they must not grow with the rows.
QUERIES = {"summary": 9, "overview": 11}


def _booked(world=None, *, attended=False, status=BookingStatus.CONFIRMED, **event_fields):
    """A past event with one session and a person holding a place in it."""
    if world is not None:
        event_fields.setdefault("networks", [world.network])
    event = past_event(**event_fields)
    session = SessionFactory(event=event, title="Digitale Dörfer")
    person = UserFactory()
    registration = RegistrationFactory(event=event, user=person)
    SessionBookingFactory(
        session=session, registration=registration, attended=attended, status=status
    )
    return event, session, person


def _en(name, **kwargs) -> str:
    """The English page's address (reverse() follows the language of the last request)."""
    with translation.override("de"):
        return "/en" + reverse(name, kwargs=kwargs)


def _give_url(event, session):
    return _en("events:feedback_give", slug=event.slug, session=session.pk)


# --- Who may give feedback ----------------------------------------------------------------


def test_feedback_from_a_booked_participant_is_saved_without_the_person(world, client_as):
    event, session, person = _booked(world)

    response = client_as(person).post(
        _give_url(event, session), {"rating": "4", "text": "  Sehr praxisnah.  "}, follow=True
    )

    assert response.redirect_chain[-1][0].endswith(
        reverse("events:feedback", kwargs={"slug": event.slug})
    )
    assert "Thank you for your feedback." in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.session, feedback.rating, feedback.text) == (session, 4, "Sehr praxisnah.")
    assert feedback.given_on == timezone.localdate()
    assert FeedbackReceipt.objects.filter(session=session, user=person).count() == 1


def test_feedback_keeps_nothing_that_links_a_rating_to_a_person(db):
    fields = {field.name for field in Feedback._meta.get_fields()}
    assert fields == {"id", "session", "rating", "text", "given_on"}
    assert Feedback._meta.pk.get_internal_type() == "UUIDField"
    receipt_fields = {field.name for field in FeedbackReceipt._meta.get_fields()}
    assert receipt_fields == {"id", "session", "user"}


def test_feedback_twice_is_refused_with_a_message(world, client_as):
    event, session, person = _booked(world)
    client = client_as(person)
    client.post(_give_url(event, session), {"rating": "5"})

    response = client.post(_give_url(event, session), {"rating": "1"}, follow=True)

    assert "You have already given feedback on “Digitale Dörfer”" in response.content.decode()
    assert list(Feedback.objects.values_list("rating", flat=True)) == [5]
    assert FeedbackReceipt.objects.count() == 1


def test_feedback_service_refuses_a_second_feedback(world):
    event, session, person = _booked(world)
    session.event = event
    followup.give_feedback(session=session, user=person, rating=3)

    with pytest.raises(ValidationError) as refused:
        followup.give_feedback(session=session, user=person, rating=4)

    assert refused.value.code == "already_given"
    assert Feedback.objects.count() == 1


def test_feedback_receipt_is_unique_per_person_and_session(world):
    _event, session, person = _booked(world)
    FeedbackReceipt.objects.create(session=session, user=person)

    with pytest.raises(IntegrityError):
        FeedbackReceipt.objects.create(session=session, user=person)


@pytest.mark.parametrize("rating", ["7", "0", "-1", "gut", ""])
def test_feedback_with_a_rating_outside_1_to_5_gets_a_message(world, client_as, rating):
    event, session, person = _booked(world)

    response = client_as(person).post(_give_url(event, session), {"rating": rating, "text": "x"})

    assert response.status_code == 200
    assert "Please choose a rating from 1 to 5." in response.content.decode()
    assert not Feedback.objects.exists()
    assert not FeedbackReceipt.objects.exists()


def test_feedback_service_refuses_rating_7(world):
    event, session, person = _booked(world)
    session.event = event

    with pytest.raises(ValidationError) as refused:
        followup.give_feedback(session=session, user=person, rating=7)

    assert "rating" in refused.value.error_dict
    assert not FeedbackReceipt.objects.exists()


def test_feedback_on_a_session_not_attended_is_refused(world, client_as):
    event, session, _person = _booked(world)
    other_session = SessionFactory(event=event, title="Homeoffice und Führung")
    stranger = UserFactory()
    RegistrationFactory(event=event, user=stranger)  # registered, but no place in a session
    client = client_as(stranger)

    page = client.get(_give_url(event, session))
    posted = client.post(_give_url(event, other_session), {"rating": "5"})

    assert "Only people who attended “Digitale Dörfer” can give feedback on it." in (
        page.content.decode()
    )
    assert 'name="rating"' not in page.content.decode()
    assert posted.status_code == 200
    assert "Only people who attended “Homeoffice und Führung”" in posted.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_before_the_session_is_over_is_refused(world, client_as):
    start = timezone.now() - datetime.timedelta(minutes=30)
    event, session, person = _booked(world, starts_at=start)
    assert session.ends_at > timezone.now()

    response = client_as(person).post(_give_url(event, session), {"rating": "5"})

    assert "can be given once the session is over" in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_on_a_session_of_another_event_is_not_found(world, client_as):
    event, _session, person = _booked(world)
    _other_event, other_session, _other = _booked(world)

    response = client_as(person).get(_give_url(event, other_session))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "status", [BookingStatus.WAITLISTED, BookingStatus.CANCELLED], ids=["waiting", "cancelled"]
)
def test_feedback_needs_a_confirmed_place(world, status):
    event, _session, person = _booked(world, status=status)

    assert followup.attended_sessions(event, person) == []


def test_feedback_needs_a_confirmed_registration(world):
    event, _session, person = _booked(world)
    event.registrations.update(status=RegistrationStatus.CANCELLED)

    assert followup.attended_sessions(event, person) == []


def test_feedback_is_closed_for_a_cancelled_event(world):
    event, _session, person = _booked(world, cancelled_at=timezone.now())

    assert followup.attended_sessions(event, person) == []


def test_feedback_counts_only_marked_attendance_once_it_was_taken(world):
    event, session, present = _booked(world, attended=True)
    absent = UserFactory()
    SessionBookingFactory(
        session=session, registration=RegistrationFactory(event=event, user=absent)
    )

    assert [s.pk for s in followup.attended_sessions(event, present)] == [session.pk]
    assert followup.attended_sessions(event, absent) == []


def test_feedback_without_check_in_where_others_checked_in_is_refused(world):
    event, _session, late = _booked(world)
    RegistrationFactory(event=event, checked_in_at=event.starts_at)

    assert followup.attended_sessions(event, late) == []


def test_feedback_at_an_event_without_bookings_is_open_to_its_participants(world):
    event = past_event(networks=[world.network])
    talks = [SessionFactory(event=event, title=f"Vortrag {n}") for n in range(2)]
    participant = RegistrationFactory(event=event).user
    outsider = UserFactory()

    assert [s.pk for s in followup.attended_sessions(event, participant)] == [
        talk.pk for talk in sorted(talks, key=lambda s: (s.starts_at, s.title, s.pk))
    ]
    assert followup.attended_sessions(event, outsider) == []


def test_feedback_at_an_event_without_bookings_needs_the_check_in_if_there_was_one(world):
    event = past_event(networks=[world.network])
    SessionFactory(event=event)
    checked_in = RegistrationFactory(event=event, checked_in_at=event.starts_at).user
    missing = RegistrationFactory(event=event).user

    assert len(followup.attended_sessions(event, checked_in)) == 1
    assert followup.attended_sessions(event, missing) == []


# --- The participant's overview -----------------------------------------------------------


def test_feedback_overview_lists_attended_sessions_with_their_state(world, client_as):
    event, session, person = _booked(world)
    second = SessionFactory(event=event, title="Zukunfts-Check Dorf")
    SessionBookingFactory(session=second, registration=person.event_registrations.get())
    session.event = event
    followup.give_feedback(session=session, user=person, rating=5)

    response = client_as(person).get(_en("events:feedback", slug=event.slug))

    content = response.content.decode()
    assert f'data-feedback-session="{second.pk}"' in content
    assert f'data-feedback-session="{session.pk}"' not in content
    assert "Given – thank you!" in content


def test_feedback_overview_explains_when_there_is_nothing_to_rate(world, client_as):
    event = past_event(networks=[world.network])

    response = client_as(UserFactory()).get(_en("events:feedback", slug=event.slug))

    assert "There is no session you can rate" in response.content.decode()


def test_event_page_invites_attendees_to_give_feedback(world, client_as):
    event, session, person = _booked(world)
    url = _en("events:detail", slug=event.slug)

    before = client_as(person).get(url).content.decode()
    session.event = event
    followup.give_feedback(session=session, user=person, rating=4)
    after = client_as(person).get(url).content.decode()

    assert reverse("events:feedback", kwargs={"slug": event.slug}) in before
    assert "Give feedback" in before
    assert "Give feedback" not in after
    assert "Thank you for your feedback on the sessions you attended." in after


# --- The organisers' summary --------------------------------------------------------------


def _rate(session, ratings_and_texts):
    for rating, text in ratings_and_texts:
        person = UserFactory()
        registration = RegistrationFactory(event=session.event, user=person)
        SessionBookingFactory(session=session, registration=registration)
        followup.give_feedback(session=session, user=person, rating=rating, text=text)


def test_feedback_summary_gives_count_average_distribution_and_comments(world):
    event = past_event(networks=[world.network])
    first = SessionFactory(event=event, title="A")
    second = SessionFactory(event=event, title="B", starts_at=first.starts_at)
    _rate(first, [(5, "Toll"), (4, ""), (4, "Gut")])

    summary = followup.feedback_summary(event)

    assert summary.count == 3
    assert summary.average == pytest.approx(13 / 3)
    a, b = summary.sessions
    assert (a.session, a.count, a.average) == (first, 3, pytest.approx(13 / 3))
    assert [(row.rating, row.count, row.percent) for row in a.distribution] == [
        (5, 1, 33),
        (4, 2, 67),
        (3, 0, 0),
        (2, 0, 0),
        (1, 0, 0),
    ]
    assert sorted(a.texts) == ["Gut", "Toll"]
    assert (b.session, b.count, b.average, b.texts) == (second, 0, None, [])


def test_feedback_summary_page_shows_figures_and_comments(world, client_as):
    event = past_event(networks=[world.network])
    session = SessionFactory(event=event, title="Digitale Stadt")
    _rate(session, [(5, "Sehr hilfreich"), (3, ""), (4, "")])

    response = client_as(world.user("coordinator")).get(
        _en("events:feedback_summary", slug=event.slug)
    )

    content = response.content.decode()
    assert "3 ratings, average 4.0" in content
    assert "Sehr hilfreich" in content
    assert "data-feedback-withheld" not in content


def test_feedback_summary_withholds_sessions_with_fewer_than_3_ratings(world):
    event = past_event(networks=[world.network])
    shown = SessionFactory(event=event, title="A")
    few = SessionFactory(event=event, title="B", starts_at=shown.starts_at)
    _rate(shown, [(5, ""), (5, ""), (2, "")])
    _rate(few, [(1, "Verräterisch"), (1, "")])

    summary = followup.feedback_summary(event)

    a, b = summary.sessions
    assert (a.withheld, a.count) == (False, 3)
    assert (b.withheld, b.count, b.average, b.distribution, b.texts) == (True, 0, None, [], [])
    # The totals leave the withheld session out, or they would give it away.
    assert summary.count == 3
    assert summary.average == pytest.approx(4)


def test_feedback_summary_page_explains_withheld_figures(world, client_as, settings):
    settings.EVENTS_FEEDBACK_MIN_RATINGS = 5
    event = past_event(networks=[world.network])
    session = SessionFactory(event=event, title="Digitale Stadt")
    _rate(session, [(5, "Sehr hilfreich"), (3, ""), (4, "")])

    response = client_as(world.user("coordinator")).get(
        _en("events:feedback_summary", slug=event.slug)
    )

    content = response.content.decode()
    assert "Fewer than 5 ratings — not shown to protect anonymity." in content
    assert "Sehr hilfreich" not in content
    assert "average" not in content
    assert "No feedback has been given yet." in content


@pytest.mark.parametrize("count", [1, 6])
def test_feedback_summary_query_count_is_constant(
    world, client_as, django_assert_num_queries, count
):
    event = past_event(networks=[world.network])
    for number in range(count):
        _rate(SessionFactory(event=event, title=f"S{number}"), [(4, f"Text {number}")] * 3)
    client = client_as(world.user("coordinator"))
    url = reverse("events:feedback_summary", kwargs={"slug": event.slug})
    client.get(url)  # warm the session and the roles

    with django_assert_num_queries(QUERIES["summary"]):
        response = client.get(url)

    assert response.content.decode().count("data-feedback-session=") == count


@pytest.mark.parametrize("count", [1, 6])
def test_feedback_overview_query_count_is_constant(
    world, client_as, django_assert_num_queries, count
):
    event = past_event(networks=[world.network])
    person = UserFactory()
    registration = RegistrationFactory(event=event, user=person)
    for number in range(count):
        SessionBookingFactory(
            session=SessionFactory(event=event, title=f"S{number}"), registration=registration
        )
    client = client_as(person)
    url = reverse("events:feedback", kwargs={"slug": event.slug})
    client.get(url)

    with django_assert_num_queries(QUERIES["overview"]):
        response = client.get(url)

    assert response.content.decode().count("data-feedback-session=") == count
