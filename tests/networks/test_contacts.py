import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from tests.factories import ContactPersonFactory, MembershipFactory, UserFactory
from voneinander.accounts.models import User
from voneinander.audit.models import AuditEvent
from voneinander.networks.models import ContactPerson
from voneinander.networks.roles import CONTACT, network_roles
from voneinander.networks.services import (
    add_contact_person,
    remove_contact_person,
    set_primary_contact,
)


def _url(name, membership):
    return reverse(
        f"networks:{name}", kwargs={"slug": membership.network.slug, "pk": membership.pk}
    )


def _primary_emails(membership):
    return list(
        ContactPerson.objects.filter(membership=membership, is_primary=True).values_list(
            "user__email", flat=True
        )
    )


def test_first_contact_person_becomes_the_primary_contact(world, client_as):
    membership = MembershipFactory(network=world.network)
    newcomer = UserFactory(email="neu@example.org")
    response = client_as(world.user("coordinator")).post(
        _url("contact_add", membership), {"email": "NEU@example.org"}
    )
    assert response.status_code == 302
    assert _primary_emails(membership) == ["neu@example.org"]
    event = AuditEvent.objects.get(action="role.contact_added")
    assert event.data == {"user_id": newcomer.pk, "user": "neu@example.org", "primary": True}
    # The role takes effect at once.
    assert network_roles(User.objects.get(pk=newcomer.pk)).has(world.network.pk, CONTACT)


def test_contact_person_adds_a_colleague_who_is_not_primary(world, client_as):
    colleague = UserFactory(email="kollegin@example.org")
    response = client_as(world.user("contact")).post(
        _url("contact_add", world.membership), {"email": "kollegin@example.org"}
    )
    assert response.status_code == 302
    assert ContactPerson.objects.get(user=colleague).is_primary is False
    assert _primary_emails(world.membership) == ["contact@example.org"]


def test_new_contact_may_become_primary_at_once(world):
    colleague = UserFactory(email="chefin@example.org")
    add_contact_person(
        membership=world.membership, user=colleague, primary=True, by=world.user("contact")
    )
    assert _primary_emails(world.membership) == ["chefin@example.org"]


def test_unknown_address_keeps_the_input_and_says_what_to_do(world, client_as):
    response = client_as(world.user("contact")).post(
        _url("contact_add", world.membership), {"email": "unbekannt@example.org"}
    )
    assert response.status_code == 200
    form = response.context["contact_form"]
    assert list(form.errors) == ["email"]
    assert 'value="unbekannt@example.org"' in response.content.decode()
    assert response.context["has_errors"]


def test_contact_person_cannot_be_added_twice_or_when_inactive(world, client_as):
    response = client_as(world.user("coordinator")).post(
        _url("contact_add", world.membership), {"email": "contact@example.org"}
    )
    assert response.status_code == 200
    message = gettext("%(person)s is already a contact person here.") % {
        "person": world.user("contact")
    }
    assert response.context["contact_form"].errors["email"] == [message]
    inactive = UserFactory(is_active=False)
    with pytest.raises(ValidationError):
        add_contact_person(membership=world.membership, user=inactive, by=world.user("admin"))
    assert ContactPerson.objects.filter(membership=world.membership).count() == 1


def test_set_primary_swaps_the_primary_contact_in_one_step(world, client_as):
    second = ContactPersonFactory(
        membership=world.membership, is_primary=False, user__email="zweite@example.org"
    )
    response = client_as(world.user("contact")).post(
        _url("contact_primary", world.membership), {"contact_id": second.pk}
    )
    assert response.status_code == 302
    assert _primary_emails(world.membership) == ["zweite@example.org"]
    event = AuditEvent.objects.get(action="role.primary_contact_changed")
    assert event.data == {
        "user_id": second.user_id,
        "user": "zweite@example.org",
        "previous": "contact@example.org",
    }
    # Already primary: nothing happens, nothing is recorded.
    set_primary_contact(contact=second, by=world.user("admin"))
    assert AuditEvent.objects.filter(action="role.primary_contact_changed").count() == 1


def test_database_refuses_two_primary_contacts(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactPersonFactory(membership=world.membership, is_primary=True)


def test_primary_contact_is_removed_only_after_another_takes_over(world, client_as):
    second = ContactPersonFactory(membership=world.membership, is_primary=False)
    primary = ContactPerson.objects.get(membership=world.membership, is_primary=True)
    client = client_as(world.user("coordinator"))
    refused = client.post(
        _url("contact_remove", world.membership), {"contact_id": primary.pk}, follow=True
    )
    message = gettext(
        "%(person)s is the primary contact. Make another person the primary contact first."
    ) % {"person": primary.user}
    assert [str(m) for m in refused.context["messages"]] == [message]
    assert ContactPerson.objects.filter(pk=primary.pk).exists()
    removed = client.post(_url("contact_remove", world.membership), {"contact_id": second.pk})
    assert removed.status_code == 302
    assert not ContactPerson.objects.filter(pk=second.pk).exists()
    event = AuditEvent.objects.get(action="role.contact_removed")
    assert event.data == {"user_id": second.user_id, "user": second.user.email}
    # The last contact person, primary or not, may go.
    remove_contact_person(contact=primary, by=world.user("admin"))
    assert not ContactPerson.objects.filter(membership=world.membership).exists()


def test_removing_oneself_leads_back_to_the_network_page(world, client_as):
    me = ContactPerson.objects.get(user=world.user("contact"))
    response = client_as(world.user("contact")).post(
        _url("contact_remove", world.membership), {"contact_id": me.pk}
    )
    assert response["Location"] == reverse("networks:detail", kwargs={"slug": "alpha"})


def test_contact_of_another_membership_is_not_touched(world, client_as):
    foreign = ContactPersonFactory(membership=world.other_membership)
    response = client_as(world.user("admin")).post(
        _url("contact_remove", world.membership), {"contact_id": foreign.pk}
    )
    assert response.status_code == 302
    assert ContactPerson.objects.filter(pk=foreign.pk).exists()


def test_contact_person_of_one_member_cannot_manage_another(world, client_as):
    neighbour = MembershipFactory(network=world.network)
    client = client_as(world.user("contact"))
    assert client.get(_url("membership", neighbour)).status_code == 403
    response = client.post(_url("contact_add", neighbour), {"email": "contact@example.org"})
    assert response.status_code == 403
    assert not ContactPerson.objects.filter(membership=neighbour).exists()


def test_contact_details_shared_with_nobody_stay_hidden_from_colleagues(world, client_as):
    ContactPersonFactory(
        membership=world.membership,
        is_primary=False,
        user__email="verborgen@example.org",
        user__contact_visibility="nobody",
    )
    url = _url("membership", world.membership)
    assert "verborgen@example.org" not in client_as(world.user("contact")).get(url).content.decode()
    assert "verborgen@example.org" in client_as(world.user("coordinator")).get(url).content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_membership_page_queries_do_not_grow_with_contacts_and_claims(
    world, client_as, django_assert_num_queries, count
):
    for _number in range(count - 1):
        ContactPersonFactory(membership=world.membership, is_primary=False)
    for _number in range(count):
        UserFactory(municipality=world.membership.municipality)
    client = client_as(world.user("coordinator"))
    url = _url("membership", world.membership)
    client.get(url)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert len(response.context["contacts"]) == count
    assert len(response.context["claims"]) == count
    # Coordinators find their way back to the members list.
    assert reverse("networks:members", kwargs={"slug": "alpha"}) in response.content.decode()
