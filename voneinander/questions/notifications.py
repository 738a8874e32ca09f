"""On-site notifications and their e-mails: immediately, in a daily or weekly digest, or never.

Writes, like services.py. `notify()` is called inside the transaction of the
action it reports: it creates the on-site rows for the people who may still
see the content and queues the e-mails of those who want them at once (through
core/mail.py, so a mail leaves exactly when the action commits).
`notify_followers()` finds who follows a network, a topic or a working group.
`send_digests()` is run once a day (`manage.py send_notification_digest`); each
notification goes out at most once, however often or in parallel it runs.

Every e-mail carries a signed one-click unsubscribe link (RFC 8058: the
`List-Unsubscribe` and `List-Unsubscribe-Post` headers, and the same link in
the text). The token holds the person's id and, optionally, one follow; it
works without signing in and expires after `NOTIFICATION_UNSUBSCRIBE_MAX_AGE`
seconds (90 days unless the setting says otherwise).

Texts are stored in the platform's default language (German), as e-mails are
sent in it: the model keeps only a text and a URL.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voneinander.audit.services import record_event
from voneinander.networks.models import Network
from voneinander.questions.models import (
    EmailFrequency,
    Follow,
    Notification,
    NotificationSettings,
)
from voneinander.questions.selectors import (
    network_members,
    people_with_access,
    visible_notifications,
)

MAIL_LANGUAGE = settings.LANGUAGE_CODE
TEXT_LENGTH = 300
UNSUBSCRIBE_SALT = "voneinander.notifications.unsubscribe"
DEFAULT_UNSUBSCRIBE_MAX_AGE = 90 * 24 * 60 * 60


def in_mail_language(function, *args, **kwargs):
    with translation.override(MAIL_LANGUAGE):
        return function(*args, **kwargs)


def site_path(viewname: str, **kwargs) -> str:
    """A URL path in the default language (no /en/ prefix), as stored in notifications."""
    return in_mail_language(reverse, viewname, kwargs=kwargs)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def email_frequency(user) -> str:
    try:
        return user.notification_settings.email
    except NotificationSettings.DoesNotExist:
        return EmailFrequency.DAILY


def notify(
    *,
    user_ids: Iterable[int],
    network: Network | None,
    kind: str,
    text: str,
    url: str,
    follows: dict[int, Follow] | None = None,
    working_group=None,
) -> list[Notification]:
    """Notify the people `user_ids` (ids or a values queryset) who may still see `network`.

    `working_group`: the content is in that group's space; of a private group
    only who may read the space is notified, and later only while they still
    may (the notification remembers the group). `follows` (person id → the
    follow that brought the notification) adds a link to stop just that follow
    to immediate e-mails.
    """
    if isinstance(user_ids, list | set | tuple) and not user_ids:
        return []
    if network is not None:
        recipients = people_with_access(network).filter(pk__in=user_ids)
    else:
        recipients = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    if working_group is not None and working_group.is_private:
        recipients = recipients.filter(pk__in=space_readers(working_group))
    now = timezone.now()
    text = Truncator(text).chars(TEXT_LENGTH)
    notifications = [
        Notification(
            user=user,
            kind=kind,
            text=text,
            url=url,
            network=network,
            working_group=working_group,
            emailed_at=now if email_frequency(user) == EmailFrequency.IMMEDIATELY else None,
        )
        for user in recipients.select_related("notification_settings").order_by("pk")
    ]
    Notification.objects.bulk_create(notifications)
    for notification in notifications:
        if notification.emailed_at is not None and notification.user.email:
            follow = (follows or {}).get(notification.user_id)
            in_mail_language(_send_one, notification, follow)
    return notifications


def notify_followers(
    *,
    network: Network | None,
    topic_ids: Iterable[int] = (),
    working_group=None,
    kind: str,
    text: str,
    url: str,
    exclude_user_ids: Iterable[int] = (),
    members_only: bool = False,
) -> list[Notification]:
    """Notify who follows `network` (a network-only follow), any of `topic_ids`
    (everywhere or in `network`) or `working_group`.

    `members_only`: the content is visible only to the network's members, so
    only they are notified (public content, like published news, reaches every
    follower). Followers of a private working group hear of it only while they
    may read its space (active members of the group who still belong to one of
    its networks), as group content is theirs alone.
    """
    follows = Q(
        network=network, question__isnull=True, topic__isnull=True, working_group__isnull=True
    )
    topic_ids = list(topic_ids)
    if topic_ids:
        follows |= Q(topic_id__in=topic_ids) & (Q(network__isnull=True) | Q(network=network))
    if working_group is not None:
        group_follows = Q(working_group=working_group)
        if working_group.is_private:
            group_follows &= Q(user__in=space_readers(working_group))
        follows |= group_follows
    excluded = set(exclude_user_ids)
    by_user: dict[int, Follow] = {}
    for follow in (
        Follow.objects.filter(follows)
        .exclude(user_id__in=excluded)
        .select_related("network", "topic", "working_group")
        .order_by("pk")
    ):
        by_user.setdefault(follow.user_id, follow)
    return notify(
        user_ids=set(by_user),
        network=network if members_only else None,
        kind=kind,
        text=text,
        url=url,
        follows=by_user,
        working_group=working_group,
    )


def space_readers(group) -> QuerySet:
    """The people who may read a working group's space now (ids, as a subquery).

    Active members who still belong to one of the group's networks, as in
    workinggroups/roles.py; for a public group that is everyone, but only
    private groups need asking.
    """
    from voneinander.workinggroups.models import GroupMember, MemberStatus

    networks = [group.network_id, *group.shared_with.values_list("pk", flat=True)]
    in_networks = functools.reduce(
        operator.or_, (Q(pk__in=network_members(nid).values("pk")) for nid in networks)
    )
    members = GroupMember.objects.filter(group=group, status=MemberStatus.ACTIVE)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=members.values("user_id"))
        .filter(in_networks)
        .values("pk")
    )


# --- Following networks, topics and working groups --------------------------------------------


def follow_label(follow: Follow) -> str:
    """What a follow is about, in words (for e-mails and the settings page)."""
    if follow.working_group_id:
        return _("the working group “%(group)s”") % {"group": follow.working_group.title}
    if follow.question_id:
        return _("the question “%(question)s”") % {"question": follow.question.title}
    if follow.topic_id and follow.network_id:
        return _("the topic %(topic)s in %(network)s") % {
            "topic": follow.topic.name,
            "network": follow.network.name,
        }
    if follow.topic_id:
        return _("the topic %(topic)s everywhere") % {"topic": follow.topic.name}
    return _("the network %(network)s") % {"network": follow.network.name}


def _follow_fields(*, network=None, topic=None, working_group=None) -> dict:
    if working_group is not None:
        return {"working_group": working_group, "network": None, "topic": None, "question": None}
    if topic is not None:
        return {"topic": topic, "network": network, "working_group": None, "question": None}
    if network is not None:
        return {"network": network, "topic": None, "working_group": None, "question": None}
    raise ValueError("Follow a network, a topic or a working group.")


def is_following(user, *, network=None, topic=None, working_group=None) -> bool:
    if not user.is_authenticated:
        return False
    fields = _follow_fields(network=network, topic=topic, working_group=working_group)
    return Follow.objects.filter(user=user, **fields).exists()


def follow(*, user, network=None, topic=None, working_group=None) -> Follow:
    """Follow a network, a topic (everywhere, or within `network`) or a working group.

    Whether the person may see the group is checked by the caller's selector.
    """
    fields = _follow_fields(network=network, topic=topic, working_group=working_group)
    row, _created = Follow.objects.get_or_create(user=user, **fields)
    return row


def unfollow(*, user, network=None, topic=None, working_group=None) -> int:
    fields = _follow_fields(network=network, topic=topic, working_group=working_group)
    deleted, _rows = Follow.objects.filter(user=user, **fields).delete()
    return deleted


@dataclass(frozen=True)
class Following:
    networks: list[Follow]
    topics: list[Follow]
    groups: list[Follow]

    def __bool__(self) -> bool:
        return bool(self.networks or self.topics or self.groups)


def follows_of(user, *, groups: QuerySet) -> Following:
    """What the person follows (questions aside: they are followed on their page).

    Follows of working groups the person can no longer see are left out
    (`groups`: the visible ones); they bring no notifications either.
    """
    rows = (
        Follow.objects.filter(user=user, question__isnull=True)
        .filter(Q(working_group__isnull=True) | Q(working_group__in=groups))
        .select_related("network", "topic", "working_group")
        .order_by("created_at", "pk")
    )
    networks, topics, working_groups = [], [], []
    for row in rows:
        if row.working_group_id:
            working_groups.append(row)
        elif row.topic_id:
            topics.append(row)
        else:
            networks.append(row)
    return Following(
        networks=sorted(networks, key=lambda row: row.network.name),
        topics=sorted(topics, key=lambda row: (row.topic.name, row.network_id is not None)),
        groups=sorted(working_groups, key=lambda row: row.working_group.title),
    )


# --- One-click unsubscribe (RFC 8058) ---------------------------------------------------------


class UnsubscribeLinkError(Exception):
    """The link was changed, belongs to nobody, or is no longer valid."""


class ExpiredUnsubscribeLinkError(UnsubscribeLinkError):
    pass


@dataclass(frozen=True)
class UnsubscribeRequest:
    user: object
    follow_id: int | None

    @property
    def follow(self) -> Follow | None:
        if self.follow_id is None:
            return None
        return (
            Follow.objects.filter(pk=self.follow_id, user=self.user)
            .select_related("network", "topic", "working_group", "question")
            .first()
        )


def unsubscribe_max_age() -> int:
    return getattr(settings, "NOTIFICATION_UNSUBSCRIBE_MAX_AGE", DEFAULT_UNSUBSCRIBE_MAX_AGE)


def unsubscribe_token(user, follow: Follow | None = None) -> str:
    payload = {"u": user.pk}
    if follow is not None:
        payload["f"] = follow.pk
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user, follow: Follow | None = None) -> str:
    path = site_path("notifications:unsubscribe", token=unsubscribe_token(user, follow))
    return absolute(path)


def read_unsubscribe_token(token: str) -> UnsubscribeRequest:
    """The request a token stands for; raises UnsubscribeLinkError (Expired… when too old)."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=unsubscribe_max_age())
    except signing.SignatureExpired as error:
        raise ExpiredUnsubscribeLinkError from error
    except signing.BadSignature as error:
        raise UnsubscribeLinkError from error
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise UnsubscribeLinkError
    follow_id = payload.get("f")
    if follow_id is not None and not isinstance(follow_id, int):
        raise UnsubscribeLinkError
    user = get_user_model().objects.filter(pk=payload["u"]).first()
    if user is None:
        raise UnsubscribeLinkError
    return UnsubscribeRequest(user=user, follow_id=follow_id)


