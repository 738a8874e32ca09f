from django.db.models import Q

from voneinander.audit.models import AuditEvent


def audit_events(*, action: str = "", query: str = ""):
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action=action)
    if query:
        events = events.filter(Q(actor_label__icontains=query) | Q(target_label__icontains=query))
    return events
