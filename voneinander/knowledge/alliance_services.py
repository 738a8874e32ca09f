"""Alliances: joint projects of several municipalities, with partners and a status.

Coordinators of the network create them (also from the outcome of a brokered
introduction) and keep them current; people of partner municipalities may
update the description and the status (the fields are chosen by the form).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.knowledge.models import Alliance, AlliancePartner, AllianceStatus
from voneinander.knowledge.services import insert_with_free_slug

EDITABLE_FIELDS = ("title", "description", "status", "formed_on", "solution")
SLUG_LENGTH = Alliance._meta.get_field("slug").max_length


def unique_slug(title: str) -> str:
    base = (slugify(title) or "allianz")[: SLUG_LENGTH - 8].strip("-") or "allianz"
    slug, number = base, 2
    while Alliance.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def create_alliance(
    *,
    network,
    by,
    title: str,
    description: str = "",
    status: str = AllianceStatus.FORMING,
    formed_on=None,
    solution=None,
    partners=(),
) -> Alliance:
    """`partners`: (municipality, role) pairs; a municipality named twice counts once."""
    alliance = Alliance(
        network=network,
        title=" ".join((title or "").split()),
        description=(description or "").strip(),
        status=status,
        formed_on=formed_on,
        solution=solution,
        created_by=by,
    )
    with transaction.atomic():
        alliance.slug = unique_slug(alliance.title)
        alliance.full_clean(exclude=["created_by"])
        insert_with_free_slug(alliance, next_slug=lambda: unique_slug(alliance.title))
        seen = set()
        for municipality, role in partners:
            if municipality is None or municipality.pk in seen:
                continue
            seen.add(municipality.pk)
            AlliancePartner.objects.create(
                alliance=alliance, municipality=municipality, role=(role or "").strip()
            )
        record_event(
            actor=by,
            action="alliance.created",
            target=alliance,
            data={"network": network.slug, "partners": sorted(seen)},
        )
    return alliance


def update_alliance(*, alliance: Alliance, by, **changes) -> Alliance:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    changed = {}
    for field, value in changes.items():
        old = getattr(alliance, field)
        if old != value:
            changed[field] = [_audit_value(old), _audit_value(value)]
            setattr(alliance, field, value)
    if not changed:
        return alliance
    with transaction.atomic():
        alliance.full_clean(exclude=["created_by"])
        alliance.save(update_fields=list(changed))
        record_event(
            actor=by, action="alliance.updated", target=alliance, data={"changed": changed}
        )
    return alliance


def _audit_value(value):
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def add_partner(
    *, alliance: Alliance, by, municipality, role: str = "", joined_on=None, if_missing=False
) -> AlliancePartner | None:
    """Add a partner; with `if_missing` a municipality already taking part is left as is."""
    existing = AlliancePartner.objects.filter(alliance=alliance, municipality=municipality).first()
    if existing is not None:
        if if_missing:
            return existing
        raise ValidationError(
            _("%(municipality)s already is a partner of this alliance.")
            % {"municipality": municipality},
            code="duplicate",
        )
    partner = AlliancePartner(
        alliance=alliance, municipality=municipality, role=(role or "").strip(), joined_on=joined_on
    )
    try:
        with transaction.atomic():
            partner.full_clean(validate_constraints=False, validate_unique=False)
            partner.save()
            record_event(
                actor=by,
                action="alliance.partner_added",
                target=alliance,
                data={"municipality_id": municipality.pk, "municipality": str(municipality)},
            )
    except IntegrityError:  # added by somebody else at the same moment
        if if_missing:
            return AlliancePartner.objects.get(alliance=alliance, municipality=municipality)
        raise ValidationError(
            _("%(municipality)s already is a partner of this alliance.")
            % {"municipality": municipality},
            code="duplicate",
        ) from None
    return partner


def change_partner(*, partner: AlliancePartner, by, role: str, joined_on) -> AlliancePartner:
    role = (role or "").strip()
    if (partner.role, partner.joined_on) == (role, joined_on):
        return partner
    with transaction.atomic():
        partner.role, partner.joined_on = role, joined_on
        partner.full_clean(validate_constraints=False, validate_unique=False)
        partner.save(update_fields=["role", "joined_on"])
        record_event(
            actor=by,
            action="alliance.partner_changed",
            target=partner.alliance,
            data={"municipality_id": partner.municipality_id, "role": role},
        )
    return partner


def remove_partner(*, partner: AlliancePartner, by) -> None:
    with transaction.atomic():
        alliance = partner.alliance
        data = {
            "municipality_id": partner.municipality_id,
            "municipality": str(partner.municipality),
        }
        partner.delete()
        record_event(actor=by, action="alliance.partner_removed", target=alliance, data=data)
