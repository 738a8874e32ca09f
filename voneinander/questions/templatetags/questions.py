from django import template

from voneinander.questions.mentions import handle_of

register = template.Library()


@register.filter
def mention_handle(user) -> str:
    """How others mention this person (`@Vorname.Nachname`), or ""."""
    handle = handle_of(user) if user is not None else ""
    return f"@{handle}" if handle else ""
