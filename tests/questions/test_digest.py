"""The daily e-mail digest: once per notification, only with access, respecting the choice."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.questions.factories import NotificationFactory, member_of
from voneinander.questions.models import EmailFrequency, Notification, NotificationSettings
from voneinander.questions.notifications import send_digests
from voneinander.questions.tasks import send_notification_digest


def test_digest_sends_one_mail_per_person_with_all_pending(world, settings):
    member, contact = world.user("member"), world.user("contact")
    first = NotificationFactory(user=member, network=world.network, text="Erste", url="/a/")
    NotificationFactory(user=member, network=world.network, text="Zweite", url="/b/")
    NotificationFactory(user=contact, network=world.network, text="Dritte", url="/c/")

    sent = send_digests()

    assert sent == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {member.email, contact.email}
    body = by_recipient[member.email].body
    assert body.index("- Erste") < body.index("- Zweite")
    assert f"{settings.SITE_URL}/a/" in body
    assert "Dritte" not in body
    assert "2" in by_recipient[member.email].subject
    first.refresh_from_db()
    assert first.emailed_at is not None


def test_digest_is_idempotent(world):
    NotificationFactory(user=world.user("member"), network=world.network)

    assert send_digests() == 1
    assert send_digests() == 0
    call_command("send_notification_digest", stdout=StringIO())

    assert len(mail.outbox) == 1


def test_digest_sends_only_what_is_new_since_the_last_one(world):
    member = world.user("member")
    NotificationFactory(user=member, network=world.network, text="Gestern")
    send_digests()
    NotificationFactory(user=member, network=world.network, text="Heute")

    send_digests()

    assert len(mail.outbox) == 2
    assert "Heute" in mail.outbox[1].body
    assert "Gestern" not in mail.outbox[1].body


def test_digest_leaves_out_read_notifications(world):
    NotificationFactory(user=world.user("member"), network=world.network, read_at=timezone.now())

    assert send_digests() == 0
    assert mail.outbox == []


def test_digest_leaves_out_notifications_newer_than_the_run(world):
    later = NotificationFactory(user=world.user("member"), network=world.network)

    assert send_digests(now=later.created_at - datetime.timedelta(seconds=1)) == 0
    assert send_digests() == 1


def test_digest_respects_the_email_choice(world):
    off, immediate = member_of(world.network), member_of(world.network)
    NotificationSettings.objects.create(user=off, email=EmailFrequency.OFF)
    NotificationSettings.objects.create(user=immediate, email=EmailFrequency.IMMEDIATELY)
    NotificationFactory(user=off, network=world.network)
    # Pending from before the switch to "immediately": still mailed once.
    NotificationFactory(user=immediate, network=world.network)

    send_digests()

    assert [message.to for message in mail.outbox] == [[immediate.email]]
    assert Notification.objects.get(user=off).emailed_at is None


def test_digest_checks_access_at_send_time(world):
    person = member_of(world.network)
    NotificationFactory(user=person, network=world.network, text="Aus Alpha")
    NotificationFactory(user=person, network=None, text="Allgemein")
    person.municipality.memberships.update(status="left")

    send_digests()

    assert len(mail.outbox) == 1
    assert "Allgemein" in mail.outbox[0].body
    assert "Aus Alpha" not in mail.outbox[0].body
    assert Notification.objects.get(text="Aus Alpha").emailed_at is None


def test_digest_skips_deactivated_people(world):
    person = member_of(world.network, is_active=False)
    NotificationFactory(user=person, network=world.network)

    assert send_digests() == 0


def test_digest_claims_before_sending(world):
    """A parallel run that starts after this one claimed the rows finds nothing."""
    member = world.user("member")
    note = NotificationFactory(user=member, network=world.network)
    Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())

    assert send_digests() == 0


def test_digest_task_and_queue_option(world):
    NotificationFactory(user=world.user("member"), network=world.network)
    out = StringIO()

    call_command("send_notification_digest", "--queue", stdout=out)

    assert len(mail.outbox) == 1  # tests run tasks immediately
    assert send_notification_digest.call() == 0
