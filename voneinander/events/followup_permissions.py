"""Permission predicates for what follows an event: materials (combined in voneinander/policy.py).

Feedback, recordings and the results page need no predicates of their own:
giving feedback needs a login and the event's visibility (whether the person
attended is the service's business, answered with a message), the rest is
`events.manage_event`.
"""

import rules

from voneinander.events.permissions import is_event_organiser


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_event_speaker(user, event) -> bool:
    """A platform user named as speaker of one of the event's sessions."""
    if event is None or not _signed_in(user):
        return False
    cache = event.__dict__.setdefault("_speaker_cache", {})
    if user.pk not in cache:
        cache[user.pk] = event.sessions.filter(speakers__user=user).exists()
    return cache[user.pk]


@rules.predicate
def organises_material_event(user, material) -> bool:
    return material is not None and is_event_organiser(user, material.event)


@rules.predicate
def uploaded_material(user, material) -> bool:
    """Whoever uploaded it may remove it again (as long as they are a speaker of the event)."""
    if material is None or not _signed_in(user) or material.uploaded_by_id != user.pk:
        return False
    return is_event_speaker(user, material.event)
