"""The comments section under a news item or solution: used by the `comments_for` tag
(full page) and by the views that answer htmx requests with the section alone."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode

from voneinander.comments import selectors
from voneinander.comments.forms import CommentForm
from voneinander.comments.models import CommentStatus
from voneinander.comments.permissions import comments_enabled, is_blocked, moderates

SECTION_ID = "kommentare"
FORM_PREFIX = "comment"
EARLIER_PARAM = "kommentare_vor"


def comment_form(data=None, **kwargs) -> CommentForm:
    return CommentForm(data, prefix=FORM_PREFIX, **kwargs)


def section_context(request, target, *, form=None, notice: str = "") -> dict:
    user = request.user
    kind = selectors.kind_of(target)
    before = request.GET.get(EARLIER_PARAM, "")
    before = int(before) if before.isdigit() and len(before) < 19 else None
    comments, earlier = selectors.comment_page(target, user, before=before)
    signed_in = user.is_authenticated and user.is_active
    for comment in comments:
        own = signed_in and comment.author_id == user.pk
        comment.is_own = own
        comment.can_edit = own and comment.status != CommentStatus.HIDDEN
        comment.can_delete = own
        comment.can_report = signed_in and not own and comment.status == CommentStatus.VISIBLE
    blocked = signed_in and is_blocked(user, target.network_id)
    enabled = comments_enabled(target)
    network = target.network
    target_url = target.get_absolute_url()
    return {
        "target": target,
        "kind": kind,
        "comments": comments,
        # Counted in the database only when the page does not hold all comments.
        "visible_count": selectors.visible_count(target)
        if earlier or before
        else sum(1 for comment in comments if comment.status == CommentStatus.VISIBLE),
        "earlier_url": f"{target_url}?{urlencode({EARLIER_PARAM: comments[0].pk})}#{SECTION_ID}"
        if earlier
        else "",
        "newest_url": f"{target_url}#{SECTION_ID}" if before else "",
        "section_id": SECTION_ID,
        "enabled": enabled,
        "blocked": blocked,
        "can_comment": signed_in and enabled and not blocked,
        "premoderated": bool(network and network.comments_premoderated)
        and not (signed_in and moderates(user, target.network_id)),
        "form": form or comment_form(),
        "notice": notice,
        "action": reverse("comments:create", kwargs={"kind": kind, "slug": target.slug}),
        "login_url": f"{reverse('account_login')}?"
        + urlencode({"next": f"{target_url}#{SECTION_ID}"}),
    }
