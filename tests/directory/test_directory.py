import datetime
import re

import pytest
from django.urls import reverse

from tests.directory.factories import (
    AssociationFactory,
    DistrictFactory,
    LeftMembershipFactory,
    LocalMunicipalityFactory,
)
from tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    UserFactory,
)
from voneinander.directory.selectors import DirectoryFilter, JSONArrayContains, directory_rows
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import Membership, MembershipRole

URL = reverse("directory:index")


def _names(response) -> list[str]:
    """Municipality names in the result table, in order."""
    return re.findall(
        r'<th class="kern-table__header" scope="row"><a class="kern-link" href="/kommunen/\d+/">'
        r"([^<]+)</a></th>",
        response.content.decode(),
    )


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


@pytest.fixture
def alpha(db):
    return NetworkFactory(name="Netzwerk Alpha", short_name="Alpha", slug="alpha")


@pytest.fixture
def beta(db):
    return NetworkFactory(name="Netzwerk Beta", short_name="Beta", slug="beta")


# --- What is listed --------------------------------------------------------


def test_directory_lists_each_active_member_once_with_all_its_networks(client, alpha, beta):
    both = MunicipalityFactory(name="Doppelstadt")
    MembershipFactory(network=alpha, municipality=both)
    MembershipFactory(network=beta, municipality=both, role=MembershipRole.MENTOR)
    MembershipFactory(network=beta, municipality__name="Einzeldorf")
    LeftMembershipFactory(network=alpha, municipality__name="Ausgetreten")
    MunicipalityFactory(name="Nichtmitglied")

    response = _get(client)

    assert _names(response) == ["Doppelstadt", "Einzeldorf"]
    page = response.content.decode()
    row = page[page.index("Doppelstadt") : page.index("Einzeldorf")]
    assert 'href="/netzwerke/alpha/">Alpha</a>' in row
    assert 'href="/netzwerke/beta/">Beta</a>' in row
    assert f"({MembershipRole.MENTOR.label})" in row
    assert "Ausgetreten" not in page and "Nichtmitglied" not in page


def test_directory_row_shows_kind_district_population_and_profile_link(client, alpha):
    district = DistrictFactory(name="Donnersbergkreis")
    village = LocalMunicipalityFactory(
        name="Kerzenheim",
        parent__name="Eisenberg (Pfalz)",
        parent__parent=district,
        population=2345,
    )
    MembershipFactory(network=alpha, municipality=village, member_since=datetime.date(2021, 5, 4))

    page = _get(client).content.decode()

    row = page[page.index("Kerzenheim") - 200 : page.index("</tr>", page.index("Kerzenheim"))]
    assert f'href="/kommunen/{village.pk}/">Kerzenheim</a>' in row
    assert str(MunicipalityKind.ORTSGEMEINDE.label) in row
    assert f'href="/kommunen/{district.pk}/">Donnersbergkreis</a>' in row
    assert "2.345" in row
    assert '<time datetime="2021-05-04">04.05.2021</time>' in row


def test_directory_never_shows_contact_persons(client, alpha):
    membership = MembershipFactory(network=alpha, municipality__name="Altstadt")
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

    page = _get(client).content.decode()

    assert "Altstadt" in page
    for secret in ("oeffentlich@example.org", "Petra", "Public", "06131 123"):
        assert secret not in page


# --- Filters ---------------------------------------------------------------


def test_network_filter_shows_role_and_member_since_in_that_network(client, alpha, beta):
    town = MunicipalityFactory(name="Transferstadt")
    MembershipFactory(
        network=alpha,
        municipality=town,
        role=MembershipRole.TRANSFER,
        member_since=datetime.date(2022, 2, 1),
    )
    MembershipFactory(network=beta, municipality=town, member_since=datetime.date(2019, 1, 1))
    MembershipFactory(network=beta, municipality__name="Nur-Beta")

    response = _get(client, netzwerk="alpha")

    assert _names(response) == ["Transferstadt"]
    page = response.content.decode()
    assert str(MembershipRole.TRANSFER.label) in page
    assert '<time datetime="2022-02-01">' in page  # since in alpha, not the earlier beta date
    table = page[page.index("<table") :]
    assert "2019-01-01" not in table
    assert 'href="/netzwerke/beta/"' not in table


