import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from voneinander.accounts.models import User
from voneinander.audit.models import AuditEvent
from voneinander.networks.services import (
    confirm_affiliation_claim,
    end_membership,
    reject_affiliation_claim,
)


def _url(name, membership):
    return reverse(
        f"networks:{name}", kwargs={"slug": membership.network.slug, "pk": membership.pk}
    )


@pytest.fixture
def claimant(world):
    return UserFactory(
        email="neu@altstadt.example.org",
        first_name="Nora",
        last_name="Neu",
        municipality=world.membership.municipality,
    )


def test_contact_person_sees_open_claims_for_the_municipality_only(world, client_as, claimant):
    elsewhere = UserFactory(
        email="anderswo@example.org", municipality=world.other_membership.municipality
    )
    response = client_as(world.user("contact")).get(_url("membership", world.membership))
    assert list(response.context["claims"]) == [claimant]
    page = response.content.decode()
    assert "neu@altstadt.example.org" in page
    assert elsewhere.email not in page
    assert "member@example.org" not in page  # confirmed already


@pytest.mark.parametrize("role", ["contact", "coordinator", "admin"])
def test_claim_is_confirmed_audited_and_the_person_told(world, client_as, claimant, role):
    internal = reverse("networks:internal", kwargs={"slug": "alpha"})
    assert client_as(claimant).get(internal).status_code == 403
    confirmer = world.user(role)
    response = client_as(confirmer).post(
        _url("claim_decide", world.membership), {"user_id": claimant.pk, "decision": "confirm"}
    )
    assert response.status_code == 302
    claimant.refresh_from_db()
    assert claimant.municipality_confirmed_at is not None
    assert claimant.municipality_confirmed_by == confirmer
    event = AuditEvent.objects.get(action="affiliation.confirmed")
    assert (event.actor, event.target_id) == (confirmer, str(claimant.pk))
    assert event.data == {
        "municipality_id": world.membership.municipality_id,
        "municipality": "Altstadt",
    }
    assert [message.to for message in mail.outbox] == [["neu@altstadt.example.org"]]
    assert "Altstadt" in mail.outbox[0].subject
    assert "Nora Neu" in mail.outbox[0].body
    assert client_as(User.objects.get(pk=claimant.pk)).get(internal).status_code == 200


def test_rejected_claim_is_cleared_audited_and_the_person_told(world, client_as, claimant):
    response = client_as(world.user("contact")).post(
        _url("claim_decide", world.membership), {"user_id": claimant.pk, "decision": "reject"}
    )
    assert response.status_code == 302
    claimant.refresh_from_db()
    assert (claimant.municipality, claimant.municipality_confirmed_at) == (None, None)
    event = AuditEvent.objects.get(action="affiliation.rejected")
    assert event.data["municipality"] == "Altstadt"
    assert [message.to for message in mail.outbox] == [["neu@altstadt.example.org"]]
    assert "Altstadt" in mail.outbox[0].body


def test_claim_changed_in_the_meantime_is_not_decided(world, claimant):
    claimant.municipality = world.other_membership.municipality
    claimant.save()
    with pytest.raises(ValidationError):
        confirm_affiliation_claim(
            membership=world.membership, user=claimant, by=world.user("contact")
        )
    claimant.refresh_from_db()
    assert claimant.municipality_confirmed_at is None
    assert not AuditEvent.objects.filter(action__startswith="affiliation.").exists()
    assert mail.outbox == []


def test_decided_claim_cannot_be_decided_again(world, client_as, claimant):
    client = client_as(world.user("contact"))
    url = _url("claim_decide", world.membership)
    client.post(url, {"user_id": claimant.pk, "decision": "confirm"})
    again = client.post(url, {"user_id": claimant.pk, "decision": "reject"}, follow=True)
    assert again.status_code == 200
    claimant.refresh_from_db()
    assert claimant.municipality == world.membership.municipality
    assert AuditEvent.objects.filter(action__startswith="affiliation.").count() == 1


def test_nobody_confirms_their_own_claim(world, client_as):
    contact = world.user("contact")
    contact.municipality = world.membership.municipality
    contact.save()
    page = client_as(contact).get(_url("membership", world.membership)).content.decode()
    assert 'name="decision"' not in page
    with pytest.raises(ValidationError):
        confirm_affiliation_claim(membership=world.membership, user=contact, by=contact)
    contact.refresh_from_db()
    assert contact.municipality_confirmed_at is None


def test_claims_of_a_former_member_are_not_decided_here(world, claimant):
    end_membership(
        membership=world.membership, left_on=timezone.localdate(), by=world.user("admin")
    )
    with pytest.raises(ValidationError):
        reject_affiliation_claim(membership=world.membership, user=claimant, by=world.user("admin"))
    claimant.refresh_from_db()
    assert claimant.municipality == world.membership.municipality


def test_bad_decision_input_is_a_message_not_an_error_page(world, client_as, claimant):
    response = client_as(world.user("contact")).post(
        _url("claim_decide", world.membership), {"user_id": "x", "decision": "vielleicht"}
    )
    assert response.status_code == 302
    claimant.refresh_from_db()
    assert claimant.municipality_confirmed_at is None


def test_internal_page_leads_contact_persons_to_their_open_claims(world, client_as, claimant):
    MembershipFactory(network=world.network)  # a member the contact does not represent
    response = client_as(world.user("contact")).get(
        reverse("networks:internal", kwargs={"slug": "alpha"})
    )
    represented = list(response.context["represented"])
    assert represented == [world.membership]
    assert represented[0].pending_claims == 1
    assert _url("membership", world.membership) in response.content.decode()
    member_page = client_as(world.user("member")).get(
        reverse("networks:internal", kwargs={"slug": "alpha"})
    )
    assert list(member_page.context["represented"]) == []
