"""Comments: writing (htmx or a plain POST), editing, reporting, the newest comments
and the moderation queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.comments import selectors, services
from voneinander.comments.forms import BlockForm, HideForm, ReportForm, SettingsForm
from voneinander.comments.models import CommentStatus
from voneinander.comments.permissions import moderates
from voneinander.comments.section import SECTION_ID, comment_form, section_context
from voneinander.core.access import PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors, posted

COMMENT = selectors.comment_for_viewer
TARGET = selectors.target_for_commenting


def _at(comment) -> str:
    return f"{comment.target.get_absolute_url()}#kommentar-{comment.pk}"


def _published_notice(comment) -> str:
    if comment.status == CommentStatus.PENDING:
        return _(
            "Thank you. Your comment awaits moderation: others see it once a coordinator "
            "has approved it."
        )
    return _("Your comment has been published.")


# --- Writing ------------------------------------------------------------------------------


@access(Perm("comments.add_comment", obj=TARGET))
def comment_create(request, kind, slug):
    """A plain POST answers with a redirect (or the form with its errors on a page of
    its own); an htmx request with the comments section alone."""
    target = request.access_object
    form = comment_form(posted(request))
    notice = ""
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.add_comment(
                target=target, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            notice = _published_notice(comment)
            if not request.htmx:
                messages.success(request, notice)
                return redirect(_at(comment))
            form = comment_form()
    if request.htmx:
        return render(
            request,
            "comments/_section.html",
            section_context(request, target, form=form, notice=notice),
        )
    return render(
        request,
        "comments/comment_form.html",
        {
            "target": target,
            "kind": selectors.kind_of(target),
            "form": form,
            "comment": None,
            "section_id": SECTION_ID,
        },
    )


@access(Perm("comments.edit_comment", obj=COMMENT))
def comment_edit(request, pk):
    comment = request.access_object
    form = comment_form(posted(request), initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.edit_comment(
                comment=comment, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if comment.status == CommentStatus.PENDING:
                messages.success(
                    request, _("Your comment has been saved; it awaits moderation again.")
                )
            else:
                messages.success(request, _("Your comment has been saved."))
            return redirect(_at(comment))
    return render(
        request,
        "comments/comment_form.html",
        {"target": comment.target, "form": form, "comment": comment, "section_id": SECTION_ID},
    )


@access(Perm("comments.delete_comment", obj=COMMENT))
def comment_delete(request, pk):
    comment = request.access_object
    if request.method == "POST":
        target = comment.target
        services.delete_comment(comment=comment, by=request.user)
        messages.success(request, _("Your comment has been deleted."))
        return redirect(f"{target.get_absolute_url()}#{SECTION_ID}")
    return render(request, "comments/comment_delete.html", {"comment": comment})


@access(Perm("comments.report_comment", obj=COMMENT))
def comment_report(request, pk):
    comment = request.access_object
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_comment(
                comment=comment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. The moderators will look at the comment you reported.")
            )
            return redirect(_at(comment))
    return render(request, "comments/comment_report.html", {"comment": comment, "form": form})


# --- Reading ------------------------------------------------------------------------------


@access(PUBLIC)
def newest(request):
    return render(
        request,
        "comments/newest.html",
        {"comments": selectors.newest_comments(request.user)},
    )


# --- Moderation ---------------------------------------------------------------------------


def _prefix(kind: str, comment) -> str:
    return f"{kind}-{comment.pk}"


@access(Perm("comments.view_moderation_queue"))
def moderation_queue(request):
    user = request.user
    comments = selectors.moderation_queue(user)
    blocks = selectors.blocks_for(user)
    blocked = {(block.user_id, block.network_id) for block in blocks}
    may_block_everywhere = moderates(user, None)
    for comment in comments:
        comment.author_blocked = (comment.author_id, comment.network_id) in blocked or (
            comment.author_id,
            None,
        ) in blocked
        comment.hide_form = HideForm(prefix=_prefix("hide", comment))
        comment.block_form = BlockForm(
            prefix=_prefix("block", comment), may_block_everywhere=may_block_everywhere
        )
    return render(
        request,
        "comments/queue.html",
        {
            "comments": comments,
            "blocks": blocks,
            "networks": selectors.moderated_networks(user),
        },
    )


MODERATE = Perm("comments.moderate_comment", obj=COMMENT)


@access(MODERATE)
@require_POST
def approve(request, pk):
    comment = request.access_object
    services.approve_comment(comment=comment, by=request.user)
    messages.success(request, _("The comment is shown."))
    return redirect("comments:queue")


@access(MODERATE)
def hide(request, pk):
    comment = request.access_object
    form = HideForm(posted(request), prefix=_prefix("hide", comment))
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_comment(
                comment=comment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment is hidden; its author has been told why."))
            return redirect("comments:queue")
    return render(
        request,
        "comments/moderate.html",
        {"comment": comment, "form": form, "action": "hide"},
    )


@access(MODERATE)
def block(request, pk):
    comment = request.access_object
    form = BlockForm(
        posted(request),
        prefix=_prefix("block", comment),
        may_block_everywhere=moderates(request.user, None),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.block_author(
                comment=comment,
                by=request.user,
                reason=form.cleaned_data["reason"],
                everywhere=form.cleaned_data.get("everywhere", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s may no longer comment here.")
                % {"person": comment.author.display_name},
            )
            return redirect("comments:queue")
    return render(
        request,
        "comments/moderate.html",
        {"comment": comment, "form": form, "action": "block"},
    )


@access(Perm("comments.lift_block", obj=selectors.block_for_moderator))
@require_POST
def unblock(request, pk):
    block = request.access_object
    services.lift_block(block=block, by=request.user)
    messages.success(
        request, _("%(person)s may comment again.") % {"person": block.user.display_name}
    )
    return redirect("comments:queue")


@access(Perm("comments.manage_settings", obj=selectors.network_for_settings))
def comment_settings(request, slug):
    network = request.access_object
    form = SettingsForm(posted(request), initial={"premoderated": network.comments_premoderated})
    if request.method == "POST" and form.is_valid():
        enabled = form.cleaned_data["premoderated"]
        services.set_premoderation(network=network, enabled=enabled, by=request.user)
        if enabled:
            messages.success(request, _("New comments now wait for a coordinator."))
        else:
            messages.success(request, _("New comments now appear at once."))
        return redirect("comments:settings", slug=network.slug)
    return render(request, "comments/settings.html", {"network": network, "form": form})
