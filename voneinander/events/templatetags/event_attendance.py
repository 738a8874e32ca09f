"""{% attendance_box event %}: participation on the event page.

For a confirmed participant: self check-in while the event runs (if the
organisers allow it), presence in the sessions running now, the certificate of
attendance once attended; for whoever may see it: the link to the participant
list. Renders nothing when none of these applies. A fixed number of queries.
"""

from django import template

from voneinander.events import attendance

register = template.Library()


@register.inclusion_tag("events/_attendance_box.html", takes_context=True)
def attendance_box(context, event):
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    signed_in = bool(user and user.is_authenticated)
    state = attendance.attendance_of(event, user) if signed_in else attendance.SelfCheckIn(None)
    can_view_list = signed_in and user.has_perm("events.view_participants", event)
    shown = bool(
        can_view_list or (state.registration is not None and (state.enabled or state.attended))
    )
    return {
        "request": request,
        "event": event,
        "state": state,
        "can_view_list": can_view_list,
        "shown": shown,
    }
