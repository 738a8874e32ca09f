"""A private working group's space stays private: planted content, every role, every page.

The group belongs to network alpha and is led by the "contact" role (its only
active member besides one more person). "member" and "coordinator" belong to
alpha and see the group's title, but nothing of its space; "admin" sees the
group's page and its meetings (as in the events app), never its space on the
site. Every page of the space, the events list and pages, the network page and
the calendar feeds are checked for the planted words.
"""

import datetime

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.conftest import ROLES
from tests.events.factories import EventFactory, RegistrationFactory
from tests.workinggroups.factories import (
    DiscussionFactory,
    DocumentFactory,
    DocumentVersionFactory,
    FolderFactory,
    GroupMemberFactory,
    PostFactory,
    ResultFactory,
    WorkingGroupFactory,
    person_in,
)
from voneinander.events.models import CalendarFeedToken, EventKind, Visibility
from voneinander.events.permissions import can_see_event
from voneinander.events.selectors import events_visible_to
from voneinander.networks.models import MembershipStatus
from voneinander.networks.roles import forget_roles
from voneinander.workinggroups import services
from voneinander.workinggroups.models import GroupRole, MemberStatus
from voneinander.workinggroups.permissions import can_read_space, can_see_group
from voneinander.workinggroups.roles import forget_group_roles
from voneinander.workinggroups.selectors import groups_visible_to, space_visible_to

GROUP_TITLE = "AG Vertrauliche Digitalstrategie"
SECRETS = {
    "discussion": "Geheimrunde Zauberwort",
    "post": "Quarzsandmuschel im Beitrag",
    "folder": "Vertrauliche Ablage",
    "document": "Streng vertrauliches Papier",
    "document_text": "Quarzsandmuschel",
    "result": "Geheime Empfehlung Nebelhorn",
    "meeting": "Geheimes AG-Treffen",
    "meeting_public": "AG-Treffen trotz öffentlicher Sichtbarkeit",
}
SPACE_SEERS = {"contact"}
GROUP_SEERS = {"member", "contact", "coordinator", "admin"}
MEETING_SEERS = {"contact", "admin"}


@pytest.fixture
def planted(world):
    group = WorkingGroupFactory(
        network=world.network, title=GROUP_TITLE, is_private=True, lead=world.user("contact")
    )
    GroupMemberFactory(group=group)  # a second member, from another municipality of alpha
    discussion = DiscussionFactory(group=group, title=SECRETS["discussion"])
    PostFactory(discussion=discussion, text=SECRETS["post"])
    folder = FolderFactory(group=group, name=SECRETS["folder"])
    document = DocumentFactory(group=group, folder=folder, title=SECRETS["document"])
    version = DocumentVersionFactory(
        document=document,
        number=1,
        file=ContentFile(b"Quarzsandmuschel\n", name="geheim.txt"),
        original_name="geheim.txt",
        text=SECRETS["document_text"],
    )
    ResultFactory(group=group, title=SECRETS["result"], document=document)
    meetings = [
        EventFactory(
            networks=[world.network],
            kind=EventKind.WORKING_GROUP,
            working_group=group,
            visibility=Visibility.MEMBERS,
            title=SECRETS["meeting"],
        ),
        EventFactory(
            networks=[world.network],
            kind=EventKind.WORKING_GROUP,
            working_group=group,
            visibility=Visibility.PUBLIC,
            title=SECRETS["meeting_public"],
        ),
    ]
    return {
        "group": group,
        "discussion": discussion,
        "folder": folder,
        "document": document,
        "version": version,
        "meetings": meetings,
    }


def _user(world, role):
    return world.user(role) or AnonymousUser()


