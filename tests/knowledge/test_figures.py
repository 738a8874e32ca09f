"""Programme figures for the funder, and the reuse counts on the network figures page."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.conftest import enable_totp
from tests.events.factories import EventFactory, RegistrationFactory, berlin
from tests.factories import CoordinatorFactory, MembershipFactory, NetworkFactory
from tests.knowledge.factories import AdoptionFactory, AllianceFactory, SolutionFactory
from tests.workinggroups.factories import WorkingGroupFactory
from voneinander.events.models import Visibility
from voneinander.knowledge import figures
from voneinander.knowledge.models import (
    Adoption,
    AdoptionStatus,
    Alliance,
    AllianceStatus,
    Solution,
    SolutionVisibility,
)
from voneinander.networks.models import MembershipStatus

D = datetime.date
TODAY = D(2025, 8, 15)
SVG = "{http://www.w3.org/2000/svg}"


def _travel():
    moment = datetime.datetime(2025, 8, 15, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    return time_machine.travel(moment, tick=False)


def _created(obj, day: D):
    """Set auto_now_add `created_at` to noon of `day` (Berlin)."""
    type(obj).objects.filter(pk=obj.pk).update(created_at=berlin(day.year, day.month, day.day, 12))


@dataclass
class Programme:
    network: object
    other: object
    coordinator: object


@pytest.fixture
def programme(db):
    """A network with exactly known figures for 2025 (see the test below for the numbers)."""
    network = NetworkFactory(slug="programm", name="Netzwerk Programm")
    other = NetworkFactory(slug="anderes")
    coordinator = CoordinatorFactory(network=network).user
    enable_totp(coordinator)
    a = MembershipFactory(network=network, member_since=D(2020, 1, 1)).municipality
    MembershipFactory(network=network, member_since=D(2025, 3, 10))
    MembershipFactory(
        network=network,
        member_since=D(2019, 5, 1),
        left_on=D(2025, 6, 1),
        status=MembershipStatus.LEFT,
    )
    MembershipFactory(network=network, member_since=D(2025, 9, 1))  # not yet
    MembershipFactory(network=network, member_since=D(2018, 1, 1), status=MembershipStatus.LEFT)
    other_owner = MembershipFactory(network=other).municipality

    def solution(day, **extra):
        extra.setdefault("network", network)
        extra.setdefault("owner", a if extra["network"] == network else other_owner)
        created = SolutionFactory(**extra)
        _created(created, day)
        return created

    s1 = solution(D(2025, 2, 10))
    solution(D(2025, 2, 20), visibility=SolutionVisibility.NETWORK)
    s3 = solution(D(2024, 12, 31))
    solution(D(2025, 4, 5), merged_into=s1)
    s5 = solution(D(2025, 3, 1), network=other)
    solution(D(2025, 7, 1), archived_at=timezone.now())

    def adoption(on, day, status=AdoptionStatus.IN_USE):
        _created(AdoptionFactory(solution=on, status=status), day)

    adoption(s1, D(2025, 3, 15))
    adoption(s1, D(2025, 3, 16), AdoptionStatus.INTERESTED)
    adoption(s3, D(2025, 5, 1), AdoptionStatus.STOPPED)
    adoption(s5, D(2025, 5, 2))
    adoption(s1, D(2024, 11, 1), AdoptionStatus.ADOPTING)

    AllianceFactory(network=network, formed_on=D(2025, 4, 10), status=AllianceStatus.ACTIVE)
    _created(AllianceFactory(network=network, status=AllianceStatus.FORMING), D(2025, 4, 11))
    _created(AllianceFactory(network=network, status=AllianceStatus.ACTIVE), D(2025, 6, 2))
    AllianceFactory(network=network, formed_on=D(2024, 12, 1), status=AllianceStatus.ACTIVE)
    AllianceFactory(network=other, formed_on=D(2025, 4, 10), status=AllianceStatus.ACTIVE)

    def event(day, networks=(network,), **extra):
        start = berlin(day.year, day.month, day.day, 10)
        return EventFactory(
            networks=list(networks),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=4),
            **extra,
        )

    ev1 = event(D(2025, 2, 5))
    RegistrationFactory(event=ev1, checked_in_at=timezone.now())
    RegistrationFactory(event=ev1, checked_in_at=timezone.now())
    RegistrationFactory(event=ev1)
    event(
        D(2025, 5, 20),
        personal_data_purged_at=timezone.now(),
        retained_figures={"registrations": {"confirmed": 9}, "checked_in": 7, "sessions": {}},
    )
    event(D(2025, 3, 1), cancelled_at=timezone.now())
    event(D(2025, 3, 1), networks=(other,))
    event(D(2025, 9, 10))
    # Meetings of a private working group are not counted (nor who came).
    private = WorkingGroupFactory(network=network, is_private=True, lead=False)
    secret = event(D(2025, 2, 6), working_group=private, visibility=Visibility.INVITED)
    RegistrationFactory(event=secret, checked_in_at=timezone.now())
    event(
        D(2025, 5, 21),
        working_group=private,
        visibility=Visibility.INVITED,
        personal_data_purged_at=timezone.now(),
        retained_figures={"registrations": {"confirmed": 4}, "checked_in": 4, "sessions": {}},
    )
    return Programme(network, other, coordinator)


def _series(result, metric):
    return dict(result.series(metric))


def test_programme_figures_count_each_figure_exactly(programme):
    result = figures.programme_figures(programme.network, figures.year(2025), today=TODAY)
    assert result.granularity == "month"
    assert result.as_of == TODAY
    assert [b.label for b in result.buckets] == [f"{m:02d}/2025" for m in range(1, 9)]
    assert [b.members for b in result.buckets] == [2, 2, 3, 3, 3, 2, 2, 2]
    assert result.totals == {
        "members": 2,
        "solutions": 3,
        "reuses": 2,
        "alliances": 2,
        "meetings": 2,
        "attendance": 9,
    }
    assert _series(result, "solutions")["02/2025"] == 2
    assert _series(result, "solutions")["07/2025"] == 1
    assert _series(result, "reuses") == {
        **{f"{m:02d}/2025": 0 for m in range(1, 9)},
        "03/2025": 1,
        "05/2025": 1,
    }
    assert _series(result, "alliances")["04/2025"] == 1
    assert _series(result, "alliances")["06/2025"] == 1
    assert _series(result, "meetings")["02/2025"] == 1
    assert _series(result, "attendance")["02/2025"] == 2
    assert _series(result, "attendance")["05/2025"] == 7


def test_programme_figures_count_public_but_not_private_group_meetings(programme, client_as):
    for private in (False, True):
        group = WorkingGroupFactory(network=programme.network, is_private=private, lead=False)
        start = berlin(2025, 7, 3 + private, 10)
        meeting = EventFactory(
            networks=[programme.network],
            working_group=group,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
        RegistrationFactory(event=meeting, checked_in_at=timezone.now())

    result = figures.programme_figures(programme.network, figures.year(2025), today=TODAY)

    assert _series(result, "meetings")["07/2025"] == 1
    assert _series(result, "attendance")["07/2025"] == 1
    assert (result.totals["meetings"], result.totals["attendance"]) == (3, 10)
    with _travel():
        html = client_as(programme.coordinator).get(_url(programme.network)).content.decode()
    assert gettext("Meetings of private working groups are not counted.") in html


def test_programme_figures_of_a_quarter_stay_within_it(programme):
    result = figures.programme_figures(programme.network, figures.quarter(2025, 2), today=TODAY)
    assert [b.label for b in result.buckets] == ["04/2025", "05/2025", "06/2025"]
    assert result.totals == {
        "members": 2,
        "solutions": 0,
        "reuses": 1,
        "alliances": 2,
        "meetings": 1,
        "attendance": 7,
    }


def test_programme_figures_of_long_periods_are_by_quarter(programme):
    period = figures.Period(D(2023, 1, 1), D(2025, 12, 31))
    result = figures.programme_figures(programme.network, period, today=TODAY)
    assert result.granularity == "quarter"
    labels = [b.label for b in result.buckets]
    assert labels[0] == "Q1 2023"
    assert labels[-1] == "Q3 2025"
    assert len(labels) == 11
    by_label = {b.label: b for b in result.buckets}
    assert by_label["Q1 2025"].solutions == 2
    assert by_label["Q4 2024"].solutions == 1
    assert by_label["Q4 2024"].alliances == 1
    assert by_label["Q2 2025"].members == 2  # at the end of June
    assert by_label["Q1 2025"].members == 3
    assert by_label["Q3 2025"].end == TODAY


def test_programme_figures_of_a_future_period_are_empty(programme):
    result = figures.programme_figures(programme.network, figures.year(2026), today=TODAY)
    assert result.buckets == []
    assert result.totals["solutions"] == 0


def test_presets_offer_years_and_quarters():
    labels = [label for label, _period in figures.presets(TODAY)]
    assert labels[2:] == [
        "Q1 2025",
        "Q2 2025",
        "Q3 2025",
        "Q1 2024",
        "Q2 2024",
        "Q3 2024",
        "Q4 2024",
    ]
    assert dict(figures.presets(TODAY))["Q3 2025"] == figures.Period(D(2025, 7, 1), D(2025, 9, 30))


# --- The page ---------------------------------------------------------------------------------


def _url(network, name="knowledge:programme_figures"):
    return reverse(name, kwargs={"slug": network.slug})


def _charts(html: str) -> list[ET.Element]:
    return [
        ET.fromstring(svg)  # noqa: S314 - our own markup
        for svg in re.findall(r'<svg [^>]*class="vn-chart".*?</svg>', html, re.DOTALL)
    ]


def test_programme_page_shows_totals_charts_and_table(programme, client_as):
    with _travel():
        response = client_as(programme.coordinator).get(_url(programme.network))
    assert response.status_code == 200
    html = response.content.decode()
    for key, value in [("members", 2), ("solutions", 3), ("reuses", 2), ("meetings", 2)]:
        assert f'data-figure="{key}">{value}<' in html
    assert 'data-total="attendance">9<' in html
    charts = _charts(html)
    assert len(charts) == 6
    for svg in charts:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}desc").get("id") == desc_id
        assert len(svg.findall(f"{SVG}rect")) == 8
    assert re.search(r"05/2025</th>(\s*<td [^>]*>\d+</td>){5}\s*<td [^>]*>7<", html)
    assert "von=2025-04-01&amp;bis=2025-06-30" in html  # the Q2 preset


def test_programme_page_follows_the_period(programme, client_as):
    with _travel():
        response = client_as(programme.coordinator).get(
            _url(programme.network), {"von": "2025-04-01", "bis": "2025-06-30"}
        )
    html = response.content.decode()
    assert 'data-figure="alliances">2<' in html
    assert 'data-figure="solutions">0<' in html
    assert 'aria-current="true">Q2 2025<' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"von": "kein Datum"}, "Please enter the date as DD.MM.YYYY."),
        (
            {"von": "2025-06-01", "bis": "2025-01-01"},
            "The end of the period lies before its start.",
        ),
        (
            {"von": "2000-01-01", "bis": "2025-01-01"},
            "Please choose a period of at most %(years)s years.",
        ),
    ],
)
def test_programme_page_explains_a_bad_period_and_shows_this_year(
    programme, client_as, query, message
):
    with _travel():
        response = client_as(programme.coordinator).get(_url(programme.network), query)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("de"):
        expected = gettext(message)
    if "%(years)s" in expected:
        expected = expected % {"years": 10}
    assert expected in html
    assert response.context["period"] == figures.year(2025)


def test_programme_csv_has_a_row_per_month_and_the_totals(programme, client_as):
    with _travel():
        response = client_as(programme.coordinator).get(
            _url(programme.network, "knowledge:programme_figures_csv")
        )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="kennzahlen-programm-2025-01-01-2025-12-31.csv"'
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + 8 + 1
    assert rows[2] == ["02/2025", "2025-02-01", "2025-02-28", "2", "2", "0", "0", "1", "2"]
    assert rows[-1][1:] == ["2025-01-01", "2025-08-15", "2", "3", "2", "2", "2", "9"]


def _grow(network, count, start):
    owner = MembershipFactory(network=network, member_since=D(2024, 1, 1)).municipality
    for i in range(count):
        day = D(2025, 1 + (start + i) % 7, 1 + i % 27)
        solution = SolutionFactory(network=network, owner=owner)
        _created(solution, day)
        _created(AdoptionFactory(solution=solution), day)
        AllianceFactory(network=network, formed_on=day, status=AllianceStatus.ACTIVE)
        start_at = berlin(day.year, day.month, day.day, 10)
        event = EventFactory(
            networks=[network], starts_at=start_at, ends_at=start_at + datetime.timedelta(hours=2)
        )
        RegistrationFactory(event=event, checked_in_at=timezone.now())
        MembershipFactory(network=network, member_since=day)


def test_programme_page_query_count_does_not_grow(db, client_as):
    network = NetworkFactory()
    coordinator = CoordinatorFactory(network=network).user
    enable_totp(coordinator)
    client = client_as(coordinator)
    _grow(network, 1, 0)
    with _travel(), CaptureQueriesContext(connection) as one:
        client.get(_url(network))
    _grow(network, 25, 1)
    with _travel(), CaptureQueriesContext(connection) as many:
        response = client.get(_url(network))
    assert 'data-figure="solutions">26<' in response.content.decode()
    assert len(many) == len(one)
    with _travel(), CaptureQueriesContext(connection) as csv_queries:
        b"".join(client.get(_url(network, "knowledge:programme_figures_csv")).streaming_content)
    assert len(csv_queries) <= len(one)


# --- The network figures page (directory) ------------------------------------------------------


def test_network_figures_page_counts_public_solutions_and_reuse(world, client):
    owner = world.membership.municipality
    public = SolutionFactory(network=world.network, owner=owner)
    internal = SolutionFactory(
        network=world.network, owner=owner, visibility=SolutionVisibility.NETWORK
    )
    SolutionFactory(network=world.network, owner=owner, archived_at=timezone.now())
    AdoptionFactory(solution=public, status=AdoptionStatus.IN_USE)
    AdoptionFactory(solution=public, status=AdoptionStatus.STOPPED)
    AdoptionFactory(solution=public, status=AdoptionStatus.INTERESTED)
    AdoptionFactory(solution=internal, status=AdoptionStatus.IN_USE)
    response = client.get(reverse("directory:figures", kwargs={"slug": world.network.slug}))
    html = response.content.decode()
    assert 'data-figure="solutions">1<' in html
    assert 'data-figure="reuses">2<' in html
    assert Solution.objects.count() == 3 and Adoption.objects.count() == 4
    assert Alliance.objects.count() == 0
