"""Template helpers of brokering: how the person who asked sees a suggested contact."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def unnamed_contact(introduction) -> str:
    """The suggested person without name or position, as the person who asked sees them
    until both sides agreed: "a contact person of Neustadt" or "an expert"."""
    if introduction.municipality_id:
        return _("a contact person of %(municipality)s") % {
            "municipality": introduction.municipality
        }
    return _("an expert")
