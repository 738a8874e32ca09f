"""The participant list: levels of visibility with consent, the organisers' list, exports,
settings."""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.events.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
)
from tests.factories import UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.events import participants
from voneinander.events.models import Event, ParticipantListVisibility, Registration

pytestmark = pytest.mark.django_db

LEVELS = ParticipantListVisibility


def _url(name, event, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


def _person(first, last):
    return UserFactory(first_name=first, last_name=last)


def _planted(world, level):
    """An event of alpha with one listed person and several who must stay hidden.

    - Anna Zeigen: confirmed, agreed to be listed (the only name others may see);
    - Bernd Verborgen: confirmed, did not agree;
    - Clara Wartend: agreed, but only pending approval;
    - Dora Storniert: agreed, but cancelled;
    - the "member" role: registered without consent.
    """
    event = EventFactory(networks=[world.network], participant_list_visibility=level)
    RegistrationFactory(event=event, user=_person("Anna", "Zeigen"), list_consent=True)
    RegistrationFactory(event=event, user=_person("Bernd", "Verborgen"), list_consent=False)
    RegistrationFactory(
        event=event, user=_person("Clara", "Wartend"), list_consent=True, status="pending"
    )
    RegistrationFactory(
        event=event, user=_person("Dora", "Storniert"), list_consent=True, status="cancelled"
    )
    RegistrationFactory(event=event, user=world.user("member"), list_consent=False)
    return event


HIDDEN = ["Verborgen", "Wartend", "Storniert"]

# Status of the list page per level and role (the member is registered, without consent).
EXPECTED = {
    LEVELS.ORGANISERS: {"user": 403, "member": 403, "contact": 403},
    LEVELS.PARTICIPANTS: {"user": 403, "member": 200, "contact": 403},
    LEVELS.MEMBERS: {"user": 403, "member": 200, "contact": 200},
}


@pytest.mark.parametrize("level", list(LEVELS))
@pytest.mark.parametrize("role", ["user", "member", "contact", "coordinator", "admin"])
def test_participant_list_shows_only_consenting_people_to_every_role(world, client_as, level, role):
    event = _planted(world, level)
    response = client_as(world.user(role)).get(_url("participants", event))
    expected = EXPECTED[level].get(role, 200)  # organisers and admins always
    assert response.status_code == expected
    if expected != 200:
        return
    page = response.content.decode()
    listed = [r.user.display_name for r in response.context["listing"].people]
    assert listed == ["Anna Zeigen"]
    for name in [*HIDDEN, world.user("member").last_name]:
        assert name not in page
    # Two confirmed people without consent are counted, not named.
    assert response.context["listing"].unlisted == 2
    assert 'data-unlisted="2"' in page


@pytest.mark.parametrize("level", list(LEVELS))
def test_organiser_list_shows_everyone_whatever_the_level(world, client_as, level):
    event = _planted(world, level)
    response = client_as(world.user("coordinator")).get(_url("participants_manage", event))
    page = response.content.decode()
    assert response.status_code == 200
    for name in ["Zeigen", *HIDDEN, world.user("member").email]:
        assert name in page


def test_participant_list_of_another_networks_members_event_is_not_found(world, client_as):
    event = EventFactory(
        networks=[world.other_network],
        visibility="members",
        participant_list_visibility=LEVELS.MEMBERS,
    )
    response = client_as(world.user("member")).get(_url("participants", event))
    assert response.status_code == 404


def test_participant_list_for_members_of_other_network_is_refused(world, client_as):
    """The level "members" means members of the organising networks only."""
    event = EventFactory(networks=[world.other_network], participant_list_visibility=LEVELS.MEMBERS)
    response = client_as(world.user("member")).get(_url("participants", event))
    assert response.status_code == 403


def test_participant_list_is_closed_to_a_cancelled_registration(world, client_as):
    event = EventFactory(networks=[world.network], participant_list_visibility=LEVELS.PARTICIPANTS)
    RegistrationFactory(event=event, user=world.user("user"), status="cancelled")
    response = client_as(world.user("user")).get(_url("participants", event))
    assert response.status_code == 403


def test_event_page_links_to_the_list_only_for_whoever_may_see_it(world, client_as):
    event = EventFactory(networks=[world.network], participant_list_visibility=LEVELS.MEMBERS)
    link = _url("participants", event)
    assert link in client_as(world.user("member")).get(event.get_absolute_url()).content.decode()
    assert link not in client_as(world.user("user")).get(event.get_absolute_url()).content.decode()
    assert link not in client_as(None).get(event.get_absolute_url()).content.decode()


def test_participant_list_query_count_does_not_grow(
    world, client_as, django_assert_max_num_queries
):
    event = EventFactory(networks=[world.network], participant_list_visibility=LEVELS.MEMBERS)
    RegistrationFactory(event=event, list_consent=True)
    client = client_as(world.user("member"))
    client.get(_url("participants", event))
    with django_assert_max_num_queries(99) as one:
        client.get(_url("participants", event))
    for consent in [True, False] * 10:
        RegistrationFactory(event=event, list_consent=consent)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_url("participants", event))
    assert len(response.context["listing"].people) == 11


