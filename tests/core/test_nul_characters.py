import pytest
from django.urls import reverse

from tests.knowledge.factories import SolutionFactory

pytestmark = pytest.mark.django_db


def test_nul_character_in_a_parameter_is_removed(client):
    # On PostgreSQL it would otherwise end as a server error in the search query.
    SolutionFactory(title="Mitfahrbank")

    response = client.get(reverse("knowledge:catalogue"), {"suche": "Mitfahr\x00bank"})

    assert response.status_code == 200
    assert response.wsgi_request.GET["suche"] == "Mitfahrbank"
    assert "Mitfahrbank" in response.content.decode()


def test_nul_character_in_the_address_is_a_bad_request(client):
    response = client.get("/praxisbeispiele/a%00b/")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