def unsubscribe(*, request: UnsubscribeRequest) -> None:
    """Stop all notification e-mails, or the one follow; repeating it changes nothing."""
    user = request.user
    with transaction.atomic():
        if request.follow_id is not None:
            follow_row = request.follow
            if follow_row is None:
                return
            label = in_mail_language(follow_label, follow_row)
            follow_row.delete()
            record_event(
                actor=user,
                action="notifications.unsubscribed",
                target=user,
                data={"scope": "follow", "follow": request.follow_id, "label": label},
            )
            return
        if email_frequency(user) == EmailFrequency.OFF:
            return
        NotificationSettings.objects.update_or_create(
            user=user, defaults={"email": EmailFrequency.OFF}
        )
        record_event(
            actor=user,
            action="notifications.unsubscribed",
            target=user,
            data={"scope": "email"},
        )


def mask_address(address: str) -> str:
    """`m•••r@example.org`: enough to recognise one's own address, not to learn another's."""
    local, _sep, domain = address.partition("@")
    masked = local[:1] + "•••" if len(local) <= 2 else f"{local[0]}•••{local[-1]}"
    return f"{masked}@{domain}" if domain else masked


def _unsubscribe_headers(url: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _send(*, subject: str, template: str, context: dict) -> None:
    """One e-mail; the text shows the same unsubscribe link as the headers."""
    user = context["user"]
    context["unsubscribe_url"] = unsubscribe_url(user)
    EmailMessage(
        subject,
        render_to_string(template, context),
        None,
        [user.email],
        headers=_unsubscribe_headers(context["unsubscribe_url"]),
    ).send()


def _send_one(notification: Notification, follow: Follow | None = None) -> None:
    user = notification.user
    context = {
        "site_name": settings.SITE_NAME,
        "user": user,
        "notification": notification,
        "url": absolute(notification.url),
        "settings_url": absolute(reverse("notifications:settings")),
        "follow_label": follow_label(follow) if follow is not None else "",
        "unfollow_url": unsubscribe_url(user, follow) if follow is not None else "",
    }
    _send(
        # One line: titles typed with line breaks must not break the mail header.
        subject=Truncator(" ".join(notification.text.split())).chars(150),
        template="questions/email/notification.txt",
        context=context,
    )


# --- The daily and weekly digests ---------------------------------------------------------------


def pending_for_digest(user, *, until: datetime.datetime):
    """Unread notifications not mailed yet, about content the person may still see."""
    pending = Notification.objects.filter(
        user=user, emailed_at__isnull=True, read_at__isnull=True, created_at__lte=until
    )
    return visible_notifications(pending, user)


def weekly_due_before(now: datetime.datetime) -> datetime.datetime:
    """Weekly digests go to whoever got none since before this moment.

    Counted in calendar days, not hours, so that a daily run a little earlier
    than last week's still counts: last digest on a Monday (at any time) → the
    next one on the following Monday's run.
    """
    day = timezone.localdate(now) - datetime.timedelta(days=6)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Mail each person their pending notifications in one message; returns the mails sent.

    Daily (the default) and immediate recipients — the latter only for what
    was pending before they switched — get it on every run; weekly ones when
    their last digest is from 7 or more calendar days ago (or they never had
    one). Who turned e-mail off gets nothing; who lost access to a network or
    to a private working group's space gets nothing about it. A notification is
    claimed by setting `emailed_at` to this run's timestamp before the mail is
    queued in the same transaction, so a parallel run finds nothing left to send.
    """
    now = now or timezone.now()
    waiting = Notification.objects.filter(
        emailed_at__isnull=True, read_at__isnull=True, created_at__lte=now
    ).values("user")
    weekly_not_due = NotificationSettings.objects.filter(
        email=EmailFrequency.WEEKLY, last_digest_at__gte=weekly_due_before(now)
    ).values("user")
    people = (
        get_user_model()
        .objects.filter(pk__in=waiting, is_active=True)
        .exclude(email="")
        .exclude(notification_settings__email=EmailFrequency.OFF)
        .exclude(pk__in=weekly_not_due)
        .select_related("notification_settings")
        .order_by("pk")
    )
    sent = 0
    for user in people:
        with transaction.atomic():
            claimed = pending_for_digest(user, until=now).update(emailed_at=now)
            if not claimed:
                continue
            notifications = list(
                Notification.objects.filter(user=user, emailed_at=now).order_by("created_at", "pk")
            )
            NotificationSettings.objects.filter(user=user).update(last_digest_at=now)
            in_mail_language(_send_digest, user, notifications)
        sent += 1
    return sent


def _send_digest(user, notifications: list[Notification]) -> None:
    context = {
        "site_name": settings.SITE_NAME,
        "user": user,
        "weekly": email_frequency(user) == EmailFrequency.WEEKLY,
        "items": [(n, absolute(n.url)) for n in notifications],
        "list_url": absolute(reverse("notifications:list")),
        "settings_url": absolute(reverse("notifications:settings")),
    }
    subject = ngettext(
        "%(count)d new notification on %(site)s",
        "%(count)d new notifications on %(site)s",
        len(notifications),
    ) % {"count": len(notifications), "site": settings.SITE_NAME}
    _send(subject=subject, template="questions/email/digest.txt", context=context)
