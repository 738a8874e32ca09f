import datetime
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from tests.factories import MembershipFactory, MunicipalityFactory, NetworkFactory
from voneinander.directory import charts, statistics
from voneinander.directory.statistics import HistoryPoint, Share
from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.networks.models import MembershipRole, MembershipStatus

SVG = "{http://www.w3.org/2000/svg}"
TODAY = datetime.date(2022, 8, 15)
D = datetime.date


@dataclass
class Dataset:
    network: object
    land: object
    district: object
    association: object
    contained: object


@pytest.fixture
def dataset(db):
    """A small network with an exactly known history and hierarchy.

    Land RP
    ├── Landkreis Nord ── VG Talheim (member, 10,000)
    │                     ├── Oberdorf (member, 2,000: inside VG Talheim)
    │                     └── Unterdorf (member elsewhere only, 3,000)
    ├── Landkreis Süd ─── Südstadt (left in February 2022, 8,000)
    └── Kreisstadt (kreisfreie Stadt, Transferstelle, 50,000)
    Ohnekreis (verbandsfrei, no district in the register, 1,000)
    """
    network = NetworkFactory(slug="kennzahlen", name="Netzwerk Kennzahlen")
    land = MunicipalityFactory(name="Rheinland-Pfalz", kind=Kind.LAND, population=None)
    north = MunicipalityFactory(
        name="Landkreis Nord", kind=Kind.LANDKREIS, parent=land, population=100_000
    )
    south = MunicipalityFactory(
        name="Landkreis Süd", kind=Kind.LANDKREIS, parent=land, population=None
    )
    talheim = MunicipalityFactory(
        name="Talheim", kind=Kind.VERBANDSGEMEINDE, parent=north, population=10_000
    )
    oberdorf = MunicipalityFactory(
        name="Oberdorf", kind=Kind.ORTSGEMEINDE, parent=talheim, population=2_000
    )
    unterdorf = MunicipalityFactory(
        name="Unterdorf", kind=Kind.ORTSGEMEINDE, parent=talheim, population=3_000
    )
    city = MunicipalityFactory(
        name="Kreisstadt", kind=Kind.KREISFREIE_STADT, parent=land, population=50_000
    )
    town = MunicipalityFactory(name="Südstadt", kind=Kind.STADT, parent=south, population=8_000)
    lonely = MunicipalityFactory(
        name="Ohnekreis", kind=Kind.VERBANDSFREIE_GEMEINDE, parent=None, population=1_000
    )
    member = MembershipFactory
    member(network=network, municipality=city, member_since=D(2020, 11, 15), role="transfer")
    member(
        network=network,
        municipality=town,
        member_since=D(2021, 1, 20),
        left_on=D(2022, 2, 1),
        status=MembershipStatus.LEFT,
    )
    member(network=network, municipality=talheim, member_since=D(2021, 3, 10))
    member(network=network, municipality=oberdorf, member_since=D(2021, 5, 1))
    member(network=network, municipality=lonely, member_since=D(2022, 6, 30))
    # Left without a date: cannot be placed in time, so not in the history.
    member(
        network=network,
        municipality=MunicipalityFactory(name="Irgendwann", population=None),
        member_since=D(2019, 1, 1),
        status=MembershipStatus.LEFT,
    )
    # Not this network's: counts nowhere here.
    member(network=NetworkFactory(), municipality=unterdorf, member_since=D(2020, 1, 1))
    return Dataset(network, land, north, talheim, oberdorf)


# --- Members over time ----------------------------------------------------------


def test_history_counts_active_members_at_each_month_end(dataset):
    history = statistics.membership_history(dataset.network, today=TODAY)
    assert history.period == "month"
    counts = {
        (2020, 11): 1,
        (2020, 12): 1,
        (2021, 1): 2,
        (2021, 2): 2,
        **{(2021, month): 3 for month in (3, 4)},
        **{(2021, month): 4 for month in range(5, 13)},
        (2022, 1): 4,
        **{(2022, month): 3 for month in range(2, 6)},
        (2022, 6): 4,
        (2022, 7): 4,
    }
    expected = [
        HistoryPoint(statistics._month_end(D(year, month, 1)), count)
        for (year, month), count in counts.items()
    ]
    assert history.points == [*expected, HistoryPoint(TODAY, 4, is_today=True)]


def test_history_of_more_than_three_years_counts_at_year_ends(db):
    network = NetworkFactory()
    MembershipFactory(network=network, member_since=D(2015, 6, 1))
    MembershipFactory(
        network=network,
        member_since=D(2019, 2, 1),
        left_on=D(2020, 7, 1),
        status=MembershipStatus.LEFT,
    )
    history = statistics.membership_history(network, today=TODAY)
    assert history.period == "year"
    assert [(p.day, p.count) for p in history.points] == [
        (D(2015, 12, 31), 1),
        (D(2016, 12, 31), 1),
        (D(2017, 12, 31), 1),
        (D(2018, 12, 31), 1),
        (D(2019, 12, 31), 2),
        (D(2020, 12, 31), 1),
        (D(2021, 12, 31), 1),
        (TODAY, 1),
    ]


