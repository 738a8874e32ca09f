"""{% preferences_box event %}: the preference area on the event page (preference mode).

Registered participants see their ranking, until when they may change it, and
after publication where their places are listed; organisers get a link to the
allocation. A fixed number of queries, however many sessions and people.
"""

from django import template

from voneinander.events import allocation_selectors as selectors

register = template.Library()


@register.inclusion_tag("events/_preferences_box.html", takes_context=True)
def preferences_box(context, event):
    if not selectors.in_preference_mode(event):
        return {"show": False}
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    published = selectors.published_run(event)
    registration = selectors.ranking_registration(event, user) if user is not None else None
    organiser = bool(user is not None and user.has_perm("events.manage_event", event))
    return {
        "show": True,
        "event": event,
        "state": selectors.ranking_state(event, published=published),
        "published": published,
        "registration": registration,
        "ranking": selectors.ranking_of(registration) if registration is not None else [],
        "organiser": organiser,
    }
