"""Alliances: the public list and page, creating and editing (partners without JavaScript)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MunicipalityFactory
from tests.knowledge.factories import AllianceFactory, AlliancePartnerFactory, SolutionFactory
from tests.knowledge.races import plant_before_insert
from voneinander.audit.models import AuditEvent
from voneinander.knowledge import alliance_services as services
from voneinander.knowledge.models import (
    Alliance,
    AlliancePartner,
    AllianceStatus,
    SolutionVisibility,
)

LIST = reverse("knowledge:alliances")
CREATE = reverse("knowledge:alliance_create", kwargs={"slug": "alpha"})


def _detail(alliance):
    return reverse("knowledge:alliance", kwargs={"slug": alliance.slug})


def _edit(alliance):
    return reverse("knowledge:alliance_edit", kwargs={"slug": alliance.slug})


@pytest.fixture
def alliance(world):
    alliance = AllianceFactory(
        network=world.network,
        title="Gemeinsames Bürgerportal",
        description="## Ziel\n\nEin Portal für **alle**. <script>alert(1)</script>",
        status=AllianceStatus.ACTIVE,
    )
    AlliancePartnerFactory(
        alliance=alliance, municipality=world.membership.municipality, role="Federführung"
    )
    AlliancePartnerFactory(alliance=alliance, municipality__name="Neustadt")
    return alliance


def _actions():
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


# --- Services ---------------------------------------------------------------------------------


def test_create_alliance_with_partners_and_a_unique_address(world):
    municipality = MunicipalityFactory(name="Talheim")
    first = services.create_alliance(
        network=world.network,
        by=world.user("coordinator"),
        title="Smarte  Dörfer",
        partners=[(municipality, " Pilot "), (municipality, "doppelt")],
    )
    second = services.create_alliance(
        network=world.network, by=world.user("coordinator"), title="Smarte Dörfer"
    )
    assert (first.slug, second.slug) == ("smarte-dorfer", "smarte-dorfer-2")
    assert first.title == "Smarte Dörfer"
    assert list(first.partner_links.values_list("municipality__name", "role")) == [
        ("Talheim", "Pilot")
    ]
    assert _actions() == ["alliance.created", "alliance.created"]


def test_create_alliance_whose_address_is_taken_at_the_same_moment_gets_the_next(world):
    # The address is checked twice (choosing it, full_clean); the other request wins after.
    with plant_before_insert(
        "knowledge_alliance",
        lambda: AllianceFactory(network=world.network, slug="smarte-dorfer"),
        after=2,
    ):
        created = services.create_alliance(
            network=world.network, by=world.user("coordinator"), title="Smarte Dörfer"
        )

    assert created.slug == "smarte-dorfer-2"
    assert Alliance.objects.count() == 2
    assert _actions() == ["alliance.created"]


def test_add_the_same_partner_twice_is_refused(world, alliance):
    with pytest.raises(ValidationError) as caught:
        services.add_partner(
            alliance=alliance,
            by=world.user("coordinator"),
            municipality=world.membership.municipality,
        )
    assert caught.value.error_list[0].code == "duplicate"
    assert alliance.partner_links.count() == 2


def test_update_alliance_records_the_changed_fields(world, alliance):
    services.update_alliance(
        alliance=alliance,
        by=world.user("coordinator"),
        status=AllianceStatus.COMPLETED,
        description=alliance.description,
    )
    event = AuditEvent.objects.get(action="alliance.updated")
    assert event.data == {"changed": {"status": ["active", "completed"]}}
    assert Alliance.objects.get().status == AllianceStatus.COMPLETED


# --- List and page ------------------------------------------------------------------------------


def test_alliance_list_shows_status_and_partners_to_everyone(world, client, alliance):
    AllianceFactory(network=world.other_network, title="Beta-Verbund")
    page = client.get(LIST).content.decode()
    assert _detail(alliance) in page
    assert "Gemeinsames Bürgerportal" in page
    assert "Altstadt (Federführung)" in page and "Neustadt" in page
    assert "Beta-Verbund" in page
    filtered = client.get(LIST, {"netzwerk": "beta"}).content.decode()
    assert "Beta-Verbund" in filtered and "Gemeinsames Bürgerportal" not in filtered
    by_status = client.get(LIST, {"status": "forming"}).content.decode()
    assert "Beta-Verbund" in by_status and "Gemeinsames Bürgerportal" not in by_status
    assert client.get(LIST, {"netzwerk": "gibt-es-nicht"}).status_code == 200


def test_alliance_list_query_count_does_not_grow(world, client):
    def add():
        alliance = AllianceFactory(
            network=world.network, solution=SolutionFactory(network=world.network)
        )
        AlliancePartnerFactory(alliance=alliance)
        AlliancePartnerFactory(alliance=alliance)

    def queries():
        client.get(LIST)
        with CaptureQueriesContext(connection) as captured:
            client.get(LIST)
        return len(captured)

    add()
    with_one = queries()
    for _ in range(5):
        add()
    assert queries() == with_one


def test_alliance_page_renders_the_description_safely(world, client, alliance):
    page = client.get(_detail(alliance)).content.decode()
    assert "<strong>alle</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "Federführung" in page
    assert _edit(alliance) not in page


def test_alliance_page_names_an_internal_solution_only_to_members(world, client_as, alliance):
    solution = SolutionFactory(
        network=world.network, title="Internes Portal", visibility=SolutionVisibility.NETWORK
    )
    alliance.solution = solution
    alliance.save()
    assert "Internes Portal" not in client_as(None).get(_detail(alliance)).content.decode()
    assert "Internes Portal" not in client_as(world.user("user")).get(LIST).content.decode()
    assert (
        "Internes Portal" in client_as(world.user("member")).get(_detail(alliance)).content.decode()
    )


# --- Creating and editing ------------------------------------------------------------------------


def test_create_alliance_with_a_partner_found_by_name(world, client_as):
    talheim = MunicipalityFactory(name="Talheim", ags="07111333")
    solution = SolutionFactory(network=world.network, title="Dorf-App")
    client = client_as(world.user("coordinator"))
    page = client.get(CREATE).content.decode()
    assert "Dorf-App" in page and "municipalities/search.js" in page
    response = client.post(
        CREATE,
        {
            "title": "Dorf-App-Verbund",
            "description": "Gemeinsam weiterentwickeln.",
            "status": "forming",
            "formed_on": "2025-03-01",
            "solution": solution.pk,
            "add-municipality": "07111333",
            "add-role": "Pilot",
        },
    )
    alliance = Alliance.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _edit(alliance)
    assert (alliance.network, alliance.solution, str(alliance.formed_on)) == (
        world.network,
        solution,
        "2025-03-01",
    )
    assert list(alliance.partner_links.values_list("municipality", "role")) == [
        (talheim.pk, "Pilot")
    ]


def test_create_alliance_with_an_ambiguous_name_offers_candidates_and_keeps_the_input(
    world, client_as
):
    north = MunicipalityFactory(name="Bergheim (Nord)")
    south = MunicipalityFactory(name="Bergheim (Süd)")
    client = client_as(world.user("coordinator"))
    data = {"title": "Bergheimer Runde", "status": "forming", "add-municipality": "Bergheim"}
    response = client.post(CREATE, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="add-municipality_choice" value="{north.pk}"' in page
    assert 'value="Bergheimer Runde"' in page
    assert not Alliance.objects.exists()
    response = client.post(CREATE, {**data, "add-municipality_choice": south.pk})
    assert response.status_code == 302
    assert list(Alliance.objects.get().partners.all()) == [south]


def test_create_alliance_without_title_is_a_form_error(world, client_as):
    response = client_as(world.user("coordinator")).post(CREATE, {"title": "", "status": "forming"})
    assert response.status_code == 200
    assert "data-error-summary" in response.content.decode()
    assert not Alliance.objects.exists()


def _edit_data(alliance, **extra):
    partners = list(alliance.partner_links.order_by("municipality__name"))
    data = {
        "title": alliance.title,
        "description": alliance.description,
        "status": alliance.status,
        "formed_on": "",
        "solution": "",
        "partners-TOTAL_FORMS": str(len(partners)),
        "partners-INITIAL_FORMS": str(len(partners)),
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
    }
    for index, partner in enumerate(partners):
        data[f"partners-{index}-partner"] = str(partner.pk)
        data[f"partners-{index}-role"] = partner.role
        data[f"partners-{index}-joined_on"] = ""
    data.update(extra)
    return data


def test_coordinator_edits_fields_and_partners_in_one_go(world, client_as, alliance):
    talheim = MunicipalityFactory(name="Talheim")
    client = client_as(world.user("coordinator"))
    page = client.get(_edit(alliance)).content.decode()
    assert 'name="partners-0-role"' in page and 'name="add-municipality"' in page
    data = _edit_data(
        alliance,
        title="Bürgerportal-Verbund",
        **{
            "partners-0-role": "Koordination",
            "partners-1-remove": "on",
            "add-municipality": "Talheim",
            "add-role": "Neu dabei",
        },
    )
    response = client.post(_edit(alliance), data)
    assert response.status_code == 302
    assert response["Location"] == _edit(alliance)  # a partner was added: back to the list
    alliance.refresh_from_db()
    assert alliance.title == "Bürgerportal-Verbund"
    assert sorted(alliance.partner_links.values_list("municipality__name", "role")) == [
        ("Altstadt", "Koordination"),
        ("Talheim", "Neu dabei"),
    ]
    assert talheim in alliance.partners.all()
    for action in (
        "alliance.updated",
        "alliance.partner_changed",
        "alliance.partner_removed",
        "alliance.partner_added",
    ):
        assert action in _actions()


def test_edit_adding_an_existing_partner_changes_nothing(world, client_as, alliance):
    data = _edit_data(
        alliance, title="Neuer Titel", **{"add-municipality": world.membership.municipality.name}
    )
    response = client_as(world.user("coordinator")).post(_edit(alliance), data)
    assert response.status_code == 200
    assert "data-error-summary" in response.content.decode()
    alliance.refresh_from_db()
    assert alliance.title == "Gemeinsames Bürgerportal"
    assert alliance.partner_links.count() == 2


def test_partner_municipality_edits_description_and_status_only(world, client_as, alliance):
    client = client_as(world.user("member"))  # confirmed person of Altstadt, a partner
    page = client.get(_edit(alliance)).content.decode()
    assert 'name="description"' in page and 'name="status"' in page
    assert 'name="title"' not in page and 'name="add-municipality"' not in page
    response = client.post(
        _edit(alliance),
        {"description": "Neuer Stand.", "status": "completed", "title": "Übernommen?"},
    )
    assert response.status_code == 302
    assert response["Location"] == _detail(alliance)
    alliance.refresh_from_db()
    assert (alliance.description, alliance.status, alliance.title) == (
        "Neuer Stand.",
        AllianceStatus.COMPLETED,
        "Gemeinsames Bürgerportal",
    )
    assert AlliancePartner.objects.filter(alliance=alliance).count() == 2


def test_alliance_page_offers_editing_to_partners_and_coordinators(world, client_as, alliance):
    assert (
        _edit(alliance) in client_as(world.user("member")).get(_detail(alliance)).content.decode()
    )
    assert (
        _edit(alliance)
        in client_as(world.user("coordinator")).get(_detail(alliance)).content.decode()
    )
    assert (
        _edit(alliance)
        not in client_as(world.user("contact")).get(_detail(alliance)).content.decode()
    )