def test_history_leaves_out_admissions_after_today(db):
    network = NetworkFactory()
    MembershipFactory(network=network, member_since=D(2022, 7, 1))
    MembershipFactory(network=network, member_since=D(2022, 9, 1))
    history = statistics.membership_history(network, today=TODAY)
    assert [(p.day, p.count) for p in history.points] == [(D(2022, 7, 31), 1), (TODAY, 1)]


def test_history_of_network_without_members_is_empty(db):
    assert statistics.membership_history(NetworkFactory(), today=TODAY).points == []


# --- By kind and by district ---------------------------------------------------------


def test_members_by_kind_counts_active_members(dataset):
    assert statistics.members_by_kind(dataset.network) == [
        Share(str(Kind.ORTSGEMEINDE.label), 1),
        Share(str(Kind.VERBANDSFREIE_GEMEINDE.label), 1),
        Share(str(Kind.KREISFREIE_STADT.label), 1),
        Share(str(Kind.VERBANDSGEMEINDE.label), 1),
    ]


def test_members_by_district_follow_the_parent_chain(dataset):
    # Another Ortsgemeinde of the same district, directly and through its VG.
    MembershipFactory(
        network=dataset.network,
        municipality=MunicipalityFactory(
            name="Neudorf", kind=Kind.ORTSGEMEINDE, parent=dataset.association
        ),
    )
    MembershipFactory(network=dataset.network, municipality=dataset.district)
    assert statistics.members_by_district(dataset.network) == [
        Share("Landkreis Nord", 4),
        Share(f"Kreisstadt ({Kind.KREISFREIE_STADT.label})", 1),
        Share(gettext("Without a district"), 1),
    ]


# --- Share of the population -----------------------------------------------------------


def test_coverage_counts_each_inhabitant_once(dataset):
    coverage = statistics.population_coverage(dataset.network)
    # Talheim 10,000 (Oberdorf's 2,000 are part of it) + Kreisstadt 50,000 + Ohnekreis 1,000
    assert coverage.population == 61_000
    assert coverage.members_counted == 3
    assert coverage.members_contained == 1
    assert coverage.members_unknown == 0


def test_coverage_uses_the_sum_over_municipalities_without_a_state_population(dataset):
    coverage = statistics.population_coverage(dataset.network)
    (state,) = coverage.states
    # Oberdorf, Unterdorf, Kreisstadt, Südstadt, Ohnekreis; not the associations.
    assert state == statistics.StatePopulation("RP", "Rheinland-Pfalz", 64_000, "sum")
    assert coverage.share == pytest.approx(100 * 61_000 / 64_000)


def test_coverage_uses_the_state_entry_when_it_has_a_population(dataset):
    dataset.land.population = 4_000_000
    dataset.land.save()
    coverage = statistics.population_coverage(dataset.network)
    assert coverage.states == [
        statistics.StatePopulation("RP", "Rheinland-Pfalz", 4_000_000, "land")
    ]
    assert coverage.share == pytest.approx(1.525)


def test_coverage_leaves_out_members_inside_a_member_district(dataset):
    MembershipFactory(network=dataset.network, municipality=dataset.district)
    coverage = statistics.population_coverage(dataset.network)
    # Landkreis Nord (100,000) contains Talheim and Oberdorf.
    assert coverage.population == 100_000 + 50_000 + 1_000
    assert coverage.members_contained == 2


def test_coverage_reports_members_without_population(dataset):
    MembershipFactory(
        network=dataset.network,
        municipality=MunicipalityFactory(name="Unbekannt", population=None),
    )
    coverage = statistics.population_coverage(dataset.network)
    assert coverage.population == 61_000
    assert coverage.members_unknown == 1


def test_coverage_of_network_without_members_is_zero_of_rhineland_palatinate(db):
    coverage = statistics.population_coverage(NetworkFactory())
    assert coverage.population == 0
    assert [state.code for state in coverage.states] == ["RP"]
    assert coverage.share is None  # no municipalities of RP in the register


# --- Charts ------------------------------------------------------------------------------


def test_nice_ticks_reach_the_maximum_in_round_steps():
    assert charts.nice_ticks(4) == [0, 1, 2, 3, 4]
    assert charts.nice_ticks(23) == [0, 5, 10, 15, 20, 25]
    assert charts.nice_ticks(2300) == [0, 500, 1000, 1500, 2000, 2500]
    assert charts.nice_ticks(0) == [0, 1]


