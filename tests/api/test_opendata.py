import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    UserFactory,
)
from tests.knowledge.factories import AdoptionFactory, SolutionFactory, topic
from voneinander.knowledge.models import AdoptionStatus, SolutionVisibility
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import MembershipRole, MembershipStatus

LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"


def _body(response) -> bytes:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv(client, name: str) -> list[dict]:
    response = client.get(reverse(f"opendata:{name}"))
    body = _body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def _json(client, name: str) -> dict:
    return json.loads(_body(client.get(reverse(f"opendata:{name}"))).decode("utf-8"))


@pytest.fixture
def members(db):
    alpha = NetworkFactory(name="Netzwerk Alpha", slug="alpha")
    beta = NetworkFactory(name="Netzwerk Beta", slug="beta")
    village = MunicipalityFactory(
        name="Kerzenheim",
        kind=MunicipalityKind.ORTSGEMEINDE,
        ags="07333037",
        ars="073335003037",
        latitude=49.57,
        longitude=8.06,
    )
    city = MunicipalityFactory(name="=HYPERLINK(1)", kind=MunicipalityKind.KREISFREIE_STADT)
    MembershipFactory(
        network=alpha,
        municipality=village,
        role=MembershipRole.TRANSFER,
        member_since=datetime.date(2021, 3, 1),
    )
    MembershipFactory(network=beta, municipality=village, member_since=datetime.date(2022, 5, 2))
    kept = MembershipFactory(network=alpha, municipality=city)
    ContactPersonFactory(membership=kept, user__email="kontakt@example.org")
    MembershipFactory(
        network=alpha,
        municipality__name="Ausgetreten",
        status=MembershipStatus.LEFT,
        left_on=datetime.date(2023, 1, 1),
    )
    return alpha, beta


