"""Background task of the participant data retention (thin wrapper; see participants.py)."""

from django_tasks import task


@task(queue_name="default", priority=1)
def purge_event_data() -> int:
    """Delete the personal data of past events whose retention period is over."""
    from voneinander.events.participants import purge_due_events

    return len(purge_due_events())
