import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD, MunicipalityFactory, UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.audit.services import record_event


@pytest.mark.django_db
def test_login_and_failed_login_are_recorded_without_the_password(client):
    user = UserFactory(email="dora@example.org")
    client.post("/konto/login/", {"login": user.email, "password": "falsches-Passwort"})
    client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_label"))
    assert actions == [("auth.login_failed", ""), ("auth.login", "dora@example.org")]
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.data == {"email": "dora@example.org"}
    assert "falsches-Passwort" not in str(failed.data)


@pytest.mark.django_db
def test_entry_keeps_its_labels_when_actor_and_target_are_deleted():
    actor = UserFactory(email="eva@example.org")
    target = UserFactory(email="fritz@example.org")
    event = record_event(actor=actor, action="role.staff_changed", target=target)
    actor.delete()
    target.delete()
    event.refresh_from_db()
    assert (event.actor, event.actor_label) == (None, "eva@example.org")
    assert event.target_label == str(target)


def test_admin_sees_and_filters_the_log(world, client_as):
    record_event(
        actor=world.user("coordinator"), action="role.coordinator_added", target=world.network
    )
    record_event(actor=world.user("admin"), action="object.deleted", target=world.other_network)
    client = client_as(world.user("admin"))
    page = client.get(reverse("audit:log")).content.decode()
    assert "coordinator@example.org" in page and "Netzwerk Beta" in page
    filtered = client.get(reverse("audit:log"), {"action": "object.deleted"}).content.decode()
    assert "Netzwerk Beta" in filtered
    assert "coordinator@example.org" not in filtered


def test_unknown_filter_value_is_ignored_not_an_error(world, client_as):
    response = client_as(world.user("admin")).get(reverse("audit:log"), {"action": "<script>"})
    assert response.status_code == 200


def _queries_for_log(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("audit:log")).status_code == 200
    return len(queries)


def test_audit_log_query_count_does_not_grow_with_entries(world, client_as):
    client = client_as(world.user("admin"))
    record_event(actor=world.user("admin"), action="auth.login", target=world.user("admin"))
    one = _queries_for_log(client)
    for _ in range(40):
        record_event(actor=world.user("member"), action="auth.login", target=world.user("member"))
    assert _queries_for_log(client) == one


def test_audit_log_is_append_only_in_the_admin(world, client_as):
    event = record_event(actor=world.user("admin"), action="auth.login")
    client = client_as(world.user("admin"))
    assert client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).status_code == 200
    response = client.post(
        reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_role_change_is_audited(world, client_as):
    admin = world.user("admin")
    target = world.user("user")
    client = client_as(admin)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    data = {
        "email": target.email,
        "first_name": "U",
        "last_name": "Ser",
        "contact_visibility": "network",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="role.staff_changed")
    assert (event.actor, event.target_id, event.data) == (admin, str(target.pk), {"is_staff": True})


def test_deletion_in_the_admin_is_audited(world, client_as):
    # Accounts have no hard delete in the admin (anonymised instead; tests/privacy).
    victim = MunicipalityFactory(name="Ortsgemeinde Löschbach")
    client = client_as(world.user("admin"))
    client.post(
        reverse("admin:municipalities_municipality_delete", args=[victim.pk]), {"post": "yes"}
    )
    event = AuditEvent.objects.get(action="object.deleted")
    assert event.target_label == str(victim)


def test_coordinator_added_in_the_admin_is_audited(world, client_as):
    newcomer = world.user("user")
    network = world.network
    roles = list(network.coordinator_roles.all())
    data = {
        "name": network.name,
        "short_name": network.short_name,
        "slug": network.slug,
        "operator": network.operator,
        "description": "",
        "target_group": "",
        "target_kinds": "[]",
        "topics": "[]",
        "contact_email": "",
        "website": "",
        "coordinator_roles-TOTAL_FORMS": str(len(roles) + 1),
        "coordinator_roles-INITIAL_FORMS": str(len(roles)),
        "coordinator_roles-MIN_NUM_FORMS": "0",
        "coordinator_roles-MAX_NUM_FORMS": "1000",
    }
    for index, role in enumerate(roles):
        data |= {
            f"coordinator_roles-{index}-id": str(role.pk),
            f"coordinator_roles-{index}-network": str(network.pk),
            f"coordinator_roles-{index}-user": str(role.user_id),
        }
    data |= {
        f"coordinator_roles-{len(roles)}-network": str(network.pk),
        f"coordinator_roles-{len(roles)}-user": str(newcomer.pk),
    }
    client = client_as(world.user("admin"))
    response = client.post(reverse("admin:networks_network_change", args=[network.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="role.coordinator_added")
    assert (event.actor, event.data["user_id"]) == (world.user("admin"), newcomer.pk)


def test_audit_log_pages_keep_the_filter(world, client_as):
    admin = world.user("admin")
    for number in range(55):
        record_event(actor=admin, action="auth.login", data={"n": number})
    client = client_as(admin)
    page_two = client.get(reverse("audit:log"), {"action": "auth.login", "seite": 2})
    content = page_two.content.decode()
    assert '<span aria-current="page"><span class="kern-sr-only">Seite </span>2</span>' in content
    # The link back keeps the filter and changes only the page.
    assert "?action=auth.login&amp;seite=1" in content
