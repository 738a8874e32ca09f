"""Forms are protected against cross-site requests without cookies for anonymous visitors."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN = "/konto/login/"


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def _login_data(email="niemand@example.org", password="falsch-falsch-falsch"):
    return {"login": email, "password": password}


@pytest.mark.django_db
def test_login_page_sets_no_cookie(strict_client):
    response = strict_client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert response.cookies == {}


@pytest.mark.django_db
def test_same_origin_login_without_cookie_is_accepted(strict_client):
    user = UserFactory(email="anna@example.org")
    response = strict_client.post(
        LOGIN, _login_data(user.email, PASSWORD), headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    # Now there is a session, so the CSRF cookie is set for the next forms.
    assert "sessionid" in response.cookies
    assert "csrftoken" in response.cookies


@pytest.mark.django_db
def test_fetch_metadata_same_origin_is_accepted(strict_client):
    response = strict_client.post(LOGIN, _login_data(), headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200  # the form again, with its error
    assert response.cookies == {}  # a failed login still stores nothing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://angreifer.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {},
    ],
    ids=["foreign-origin", "null-origin", "cross-site", "no-headers"],
)
def test_cross_site_or_unknown_login_is_refused(strict_client, headers):
    user = UserFactory(email="bert@example.org")
    response = strict_client.post(LOGIN, _login_data(user.email, PASSWORD), headers=headers)
    assert response.status_code == 403
    assert "sessionid" not in response.cookies
    assert "Nichts wurde gespeichert" in response.content.decode()


@pytest.mark.django_db
def test_signed_in_user_needs_the_token_even_from_same_origin(strict_client):
    user = UserFactory(email="carla@example.org")
    strict_client.force_login(user)
    strict_client.get(reverse("accounts:profile"))  # sets the CSRF cookie
    data = {"first_name": "Carla", "last_name": "X", "contact_visibility": "nobody"}
    refused = strict_client.post(
        reverse("accounts:profile"), data, headers={"Origin": "http://testserver"}
    )
    assert refused.status_code == 403
    data["csrfmiddlewaretoken"] = strict_client.cookies["csrftoken"].value
    accepted = strict_client.post(
        reverse("accounts:profile"), data, headers={"Origin": "http://testserver"}
    )
    assert accepted.status_code == 302
