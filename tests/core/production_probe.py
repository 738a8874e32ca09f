"""Run under the production profile by test_security_headers (in a subprocess).

Prints facts as key=value lines: headers and cookies as a browser over HTTPS
would receive them.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from voneinander.accounts.models import User  # noqa: E402

call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
host = "voneinander.example.org"
user = User.objects.create_user(email="probe@example.org", password="ein-langes-Passwort-1")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

client = Client(HTTP_HOST=host)
insecure = client.get("/")
print(f"http_redirect={insecure.status_code} {insecure['Location']}")
page = client.get("/", secure=True)
print(f"hsts={page['Strict-Transport-Security']}")
print(f"csp={page['Content-Security-Policy']}")
print(f"anonymous_cookies={','.join(sorted(page.cookies))}")
login = client.post(
    "/konto/login/",
    {"login": user.email, "password": "ein-langes-Passwort-1"},
    secure=True,
    headers={"Origin": f"https://{host}"},
)
assert login.status_code == 302, login.status_code
print(f"login_cookies={','.join(sorted(login.cookies))}")
flags = set()
for morsel in login.cookies.values():
    flags.add(
        ",".join(
            [
                "secure" if morsel["secure"] else "insecure",
                "httponly" if morsel["httponly"] else "script-readable",
                f"path={morsel['path']}",
                "no-domain" if not morsel["domain"] else f"domain={morsel['domain']}",
            ]
        )
    )
print(f"cookie_flags={';'.join(sorted(flags))}")
