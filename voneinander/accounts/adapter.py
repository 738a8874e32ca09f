from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_SIGNUP_OPEN", True)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Count failed logins per address only, whatever host name was used.

        allauth prefixes the address with the current site's domain, which
        without django.contrib.sites is the request's Host header, port
        included. Every allowed host name (or a proxy passing the port) would
        then get a counter of its own, and the lockout could be avoided by
        switching names. Found by `make cluster-check`.
        """
        login = credentials.get("email", credentials.get("username", "")) or ""
        return f"login:{login.lower()}"
