import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        lambda: reverse("search:search") + "?q=a%00b",
        lambda: reverse("knowledge:catalogue") + "?suche=%00",
        lambda: "/praxisbeispiele/a%00b/",
    ],
)
def test_nul_character_in_address_or_parameter_is_a_bad_request(client, address):
    # On PostgreSQL such a value would otherwise end as a server error in a query.
    response = client.get(address())
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