def test_index_page_names_the_licences_and_links_the_downloads(client, members):
    response = client.get(reverse("opendata:index"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "dl-de/by-2-0" in content
    assert f'href="{LICENCE_URL}" rel="license"' in content
    assert "CC-BY-4.0" in content
    for name in ("members_csv", "members_json", "solutions_csv", "solutions_json"):
        assert f'href="{reverse(f"opendata:{name}")}"' in content


def test_members_csv_lists_active_memberships_with_keys(client, members):
    rows = _csv(client, "members_csv")
    assert [(row["network"], row["municipality"]) for row in rows] == [
        ("Netzwerk Alpha", "'=HYPERLINK(1)"),
        ("Netzwerk Alpha", "Kerzenheim"),
        ("Netzwerk Beta", "Kerzenheim"),
    ]
    kerzenheim = rows[1]
    assert kerzenheim == {
        "network": "Netzwerk Alpha",
        "network_slug": "alpha",
        "municipality": "Kerzenheim",
        "ags": "07333037",
        "ars": "073335003037",
        "kind": "ortsgemeinde",
        "kind_label": "Ortsgemeinde",
        "member_since": "2021-03-01",
        "role": "transfer",
        "role_label": "Transferstelle (Modellkommune)",
        "latitude": "49.57",
        "longitude": "8.06",
    }


def test_members_download_has_no_personal_data(client, members):
    csv_body = _body(client.get(reverse("opendata:members_csv"))).decode("utf-8-sig")
    json_body = _body(client.get(reverse("opendata:members_json"))).decode()
    for body in (csv_body, json_body):
        assert "kontakt@example.org" not in body
        assert "@" not in body.replace("@context", "")
        assert "Ausgetreten" not in body


def test_members_json_carries_licence_and_rows(client, members):
    data = _json(client, "members_json")
    assert data["count"] == 3
    assert data["meta"]["license"]["id"] == "dl-de/by-2-0"
    assert data["meta"]["license"]["url"] == LICENCE_URL
    assert data["meta"]["license"]["parts"][0]["id"] == "CC-BY-4.0"
    assert data["meta"]["license"]["parts"][0]["fields"] == ["latitude", "longitude"]
    assert "Voneinander" in data["meta"]["license"]["attribution"]
    first = data["members"][1]
    assert first["ags"] == "07333037"
    assert first["latitude"] == 49.57
    assert data["members"][0]["ags"] is None
    # JSON needs no formula protection: the value is kept as it is.
    assert data["members"][0]["municipality"] == "=HYPERLINK(1)"


def test_downloads_are_attachments_with_a_licence_link(client, members):
    for name, kind in [
        ("members_csv", "text/csv"),
        ("members_json", "application/json"),
        ("solutions_csv", "text/csv"),
        ("solutions_json", "application/json"),
    ]:
        response = client.get(reverse(f"opendata:{name}"))
        assert response["Content-Type"].startswith(kind)
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'


@pytest.fixture
def solutions(db):
    network = NetworkFactory(name="Netzwerk Alpha", slug="alpha")
    owner = MembershipFactory(
        network=network, municipality__name="Altstadt", municipality__ags="07111000"
    ).municipality
    public = SolutionFactory(
        title="Dorf-App",
        summary="+Formel im Text",
        network=network,
        owner=owner,
        topics=[topic("mobilitaet")],
    )
    AdoptionFactory(solution=public, status=AdoptionStatus.IN_USE)
    AdoptionFactory(solution=public, status=AdoptionStatus.ADOPTING)
    AdoptionFactory(solution=public, status=AdoptionStatus.INTERESTED)
    SolutionFactory(
        title="Geheim", network=network, owner=owner, visibility=SolutionVisibility.NETWORK
    )
    SolutionFactory(
        title="Archiviert",
        network=network,
        owner=owner,
        archived_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    return public


def test_solutions_csv_has_public_solutions_only(client, solutions):
    rows = _csv(client, "solutions_csv")
    assert [row["title"] for row in rows] == ["Dorf-App"]
    row = rows[0]
    assert row["summary"] == "'+Formel im Text"
    assert row["topics"] == topic("mobilitaet").name
    assert row["owner"] == "Altstadt"
    assert row["owner_ags"] == "07111000"
    assert row["adopters"] == "2"
    assert row["status"] == "operation"
    assert row["url"] == "http://testserver" + solutions.get_absolute_url()


def test_solutions_json_has_public_solutions_only(client, solutions):
    data = _json(client, "solutions_json")
    assert data["count"] == 1
    assert [item["title"] for item in data["solutions"]] == ["Dorf-App"]
    assert data["solutions"][0]["topics"] == [topic("mobilitaet").name]
    assert data["solutions"][0]["adopters"] == 2
    assert data["meta"]["license"]["id"] == "dl-de/by-2-0"


def test_solutions_download_is_the_same_for_a_member(client, solutions):
    member = UserFactory(
        municipality=solutions.owner, municipality_confirmed_at=datetime.datetime.now(datetime.UTC)
    )
    client.force_login(member)
    assert [row["title"] for row in _csv(client, "solutions_csv")] == ["Dorf-App"]


def _many_members(count: int) -> None:
    network = NetworkFactory()
    for _ in range(count):
        MembershipFactory(network=network)


def _many_solutions(count: int) -> None:
    network = NetworkFactory()
    for _ in range(count):
        solution = SolutionFactory(network=network, topics=[topic("mobilitaet")])
        AdoptionFactory(solution=solution)


@pytest.mark.parametrize("name", ["members_csv", "members_json"])
def test_members_download_query_count_does_not_grow(client, db, django_assert_num_queries, name):
    _many_members(1)
    with django_assert_num_queries(1):
        _body(client.get(reverse(f"opendata:{name}")))
    _many_members(8)
    with django_assert_num_queries(1):
        _body(client.get(reverse(f"opendata:{name}")))


@pytest.mark.parametrize("name", ["solutions_csv", "solutions_json"])
def test_solutions_download_query_count_does_not_grow(client, db, django_assert_num_queries, name):
    _many_solutions(1)
    with django_assert_num_queries(2):
        _body(client.get(reverse(f"opendata:{name}")))
    _many_solutions(8)
    with django_assert_num_queries(2):
        _body(client.get(reverse(f"opendata:{name}")))


def test_index_query_count_does_not_grow(client, db):
    # The page itself counts in two queries; the base layout adds its own (fixed) ones.
    client.get(reverse("opendata:index"))  # fills the layout's caches
    _many_members(1)
    _many_solutions(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("opendata:index"))
    _many_members(5)
    _many_solutions(5)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("opendata:index"))
    assert len(many) == len(few)