def test_unknown_network_is_reported_and_the_filter_ignored(client, alpha):
    MembershipFactory(network=alpha, municipality__name="Altstadt")

    response = _get(client, netzwerk="gibt-es-nicht", art="stadt")

    assert _names(response) == ["Altstadt"]
    page = response.content.decode()
    assert "kern-alert--warning" in page
    assert "gibt-es-nicht" in page
    assert 'href="#id_netzwerk"' in page
    assert re.search(r'<select name="netzwerk"[^>]*aria-invalid="true"', page)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"art": "ortsgemeinde"}, ["Dorf"]),
        ({"art": "stadt"}, ["Stadt"]),
        ({"art": "verbandsgemeinde"}, ["VG Verband"]),
        ({"art": "kreisfreie_stadt"}, []),
    ],
)
def test_kind_filter(client, alpha, params, expected):
    MembershipFactory(network=alpha, municipality__name="Stadt")
    MembershipFactory(network=alpha, municipality=LocalMunicipalityFactory(name="Dorf"))
    MembershipFactory(network=alpha, municipality=AssociationFactory(name="Verband"))

    assert _names(_get(client, **params)) == expected


def test_district_filter_follows_the_parent_chain(client, alpha):
    district = DistrictFactory(name="Donnersbergkreis")
    association = AssociationFactory(name="Göllheim", parent=district)
    members = [
        district,  # the district itself
        association,  # a Verbandsgemeinde in it
        LocalMunicipalityFactory(name="Dreisen", parent=association),  # via its VG
        MunicipalityFactory(name="Kirchheimbolanden", parent=district),  # directly in it
        LocalMunicipalityFactory(name="Anderswo"),  # another district
        MunicipalityFactory(name="Kreisfrei", kind=MunicipalityKind.KREISFREIE_STADT),
    ]
    for municipality in members:
        MembershipFactory(network=alpha, municipality=municipality)

    response = _get(client, landkreis=district.pk)

    # Sorted by name: "VG Göllheim" is "Göllheim".
    assert _names(response) == ["Donnersbergkreis", "Dreisen", "VG Göllheim", "Kirchheimbolanden"]


def test_district_filter_with_garbage_is_reported(client, alpha):
    MembershipFactory(network=alpha, municipality__name="Altstadt")

    for value in ("abc", "999999"):
        response = _get(client, landkreis=value)
        assert _names(response) == ["Altstadt"]
        assert "kern-alert--warning" in response.content.decode()


def test_topic_filter_matches_whole_topics_of_active_memberships(client, alpha, beta):
    alpha.topics = ["Open Data", "Bürgerservice", "Daten"]
    alpha.save()
    MembershipFactory(
        network=alpha, municipality__name="Umlautstadt", topic_focuses=["Bürgerservice"]
    )
    MembershipFactory(network=alpha, municipality__name="Offenstadt", topic_focuses=["Open Data"])
    MembershipFactory(network=alpha, municipality__name="Leerstadt", topic_focuses=[])
    LeftMembershipFactory(network=alpha, municipality__name="Altmitglied", topic_focuses=["Daten"])

    assert _names(_get(client, thema="Bürgerservice")) == ["Umlautstadt"]
    assert _names(_get(client, thema="Open Data")) == ["Offenstadt"]
    # "Daten" is part of "Open Data" but not the same topic; the only exact
    # match is a membership that ended.
    assert _names(_get(client, thema="Daten")) == []


def test_topic_and_network_filters_apply_to_the_same_membership(client, alpha, beta):
    alpha.topics = ["Open Data"]
    alpha.save()
    town = MunicipalityFactory(name="Zweinetzstadt")
    MembershipFactory(network=alpha, municipality=town, topic_focuses=[])
    MembershipFactory(network=beta, municipality=town, topic_focuses=["Open Data"])

    assert _names(_get(client, thema="Open Data")) == ["Zweinetzstadt"]
    assert _names(_get(client, thema="Open Data", netzwerk="alpha")) == []
    assert _names(_get(client, thema="Open Data", netzwerk="beta")) == ["Zweinetzstadt"]


def test_unknown_topic_is_reported(client, alpha):
    MembershipFactory(network=alpha, municipality__name="Altstadt")

    response = _get(client, thema="Gibt es nicht")

    assert _names(response) == ["Altstadt"]
    assert "kern-alert--warning" in response.content.decode()


