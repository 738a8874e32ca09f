"""Writes of the strategy workbook (keyword-only, atomic, recorded)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.strategies.models import (
    Collaborator,
    CollaboratorRole,
    Strategy,
    StrategyChange,
)
from voneinander.strategies.selectors import is_on_team, leads, municipalities_spoken_for
from voneinander.strategies.steps import Step

# Saves of one person in one step follow each other within this time: one history entry.
MERGE_WINDOW = datetime.timedelta(minutes=10)


def audit_label(strategy: Strategy) -> str:
    """The strategy as the audit log names it: by id only. The log is read by
    platform admins, and a private strategy's title is for its team only."""
    return f"#{strategy.pk}"


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
        record_event(
            actor=by, action="strategy.started", target=strategy, target_label=audit_label(strategy)
        )
    return strategy


# --- Writing the steps ---------------------------------------------------------------


class EditConflictError(Exception):
    """Someone saved the same text since the person's version: nothing was overwritten.

    `theirs` holds the step's current values (field name → text, or the chosen
    field ids), `version` the current version, `authors` who saved since.
    """

    def __init__(self, *, version: int, theirs: dict, fields: list[str], authors: list[str]):
        super().__init__("edit conflict")
        self.version = version
        self.theirs = theirs
        self.fields = fields
        self.authors = authors


def _current(strategy: Strategy, name: str):
    if name == "fields":
        return sorted(strategy.fields.values_list("pk", flat=True))
    return getattr(strategy, name)


def _normalised(name: str, value):
    if name == "fields":
        return sorted(getattr(item, "pk", item) for item in value or ())
    return (value or "").replace("\r\n", "\n")


def _changes_since(strategy: Strategy, version: int) -> list[StrategyChange]:
    return list(
        StrategyChange.objects.filter(strategy=strategy, data__version__gt=version).select_related(
            "author"
        )
    )


def _summary(step: Step, fields: list[str]) -> str:
    """Stored in the platform's language, like notifications."""
    with translation.override(settings.LANGUAGE_CODE):
        if step.fields == ("title",):
            return _("Title changed")
        labels = ", ".join(str(Strategy._meta.get_field(name).verbose_name) for name in fields)
        return _("%(step)s changed: %(fields)s") % {"step": step.title, "fields": labels}


def _note_saved(*, strategy: Strategy, step: Step, fields: list[str], by, autosave: bool):
    """Record the save; consecutive saves of one person in one step become one entry."""
    latest = StrategyChange.objects.filter(strategy=strategy).order_by("-created_at", "-pk").first()
    if (
        latest is not None
        and latest.author_id == by.pk
        and latest.data.get("step") == step.slug
        and timezone.now() - latest.created_at < MERGE_WINDOW
    ):
        merged = [name for name in step.fields if name in {*latest.data["fields"], *fields}]
        latest.data = {
            **latest.data,
            "fields": merged,
            "version": strategy.version,
            "saves": latest.data.get("saves", 1) + 1,
        }
        latest.summary = _summary(step, merged)[:300]
        latest.save(update_fields=["data", "summary"])
        return latest
    return record_change(
        strategy=strategy,
        author=by,
        summary=_summary(step, fields),
        data={
            "step": step.slug,
            "fields": fields,
            "version": strategy.version,
            "saves": 1,
            "autosave": autosave,
        },
    )


def save_step(
    *, strategy: Strategy, step: Step, values: dict, by, base_version: int, autosave: bool = False
) -> Strategy:
    """Save the texts of one step, unless someone changed them since `base_version`.

    Raises `EditConflictError` (and saves nothing) when a field the person would
    change was saved by anyone since the version the person started from.
    Returns the strategy as saved; its version grows by one per save that
    changes something.
    """
    if not is_on_team(by, strategy):
        raise ValidationError(_("Only the strategy's team may write in it."))
    with transaction.atomic():
        locked = Strategy.objects.select_for_update().get(pk=strategy.pk)
        new = {name: _normalised(name, values.get(name)) for name in step.fields}
        changed = [name for name in step.fields if new[name] != _current(locked, name)]
        if not changed:
            return locked
        if locked.version != base_version:
            # One's own newer save (an autosave still under way when the form was
            # sent) is no conflict: the latest input of the same person wins.
            since = [c for c in _changes_since(locked, base_version) if c.author_id != by.pk]
            touched = {name for change in since for name in change.data.get("fields", ())}
            clashing = [name for name in changed if name in touched]
            if clashing:
                raise EditConflictError(
                    version=locked.version,
                    theirs={name: _current(locked, name) for name in step.fields},
                    fields=clashing,
                    authors=sorted(
                        {change.author.display_name for change in since if change.author}
                    ),
                )
        for name in changed:
            if name != "fields":
                setattr(locked, name, new[name])
        locked.version += 1
        locked.full_clean(exclude=["municipality", "fields"])
        locked.save(
            update_fields=[name for name in changed if name != "fields"] + ["version", "updated_at"]
        )
        if "fields" in changed:
            locked.fields.set(new["fields"])
        _note_saved(strategy=locked, step=step, fields=changed, by=by, autosave=autosave)
    return locked


