import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.directory.factories import DistrictFactory, LocalMunicipalityFactory
from tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    UserFactory,
)
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import MembershipRole

CSV_URL = reverse("directory:export_csv")
JSON_URL = reverse("directory:export_json")


def _body(response) -> bytes:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv(client, **params) -> list[list[str]]:
    body = _body(client.get(CSV_URL, params))
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark for Excel
    text = body.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def _json(client, **params) -> dict:
    return json.loads(_body(client.get(JSON_URL, params)).decode("utf-8"))


@pytest.fixture
def registry(db):
    """Two networks; Kerzenheim (in both), Speyer (alpha), a former and a contact person."""
    alpha = NetworkFactory(
        name="Netzwerk Alpha", short_name="Alpha", slug="alpha", topics=["Bürgerservice"]
    )
    beta = NetworkFactory(name="Netzwerk Beta", short_name="Beta", slug="beta")
    district = DistrictFactory(name="Donnersbergkreis")
    village = LocalMunicipalityFactory(
        name="Kerzenheim",
        official_name="Kerzenheim",
        ags="07333037",
        parent__name="Eisenberg (Pfalz)",
        parent__parent=district,
        population=2345,
    )
    city = MunicipalityFactory(
        name="Speyer", kind=MunicipalityKind.KREISFREIE_STADT, ags="07318000", population=50741
    )
    membership = MembershipFactory(
        network=alpha,
        municipality=village,
        role=MembershipRole.TRANSFER,
        member_since=datetime.date(2021, 5, 4),
        topic_focuses=["Bürgerservice", "Open Data"],
    )
    MembershipFactory(network=beta, municipality=village, member_since=datetime.date(2023, 1, 15))
    MembershipFactory(network=alpha, municipality=city, member_since=datetime.date(2019, 9, 1))
    MembershipFactory(
        network=beta,
        municipality__name="Ehemalig",
        status="left",
        member_since=datetime.date(2018, 1, 1),
        left_on=datetime.date(2020, 1, 1),
    )
    ContactPersonFactory(
        membership=membership,
        user=UserFactory(
            email="oeffentlich@example.org",
            first_name="Petra",
            last_name="Public",
            phone="06131 123",
            contact_visibility="public",
        ),
    )
    return {"alpha": alpha, "beta": beta, "village": village, "city": city, "district": district}


def test_csv_export_has_header_and_exact_rows(client, registry):
    village, city = registry["village"], registry["city"]
    transfer = MembershipRole.TRANSFER.label
    member = MembershipRole.MEMBER.label

    rows = _csv(client)

    assert len(rows[0]) == 9
    assert rows[1:] == [
        [
            "Kerzenheim",
            "Kerzenheim",
            str(MunicipalityKind.ORTSGEMEINDE.label),
            "07333037",
            "Donnersbergkreis",
            "2345",
            "2021-05-04",
            f"Netzwerk Alpha: {transfer} | Netzwerk Beta: {member}",
            f"http://testserver/kommunen/{village.pk}/",
        ],
        [
            "Speyer",
            "",
            str(MunicipalityKind.KREISFREIE_STADT.label),
            "07318000",
            "",
            "50741",
            "2019-09-01",
            f"Netzwerk Alpha: {member}",
            f"http://testserver/kommunen/{city.pk}/",
        ],
    ]


def test_csv_export_is_a_download_named_by_date(client, registry):
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    filename = f"mitglieder-{timezone.localdate().isoformat()}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_csv_export_applies_filter_and_sort(client, registry):
    rows = _csv(client, netzwerk="beta")
    assert [row[0] for row in rows[1:]] == ["Kerzenheim"]
    assert rows[1][6:8] == ["2023-01-15", f"Netzwerk Beta: {MembershipRole.MEMBER.label}"]

    rows = _csv(client, sortierung="-einwohner")
    assert [row[0] for row in rows[1:]] == ["Speyer", "Kerzenheim"]

    rows = _csv(client, thema="Bürgerservice")
    assert [row[0] for row in rows[1:]] == ["Kerzenheim"]
    assert rows[1][7] == f"Netzwerk Alpha: {MembershipRole.TRANSFER.label}"

    rows = _csv(client, landkreis=registry["district"].pk)
    assert [row[0] for row in rows[1:]] == ["Kerzenheim"]


def test_csv_export_contains_all_pages(client, db):
    network = NetworkFactory(slug="gross")
    for number in range(120):
        MembershipFactory(network=network, municipality__name=f"Gemeinde {number:03d}")

    rows = _csv(client)

    assert [row[0] for row in rows[1:]] == [f"Gemeinde {number:03d}" for number in range(120)]