def test_json_array_contains_is_exact_on_this_database(db, alpha):
    """The portable topic test, on whichever database the suite runs (SQLite, PostgreSQL)."""
    cases = {
        "a": ["Bürgerservice", "Open Data"],
        "b": ["Open Data extra"],
        "c": ["bürgerservice"],
        "d": [],
        "e": [1, None, {"x": "Open Data"}],
        "f": ['Quote " and \\ backslash'],
    }
    for name, topics in cases.items():
        MembershipFactory(network=alpha, municipality__name=name, topic_focuses=topics)

    def matching(value):
        return sorted(
            Membership.objects.filter(JSONArrayContains("topic_focuses", value)).values_list(
                "municipality__name", flat=True
            )
        )

    assert matching("Bürgerservice") == ["a"]
    assert matching("Open Data") == ["a"]
    assert matching("Open") == []
    assert matching('Quote " and \\ backslash') == ["f"]
    assert matching("1") == []


@pytest.mark.parametrize(
    ("population_class", "expected"),
    [
        ("unter-1000", ["p0", "p999"]),
        ("1000-4999", ["p1000", "p4999"]),
        ("5000-19999", ["p19999", "p5000"]),
        ("20000-99999", ["p20000", "p99999"]),
        ("ab-100000", ["p100000"]),
    ],
)
def test_population_class_filter_boundaries(client, alpha, population_class, expected):
    for population in (0, 999, 1000, 4999, 5000, 19999, 20000, 99999, 100000):
        MembershipFactory(
            network=alpha, municipality__name=f"p{population}", municipality__population=population
        )
    MembershipFactory(network=alpha, municipality__name="unbekannt", municipality__population=None)

    assert _names(_get(client, einwohner=population_class)) == expected


def test_population_filter_with_garbage_is_reported(client, alpha):
    MembershipFactory(network=alpha, municipality__name="Altstadt")

    response = _get(client, einwohner="viele")

    assert _names(response) == ["Altstadt"]
    assert "kern-alert--warning" in response.content.decode()


def test_search_by_name_ignores_case_and_looks_at_the_official_name(client, alpha):
    MembershipFactory(network=alpha, municipality__name="Kaiserslautern")
    MembershipFactory(
        network=alpha,
        municipality__name="Eisenberg (Pfalz)",
        municipality__official_name="Eisenberg (Pfalz), Stadt",
    )
    MembershipFactory(network=alpha, municipality__name="Speyer")

    assert _names(_get(client, suche="LAUTERN")) == ["Kaiserslautern"]
    assert _names(_get(client, suche="  Stadt ")) == ["Eisenberg (Pfalz)"]
    assert _names(_get(client, suche="Mainz")) == []


def test_filters_combine(client, alpha, beta):
    district = DistrictFactory()
    MembershipFactory(
        network=alpha,
        municipality=LocalMunicipalityFactory(name="Treffer", parent__parent=district),
    )
    MembershipFactory(
        network=beta,
        municipality=LocalMunicipalityFactory(name="Falsches Netz", parent__parent=district),
    )
    MembershipFactory(
        network=alpha,
        municipality=LocalMunicipalityFactory(
            name="Zu groß", parent__parent=district, population=5000
        ),
    )
    MembershipFactory(network=alpha, municipality=LocalMunicipalityFactory(name="Anderer Kreis"))

    response = _get(
        client, netzwerk="alpha", art="ortsgemeinde", landkreis=district.pk, einwohner="unter-1000"
    )

    assert _names(response) == ["Treffer"]


# --- Sorting ---------------------------------------------------------------


@pytest.fixture
def three_members(alpha):
    for name, population, since in [
        ("Bad Berg", 5000, datetime.date(2020, 1, 1)),
        ("Ahorn", None, datetime.date(2024, 1, 1)),
        ("Cettingen", 200, datetime.date(2018, 1, 1)),
    ]:
        MembershipFactory(
            network=alpha,
            municipality__name=name,
            municipality__population=population,
            member_since=since,
        )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Ahorn", "Bad Berg", "Cettingen"]),
        ("-name", ["Cettingen", "Bad Berg", "Ahorn"]),
        ("einwohner", ["Cettingen", "Bad Berg", "Ahorn"]),  # unknown population last
        ("-einwohner", ["Bad Berg", "Cettingen", "Ahorn"]),
        ("mitglied-seit", ["Cettingen", "Bad Berg", "Ahorn"]),
        ("-mitglied-seit", ["Ahorn", "Bad Berg", "Cettingen"]),
    ],
)
def test_sort_orders(client, three_members, sort, expected):
    response = _get(client, sortierung=sort)
    assert _names(response) == expected
    assert "kern-alert--warning" not in response.content.decode()