# --- Consent ----------------------------------------------------------------------------------


def test_participant_gives_and_withdraws_consent(world, client_as):
    event = _planted(world, LEVELS.PARTICIPANTS)
    client = client_as(world.user("member"))
    name = world.user("member").display_name

    response = client.post(_url("participant_consent", event), {"consent": "1"}, follow=True)
    assert response.redirect_chain == [(_url("participants", event), 302)]
    assert name in [r.user.display_name for r in response.context["listing"].people]
    assert [m.level_tag for m in response.context["messages"]] == ["success"]

    response = client.post(_url("participant_consent", event), {"consent": "0"}, follow=True)
    assert name not in [r.user.display_name for r in response.context["listing"].people]
    assert Registration.objects.get(event=event, user=world.user("member")).list_consent is False


def test_consent_with_a_bad_value_changes_nothing_and_says_so(world, client_as):
    event = _planted(world, LEVELS.PARTICIPANTS)
    client = client_as(world.user("member"))
    response = client.post(_url("participant_consent", event), {"consent": "vielleicht"})
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert Registration.objects.get(event=event, user=world.user("member")).list_consent is False


def test_consent_without_registration_says_so(world, client_as):
    event = EventFactory(networks=[world.network])
    response = client_as(world.user("user")).post(
        _url("participant_consent", event), {"consent": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["info"]


# --- The organisers' list ------------------------------------------------------------------------


def _full_event(world):
    event = EventFactory(networks=[world.network], title="Werkstatttag")
    question = QuestionFactory(event=event, label="Kommune")
    session = SessionFactory(event=event, title="Digitale Stadt")
    other = SessionFactory(event=event, title="Zukunfts-Check Dorf")
    person = _person("Erika", "Anwesend")
    registration = RegistrationFactory(
        event=event,
        user=person,
        answers={str(question.pk): "Kaiserslautern"},
        checked_in_at=timezone.now(),
        list_consent=True,
    )
    SessionBookingFactory(registration=registration, session=session, attended=True)
    SessionBookingFactory(registration=registration, session=other)
    return event, registration


def test_organiser_list_shows_status_sessions_answers_and_check_in(world, client_as):
    event, registration = _full_event(world)
    RegistrationFactory(event=event, user=_person("Fritz", "Wartend"), status="waitlisted")
    response = client_as(world.user("coordinator")).get(_url("participants_manage", event))
    rows = response.context["registrations"]
    assert [r.user.last_name for r in rows] == ["Anwesend", "Wartend"]  # confirmed first
    first = rows[0]
    assert first.answer_list == ["Kaiserslautern"]
    assert [(b.session.title, b.attended) for b in first.active_bookings] == [
        ("Digitale Stadt", True),
        ("Zukunfts-Check Dorf", False),
    ]
    assert first.has_attended is True
    assert response.context["counts"]["checked_in"] == 1
    page = response.content.decode()
    assert 'data-checked-in="yes"' in page
    assert _url("certificate_for", event, pk=registration.pk) in page
    sessions = {s.title: (s.booked, s.attended) for s in response.context["sessions"]}
    assert sessions == {"Digitale Stadt": (1, 1), "Zukunfts-Check Dorf": (1, 0)}


def test_organiser_list_query_count_does_not_grow(world, client_as, django_assert_max_num_queries):
    event, _registration = _full_event(world)
    client = client_as(world.user("coordinator"))
    client.get(_url("participants_manage", event))
    with django_assert_max_num_queries(99) as one:
        client.get(_url("participants_manage", event))
    session = SessionFactory(event=event)
    for _ in range(15):
        SessionBookingFactory(session=session, registration__event=event)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_url("participants_manage", event))
    assert len(response.context["registrations"]) == 16


# --- XLSX export ------------------------------------------------------------------------------


def _sheet(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return workbook.active


def test_xlsx_export_has_type_filename_and_the_csv_columns(world, client_as):
    event, registration = _full_event(world)
    response = client_as(world.user("coordinator")).get(_url("participants_export_xlsx", event))
    assert response.status_code == 200
    assert response["Content-Type"] == participants.XLSX_TYPE
    assert response["Content-Disposition"] == (
        f'attachment; filename="anmeldungen-{event.slug}.xlsx"'
    )
    rows = [[cell.value for cell in row] for row in _sheet(response).iter_rows()]
    csv_rows = list(
        csv.reader(
            client_as(world.user("coordinator"))
            .get(_url("registration_export", event))
            .content.decode("utf-8-sig")
            .splitlines(),
            delimiter=";",
        )
    )
    assert rows[0] == csv_rows[0]  # CSV and XLSX have the same columns
    assert len(csv_rows) == len(rows)
    for csv_value, xlsx_value in zip(csv_rows[1], rows[1], strict=True):
        if isinstance(xlsx_value, datetime.datetime):
            assert csv_value == xlsx_value.strftime("%d.%m.%Y %H:%M")
        else:
            assert csv_value == (xlsx_value or "")
    person = rows[1]
    assert person[0] == "Erika Anwesend"
    assert person[1] == registration.user.email
    assert person[4] == "Digitale Stadt; Zukunfts-Check Dorf"
    assert person[7] == "Kaiserslautern"
    local = timezone.localtime(registration.checked_in_at).replace(tzinfo=None, microsecond=0)
    assert person[8].replace(microsecond=0) == local
    assert person[9] == "Digitale Stadt"


def test_xlsx_export_neutralises_formulas_and_control_characters(world, client_as):
    event = EventFactory(networks=[world.network])
    question = QuestionFactory(event=event, label="=1+1")
    RegistrationFactory(
        event=event,
        user=_person("@Evil", "-Name"),
        answers={str(question.pk): '=HYPERLINK("http://example.com","x")\x07'},
    )
    response = client_as(world.user("coordinator")).get(_url("participants_export_xlsx", event))
    sheet = _sheet(response)
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    values = [cell.value for cell in cells]
    assert "'=1+1" in values
    assert "'@Evil -Name" in values
    assert '\'=HYPERLINK("http://example.com","x")' in values


def test_xlsx_export_query_count_does_not_grow(world, client_as, django_assert_max_num_queries):
    event, _registration = _full_event(world)
    client = client_as(world.user("coordinator"))
    url = _url("participants_export_xlsx", event)
    client.get(url)
    with django_assert_max_num_queries(99) as one:
        client.get(url)
    for _ in range(10):
        SessionBookingFactory(session=SessionFactory(event=event), registration__event=event)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert _sheet(response).max_row == 12


# --- Settings ---------------------------------------------------------------------------------


def test_settings_are_saved_and_audited(world, client_as):
    event = EventFactory(networks=[world.network])
    response = client_as(world.user("coordinator")).post(
        _url("participants_settings", event),
        {"participant_list_visibility": "members", "self_check_in": "on", "retention_days": "90"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.participant_list_visibility, event.self_check_in, event.retention_days) == (
        "members",
        True,
        90,
    )
    audit = AuditEvent.objects.get(action="event.participant_settings_changed")
    assert audit.data == {
        "participant_list_visibility": "members",
        "self_check_in": True,
        "retention_days": 90,
    }


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (
            {"participant_list_visibility": "alle", "retention_days": ""},
            "participant_list_visibility",
        ),
        ({"participant_list_visibility": "members", "retention_days": "0"}, "retention_days"),
        ({"participant_list_visibility": "members", "retention_days": "viel"}, "retention_days"),
        ({"participant_list_visibility": "members", "retention_days": "99999"}, "retention_days"),
    ],
)
def test_settings_with_bad_input_show_messages_and_keep_the_event(world, client_as, values, field):
    event = EventFactory(networks=[world.network])
    response = client_as(world.user("coordinator")).post(
        _url("participants_settings", event), values
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    unchanged = Event.objects.get(pk=event.pk)
    assert (unchanged.participant_list_visibility, unchanged.retention_days) == ("organisers", None)
    assert not AuditEvent.objects.filter(action="event.participant_settings_changed").exists()


def test_settings_page_names_the_deletion_date(world, client_as):
    event = EventFactory(networks=[world.network], retention_days=30)
    response = client_as(world.user("coordinator")).get(_url("participants_settings", event))
    assert response.context["purge_due_at"] == event.ends_at + datetime.timedelta(days=30)


def test_manage_overview_links_to_the_participants(world, client_as):
    event = EventFactory(networks=[world.network])
    page = client_as(world.user("coordinator")).get(_url("manage", event)).content.decode()
    assert _url("participants_manage", event) in page


def test_public_list_leaves_out_people_without_a_name(world):
    """Without a name the display name would show part of the e-mail address."""
    event = EventFactory()
    named = UserFactory(first_name="Ada", last_name="Lovelace")
    nameless = UserFactory(email="geheim.person@example.org", first_name="", last_name="")
    for user in (named, nameless):
        RegistrationFactory(event=event, user=user, list_consent=True)

    listed = participants.public_list(event)

    assert [registration.user for registration in listed.people] == [named]
    assert listed.unlisted == 1
