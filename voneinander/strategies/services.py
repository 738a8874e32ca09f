"""Writes of the strategy workbook (keyword-only, atomic, recorded)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.strategies.models import (
    Collaborator,
    CollaboratorRole,
    Strategy,
    StrategyChange,
)
from voneinander.strategies.selectors import municipalities_spoken_for


def record_change(*, strategy: Strategy, author, summary: str, data: dict | None = None):
    """Note a change in the workbook's history (shown to the team)."""
    return StrategyChange.objects.create(
        strategy=strategy, author=author, summary=summary[:300], data=data or {}
    )


def start_strategy(*, municipality, by, title: str = "") -> Strategy:
    """Start the municipality's strategy; the person who starts it leads the team."""
    if not municipalities_spoken_for(by).filter(pk=municipality.pk).exists():
        raise ValidationError(_("You cannot start a strategy for this municipality."))
    with transaction.atomic():
        if Strategy.objects.select_for_update().filter(municipality=municipality).exists():
            raise ValidationError(_("This municipality already has a strategy."))
        strategy = Strategy.objects.create(
            municipality=municipality,
            title=title or _("Digital strategy of %(name)s") % {"name": municipality.name},
            created_by=by,
        )
        Collaborator.objects.create(strategy=strategy, user=by, role=CollaboratorRole.OWNER)
        record_change(strategy=strategy, author=by, summary=_("Strategy started"))
        record_event(actor=by, action="strategy.started", target=strategy)
    return strategy
