import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.conftest import enable_totp
from tests.factories import PASSWORD, CoordinatorFactory, MembershipFactory, UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.networks.roles import MEMBER, network_roles


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.mark.django_db
def test_signup_sends_a_verification_mail_through_the_queue(client):
    response = client.post(
        "/konto/signup/",
        {
            "email": "neu@example.org",
            "password1": "ein-gutes-Passwort-7",
            "password2": "ein-gutes-Passwort-7",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert "/konto/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_unverified_address_cannot_sign_in(client):
    UserFactory(email="unbestaetigt@example.org", verified=False)
    response = client.post(
        "/konto/login/", {"login": "unbestaetigt@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_mail_contains_a_working_link(client):
    UserFactory(email="vergesslich@example.org")
    client.post("/konto/password/reset/", {"email": "vergesslich@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/key/" in line)
    response = client.get(link.strip().replace("http://testserver", ""), follow=True)
    assert response.status_code == 200
    assert 'name="password1"' in response.content.decode()


@pytest.mark.django_db
def test_failed_logins_are_rate_limited_per_address(client):
    user = UserFactory(email="ziel@example.org")
    for _ in range(5):
        client.post("/konto/login/", {"login": user.email, "password": "falsch-falsch"})
    blocked = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert blocked.status_code == 200  # the form again, not a session
    assert "_auth_user_id" not in client.session
    assert "Zu viele" in blocked.content.decode() or "Too many" in blocked.content.decode()


@pytest.mark.django_db
def test_profile_errors_keep_the_input_and_explain_in_german(client):
    user = UserFactory(email="gerd@example.org")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Gerd",
            "last_name": "Grün",
            "position": "Kämmerer",
            "phone": "bitte anrufen",
            "contact_visibility": "public",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Telefonnummer" in page
    assert 'value="Kämmerer"' in page
    user.refresh_from_db()
    assert user.position == ""


def test_changing_the_municipality_removes_member_access(world, client_as):
    member = world.user("member")
    assert network_roles(member).has(world.network.pk, MEMBER)
    elsewhere = MembershipFactory(network=world.other_network).municipality
    client = client_as(member)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "M",
            "last_name": "M",
            "municipality": str(elsewhere),
            "municipality_pick": elsewhere.pk,
            "contact_visibility": "network",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.municipality == elsewhere
    assert member.municipality_confirmed_at is None
    assert client.get(reverse("networks:internal", kwargs={"slug": "alpha"})).status_code == 403
    # The claimed municipality's network is not opened by the claim either.
    assert client.get(reverse("networks:internal", kwargs={"slug": "beta"})).status_code == 403


def test_unconfirmed_affiliation_grants_no_member_access(world, client_as):
    claimant = UserFactory(
        email="behauptet@example.org", municipality=world.membership.municipality
    )
    assert claimant.municipality_confirmed_at is None
    response = client_as(claimant).get(reverse("networks:internal", kwargs={"slug": "alpha"}))
    assert response.status_code == 403


@pytest.mark.django_db
def test_coordinator_without_totp_is_sent_to_set_it_up(client):
    coordinator = CoordinatorFactory().user
    client.force_login(coordinator)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    htmx = client.get(reverse("networks:list"), headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == reverse("mfa_activate_totp")
    enable_totp(coordinator)
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.django_db
def test_admin_without_totp_cannot_reach_the_back_office(client):
    admin = UserFactory(email="chef@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_member_without_special_role_needs_no_totp(client):
    member = UserFactory(
        municipality=MembershipFactory().municipality, municipality_confirmed_at=timezone.now()
    )
    client.force_login(member)
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.django_db
def test_totp_login_requires_the_code_and_is_audited(client):
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    user = UserFactory(email="sicher@example.org")
    secret = enable_totp(user)
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counter))
    right = client.post(reverse("mfa_authenticate"), {"code": code})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action="auth.login", actor=user).exists()


@pytest.mark.django_db
def test_failed_logins_count_together_under_every_host_name(client):
    user = UserFactory(email="ziel@example.org")
    hosts = ["testserver", "localhost", "127.0.0.1", "localhost", "testserver"]
    for host in hosts:
        client.post(
            "/konto/login/",
            {"login": user.email, "password": "falsch-falsch"},
            headers={"host": host},
        )

    blocked = client.post(
        "/konto/login/", {"login": user.email, "password": PASSWORD}, headers={"host": "127.0.0.1"}
    )

    assert "_auth_user_id" not in client.session
    assert "Zu viele" in blocked.content.decode() or "Too many" in blocked.content.decode()
