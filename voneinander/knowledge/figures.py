"""Programme figures for the funder: per network and period, counted by the database.

Figures (each per month, or per quarter for periods longer than two years):
- active member municipalities: at the end of each month/quarter (as of today
  for the running one), following `member_since` and `left_on` as the
  directory's history does;
- solutions documented: solutions of the network's catalogue created in the
  period (merged duplicates are not counted; internal and archived ones are);
- reuse cases recorded: adoptions of the network's solutions recorded in the
  period that are reuse (in use, adopting, stopped; not mere interest);
- alliances formed: alliances of the network formed in the period (their
  "formed on" date; without one, the day they were entered, unless still forming);
- meetings held: events of the network, not cancelled, that ended in the period;
  meetings of private working groups are not counted (the figures go to people
  outside the group: coordinators, the funder);
- attendance: people checked in at those meetings, including the counts kept
  after their personal data was deleted (`Event.retained_figures`).

`programme_figures` runs the same eight queries whatever the size of the network
or the length of the period; the database groups by month, Python adds up.
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, DateField, IntegerField, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.directory.charts import FONT, nice_ticks
from voneinander.events.models import Event, Registration
from voneinander.knowledge.adoption_selectors import REUSE_STATUSES
from voneinander.knowledge.models import Adoption, Alliance, AllianceStatus, Solution
from voneinander.networks.models import Membership, MembershipStatus, Network

MONTHLY_UP_TO = 24  # months; longer periods are shown by quarter
MAX_YEARS = 10

METRICS = (
    ("members", gettext_lazy("Active member municipalities")),
    ("solutions", gettext_lazy("Solutions documented")),
    ("reuses", gettext_lazy("Reuse cases recorded")),
    ("alliances", gettext_lazy("Alliances formed")),
    ("meetings", gettext_lazy("Meetings held")),
    ("attendance", gettext_lazy("Attendance")),
)
FLOWS = ("solutions", "reuses", "alliances", "meetings", "attendance")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def granularity(self) -> str:
        return "month" if self.months <= MONTHLY_UP_TO else "quarter"


def year(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def quarter(year: int, number: int) -> Period:
    first = datetime.date(year, 3 * number - 2, 1)
    last_month = 3 * number
    return Period(first, datetime.date(year, last_month, _last_day(year, last_month)))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=_last_day(month.year, month.month))


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def presets(today: datetime.date) -> list[tuple[str, Period]]:
    """This year, last year and their quarters (up to the running one)."""
    this_quarter = (today.month - 1) // 3 + 1
    items = [(_("This year"), year(today.year)), (_("Last year"), year(today.year - 1))]
    for number in range(1, this_quarter + 1):
        items.append((f"Q{number} {today.year}", quarter(today.year, number)))
    for number in range(1, 5):
        items.append((f"Q{number} {today.year - 1}", quarter(today.year - 1, number)))
    return items


@dataclass
class Bucket:
    start: datetime.date  # first day counted (within the period)
    end: datetime.date  # last day counted
    label: str
    members: int = 0
    solutions: int = 0
    reuses: int = 0
    alliances: int = 0
    meetings: int = 0
    attendance: int = 0


@dataclass(frozen=True)
class ProgrammeFigures:
    network: Network
    period: Period
    as_of: datetime.date  # the last day with figures: the period's end or today
    granularity: str
    buckets: list[Bucket]
    totals: dict[str, int]

    def series(self, metric: str) -> list[tuple[str, int]]:
        return [(bucket.label, getattr(bucket, metric)) for bucket in self.buckets]


# --- Counting ------------------------------------------------------------------------------


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _by_month(queryset, month_expression, value=None) -> dict[datetime.date, int]:
    rows = (
        queryset.annotate(month=month_expression)
        .order_by()
        .values_list("month")
        .annotate(n=value if value is not None else Count("pk"))
    )
    result: dict[datetime.date, int] = {}
    for month, n in rows:
        if month is None:
            continue
        if isinstance(month, datetime.datetime):
            month = month.date()
        result[month] = result.get(month, 0) + (n or 0)
    return result


def _month_of(field: str):
    return TruncMonth(field, output_field=DateField())


def _member_months(network: Network, as_of: datetime.date):
    memberships = Membership.objects.filter(network=network).exclude(
        status=MembershipStatus.LEFT, left_on__isnull=True
    )
    joins = _by_month(memberships.filter(member_since__lte=as_of), _month_of("member_since"))
    leaves = _by_month(
        memberships.filter(left_on__lte=as_of, member_since__lte=as_of), _month_of("left_on")
    )
    return joins, leaves


def programme_figures(
    network: Network, period: Period, *, today: datetime.date | None = None
) -> ProgrammeFigures:
    today = today or timezone.localdate()
    as_of = min(period.end, today)
    first_month = period.start.replace(day=1)
    months: list[datetime.date] = []
    month = first_month
    while month <= as_of:
        months.append(month)
        month = _next_month(month)

    flows: dict[str, dict[datetime.date, int]] = {name: {} for name in FLOWS}
    members_at: dict[datetime.date, int] = {}
    if months:
        since, until = _aware(period.start), _aware(as_of + datetime.timedelta(days=1))
        in_period = {"created_at__gte": since, "created_at__lt": until}
        flows["solutions"] = _by_month(
            Solution.objects.filter(network=network, merged_into__isnull=True, **in_period),
            _month_of("created_at"),
        )
        flows["reuses"] = _by_month(
            Adoption.objects.filter(
                solution__network=network, status__in=REUSE_STATUSES, **in_period
            ),
            _month_of("created_at"),
        )
        formed = Coalesce("formed_on", TruncDate("created_at"), output_field=DateField())
        flows["alliances"] = _by_month(
            Alliance.objects.filter(network=network)
            .filter(Q(formed_on__isnull=False) | ~Q(status=AllianceStatus.FORMING))
            .annotate(formed=formed)
            .filter(formed__gte=period.start, formed__lte=as_of),
            _month_of("formed"),
        )
        meetings = Event.objects.filter(
            networks=network, cancelled_at__isnull=True, ends_at__gte=since, ends_at__lt=until
        ).exclude(working_group__is_private=True)
        flows["meetings"] = _by_month(meetings, _month_of("ends_at"))
        live = _by_month(
            Registration.objects.filter(
                event__in=meetings.values("pk"), checked_in_at__isnull=False
            ),
            _month_of("event__ends_at"),
        )
        kept = _by_month(
            meetings.filter(personal_data_purged_at__isnull=False),
            _month_of("ends_at"),
            value=Sum(Cast(KT("retained_figures__checked_in"), IntegerField())),
        )
        flows["attendance"] = {m: live.get(m, 0) + kept.get(m, 0) for m in {*live, *kept}}

        joins, leaves = _member_months(network, as_of)
        if joins:
            month, active = min(min(joins), first_month), 0
            while month <= months[-1]:
                active += joins.get(month, 0) - leaves.get(month, 0)
                members_at[month] = active
                month = _next_month(month)

    buckets = _buckets(period, months, as_of, flows, members_at)
    totals = {name: sum(flows[name].values()) for name in FLOWS}
    totals["members"] = members_at.get(months[-1], 0) if months else 0
    return ProgrammeFigures(
        network=network,
        period=period,
        as_of=as_of,
        granularity=period.granularity,
        buckets=buckets,
        totals=totals,
    )


def _buckets(period, months, as_of, flows, members_at) -> list[Bucket]:
    buckets: list[Bucket] = []
    for month in months:
        start = max(month, period.start)
        end = min(_month_end(month), as_of)
        if period.granularity == "month":
            label = f"{month.month:02d}/{month.year}"
        else:
            label = f"Q{(month.month - 1) // 3 + 1} {month.year}"
        if not buckets or buckets[-1].label != label:
            buckets.append(Bucket(start=start, end=end, label=label))
        bucket = buckets[-1]
        bucket.end = end
        bucket.members = members_at.get(month, 0)
        for name in FLOWS:
            setattr(bucket, name, getattr(bucket, name) + flows[name].get(month, 0))
    return buckets


# --- Charts --------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 480, 240


def column_chart(
    values: Sequence[tuple[str, int]], *, title: str, description: str, ident: str
) -> SafeString:
    """Columns, one per month or quarter, with the values above them (SVG, role="img").

    Drawn like directory/charts.py (same classes, so the same colours).
    """
    left, right, top, bottom = 40, 8, 20, 36
    plot_w, plot_h = CHART_WIDTH - left - right, CHART_HEIGHT - top - bottom
    ticks = nice_ticks(max((value for _label, value in values), default=0), count=4)
    slot = plot_w / max(len(values), 1)
    bar = max(min(slot * 0.7, 48), 2)

    def y(value: float) -> float:
        return top + plot_h - value / ticks[-1] * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vn-chart" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        '<g class="vn-chart__axis">',
    ]
    for tick in ticks:
        parts.append(
            f'<line class="vn-chart__grid" x1="{left}" x2="{CHART_WIDTH - right}" '
            f'y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="vn-chart__label" x="{left - 6}" y="{y(tick) + FONT / 3:.1f}" '
            f'text-anchor="end">{number_format(tick, force_grouping=True)}</text>'
        )
    every = max(1, math.ceil(len(values) / 6))
    for i, (label, _value) in enumerate(values):
        if i % every:
            continue
        x = left + slot * (i + 0.5)
        parts.append(
            f'<text class="vn-chart__label" x="{x:.1f}" y="{top + plot_h + FONT + 6}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</g>")
    for i, (_label, value) in enumerate(values):
        x = left + slot * (i + 0.5) - bar / 2
        height = max(plot_h - (y(value) - top), 0)
        parts.append(
            f'<rect class="vn-chart__bar" x="{x:.1f}" y="{y(value):.1f}" '
            f'width="{bar:.1f}" height="{height:.1f}"/>'
        )
        if len(values) <= 12:
            parts.append(
                f'<text class="vn-chart__value" x="{x + bar / 2:.1f}" y="{y(value) - 4:.1f}" '
                f'text-anchor="middle">{number_format(value, force_grouping=True)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped
