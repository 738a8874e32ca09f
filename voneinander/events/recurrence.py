"""Recurrence rules for regular meetings, stored as RFC 5545 RRULE text.

Two simple rules cover the networks' meetings: "every N weeks on a weekday"
(FREQ=WEEKLY;INTERVAL=N;BYDAY=TH) and "every Nth weekday of the month"
(FREQ=MONTHLY;BYDAY=+4TH, -1 for the last). Occurrences are computed in
Europe/Berlin wall-clock time, so a meeting at 17:00 stays at 17:00 across the
change to and from summer time.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from dateutil.rrule import rrulestr
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

WEEKLY = "weekly"
MONTHLY = "monthly"
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ORDINALS = [1, 2, 3, 4, -1]

_WEEKLY_RE = re.compile(r"^FREQ=WEEKLY;INTERVAL=(\d+);BYDAY=(MO|TU|WE|TH|FR|SA|SU)$")
_MONTHLY_RE = re.compile(r"^FREQ=MONTHLY;BYDAY=([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$")


@dataclass(frozen=True)
class Rule:
    kind: str  # WEEKLY or MONTHLY
    weekday: int  # 0 = Monday
    interval: int = 1  # weekly: every N weeks
    ordinal: int = 1  # monthly: 1st … 4th, -1 = last

    def to_rrule(self) -> str:
        day = WEEKDAY_CODES[self.weekday]
        if self.kind == WEEKLY:
            return f"FREQ=WEEKLY;INTERVAL={self.interval};BYDAY={day}"
        return f"FREQ=MONTHLY;BYDAY={self.ordinal:+d}{day}"


def parse(rrule: str) -> Rule | None:
    """The simple rule behind an RRULE text, or None for anything else."""
    text = rrule.strip().upper()
    if match := _WEEKLY_RE.match(text):
        return Rule(WEEKLY, WEEKDAY_CODES.index(match[2]), interval=int(match[1]))
    if match := _MONTHLY_RE.match(text):
        ordinal = int(match[1])
        if ordinal in ORDINALS:
            return Rule(MONTHLY, WEEKDAY_CODES.index(match[2]), ordinal=ordinal)
    return None


def weekday_names() -> list[str]:
    return [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]


def ordinal_names() -> dict[int, str]:
    return {
        1: pgettext("weekday of the month", "first"),
        2: pgettext("weekday of the month", "second"),
        3: pgettext("weekday of the month", "third"),
        4: pgettext("weekday of the month", "fourth"),
        -1: pgettext("weekday of the month", "last"),
    }


def describe(rrule: str) -> str:
    rule = parse(rrule)
    if rule is None:
        return rrule
    day = weekday_names()[rule.weekday]
    if rule.kind == WEEKLY:
        if rule.interval == 1:
            return _("every week on %(weekday)s") % {"weekday": day}
        return _("every %(count)s weeks on %(weekday)s") % {"count": rule.interval, "weekday": day}
    return _("every %(ordinal)s %(weekday)s of the month") % {
        "ordinal": ordinal_names()[rule.ordinal],
        "weekday": day,
    }


def occurrences(
    rrule: str,
    first_start: datetime.datetime,
    *,
    after: datetime.datetime,
    before: datetime.datetime,
    until: datetime.date | None = None,
) -> list[datetime.datetime]:
    """Aware start times in [after, before], counted from `first_start` in local time."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local_start = first_start.astimezone(zone).replace(tzinfo=None)
    rule = rrulestr(rrule, dtstart=local_start)
    last = before.astimezone(zone).replace(tzinfo=None)
    if until is not None:
        last = min(last, datetime.datetime.combine(until, datetime.time.max))
    first = after.astimezone(zone).replace(tzinfo=None)
    return [moment.replace(tzinfo=zone) for moment in rule.between(first, last, inc=True)]
