import datetime
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MembershipFactory, MunicipalityFactory, NetworkFactory
from voneinander.directory import maps
from voneinander.directory.outlines import state_outlines
from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.networks.models import Membership, MembershipRole, MembershipStatus

SVG = "{http://www.w3.org/2000/svg}"
MAP_URL = reverse("directory:map")
MAINZ = (8.2473, 49.9929)  # lon, lat


def _member(network, name, *, lon=MAINZ[0], lat=MAINZ[1], **kwargs):
    municipality = MunicipalityFactory(name=name, longitude=lon, latitude=lat)
    return MembershipFactory(network=network, municipality=municipality, **kwargs)


def _map_svg(response) -> ET.Element:
    html = response.content.decode()
    match = re.search(r'<svg [^>]*class="vn-map__svg".*?</svg>', html, re.DOTALL)
    assert match, "no map in the page"
    return ET.fromstring(match.group(0))  # noqa: S314 - our own markup


def _markers(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(f".//{SVG}a")


def _name(marker: ET.Element) -> str:
    return marker.find(f"{SVG}title").text


def _profile_url(municipality) -> str:
    return reverse("municipalities:detail", kwargs={"pk": municipality.pk})


# --- Projection ------------------------------------------------------------------


def test_projection_puts_bbox_corners_on_the_padding():
    projection = maps.fit_projection((6.0, 49.0, 8.0, 51.0))
    assert projection(6.0, 51.0) == pytest.approx((maps.PADDING, maps.PADDING))
    assert projection(8.0, 49.0) == pytest.approx(
        (maps.WIDTH - maps.PADDING, projection.height - maps.PADDING), abs=1
    )


def test_projection_shrinks_longitude_by_cosine_of_middle_latitude():
    projection = maps.fit_projection((6.0, 49.0, 8.0, 51.0))
    x0, y0 = projection(6.0, 50.0)
    x1, _y = projection(7.0, 50.0)
    _x, y1 = projection(6.0, 49.0)
    assert (x1 - x0) / (y1 - y0) == pytest.approx(math.cos(math.radians(50.0)))
    # 2° of longitude fill the width inside the padding
    assert projection.scale * 2 * math.cos(math.radians(50.0)) == pytest.approx(
        maps.WIDTH - 2 * maps.PADDING
    )


def test_projection_places_mainz_in_the_east_of_rhineland_palatinate():
    min_lon, min_lat, max_lon, max_lat = state_outlines()["RP"].bbox
    projection = maps.fit_projection((min_lon, min_lat, max_lon, max_lat))
    x, y = projection(*MAINZ)
    factor = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = (maps.WIDTH - 2 * maps.PADDING) / ((max_lon - min_lon) * factor)
    assert x == pytest.approx(maps.PADDING + (MAINZ[0] - min_lon) * factor * scale)
    assert y == pytest.approx(maps.PADDING + (max_lat - MAINZ[1]) * scale)
    # Mainz lies in the north-east of the state, near the right edge.
    assert 0.75 * maps.WIDTH < x < maps.WIDTH - maps.PADDING
    assert y < projection.height / 2


@pytest.mark.parametrize("codes", [("RP",), ("RP", "BW"), tuple(state_outlines())])
def test_outline_fits_the_view_box(codes):
    projection = maps.fit_projection(maps.union_bbox(state_outlines()[c] for c in codes))
    points = [
        projection(lon, lat)
        for code in codes
        for ring in state_outlines()[code].rings
        for lon, lat in ring
    ]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert min(xs) == pytest.approx(maps.PADDING)
    assert max(xs) == pytest.approx(maps.WIDTH - maps.PADDING)
    assert min(ys) == pytest.approx(maps.PADDING)
    assert projection.height - maps.PADDING - 1 <= max(ys) <= projection.height - maps.PADDING


def test_states_to_show_defaults_to_rhineland_palatinate():
    assert maps.states_to_show([]) == ("RP",)
    assert maps.states_to_show(["XX"]) == ("RP",)
    assert maps.states_to_show(["BW", "RP", "BW"]) == ("RP", "BW")


# --- The page ------------------------------------------------------------------


@pytest.mark.django_db
def test_map_svg_is_well_formed_and_labelled(client):
    network = NetworkFactory()
    _member(network, "Mainz")
    svg = _map_svg(client.get("/en" + MAP_URL))
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "vn-map-title"
    assert svg.get("aria-describedby") == "vn-map-desc"
    assert svg.find(f"{SVG}title").text == "Member municipalities of all networks"
    assert svg.find(f"{SVG}desc").text == (
        "Map of Rheinland-Pfalz with 1 member municipality. Circle: member, "
        "diamond: Transferstelle, triangle: mentor. Each marker links to the "
        "municipality's page; the same municipalities are listed below the map."
    )
    # The state is drawn from the shipped outline.
    states = svg.findall(f".//{SVG}path[@class='vn-map__state']")
    assert [path.find(f"{SVG}title").text for path in states] == ["Rheinland-Pfalz"]


@pytest.mark.django_db
def test_map_markers_are_links_with_accessible_names(client):
    network = NetworkFactory(short_name="Alpha")
    town = _member(network, "Mainz").municipality
    transfer = _member(network, "Speyer", lon=8.43, lat=49.32, role=MembershipRole.TRANSFER)
    mentor = _member(network, "Trier", lon=6.64, lat=49.75, role=MembershipRole.MENTOR)
    response = client.get(MAP_URL, {"netzwerk": network.slug})
    markers = {a.get("href"): a for a in _markers(_map_svg(response))}
    assert set(markers) == {
        _profile_url(town),
        _profile_url(transfer.municipality),
        _profile_url(mentor.municipality),
    }
    town_marker = markers[_profile_url(town)]
    # The <title> of an SVG link is its accessible name (and its tooltip).
    assert _name(town_marker) == "Mainz, Stadt, Mitglied"
    assert town_marker.find(f"{SVG}circle") is not None
    speyer = markers[_profile_url(transfer.municipality)]
    assert speyer.get("class") == "vn-map__marker vn-map__marker--transfer"
    assert _name(speyer) == "Speyer, Stadt, Transferstelle (Modellkommune)"
    assert markers[_profile_url(mentor.municipality)].get("class").endswith("--mentor")
    # Drawn last, so that they lie on top of ordinary members.
    assert list(markers)[-1] == _profile_url(transfer.municipality)


@pytest.mark.django_db
def test_map_legend_tells_roles_apart_by_shape_and_words(client):
    html = client.get(MAP_URL).content.decode()
    # German labels come with the lead's translations; the English ones are the msgids.
    with_english = client.get("/en" + MAP_URL).content.decode()
    assert "Member (circle)" in with_english
    assert "Transferstelle (diamond)" in with_english
    assert "Mentor (triangle)" in with_english
    assert html.count("vn-map__legend-symbol") == 3


@pytest.mark.django_db
def test_map_escapes_names(client):
    network = NetworkFactory()
    membership = _member(network, '<Bad & "Town">')
    response = client.get(MAP_URL)
    html = response.content.decode()
    assert '<Bad & "Town">' not in html
    assert "&lt;Bad &amp; &quot;Town&quot;&gt;" in html
    (marker,) = _markers(_map_svg(response))
    assert _name(marker).startswith('<Bad & "Town">, Stadt, Mitglied (')
    assert marker.get("href") == _profile_url(membership.municipality)


@pytest.mark.django_db
def test_map_filters_by_network(client):
    alpha, beta = NetworkFactory(slug="alpha"), NetworkFactory(slug="beta")
    mainz = _member(alpha, "Mainz").municipality
    trier = _member(beta, "Trier", lon=6.64, lat=49.75).municipality
    response = client.get(MAP_URL, {"netzwerk": "alpha"})
    assert [a.get("href") for a in _markers(_map_svg(response))] == [_profile_url(mainz)]
    assert "Trier" not in response.content.decode()
    everything = client.get(MAP_URL)
    hrefs = {a.get("href") for a in _markers(_map_svg(everything))}
    assert hrefs == {_profile_url(mainz), _profile_url(trier)}


@pytest.mark.django_db
def test_map_shows_only_active_memberships(client):
    network = NetworkFactory()
    _member(network, "Mainz")
    _member(
        network,
        "Ehemalig",
        status=MembershipStatus.LEFT,
        left_on=datetime.date(2022, 1, 1),
    )
    response = client.get(MAP_URL)
    assert len(_markers(_map_svg(response))) == 1
    assert "Ehemalig" not in response.content.decode()


@pytest.mark.django_db
def test_map_of_all_networks_shows_one_marker_with_every_role(client):
    alpha = NetworkFactory(short_name="Alpha")
    beta = NetworkFactory(short_name="Beta")
    membership = _member(alpha, "Mainz")
    MembershipFactory(
        network=beta, municipality=membership.municipality, role=MembershipRole.MENTOR
    )
    (marker,) = _markers(_map_svg(client.get(MAP_URL)))
    assert _name(marker) == "Mainz, Stadt, Mitglied (Alpha); Mentorstadt (Beta)"
    assert marker.get("class").endswith("--mentor")


@pytest.mark.django_db
def test_map_lists_members_without_coordinates_as_not_on_the_map(client):
    network = NetworkFactory()
    _member(network, "Mainz")
    nowhere = _member(network, "Ohneort", lon=None, lat=None).municipality
    far_away = _member(network, "Weitweg", lon=-70.0, lat=10.0).municipality
    response = client.get(MAP_URL)
    assert len(_markers(_map_svg(response))) == 1
    html = response.content.decode()
    section = html[html.index('id="not-on-map-heading"') :]
    assert f'href="{_profile_url(nowhere)}">Ohneort</a>' in section
    assert f'href="{_profile_url(far_away)}">Weitweg</a>' in section
    assert html.count('<a class="vn-map__marker ') == 1


@pytest.mark.django_db
def test_map_lists_the_members_as_text(client):
    network = NetworkFactory(slug="alpha", name="Netzwerk Alpha")
    mainz = _member(network, "Mainz").municipality
    html = client.get(MAP_URL, {"netzwerk": "alpha"}).content.decode()
    listing = html[html.index('id="map-list-heading"') :]
    assert f'<a class="kern-link" href="{_profile_url(mainz)}">Mainz</a>' in listing
    assert f'href="{reverse("directory:index")}?netzwerk=alpha"' in listing
    assert f'href="{reverse("directory:figures", kwargs={"slug": "alpha"})}"' in listing


@pytest.mark.django_db
def test_map_with_unknown_network_reports_it_and_shows_all(client):
    network = NetworkFactory()
    _member(network, "Mainz")
    response = client.get(MAP_URL, {"netzwerk": "gibt-es-nicht"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-error-summary" in html
    assert "gibt-es-nicht" in html
    assert len(_markers(_map_svg(response))) == 1


@pytest.mark.django_db
def test_map_fits_the_states_of_the_members(client):
    network = NetworkFactory()
    rp = _member(network, "Mainz")
    stuttgart = MunicipalityFactory(name="Stuttgart", state="BW", longitude=9.18, latitude=48.78)
    MembershipFactory(network=network, municipality=stuttgart)
    svg = _map_svg(client.get(MAP_URL))
    names = [
        p.find(f"{SVG}title").text
        for p in svg.iter(f"{SVG}path")
        if p.get("class") == "vn-map__state"
    ]
    assert names == ["Rheinland-Pfalz", "Baden-Württemberg"]
    expected = maps.fit_projection(maps.union_bbox(state_outlines()[code] for code in ("RP", "BW")))
    assert svg.get("viewBox") == expected.view_box
    assert rp.municipality.state == "RP"


@pytest.mark.django_db
def test_map_without_members_shows_rhineland_palatinate(client):
    response = client.get(MAP_URL)
    svg = _map_svg(response)
    assert _markers(svg) == []
    expected = maps.fit_projection(state_outlines()["RP"].bbox)
    assert svg.get("viewBox") == expected.view_box


class _Sources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href", "xlink:href", "action"} and value:
                self.urls.append(value)


@pytest.mark.django_db
def test_map_page_loads_nothing_from_other_hosts(client):
    network = NetworkFactory(website="https://netzwerk.example.org")
    _member(network, "Mainz", role=MembershipRole.TRANSFER)
    html = client.get(MAP_URL).content.decode()
    parser = _Sources()
    parser.feed(html)
    assert len(parser.urls) > 10
    foreign = [url for url in parser.urls if urlsplit(url).netloc not in {"", "testserver"}]
    assert foreign == []
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def _queries_for_map(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MAP_URL, params)
    assert response.status_code == 200
    return len(queries)


def _many_members(network, count, *, start=0):
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            name=f"Ort {start + i}",
            kind=MunicipalityKind.ORTSGEMEINDE,
            latitude=49.0 + (i % 100) / 60,
            longitude=6.3 + (i // 100) / 12,
            population=1000 + i,
        )
        for i in range(count)
    )
    Membership.objects.bulk_create(
        Membership(
            network=network,
            municipality=municipality,
            member_since=datetime.date(2020, 1, 1),
            role=MembershipRole.TRANSFER if i % 50 == 0 else MembershipRole.MEMBER,
        )
        for i, municipality in enumerate(municipalities)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"netzwerk": "alpha"}])
