from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "voneinander.networks"
    verbose_name = _("Networks")

    def ready(self):
        from voneinander.networks import cache_signals  # noqa: F401
