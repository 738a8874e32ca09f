"""Announce scheduled news whose time has come. Run every few minutes (cron), e.g.
`*/5 * * * * cd /srv/voneinander && .venv/bin/python manage.py notify_published_news`.
Idempotent and safe to run in parallel."""

from django.core.management.base import BaseCommand

from voneinander.news.services import notify_due_news


class Command(BaseCommand):
    help = "Notify followers of scheduled news items that are now published."

    def handle(self, *args, **options):
        count = notify_due_news()
        if options["verbosity"] > 1 or count:
            self.stdout.write(f"{count} news item(s) announced.")
