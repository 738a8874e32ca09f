"""Create a platform admin from DJANGO_SUPERUSER_EMAIL / DJANGO_SUPERUSER_PASSWORD.

Does nothing when the variables are not set or the account exists, so it can
run on every start. The admin must set up two-factor authentication at first
sign-in.
"""

import os

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from voneinander.accounts.models import User


class Command(BaseCommand):
    help = "Create the admin named by DJANGO_SUPERUSER_EMAIL/PASSWORD if it does not exist."

    def handle(self, *args, **options):
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "").strip().lower()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        if not email:
            return
        if not password:
            raise CommandError(
                "DJANGO_SUPERUSER_EMAIL is set, but DJANGO_SUPERUSER_PASSWORD is not."
            )
        if User.objects.filter(email__iexact=email).exists():
            return
        with transaction.atomic():
            user = User.objects.create_superuser(email=email, password=password)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        self.stdout.write(f"Admin {email} created.")
