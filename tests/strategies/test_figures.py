"""Anonymised figures of the digital strategies across a network."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.strategies.factories import MeasureFactory, field, strategy_of
from voneinander.networks.models import MembershipStatus
from voneinander.strategies.dashboard import MIN_STRATEGIES, network_figures
from voneinander.strategies.models import MeasureStatus

pytestmark = pytest.mark.django_db


def member_strategy(network, name, *, shared=False, status=MembershipStatus.ACTIVE):
    municipality = MembershipFactory(
        network=network, municipality__name=name, status=status
    ).municipality
    return strategy_of(municipality, lead=UserFactory(), shared_with=network if shared else None)


def test_figures_count_all_member_strategies_shared_or_not(world):
    for n in range(3):
        strategy = member_strategy(world.network, f"Dorf {n}", shared=n == 0)
        MeasureFactory(strategy=strategy, field=field("mobilitaet"), status=MeasureStatus.DONE)
        MeasureFactory(strategy=strategy, field=field("mobilitaet"))
    member_strategy(world.network, "Ausgetreten", status=MembershipStatus.LEFT)
    member_strategy(world.other_network, "Betadorf")

    figures = network_figures(world.network)

    assert figures.strategies == 3
    top = figures.shown[0]
    assert (top.field.slug, top.strategies, top.measures) == ("mobilitaet", 3, 6)
    assert top.shares == [50, 0, 0, 50, 0]


def test_figures_order_fields_planned_most_first(world):
    strategies = [member_strategy(world.network, f"Dorf {n}") for n in range(3)]
    for strategy in strategies:
        MeasureFactory(strategy=strategy, field=field("bildung"))
        MeasureFactory.create_batch(2, strategy=strategy, field=field("infrastruktur"))

    figures = network_figures(world.network)

    assert [row.field.slug for row in figures.shown] == ["infrastruktur", "bildung"]


def test_figures_suppress_fields_with_fewer_than_three_strategies(world):
    strategies = [member_strategy(world.network, f"Dorf {n}") for n in range(3)]
    for strategy in strategies:
        MeasureFactory(strategy=strategy, field=field("mobilitaet"))
    MeasureFactory.create_batch(5, strategy=strategies[0], field=field("bildung"))
    MeasureFactory(strategy=strategies[1], field=field("bildung"))

    figures = network_figures(world.network)

    assert MIN_STRATEGIES == 3
    assert [row.field.slug for row in figures.shown] == ["mobilitaet"]
    learning = next(row for row in figures.rows if row.field.slug == "bildung")
    assert learning.suppressed
    assert (learning.strategies, learning.measures, learning.shares) == (0, 0, [])


def test_figures_page_names_no_municipality(world, client_as):
    names = ["Geheimdorf", "Stillstadt", "Verborgenheim"]
    for name in names:
        strategy = member_strategy(world.network, name)
        MeasureFactory(strategy=strategy, field=field("mobilitaet"), title=f"Plan von {name}")
    lonely = member_strategy(world.network, "Einzeldorf")
    MeasureFactory(strategy=lonely, field=field("bildung"), title="Einzelplan")

    response = client_as(world.user("coordinator")).get(
        reverse("strategies:network_figures", kwargs={"slug": "alpha"})
    )

    content = response.content.decode()
    for name in [*names, "Einzeldorf", "Altstadt"]:
        assert name not in content
    assert "Plan von" not in content and "Einzelplan" not in content
    assert "data-suppressed" in content
    assert response.context["figures"].strategies == 4


def test_figures_page_query_count_does_not_grow(world, client_as, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(world.user("coordinator"))
    url = reverse("strategies:network_figures", kwargs={"slug": "alpha"})
    MeasureFactory(strategy=member_strategy(world.network, "Dorf 0"))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(1, 7):
        strategy = member_strategy(world.network, f"Dorf {n}")
        MeasureFactory(strategy=strategy, field=field("bildung"), status=MeasureStatus.DONE)
        MeasureFactory(strategy=strategy)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert response.context["figures"].strategies == 7
