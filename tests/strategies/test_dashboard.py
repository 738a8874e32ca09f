import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.strategies.factories import MeasureFactory, field, strategy_of
from voneinander.strategies.dashboard import MonthPoint, strategy_progress
from voneinander.strategies.models import MeasureStatus, MeasureStatusChange

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 4, 15)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def history(measure, *steps):
    """Record the measure's status changes at the given dates; the last is its status."""
    for day, status in steps:
        change = MeasureStatusChange.objects.create(measure=measure, status=status)
        MeasureStatusChange.objects.filter(pk=change.pk).update(changed_at=at(day))
    measure.status = steps[-1][1]
    measure.save(update_fields=["status"])


@pytest.fixture
def strategy(world):
    return strategy_of(world.membership.municipality, lead=world.user("contact"))


def test_progress_counts_measures_by_field_and_status(strategy):
    MeasureFactory(strategy=strategy, field=field("mobilitaet"), status=MeasureStatus.DONE)
    MeasureFactory(strategy=strategy, field=field("mobilitaet"), status=MeasureStatus.IDEA)
    MeasureFactory(strategy=strategy, field=field("bildung"), status=MeasureStatus.IN_PROGRESS)

    progress = strategy_progress(strategy, today=TODAY)

    assert progress.total == 3
    assert [n for _label, n in progress.by_status] == [1, 0, 1, 1, 0]
    assert [(row.field.slug, row.counts, row.total) for row in progress.rows] == [
        ("mobilitaet", [1, 0, 0, 1, 0], 2),
        ("bildung", [0, 0, 1, 0, 0], 1),
    ]


def test_progress_status_over_time_follows_status_changes(strategy):
    first = MeasureFactory(strategy=strategy)
    history(
        first,
        (datetime.date(2025, 1, 10), MeasureStatus.IDEA),
        (datetime.date(2025, 2, 5), MeasureStatus.IN_PROGRESS),
        (datetime.date(2025, 3, 20), MeasureStatus.DONE),
    )
    second = MeasureFactory(strategy=strategy)
    history(
        second,
        (datetime.date(2025, 2, 1), MeasureStatus.PLANNED),
        (datetime.date(2025, 3, 1), MeasureStatus.IN_PROGRESS),
    )

    progress = strategy_progress(strategy, today=TODAY)

    assert progress.months == [
        MonthPoint(datetime.date(2025, 1, 1), 0, 0),
        MonthPoint(datetime.date(2025, 2, 1), 1, 0),
        MonthPoint(datetime.date(2025, 3, 1), 1, 1),
        MonthPoint(datetime.date(2025, 4, 1), 1, 1),
    ]


def test_progress_lists_overdue_and_upcoming_open_measures(strategy):
    MeasureFactory(strategy=strategy, title="Überfällig", ends_on=datetime.date(2025, 4, 1))
    MeasureFactory(
        strategy=strategy,
        title="Erledigt und alt",
        ends_on=datetime.date(2025, 3, 1),
        status=MeasureStatus.DONE,
    )
    MeasureFactory(strategy=strategy, title="Bald", starts_on=datetime.date(2025, 5, 1))
    MeasureFactory(strategy=strategy, title="Später", starts_on=datetime.date(2026, 1, 1))
    MeasureFactory(strategy=strategy, title="Endet bald", ends_on=datetime.date(2025, 4, 20))

    progress = strategy_progress(strategy, today=TODAY)

    assert [m.title for m in progress.overdue] == ["Überfällig"]
    assert [m.title for m in progress.upcoming] == ["Endet bald", "Bald"]


def test_progress_page_shows_chart_with_table(world, client_as, strategy):
    measure = MeasureFactory(strategy=strategy, title="Rufbus")
    history(
        measure,
        (timezone.localdate() - datetime.timedelta(days=40), MeasureStatus.IN_PROGRESS),
        (timezone.localdate(), MeasureStatus.DONE),
    )

    response = client_as(world.user("contact")).get(
        reverse("strategies:progress", kwargs={"pk": strategy.pk})
    )

    content = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="vn-chart"' in content
    assert 'aria-labelledby="progress-title progress-desc"' in content
    assert 'id="time-caption"' in content
    assert response.context["figures"].months[-1].done == 1


def test_progress_page_without_measures_says_so(world, client_as, strategy):
    response = client_as(world.user("contact")).get(
        reverse("strategies:progress", kwargs={"pk": strategy.pk})
    )

    assert response.status_code == 200
    assert response.context["chart"] is None


def test_progress_page_query_count_does_not_grow(
    world, client_as, strategy, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(world.user("contact"))
    url = reverse("strategies:progress", kwargs={"pk": strategy.pk})
    MeasureFactory(strategy=strategy, ends_on=datetime.date(2020, 1, 1))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for slug in ("bildung", "infrastruktur", "tourismus-kultur"):
        for status in (MeasureStatus.IN_PROGRESS, MeasureStatus.DONE):
            measure = MeasureFactory(strategy=strategy, field=field(slug))
            history(measure, (datetime.date(2024, 6, 1), status))

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert response.context["figures"].total == 7
