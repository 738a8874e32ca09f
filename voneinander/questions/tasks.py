"""Background tasks of questions (thin wrappers; the work lives in notifications.py)."""

from django_tasks import task


@task(queue_name="default", priority=5)
def send_notification_digest() -> int:
    """Send the daily and weekly digests of notifications (run once a day, e.g. from cron)."""
    from voneinander.questions.notifications import send_digests

    return send_digests()
