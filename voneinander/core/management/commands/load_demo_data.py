"""Load the German demo data: idempotent, safe to run on every start.

Each app that has demo data provides `demo.py` with `load(report)`. New
accounts get random passwords, printed once and kept in var/demo-accounts.txt
(readable only by the owner); accounts that exist are left alone.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "voneinander.municipalities.demo",
    "voneinander.networks.demo",
    "voneinander.admissions.demo",
    "voneinander.events.demo",
    "voneinander.knowledge.demo",
    "voneinander.workinggroups.demo",
    "voneinander.questions.demo",
    "voneinander.surveys.demo",
    "voneinander.pages.demo",
    "voneinander.news.demo",
    "voneinander.comments.demo",
    "voneinander.seminars.demo",
    "voneinander.strategies.demo",
    # Last: indexes what the others loaded.
    "voneinander.search.demo",
]


class Report:
    def __init__(self):
        self.accounts: list[tuple[str, str, str]] = []

    def account(self, email: str, password: str, role: str):
        self.accounts.append((email, password, role))


class Command(BaseCommand):
    help = "Load German demo data (networks of Rhineland-Palatinate). Idempotent."

    def handle(self, *args, **options):
        report = Report()
        with transaction.atomic():
            for module in DEMO_MODULES:
                import_module(module).load(report)
        credentials = settings.VAR_DIR / "demo-accounts.txt"
        if report.accounts:
            credentials.parent.mkdir(parents=True, exist_ok=True)
            lines = [f"{email}\t{password}\t{role}" for email, password, role in report.accounts]
            with credentials.open("a") as handle:
                handle.write("\n".join(lines) + "\n")
            credentials.chmod(0o600)
            self.stdout.write(self.style.SUCCESS("Demo-Daten geladen. Neue Demo-Zugänge:"))
            width = max(len(email) for email, _p, _r in report.accounts)
            for email, password, role in report.accounts:
                self.stdout.write(f"  {email.ljust(width)}  {password}  ({role})")
            self.stdout.write(
                "Koordination und Admin richten beim ersten Anmelden die Zwei-Faktor-"
                "Authentifizierung ein (Authenticator-App)."
            )
            self.stdout.write(f"Die Zugänge stehen auch in {credentials}.")
        elif options["verbosity"] > 0:
            self.stdout.write(f"Demo-Daten sind vorhanden; die Zugänge stehen in {credentials}.")
