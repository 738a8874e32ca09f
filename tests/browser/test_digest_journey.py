"""Following a topic and the daily digest in a real browser, with a real SMTP server:
a member follows a topic on her notification settings and switches from immediate
e-mails to a daily digest; a coordinator publishes a news item on that topic; the
digest run delivers one e-mail over SMTP that names the item and carries one-click
unsubscribe headers (RFC 8058); the link in the e-mail, opened without being signed
in, stops the e-mails after one confirmation, and the settings then say "never".

Each page on the way is checked by axe-core, for CSP violations, console errors
and requests to other hosts (see conftest.py). Labels come from the German
catalogue where it has them, otherwise the English msgid is what a visitor sees
(`label()`), so the test keeps working once the lead adds the translations.
"""

import email
import email.policy
import io
import re

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.i18n import label, label_text
from tests.browser.signin import sign_in, sign_out
from tests.browser.support import arrived
from tests.core.test_mail import _Collect, _free_port, _smtp_settings
from tests.factories import CoordinatorFactory, MembershipFactory, NetworkFactory, UserFactory
from tests.knowledge.factories import topic
from voneinander.audit.models import AuditEvent
from voneinander.news import services as news_services
from voneinander.questions.models import EmailFrequency, Follow, Notification, NotificationSettings
from voneinander.questions.notifications import follow_label

TITLE = "Rufbus fährt jetzt auch sonntags"
TEASER = "Ab Mai bringt der Rufbus die Ortsgemeinden auch am Sonntag in die Kreisstadt."
LINK = re.compile(r"<(?P<url>[^>]+)>")
DAILY = "Once a day: one e-mail with all new notifications"


@pytest.fixture
def smtp_server():
    """A real SMTP server on the loopback interface; mail is delivered to it meanwhile."""
    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    with _smtp_settings(controller):
        yield handler
    controller.stop()


def _site_path(url: str) -> str:
    """The path of an absolute link from an e-mail, to open it on the live server."""
    assert url.startswith(settings.SITE_URL + "/"), url
    return url.removeprefix(settings.SITE_URL)