# --- The team ------------------------------------------------------------------------


def _require_lead(by, strategy: Strategy) -> None:
    if not leads(by, strategy):
        raise ValidationError(_("Only the team's leads may change the team."))


def _team_locked(strategy: Strategy) -> list[Collaborator]:
    """Lock the team's rows, so that two leads cannot remove each other at once."""
    return list(Collaborator.objects.select_for_update().filter(strategy=strategy))


def _tell_invited(collaborator: Collaborator, by) -> None:
    from voneinander.questions.notifications import in_mail_language, notify, site_path

    strategy = collaborator.strategy
    user = collaborator.user
    url = site_path("strategies:overview", pk=strategy.pk)

    def text():
        return _("%(person)s added you to the team of “%(title)s”.") % {
            "person": by.display_name,
            "title": strategy.title,
        }

    told = notify(
        user_ids=[user.pk],
        network=None,
        kind="strategies.invited",
        text=in_mail_language(text),
        url=url,
    )
    if any(notification.emailed_at for notification in told):
        return  # notify() already sent the e-mail
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("You are on the team of a digital strategy"),
            message=render_to_string(
                "strategies/email/invited.txt",
                {
                    "user": user,
                    "by": by,
                    "strategy": strategy,
                    "role": collaborator.get_role_display(),
                    "url": settings.SITE_URL + url,
                    "site_name": settings.SITE_NAME,
                },
            ),
            from_email=None,
            recipient_list=[user.email],
        )


def invite_collaborator(*, strategy: Strategy, email: str, role: str, by) -> Collaborator:
    """Add the person with this account's e-mail address to the team."""
    _require_lead(by, strategy)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        # Neutral on purpose: the message does not say whether an account exists
        # (a deactivated one reads the same), so the form is no account probe.
        # Adding does reveal an account, but every addition is recorded, shown in
        # the team's history and tells the person added — probing is not silent.
        raise ValidationError(
            {
                "email": _(
                    "No person with this e-mail address can be added. Ask them to sign up "
                    "first, then add them."
                )
            }
        )
    with transaction.atomic():
        team = _team_locked(strategy)
        if any(member.user_id == user.pk for member in team):
            raise ValidationError(
                {"email": _("%(person)s is already on the team.") % {"person": user.display_name}}
            )
        collaborator = Collaborator(strategy=strategy, user=user, role=role)
        collaborator.full_clean()
        collaborator.save()
        record_change(
            strategy=strategy,
            author=by,
            summary=_summary_team("added", user),
            data={"team": "added", "user": user.pk, "role": role},
        )
        record_event(
            actor=by,
            action="strategy.collaborator_added",
            target=strategy,
            target_label=audit_label(strategy),
            data={"user": user.pk, "role": role},
        )
        _tell_invited(collaborator, by)
    return collaborator


def _summary_team(kind: str, user) -> str:
    """Stored in the platform's language, like notifications."""
    with translation.override(settings.LANGUAGE_CODE):
        template = {
            "added": _("%(person)s joined the team"),
            "role": _("Role of %(person)s changed"),
            "removed": _("%(person)s left the team"),
        }[kind]
        return template % {"person": user.display_name}


def _owners(team: list[Collaborator]) -> int:
    return sum(1 for member in team if member.role == CollaboratorRole.OWNER)


def change_collaborator_role(*, collaborator: Collaborator, role: str, by) -> Collaborator:
    strategy = collaborator.strategy
    _require_lead(by, strategy)
    if role not in CollaboratorRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    with transaction.atomic():
        team = _team_locked(strategy)
        current = next((member for member in team if member.pk == collaborator.pk), None)
        if current is None:
            raise ValidationError(_("This person is no longer on the team."))
        if current.role == role:
            return current
        if current.role == CollaboratorRole.OWNER and _owners(team) == 1:
            raise ValidationError(
                _("The team needs at least one lead. Make someone else lead first.")
            )
        current.role = role
        current.save(update_fields=["role"])
        record_change(
            strategy=strategy,
            author=by,
            summary=_summary_team("role", current.user),
            data={"team": "role", "user": current.user_id, "role": role},
        )
        record_event(
            actor=by,
            action="strategy.collaborator_role_changed",
            target=strategy,
            target_label=audit_label(strategy),
            data={"user": current.user_id, "role": role},
        )
    return current


def remove_collaborator(*, collaborator: Collaborator, by) -> None:
    strategy = collaborator.strategy
    _require_lead(by, strategy)
    with transaction.atomic():
        team = _team_locked(strategy)
        current = next((member for member in team if member.pk == collaborator.pk), None)
        if current is None:
            return
        if current.role == CollaboratorRole.OWNER and _owners(team) == 1:
            raise ValidationError(
                _("The team needs at least one lead. Make someone else lead first.")
            )
        current.delete()
        record_change(
            strategy=strategy,
            author=by,
            summary=_summary_team("removed", current.user),
            data={"team": "removed", "user": current.user_id},
        )
        record_event(
            actor=by,
            action="strategy.collaborator_removed",
            target=strategy,
            target_label=audit_label(strategy),
            data={"user": current.user_id},
        )
