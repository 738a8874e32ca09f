import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from tests.factories import NetworkFactory
from voneinander.audit.models import AuditEvent
from voneinander.networks.models import Network
from voneinander.networks.services import update_network

URL = reverse("networks:edit", kwargs={"slug": "alpha"})


def _form_data(**changes):
    data = {
        "name": "Netzwerk Alpha",
        "short_name": "Alpha",
        "description": "",
        "operator": "Ministerium des Innern und für Sport Rheinland-Pfalz",
        "target_group": "",
        "topics": "",
        "contact_email": "",
        "website": "",
        "postal_address": "",
    }
    data.update(changes)
    return data


def test_network_edit_form_shows_the_current_details(world, client_as):
    world.network.topics = ["Open Data", "Ehrenamt"]
    world.network.target_kinds = ["ortsgemeinde"]
    world.network.save()
    response = client_as(world.user("coordinator")).get(URL)
    page, form = response.content.decode(), response.context["form"]
    assert "Open Data\nEhrenamt</textarea>" in page
    assert form["target_kinds"].value() == ["ortsgemeinde"]
    assert [choice.pk for choice in form.fields["sister_networks"].queryset] == [
        world.other_network.pk
    ]
    assert "Netzwerk Beta" in page  # offered as sister network
    assert 'name="slug"' not in page


def test_coordinator_edits_the_network_and_the_changed_fields_are_audited(world, client_as):
    response = client_as(world.user("coordinator")).post(
        URL,
        _form_data(
            name="Netzwerk Alpha Plus",
            description="Neu beschrieben.",
            target_kinds=["verbandsgemeinde", "ortsgemeinde"],
            topics="Open Data\n  Smart   City \n\nopen data\n",
            contact_email="alpha@example.org",
            website="www.alpha.example.org",
            postal_address="Alpha-Straße 1\n55116 Mainz",
            sister_networks=[world.other_network.pk],
            slug="neue-adresse",  # not a field: ignored
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:manage", kwargs={"slug": "alpha"})
    network = Network.objects.get(pk=world.network.pk)
    assert network.slug == "alpha"
    assert network.name == "Netzwerk Alpha Plus"
    assert network.topics == ["Open Data", "Smart City"]
    assert network.target_kinds == ["ortsgemeinde", "verbandsgemeinde"]
    assert network.website == "https://www.alpha.example.org"
    assert network.postal_address == "Alpha-Straße 1\n55116 Mainz"
    assert list(network.sister_networks.all()) == [world.other_network]
    assert list(world.other_network.sister_networks.all()) == [network]  # symmetrical
    event = AuditEvent.objects.get(action="network.updated")
    assert event.actor == world.user("coordinator")
    assert event.data == {
        "fields": [
            "name",
            "description",
            "target_kinds",
            "topics",
            "contact_email",
            "website",
            "postal_address",
            "sister_networks",
        ]
    }


def test_network_edit_without_changes_records_nothing(world, client_as):
    client = client_as(world.user("coordinator"))
    response = client.post(URL, _form_data(), follow=True)
    assert gettext("Nothing was changed.") in response.content.decode()
    assert not AuditEvent.objects.filter(action="network.updated").exists()


def test_network_edit_refuses_a_name_another_network_has_and_keeps_the_input(world, client_as):
    response = client_as(world.user("coordinator")).post(
        URL, _form_data(name="netzwerk beta", description="Bleibt im Formular.")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert gettext("Another network already has this name.") in page
    assert "Bleibt im Formular." in page
    assert Network.objects.get(pk=world.network.pk).name == "Netzwerk Alpha"


def test_network_edit_reports_bad_address_and_website(world, client_as):
    response = client_as(world.user("coordinator")).post(
        URL, _form_data(contact_email="keine-adresse", website="http://")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"contact_email", "website"}
    assert not AuditEvent.objects.filter(action="network.updated").exists()


def test_network_edit_limits_the_number_and_length_of_topics(world, client_as):
    client = client_as(world.user("coordinator"))
    many = client.post(URL, _form_data(topics="\n".join(f"Thema {n}" for n in range(31))))
    assert list(many.context["form"].errors) == ["topics"]
    long = client.post(URL, _form_data(topics="x" * 81))
    assert list(long.context["form"].errors) == ["topics"]


def test_update_network_refuses_the_network_as_its_own_sister(world):
    with pytest.raises(ValidationError) as error:
        update_network(
            network=world.network,
            values={"sister_networks": [world.network]},
            by=world.user("admin"),
        )
    assert "sister_networks" in error.value.error_dict
    assert not world.network.sister_networks.exists()


def test_update_network_refuses_unknown_kinds_and_fields(world):
    with pytest.raises(ValidationError):
        update_network(
            network=world.network, values={"target_kinds": ["dorf"]}, by=world.user("admin")
        )
    with pytest.raises(ValueError, match="slug"):
        update_network(network=world.network, values={"slug": "neu"}, by=world.user("admin"))
    assert not AuditEvent.objects.filter(action="network.updated").exists()


def test_update_network_treats_the_same_kinds_in_another_order_as_unchanged(world):
    world.network.target_kinds = ["verbandsgemeinde", "ortsgemeinde"]
    world.network.save()
    changed = update_network(
        network=world.network,
        values={"target_kinds": ["ortsgemeinde", "verbandsgemeinde"]},
        by=world.user("admin"),
    )
    assert changed == []


def test_update_network_validates_like_the_model(world):
    NetworkFactory(name="Schon vergeben")
    with pytest.raises(ValidationError) as error:
        update_network(
            network=world.network, values={"name": "Schon vergeben"}, by=world.user("admin")
        )
    assert "name" in error.value.error_dict
