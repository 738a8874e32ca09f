"""Rows of the permission matrix (tests/test_access_matrix.py) for comments.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).

Comments whose target the person may not see, and comments waiting for
moderation or hidden that are neither theirs nor in a network they moderate,
answer 404. "member" writes the comments below; "coordinator" moderates alpha.
Platform admins pass every permission (Django's superuser rule).
"""

from tests.comments.factories import (
    CommentBlockFactory,
    CommentFactory,
    NewsItemFactory,
)
from tests.knowledge.factories import SolutionFactory
from voneinander.comments.models import CommentStatus
from voneinander.knowledge.models import SolutionVisibility


def _solution(world, *, network="alpha", **fields):
    if network == "alpha":
        return SolutionFactory(network=world.network, owner=world.membership.municipality, **fields)
    return SolutionFactory(
        network=world.other_network, owner=world.other_membership.municipality, **fields
    )


def _comment(world, *, network="alpha", **fields):
    fields.setdefault("author", world.user("member"))
    return CommentFactory(solution=_solution(world, network=network), **fields)


def public_solution(world):
    return {"kind": "loesung", "slug": _solution(world).slug}


def members_solution(world):
    return {
        "kind": "loesung",
        "slug": _solution(world, visibility=SolutionVisibility.NETWORK).slug,
    }


def news(world):
    return {"kind": "aktuelles", "slug": NewsItemFactory(network=world.network).slug}


def closed_news(world):
    item = NewsItemFactory(network=world.network, comments_enabled=False)
    return {"kind": "aktuelles", "slug": item.slug}


def member_blocked(world):
    CommentBlockFactory(user=world.user("member"), network=world.network)
    return public_solution(world)


def comment(world):
    return {"pk": _comment(world).pk}


def pending_comment(world):
    return {"pk": _comment(world, status=CommentStatus.PENDING).pk}


def other_comment(world):
    return {"pk": _comment(world, network="beta", author=world.user("user")).pk}


def platform_comment(world):
    item = NewsItemFactory(network=None)
    return {"pk": CommentFactory(news=item, author=world.user("member")).pk}


def block(world):
    return {"pk": CommentBlockFactory(user=world.user("user"), network=world.network).pk}


def other_block(world):
    return {"pk": CommentBlockFactory(user=world.user("user"), network=world.other_network).pk}


ROWS: dict = {
    "comments:newest": ({}, "200 200 200 200 200 200"),
    "comments:create": (public_solution, "302 200 200 200 200 200"),
    "comments:create[members]": (members_solution, "404 404 200 200 200 200"),
    "comments:create[news]": (news, "302 200 200 200 200 200"),
    "comments:create[closed]": (closed_news, "302 403 403 403 403 200"),
    "comments:create[blocked]": (member_blocked, "302 200 403 200 200 200"),
    "comments:create[unknown]": (
        {"kind": "sonstiges", "slug": "gibt-es-nicht"},
        "404 404 404 404 404 404",
    ),
    "comments:edit": (comment, "302 403 200 403 403 200"),
    "comments:edit[pending]": (pending_comment, "404 404 200 404 403 200"),
    "comments:edit[unknown]": ({"pk": 999999}, "404 404 404 404 404 404"),
    "comments:delete": (comment, "302 403 200 403 403 200"),
    "comments:report": (comment, "302 200 403 200 200 200"),
    "comments:report[pending]": (pending_comment, "404 404 403 404 403 200"),
    "comments:queue": ({}, "302 403 403 403 200 200"),
    # POST only: the rule is checked first, then the method.
    "comments:approve": (comment, "302 403 403 403 405 405"),
    "comments:approve[other]": (other_comment, "302 403 403 403 403 405"),
    "comments:hide": (comment, "302 403 403 403 200 200"),
    "comments:hide[other]": (other_comment, "302 403 403 403 403 200"),
    "comments:hide[platform]": (platform_comment, "302 403 403 403 403 200"),
    "comments:block": (comment, "302 403 403 403 200 200"),
    "comments:block[pending]": (pending_comment, "404 404 403 404 200 200"),
    "comments:unblock": (block, "302 404 404 404 405 405"),
    "comments:unblock[other]": (other_block, "302 404 404 404 404 405"),
    "comments:settings": ({"slug": "alpha"}, "302 403 403 403 200 200"),
    "comments:settings[other]": ({"slug": "beta"}, "302 403 403 403 403 200"),
    "comments:settings[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
}
