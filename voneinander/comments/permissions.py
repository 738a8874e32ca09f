"""Permission predicates for comments; PERMISSIONS is merged into voneinander/policy.py.

Objects: the target (a news item or a solution) for writing; the comment for
editing, deleting, reporting and moderating; the network for the settings; the
block for lifting it. Whether the person may see the target or comment at all is
decided by the selectors (404) before these rules run.

Moderators of a comment are the coordinators of its network and platform admins;
comments on platform-wide news (no network) are moderated by admins only.
Platform admins pass every permission (Django's superuser rule).
"""

import rules

from voneinander.comments.models import CommentBlock, CommentStatus
from voneinander.networks.roles import COORDINATOR, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def moderates(user, network_id) -> bool:
    """Whether `user` moderates comments in the network `network_id` (None: platform news)."""
    if _is_admin(user):
        return True
    return network_id is not None and network_roles(user).has(network_id, COORDINATOR)


def blocked_networks(user) -> set:
    """The network ids the person may not comment in (None stands for everywhere), cached."""
    cached = getattr(user, "_comment_blocks", None)
    if cached is None:
        cached = set(CommentBlock.objects.filter(user=user).values_list("network_id", flat=True))
        user._comment_blocks = cached
    return cached


def is_blocked(user, network_id) -> bool:
    if not user.is_authenticated:
        return False
    blocks = blocked_networks(user)
    return None in blocks or (network_id is not None and network_id in blocks)


def comments_enabled(target) -> bool:
    """A news item if its editors allow them; solutions while they are in the catalogue
    (not archived, not merged into another)."""
    if hasattr(target, "comments_enabled"):
        return target.comments_enabled
    return target.archived_at is None and target.merged_into_id is None


@rules.predicate
def may_comment_on(user, target) -> bool:
    return (
        target is not None
        and _signed_in(user)
        and comments_enabled(target)
        and not is_blocked(user, target.network_id)
    )


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and _signed_in(user) and comment.author_id == user.pk


@rules.predicate
def comment_not_hidden(user, comment) -> bool:
    return comment is not None and comment.status != CommentStatus.HIDDEN


@rules.predicate
def may_report(user, comment) -> bool:
    return (
        comment is not None
        and _signed_in(user)
        and comment.status == CommentStatus.VISIBLE
        and comment.author_id != user.pk
    )


@rules.predicate
def moderates_comment(user, comment) -> bool:
    return comment is not None and _signed_in(user) and moderates(user, comment.network_id)


@rules.predicate
def moderates_block(user, block) -> bool:
    return block is not None and _signed_in(user) and moderates(user, block.network_id)


@rules.predicate
def coordinates_network(user, network) -> bool:
    return network is not None and _signed_in(user) and moderates(user, network.pk)


@rules.predicate
def coordinates_any_network(user) -> bool:
    return _signed_in(user) and bool(network_roles(user).coordinated)


PERMISSIONS = {
    # obj: the news item or solution (already checked to be visible).
    "comments.add_comment": may_comment_on,
    # obj: the comment. A hidden comment stays as the moderators left it.
    "comments.edit_comment": is_comment_author & comment_not_hidden,
    "comments.delete_comment": is_comment_author,
    "comments.report_comment": may_report,
    "comments.moderate_comment": moderates_comment,
    # No obj: the moderation queue (each person sees their networks' comments).
    "comments.view_moderation_queue": coordinates_any_network,
    # obj: the block.
    "comments.lift_block": moderates_block,
    # obj: the network (pre-moderation on or off).
    "comments.manage_settings": coordinates_network,
}
