"""Writes for comments: writing, editing, deleting, reporting and moderating.

Who may call which function is decided by the permissions (views name them);
the rules of the content live here: a comment is plain text (stored as typed,
shown escaped), at most TEXT_MAX characters, at most RATE_COUNT per person in
RATE_WINDOW seconds; nobody blocked in the target's network comments; in a
pre-moderated network a comment waits for a coordinator unless its author
moderates there. Moderation is audited, the people concerned are notified on
the site.
"""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from voneinander.audit.services import record_event
from voneinander.comments.models import Comment, CommentBlock, CommentReport, CommentStatus
from voneinander.comments.permissions import comments_enabled, is_blocked, moderates
from voneinander.core import ratelimits
from voneinander.networks.models import Network, NetworkCoordinator
from voneinander.news.models import NewsItem
from voneinander.questions.notifications import in_mail_language, notify, site_path

TEXT_MAX = 3000
REASON_MAX = 300
REPORT_REASON_MAX = 500
# At most RATE_COUNT comments per person within RATE_WINDOW seconds. Counted in the
# cache, which production requires to be shared by all app processes (settings.py).
RATE_COUNT = 5
RATE_WINDOW = 10 * 60

# Notification texts (stored in the default language, see questions/notifications.py).
AWAITS_MODERATION = gettext_lazy("A comment by %(person)s on “%(target)s” awaits moderation.")
APPROVED = gettext_lazy("Your comment on “%(target)s” was approved and is now shown.")
HIDDEN = gettext_lazy(
    "Your comment on “%(target)s” was hidden by the moderators. Reason: %(reason)s"
)


def _text(message, **params) -> str:
    return in_mail_language(lambda: str(message) % params)


def comment_url(comment: Comment) -> str:
    """The comment's place on its target's page, in the default language."""
    return f"{in_mail_language(comment.target.get_absolute_url)}#kommentar-{comment.pk}"


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write your comment.")})
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {
                "text": _("Please keep it to %(limit)d characters (it has %(count)d).")
                % {"limit": TEXT_MAX, "count": len(text)}
            }
        )
    return text


def _clean_reason(reason: str, limit: int = REASON_MAX) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Please give a reason.")})
    if len(reason) > limit:
        raise ValidationError(
            {
                "reason": _("Please keep it to %(limit)d characters (it has %(count)d).")
                % {"limit": limit, "count": len(reason)}
            }
        )
    return reason


# --- Rate limit ---------------------------------------------------------------------------


def _rate_key(user) -> str:
    return f"comments:written:{user.pk}"


def _check_rate(user) -> None:
    """Count a comment; refuse it beyond the limit (a fixed window).

    The count goes up atomically for all app processes (`core/ratelimits.py`),
    so that comments sent at the same moment cannot all read the same old count.
    Refused attempts count too; they do not move the window's end.
    """
    counted = ratelimits.hit(_rate_key(user), RATE_WINDOW)
    written = counted.count
    if written > RATE_COUNT:
        minutes = max(1, math.ceil(counted.seconds_left / 60))
        raise ValidationError(
            ngettext(
                "You have written many comments in a short time. Please wait %(minutes)d "
                "minute before you write the next one; your text is kept below.",
                "You have written many comments in a short time. Please wait %(minutes)d "
                "minutes before you write the next one; your text is kept below.",
                minutes,
            )
            % {"minutes": minutes},
            code="rate_limited",
        )


# --- Writing ------------------------------------------------------------------------------


def _premoderated(network_id, author) -> bool:
    if network_id is None or moderates(author, network_id):
        return False
    return Network.objects.filter(pk=network_id, comments_premoderated=True).exists()


def _tell_moderators(comment: Comment) -> None:
    coordinators = NetworkCoordinator.objects.filter(network_id=comment.network_id).values(
        "user_id"
    )
    notify(
        user_ids=coordinators,
        network=comment.network,
        kind="comments.pending",
        text=_text(
            AWAITS_MODERATION, person=comment.author.display_name, target=str(comment.target)
        ),
        url=f"{site_path('comments:queue')}#kommentar-{comment.pk}",
    )


def add_comment(*, target: NewsItem | object, author, text: str) -> Comment:
    """Write a comment on a news item or a solution (a `ValidationError` says why not)."""
    text = _clean_text(text)
    if not comments_enabled(target):
        raise ValidationError(_("Comments are closed here."))
    if is_blocked(author, target.network_id):
        raise ValidationError(_("You may not comment here: the moderators have blocked you."))
    _check_rate(author)
    is_news = isinstance(target, NewsItem)
    pending = _premoderated(target.network_id, author)
    with transaction.atomic():
        comment = Comment(
            news=target if is_news else None,
            solution=None if is_news else target,
            network_id=target.network_id,
            author=author,
            text=text,
            status=CommentStatus.PENDING if pending else CommentStatus.VISIBLE,
        )
        comment.full_clean()
        comment.save()
        if pending:
            _tell_moderators(comment)
    return comment