def test_csv_export_defuses_spreadsheet_formulas(client, db):
    MembershipFactory(
        network=NetworkFactory(name="=HYPERLINK(1)"),
        municipality__name="=1+2",
        municipality__official_name="@SUM(A1)",
    )

    rows = _csv(client)

    assert rows[1][0:2] == ["'=1+2", "'@SUM(A1)"]
    assert rows[1][7].startswith("'=HYPERLINK(1)")


def test_json_export_has_the_documented_shape(client, registry):
    village, city, district = registry["village"], registry["city"], registry["district"]

    data = _json(client)

    assert data == {
        "municipalities": [
            {
                "id": village.pk,
                "name": "Kerzenheim",
                "official_name": "Kerzenheim",
                "kind": "ortsgemeinde",
                "kind_label": str(MunicipalityKind.ORTSGEMEINDE.label),
                "ags": "07333037",
                "district": {"id": district.pk, "name": "Donnersbergkreis"},
                "population": 2345,
                "member_since": "2021-05-04",
                "url": f"http://testserver/kommunen/{village.pk}/",
                "memberships": [
                    {
                        "network": {
                            "slug": "alpha",
                            "name": "Netzwerk Alpha",
                            "short_name": "Alpha",
                        },
                        "role": "transfer",
                        "role_label": str(MembershipRole.TRANSFER.label),
                        "member_since": "2021-05-04",
                        "topic_focuses": ["Bürgerservice", "Open Data"],
                    },
                    {
                        "network": {"slug": "beta", "name": "Netzwerk Beta", "short_name": "Beta"},
                        "role": "member",
                        "role_label": str(MembershipRole.MEMBER.label),
                        "member_since": "2023-01-15",
                        "topic_focuses": [],
                    },
                ],
            },
            {
                "id": city.pk,
                "name": "Speyer",
                "official_name": "",
                "kind": "kreisfreie_stadt",
                "kind_label": str(MunicipalityKind.KREISFREIE_STADT.label),
                "ags": "07318000",
                "district": None,
                "population": 50741,
                "member_since": "2019-09-01",
                "url": f"http://testserver/kommunen/{city.pk}/",
                "memberships": [
                    {
                        "network": {
                            "slug": "alpha",
                            "name": "Netzwerk Alpha",
                            "short_name": "Alpha",
                        },
                        "role": "member",
                        "role_label": str(MembershipRole.MEMBER.label),
                        "member_since": "2019-09-01",
                        "topic_focuses": [],
                    }
                ],
            },
        ],
        "count": 2,
    }


def test_json_export_is_a_download(client, registry):
    response = client.get(JSON_URL)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="mitglieder-')


def test_json_export_with_a_network_filter_lists_only_that_membership(client, registry):
    data = _json(client, netzwerk="beta")

    assert data["count"] == 1
    [village] = data["municipalities"]
    assert [m["network"]["slug"] for m in village["memberships"]] == ["beta"]
    assert village["member_since"] == "2023-01-15"


def test_json_export_of_an_empty_result_is_valid(client, registry):
    assert _json(client, suche="Atlantis") == {"municipalities": [], "count": 0}


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_exports_contain_no_contact_persons(client, registry, url):
    body = _body(client.get(url)).decode("utf-8")
    for secret in ("oeffentlich@example.org", "Petra", "Public", "06131 123"):
        assert secret not in body
    assert "Ehemalig" not in body  # only active memberships


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_exports_ignore_invalid_filters_like_the_page(client, registry, url):
    params = {"netzwerk": "gibt-es-nicht", "sortierung": "kaputt", "seite": "x", "landkreis": "y"}
    body = _body(client.get(url, params)).decode("utf-8")
    assert body.index("Kerzenheim") < body.index("Speyer")


def test_page_links_exports_with_exactly_its_valid_filters(client, registry):
    page = client.get(
        reverse("directory:index"),
        {"netzwerk": "alpha", "thema": "", "art": "unbekannt", "sortierung": "-name", "seite": "1"},
    ).content.decode()

    assert f'href="{CSV_URL}?netzwerk=alpha&amp;sortierung=-name"' in page
    assert f'href="{JSON_URL}?netzwerk=alpha&amp;sortierung=-name"' in page


def _export_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        _body(client.get(url))
    return len(queries)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_export_query_count_does_not_grow_with_members(client, db, url):
    network = NetworkFactory()
    MembershipFactory(network=network)
    one = _export_queries(client, url)
    for _ in range(30):
        MembershipFactory(network=network)

    assert _export_queries(client, url) == one
