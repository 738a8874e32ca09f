"""Charts as SVG drawn on the server: a step chart over time and horizontal bars.

Each chart is a picture (role="img") named by its <title> and <desc>; the page
shows the same numbers in a table next to it. Colours come from the stylesheet
(classes), so the charts follow the light and dark colour schemes.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
FONT = 14  # viewBox units, matched by the stylesheet


def _number(value: float) -> str:
    return number_format(value, force_grouping=True)


def nice_ticks(maximum: float, count: int = 5) -> list[int]:
    """Round steps (1, 2 or 5 × 10ⁿ) from 0 to at least `maximum`."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    top = math.ceil(maximum / step) * step
    return list(range(0, top + 1, step))


def _open(width: float, height: float, title: str, description: str, ident: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vn-chart" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )


@dataclass(frozen=True)
class Step:
    start: datetime.date  # the period the value holds for
    end: datetime.date
    value: int


def step_chart(
    steps: Sequence[Step],
    *,
    title: str,
    description: str,
    ident: str,
    period: str = "month",
    height: float = 300,
) -> SafeString:
    """A step line: each value holds from its `start` to its `end` date."""
    left, right, top, bottom = 56, 16, 16, 40
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    first, last = steps[0].start, steps[-1].end
    days = max((last - first).days, 1)
    ticks = nice_ticks(max(step.value for step in steps))

    def x(day: datetime.date) -> float:
        return left + (day - first).days / days * plot_w

    def y(value: float) -> float:
        return top + plot_h - value / ticks[-1] * plot_h

    parts = [_open(WIDTH, height, title, description, ident), '<g class="vn-chart__axis">']
    for tick in ticks:
        parts.append(
            f'<line class="vn-chart__grid" x1="{left}" x2="{WIDTH - right}" '
            f'y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="vn-chart__label" x="{left - 8}" y="{y(tick) + FONT / 3:.1f}" '
            f'text-anchor="end">{_number(tick)}</text>'
        )
    labels = _time_labels(steps, period)
    every = max(1, math.ceil(len(labels) / 8))
    for day, label in labels[::every]:
        parts.append(
            f'<line class="vn-chart__tick" x1="{x(day):.1f}" x2="{x(day):.1f}" '
            f'y1="{top + plot_h}" y2="{top + plot_h + 6}"/>'
            f'<text class="vn-chart__label" x="{x(day):.1f}" y="{top + plot_h + 6 + FONT + 2}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</g>")
    d = [f"M{x(steps[0].start):.1f} {y(0):.1f}"]
    for step in steps:
        d.append(f"V{y(step.value):.1f}H{x(step.end):.1f}")
    parts.append(f'<path class="vn-chart__line" d="{"".join(d)}"/>')
    end = steps[-1]
    parts.append(
        f'<circle class="vn-chart__dot" cx="{x(end.end):.1f}" cy="{y(end.value):.1f}" r="4"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped


def _time_labels(steps: Sequence[Step], period: str) -> list[tuple[datetime.date, str]]:
    """Years at the start of each year; with monthly steps also every quarter."""
    labels = []
    for step in steps:
        start = step.start
        if period == "year":
            labels.append((start, str(start.year)))
        elif start.month == 1 or start == steps[0].start or len(steps) <= 12:
            labels.append((start, f"{start.month:02d}/{start.year}"))
    return labels


def bar_chart(
    rows: Sequence[tuple[str, int]], *, title: str, description: str, ident: str
) -> SafeString:
    """Horizontal bars, each with its label above it and its value after it."""
    row_height, bar_height, top = 46, 16, 8
    label_room = 72  # for the value after the longest bar
    height = top + len(rows) * row_height
    maximum = max((value for _label, value in rows), default=0) or 1
    scale = (WIDTH - label_room) / maximum
    parts = [_open(WIDTH, height, title, description, ident)]
    for i, (label, value) in enumerate(rows):
        y = top + i * row_height
        width = max(value * scale, 1.0)
        parts.append(
            f'<text class="vn-chart__label" x="0" y="{y + FONT:.0f}">{escape(label)}</text>'
            f'<rect class="vn-chart__bar" x="0" y="{y + 22}" width="{width:.1f}" '
            f'height="{bar_height}"/>'
            f'<text class="vn-chart__value" x="{width + 8:.1f}" y="{y + 22 + bar_height - 3}">'
            f"{_number(value)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped
