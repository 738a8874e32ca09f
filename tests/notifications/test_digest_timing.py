"""Daily and weekly digests: when each person gets theirs, and exactly once."""

import datetime

import time_machine
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext

from tests.questions.factories import NotificationFactory
from voneinander.questions.models import EmailFrequency, NotificationSettings
from voneinander.questions.notifications import (
    in_mail_language,
    send_digests,
    weekly_due_before,
)

MONDAY = datetime.datetime(2026, 3, 2, 6, 0)
WEEKLY = "You get this e-mail once a week when there is something new. Change it here:"
DAILY = "You get this e-mail once a day when there is something new. Change it here:"


def _at(day: datetime.datetime):
    return time_machine.travel(timezone.make_aware(day), tick=False)


def _weekly(user, last=None):
    return NotificationSettings.objects.create(
        user=user, email=EmailFrequency.WEEKLY, last_digest_at=last
    )


def test_weekly_digest_goes_out_on_the_first_run_then_after_seven_days(world):
    member = world.user("member")
    _weekly(member)
    sent_on = []
    for offset in range(15):
        day = MONDAY + datetime.timedelta(days=offset, minutes=-offset)  # a little earlier each day
        with _at(day):
            NotificationFactory(user=member, network=world.network)
            if send_digests():
                sent_on.append(offset)

    assert sent_on == [0, 7, 14]
    assert in_mail_language(gettext, WEEKLY) in mail.outbox[1].body
    assert mail.outbox[1].body.count("\n- ") == 7  # everything from the week in one e-mail


def test_daily_digest_goes_out_every_day(world):
    member, contact = world.user("member"), world.user("contact")
    NotificationSettings.objects.create(user=contact, email=EmailFrequency.DAILY)
    for offset in range(3):
        with _at(MONDAY + datetime.timedelta(days=offset)):
            NotificationFactory(user=member, network=world.network)
            NotificationFactory(user=contact, network=world.network)
            assert send_digests() == 2

    assert len(mail.outbox) == 6
    assert in_mail_language(gettext, DAILY) in mail.outbox[0].body


def test_digest_records_when_it_was_sent(world):
    member = world.user("member")
    row = _weekly(member)

    with _at(MONDAY):
        NotificationFactory(user=member, network=world.network)
        send_digests()

    row.refresh_from_db()
    assert row.last_digest_at == timezone.make_aware(MONDAY)


def test_weekly_recipient_with_nothing_new_gets_nothing_and_keeps_the_date(world):
    member = world.user("member")
    last = timezone.make_aware(MONDAY - datetime.timedelta(days=10))
    row = _weekly(member, last=last)

    with _at(MONDAY):
        assert send_digests() == 0

    row.refresh_from_db()
    assert row.last_digest_at == last


def test_switching_to_weekly_after_a_daily_digest_waits_a_week(world):
    member = world.user("member")
    with _at(MONDAY):
        NotificationFactory(user=member, network=world.network)
        send_digests()
    NotificationSettings.objects.create(user=member, email=EmailFrequency.WEEKLY)
    NotificationSettings.objects.filter(user=member).update(
        last_digest_at=timezone.make_aware(MONDAY)
    )

    with _at(MONDAY + datetime.timedelta(days=3)):
        NotificationFactory(user=member, network=world.network)
        assert send_digests() == 0
    with _at(MONDAY + datetime.timedelta(days=7)):
        assert send_digests() == 1


def test_weekly_threshold_counts_calendar_days():
    now = timezone.make_aware(datetime.datetime(2026, 3, 9, 5, 59))

    assert weekly_due_before(now) == timezone.make_aware(datetime.datetime(2026, 3, 3, 0, 0))
