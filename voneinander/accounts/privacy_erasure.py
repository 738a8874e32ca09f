"""Account deletion: the person is anonymised everywhere, aggregate figures stay.

The user row is kept (content they wrote, registrations and survey answers keep
pointing to it, so counts, attendance and results do not change) but emptied:
no name, no e-mail address, no password, inactive; shown as "Deleted person".
Everything else follows the registry's `erase` rule per relation
(`privacy.REGISTRY`): deleted, cleared, detached, or kept. The audit log keeps
its entries (security record, see docs/processing-activities.md), but the
person's e-mail address in them is replaced by the placeholder address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voneinander.accounts.models import ContactVisibility, User
from voneinander.accounts.privacy import (
    ANONYMISE,
    CLEAR,
    DELETE,
    DETACH,
    KEEP,
    entries,
    rows_of,
)
from voneinander.accounts.sessions import end_sessions
from voneinander.audit.services import anonymise_person, record_event
from voneinander.networks.roles import forget_roles

DELETED_EMAIL_DOMAIN = "invalid"


def deleted_email(user) -> str:
    return f"deleted-{user.pk}@{DELETED_EMAIL_DOMAIN}"


def _lock_admins() -> list[int]:
    """Lock the rows of all active platform admins (in pk order, so concurrent deletions
    queue instead of deadlocking): two admins deleting their accounts at the same time
    cannot both see the other one as "another admin remains"."""
    admins = User.objects.filter(is_superuser=True, is_active=True).order_by("pk")
    return list(admins.select_for_update().values_list("pk", flat=True))


def check_deletable(user, *, admins: list[int] | None = None) -> None:
    """Raise ValidationError when the account may not be deleted (the last platform admin).

    `admins`: the pks from `_lock_admins()` inside the deletion's transaction.
    """
    if admins is None:
        others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
        remains = others.exists()
    else:
        remains = any(pk != user.pk for pk in admins)
    if user.is_superuser and not remains:
        raise ValidationError(
            _(
                "This is the last platform administrator account. Make another person "
                "administrator first, then delete this account."
            ),
            code="last_admin",
        )


def delete_account(*, user, by) -> dict:
    """Anonymise `user` (self-service or by an admin). Returns the counts per model.

    Refuses the last platform admin. Audited as `privacy.account_deleted` (with the
    counts, never the erased values).
    """
    check_deletable(user)
    counts: dict[str, int] = {}
    with transaction.atomic():
        admins = _lock_admins()
        user = User.objects.select_for_update().get(pk=user.pk)
        check_deletable(user, admins=admins)
        email = user.email
        cancelled = _cancel_upcoming_registrations(user)
        if cancelled:
            counts["events.Registration.cancelled"] = cancelled
        for entry, model in entries():
            for relation in entry.relations:
                if relation.erase in (KEEP, ANONYMISE):
                    continue
                changed = _erase(model, relation, user)
                if changed:
                    counts[f"{entry.model}.{relation.path}"] = changed
        anonymise_user(user)
        counts["sessions"] = end_sessions(user)
        if by is not None and by.pk == user.pk:
            by = user  # the anonymised row: the log entry names no one
        record_event(
            actor=by,
            action="privacy.account_deleted",
            target=user,
            data={"self_service": by is not None and by.pk == user.pk, "counts": counts},
        )
        # Entries stay, but no longer name the person (as actor or as the account acted on).
        anonymise_person(user=user, label=user.email, email=email)
    forget_roles(user)
    return counts


def _cancel_upcoming_registrations(user) -> int:
    """Free the seats of events still to come, through the registration rules (waiting
    lists move up). After an event's cancellation deadline the seat stays, as it would for
    anyone. No mail goes to the person: registration mails skip inactive accounts."""
    from voneinander.events.models import Registration, RegistrationStatus
    from voneinander.events.registration_services import cancel_registration

    active = [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
    ]
    cancelled = 0
    upcoming = Registration.objects.filter(
        user=user, status__in=active, event__ends_at__gt=timezone.now()
    ).order_by("pk")
    for registration in upcoming:
        try:
            cancel_registration(registration=registration, by=user)
        except ValidationError:  # refused by the rules (e.g. past the deadline): it stays
            continue
        cancelled += 1
    return cancelled


def _erase(model: type[models.Model], relation, user) -> int:
    rows = rows_of(model, relation, user)
    if relation.erase == DELETE:
        deleted, _by_model = rows.delete()
        return deleted
    if relation.erase == CLEAR:
        # Stored text in the site's language (a callable gives e.g. "Deleted person").
        with translation.override(settings.LANGUAGE_CODE):
            values = {k: v() if callable(v) else v for k, v in relation.clear.items()}
        return rows.update(**values)
    if relation.erase == DETACH:
        link = model._meta.get_field(relation.path)
        if link.many_to_many:
            through = link.remote_field.through
            deleted, _by_model = through.objects.filter(
                **{link.m2m_reverse_field_name(): user}
            ).delete()
            return deleted
        return rows.update(**{relation.path: None})
    raise ValueError(f"unknown erase rule {relation.erase!r}")


def anonymise_user(user) -> None:
    # No full_clean(): the placeholder address is deliberately not a valid e-mail address
    # (".invalid" is reserved, RFC 2606), so nobody can sign up or be mailed with it.
    user.email = deleted_email(user)
    user.first_name = ""
    user.last_name = ""
    user.position = ""
    user.organisation = ""
    user.phone = ""
    user.municipality = None
    user.municipality_confirmed_at = None
    user.municipality_confirmed_by = None
    user.contact_visibility = ContactVisibility.NOBODY
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
