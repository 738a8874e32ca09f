"""Send the due event reminders: `manage.py send_event_reminders [--queue]`.

Run it every few minutes (cron or a systemd timer). Each registration gets each
reminder once, however often the command runs.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.events.registration_services import send_due_reminders
from voneinander.events.tasks import send_event_reminders


class Command(BaseCommand):
    @property
    def help(self) -> str:  # a property: argparse cannot format a lazy string
        return _("Send the reminders that are due for upcoming events (each one only once).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help=gettext_lazy("Hand the work to the task worker instead of doing it now."),
        )

    def handle(self, *args, queue=False, **options):
        if queue:
            send_event_reminders.enqueue()
            self.stdout.write(_("Queued."))
            return
        sent = send_due_reminders()
        self.stdout.write(_("%(count)d reminders sent.") % {"count": sent})
