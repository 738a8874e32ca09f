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
