"""Background tasks of the core app (thin wrappers; the work lives elsewhere)."""

from django_tasks import task


@task(queue_name="default", priority=10)
def deliver_email(message: dict) -> int:
    """Deliver one queued e-mail through the configured delivery backend."""
    from voneinander.core.mail import deliver_now

    return deliver_now(message)
