"""Every notification e-mail carries a signed one-click unsubscribe link (RFC 8058)."""

import datetime
import email
import email.policy
import re

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.knowledge.factories import topic
from tests.notifications.factories import NetworkFollowFactory, TopicFollowFactory
from tests.questions.factories import FollowFactory, NotificationFactory, QuestionFactory
from voneinander.audit.models import AuditEvent
from voneinander.questions import services
from voneinander.questions.models import EmailFrequency, Follow, NotificationSettings
from voneinander.questions.notifications import (
    notify_followers,
    send_digests,
    unsubscribe_max_age,
    unsubscribe_token,
)

ONE_CLICK = {"List-Unsubscribe": "One-Click"}
LINK = re.compile(r"<(?P<url>[^>]+)>")


def _frequency(user) -> str:
    row = NotificationSettings.objects.filter(user=user).first()
    return row.email if row else EmailFrequency.DAILY


def _path(url: str, settings) -> str:
    assert url.startswith(settings.SITE_URL)
    return url.removeprefix(settings.SITE_URL)


def _mail_client() -> Client:
    """A mail client's request: no session, no cookies, CSRF checks on."""
    return Client(enforce_csrf_checks=True)


def test_digest_through_smtp_carries_one_click_unsubscribe(world, smtp_server, settings):
    member = world.user("member")
    NotificationFactory(user=member, network=world.network, text="Neue Antwort", url="/a/")

    assert send_digests() == 1

    [envelope] = smtp_server.envelopes
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert envelope.rcpt_tos == [member.email]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = LINK.fullmatch(str(message["List-Unsubscribe"]).strip())["url"]
    assert url.startswith(f"{settings.SITE_URL}/benachrichtigungen/abmelden/")
    assert url in message.get_content()  # the same link in the text

    response = _mail_client().post(_path(url, settings), ONE_CLICK)

    assert response.status_code == 200
    assert _frequency(member) == EmailFrequency.OFF
    event = AuditEvent.objects.get(action="notifications.unsubscribed")
    assert (event.actor, event.target_id, event.data) == (
        member,
        str(member.pk),
        {"scope": "email"},
    )


def test_immediate_mail_carries_the_headers_and_a_link_to_stop_the_follow(world, settings):
    member = world.user("member")
    NotificationSettings.objects.create(user=member, email=EmailFrequency.IMMEDIATELY)
    mobility = topic("mobilitaet")
    follow = TopicFollowFactory(user=member, topic=mobility)

    notify_followers(
        network=world.network, topic_ids=[mobility.pk], kind="news", text="Rufbus", url="/n/1/"
    )

    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    everything = LINK.fullmatch(message.extra_headers["List-Unsubscribe"])["url"]
    assert everything in message.body
    assert "Mobilität" in message.body
    [just_this] = [
        line
        for line in message.body.splitlines()
        if "/abmelden/" in line and line.strip() != everything
    ]

    response = _mail_client().post(_path(just_this.strip(), settings), ONE_CLICK)

    assert response.status_code == 200
    assert not Follow.objects.filter(pk=follow.pk).exists()
    assert _frequency(member) == EmailFrequency.IMMEDIATELY  # only the follow stopped
    assert AuditEvent.objects.get(action="notifications.unsubscribed").data["scope"] == "follow"


def test_question_mail_carries_the_unsubscribe_headers(world):
    question = QuestionFactory(network=world.network)
    FollowFactory(user=question.author, question=question)
    NotificationSettings.objects.create(user=question.author, email=EmailFrequency.IMMEDIATELY)

    services.answer_question(question=question, author=world.user("contact"), text="Antwort")

    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "List-Unsubscribe-Post" in message.extra_headers


def test_unsubscribe_page_asks_first_and_masks_the_address(world, client):
    member = world.user("member")
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(member)})

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "m•••r@example.org" in page
    assert member.email not in page
    assert '<form method="post">' in page
    assert _frequency(member) == EmailFrequency.DAILY
    assert not response.cookies


