import json

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from tests.api.factories import ApiTokenFactory
from voneinander.api.api import api

pytestmark = pytest.mark.django_db

URL = "/api/v1/networks/"


@pytest.fixture
def small_limits(settings):
    settings.API_RATE_LIMITS = {"anonymous": 2, "token": 3, "write": 1}
    cache.clear()
    yield
    cache.clear()


def test_ratelimit_anonymous_over_limit_answers_429_with_retry_after(client, small_limits):
    first = client.get(URL)
    second = client.get(URL)

    third = client.get(URL, headers={"Accept-Language": "en"})

    assert [first.status_code, second.status_code] == [200, 200]
    assert (first["RateLimit-Limit"], first["RateLimit-Remaining"]) == ("2", "1")
    assert second["RateLimit-Remaining"] == "0"
    assert third.status_code == 429
    assert 1 <= int(third["Retry-After"]) <= 60
    assert third["RateLimit-Remaining"] == "0"
    error = third.json()["error"]
    assert error["code"] == "rate_limited"
    assert error["message"] == f"Too many requests. Please wait {third['Retry-After']} seconds."


def test_ratelimit_token_has_its_own_larger_bucket(client, small_limits):
    token = ApiTokenFactory()
    headers = {"Authorization": f"Bearer {token.raw}"}
    client.get(URL)
    client.get(URL)

    statuses = [client.get(URL, headers=headers).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert client.get(URL).status_code == 429  # anonymous bucket still used up


def test_ratelimit_other_ip_is_counted_apart(client, small_limits):
    client.get(URL)
    client.get(URL)

    response = client.get(URL, REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 200


WRONG = {"Authorization": "Bearer vnd_falsch", "Accept-Language": "en"}


def test_ratelimit_wrong_tokens_get_429_after_the_refused_limit(client, settings, small_limits):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "refused": 2}

    statuses = [client.get(URL, headers=WRONG).status_code for _ in range(3)]
    flooded = client.get(URL, headers=WRONG)

    assert statuses == [401, 401, 429]
    assert flooded.status_code == 429
    assert flooded.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(flooded["Retry-After"]) <= 60


def test_ratelimit_refused_limit_defaults_to_the_anonymous_one(client, small_limits):
    statuses = [client.get(URL, headers=WRONG).status_code for _ in range(3)]

    assert statuses == [401, 401, 429]


def test_ratelimit_missing_token_for_a_write_counts_as_refused(client, settings, small_limits):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "refused": 1, "write": 100}
    url = "/api/v1/registrations/"

    statuses = [client.post(url, {}, content_type="application/json").status_code for _ in range(2)]

    assert statuses == [401, 429]


def test_ratelimit_refused_requests_do_not_block_valid_tokens_or_other_ips(
    client, settings, small_limits
):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "refused": 1}
    token = ApiTokenFactory()
    client.get(URL, headers=WRONG)
    client.get(URL, headers=WRONG)

    valid = client.get(URL, headers={"Authorization": f"Bearer {token.raw}"})
    elsewhere = client.get(URL, headers=WRONG, REMOTE_ADDR="192.0.2.7")
    anonymous = client.get(URL)

    assert [valid.status_code, elsewhere.status_code, anonymous.status_code] == [200, 401, 200]


def test_error_404_has_error_shape(client):
    response = client.get("/api/v1/networks/gibt-es-nicht", headers={"Accept-Language": "en"})

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "details": []}
    }


def test_error_validation_lists_fields(client):
    response = client.get(
        "/api/v1/municipalities/",
        {"kind": "planet", "district": "x"},
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"] == "Some values are not valid."
    fields = {detail["field"]: detail for detail in error["details"]}
    assert set(fields) == {"kind", "district"}
    assert fields["district"]["message"] == "Enter a whole number."
    assert fields["kind"]["location"] == "query"


def test_error_language_defaults_to_german(client):
    response = client.get("/api/v1/networks/gibt-es-nicht", headers={"Accept-Language": "fr"})

    assert response.json()["error"]["code"] == "not_found"
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_error_unexpected_exception_answers_500_json_without_internals():
    request = RequestFactory().get(URL, headers={"Accept-Language": "en"})

    response = api.on_exception(request, RuntimeError("geheimes Detail"))

    assert response.status_code == 500
    assert json.loads(response.content)["error"] == {
        "code": "server_error",
        "message": "Something went wrong on our side. Please try again later.",
        "details": [],
    }
    assert "geheimes" not in response.content.decode()


def test_error_method_not_allowed_has_error_shape(client):
    response = client.put(URL, headers={"Accept-Language": "en"})

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()["error"] == {
        "code": "method_not_allowed",
        "message": "This address does not answer PUT; it answers GET.",
        "details": [],
    }


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", "/api/v1/networks/?q=a%00b", None),
        ("get", "/api/v1/networks/a%00b", None),
        ("post", "/api/v1/solutions/", '{"title": "a\\u0000b"}'),
    ],
)
def test_nul_characters_are_refused_with_422_everywhere(client, method, url, body):
    # PostgreSQL cannot store or compare NUL: without this check they were a 500 there.
    if body is None:
        response = getattr(client, method)(url, HTTP_ACCEPT_LANGUAGE="en")
    else:
        response = getattr(client, method)(
            url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_characters"
