"""{% preferences_box event %}: the preference area on the event page (helper E3)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def preferences_box(context, event):
    return ""
