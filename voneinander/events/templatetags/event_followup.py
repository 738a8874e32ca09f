"""{% followup_box event %}: after the event — feedback, materials, recordings, results.

Shown on the event page once a session or the event is over, or as soon as
there are materials or published recordings (slides may come before the
event). A fixed number of queries, however many sessions and materials.
"""

from django import template
from django.utils import timezone

from voneinander.events import followup

register = template.Library()


@register.inclusion_tag("events/_followup_box.html", takes_context=True)
def followup_box(context, event):
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    now = timezone.now()
    figures = followup.followup_figures(event)
    signed_in = bool(user and user.is_authenticated)
    choices = followup.feedback_choices(event, user, now=now) if signed_in else []
    can_add = signed_in and user.has_perm("events.add_material", event)
    over = event.ends_at <= now
    return {
        "event": event,
        "figures": figures,
        "feedback_open": sum(1 for choice in choices if not choice.given),
        "feedback_any": bool(choices),
        "can_add": can_add,
        "over": over,
        "show": over or figures.materials or figures.recordings or can_add or choices,
    }
