"""Writes to networks. Every role change is recorded in the audit log."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from voneinander.accounts.services import confirm_affiliation
from voneinander.audit.services import record_event
from voneinander.core.caching import MEMBERSHIPS_SCOPE, bump_content_version, network_scope
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import (
    ContactPerson,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkCoordinator,
)
from voneinander.networks.roles import forget_roles


def add_coordinator(*, network: Network, user, by) -> NetworkCoordinator:
    if not user.is_active:
        raise ValidationError(_("Only active accounts can become coordinators."))
    try:
        with transaction.atomic():
            role = NetworkCoordinator.objects.create(network=network, user=user, added_by=by)
            record_event(
                actor=by,
                action="role.coordinator_added",
                target=network,
                data={"user_id": user.pk, "user": user.email},
            )
    except IntegrityError:
        raise ValidationError(
            _("%(person)s already coordinates this network.") % {"person": user}
        ) from None
    forget_roles(user)
    return role


def remove_coordinator(*, network: Network, user, by) -> None:
    with transaction.atomic():
        deleted, _details = NetworkCoordinator.objects.filter(network=network, user=user).delete()
        if not deleted:
            raise ValidationError(
                _("%(person)s does not coordinate this network.") % {"person": user}
            )
        if not NetworkCoordinator.objects.filter(network=network).exists():
            raise ValidationError(_("A network needs at least one coordinator."))
        record_event(
            actor=by,
            action="role.coordinator_removed",
            target=network,
            data={"user_id": user.pk, "user": user.email},
        )
    forget_roles(user)


def create_membership(
    *,
    network: Network,
    municipality,
    by,
    role: str = MembershipRole.MEMBER,
    member_since: datetime.date | None = None,
    topic_focuses: list[str] | None = None,
    news_draft: str = "",
    audit_data: dict | None = None,
) -> Membership:
    """The municipality becomes an active member (used by the admission of an application)."""
    if not network.accepts(municipality.kind):
        raise ValidationError(
            _("%(network)s does not accept municipalities of the kind “%(kind)s”.")
            % {"network": network.name, "kind": municipality.get_kind_display()}
        )
    already = _("%(municipality)s already is an active member of %(network)s.") % {
        "municipality": municipality,
        "network": network.name,
    }
    active = Membership.objects.filter(
        network=network, municipality=municipality, status=MembershipStatus.ACTIVE
    )
    membership = Membership(
        network=network,
        municipality=municipality,
        role=role,
        member_since=member_since or timezone.localdate(),
        topic_focuses=list(topic_focuses or []),
        news_draft=news_draft,
    )
    try:
        with transaction.atomic():
            if active.exists():
                raise ValidationError(already)
            membership.full_clean()
            membership.save()
            record_event(
                actor=by,
                action="membership.added",
                target=membership,
                data={"municipality_id": municipality.pk, "role": role, **(audit_data or {})},
            )
            bump_content_version(network_scope(network.pk), MEMBERSHIPS_SCOPE)
    except IntegrityError:  # a concurrent admission of the same municipality
        raise ValidationError(already) from None
    return membership


# --- The network's details ------------------------------------------------------------

NETWORK_FIELDS = (
    "name",
    "short_name",
    "description",
    "operator",
    "target_kinds",
    "target_group",
    "topics",
    "contact_email",
    "website",
    "postal_address",
)


def _same(field: str, old, new) -> bool:
    if field == "target_kinds":  # a set, kept in the order of MunicipalityKind
        return set(old) == set(new)
    return old == new


def update_network(*, network: Network, values: dict, by) -> list[str]:
    """Change a network's details (not its address); return the names of changed fields.

    `values` holds any of NETWORK_FIELDS and "sister_networks" (networks). The slug
    stays as it is, so links to the network keep working.
    """
    unknown = set(values) - {*NETWORK_FIELDS, "sister_networks"}
    if unknown:
        raise ValueError(f"Not a field of a network's details: {sorted(unknown)}")
    values = dict(values)
    if "target_kinds" in values:
        kinds = set(values["target_kinds"])
        if kinds - set(MunicipalityKind.values):
            raise ValidationError({"target_kinds": _("Please choose kinds from the list.")})
        values["target_kinds"] = [kind for kind in MunicipalityKind.values if kind in kinds]
    if "topics" in values:
        values["topics"] = _topic_list(values["topics"])
    with transaction.atomic():
        network = Network.objects.select_for_update().get(pk=network.pk)
        changed = [
            field
            for field in NETWORK_FIELDS
            if field in values and not _same(field, getattr(network, field), values[field])
        ]
        for field in changed:
            setattr(network, field, values[field])
        network.full_clean()
        sisters = None
        if "sister_networks" in values:
            sisters = {sister.pk for sister in values["sister_networks"]}
            if network.pk in sisters:
                raise ValidationError(
                    {"sister_networks": _("A network cannot be its own sister network.")}
                )
            if sisters != set(network.sister_networks.values_list("pk", flat=True)):
                changed.append("sister_networks")
        if not changed:
            return []
        if fields := [field for field in changed if field != "sister_networks"]:
            network.save(update_fields=fields)
        if "sister_networks" in changed:
            network.sister_networks.set(sisters)
        record_event(actor=by, action="network.updated", target=network, data={"fields": changed})
        bump_content_version(network_scope(network.pk), MEMBERSHIPS_SCOPE)
    return changed


def _topic_list(topics) -> list[str]:
    """Topics without blanks and without repeats (ignoring case), in the given order."""
    result: list[str] = []
    seen: set[str] = set()
    for topic in topics:
        if not isinstance(topic, str):
            raise ValidationError({"topics": _("Topics must be text.")})
        topic = " ".join(topic.split())
        if topic and topic.casefold() not in seen:
            seen.add(topic.casefold())
            result.append(topic)
    return result


# --- Memberships ---------------------------------------------------------------------


def _forget_roles_of_actor(by) -> None:
    """The actor may work for the municipality whose membership changed."""
    if by is not None:
        forget_roles(by)


def _clean_topic_focuses(topic_focuses, allowed: list[str]) -> list[str]:
    chosen = set(topic_focuses)
    if unknown := chosen - set(allowed):
        raise ValidationError(
            {
                "topic_focuses": _("“%(topic)s” is not a topic of this network.")
                % {"topic": sorted(unknown)[0]}
            }
        )
    return [topic for topic in allowed if topic in chosen]


def _check_not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _active_membership_for_update(membership: Membership) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .select_related("network", "municipality")
        .get(pk=membership.pk)
    )
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError(
            _("%(municipality)s has left this network; the membership can no longer be changed.")
            % {"municipality": membership.municipality}
        )
    return membership


def add_member(
    *,
    network: Network,
    municipality,
    role: str,
    member_since: datetime.date,
    topic_focuses: list[str],
    by,
) -> Membership:
    """Add a member without an application (e.g. the founding members of a network).

    A former member comes back through a new application, not through this. The
    membership itself is made by `create_membership`, as for an admitted application.
    """
    _check_not_in_future(member_since, "member_since")
    topics = _clean_topic_focuses(topic_focuses, network.topics)
    statuses = set(
        Membership.objects.filter(network=network, municipality=municipality).values_list(
            "status", flat=True
        )
    )
    if statuses and MembershipStatus.ACTIVE not in statuses:
        raise ValidationError(
            _("%(municipality)s has left this network before. Coming back takes a new application.")
            % {"municipality": municipality}
        )
    membership = create_membership(
        network=network,
        municipality=municipality,
        by=by,
        role=role,
        member_since=member_since,
        topic_focuses=topics,
        audit_data={
            "network": network.slug,
            "member_since": member_since.isoformat(),
            "without_application": True,
        },
    )
    _forget_roles_of_actor(by)
    return membership


def update_membership(
    *,
    membership: Membership,
    topic_focuses: list[str] | None = None,
    role: str | None = None,
    member_since: datetime.date | None = None,
    by,
) -> list[str]:
    """Change topics (and, for coordinators, role and start); return the changed fields.

    None means "leave as it is": a municipality's own contact persons change only its
    topics.
    """
    with transaction.atomic():
        membership = _active_membership_for_update(membership)
        topics = membership.network.topics
        # Topics the network has dropped since stay choosable for those who hold them.
        allowed = [*topics, *(t for t in membership.topic_focuses if t not in topics)]
        changes: dict = {}
        if topic_focuses is not None:
            chosen = _clean_topic_focuses(topic_focuses, allowed)
            if chosen != membership.topic_focuses:
                changes["topic_focuses"] = chosen
        if role is not None and role != membership.role:
            if role not in MembershipRole.values:
                raise ValidationError({"role": _("Please choose a role from the list.")})
            changes["role"] = role
        if member_since is not None and member_since != membership.member_since:
            _check_not_in_future(member_since, "member_since")
            changes["member_since"] = member_since
        if not changes:
            return []
        for field, value in changes.items():
            setattr(membership, field, value)
        membership.full_clean()
        membership.save(update_fields=sorted(changes))
        record_event(
            actor=by,
            action="membership.updated",
            target=membership,
            data={"fields": sorted(changes)},
        )
        bump_content_version(network_scope(membership.network_id), MEMBERSHIPS_SCOPE)
    return sorted(changes)


def end_membership(*, membership: Membership, left_on: datetime.date, by) -> Membership:
    """Mark a member as left. Nothing is deleted; coming back is a new application."""
    with transaction.atomic():
        membership = _active_membership_for_update(membership)
        _check_not_in_future(left_on, "left_on")
        if left_on < membership.member_since:
            raise ValidationError(
                {
                    "left_on": _(
                        "The date cannot be before the start of the membership (%(date)s)."
                    )
                    % {"date": date_format(membership.member_since, "SHORT_DATE_FORMAT")}
                }
            )
        membership.status = MembershipStatus.LEFT
        membership.left_on = left_on
        membership.save(update_fields=["status", "left_on"])
        record_event(
            actor=by,
            action="membership.ended",
            target=membership,
            data={"left_on": left_on.isoformat()},
        )
        bump_content_version(network_scope(membership.network_id), MEMBERSHIPS_SCOPE)
    _forget_roles_of_actor(by)
    return membership


# --- Contact persons -----------------------------------------------------------------


def _contact_data(contact: ContactPerson, **extra) -> dict:
    return {"user_id": contact.user_id, "user": contact.user.email, **extra}


def add_contact_person(*, membership: Membership, user, primary: bool = False, by) -> ContactPerson:
    """Name a registered person as contact; the first contact becomes the primary one."""
    if not user.is_active:
        raise ValidationError(_("Only active accounts can become contact persons."))
    already = _("%(person)s is already a contact person here.") % {"person": user}
    try:
        with transaction.atomic():
            membership = _active_membership_for_update(membership)
            contacts = ContactPerson.objects.filter(membership=membership)
            if contacts.filter(user=user).exists():
                raise ValidationError(already)
            has_primary = contacts.filter(is_primary=True).exists()
            if primary and has_primary:
                contacts.filter(is_primary=True).update(is_primary=False)
            contact = ContactPerson.objects.create(
                membership=membership, user=user, is_primary=primary or not has_primary
            )
            record_event(
                actor=by,
                action="role.contact_added",
                target=membership,
                data=_contact_data(contact, primary=contact.is_primary),
            )
    except IntegrityError:
        raise ValidationError(already) from None
    forget_roles(user)
    return contact


def _contact_for_update(contact: ContactPerson) -> ContactPerson:
    found = (
        ContactPerson.objects.select_for_update()
        .select_related("membership__municipality", "user")
        .filter(pk=contact.pk)
        .first()
    )
    if found is None:
        raise ValidationError(_("This person is no longer a contact person."))
    return found


def remove_contact_person(*, contact: ContactPerson, by) -> None:
    with transaction.atomic():
        contact = _contact_for_update(contact)
        others = ContactPerson.objects.filter(membership_id=contact.membership_id).exclude(
            pk=contact.pk
        )
        if contact.is_primary and others.exists():
            raise ValidationError(
                _(
                    "%(person)s is the primary contact. Make another person the primary "
                    "contact first."
                )
                % {"person": contact.user}
            )
        contact.delete()
        record_event(
            actor=by,
            action="role.contact_removed",
            target=contact.membership,
            data=_contact_data(contact),
        )
    forget_roles(contact.user)


def set_primary_contact(*, contact: ContactPerson, by) -> ContactPerson:
    """Make `contact` the one primary contact of its membership."""
    with transaction.atomic():
        contact = _contact_for_update(contact)
        if contact.is_primary:
            return contact
        contacts = ContactPerson.objects.filter(membership_id=contact.membership_id)
        previous = contacts.filter(is_primary=True).select_related("user").first()
        # In this order, so that the "one primary contact" constraint holds at every step.
        contacts.filter(is_primary=True).update(is_primary=False)
        contacts.filter(pk=contact.pk).update(is_primary=True)
        contact.is_primary = True
        record_event(
            actor=by,
            action="role.primary_contact_changed",
            target=contact.membership,
            data=_contact_data(contact, previous=previous.user.email if previous else None),
        )
    return contact


# --- Affiliation claims ---------------------------------------------------------------


def _open_claim(membership: Membership, user, by):
    """The claimant, locked, if they still claim this member municipality unconfirmed."""
    membership = Membership.objects.select_related("municipality").get(pk=membership.pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError(
            _("%(municipality)s has left this network.") % {"municipality": membership.municipality}
        )
    if user.pk == by.pk:
        raise ValidationError(_("Someone else has to confirm your own affiliation."))
    claimant = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if (
        claimant is None
        or claimant.municipality_id != membership.municipality_id
        or claimant.municipality_confirmed_at is not None
    ):
        raise ValidationError(
            _("This claim is no longer open: it was decided already or the person has changed it.")
        )
    return claimant, membership.municipality


def _send_affiliation_mail(claimant, municipality, *, confirmed: bool) -> None:
    context = {
        "user": claimant,
        "municipality": municipality,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
    }
    if confirmed:
        subject = _("Your affiliation with %(municipality)s is confirmed")
        template = "networks/email/affiliation_confirmed.txt"
    else:
        subject = _("Your affiliation with %(municipality)s was not confirmed")
        template = "networks/email/affiliation_rejected.txt"
    send_mail(
        subject=f"[{settings.SITE_NAME}] " + subject % {"municipality": municipality},
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[claimant.email],
    )


def confirm_affiliation_claim(*, membership: Membership, user, by):
    """A contact person (or coordinator) confirms that `user` works for the member."""
    with transaction.atomic():
        claimant, municipality = _open_claim(membership, user, by)
        confirm_affiliation(user=claimant, by=by)
        record_event(
            actor=by,
            action="affiliation.confirmed",
            target=claimant,
            data={"municipality_id": municipality.pk, "municipality": str(municipality)},
        )
        _send_affiliation_mail(claimant, municipality, confirmed=True)
    forget_roles(user)
    return claimant


def reject_affiliation_claim(*, membership: Membership, user, by):
    """The claim is wrong: clear it, so that the person may choose again."""
    with transaction.atomic():
        claimant, municipality = _open_claim(membership, user, by)
        claimant.municipality = None
        claimant.municipality_confirmed_at = None
        claimant.municipality_confirmed_by = None
        claimant.save(
            update_fields=["municipality", "municipality_confirmed_at", "municipality_confirmed_by"]
        )
        record_event(
            actor=by,
            action="affiliation.rejected",
            target=claimant,
            data={"municipality_id": municipality.pk, "municipality": str(municipality)},
        )
        _send_affiliation_mail(claimant, municipality, confirmed=False)
    forget_roles(user)
    return claimant
