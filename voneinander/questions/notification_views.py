"""The notification pages: the list, the settings with what a person follows, the follow
buttons' target, and the one-click unsubscribe link from e-mails (no login needed)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from voneinander.core.access import LOGIN, PUBLIC, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.questions import notifications, selectors, services
from voneinander.questions.models import Follow
from voneinander.questions.notification_forms import (
    FOLLOW,
    GROUP,
    NETWORK,
    FollowGroupForm,
    FollowNetworkForm,
    FollowToggleForm,
    FollowTopicForm,
    NotificationSettingsForm,
)
from voneinander.workinggroups.selectors import groups_visible_to

PAGE_SIZE = 30


def _page_links(page):
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@access(LOGIN)
def notification_list(request):
    items = selectors.notifications_for(request.user).select_related("network")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "questions/notification_list.html",
        {
            "page": page,
            "page_links": _page_links(page),
            "unread": selectors.unread_count(request.user),
        },
    )


@access(LOGIN)
@require_POST
def notification_read(request, pk):
    notification = selectors.notification_of(request, pk)
    services.mark_read(notification=notification)
    return redirect("notifications:list")


@access(LOGIN)
@require_POST
def notification_read_all(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


# --- Settings and follows ----------------------------------------------------------------------


@access(LOGIN)
def notification_settings(request):
    user = request.user
    posted = request.POST if request.method == "POST" else None
    form = NotificationSettingsForm(posted, initial={"email": notifications.email_frequency(user)})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_email_frequency(user=user, email=form.cleaned_data["email"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("notifications:settings")
    groups = groups_visible_to(user).order_by("title")
    return render(
        request,
        "questions/notification_settings.html",
        {
            "form": form,
            "follows": notifications.follows_of(user, groups=groups),
            "network_form": FollowNetworkForm(),
            "topic_form": FollowTopicForm(),
            "group_form": FollowGroupForm(groups=groups),
            "next": reverse("notifications:settings"),
        },
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    ):
        return target
    return reverse("notifications:settings")


def _target(request, data) -> dict:
    """The thing to (un)follow as keyword arguments; 404 for what the person may not see."""
    if data["ziel"] == NETWORK:
        return {"network": get_object_or_404(Network, slug=data["objekt"])}
    if data["ziel"] == GROUP:
        return {
            "working_group": get_object_or_404(groups_visible_to(request.user), slug=data["objekt"])
        }
    topic = get_object_or_404(Topic, slug=data["objekt"], active=True)
    network = get_object_or_404(Network, slug=data["netzwerk"]) if data["netzwerk"] else None
    return {"topic": topic, "network": network}


@access(LOGIN)
@require_POST
def follow(request):
    form = FollowToggleForm(request.POST)
    if not form.is_valid():
        if "objekt" in form.errors:
            messages.error(request, _("Please choose what you want to follow."))
        else:
            messages.error(request, _("This could not be saved. Please try again."))
        return redirect(_next(request))
    target = _target(request, form.cleaned_data)
    if form.cleaned_data["aktion"] == FOLLOW:
        row = notifications.follow(user=request.user, **target)
        label = notifications.follow_label(row)
        messages.success(request, _("You now follow %(thing)s.") % {"thing": label})
    else:
        notifications.unfollow(user=request.user, **target)
        label = notifications.follow_label(Follow(user=request.user, **target))
        messages.success(request, _("You no longer follow %(thing)s.") % {"thing": label})
    return redirect(_next(request))


# --- One-click unsubscribe ---------------------------------------------------------------------


@csrf_exempt  # RFC 8058: mail clients POST without cookies; the signed token is the proof
@access(PUBLIC)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        unsubscription = notifications.read_unsubscribe_token(token)
    except notifications.ExpiredUnsubscribeLinkError:
        return _link_refused(request, expired=True)
    except notifications.UnsubscribeLinkError:
        return _link_refused(request, expired=False)
    context = {
        "address": notifications.mask_address(unsubscription.user.email),
        "one_follow": unsubscription.follow_id is not None,
        "settings_url": reverse("notifications:settings"),
    }
    if request.method == "POST":
        notifications.unsubscribe(request=unsubscription)
        return render(request, "questions/unsubscribe_done.html", context)
    return render(request, "questions/unsubscribe_confirm.html", context)


def _link_refused(request, *, expired: bool):
    return render(
        request,
        "questions/unsubscribe_refused.html",
        {"expired": expired, "settings_url": reverse("notifications:settings")},
        status=410 if expired else 400,
    )
