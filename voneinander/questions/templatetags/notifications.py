"""`{% unread_notification_count as count %}` for the page header: one query, none for visitors."""

from django import template

from voneinander.questions.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user)
