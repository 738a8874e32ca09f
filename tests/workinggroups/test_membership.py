"""Joining, deciding, leaving, naming and handing over leads; a group always keeps a lead."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.factories import MembershipFactory, UserFactory
from tests.workinggroups.factories import GroupMemberFactory, WorkingGroupFactory, person_in
from voneinander.audit.models import AuditEvent
from voneinander.workinggroups import services
from voneinander.workinggroups.models import GroupMember, GroupRole, MemberStatus
from voneinander.workinggroups.permissions import can_read_space


def _url(name, group, **kwargs):
    """The English page (messages are asserted in English)."""
    with translation.override("de"):
        return "/en" + reverse(f"workinggroups:{name}", kwargs={"slug": group.slug, **kwargs})


# The whole request (session, user, roles, group, layout, forms); it must not grow with the rows.
MEMBERS_QUERIES = 14


@pytest.fixture
def group(world):
    """A private group of alpha, led by the contact person."""
    return WorkingGroupFactory(
        network=world.network, is_private=True, lead=world.user("contact"), title="AG Mobilität"
    )


# --- Asking to join ---------------------------------------------------------------------------


def test_member_asks_to_join_and_the_leads_get_an_email(world, group, client_as):
    client = client_as(world.user("member"))
    response = client.post(_url("join", group), {"message": "Wir planen einen Bürgerbus."})

    assert response.status_code == 302
    request = GroupMember.objects.get(group=group, user=world.user("member"))
    assert (request.status, request.role) == (MemberStatus.REQUESTED, GroupRole.MEMBER)
    assert request.message == "Wir planen einen Bürgerbus."
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["contact@example.org"]
    assert "AG Mobilität" in message.subject
    assert "Wir planen einen Bürgerbus." in message.body
    assert reverse("workinggroups:members", kwargs={"slug": group.slug}) in message.body
    # Asking does not open the space.
    assert not can_read_space(world.user("member"), group)


def test_asking_twice_shows_the_pending_request(world, group, client_as):
    client = client_as(world.user("member"))
    client.post(_url("join", group), {"message": ""})
    response = client.get(_url("join", group), follow=True)
    assert "You have asked to join already; the leads will decide." in response.content.decode()
    with pytest.raises(ValidationError):
        services.request_to_join(group=group, user=world.user("member"))
    assert GroupMember.objects.filter(group=group, user=world.user("member")).count() == 1


def test_people_outside_the_groups_networks_cannot_join(world, group):
    outsider = person_in(world.other_network)
    with pytest.raises(ValidationError):
        services.request_to_join(group=group, user=outsider)
    assert not GroupMember.objects.filter(user=outsider).exists()


def test_members_of_a_sister_network_join_a_shared_group(world):
    world.network.sister_networks.add(world.other_network)
    shared = WorkingGroupFactory(
        network=world.network, shared_with=[world.other_network], lead=world.user("contact")
    )
    sister = person_in(world.other_network)
    member = services.request_to_join(group=shared, user=sister, message="Hallo")
    assert member.status == MemberStatus.REQUESTED


def test_platform_admin_who_belongs_to_no_network_is_refused_on_the_form(world, group, client_as):
    response = client_as(world.user("admin")).post(_url("join", group), {"message": "x"})
    assert response.status_code == 200
    assert "Only people of member municipalities of the group" in response.content.decode()
    assert not GroupMember.objects.filter(user=world.user("admin")).exists()


def test_archived_group_takes_no_requests(world, group):
    services.archive_group(group=group, by=world.user("coordinator"))
    with pytest.raises(ValidationError):
        services.request_to_join(group=group, user=world.user("member"))


def test_who_left_or_was_declined_may_ask_again(world, group):
    person = world.user("member")
    row = GroupMemberFactory(group=group, user=person, status=MemberStatus.DECLINED)
    again = services.request_to_join(group=group, user=person, message="Neuer Versuch")
    assert again.pk == row.pk
    assert (again.status, again.message, again.decided_by) == (
        MemberStatus.REQUESTED,
        "Neuer Versuch",
        None,
    )


# --- Deciding ---------------------------------------------------------------------------------


def test_lead_admits_a_request_and_the_person_is_told(world, group, client_as):
    person = world.user("member")
    request = GroupMemberFactory(group=group, user=person, status=MemberStatus.REQUESTED)
    client = client_as(world.user("contact"))

    members = client.get(_url("members", group)).content.decode()
    assert person.display_name in members
    response = client.post(
        _url("decide", group, pk=request.pk), {"decision": "approve", "note": "Willkommen!"}
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == MemberStatus.ACTIVE
    assert request.decided_by == world.user("contact")
    assert request.joined_at is not None
    assert mail.outbox[-1].to == [person.email]
    assert "Willkommen!" in mail.outbox[-1].body
    assert group.get_absolute_url() in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="workinggroup.member_admitted").exists()
    assert can_read_space(UserFactory._meta.model.objects.get(pk=person.pk), group)


def test_coordinator_declines_a_request_with_a_note(world, group, client_as):
    person = world.user("member")
    request = GroupMemberFactory(group=group, user=person, status=MemberStatus.REQUESTED)
    client_as(world.user("coordinator")).post(
        _url("decide", group, pk=request.pk), {"decision": "decline", "note": "Nur für Städte."}
    )
    request.refresh_from_db()
    assert request.status == MemberStatus.DECLINED
    assert mail.outbox[-1].to == [person.email]
    assert "Nur für Städte." in mail.outbox[-1].body
    assert not can_read_space(person, group)


def test_a_decided_request_cannot_be_decided_again(world, group):
    request = GroupMemberFactory(group=group, status=MemberStatus.REQUESTED)
    services.decide_request(member=request, approve=False, by=world.user("contact"))
    with pytest.raises(ValidationError):
        services.decide_request(member=request, approve=True, by=world.user("contact"))
    request.refresh_from_db()
    assert request.status == MemberStatus.DECLINED


def test_a_request_of_someone_who_left_the_network_cannot_be_admitted(world, group):
    person = UserFactory(
        municipality=MembershipFactory(network=world.network).municipality,
        municipality_confirmed_at=None,
    )
    request = GroupMemberFactory(group=group, user=person, status=MemberStatus.REQUESTED)
    with pytest.raises(ValidationError):
        services.decide_request(member=request, approve=True, by=world.user("contact"))
    request.refresh_from_db()
    assert request.status == MemberStatus.REQUESTED


def test_an_ordinary_member_cannot_decide(world, group, client_as):
    member = person_in(world.network)
    GroupMemberFactory(group=group, user=member)
    request = GroupMemberFactory(group=group, status=MemberStatus.REQUESTED)
    response = client_as(member).post(_url("decide", group, pk=request.pk), {"decision": "approve"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == MemberStatus.REQUESTED


def test_a_request_of_another_group_is_not_found(world, group, client_as):
    other = WorkingGroupFactory(network=world.network)
    request = GroupMemberFactory(group=other, status=MemberStatus.REQUESTED)
    response = client_as(world.user("contact")).post(
        _url("decide", group, pk=request.pk), {"decision": "approve"}
    )
    assert response.status_code == 404


# --- Leaving and the last lead ----------------------------------------------------------------


def test_member_leaves_the_group(world, group, client_as):
    person = person_in(world.network)
    row = GroupMemberFactory(group=group, user=person)
    client = client_as(person)
    assert client.get(_url("leave", group)).status_code == 200
    response = client.post(_url("leave", group))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == MemberStatus.LEFT
    assert row.left_at is not None


def test_the_only_lead_cannot_leave(world, group, client_as):
    GroupMemberFactory(group=group)
    response = client_as(world.user("contact")).post(_url("leave", group), follow=True)
    assert "You are the group&#x27;s only lead." in response.content.decode()
    lead = group.members.get(user=world.user("contact"))
    assert (lead.status, lead.role) == (MemberStatus.ACTIVE, GroupRole.LEAD)


@pytest.mark.parametrize("action", ["step_down", "remove"])
def test_the_last_lead_can_be_neither_removed_nor_step_down(world, group, client_as, action):
    lead = group.members.get()
    client_as(world.user("coordinator")).post(
        _url("member_change", group, pk=lead.pk), {"action": action}
    )
    lead.refresh_from_db()
    assert (lead.status, lead.role) == (MemberStatus.ACTIVE, GroupRole.LEAD)


def test_a_second_lead_can_step_down_and_be_removed(world, group, client_as):
    second = GroupMemberFactory(group=group)
    client = client_as(world.user("contact"))
    client.post(_url("member_change", group, pk=second.pk), {"action": "make_lead"})
    second.refresh_from_db()
    assert second.role == GroupRole.LEAD
    client.post(_url("member_change", group, pk=second.pk), {"action": "step_down"})
    second.refresh_from_db()
    assert second.role == GroupRole.MEMBER
    client.post(_url("member_change", group, pk=second.pk), {"action": "remove"})
    second.refresh_from_db()
    assert second.status == MemberStatus.LEFT
    assert AuditEvent.objects.filter(action="workinggroup.member_removed").count() == 1


# --- Handing over -----------------------------------------------------------------------------


def test_lead_hands_over_and_leaves_when_changing_jobs(world, group, client_as):
    successor = GroupMemberFactory(group=group)
    lead = group.members.get(user=world.user("contact"))
    response = client_as(world.user("contact")).post(
        _url("handover", group),
        {"from_member": lead.pk, "to_member": successor.pk, "leave": "on"},
    )
    assert response.status_code == 302
    successor.refresh_from_db()
    lead.refresh_from_db()
    assert successor.role == GroupRole.LEAD
    assert (lead.role, lead.status) == (GroupRole.MEMBER, MemberStatus.LEFT)
    assert mail.outbox[-1].to == [successor.user.email]
    entry = AuditEvent.objects.get(action="workinggroup.lead_handed_over")
    assert entry.data == {"from": lead.user_id, "to": successor.user_id, "left": True}


def test_lead_hands_over_and_stays_a_member(world, group):
    successor = GroupMemberFactory(group=group)
    lead = group.members.get(user=world.user("contact"))
    services.hand_over_lead(
        group=group, from_member=lead, to_member=successor, by=world.user("contact")
    )
    lead.refresh_from_db()
    assert (lead.role, lead.status) == (GroupRole.MEMBER, MemberStatus.ACTIVE)


def test_a_lead_cannot_hand_over_someone_elses_lead_role(world, group, client_as):
    other_lead = GroupMemberFactory(group=group, role=GroupRole.LEAD)
    successor = GroupMemberFactory(group=group)
    response = client_as(world.user("contact")).post(
        _url("handover", group), {"from_member": other_lead.pk, "to_member": successor.pk}
    )
    assert response.status_code == 200  # the form with an error
    other_lead.refresh_from_db()
    assert other_lead.role == GroupRole.LEAD
    successor.refresh_from_db()
    assert successor.role == GroupRole.MEMBER


def test_coordinator_hands_over_for_a_lead_who_is_gone(world, group, client_as):
    successor = GroupMemberFactory(group=group)
    lead = group.members.get(user=world.user("contact"))
    client_as(world.user("coordinator")).post(
        _url("handover", group),
        {"from_member": lead.pk, "to_member": successor.pk, "leave": "on"},
    )
    successor.refresh_from_db()
    assert successor.role == GroupRole.LEAD


def test_handover_to_someone_who_is_not_an_active_member_is_refused(world, group):
    requested = GroupMemberFactory(group=group, status=MemberStatus.REQUESTED)
    lead = group.members.get(user=world.user("contact"))
    with pytest.raises(ValidationError):
        services.hand_over_lead(
            group=group, from_member=lead, to_member=requested, by=world.user("contact")
        )
    lead.refresh_from_db()
    assert lead.role == GroupRole.LEAD


def test_coordinator_names_a_lead_by_email(world, group, client_as):
    successor = person_in(world.network, email="nachfolge@example.org")
    response = client_as(world.user("coordinator")).post(
        _url("add_lead", group), {"email": "Nachfolge@example.org"}
    )
    assert response.status_code == 302
    row = group.members.get(user=successor)
    assert (row.role, row.status) == (GroupRole.LEAD, MemberStatus.ACTIVE)


def test_naming_a_lead_outside_the_networks_is_refused_on_the_form(world, group, client_as):
    outsider = person_in(world.other_network, email="fremd@example.org")
    response = client_as(world.user("coordinator")).post(
        _url("add_lead", group), {"email": "fremd@example.org"}
    )
    assert response.status_code == 200
    assert "fremd@example.org" in response.content.decode()
    assert not group.members.filter(user=outsider).exists()


def test_naming_an_unknown_address_is_refused_on_the_form(world, group, client_as):
    response = client_as(world.user("coordinator")).post(
        _url("add_lead", group), {"email": "niemand@example.org"}
    )
    assert response.status_code == 200
    assert "niemand@example.org" in response.content.decode()


# --- The member list --------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 8])
def test_member_list_query_count_is_constant(
    world, group, client_as, django_assert_num_queries, count
):
    for _ in range(count):
        GroupMemberFactory(group=group)
        GroupMemberFactory(group=group, status=MemberStatus.REQUESTED)
    client = client_as(world.user("contact"))
    client.get(_url("members", group))  # warm the session
    with django_assert_num_queries(MEMBERS_QUERIES):
        response = client.get(_url("members", group))
    assert response.status_code == 200
