import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ContactPersonFactory, UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.networks.models import NetworkCoordinator
from voneinander.networks.services import add_coordinator, remove_coordinator


def test_coordinator_adds_a_coordinator_and_it_is_audited(world, client_as):
    newcomer = UserFactory(email="neu-koordination@example.org")
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("networks:manage", kwargs={"slug": "alpha"}),
        {"email": "NEU-Koordination@example.org"},
    )
    assert response.status_code == 302
    assert NetworkCoordinator.objects.filter(network=world.network, user=newcomer).exists()
    event = AuditEvent.objects.get(action="role.coordinator_added")
    assert (event.actor, event.target_label, event.data["user"]) == (
        world.user("coordinator"),
        "Netzwerk Alpha",
        "neu-koordination@example.org",
    )
    # The new role takes effect at once: the newcomer may manage the network.
    assert (
        client_as(newcomer).get(reverse("networks:manage", kwargs={"slug": "alpha"})).status_code
        != 403
    )


def test_unknown_address_is_a_field_error_and_keeps_the_input(world, client_as):
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("networks:manage", kwargs={"slug": "alpha"}), {"email": "unbekannt@example.org"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kein aktives Konto" in page
    assert 'value="unbekannt@example.org"' in page


def test_adding_someone_twice_is_refused_with_a_message(world):
    with pytest.raises(
        ValidationError, match=r"koordiniert dieses Netzwerk bereits|already coordinates"
    ):
        add_coordinator(
            network=world.network, user=world.user("coordinator"), by=world.user("admin")
        )


def test_the_last_coordinator_cannot_be_removed(world):
    only = NetworkCoordinator.objects.get(network=world.other_network).user
    with pytest.raises(ValidationError):
        remove_coordinator(network=world.other_network, user=only, by=world.user("admin"))
    assert NetworkCoordinator.objects.filter(network=world.other_network, user=only).exists()
    assert not AuditEvent.objects.filter(action="role.coordinator_removed").exists()


def test_coordinator_removes_a_coordinator(world, client_as):
    second = NetworkCoordinator.objects.get(
        network=world.network, user__email="coordinator2@example.org"
    ).user
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("networks:remove_coordinator", kwargs={"slug": "alpha"}), {"user_id": second.pk}
    )
    assert response.status_code == 302
    assert not NetworkCoordinator.objects.filter(network=world.network, user=second).exists()
    assert AuditEvent.objects.get(action="role.coordinator_removed").data["user_id"] == second.pk


def test_coordinator_of_one_network_cannot_act_on_another(world, client_as):
    beta_coordinator = NetworkCoordinator.objects.get(network=world.other_network).user
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("networks:remove_coordinator", kwargs={"slug": "beta"}),
        {"user_id": beta_coordinator.pk},
    )
    assert response.status_code == 403
    assert NetworkCoordinator.objects.filter(network=world.other_network).count() == 1


def test_contact_details_follow_each_persons_visibility(world, client_as):
    hidden = ContactPersonFactory(
        membership__network=world.network,
        user__email="versteckt@example.org",
        user__contact_visibility="nobody",
    ).user
    public = ContactPersonFactory(
        membership__network=world.network,
        user__email="offen@example.org",
        user__contact_visibility="public",
    ).user
    url = reverse("networks:internal", kwargs={"slug": "alpha"})
    member_page = client_as(world.user("member")).get(url).content.decode()
    assert public.email in member_page and "contact@example.org" in member_page
    assert hidden.email not in member_page
    coordinator_page = client_as(world.user("coordinator")).get(url).content.decode()
    assert hidden.email in coordinator_page


def test_public_network_page_lists_members_without_contact_details(world, client):
    page = client.get(reverse("networks:detail", kwargs={"slug": "alpha"})).content.decode()
    assert "Altstadt" in page
    assert "contact@example.org" not in page
    assert "Bergdorf" not in page