def test_sorted_column_is_marked_for_screen_readers(client, three_members):
    page = _get(client, sortierung="-einwohner").content.decode()
    assert re.search(r'scope="col" aria-sort="descending">[^<]*</th>', page)
    assert page.count("aria-sort=") == 1


def test_member_since_sort_uses_the_earliest_membership(client, alpha, beta):
    late = MunicipalityFactory(name="Spät")
    MembershipFactory(network=alpha, municipality=late, member_since=datetime.date(2023, 1, 1))
    MembershipFactory(network=beta, municipality=late, member_since=datetime.date(2017, 1, 1))
    MembershipFactory(
        network=alpha, municipality__name="Mittel", member_since=datetime.date(2019, 1, 1)
    )

    assert _names(_get(client, sortierung="mitglied-seit")) == ["Spät", "Mittel"]
    assert _names(_get(client, sortierung="mitglied-seit", netzwerk="alpha")) == ["Mittel", "Spät"]


def test_garbage_sort_is_reported_and_sorts_by_name(client, three_members):
    response = _get(client, sortierung="DROP TABLE")

    assert _names(response) == ["Ahorn", "Bad Berg", "Cettingen"]
    assert "kern-alert--warning" in response.content.decode()


# --- Pagination ------------------------------------------------------------


def _members(network, count, **kwargs):
    for number in range(count):
        MembershipFactory(network=network, municipality__name=f"Gemeinde {number:03d}", **kwargs)


def test_pagination_splits_the_list_and_keeps_the_filters_in_its_links(client, alpha, beta):
    _members(alpha, 53, municipality__kind=MunicipalityKind.ORTSGEMEINDE)
    MembershipFactory(network=beta, municipality__name="Gemeinde Beta")

    first = _get(client, netzwerk="alpha", art="ortsgemeinde", sortierung="-name")
    last = _get(client, netzwerk="alpha", art="ortsgemeinde", sortierung="-name", seite=3)

    assert _names(first) == [f"Gemeinde {number:03d}" for number in range(52, 27, -1)]
    assert _names(last) == ["Gemeinde 002", "Gemeinde 001", "Gemeinde 000"]
    page = first.content.decode()
    assert 'href="?netzwerk=alpha&amp;art=ortsgemeinde&amp;sortierung=-name&amp;seite=2"' in page
    assert 'rel="next"' in page and 'rel="prev"' not in page
    assert 'rel="prev"' in last.content.decode() and 'rel="next"' not in last.content.decode()
    # The caption says which page this is.
    assert re.search(r"<caption[^>]*>[^<]*\b1\b[^<]*\b3\b", page)


@pytest.mark.parametrize(
    ("seite", "expected_first"),
    [
        ("abc", "Gemeinde 000"),
        ("-3", "Gemeinde 050"),
        ("999", "Gemeinde 050"),
        ("", "Gemeinde 000"),
    ],
)
def test_bad_page_numbers_show_a_valid_page(client, alpha, seite, expected_first):
    _members(alpha, 52)

    assert _names(_get(client, seite=seite))[0] == expected_first


def test_no_pagination_for_a_single_page(client, alpha):
    _members(alpha, 3)
    assert "vn-pagination" not in _get(client).content.decode()


# --- Empty results ---------------------------------------------------------


def test_empty_filter_result_says_so_and_offers_the_full_list(client, alpha):
    MembershipFactory(network=alpha, municipality__name="Altstadt")

    page = _get(client, suche="Atlantis").content.decode()

    assert _names_from(page) == []
    assert "<table" not in page
    assert "vn-callout" in page
    assert f'<a class="kern-link" href="{URL}">' in page
    assert "export.csv" not in page


def test_directory_without_any_member_points_to_the_networks(client, alpha):
    page = _get(client).content.decode()

    assert "<table" not in page
    assert f'href="{reverse("networks:list")}"' in page


def _names_from(page: str) -> list[str]:
    return re.findall(r'scope="row"><a class="kern-link" href="/kommunen/\d+/">([^<]+)</a>', page)


# --- htmx ------------------------------------------------------------------