def test_map_query_count_does_not_grow_with_members(client, params):
    network = NetworkFactory(slug="alpha")
    NetworkFactory(slug="beta")
    _many_members(network, 1)
    one = _queries_for_map(client, **params)
    _many_members(network, 29, start=1)
    other = NetworkFactory(slug="gamma")
    _many_members(other, 5, start=100)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MAP_URL, params)
    assert len(_markers(_map_svg(response))) == (30 if params else 35)
    assert len(queries) == one
    assert one <= 4


@pytest.mark.django_db
def test_map_of_2300_members_shows_every_marker_and_row(client):
    """The issue's scale, for completeness; its speed is measured in bench/ (make bench)."""
    network = NetworkFactory()
    _many_members(network, 2300)
    response = client.get(MAP_URL)
    assert len(_markers(_map_svg(response))) == 2300
    assert response.content.count(b'<tr class="kern-table__row">') == 2300 + 1


@pytest.mark.django_db
def test_map_and_figures_pages_are_csp_clean(client):
    from tests.core.test_security_headers import INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE

    network = NetworkFactory(slug="alpha")
    _member(network, "Mainz", role=MembershipRole.MENTOR)
    pages = [
        MAP_URL,
        f"{MAP_URL}?netzwerk=alpha",
        f"{MAP_URL}?netzwerk=gibt-es-nicht",
        reverse("directory:figures", kwargs={"slug": "alpha"}),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
            assert not pattern.search(html), (url, pattern.pattern)
