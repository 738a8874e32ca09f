"""Groups: created, edited and archived by coordinators; the list with filters."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import NetworkFactory
from tests.knowledge.factories import topic
from tests.workinggroups.factories import GroupMemberFactory, WorkingGroupFactory, person_in
from voneinander.audit.models import AuditEvent
from voneinander.workinggroups import services
from voneinander.workinggroups.models import GroupRole, MemberStatus, WorkingGroup

# Whole requests (session, user, roles, groups, layout); they must not grow with the rows.
LIST_QUERIES = 10


def _en(name, **kwargs) -> str:
    with translation.override("de"):
        return "/en" + reverse(f"workinggroups:{name}", kwargs=kwargs)


def _form(world, **changes):
    data = {
        "network": world.network.pk,
        "title": "AG Bürgerbus",
        "topic": topic("mobilitaet").pk,
        "description": "Wir planen **gemeinsam**.",
        "is_private": "True",
        "lead": "contact@example.org",
    }
    return data | changes


# --- Creating ----------------------------------------------------------------------------------


def test_coordinator_creates_a_group_with_its_lead(world, client_as):
    response = client_as(world.user("coordinator")).post(_en("create"), _form(world))

    group = WorkingGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/arbeitsgruppen/{group.slug}/")
    assert (group.title, group.slug, group.is_private) == ("AG Bürgerbus", "ag-burgerbus", True)
    assert group.topic == topic("mobilitaet")
    assert group.created_by == world.user("coordinator")
    lead = group.members.get()
    assert (lead.user, lead.role, lead.status) == (
        world.user("contact"),
        GroupRole.LEAD,
        MemberStatus.ACTIVE,
    )
    assert AuditEvent.objects.get(action="workinggroup.created").data["lead"] == lead.user_id


def test_create_refuses_a_lead_outside_the_network_and_keeps_the_input(world, client_as):
    person_in(world.other_network, email="beta@example.org")
    response = client_as(world.user("coordinator")).post(
        _en("create"), _form(world, lead="beta@example.org")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The lead must belong to a member municipality" in content
    assert 'value="AG Bürgerbus"' in content
    assert not WorkingGroup.objects.exists()


def test_create_offers_only_networks_one_coordinates(world, client_as):
    response = client_as(world.user("coordinator")).post(
        _en("create"), _form(world, network=world.other_network.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not WorkingGroup.objects.exists()


def test_a_group_is_shared_only_with_sister_networks(world):
    world.network.sister_networks.add(world.other_network)
    stranger = NetworkFactory()
    with pytest.raises(services.ValidationError) as refused:
        services.create_group(
            network=world.network,
            title="AG Geteilt",
            lead=world.user("contact"),
            shared_with=[stranger],
            by=world.user("coordinator"),
        )
    assert "shared_with" in refused.value.error_dict
    group = services.create_group(
        network=world.network,
        title="AG Geteilt",
        lead=world.user("contact"),
        shared_with=[world.other_network],
        by=world.user("coordinator"),
    )
    assert list(group.shared_with.all()) == [world.other_network]


def test_a_lead_from_a_sister_network_may_lead_a_shared_group(world):
    world.network.sister_networks.add(world.other_network)
    sister = person_in(world.other_network)
    group = services.create_group(
        network=world.network,
        title="AG Geteilt",
        lead=sister,
        shared_with=[world.other_network],
        by=world.user("coordinator"),
    )
    assert group.members.get().user == sister


def test_the_address_avoids_reserved_words_and_duplicates(world):
    coordinator = world.user("coordinator")
    first = services.create_group(
        network=world.network, title="Neu", lead=world.user("contact"), by=coordinator
    )
    second = services.create_group(
        network=world.network, title="Neu", lead=world.user("contact"), by=coordinator
    )
    assert (first.slug, second.slug) == ("neu-2", "neu-3")


# --- Editing and archiving -----------------------------------------------------------------------


def test_coordinator_edits_the_group(world, client_as):
    group = WorkingGroupFactory(network=world.network, title="Alt", lead=world.user("contact"))
    response = client_as(world.user("coordinator")).post(
        _en("edit", slug=group.slug),
        {"title": "Neu benannt", "description": "Text", "is_private": "True", "topic": ""},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.title, group.description, group.is_private) == ("Neu benannt", "Text", True)
    entry = AuditEvent.objects.get(action="workinggroup.updated")
    assert sorted(entry.data["fields"]) == ["description", "is_private", "title"]


def test_archived_group_refuses_contributions_until_reactivated(world, client_as):
    group = WorkingGroupFactory(network=world.network, lead=world.user("contact"))
    client = client_as(world.user("coordinator"))
    client.post(_en("archive", slug=group.slug))
    group.refresh_from_db()
    assert group.archived_at is not None
    with pytest.raises(services.ValidationError):
        services.start_discussion(group=group, title="x", text="y", by=world.user("contact"))
    listed = client.get(_en("list")).content.decode()
    archive = client.get(_en("list"), {"archiv": "1"}).content.decode()
    assert group.title not in listed
    assert group.title in archive

    client.post(_en("archive", slug=group.slug))
    group.refresh_from_db()
    assert group.archived_at is None
    assert [e.action for e in AuditEvent.objects.order_by("pk")][-2:] == [
        "workinggroup.archived",
        "workinggroup.reactivated",
    ]


def test_description_is_markdown_without_scripts(world, client_as):
    group = WorkingGroupFactory(
        network=world.network,
        description="**fett** <script>alert(1)</script> [x](javascript:alert(1))",
    )
    html = client_as(None).get(group.get_absolute_url()).content.decode()
    assert "<strong>fett</strong>" in html
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html


# --- The list -------------------------------------------------------------------------------------


def test_list_filters_by_network_and_topic(world, client):
    world.network.sister_networks.add(world.other_network)
    alpha = WorkingGroupFactory(network=world.network, title="AG Alpha", topic=topic("bildung"))
    shared = WorkingGroupFactory(
        network=world.network, title="AG Geteilt", shared_with=[world.other_network]
    )
    beta = WorkingGroupFactory(network=world.other_network, title="AG Beta")

    by_beta = client.get(reverse("workinggroups:list"), {"netzwerk": "beta"}).content.decode()
    by_topic = client.get(reverse("workinggroups:list"), {"thema": "bildung"}).content.decode()

    assert shared.title in by_beta and beta.title in by_beta
    assert alpha.title not in by_beta
    assert alpha.title in by_topic
    assert shared.title not in by_topic and beta.title not in by_topic


def test_list_shows_leads_and_member_counts(world, client):
    group = WorkingGroupFactory(network=world.network, lead=world.user("contact"))
    GroupMemberFactory(group=group)
    GroupMemberFactory(group=group, status=MemberStatus.REQUESTED)
    html = client.get(_en("list")).content.decode()
    assert world.user("contact").display_name in html
    assert "2 members" in html


@pytest.mark.parametrize("count", [1, 6])
def test_list_query_count_is_constant(world, client_as, django_assert_num_queries, count):
    world.network.sister_networks.add(world.other_network)
    for _ in range(count):
        group = WorkingGroupFactory(
            network=world.network, topic=topic("bildung"), shared_with=[world.other_network]
        )
        GroupMemberFactory(group=group)
        WorkingGroupFactory(network=world.network, is_private=True)
    client = client_as(world.user("member"))
    client.get(reverse("workinggroups:list"))  # warm the session
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("workinggroups:list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="kern-card ') == 2 * count
