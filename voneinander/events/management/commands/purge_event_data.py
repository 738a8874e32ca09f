"""Delete the personal data of past events: `manage.py purge_event_data [--dry-run] [--queue]`.

Registrations, session bookings, answers and preferences of events that ended
more than EVENTS_RETENTION_DAYS days ago (or the event's own period) are
deleted; anonymous counts stay with the event. Run it daily (cron or a systemd
timer); running it again changes nothing.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.events import participants
from voneinander.events.participants_tasks import purge_event_data


class Command(BaseCommand):
    @property
    def help(self) -> str:  # a property: argparse cannot format a lazy string
        return _("Delete the personal data of past events whose retention period is over.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Only list the events whose data would be deleted."),
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help=gettext_lazy("Hand the work to the task worker instead of doing it now."),
        )

    def handle(self, *args, dry_run=False, queue=False, **options):
        if queue:
            purge_event_data.enqueue()
            self.stdout.write(_("Queued."))
            return
        now = timezone.now()
        if dry_run:
            due = participants.events_due_for_purge(now)
            for event in due:
                self.stdout.write(f"{event.slug} ({timezone.localdate(event.ends_at):%d.%m.%Y})")
            self.stdout.write(_("%(count)d events are due for deletion.") % {"count": len(due)})
            return
        results = participants.purge_due_events(now=now)
        for result in results:
            self.stdout.write(
                _(
                    "Event %(event)s: %(registrations)d registrations, %(bookings)d bookings, "
                    "%(preferences)d preferences deleted."
                )
                % {
                    "event": result.event_slug,
                    "registrations": result.registrations,
                    "bookings": result.bookings,
                    "preferences": result.preferences,
                }
            )
        self.stdout.write(_("Personal data of %(count)d events deleted.") % {"count": len(results)})
