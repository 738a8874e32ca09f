"""Small helpers for event templates, and the "upcoming events" box of a network page."""

from django import template
from django.utils import timezone

from voneinander.events import recurrence, selectors

register = template.Library()


@register.filter
def same_day(starts_at, ends_at) -> bool:
    """Whether both moments fall on the same day in Europe/Berlin."""
    if not starts_at or not ends_at:
        return False
    return timezone.localtime(starts_at).date() == timezone.localtime(ends_at).date()


@register.filter
def rule_text(rrule: str) -> str:
    return recurrence.describe(rrule)


@register.simple_tag(takes_context=True)
def upcoming_events(context, network, limit: int = 5):
    """`{% upcoming_events network as events %}`: what the visitor may see, soonest first."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return selectors.upcoming_for_network(network, user, limit=limit)
