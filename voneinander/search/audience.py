"""Who may see an entry of the search index, as tokens.

Each entry stores the tokens of everyone who may see it; each person holds a
set of tokens; a person finds an entry when the two share a token. Entries
get their tokens from the same rules as the apps' selectors
(`solutions_visible_to`, `events.selectors.visibility_filter` …), and
tests plant private content to prove that they agree.

Tokens: "public" everyone · "n:<id>" members of a network (coordinators and
contact persons included) · "c:<id>" coordinators of a network ·
"m:<id>" people with a confirmed affiliation to a municipality ·
"g:<id>" active members of a working group · "u:<id>" one person ·
"admin" platform admins.
"""

from __future__ import annotations

from voneinander.networks.roles import MEMBER, network_roles

PUBLIC = "public"
ADMIN = "admin"


def network_members(network_id: int) -> str:
    return f"n:{network_id}"


def coordinators(network_id: int) -> str:
    return f"c:{network_id}"


def municipality(municipality_id: int) -> str:
    return f"m:{municipality_id}"


def group_members(group_id: int) -> str:
    return f"g:{group_id}"


def person(user_id: int) -> str:
    return f"u:{user_id}"


def tokens_of(user) -> list[str]:
    """The tokens `user` holds (computed once per request and user object)."""
    cached = getattr(user, "_search_tokens", None)
    if cached is not None:
        return cached
    tokens = [PUBLIC]
    if user.is_authenticated and user.is_active:
        from voneinander.workinggroups.roles import group_roles

        tokens.append(person(user.pk))
        roles = network_roles(user)
        for network_id, held in sorted(roles.by_network.items()):
            if MEMBER in held:
                tokens.append(network_members(network_id))
        tokens += [coordinators(network_id) for network_id in sorted(roles.coordinated)]
        if user.municipality_id and user.municipality_confirmed_at:
            tokens.append(municipality(user.municipality_id))
        # Active in the group and still a member of one of its networks (workinggroups/roles.py).
        tokens += [group_members(group_id) for group_id in sorted(group_roles(user).groups)]
        if user.is_superuser:
            tokens.append(ADMIN)
    if user.is_authenticated:
        user._search_tokens = tokens
    return tokens