def test_htmx_request_for_the_results_gets_only_the_results(client, alpha, beta):
    MembershipFactory(network=alpha, municipality__name="Altstadt")
    MembershipFactory(network=beta, municipality__name="Bergdorf")

    response = client.get(
        URL, {"netzwerk": "beta"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page and "<form" not in page
    assert page.lstrip().startswith('<h2 class="kern-heading-medium" id="results-heading"')
    assert _names_from(page) == ["Bergdorf"]
    assert "export.csv?netzwerk=beta" in page
    assert {"HX-Request", "HX-Target"} <= {header.strip() for header in response["Vary"].split(",")}


def test_full_page_wires_the_form_to_htmx_and_works_without_it(client, alpha):
    page = _get(client).content.decode()

    form = re.search(r"<form [^>]*>", page).group(0)
    assert 'method="get"' in form and f'action="{URL}"' in form
    assert f'hx-get="{URL}"' in form
    assert 'hx-target="#directory-results"' in form
    assert 'hx-push-url="true"' in form
    assert '<section class="vn-section" id="directory-results"' in page
    assert 'type="submit"' in page


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"},  # another target
        {  # htmx restoring a page from history needs all of it
            "HTTP_HX_REQUEST": "true",
            "HTTP_HX_TARGET": "directory-results",
            "HTTP_HX_HISTORY_RESTORE_REQUEST": "true",
        },
    ],
)
def test_other_htmx_requests_get_the_full_page(client, alpha, headers):
    response = client.get(URL, **headers)
    assert "<html" in response.content.decode()


# --- Queries ---------------------------------------------------------------


def _populate(networks, count):
    district = DistrictFactory()
    for number in range(count):
        municipality = LocalMunicipalityFactory(parent__parent=district, name=f"Ort {number}")
        for network in networks:
            MembershipFactory(network=network, municipality=municipality, topic_focuses=["A"])


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"netzwerk": "alpha", "thema": "A", "sortierung": "-mitglied-seit"},
        {"art": "ortsgemeinde", "einwohner": "unter-1000", "suche": "Ort"},
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_directory_query_count_does_not_grow_with_members(client_as, world, params, role):
    """The same number of queries for 2 and for 31 members: networks, districts,
    count, rows, their memberships, the network switcher (+ session, user and
    roles when signed in)."""
    world.network.topics = ["A"]
    world.network.save()
    client = client_as(world.user(role))

    _populate([world.network], 1)
    one = _count_queries(client, params)
    _populate([world.network, world.other_network], 30)
    many = _count_queries(client, params)

    assert one == many
    assert many <= (6 if role == "anonymous" else 11)


def _count_queries(client, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    assert _names(response)
    return len(queries)


def test_directory_rows_selector_uses_the_dataclass_defaults(db, alpha):
    MembershipFactory(network=alpha, municipality__name="Altstadt")
    rows = list(directory_rows(DirectoryFilter()))
    assert [row.name for row in rows] == ["Altstadt"]
    assert [m.network.slug for m in rows[0].directory_memberships] == ["alpha"]


def test_long_pagination_is_shortened_with_gaps(client, alpha):
    _members(alpha, 25 * 19 + 1)  # 20 pages

    page = _get(client, seite=10).content.decode()

    nav = page[
        page.index('<nav class="vn-pagination"') : page.index("</nav>", page.index("vn-pagination"))
    ]
    labels = re.findall(r"</span>(\d+)</(?:a|span)>|vn-pagination__gap\">(…)", nav)
    assert ["".join(label) for label in labels] == ["1", "…", "8", "9", "10", "11", "12", "…", "20"]
    assert '<span aria-current="page"><span class="kern-sr-only">' in nav


@pytest.mark.parametrize(
    "params",
    [
        {"suche": "x" * 500},
        {"suche": "Alt\x00stadt"},  # NUL is removed (core.http): "Altstadt"
        {"landkreis": "9" * 40},
        {"landkreis": "-1"},
        {"thema": "\x00"},
        {"art": "<script>"},
        {"netzwerk": "../../etc"},
        {"sortierung": "-"},
        {"seite": "1e99"},
        {"seite": "0"},
    ],
)
@pytest.mark.parametrize(
    "url", ["directory:index", "directory:export_csv", "directory:export_json"]
)
def test_garbage_input_never_fails(client, alpha, params, url):
    MembershipFactory(network=alpha, municipality__name="Altstadt")

    response = client.get(reverse(url), params)

    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Altstadt" in body.decode("utf-8-sig")
    assert "<script>" not in body.decode("utf-8-sig").split("</header>")[-1]