def test_bar_chart_escapes_labels_and_is_an_image():
    svg = charts.bar_chart(
        [('<Bad & "Town">', 3), ("Mainz", 1)], title="T & C", description="D", ident="x"
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own markup
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "x-title x-desc"
    assert root.find(f"{SVG}title").text == "T & C"
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts == ['<Bad & "Town">', "3", "Mainz", "1"]
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(3 * widths[1])


def test_step_chart_draws_one_step_per_value():
    steps = [
        charts.Step(D(2021, 1, 1), D(2021, 12, 31), 2),
        charts.Step(D(2022, 1, 1), D(2022, 8, 15), 4),
    ]
    root = ET.fromstring(  # noqa: S314 - our own markup
        charts.step_chart(steps, title="T", description="D", ident="h", period="year")
    )
    line = root.find(f".//{SVG}path[@class='vn-chart__line']").get("d")
    assert line.count("V") == 2 and line.count("H") == 2
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert "2021" in labels and "2022" in labels
    assert labels[:5] == ["0", "1", "2", "3", "4"]  # the y axis


# --- The page ----------------------------------------------------------------------------


def _figures_url(network) -> str:
    return reverse("directory:figures", kwargs={"slug": network.slug})


def _travel():
    moment = datetime.datetime(2022, 8, 15, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    return time_machine.travel(moment, tick=False)


def _charts(html: str) -> list[ET.Element]:
    return [
        ET.fromstring(svg)  # noqa: S314 - our own markup
        for svg in re.findall(r'<svg [^>]*class="vn-chart".*?</svg>', html, re.DOTALL)
    ]


def test_figures_page_shows_the_numbers(dataset, client):
    with _travel():
        response = client.get(_figures_url(dataset.network))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Netzwerk Kennzahlen" in html
    assert 'data-figure="covered">61.000<' in html
    assert re.search(r'data-figure="state-RP">\s*64.000', html)
    assert 'data-figure="share">95,3 %<' in html
    history = html[html.index('id="history-caption"') :]
    assert "15.08.2022 (heute)" in history or "15.08.2022 (today)" in history
    assert re.search(r"31\.01\.2022</th>\s*<td [^>]*>4<", history)
    assert re.search(r"28\.02\.2022</th>\s*<td [^>]*>3<", history)
    district = html[html.index('id="district-caption"') :]
    assert re.search(r'Landkreis Nord</th>\s*<td class="kern-table__cell vn-numeric">2<', district)


def test_figures_page_charts_are_labelled_images(dataset, client):
    with _travel():
        html = client.get(_figures_url(dataset.network)).content.decode()
    svgs = _charts(html)
    assert len(svgs) == 3
    for svg in svgs:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert svgs[0].find(f"{SVG}title").text == "Members of Netzwerk Kennzahlen over time" or (
        "Netzwerk Kennzahlen" in svgs[0].find(f"{SVG}title").text
    )


def test_figures_page_escapes_names(db, client):
    network = NetworkFactory(name='<Bad & "Net">')
    district = MunicipalityFactory(name='<Bad & "Kreis">', kind=Kind.LANDKREIS)
    MembershipFactory(
        network=network,
        municipality=MunicipalityFactory(name="Ort", kind=Kind.STADT, parent=district),
    )
    html = client.get(_figures_url(network)).content.decode()
    assert "<Bad" not in html
    for svg in _charts(html):
        assert svg is not None  # each chart is well-formed XML
    assert "&lt;Bad &amp; &quot;Kreis&quot;&gt;" in html


def test_figures_page_of_network_without_members(db, client):
    response = client.get(_figures_url(NetworkFactory()))
    assert response.status_code == 200
    assert _charts(response.content.decode()) == []


def test_figures_page_of_unknown_network_is_404(db, client):
    response = client.get(reverse("directory:figures", kwargs={"slug": "gibt-es-nicht"}))
    assert response.status_code == 404


def test_figures_page_loads_nothing_from_other_hosts(dataset, client):
    html = client.get(_figures_url(dataset.network)).content.decode()
    urls = re.findall(r'(?:src|href|action)="([^"]*)"', html)
    assert urls
    assert [url for url in urls if "//" in url] == []
    assert "https://" not in html


def _many_members(network, count, start):
    district = MunicipalityFactory(name=f"Landkreis {start}", kind=Kind.LANDKREIS)
    for i in range(count):
        MembershipFactory(
            network=network,
            municipality=MunicipalityFactory(
                name=f"Ort {start + i}", kind=Kind.ORTSGEMEINDE, parent=district
            ),
            member_since=D(2018 + i % 4, 1 + i % 12, 1),
            role=MembershipRole.TRANSFER if i % 7 == 0 else MembershipRole.MEMBER,
        )


def test_figures_query_count_does_not_grow_with_members(db, client):
    network = NetworkFactory()
    _many_members(network, 1, start=0)
    url = _figures_url(network)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _many_members(network, 29, start=100)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(_charts(response.content.decode())) == 3
    assert len(many) == len(one)
    assert len(one) <= 11  # 10, and one for the solutions and their reuse (issue 5)
