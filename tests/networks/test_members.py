import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
)
from voneinander.accounts.models import User
from voneinander.audit.models import AuditEvent
from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.networks.models import Membership, MembershipStatus
from voneinander.networks.roles import CONTACT, network_roles
from voneinander.networks.services import add_member, end_membership, update_membership

MEMBERS = reverse("networks:members", kwargs={"slug": "alpha"})


def _membership_url(name, membership):
    return reverse(
        f"networks:{name}", kwargs={"slug": membership.network.slug, "pk": membership.pk}
    )


def _add(client, **data):
    values = {"role": "member", "member_since": "2021-04-01"}
    values.update(data)
    return client.post(MEMBERS, values)


# --- The members list -------------------------------------------------------------------


def _members_with_contacts_and_claims(world, count):
    for _number in range(count):
        membership = MembershipFactory(network=world.network)
        ContactPersonFactory(membership=membership)
        ContactPersonFactory(membership=membership, is_primary=False)
        UserFactory(municipality=membership.municipality)  # an open claim


@pytest.mark.parametrize("count", [1, 8])
def test_members_list_queries_do_not_grow_with_the_members(
    world, client_as, django_assert_num_queries, count
):
    _members_with_contacts_and_claims(world, count)
    client = client_as(world.user("coordinator"))
    client.get(MEMBERS)  # warm up session and caches
    with django_assert_num_queries(8):
        response = client.get(MEMBERS)
    assert len(response.context["memberships"]) == count + 1


def test_members_list_shows_left_members_contacts_and_open_claims(world, client_as):
    world.membership.topic_focuses = ["Ehrenamt"]
    world.membership.save()
    UserFactory(municipality=world.membership.municipality, first_name="Cora", last_name="Claim")
    gone = MembershipFactory(
        network=world.network,
        municipality__name="Fortgezogen",
        status=MembershipStatus.LEFT,
        left_on=datetime.date(2024, 6, 30),
    )
    response = client_as(world.user("coordinator")).get(MEMBERS)
    rows = {m.municipality.name: m for m in response.context["memberships"]}
    assert rows["Altstadt"].pending_claims == 1
    assert rows["Fortgezogen"].pending_claims == 0
    assert [m.municipality.name for m in response.context["memberships"]] == [
        "Altstadt",
        "Fortgezogen",
    ]  # current members first
    page = response.content.decode()
    assert _membership_url("membership", gone) in page
    assert "30.06.2024" in page
    assert "Ehrenamt" in page
    assert world.user("contact").display_name in page
    assert "Bergdorf" not in page  # beta's member


# --- Adding a member directly -----------------------------------------------------------


def test_coordinator_adds_a_member_by_official_key(world, client_as):
    world.network.topics = ["Open Data", "Ehrenamt"]
    world.network.save()
    municipality = MunicipalityFactory(name="Neudorf", ags="07333099")
    response = _add(
        client_as(world.user("coordinator")),
        municipality="07333099",
        role="transfer",
        topic_focuses=["Ehrenamt"],
    )
    assert response.status_code == 302
    membership = Membership.objects.get(network=world.network, municipality=municipality)
    assert (membership.role, membership.member_since, membership.topic_focuses) == (
        "transfer",
        datetime.date(2021, 4, 1),
        ["Ehrenamt"],
    )
    event = AuditEvent.objects.get(action="membership.added")
    assert event.actor == world.user("coordinator")
    assert event.data == {
        "network": "alpha",
        "municipality_id": municipality.pk,
        "role": "transfer",
        "member_since": "2021-04-01",
        "without_application": True,
    }


def test_member_is_found_by_its_unique_name_ignoring_case(world, client_as):
    municipality = MunicipalityFactory(name="Einzigartig")
    response = _add(client_as(world.user("coordinator")), municipality="einzigARTIG")
    assert response.status_code == 302
    assert Membership.objects.filter(network=world.network, municipality=municipality).exists()


def test_vg_prefix_asks_for_the_verbandsgemeinde(world, client_as):
    vg = MunicipalityFactory(name="Doppelname", kind=Kind.VERBANDSGEMEINDE)
    MunicipalityFactory(name="Doppelname", kind=Kind.ORTSGEMEINDE, parent=vg)
    response = _add(client_as(world.user("coordinator")), municipality="VG Doppelname")
    assert response.status_code == 302
    assert Membership.objects.get(network=world.network, municipality__name="Doppelname") == (
        Membership.objects.get(municipality=vg)
    )


