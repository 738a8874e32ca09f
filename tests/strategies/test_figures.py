"""Anonymised figures of the digital strategies across a network."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.strategies.factories import MeasureFactory, field, strategy_of
from voneinander.networks.models import MembershipStatus
from voneinander.strategies.dashboard import MIN_STRATEGIES, network_figures
from voneinander.strategies.models import MeasureStatus

pytestmark = pytest.mark.django_db


def member_strategy(network, name, *, shared=True, status=MembershipStatus.ACTIVE, lead=None):
    municipality = MembershipFactory(
        network=network, municipality__name=name, status=status
    ).municipality
    return strategy_of(
        municipality, lead=lead or UserFactory(), shared_with=network if shared else None
    )


def figures_for(world, role="coordinator"):
    return network_figures(world.network, viewer=world.user(role))


def test_figures_count_only_strategies_shared_with_the_network(world):
    for n in range(3):
        strategy = member_strategy(world.network, f"Dorf {n}")
        MeasureFactory(strategy=strategy, field=field("mobilitaet"), status=MeasureStatus.DONE)
        MeasureFactory(strategy=strategy, field=field("mobilitaet"))
    private = member_strategy(world.network, "Privatdorf", shared=False)
    MeasureFactory.create_batch(4, strategy=private, field=field("mobilitaet"))
    elsewhere = member_strategy(world.other_network, "Betadorf", shared=True)
    MeasureFactory(strategy=elsewhere, field=field("mobilitaet"))
    left = member_strategy(world.network, "Ausgetreten", status=MembershipStatus.LEFT)
    MeasureFactory(strategy=left, field=field("mobilitaet"))

    figures = figures_for(world)

    assert figures.strategies == 3
    top = figures.shown[0]
    assert (top.field.slug, top.strategies, top.measures) == ("mobilitaet", 3, 6)
    assert top.shares == [50, 0, 0, 50, 0]


def _seen(client, url):
    figures = client.get(url).context["figures"]
    rows = [(r.field.slug, r.strategies, r.measures, r.shares) for r in figures.rows]
    return figures.strategies, rows


def test_figures_do_not_change_when_a_private_strategy_joins(world, client_as):
    for n in range(3):
        MeasureFactory(strategy=member_strategy(world.network, f"Dorf {n}"))
    client = client_as(world.user("coordinator"))
    url = reverse("strategies:network_figures", kwargs={"slug": "alpha"})
    before = _seen(client, url)

    # A municipality with a private strategy is admitted: nothing to difference.
    private = member_strategy(world.network, "Neudorf", shared=False)
    MeasureFactory.create_batch(3, strategy=private, field=field("bildung"))
    MeasureFactory(strategy=private)

    assert before[0] == 3
    assert _seen(client, url) == before


def test_figures_hide_the_total_below_the_minimum(world, client_as):
    for n in range(MIN_STRATEGIES - 1):
        MeasureFactory(strategy=member_strategy(world.network, f"Dorf {n}"))

    response = client_as(world.user("coordinator")).get(
        reverse("strategies:network_figures", kwargs={"slug": "alpha"})
    )

    assert response.context["figures"].strategies is None
    assert response.context["figures"].shown == []
    assert "data-total-hidden" in response.content.decode()


def test_figures_never_count_the_viewers_own_strategy_towards_the_minimum(world):
    coordinator = world.user("coordinator")
    mine = member_strategy(world.network, "Meindorf", lead=coordinator)
    MeasureFactory(strategy=mine, field=field("mobilitaet"))
    for n in range(MIN_STRATEGIES - 1):
        MeasureFactory(strategy=member_strategy(world.network, f"Dorf {n}"))

    mine_counted_out = network_figures(world.network, viewer=coordinator)
    someone_else = network_figures(world.network, viewer=world.user("admin"))

    assert mine_counted_out.strategies is None
    assert mine_counted_out.shown == []
    assert someone_else.strategies == MIN_STRATEGIES
    assert [row.field.slug for row in someone_else.shown] == ["mobilitaet"]

    MeasureFactory(strategy=member_strategy(world.network, "Dorf 9"))
    enough = network_figures(world.network, viewer=coordinator)
    assert enough.strategies == MIN_STRATEGIES + 1
    assert (enough.shown[0].strategies, enough.shown[0].others) == (4, 3)


def test_figures_order_fields_planned_most_first(world):
    strategies = [member_strategy(world.network, f"Dorf {n}") for n in range(3)]
    for strategy in strategies:
        MeasureFactory(strategy=strategy, field=field("bildung"))
        MeasureFactory.create_batch(2, strategy=strategy, field=field("infrastruktur"))

    figures = figures_for(world)

    assert [row.field.slug for row in figures.shown] == ["infrastruktur", "bildung"]


def test_figures_suppress_fields_with_fewer_than_three_strategies(world):
    strategies = [member_strategy(world.network, f"Dorf {n}") for n in range(3)]
    for strategy in strategies:
        MeasureFactory(strategy=strategy, field=field("mobilitaet"))
    MeasureFactory.create_batch(5, strategy=strategies[0], field=field("bildung"))
    MeasureFactory(strategy=strategies[1], field=field("bildung"))

    figures = figures_for(world)

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
    member_strategy(world.network, "Privatheim", shared=False)
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
