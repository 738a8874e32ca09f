import re

from django.contrib.contenttypes.models import ContentType

from voneinander.audit.models import AuditEvent


def record_event(
    *, actor, action: str, target=None, data: dict | None = None, target_label: str | None = None
) -> AuditEvent:
    """Write one audit entry. Call it inside the transaction of the action it records.

    `target_label` replaces `str(target)` where the target's name is not for the
    admins who read the log (e.g. a private strategy's title).
    """
    actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_label=actor_obj.email if actor_obj else "",
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=(target_label if target_label is not None else str(target or ""))[:300],
        data=data or {},
    )


def anonymise_person(*, user, label: str, email: str = "") -> int:
    """Account deletion: the entries stay, but no longer name the person.

    Their labels become `label` where they acted and where their account was the object;
    their former address `email` is replaced by `label` inside the details too (e.g. role
    changes and failed sign-ins record an address). Returns the rows changed.
    """
    changed = AuditEvent.objects.filter(actor=user).update(actor_label=label)
    user_type = ContentType.objects.get_for_model(user)
    about = AuditEvent.objects.filter(target_type=user_type, target_id=str(user.pk))
    changed += about.update(target_label=label)
    if email:
        pattern = re.compile(re.escape(email), re.IGNORECASE)
        named = list(AuditEvent.objects.filter(data__icontains=email).only("pk", "data"))
        for entry in named:
            entry.data = _replace_text(entry.data, pattern, label)
        AuditEvent.objects.bulk_update(named, ["data"], batch_size=500)
        changed += len(named)
    return changed


def _replace_text(value, pattern: re.Pattern, label: str):
    if isinstance(value, str):
        return pattern.sub(label, value)
    if isinstance(value, dict):
        return {key: _replace_text(item, pattern, label) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace_text(item, pattern, label) for item in value]
    return value
