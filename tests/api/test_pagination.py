import pytest

from tests.api.factories import PublishedNewsFactory
from tests.factories import MunicipalityFactory
from voneinander.municipalities.models import Municipality

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities/"


def walk(client, params):
    names, pages, url = [], 0, URL
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages += 1
        names += [item["name"] for item in body["items"]]
        if body["next"] is None:
            assert body["next_url"] is None
            return names, pages
        response = client.get(URL, {**params, "cursor": body["next"]})


def test_pagination_walks_every_item_once_in_order(client):
    for index in range(7):
        MunicipalityFactory(name=f"Ort {index % 3}", kind="ortsgemeinde")  # equal names: tie-break

    names, pages = walk(client, {"limit": 3, "kind": "ortsgemeinde"})

    expected = list(
        Municipality.objects.filter(kind="ortsgemeinde")
        .order_by("name", "pk")
        .values_list("name", flat=True)
    )
    assert names == expected
    assert len(names) == 7
    assert pages == 3


def test_pagination_next_url_keeps_filters(client):
    for index in range(3):
        MunicipalityFactory(name=f"Stadt {index}", kind="stadt")

    body = client.get(URL, {"limit": 2, "kind": "stadt"}).json()

    assert "kind=stadt" in body["next_url"]
    assert body["limit"] == 2
    second = client.get(body["next_url"]).json()
    assert [item["name"] for item in second["items"]] == ["Stadt 2"]


def test_pagination_rows_added_before_cursor_do_not_shift_next_page(client):
    for index in range(4):
        MunicipalityFactory(name=f"Dorf {index}", kind="ortsgemeinde")
    first = client.get(URL, {"limit": 2, "kind": "ortsgemeinde"}).json()
    MunicipalityFactory(name="Dorf 0a", kind="ortsgemeinde")

    second = client.get(URL, {"limit": 2, "kind": "ortsgemeinde", "cursor": first["next"]}).json()

    assert [item["name"] for item in second["items"]] == ["Dorf 2", "Dorf 3"]


@pytest.mark.parametrize("cursor", ["kaputt", "eyJ4IjoxfQ:abc:def", "A" * 50])
def test_pagination_tampered_cursor_answers_400(client, cursor):
    response = client.get(URL, {"cursor": cursor}, headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"
    assert response.json()["error"]["message"] == (
        "The cursor is not valid. Start again from the first page."
    )


def test_pagination_cursor_of_another_list_answers_400(client, world):
    MunicipalityFactory.create_batch(3)
    PublishedNewsFactory.create_batch(3)
    news_cursor = client.get("/api/v1/news/", {"limit": 1}).json()["next"]

    response = client.get(URL, {"cursor": news_cursor})

    assert response.status_code == 400


@pytest.mark.parametrize("limit", ["0", "101", "viele"])
def test_pagination_limit_out_of_range_answers_422(client, limit):
    response = client.get(URL, {"limit": limit}, headers={"Accept-Language": "en"})

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert [(detail["field"], detail["location"]) for detail in error["details"]] == [
        ("limit", "query")
    ]


def test_pagination_default_limit_is_25(client):
    MunicipalityFactory.create_batch(26)

    body = client.get(URL).json()

    assert len(body["items"]) == 25
    assert body["limit"] == 25
    assert body["next"]