def test_unsubscribe_twice_changes_nothing_more(world):
    member = world.user("member")
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(member)})

    first = _mail_client().post(url, ONE_CLICK)
    second = _mail_client().post(url, ONE_CLICK)

    assert (first.status_code, second.status_code) == (200, 200)
    assert _frequency(member) == EmailFrequency.OFF
    assert AuditEvent.objects.filter(action="notifications.unsubscribed").count() == 1


def test_unsubscribed_person_gets_no_digest(world):
    member = world.user("member")
    _mail_client().post(
        reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(member)}),
        ONE_CLICK,
    )
    NotificationFactory(user=member, network=world.network)

    assert send_digests() == 0
    assert mail.outbox == []


def test_tampered_token_is_refused(world):
    member = world.user("member")
    token = unsubscribe_token(member)
    other = unsubscribe_token(world.user("contact"))
    forged = other.split(":")[0] + ":" + token.split(":", 1)[1]  # contact's id, member's signature

    for bad in (forged, token[:-3] + "xyz", "kaputt"):
        url = reverse("notifications:unsubscribe", kwargs={"token": bad})
        response = _mail_client().post(url, ONE_CLICK)
        assert response.status_code == 400
        assert _german("Link not valid") in response.content.decode()

    assert not NotificationSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="notifications.unsubscribed").exists()


def test_expired_token_is_refused_with_a_way_to_the_settings(world):
    member = world.user("member")
    NetworkFollowFactory(user=member, network=world.network)
    sent = timezone.now()
    token = unsubscribe_token(member)
    url = reverse("notifications:unsubscribe", kwargs={"token": token})

    with time_machine.travel(sent + datetime.timedelta(seconds=unsubscribe_max_age() - 60)):
        assert _mail_client().get(url).status_code == 200
    with time_machine.travel(sent + datetime.timedelta(seconds=unsubscribe_max_age() + 60)):
        response = _mail_client().post(url, ONE_CLICK)

    page = response.content.decode()
    assert response.status_code == 410
    assert _german("Link expired") in page
    assert f'href="{reverse("notifications:settings")}"' in page
    assert _frequency(member) == EmailFrequency.DAILY
    assert Follow.objects.filter(user=member).count() == 1


def test_max_age_is_a_setting(world, settings):
    settings.NOTIFICATION_UNSUBSCRIBE_MAX_AGE = 60
    url = reverse(
        "notifications:unsubscribe", kwargs={"token": unsubscribe_token(world.user("member"))}
    )

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        assert _mail_client().get(url).status_code == 410


def test_expired_link_leads_to_the_settings_after_sign_in(world, client):
    response = client.get(reverse("notifications:settings"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_follow_token_for_a_removed_follow_is_harmless(world):
    member = world.user("member")
    follow = NetworkFollowFactory(user=member, network=world.network)
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(member, follow)})
    follow.delete()

    assert _mail_client().get(url).status_code == 200
    assert _mail_client().post(url, ONE_CLICK).status_code == 200
    assert _frequency(member) == EmailFrequency.DAILY


def test_unsubscribe_pages_are_csp_clean_with_one_h1(world):
    from tests.core.test_security_headers import INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE

    member = world.user("member")
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(member)})
    with time_machine.travel(timezone.now() - datetime.timedelta(days=365)):
        old = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(member)})
    pages = [
        _mail_client().get(url),
        _mail_client().post(url, ONE_CLICK),
        _mail_client().get(reverse("notifications:unsubscribe", kwargs={"token": "kaputt"})),
        _mail_client().get(old),
    ]

    for response in pages:
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html)
        assert not INLINE_STYLE.search(html)
        assert not INLINE_HANDLER.search(html)
        assert html.count("<h1") == 1
    assert [response.status_code for response in pages] == [200, 200, 400, 410]


def _german(msgid: str) -> str:
    with translation.override("de"):
        return gettext(msgid)