def edit_comment(*, comment: Comment, by, text: str) -> Comment:
    """The author changes their comment; in a pre-moderated network it is checked again."""
    text = _clean_text(text)
    if comment.status == CommentStatus.HIDDEN:
        raise ValidationError(_("The moderators have hidden this comment; it cannot be changed."))
    if text == comment.text:
        return comment
    recheck = comment.status == CommentStatus.VISIBLE and _premoderated(comment.network_id, by)
    with transaction.atomic():
        comment.text = text
        comment.edited_at = timezone.now()
        fields = ["text", "edited_at"]
        if recheck:
            comment.status = CommentStatus.PENDING
            fields.append("status")
        comment.full_clean()
        comment.save(update_fields=fields)
        if recheck:
            _tell_moderators(comment)
    return comment


def delete_comment(*, comment: Comment, by) -> None:
    with transaction.atomic():
        comment.delete()


def report_comment(*, comment: Comment, by, reason: str) -> CommentReport:
    reason = _clean_reason(reason, REPORT_REASON_MAX)
    if comment.author_id == by.pk:
        raise ValidationError(_("You cannot report your own comment."))
    if comment.status != CommentStatus.VISIBLE:
        raise ValidationError(_("This comment is not shown any more."))
    report = CommentReport(comment=comment, reporter=by, reason=reason)
    report.full_clean(exclude=["comment", "reporter"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(_("You have already reported this comment.")) from None
    return report


# --- Moderation ---------------------------------------------------------------------------


def _resolve_reports(comment: Comment, now) -> int:
    return comment.reports.filter(resolved_at__isnull=True).update(resolved_at=now)


def approve_comment(*, comment: Comment, by) -> Comment:
    """Show the comment (again) and close its reports."""
    now = timezone.now()
    with transaction.atomic():
        was = comment.status
        comment.status = CommentStatus.VISIBLE
        comment.hidden_reason = ""
        comment.moderated_by = by
        comment.moderated_at = now
        comment.save(update_fields=["status", "hidden_reason", "moderated_by", "moderated_at"])
        resolved = _resolve_reports(comment, now)
        record_event(
            actor=by,
            action="comment.approved",
            target=comment,
            data={"was": was, "reports_resolved": resolved},
        )
        if was == CommentStatus.PENDING and comment.author_id != by.pk:
            notify(
                user_ids=[comment.author_id],
                network=None,
                kind="comments.approved",
                text=_text(APPROVED, target=str(comment.target)),
                url=comment_url(comment),
            )
    return comment


def hide_comment(*, comment: Comment, by, reason: str) -> Comment:
    """Hide the comment from everyone but its author (who is told the reason)."""
    reason = _clean_reason(reason)
    now = timezone.now()
    with transaction.atomic():
        comment.status = CommentStatus.HIDDEN
        comment.hidden_reason = reason
        comment.moderated_by = by
        comment.moderated_at = now
        comment.save(update_fields=["status", "hidden_reason", "moderated_by", "moderated_at"])
        resolved = _resolve_reports(comment, now)
        record_event(
            actor=by,
            action="comment.hidden",
            target=comment,
            data={"reason": reason, "reports_resolved": resolved},
        )
        notify(
            user_ids=[comment.author_id],
            network=None,
            kind="comments.hidden",
            text=_text(HIDDEN, target=str(comment.target), reason=reason),
            url=comment_url(comment),
        )
    return comment


def block_author(*, comment: Comment, by, reason: str, everywhere: bool = False) -> CommentBlock:
    """Keep the comment's author from commenting in its network (admins: anywhere)."""
    reason = _clean_reason(reason)
    if everywhere or comment.network_id is None:
        if not moderates(by, None):
            raise ValidationError(_("Only platform admins may block someone everywhere."))
        network_id = None
    else:
        network_id = comment.network_id
    if comment.author_id == by.pk:
        raise ValidationError(_("You cannot block yourself."))
    existing = CommentBlock.objects.filter(user_id=comment.author_id, network_id=network_id)
    if existing.exists():
        raise ValidationError(_("This person is already blocked here."))
    block = CommentBlock(
        user_id=comment.author_id, network_id=network_id, reason=reason, blocked_by=by
    )
    try:
        with transaction.atomic():
            block.save()
            record_event(
                actor=by,
                action="comment.author_blocked",
                target=comment.author,
                data={"network": network_id, "reason": reason, "comment": comment.pk},
            )
    except IntegrityError:
        raise ValidationError(_("This person is already blocked here.")) from None
    return block


def lift_block(*, block: CommentBlock, by) -> None:
    with transaction.atomic():
        record_event(
            actor=by,
            action="comment.author_unblocked",
            target=block.user,
            data={"network": block.network_id, "reason": block.reason},
        )
        block.delete()


def set_premoderation(*, network: Network, enabled: bool, by) -> Network:
    if network.comments_premoderated == enabled:
        return network
    with transaction.atomic():
        network.comments_premoderated = enabled
        network.save(update_fields=["comments_premoderated"])
        record_event(
            actor=by,
            action="comment.premoderation_changed",
            target=network,
            data={"premoderated": enabled},
        )
    return network
