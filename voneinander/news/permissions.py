"""Permission predicates for news; PERMISSIONS is merged into voneinander/policy.py.

News are public press: a published item is for everyone. Drafts and scheduled
items only for those who may edit them: the coordinators of the item's network
and platform admins; platform-wide news (no network) only for admins.
`selectors.news_visible_to(user)` is the same rule as a queryset.
"""

import rules

from voneinander.networks.roles import COORDINATOR, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin


def writes_for_network(user, network_id: int | None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if _is_admin(user):
        return True
    return network_id is not None and network_roles(user).has(network_id, COORDINATOR)


@rules.predicate
def may_write_news_for(user, network) -> bool:
    """obj: the network, or None for platform-wide news (admins only)."""
    return writes_for_network(user, network.pk if network is not None else None)


@rules.predicate
def may_write_any_news(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return _is_admin(user) or bool(network_roles(user).coordinated)


@rules.predicate
def edits_news_item(user, item) -> bool:
    return item is not None and writes_for_network(user, item.network_id)


@rules.predicate
def can_see_news_item(user, item) -> bool:
    return item is not None and (item.is_published or edits_news_item(user, item))


@rules.predicate
def announces_admission(user, membership) -> bool:
    return membership is not None and writes_for_network(user, membership.network_id)


PERMISSIONS: dict = {
    # One item (obj: the news item), its pictures and attachments.
    "news.view_news": can_see_news_item,
    # Writing news (obj: the network, or None for platform-wide news).
    "news.add_news": may_write_news_for,
    # The "write news" button and the drafts list (no obj).
    "news.add_any_news": may_write_any_news,
    # Edit, publish, schedule, unpublish, delete, gallery and attachments (obj: the item).
    "news.change_news": edits_news_item,
    # Turn an admission's prepared text into a draft (obj: the membership).
    "news.announce_admission": announces_admission,
}
