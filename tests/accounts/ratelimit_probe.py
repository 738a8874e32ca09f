"""One app process, for test_rate_limits_hold_across_processes.

Usage: ratelimit_probe.py setup | fail N | login
Prints the HTTP status of each login attempt. Uses the development profile's
default cache (the database cache), as a real app process would.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from voneinander.accounts.models import User  # noqa: E402

EMAIL, PASSWORD = "ziel@example.org", "das-richtige-Passwort-1"
command = sys.argv[1]
if command == "setup":
    call_command("migrate", verbosity=0)
    user = User.objects.create_user(email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    sys.exit(0)
client = Client(headers={"Origin": "http://testserver"})
attempts = int(sys.argv[2]) if command == "fail" else 1
password = "falsch-falsch-falsch" if command == "fail" else PASSWORD
for _ in range(attempts):
    response = client.post("/konto/login/", {"login": EMAIL, "password": password})
    signed_in = "_auth_user_id" in client.session
    print(f"{response.status_code} {'signed-in' if signed_in else 'refused'}")
