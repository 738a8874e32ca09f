"""Writes for reuse: a municipality records that it uses (or adopts) a solution.

One record per municipality and solution (a database constraint); the owner
municipality never adopts its own solution. Who may record for which
municipality is decided by `adoption_selectors.municipalities_user_speaks_for`;
the rules on the record itself live here.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.knowledge.models import Adoption, AdoptionStatus, Solution

EDITABLE_FIELDS = ("status", "started_on", "ended_on", "report", "contact")


class DuplicateAdoptionError(ValidationError):
    """The municipality has already recorded reuse of this solution."""

    def __init__(self, existing: Adoption):
        self.existing = existing
        super().__init__(
            _(
                "%(municipality)s has already recorded reuse of this solution. "
                "You can edit that record instead."
            )
            % {"municipality": existing.municipality},
            code="duplicate",
        )


def _check_contact(contact, *, adoption: Adoption, by, previous_contact_id=None) -> None:
    if contact is None or contact.pk in (by.pk, previous_contact_id):
        return
    if not (
        contact.is_active
        and contact.municipality_confirmed_at
        and contact.municipality_id == adoption.municipality_id
    ):
        raise ValidationError(
            {
                "contact": _(
                    "%(person)s does not work for %(municipality)s and cannot be named "
                    "as its contact person."
                )
                % {"person": contact, "municipality": adoption.municipality}
            }
        )


def _check_dates(started_on: datetime.date | None, ended_on: datetime.date | None) -> None:
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError(
            {"ended_on": _("The end date lies before the start date. Please check both dates.")}
        )


def record_adoption(
    *,
    solution: Solution,
    municipality,
    by,
    status: str = AdoptionStatus.ADOPTING,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    report: str = "",
    contact=None,
) -> Adoption:
    """Record that `municipality` reuses `solution`; DuplicateAdoptionError if it already did."""
    if municipality.pk == solution.owner_id:
        raise ValidationError(
            _("%(municipality)s runs this solution itself and cannot record reuse of it.")
            % {"municipality": municipality},
            code="own_solution",
        )
    if not solution.is_active:
        raise ValidationError(
            _("This solution has been archived or merged; reuse can no longer be recorded."),
            code="inactive",
        )
    existing = Adoption.objects.filter(solution=solution, municipality=municipality).first()
    if existing is not None:
        raise DuplicateAdoptionError(existing)
    adoption = Adoption(
        solution=solution,
        municipality=municipality,
        status=status,
        started_on=started_on,
        ended_on=ended_on,
        report=report.strip(),
        contact=contact,
        created_by=by,
    )
    _check_dates(started_on, ended_on)
    _check_contact(contact, adoption=adoption, by=by)
    adoption.full_clean(exclude=["created_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            adoption.save()
    except IntegrityError:  # recorded at the same moment by someone else
        existing = Adoption.objects.filter(solution=solution, municipality=municipality).first()
        if existing is None:
            raise
        raise DuplicateAdoptionError(existing) from None
    return adoption


def update_adoption(*, adoption: Adoption, by, **changes) -> list[str]:
    """Change status, dates, report or contact; returns the names of the changed fields."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if "report" in changes:
        changes["report"] = (changes["report"] or "").strip()
    with transaction.atomic():
        adoption = (
            Adoption.objects.select_for_update().select_related("municipality").get(pk=adoption.pk)
        )
        previous_contact_id = adoption.contact_id
        changed = [name for name, value in changes.items() if getattr(adoption, name) != value]
        for name in changed:
            setattr(adoption, name, changes[name])
        _check_dates(adoption.started_on, adoption.ended_on)
        _check_contact(
            adoption.contact, adoption=adoption, by=by, previous_contact_id=previous_contact_id
        )
        if changed:
            adoption.full_clean(exclude=["created_by"], validate_constraints=False)
            adoption.save(update_fields=[*changed, "updated_at"])
    return changed


def delete_adoption(*, adoption: Adoption, by) -> None:
    """Remove the record (e.g. recorded by mistake); kept in the audit log."""
    with transaction.atomic():
        record_event(
            actor=by,
            action="knowledge.adoption_removed",
            target=adoption.solution,
            data={
                "adoption_id": adoption.pk,
                "municipality_id": adoption.municipality_id,
                "municipality": str(adoption.municipality),
                "status": adoption.status,
            },
        )
        adoption.delete()
