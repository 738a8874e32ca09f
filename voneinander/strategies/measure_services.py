"""Writes for the measures of a strategy (keyword-only, atomic, recorded in the history).

Every change goes into the workbook's history (`record_change`); a measure's status
is also kept in `MeasureStatusChange` — from its first status on, so that progress
over time starts with the day a measure was planned.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.strategies.measure_selectors import is_member_municipality
from voneinander.strategies.models import (
    Measure,
    MeasureStatus,
    MeasureStatusChange,
    Priority,
    Strategy,
    StrategyField,
)
from voneinander.strategies.services import record_change

EDITABLE = (
    "title",
    "field",
    "goal",
    "priority",
    "responsible",
    "starts_on",
    "ends_on",
    "budget_eur",
    "status",
)


def _check_dates(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            {"ends_on": _("The end cannot be before the start. Please check both dates.")}
        )


def _check_field(field: StrategyField, *, current_id: int | None = None) -> None:
    if not field.is_active and field.pk != current_id:
        raise ValidationError({"field": _("This Handlungsfeld is no longer in use.")})


def _shown(value) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, StrategyField):
        return value.name
    return str(value)


def add_measure(
    *,
    strategy: Strategy,
    by,
    title: str,
    field: StrategyField,
    goal: str = "",
    priority: str = Priority.MEDIUM,
    responsible: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    budget_eur: int | None = None,
    status: str = MeasureStatus.IDEA,
) -> Measure:
    _check_field(field)
    _check_dates(starts_on, ends_on)
    with transaction.atomic():
        Strategy.objects.select_for_update().filter(pk=strategy.pk).first()
        last = Measure.objects.filter(strategy=strategy).aggregate(last=Max("position"))["last"]
        measure = Measure(
            strategy=strategy,
            title=title.strip(),
            field=field,
            goal=goal,
            priority=priority,
            responsible=responsible.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            budget_eur=budget_eur,
            status=status,
            position=0 if last is None else last + 1,
        )
        measure.full_clean()
        measure.save()
        MeasureStatusChange.objects.create(measure=measure, status=status, changed_by=by)
        record_change(
            strategy=strategy,
            author=by,
            summary=_("Measure “%(title)s” added") % {"title": measure.title},
            data={"measure": measure.pk, "field": field.name},
        )
    return measure


def update_measure(*, measure: Measure, by, **values) -> Measure:
    """Change the given fields (names as in EDITABLE); a new status is kept in the history."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "field" in values:
        _check_field(values["field"], current_id=measure.field_id)
    _check_dates(values.get("starts_on", measure.starts_on), values.get("ends_on", measure.ends_on))
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        changed = {}
        for name, value in values.items():
            if isinstance(value, str) and name in ("title", "responsible"):
                value = value.strip()
            old = getattr(current, name)
            if old != value:
                changed[name] = [_shown(old), _shown(value)]
                setattr(current, name, value)
        if not changed:
            return current
        current.full_clean()
        current.save()
        if "status" in changed:
            MeasureStatusChange.objects.create(
                measure=current, status=current.status, changed_by=by
            )
        record_change(
            strategy=current.strategy,
            author=by,
            summary=_("Measure “%(title)s” changed") % {"title": current.title},
            data={"measure": current.pk, "changed": changed},
        )
    return current


def delete_measure(*, measure: Measure, by) -> None:
    with transaction.atomic():
        strategy, title, pk = measure.strategy, measure.title, measure.pk
        measure.delete()
        record_change(
            strategy=strategy,
            author=by,
            summary=_("Measure “%(title)s” deleted") % {"title": title},
            data={"measure": pk},
        )


def move_measure(*, measure: Measure, by, up: bool) -> None:
    """Swap the measure with its neighbour in the same Handlungsfeld; positions across
    the strategy are renumbered 0, 1, 2 … on the way."""
    with transaction.atomic():
        measures = list(
            Measure.objects.select_for_update()
            .filter(strategy_id=measure.strategy_id)
            .order_by("position", "pk")
        )
        index = next(i for i, other in enumerate(measures) if other.pk == measure.pk)
        same_field = [i for i, other in enumerate(measures) if other.field_id == measure.field_id]
        place = same_field.index(index)
        target = place - 1 if up else place + 1
        if not 0 <= target < len(same_field):
            return
        other = same_field[target]
        measures[index], measures[other] = measures[other], measures[index]
        for position, row in enumerate(measures):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position"])
        record_change(
            strategy=measure.strategy,
            author=by,
            summary=_("Measures reordered"),
            data={"measure": measure.pk, "direction": "up" if up else "down"},
        )


# --- Linked solutions and partner municipalities -------------------------------------------


def link_solution(*, measure: Measure, solution, by) -> None:
    """Link a catalogue solution; only one the person may see (the catalogue's gate)."""
    if not solutions_visible_to(by).filter(pk=solution.pk).exists():
        raise ValidationError(_("This solution cannot be linked."))
    with transaction.atomic():
        if measure.solutions.filter(pk=solution.pk).exists():
            return
        measure.solutions.add(solution)
        record_change(
            strategy=measure.strategy,
            author=by,
            summary=_("Solution “%(solution)s” linked to “%(title)s”")
            % {"solution": solution.title, "title": measure.title},
            data={"measure": measure.pk, "solution": solution.pk},
        )


def unlink_solution(*, measure: Measure, solution, by) -> None:
    with transaction.atomic():
        if not measure.solutions.filter(pk=solution.pk).exists():
            return
        measure.solutions.remove(solution)
        record_change(
            strategy=measure.strategy,
            author=by,
            summary=_("Solution “%(solution)s” no longer linked to “%(title)s”")
            % {"solution": solution.title, "title": measure.title},
            data={"measure": measure.pk, "solution": solution.pk},
        )


def add_partner(*, measure: Measure, municipality, by) -> None:
    """Name a partner municipality: an active member of a network, not the strategy's own."""
    if municipality.pk == measure.strategy.municipality_id:
        raise ValidationError({"kommune": _("Your own municipality cannot be its own partner.")})
    if not is_member_municipality(municipality):
        raise ValidationError(
            {
                "kommune": _(
                    "%(name)s is not a member of a network. Partners are member municipalities."
                )
                % {"name": municipality}
            }
        )
    with transaction.atomic():
        if measure.partners.filter(pk=municipality.pk).exists():
            return
        measure.partners.add(municipality)
        record_change(
            strategy=measure.strategy,
            author=by,
            summary=_("%(name)s named as partner of “%(title)s”")
            % {"name": municipality, "title": measure.title},
            data={"measure": measure.pk, "partner": municipality.pk},
        )


def remove_partner(*, measure: Measure, municipality, by) -> None:
    with transaction.atomic():
        if not measure.partners.filter(pk=municipality.pk).exists():
            return
        measure.partners.remove(municipality)
        record_change(
            strategy=measure.strategy,
            author=by,
            summary=_("%(name)s no longer partner of “%(title)s”")
            % {"name": municipality, "title": measure.title},
            data={"measure": measure.pk, "partner": municipality.pk},
        )


def add_measure_from_solution(*, strategy: Strategy, field: StrategyField, solution, by) -> Measure:
    """“Add as measure” from a recommendation: titled like the solution and linked to it."""
    if not solutions_visible_to(by).filter(pk=solution.pk).exists():
        raise ValidationError(_("This solution cannot be linked."))
    with transaction.atomic():
        measure = add_measure(strategy=strategy, by=by, title=solution.title[:200], field=field)
        link_solution(measure=measure, solution=solution, by=by)
    return measure
