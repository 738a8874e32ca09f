"""Sessions: fixation, password changes and resets, deactivation, MFA for the back office."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.api.factories import ApiTokenFactory
from tests.conftest import enable_totp
from tests.factories import PASSWORD, UserFactory
from voneinander.accounts.sessions import deactivate_user, end_sessions
from voneinander.api.models import ApiToken

pytestmark = [pytest.mark.django_db, pytest.mark.trust("Sessions")]

PROFILE = reverse("accounts:profile")
NEW_PASSWORD = "ganz-neues-Passwort-77"
API_ME = "/api/v1/networks/"


def _signed_in(client) -> bool:
    return client.get(PROFILE).status_code == 200


def _login(user, password=PASSWORD) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    assert _signed_in(client)
    return client


def _cookie(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_session_key_changes_on_login():
    user = UserFactory()
    client = Client()
    client.get(reverse("account_login"))
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert _cookie(client) != before
    assert not Session.objects.filter(session_key=before).exists()
    assert _signed_in(client)
    # The planted key does not sign anybody in.
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = before
    assert not _signed_in(attacker)


def test_password_change_keeps_this_session_and_ends_the_others():
    user = UserFactory()
    here, elsewhere, third = _login(user), _login(user), _login(user)

    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert _signed_in(here)
    assert not _signed_in(elsewhere)
    assert not _signed_in(third)


def test_password_reset_ends_every_session():
    user = UserFactory(email="vergesslich@example.org")
    before = _login(user)
    client = Client()
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/password/reset/key/" in line
    )
    form = client.get(link.strip().replace("http://testserver", ""), follow=True)
    set_password_url = form.redirect_chain[-1][0] if form.redirect_chain else link

    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not _signed_in(before)
    assert _login(user, NEW_PASSWORD)


def test_deactivate_user_ends_sessions_and_tokens_at_once(world):
    user = UserFactory()
    other = UserFactory()
    browser, phone, bystander = _login(user), _login(user), _login(other)
    token = ApiTokenFactory(user=user)
    assert browser.get(API_ME, headers={"Authorization": f"Bearer {token.raw}"}).status_code == 200

    deactivate_user(user=user, by=world.user("admin"))

    assert not _signed_in(browser)
    assert not _signed_in(phone)
    assert _signed_in(bystander)
    assert Client().get(API_ME, headers={"Authorization": f"Bearer {token.raw}"}).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    # Activated again, the person must sign in anew; the old token stays revoked.
    user.is_active = True
    user.save(update_fields=["is_active"])
    assert not _signed_in(browser)
    assert Client().get(API_ME, headers={"Authorization": f"Bearer {token.raw}"}).status_code == 401


def test_inactive_user_is_anonymous_with_old_cookie_even_without_the_service():
    """A raw `is_active=False` (shell, data migration) still locks the person out."""
    user = UserFactory()
    client = _login(user)
    token = ApiTokenFactory(user=user)
    type(user).objects.filter(pk=user.pk).update(is_active=False)

    assert not _signed_in(client)
    assert Client().get(API_ME, headers={"Authorization": f"Bearer {token.raw}"}).status_code == 401


def test_deactivating_in_the_admin_ends_sessions_and_tokens(world, client_as):
    target = world.user("user")
    signed_in = _login(target)
    token = ApiTokenFactory(user=target)
    client = client_as(world.user("admin"))
    data = {
        "email": target.email,
        "first_name": "U",
        "last_name": "Ser",
        "contact_visibility": "network",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }  # "is_active" left out: unchecked

    response = client.post(reverse("admin:accounts_user_change", args=[target.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.is_active is False
    assert not _signed_in(signed_in)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert _signed_in(client)  # the admin's own session is untouched


def test_end_sessions_keeps_the_named_session():
    user = UserFactory()
    keep, end = _login(user), _login(user)

    assert end_sessions(user, keep=_cookie(keep)) == 1

    assert _signed_in(keep)
    assert not _signed_in(end)


@pytest.mark.parametrize(
    "flags", [{"is_staff": True}, {"is_superuser": True}, {"is_staff": True, "is_superuser": True}]
)
def test_staff_without_mfa_cannot_reach_the_back_office(flags, record_property):
    staff = UserFactory(**flags)
    victim = UserFactory()
    client = Client()
    client.force_login(staff)
    setup = reverse("mfa_activate_totp")
    pages = [
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[victim.pk]),
        reverse("admin:accounts_user_delete", args=[victim.pk]),
        reverse("admin:audit_auditevent_changelist"),
    ]
    for url in pages:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, setup), url
        htmx = client.get(url, headers={"HX-Request": "true"})
        assert (htmx.status_code, htmx["HX-Redirect"]) == (204, setup), url
    response = client.post(
        reverse("admin:accounts_user_change", args=[victim.pk]),
        {"email": victim.email, "is_superuser": "on", "is_staff": "on"},
    )
    assert (response.status_code, response["Location"]) == (302, setup)
    response = client.post(reverse("admin:accounts_user_delete", args=[victim.pk]), {"post": "yes"})
    assert (response.status_code, response["Location"]) == (302, setup)
    victim.refresh_from_db()
    assert not victim.is_superuser and not victim.is_staff
    record_property("pages", len(pages))


def test_staff_with_mfa_reaches_the_back_office():
    staff = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(staff)
    client = Client()
    client.force_login(staff)

    assert client.get(reverse("admin:index")).status_code == 200
