import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.factories import ApiTokenFactory
from tests.factories import UserFactory
from voneinander.api.models import ApiToken, hash_token
from voneinander.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LIST = reverse("api_tokens:list")


def test_token_create_shows_key_once_and_it_works(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(LIST, {"name": "Ratsinfo", "can_write": "on"})

    token = ApiToken.objects.get(user=user)
    raw = response.context["raw_key"]
    assert token.key_hash == hash_token(raw)
    assert token.can_write is True
    assert raw in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert raw not in client.get(LIST).content.decode()
    assert AuditEvent.objects.filter(action="api.token_created", actor=user).count() == 1
    api = client.get("/api/v1/networks/", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 200


def test_token_create_with_past_expiry_is_refused_with_message(client):
    client.force_login(UserFactory())

    response = client.post(LIST, {"name": "Alt", "expires_on": "2000-01-01"})

    assert response.status_code == 200
    assert "expires_on" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_token_create_with_expiry_ends_after_that_day(client):
    user = UserFactory()
    client.force_login(user)
    day = timezone.localdate() + datetime.timedelta(days=3)

    client.post(LIST, {"name": "Befristet", "expires_on": day.isoformat()})

    expires = timezone.localtime(ApiToken.objects.get(user=user).expires_at)
    assert (expires.date(), expires.time()) == (day + datetime.timedelta(days=1), datetime.time())


def test_token_create_without_name_is_refused(client):
    client.force_login(UserFactory())

    response = client.post(LIST, {"name": ""})

    assert "name" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_token_list_shows_only_own_tokens(client):
    mine = ApiTokenFactory(name="Meiner")
    ApiTokenFactory(name="Fremder")
    client.force_login(mine.user)

    content = client.get(LIST).content.decode()

    assert "Meiner" in content and "Fremder" not in content


def test_token_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    user = UserFactory()
    ApiTokenFactory(user=user)
    client.force_login(user)
    with django_assert_max_num_queries(12) as one:
        client.get(LIST)
    ApiTokenFactory.create_batch(8, user=user)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(LIST)


def test_token_revoke_stops_it_and_is_audited(client):
    token = ApiTokenFactory()
    client.force_login(token.user)

    response = client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api.token_revoked").count() == 1
    api = client.get("/api/v1/networks/", headers={"Authorization": f"Bearer {token.raw}"})
    assert api.status_code == 401


def test_token_revoke_of_someone_else_is_404(client):
    token = ApiTokenFactory()
    client.force_login(UserFactory())

    response = client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_profile_links_to_api_keys(client):
    client.force_login(UserFactory())

    assert LIST in client.get(reverse("accounts:profile")).content.decode()
