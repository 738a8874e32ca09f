from django.urls import reverse
from django.utils.translation import gettext

from tests.factories import UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.networks.models import ContactPerson


def _change_form(membership, *rows):
    data = {
        "network": membership.network_id,
        "municipality": membership.municipality_id,
        "role": membership.role,
        "status": membership.status,
        "member_since": membership.member_since.isoformat(),
        "topic_focuses": "[]",
        "news_draft": "",
        "contact_persons-TOTAL_FORMS": str(len(rows)),
        "contact_persons-INITIAL_FORMS": "0",
        "contact_persons-MIN_NUM_FORMS": "0",
        "contact_persons-MAX_NUM_FORMS": "1000",
    }
    for number, (user, primary) in enumerate(rows):
        data[f"contact_persons-{number}-user"] = user.pk
        data[f"contact_persons-{number}-membership"] = membership.pk
        if primary:
            data[f"contact_persons-{number}-is_primary"] = "on"
    return data


def test_admin_refuses_two_primary_contacts_with_a_message(world, client_as):
    membership = world.other_membership
    url = reverse("admin:networks_membership_change", args=[membership.pk])
    first, second = UserFactory(), UserFactory()
    response = client_as(world.user("admin")).post(
        url, _change_form(membership, (first, True), (second, True))
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        gettext("Only one contact person can be the primary contact.")
    ]
    assert not ContactPerson.objects.filter(membership=membership).exists()


def test_contacts_added_in_the_admin_are_audited(world, client_as):
    membership = world.other_membership
    url = reverse("admin:networks_membership_change", args=[membership.pk])
    first, second = UserFactory(), UserFactory()
    response = client_as(world.user("admin")).post(
        url, _change_form(membership, (first, True), (second, False))
    )
    assert response.status_code == 302
    assert ContactPerson.objects.get(membership=membership, is_primary=True).user == first
    events = AuditEvent.objects.filter(action="role.contact_added").order_by("id")
    assert [(e.data["user_id"], e.data["primary"]) for e in events] == [
        (second.pk, False),
        (first.pk, True),
    ]