def _space_urls(planted) -> list[str]:
    group = planted["group"]
    slug = group.slug
    return [
        reverse("workinggroups:discussions", kwargs={"slug": slug}),
        reverse("workinggroups:discussion", kwargs={"slug": slug, "pk": planted["discussion"].pk}),
        reverse("workinggroups:documents", kwargs={"slug": slug}),
        reverse("workinggroups:folder", kwargs={"slug": slug, "pk": planted["folder"].pk}),
        reverse("workinggroups:document", kwargs={"slug": slug, "pk": planted["document"].pk}),
        reverse(
            "workinggroups:version_download",
            kwargs={"slug": slug, "pk": planted["document"].pk, "number": 1},
        ),
        reverse("workinggroups:meetings", kwargs={"slug": slug}),
        reverse("workinggroups:results", kwargs={"slug": slug}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_selectors_and_predicates_agree_for_every_role(world, planted, role):
    user = _user(world, role)
    group = planted["group"]
    assert groups_visible_to(user).filter(pk=group.pk).exists() is (role in GROUP_SEERS)
    assert can_see_group(user, group) is (role in GROUP_SEERS)
    assert space_visible_to(user).filter(pk=group.pk).exists() is (role in SPACE_SEERS)
    assert can_read_space(user, group) is (role in SPACE_SEERS)


@pytest.mark.parametrize("role", ROLES)
def test_space_pages_answer_only_to_members(world, planted, client_as, role):
    client = client_as(world.user(role))
    for url in _space_urls(planted):
        response = client.get(url)
        assert response.status_code == (200 if role in SPACE_SEERS else 404), url


@pytest.mark.parametrize("role", ROLES)
def test_group_page_and_list_show_no_space_content_to_non_members(world, planted, client_as, role):
    client = client_as(world.user(role))
    group = planted["group"]
    html = client.get(reverse("workinggroups:list")).content.decode()
    detail = client.get(group.get_absolute_url())
    assert (GROUP_TITLE in html) is (role in GROUP_SEERS)
    assert detail.status_code == (200 if role in GROUP_SEERS else 404)
    html += detail.content.decode()
    for key in ("discussion", "result", "meeting", "meeting_public"):
        assert (SECRETS[key] in html) is (role in SPACE_SEERS), key
    for key in ("post", "folder", "document", "document_text"):
        assert SECRETS[key] not in html, key  # not on these pages, even for members


def test_space_pages_show_the_planted_content_to_a_member(world, planted, client_as):
    client = client_as(world.user("contact"))
    html = "".join(client.get(url).content.decode() for url in _space_urls(planted))
    for key in ("discussion", "post", "folder", "document", "result", "meeting"):
        assert SECRETS[key] in html, key
    download = client.get(_space_urls(planted)[5])
    assert download.content == b"Quarzsandmuschel\n"


# --- Meetings in the events app ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_meetings_selector_and_predicate_agree(world, planted, role):
    user = _user(world, role)
    visible = set(events_visible_to(user).values_list("pk", flat=True))
    for meeting in planted["meetings"]:
        expected = role in MEETING_SEERS
        assert (meeting.pk in visible) is expected
        assert can_see_event(user, meeting) is expected
        assert user.has_perm("events.view_event", meeting) is expected
        # Coordinating alpha does not make one an organiser of a private group's meeting.
        assert user.has_perm("events.manage_event", meeting) is (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_meetings_appear_in_event_pages_only_for_members(world, planted, client_as, role):
    client = client_as(world.user(role))
    html = client.get(reverse("events:list")).content.decode()
    html += client.get(
        reverse("networks:detail", kwargs={"slug": world.network.slug})
    ).content.decode()
    for key in ("meeting", "meeting_public"):
        assert (SECRETS[key] in html) is (role in MEETING_SEERS), key
    for meeting in planted["meetings"]:
        for name in ("events:detail", "events:ics"):
            response = client.get(reverse(name, kwargs={"slug": meeting.slug}))
            assert response.status_code == (200 if role in MEETING_SEERS else 404), name


@pytest.mark.parametrize("role", ROLES)
def test_past_meetings_stay_out_of_the_archive(world, planted, client_as, role):
    past = timezone.now() - datetime.timedelta(days=40)
    for meeting in planted["meetings"]:
        meeting.starts_at, meeting.ends_at = past, past + datetime.timedelta(hours=2)
        meeting.save(update_fields=["starts_at", "ends_at"])
    html = (
        client_as(world.user(role)).get(reverse("events:list"), {"vergangen": "1"}).content.decode()
    )
    assert (SECRETS["meeting"] in html) is (role in MEETING_SEERS)


def _summaries(content: bytes) -> set[str]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(component["SUMMARY"]) for component in calendar.walk("VEVENT")}


@pytest.mark.parametrize("role", ROLES)
def test_network_feed_never_holds_the_meetings(world, planted, client_as, role):
    response = client_as(world.user(role)).get(
        reverse("events:network_feed", kwargs={"slug": world.network.slug})
    )
    assert _summaries(response.content).isdisjoint({SECRETS["meeting"], SECRETS["meeting_public"]})


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_personal_feed_holds_the_meetings_only_for_members(world, planted, client, role):
    person = world.user(role)
    for meeting in planted["meetings"]:  # e.g. registered while still a member
        RegistrationFactory(event=meeting, user=person)
    token = CalendarFeedToken.objects.create(user=person, token=f"token-{role}")
    response = client.get(reverse("events:personal_feed", kwargs={"token": token.token}))
    expected = {SECRETS["meeting"], SECRETS["meeting_public"]} if role in MEETING_SEERS else set()
    assert _summaries(response.content) == expected


def test_invitation_does_not_open_a_private_groups_meeting(world, planted):
    guest = world.user("user")
    meeting = planted["meetings"][0]
    meeting.invited.add(guest)
    assert not can_see_event(guest, meeting)
    assert not events_visible_to(guest).filter(pk=meeting.pk).exists()


def test_named_organiser_who_is_not_a_member_does_not_see_the_meeting(world, planted):
    organiser = world.user("member")
    meeting = planted["meetings"][0]
    meeting.organisers.add(organiser)
    assert not can_see_event(organiser, meeting)
    assert not events_visible_to(organiser).filter(pk=meeting.pk).exists()
    assert not organiser.has_perm("events.manage_event", meeting)
    assert not can_read_space(organiser, planted["group"])


def test_named_organiser_who_is_a_member_sees_and_manages_the_meeting(world, planted):
    organiser = person_in(world.network)
    GroupMemberFactory(group=planted["group"], user=organiser)
    meeting = planted["meetings"][0]
    meeting.organisers.add(organiser)
    assert can_see_event(organiser, meeting)
    assert events_visible_to(organiser).filter(pk=meeting.pk).exists()
    assert organiser.has_perm("events.manage_event", meeting)


def _lead_with_meetings(world, planted):
    """A second lead who scheduled a coming meeting and organised a past one."""
    lead = person_in(world.network)
    GroupMemberFactory(group=planted["group"], user=lead, role=GroupRole.LEAD)
    start = timezone.now() + datetime.timedelta(days=7)
    coming = services.schedule_meeting(
        group=planted["group"],
        by=lead,
        values={
            "title": "Kommendes Treffen",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
        },
    )
    past = EventFactory(
        networks=[world.network],
        kind=EventKind.WORKING_GROUP,
        working_group=planted["group"],
        visibility=Visibility.INVITED,
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
        organisers=[lead],
    )
    forget_group_roles(lead)
    assert can_see_event(lead, coming) and lead.has_perm("events.manage_event", coming)
    return lead, coming, past


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("how", ["leave", "remove", "hand_over_and_leave"])
def test_a_former_lead_no_longer_sees_or_manages_the_meetings(world, planted, how):
    lead, coming, past = _lead_with_meetings(world, planted)
    member = planted["group"].members.get(user=lead)
    successor = planted["group"].members.exclude(user=lead).filter(role=GroupRole.MEMBER).get()
    if how == "leave":
        services.leave_group(group=planted["group"], user=lead)
    elif how == "remove":
        services.remove_member(member=member, by=world.user("contact"))
    else:
        services.hand_over_lead(
            group=planted["group"], from_member=member, to_member=successor, by=lead, leave=True
        )
    lead = _fresh(lead)
    assert not coming.organisers.filter(pk=lead.pk).exists()
    assert past.organisers.filter(pk=lead.pk).exists()  # the record of who organised it
    for meeting in (coming, past, *planted["meetings"]):
        meeting = type(meeting).objects.get(pk=meeting.pk)
        assert not can_see_event(lead, meeting)
        assert not lead.has_perm("events.manage_event", meeting)
    assert not events_visible_to(lead).filter(working_group=planted["group"]).exists()
    if how == "hand_over_and_leave":
        assert coming.organisers.filter(pk=successor.user_id).exists()


def test_a_lead_who_steps_down_stays_a_member_but_no_organiser(world, planted):
    lead, coming, _past = _lead_with_meetings(world, planted)
    services.step_down(member=planted["group"].members.get(user=lead), by=lead)
    lead = _fresh(lead)
    assert not coming.organisers.filter(pk=lead.pk).exists()
    coming = type(coming).objects.get(pk=coming.pk)
    assert can_see_event(lead, coming)
    assert not lead.has_perm("events.manage_event", coming)


def test_a_new_lead_organises_the_coming_meetings(world, planted):
    _lead, coming, past = _lead_with_meetings(world, planted)
    member = planted["group"].members.filter(role=GroupRole.MEMBER).get()
    services.make_lead(member=member, by=world.user("contact"))
    assert coming.organisers.filter(pk=member.user_id).exists()
    assert not past.organisers.filter(pk=member.user_id).exists()


def test_members_see_a_public_groups_meeting_whatever_its_visibility(world):
    group = WorkingGroupFactory(network=world.network, lead=world.user("contact"))
    meeting = EventFactory(
        networks=[world.other_network],
        working_group=group,
        visibility=Visibility.INVITED,
        title="Treffen auf Einladung",
    )
    lead, outsider = world.user("contact"), world.user("member")
    assert can_see_event(lead, meeting)
    assert events_visible_to(lead).filter(pk=meeting.pk).exists()
    assert not can_see_event(outsider, meeting)
    assert not events_visible_to(outsider).filter(pk=meeting.pk).exists()


# --- Losing access ------------------------------------------------------------------------------


def test_a_member_who_leaves_loses_sight_of_the_space_and_meetings(world, planted, client_as):
    person = person_in(world.network)
    GroupMemberFactory(group=planted["group"], user=person)
    client = client_as(person)
    assert client.get(_space_urls(planted)[0]).status_code == 200
    services.leave_group(group=planted["group"], user=person)
    forget_group_roles(person)
    assert client.get(_space_urls(planted)[0]).status_code == 404
    assert not can_see_event(person, planted["meetings"][0])
    assert not space_visible_to(person).filter(pk=planted["group"].pk).exists()


def test_a_member_whose_municipality_leaves_the_network_loses_the_space(world, planted):
    lead = world.user("contact")
    assert can_read_space(lead, planted["group"])
    world.membership.status = MembershipStatus.LEFT
    world.membership.save(update_fields=["status"])
    forget_roles(lead)
    forget_group_roles(lead)
    assert planted["group"].members.get(user=lead).status == MemberStatus.ACTIVE
    assert not can_read_space(lead, planted["group"])
    assert not space_visible_to(lead).filter(pk=planted["group"].pk).exists()
    assert not can_see_event(lead, planted["meetings"][0])


def test_requests_and_declined_members_do_not_open_the_space(world, planted):
    waiting = person_in(world.network)
    declined = person_in(world.network)
    GroupMemberFactory(group=planted["group"], user=waiting, status=MemberStatus.REQUESTED)
    GroupMemberFactory(group=planted["group"], user=declined, status=MemberStatus.DECLINED)
    for person in (waiting, declined):
        assert not can_read_space(person, planted["group"])
        assert not events_visible_to(person).filter(pk=planted["meetings"][0].pk).exists()


def test_turning_a_group_public_opens_its_space_and_meetings(world, planted):
    outsider = world.user("member")
    services.update_group(
        group=planted["group"], values={"is_private": False}, by=world.user("coordinator")
    )
    planted["meetings"][0].refresh_from_db()
    assert planted["meetings"][0].visibility == Visibility.PUBLIC
    assert can_read_space(outsider, planted["group"])
    assert events_visible_to(outsider).filter(pk=planted["meetings"][0].pk).exists()
