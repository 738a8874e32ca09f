"""On-site notifications and their e-mails: immediately, in a daily digest, or never.

Writes, like services.py. `notify()` is called inside the transaction of the
action it reports: it creates the on-site rows for the people who may still
see the network and queues the e-mails of those who want them at once (through
core/mail.py, so a mail leaves exactly when the action commits).
`send_digests()` is run once a day (`manage.py send_notification_digest`); each
notification goes out at most once, however often or in parallel it runs.

Texts are stored in the platform's default language (German), as e-mails are
sent in it: the model keeps only a text and a URL (issue 6 adds more sources).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import ngettext

from voneinander.networks.models import Network
from voneinander.questions.models import (
    EmailFrequency,
    Notification,
    NotificationSettings,
)
from voneinander.questions.selectors import networks_accessible_to, people_with_access

MAIL_LANGUAGE = settings.LANGUAGE_CODE
TEXT_LENGTH = 300


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
    *, user_ids: Iterable[int], network: Network | None, kind: str, text: str, url: str
) -> list[Notification]:
    """Notify the people `user_ids` (ids or a values queryset) who may still see `network`."""
    if isinstance(user_ids, list | set | tuple) and not user_ids:
        return []
    if network is not None:
        recipients = people_with_access(network).filter(pk__in=user_ids)
    else:
        recipients = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    now = timezone.now()
    text = Truncator(text).chars(TEXT_LENGTH)
    notifications = [
        Notification(
            user=user,
            kind=kind,
            text=text,
            url=url,
            network=network,
            emailed_at=now if email_frequency(user) == EmailFrequency.IMMEDIATELY else None,
        )
        for user in recipients.select_related("notification_settings").order_by("pk")
    ]
    Notification.objects.bulk_create(notifications)
    for notification in notifications:
        if notification.emailed_at is not None and notification.user.email:
            in_mail_language(_send_one, notification)
    return notifications


def _send_one(notification: Notification) -> None:
    context = {
        "site_name": settings.SITE_NAME,
        "user": notification.user,
        "notification": notification,
        "url": absolute(notification.url),
        "settings_url": absolute(reverse("questions:notification_settings")),
    }
    send_mail(
        Truncator(notification.text).chars(150),
        render_to_string("questions/email/notification.txt", context),
        None,
        [notification.user.email],
    )


# --- The daily digest ----------------------------------------------------------------------


def pending_for_digest(user, *, until: datetime.datetime):
    """Unread notifications not mailed yet, about content the person may still see."""
    return Notification.objects.filter(
        user=user, emailed_at__isnull=True, read_at__isnull=True, created_at__lte=until
    ).filter(Q(network__isnull=True) | Q(network__in=networks_accessible_to(user)))


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Mail each person their pending notifications in one message; returns the mails sent.

    Who turned e-mail off gets nothing; who lost access to a network gets
    nothing about it. A notification is claimed by setting `emailed_at` to this
    run's timestamp before the mail is queued in the same transaction, so a
    parallel run finds nothing left to send.
    """
    now = now or timezone.now()
    waiting = Notification.objects.filter(
        emailed_at__isnull=True, read_at__isnull=True, created_at__lte=now
    ).values("user")
    people = (
        get_user_model()
        .objects.filter(pk__in=waiting, is_active=True)
        .exclude(email="")
        .exclude(notification_settings__email=EmailFrequency.OFF)
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
            in_mail_language(_send_digest, user, notifications)
        sent += 1
    return sent


def _send_digest(user, notifications: list[Notification]) -> None:
    context = {
        "site_name": settings.SITE_NAME,
        "user": user,
        "items": [(n, absolute(n.url)) for n in notifications],
        "list_url": absolute(reverse("questions:notifications")),
        "settings_url": absolute(reverse("questions:notification_settings")),
    }
    subject = ngettext(
        "%(count)d new notification on %(site)s",
        "%(count)d new notifications on %(site)s",
        len(notifications),
    ) % {"count": len(notifications), "site": settings.SITE_NAME}
    send_mail(subject, render_to_string("questions/email/digest.txt", context), None, [user.email])
