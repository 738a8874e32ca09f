"""Writes for sharing: share a strategy with a network, stop sharing, copy a measure."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.strategies.models import Measure, MeasureStatus, MeasureStatusChange, Strategy
from voneinander.strategies.selectors import leads, shared_strategies, team_strategies
from voneinander.strategies.services import audit_label, record_change
from voneinander.strategies.sharing_selectors import networks_to_share_with


def share_strategy(*, strategy: Strategy, network, by) -> Strategy:
    """Share the strategy with one network its municipality is an active member of."""
    if not leads(by, strategy):
        raise ValidationError(_("Only the team's leads may share the strategy."))
    if not networks_to_share_with(strategy).filter(pk=network.pk).exists():
        raise ValidationError(
            {"network": _("The municipality is not an active member of this network.")}
        )
    with transaction.atomic():
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
        if strategy.shared_with_id == network.pk:
            return strategy
        strategy.shared_with = network
        strategy.shared_at = timezone.now()
        strategy.save(update_fields=["shared_with", "shared_at", "updated_at"])
        record_change(
            strategy=strategy,
            author=by,
            summary=_("Shared with the network %(network)s") % {"network": network.name},
            data={"shared_with": network.pk},
        )
        record_event(
            actor=by,
            action="strategy.shared",
            target=strategy,
            target_label=audit_label(strategy),
            data={"network": network.pk},
        )
    return strategy


def stop_sharing(*, strategy: Strategy, by) -> Strategy:
    if not leads(by, strategy):
        raise ValidationError(_("Only the team's leads may stop sharing the strategy."))
    with transaction.atomic():
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
        if strategy.shared_with_id is None:
            return strategy
        network_id = strategy.shared_with_id
        strategy.shared_with = None
        strategy.shared_at = None
        strategy.save(update_fields=["shared_with", "shared_at", "updated_at"])
        record_change(
            strategy=strategy,
            author=by,
            summary=_("No longer shared with a network"),
            data={"shared_with": None},
        )
        record_event(
            actor=by,
            action="strategy.sharing_stopped",
            target=strategy,
            target_label=audit_label(strategy),
            data={"network": network_id},
        )
    return strategy


def copy_measure(*, measure: Measure, into: Strategy, by) -> Measure:
    """Copy a measure of a strategy shared with the person's network into their own.

    The copy starts over: status "idea", no dates, no responsible person, no
    partners; solutions are linked again only where the person may see them.
    """
    from voneinander.knowledge.selectors import solutions_visible_to

    if not shared_strategies(by).filter(pk=measure.strategy_id).exists():
        raise ValidationError(_("This measure is not shared with you."))
    if not team_strategies(by).filter(pk=into.pk).exists():
        raise ValidationError({"into": _("You do not write this strategy.")})
    if into.pk == measure.strategy_id:
        raise ValidationError({"into": _("The measure is already part of this strategy.")})
    with transaction.atomic():
        into = Strategy.objects.select_for_update().get(pk=into.pk)
        last = into.measures.aggregate(last=Max("position"))["last"]
        copy = Measure(
            strategy=into,
            title=measure.title,
            field=measure.field,
            goal=measure.goal,
            priority=measure.priority,
            budget_eur=measure.budget_eur,
            status=MeasureStatus.IDEA,
            copied_from=measure,
            position=0 if last is None else last + 1,
        )
        copy.full_clean()
        copy.save()
        copy.solutions.set(solutions_visible_to(by).filter(pk__in=measure.solutions.all()))
        MeasureStatusChange.objects.create(measure=copy, status=copy.status, changed_by=by)
        record_change(
            strategy=into,
            author=by,
            summary=_("Measure “%(title)s” copied from %(municipality)s")
            % {"title": copy.title, "municipality": measure.strategy.municipality.name},
            data={"measure": copy.pk, "copied_from": measure.pk},
        )
        record_event(
            actor=by,
            action="strategy.measure_copied",
            target=into,
            target_label=audit_label(into),
            data={"measure": copy.pk, "copied_from": measure.pk},
        )
    return copy
