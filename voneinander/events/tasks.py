"""Background tasks of events (thin wrappers; the work lives in the services)."""

from django_tasks import task


@task(queue_name="default", priority=5)
def send_registration_email(kind: str, registration_id: int, extra: dict | None = None) -> bool:
    """Render and send one registration e-mail (confirmation, waiting list, promotion …)."""
    from voneinander.events import registration_emails
    from voneinander.events.models import Registration

    registration = (
        Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    )
    if registration is None:
        return False
    return registration_emails.send(kind, registration, **(extra or {}))


@task(queue_name="default", priority=5)
def send_approval_request_email(registration_id: int) -> bool:
    """Tell the organisers that a registration waits for their approval."""
    from voneinander.events import registration_emails
    from voneinander.events.models import Registration

    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return False
    return registration_emails.send_approval_request(registration)


@task(queue_name="default", priority=5)
def send_event_reminders() -> int:
    """Send the reminders that are due (run it every few minutes, e.g. from cron)."""
    from voneinander.events.registration_services import send_due_reminders

    return send_due_reminders()
