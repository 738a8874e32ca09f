from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "voneinander.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Sign-ins and failed sign-ins in the security log (issue 9).
        import voneinander.accounts.security_signals  # noqa: F401