def test_ambiguous_name_offers_a_choice_and_keeps_the_input(world, client_as):
    vg = MunicipalityFactory(name="Doppelname", kind=Kind.VERBANDSGEMEINDE)
    village = MunicipalityFactory(name="Doppelname", kind=Kind.ORTSGEMEINDE, parent=vg)
    client = client_as(world.user("coordinator"))
    response = _add(client, municipality="Doppelname", member_since="2020-02-02")
    assert response.status_code == 200
    page = response.content.decode()
    assert list(response.context["form"].errors) == ["candidate"]
    assert 'type="radio" name="candidate"' in page
    assert f'value="{village.pk}"' in page and f'value="{vg.pk}"' in page
    assert "VG Doppelname" in page  # the parent tells them apart
    assert 'value="2020-02-02"' in page
    assert not Membership.objects.filter(municipality__name="Doppelname").exists()

    chosen = _add(client, municipality="Doppelname", candidate=str(village.pk))
    assert chosen.status_code == 302
    assert Membership.objects.get(municipality__name="Doppelname").municipality == village


def test_choice_from_an_earlier_list_that_no_longer_fits_is_refused(world, client_as):
    vg = MunicipalityFactory(name="Doppelname", kind=Kind.VERBANDSGEMEINDE)
    MunicipalityFactory(name="Doppelname", kind=Kind.ORTSGEMEINDE, parent=vg)
    elsewhere = MunicipalityFactory(name="Anderswo")
    response = _add(
        client_as(world.user("coordinator")),
        municipality="Doppelname",
        candidate=str(elsewhere.pk),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["candidate"]
    assert not Membership.objects.filter(municipality=elsewhere).exists()


def test_ambiguous_name_is_decided_by_the_kinds_the_network_accepts(world, client_as):
    world.network.target_kinds = [Kind.VERBANDSGEMEINDE]
    world.network.save()
    vg = MunicipalityFactory(name="Doppelname", kind=Kind.VERBANDSGEMEINDE)
    MunicipalityFactory(name="Doppelname", kind=Kind.ORTSGEMEINDE, parent=vg)
    response = _add(client_as(world.user("coordinator")), municipality="Doppelname")
    assert response.status_code == 302
    assert Membership.objects.get(municipality__name="Doppelname").municipality == vg


def test_unknown_municipality_is_a_clear_field_error(world, client_as):
    response = _add(client_as(world.user("coordinator")), municipality="Nirgendwo")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["municipality"]
    assert "Nirgendwo" in response.context["form"].errors["municipality"][0]
    unknown_key = _add(client_as(world.user("coordinator")), municipality="07999999")
    assert list(unknown_key.context["form"].errors) == ["municipality"]


def test_active_member_cannot_be_added_twice(world, client_as):
    response = _add(client_as(world.user("coordinator")), municipality="Altstadt")
    assert response.status_code == 200
    [message] = response.context["form"].errors["municipality"]
    assert "Altstadt" in message
    assert Membership.objects.filter(network=world.network).count() == 1


def test_former_member_comes_back_by_application_not_here(world):
    end_membership(
        membership=world.membership, left_on=timezone.localdate(), by=world.user("admin")
    )
    with pytest.raises(ValidationError, match=r"application|Antrag"):
        add_member(
            network=world.network,
            municipality=world.membership.municipality,
            role="member",
            member_since=timezone.localdate(),
            topic_focuses=[],
            by=world.user("admin"),
        )


def test_kind_the_network_does_not_accept_is_refused(world, client_as):
    world.network.target_kinds = [Kind.ORTSGEMEINDE]
    world.network.save()
    MunicipalityFactory(name="Großstadt", kind=Kind.KREISFREIE_STADT)
    response = _add(client_as(world.user("coordinator")), municipality="Großstadt")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["municipality"]
    assert not Membership.objects.filter(municipality__name="Großstadt").exists()


def test_add_member_refuses_future_dates_and_foreign_topics(world):
    municipality = MunicipalityFactory()
    common = {
        "network": world.network,
        "municipality": municipality,
        "role": "member",
        "by": world.user("admin"),
    }
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        add_member(**common, member_since=tomorrow, topic_focuses=[])
    assert list(future.value.error_dict) == ["member_since"]
    with pytest.raises(ValidationError) as topic:
        add_member(**common, member_since=timezone.localdate(), topic_focuses=["Raumfahrt"])
    assert list(topic.value.error_dict) == ["topic_focuses"]
    assert not Membership.objects.filter(municipality=municipality).exists()
    assert not AuditEvent.objects.filter(action="membership.added").exists()


# --- Changing a membership --------------------------------------------------------------


def test_coordinator_changes_role_start_and_topics(world, client_as):
    world.network.topics = ["Open Data", "Ehrenamt"]
    world.network.save()
    response = client_as(world.user("coordinator")).post(
        _membership_url("membership_edit", world.membership),
        {"role": "mentor", "member_since": "2019-05-01", "topic_focuses": ["Ehrenamt"]},
    )
    assert response.status_code == 302
    world.membership.refresh_from_db()
    assert (world.membership.role, world.membership.member_since) == (
        "mentor",
        datetime.date(2019, 5, 1),
    )
    assert world.membership.topic_focuses == ["Ehrenamt"]
    event = AuditEvent.objects.get(action="membership.updated")
    assert event.data == {"fields": ["member_since", "role", "topic_focuses"]}


def test_contact_person_changes_topics_but_not_role_or_start(world, client_as):
    world.network.topics = ["Open Data", "Ehrenamt"]
    world.network.save()
    client = client_as(world.user("contact"))
    form = client.get(_membership_url("membership", world.membership)).context["edit_form"]
    assert list(form.fields) == ["topic_focuses"]
    response = client.post(
        _membership_url("membership_edit", world.membership),
        {"role": "mentor", "member_since": "2010-01-01", "topic_focuses": ["Open Data"]},
    )
    assert response.status_code == 302
    world.membership.refresh_from_db()
    assert world.membership.role == "member"
    assert world.membership.member_since == datetime.date(2020, 1, 1)
    assert world.membership.topic_focuses == ["Open Data"]
    assert AuditEvent.objects.get(action="membership.updated").data == {"fields": ["topic_focuses"]}


def test_topics_the_network_dropped_stay_choosable_for_those_who_hold_them(world, client_as):
    world.network.topics = ["Open Data"]
    world.network.save()
    world.membership.topic_focuses = ["Altes Thema"]
    world.membership.save()
    client = client_as(world.user("contact"))
    form = client.get(_membership_url("membership", world.membership)).context["edit_form"]
    assert [value for value, _label in form.fields["topic_focuses"].choices] == [
        "Open Data",
        "Altes Thema",
    ]
    client.post(
        _membership_url("membership_edit", world.membership),
        {"topic_focuses": ["Altes Thema", "Open Data"]},
    )
    world.membership.refresh_from_db()
    assert world.membership.topic_focuses == ["Open Data", "Altes Thema"]


def test_topic_outside_the_list_is_a_form_error(world, client_as):
    world.network.topics = ["Open Data"]
    world.network.save()
    response = client_as(world.user("coordinator")).post(
        _membership_url("membership_edit", world.membership),
        {"role": "member", "member_since": "2020-01-01", "topic_focuses": ["Raumfahrt"]},
    )
    assert response.status_code == 200
    assert list(response.context["edit_form"].errors) == ["topic_focuses"]
    assert response.context["has_errors"]


def test_update_membership_without_changes_records_nothing(world):
    assert (
        update_membership(membership=world.membership, topic_focuses=[], by=world.user("admin"))
        == []
    )
    assert not AuditEvent.objects.filter(action="membership.updated").exists()


# --- Leaving ----------------------------------------------------------------------------


def test_coordinator_marks_a_member_as_left_and_nothing_is_deleted(world, client_as):
    contact = world.user("contact")
    assert network_roles(contact).has(world.network.pk, CONTACT)
    client = client_as(world.user("coordinator"))
    page = client.get(_membership_url("membership_end", world.membership))
    assert page.context["form"]["left_on"].value() == timezone.localdate()
    response = client.post(
        _membership_url("membership_end", world.membership), {"left_on": "2024-06-30"}
    )
    assert response.status_code == 302
    world.membership.refresh_from_db()
    assert world.membership.status == MembershipStatus.LEFT
    assert world.membership.left_on == datetime.date(2024, 6, 30)
    assert world.membership.contact_persons.count() == 1  # kept for the record
    event = AuditEvent.objects.get(action="membership.ended")
    assert event.data == {"left_on": "2024-06-30"}
    # The municipality's people lose their access to the network.
    assert not network_roles(User.objects.get(pk=contact.pk)).has(world.network.pk, CONTACT)
    internal = reverse("networks:internal", kwargs={"slug": "alpha"})
    assert client_as(world.user("member")).get(internal).status_code == 403


def test_leaving_date_must_lie_between_start_and_today(world, client_as):
    client = client_as(world.user("coordinator"))
    url = _membership_url("membership_end", world.membership)
    early = client.post(url, {"left_on": "2019-12-31"})
    assert list(early.context["form"].errors) == ["left_on"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    late = client.post(url, {"left_on": tomorrow.isoformat()})
    assert list(late.context["form"].errors) == ["left_on"]
    world.membership.refresh_from_db()
    assert world.membership.status == MembershipStatus.ACTIVE


def test_a_left_membership_cannot_be_changed_or_left_again(world, client_as):
    end_membership(membership=world.membership, left_on=timezone.localdate(), by=None)
    client = client_as(world.user("coordinator"))
    again = client.get(_membership_url("membership_end", world.membership))
    assert again.status_code == 302
    assert again["Location"] == _membership_url("membership", world.membership)
    with pytest.raises(ValidationError):
        update_membership(membership=world.membership, role="mentor", by=world.user("admin"))
    page = client.get(_membership_url("membership", world.membership))
    assert page.status_code == 200
    assert b"membership_edit" not in page.content
    assert _membership_url("membership_edit", world.membership).encode() not in page.content
