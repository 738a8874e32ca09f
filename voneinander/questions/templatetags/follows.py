"""`{% follow_button network %}`, `{% follow_button group %}`, `{% follow_button topic %}`.

A small POST form to `notifications:follow` that returns to the current page
(`{% follow_button topic network=network %}` follows a topic within one
network). Visitors get a link to sign in instead. One query for signed-in
people (whether they follow it already), none for visitors.
"""

from django import template
from django.contrib.auth.views import redirect_to_login

from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.questions.notification_forms import GROUP, NETWORK, TOPIC
from voneinander.questions.notifications import is_following
from voneinander.workinggroups.models import WorkingGroup

register = template.Library()


def _describe(thing, network) -> tuple[str, dict, str, str]:
    """(target, follow fields, label, network slug) for the thing shown."""
    if isinstance(thing, Network):
        return NETWORK, {"network": thing}, thing.name, ""
    if isinstance(thing, WorkingGroup):
        return GROUP, {"working_group": thing}, thing.title, ""
    if isinstance(thing, Topic):
        return (
            TOPIC,
            {"topic": thing, "network": network},
            thing.name,
            network.slug if network else "",
        )
    raise template.TemplateSyntaxError(f"follow_button cannot follow {type(thing).__name__}.")


@register.inclusion_tag("questions/_follow_button.html", takes_context=True)
def follow_button(context, thing, network=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    target, fields, label, network_slug = _describe(thing, network)
    next_path = request.get_full_path() if request is not None else ""
    signed_in = user is not None and user.is_authenticated
    return {
        "signed_in": signed_in,
        "following": signed_in and is_following(user, **fields),
        "ziel": target,
        "objekt": thing.slug,
        "netzwerk": network_slug,
        "label": label,
        "next": next_path,
        "login_url": redirect_to_login(next_path)["Location"] if not signed_in else "",
    }
