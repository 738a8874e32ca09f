"""Who besides the organisers may open an event's participant list (combined in policy.py).

The event's `participant_list_visibility` sets the level: organisers only;
participants (people with an active registration); or participants and members
of the organising networks. Organisers and admins are granted in the policy
itself. Whoever opens the list sees only the people who agreed to be listed
(`participants.listed_participants`).
"""

import rules

from voneinander.events.permissions import event_network_ids
from voneinander.networks.roles import MEMBER, network_roles


def has_active_registration(event, user) -> bool:
    """One query per event and person, cached on the event."""
    from voneinander.events.models import ACTIVE_REGISTRATION, Registration

    cache = event.__dict__.setdefault("_registered_cache", {})
    if user.pk not in cache:
        cache[user.pk] = Registration.objects.filter(
            event=event, user=user, status__in=ACTIVE_REGISTRATION
        ).exists()
    return cache[user.pk]


@rules.predicate
def may_see_participant_list(user, event) -> bool:
    from voneinander.events.models import ParticipantListVisibility

    if event is None or not user.is_authenticated or not user.is_active:
        return False
    level = event.participant_list_visibility
    if level == ParticipantListVisibility.ORGANISERS:
        return False
    if level == ParticipantListVisibility.MEMBERS:
        roles = network_roles(user)
        if any(roles.has(network_id, MEMBER) for network_id in event_network_ids(event)):
            return True
    return has_active_registration(event, user)
