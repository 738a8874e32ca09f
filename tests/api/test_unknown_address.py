import pytest

pytestmark = pytest.mark.django_db


def test_unknown_api_address_answers_json_404(client):
    response = client.get("/api/v1/gibt-es-nicht", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "There is no such address in the API.",
        "details": [],
    }


def test_unknown_page_outside_the_api_stays_html(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
