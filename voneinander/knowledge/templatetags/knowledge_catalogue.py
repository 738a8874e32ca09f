"""Template helpers of the solutions catalogue: cost ranges in euros, file sizes."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


def euros(amount: int) -> str:
    """5000 → "5.000 €" in German, "5,000 €" in English."""
    return _("%(amount)s €") % {"amount": number_format(amount, 0, force_grouping=True)}


@register.simple_tag
def euro_range(low, high) -> str:
    """A cost range: "5.000 € – 12.000 €", "from 5.000 €", "up to 12.000 €", or ""."""
    if low is None and high is None:
        return ""
    if high is None:
        return _("from %(amount)s") % {"amount": euros(low)}
    if low is None:
        return _("up to %(amount)s") % {"amount": euros(high)}
    if low == high:
        return euros(low)
    return _("%(low)s – %(high)s") % {"low": euros(low), "high": euros(high)}
