from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingGroupsConfig(AppConfig):
    name = "voneinander.workinggroups"
    label = "workinggroups"
    verbose_name = _("Working groups")