def test_follow_a_topic_get_the_daily_digest_by_smtp_and_unsubscribe(page, visit, smtp_server):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    membership = MembershipFactory(network=network, municipality__name="Göllheim")
    member = UserFactory(
        email="digital@goellheim.example.org",
        first_name="Marta",
        last_name="Muster",
        municipality=membership.municipality,
        municipality_confirmed_at=timezone.now(),
    )
    NotificationSettings.objects.create(user=member, email=EmailFrequency.IMMEDIATELY)
    coordinator = CoordinatorFactory(network=network, user__email="orga@example.org").user
    mobility = topic("mobilitaet")
    settings_url = reverse("notifications:settings")

    # 1. The member follows "Mobilität" in every network ...
    sign_in(page, member.email)
    visit(settings_url)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("Notification settings"))
    expect(main).to_contain_text(label_text("You follow no topic."))
    topic_form = (
        main.locator("form")
        .filter(has=page.locator("select[name='objekt']"))
        .filter(has=page.get_by_role("button", name=label("Follow topic")))
    )
    topic_form.get_by_role("combobox", name=label("Topic")).select_option(label=mobility.name)
    expect(topic_form.locator("select[name='netzwerk']")).to_have_value("")  # every network
    topic_form.get_by_role("button", name=label("Follow topic")).click()

    arrived(page, re.compile(rf"{settings_url}$"))
    main = page.get_by_role("main")
    follow = Follow.objects.get(user=member)
    assert (follow.topic, follow.network, follow.working_group) == (mobility, None, None)
    expect(page.get_by_role("status")).to_contain_text(
        label_text("You now follow %(thing)s.") % {"thing": follow_label(follow)}
    )
    expect(main.get_by_role("button", name=re.compile(rf":\s*{mobility.name}\s*$"))).to_be_visible()

    # ... and chooses one e-mail a day instead of one per notification.
    frequency = main.get_by_role("group", name=label("E-mail about new notifications"))
    expect(
        frequency.get_by_role("radio", name=label("Immediately: one e-mail per notification"))
    ).to_be_checked()
    frequency.get_by_role("radio", name=label(DAILY)).check()
    main.get_by_role("button", name=label("Save")).click()

    arrived(page, re.compile(rf"{settings_url}$"))
    expect(page.get_by_role("status")).to_contain_text(
        label_text("Your notification settings have been saved.")
    )
    expect(page.get_by_role("main").get_by_role("radio", name=label(DAILY))).to_be_checked()
    assert NotificationSettings.objects.get(user=member).email == EmailFrequency.DAILY

    # 2. A coordinator publishes a news item on the topic (through the service the
    #    news pages use). The member is notified on the platform, not mailed yet.
    item = news_services.create_news(
        by=coordinator,
        network=network,
        data={
            "title": TITLE,
            "teaser": TEASER,
            "text": "Buchung wie gewohnt telefonisch im Rathaus.",
            "topics": [mobility],
        },
    )
    news_services.publish_news(item=item, by=coordinator)
    notification = Notification.objects.get(user=member)
    assert TITLE in notification.text
    assert notification.emailed_at is None
    assert smtp_server.envelopes == []
    assert not Notification.objects.filter(user=coordinator).exists()  # not to the author

    # 3. The digest run delivers one e-mail over SMTP.
    out = io.StringIO()
    call_command("send_notification_digest", stdout=out)
    assert out.getvalue().strip().startswith("1")

    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == [member.email]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    body = message.get_content()
    item_url = settings.SITE_URL + item.get_absolute_url()
    assert TITLE in body
    assert item_url in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = LINK.fullmatch(str(message["List-Unsubscribe"]).strip())["url"]
    assert unsubscribe_url.startswith(settings.SITE_URL + "/benachrichtigungen/abmelden/")
    assert unsubscribe_url in body  # the same link for people, in the text
    notification.refresh_from_db()
    assert notification.emailed_at is not None

    # A second run sends nothing again.
    call_command("send_notification_digest", stdout=io.StringIO())
    assert len(smtp_server.envelopes) == 1

    # The link in the e-mail leads to the item.
    visit(_site_path(item_url))
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text(TITLE)
    sign_out(page)

    # 4. The unsubscribe link, opened without being signed in, asks once ...
    visit(_site_path(unsubscribe_url))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("Stop e-mails"))
    expect(main).to_contain_text("d•••l@goellheim.example.org")
    expect(main).not_to_contain_text(member.email)
    assert NotificationSettings.objects.get(user=member).email == EmailFrequency.DAILY
    main.get_by_role("button", name=label("Stop e-mails")).click()

    # ... and stops every e-mail about notifications.
    arrived(page, re.compile(rf"{re.escape(_site_path(unsubscribe_url))}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("E-mails stopped"))
    expect(main.get_by_role("status")).to_contain_text("d•••l@goellheim.example.org")
    assert NotificationSettings.objects.get(user=member).email == EmailFrequency.OFF
    event = AuditEvent.objects.get(action="notifications.unsubscribed")
    assert (event.actor, event.data) == (member, {"scope": "email"})
    assert Follow.objects.filter(user=member, topic=mobility).exists()  # the follow stays

    # 5. Signed in again, the settings say "never"; the topic is still followed.
    sign_in(page, member.email)
    visit(settings_url)
    main = page.get_by_role("main")
    frequency = main.get_by_role("group", name=label("E-mail about new notifications"))
    expect(
        frequency.get_by_role("radio", name=label("Never: only here on the platform"))
    ).to_be_checked()
    expect(frequency.get_by_role("radio", name=label(DAILY))).not_to_be_checked()
    expect(main.get_by_role("button", name=re.compile(rf":\s*{mobility.name}\s*$"))).to_be_visible()
    sign_out(page)
