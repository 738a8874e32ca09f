"""Reads for comments: which comments a person sees, the moderation queue, the objects of views.

A comment is seen by whoever may see its target (`news_visible_to`,
`solutions_visible_to`: the gates of those apps) when it is visible; its author
sees it in every state (with a notice); the moderators of its network see the
ones waiting for moderation too.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from voneinander.comments.models import Comment, CommentBlock, CommentReport, CommentStatus
from voneinander.comments.permissions import moderates
from voneinander.knowledge.models import Solution
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.networks.models import Network
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.networks.roles import network_roles
from voneinander.news.models import NewsItem
from voneinander.news.selectors import news_visible_to, published_filter

# The address part naming the kind of target: /kommentare/schreiben/<kind>/<slug>/
NEWS = "aktuelles"
SOLUTION = "loesung"

NEWEST_COUNT = 30


def commentable_news(user) -> QuerySet[NewsItem]:
    """Published news items `user` may see (the news gate); drafts take no comments."""
    return news_visible_to(user).filter(published_filter())


def kind_of(target) -> str:
    return NEWS if isinstance(target, NewsItem) else SOLUTION


def target_filter(target) -> Q:
    return Q(news=target) if isinstance(target, NewsItem) else Q(solution=target)


def visible_targets(user) -> Q:
    """Comments whose target `user` may see."""
    return Q(news__in=commentable_news(user).values("pk")) | Q(
        solution__in=solutions_visible_to(user).values("pk")
    )


def moderated_network_ids(user) -> set[int] | None:
    """The networks whose comments `user` moderates; None: all (platform admins)."""
    if _is_admin(user):
        return None
    return network_roles(user).coordinated


def _seen_by(user) -> Q:
    """The states of comments `user` sees on a target they may see."""
    seen = Q(status=CommentStatus.VISIBLE)
    if not user.is_authenticated:
        return seen
    seen |= Q(author=user)
    moderated = moderated_network_ids(user)
    if moderated is None:
        seen |= Q(status=CommentStatus.PENDING)
    elif moderated:
        seen |= Q(status=CommentStatus.PENDING, network_id__in=moderated)
    return seen


# Comments shown under a target at a time; older ones are a link away ("earlier comments").
COMMENT_PAGE = 50


def comment_page(
    target, user, *, before: int | None = None, limit: int = COMMENT_PAGE
) -> tuple[list[Comment], bool]:
    """The newest `limit` comments under `target` (those older than comment `before`, if
    given), oldest first, and whether there are earlier ones.

    Keyset paging on (created_at, pk): a much-discussed target (thousands of comments)
    costs the same as one with a handful (index comment_solution_created/news_created).
    """
    comments = Comment.objects.filter(target_filter(target)).filter(_seen_by(user))
    if before is not None:
        anchor = Comment.objects.filter(target_filter(target), pk=before).values("created_at")
        comments = comments.filter(
            Q(created_at__lt=Subquery(anchor)) | Q(created_at=Subquery(anchor), pk__lt=before)
        )
    newest = list(comments.select_related("author").order_by("-created_at", "-pk")[: limit + 1])
    page = newest[:limit][::-1]
    _mark_reported(page, user)
    return page, len(newest) > limit


def visible_count(target) -> int:
    return Comment.objects.filter(target_filter(target), status=CommentStatus.VISIBLE).count()


def _mark_reported(comments: list[Comment], user) -> None:
    reported = set()
    if user.is_authenticated and comments:
        reported = set(
            CommentReport.objects.filter(
                reporter=user, comment__in=[comment.pk for comment in comments]
            ).values_list("comment_id", flat=True)
        )
    for comment in comments:
        comment.reported_by_viewer = comment.pk in reported


def newest_comments(user, *, count: int = NEWEST_COUNT) -> list[Comment]:
    """The latest visible comments on targets `user` may see, for the "newest comments" list."""
    return list(
        Comment.objects.filter(status=CommentStatus.VISIBLE)
        .filter(visible_targets(user))
        .select_related("author", "news", "solution", "network")
        .order_by("-created_at", "-pk")[:count]
    )


def moderation_queue(user) -> list[Comment]:
    """Pending and reported comments in the networks `user` moderates, oldest first."""
    open_reports = Exists(
        CommentReport.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
    )
    comments = Comment.objects.filter(
        Q(status=CommentStatus.PENDING) | (Q(status=CommentStatus.VISIBLE) & open_reports)
    )
    moderated = moderated_network_ids(user)
    if moderated is not None:
        comments = comments.filter(network_id__in=moderated)
    return list(
        comments.select_related("author", "news", "solution", "network")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=CommentReport.objects.filter(resolved_at__isnull=True)
                .select_related("reporter")
                .order_by("created_at", "pk"),
                to_attr="open_report_list",
            )
        )
        .order_by("created_at", "pk")
    )


def blocks_for(user) -> list[CommentBlock]:
    blocks = CommentBlock.objects.all()
    moderated = moderated_network_ids(user)
    if moderated is not None:
        blocks = blocks.filter(network_id__in=moderated)
    return list(blocks.select_related("user", "network", "blocked_by").order_by("-created_at"))


def moderated_networks(user) -> QuerySet[Network]:
    moderated = moderated_network_ids(user)
    networks = Network.objects.order_by("name")
    return networks if moderated is None else networks.filter(pk__in=moderated)


def block_for_author(comment: Comment) -> CommentBlock | None:
    """The block that keeps the comment's author from commenting in its network, if any."""
    blocks = CommentBlock.objects.filter(user_id=comment.author_id)
    return blocks.filter(Q(network__isnull=True) | Q(network_id=comment.network_id)).first()


# --- Objects for the access rules (404 for what the person may not know) -----------------


def target_for_commenting(request, kind: str, slug: str, **_ignored) -> NewsItem | Solution:
    user = request.user
    if kind == NEWS:
        targets = commentable_news(user).select_related("network")
    elif kind == SOLUTION:
        targets = solutions_visible_to(user).select_related("network")
    else:
        raise Http404
    target = targets.filter(slug=slug).first()
    if target is None:
        raise Http404
    return target


def comment_for_viewer(request, pk: int, **_ignored) -> Comment:
    user = request.user
    comment = (
        Comment.objects.filter(pk=pk)
        .filter(visible_targets(user))
        .select_related("author", "news", "solution", "network")
        .first()
    )
    if comment is None or not _may_know(user, comment):
        raise Http404
    return comment


def _may_know(user, comment: Comment) -> bool:
    if comment.status == CommentStatus.VISIBLE:
        return True
    if user.is_authenticated and comment.author_id == user.pk:
        return True
    return user.is_authenticated and moderates(user, comment.network_id)


def block_for_moderator(request, pk: int, **_ignored) -> CommentBlock | None:
    """Anonymous visitors get None (the rule sends them to the login page without
    telling whether the block exists); others 404 unless they moderate its network."""
    if not request.user.is_authenticated:
        return None
    block = CommentBlock.objects.select_related("user", "network").filter(pk=pk).first()
    if block is None or not moderates(request.user, block.network_id):
        raise Http404
    return block


def network_for_settings(request, slug: str, **_ignored) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise Http404
    return network
