"""Send the notification digests: `manage.py send_notification_digest [--queue]`.

Run it once a day (cron or a systemd timer), e.g. at 06:00. Daily recipients get
their digest on every run; weekly recipients on the first run at least seven
calendar days after their last digest (the first one on the next run), so with a
daily run they get theirs on the same weekday each week. Each notification is
mailed at most once, however often or in parallel the command runs.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.questions.notifications import send_digests
from voneinander.questions.tasks import send_notification_digest


class Command(BaseCommand):
    @property
    def help(self) -> str:  # a property: argparse cannot format a lazy string
        return _(
            "Send each person one e-mail with their new notifications. Run it once a day: "
            "daily recipients get theirs on every run, weekly recipients when their last "
            "digest is seven or more calendar days old (or they never had one)."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help=gettext_lazy("Hand the work to the task worker instead of doing it now."),
        )

    def handle(self, *args, queue=False, **options):
        if queue:
            send_notification_digest.enqueue()
            self.stdout.write(_("Queued."))
            return
        sent = send_digests()
        self.stdout.write(_("%(count)d digests sent.") % {"count": sent})
