"""{% registration_box event %}: the registration area on the event page.

Shows the viewer's registration (status, sessions, waiting-list positions,
change and cancel), or the registration form, or why one cannot register. In
preference mode the form has no sessions; the event page places
`{% preferences_box event %}` (the ranking) right after this box.
A fixed number of queries, however many sessions and registrations there are.
"""

from django import template
from django.urls import reverse
from django.utils import timezone

from voneinander.events import booking_rules as rules
from voneinander.events import registration_selectors as selectors
from voneinander.events.models import AllocationMode, RegistrationStatus
from voneinander.events.registration_forms import RegistrationForm, form_context

register = template.Library()


@register.inclusion_tag("events/_registration_box.html", takes_context=True)
def registration_box(context, event):
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    now = timezone.now()
    event_rules = rules.EventRules.of(event)
    data = {
        "request": request,
        "user": user,
        "event": event,
        "preference_mode": event.allocation_mode == AllocationMode.PREFERENCES,
        "register_url": reverse("events:register", kwargs={"slug": event.slug}),
        "next_url": request.get_full_path() if request is not None else "",
        "cancellation_deadline": event_rules.effective_cancellation_deadline,
    }
    registration = selectors.registration_with_bookings(event, user)
    if registration is not None:
        direct = selectors.books_sessions_directly(event)
        return data | {
            "registration": registration,
            "event_position": selectors.event_waitlist_position(registration),
            "can_cancel": registration.status == RegistrationStatus.WAITLISTED
            or not rules.cancellation_violations(event_rules, now),
            "can_change": direct
            and registration.status != RegistrationStatus.WAITLISTED
            and not rules.window_violations(event_rules, now),
        }
    closed = rules.window_violations(event_rules, now)
    can_register = bool(user and user.has_perm("events.register", event))
    data |= {"closed": closed, "can_register": can_register}
    if closed or not can_register:
        return data
    sessions = (
        selectors.bookable_sessions(event) if selectors.books_sessions_directly(event) else []
    )
    form = RegistrationForm(sessions=sessions, questions=selectors.questions_of(event))
    return data | form_context(event, form, user=user)
