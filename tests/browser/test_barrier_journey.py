"""*Barriere melden* in a real browser: an anonymous visitor reads the accessibility
statement, follows "Barriere melden" in the footer, first forgets the description
(a clear error, nothing lost), then sends the report with an e-mail address and
sees the confirmation. The coordination offices, the accessibility contact and the
sender get e-mails; a coordinator finds the ticket among the barrier reports and
sets it to "in progress".

Each page on the way is checked by axe-core, for CSP violations, console errors
and requests to other hosts (see conftest.py). Labels come from the German
catalogue where it has them, otherwise the English msgid is what a visitor sees
(`label()`), so the test keeps working once the lead adds the translations.
"""

import re

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.i18n import label, label_text
from tests.browser.signin import activate_totp, sign_in_with_totp, sign_out
from tests.browser.support import arrived, check_a11y
from tests.factories import CoordinatorFactory, NetworkFactory, UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.pages.models import BarrierReport, BarrierReportStatus

DESCRIPTION = (
    "Im Veranstaltungskalender kann ich den Filter „Netzwerk“ mit der Tastatur nicht "
    "erreichen. Ich nutze einen Screenreader (NVDA) und Firefox."
)
SENDER = "erika.mustermann@example.org"


def test_report_a_barrier_anonymously_and_handle_it(page, visit, mailoutbox):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    coordinator = CoordinatorFactory(
        network=network, user__email="orga@example.org", user__first_name="Olga"
    ).user
    secret = activate_totp(coordinator)
    admin = UserFactory(email="plattform@example.org", is_staff=True, is_superuser=True)
    bystander = UserFactory(email="mitglied@example.org")

    # 1. An anonymous visitor reads the accessibility statement and follows
    #    "Barriere melden" in the footer, which remembers the page she came from.
    visit(reverse("core:accessibility"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Erklärung zur Barrierefreiheit")
    expect(main).to_contain_text("Kontakt zur Barrierefreiheit")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name=label("Report a barrier")).click()
    arrived(page, re.compile(rf"{reverse('pages:report_barrier')}\?seite="))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("Report a barrier"))
    page_url = main.locator("input[name='page_url']")
    expect(page_url).to_have_value(reverse("core:accessibility"))
    # The honeypot is hidden from people and screen readers.
    expect(main.locator("input[name='website']")).to_be_hidden()

    # 2. Sent without a description: a clear error, the other fields keep their values.
    main.locator("input[name='name']").fill("Erika Mustermann")
    main.locator("input[name='email']").fill(SENDER)
    main.get_by_role("button", name=label("Send report")).click()
    summary = page.get_by_role("alert").filter(has_text=label_text("Please correct the following"))
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(label_text("Please describe the barrier you met."))
    expect(page).to_have_title(re.compile(rf"^{re.escape(label_text('Error:'))}"))
    description = main.locator("textarea[name='description']")
    expect(description).to_have_attribute("aria-invalid", "true")
    expect(main.locator("input[name='name']")).to_have_value("Erika Mustermann")
    expect(main.locator("input[name='email']")).to_have_value(SENDER)
    expect(page_url).to_have_value(reverse("core:accessibility"))
    check_a11y(page, "report form with errors")
    assert not BarrierReport.objects.exists()
    assert mailoutbox == []

    # The error summary links to the field it is about.
    summary.get_by_role("link").first.click()
    expect(description).to_be_focused()
    description.fill(DESCRIPTION)
    main.get_by_role("button", name=label("Send report")).click()

    # 3. The confirmation page.
    arrived(page, re.compile(rf"{reverse('pages:report_barrier')}\?gesendet=1$"))
    status = page.get_by_role("status")
    expect(status).to_contain_text(label_text("Thank you, your report has been sent."))
    expect(page.get_by_role("main").locator("form")).to_have_count(0)
    report = BarrierReport.objects.get()
    assert report.description == DESCRIPTION
    assert report.page_url == reverse("core:accessibility")
    assert (report.name, report.email) == ("Erika Mustermann", SENDER)
    assert report.status == BarrierReportStatus.OPEN
    assert report.reporter is None

    # The coordination offices, the platform admins and the accessibility contact are
    # told, one message each, replies go to the sender; she gets a confirmation.
    by_recipient = {tuple(message.to): message for message in mailoutbox}
    told = {admin.email, coordinator.email, settings.ACCESSIBILITY_CONTACT_EMAIL}
    assert set(by_recipient) == {(address,) for address in told | {SENDER}}
    assert bystander.email not in {address for message in mailoutbox for address in message.to}
    report_url = settings.SITE_URL + reverse("pages:report_detail", kwargs={"pk": report.pk})
    for address in told:
        message = by_recipient[(address,)]
        assert f"#{report.pk}" in message.subject
        assert DESCRIPTION in message.body
        assert report_url in message.body
        assert settings.SITE_URL + reverse("core:accessibility") in message.body
        assert message.reply_to == [SENDER]
    confirmation = by_recipient[(SENDER,)]
    assert str(report.pk) in confirmation.body
    assert DESCRIPTION not in confirmation.body  # nothing the sender typed goes back out
    assert report_url not in confirmation.body  # the ticket is for the coordination only

    # 4. A coordinator finds the ticket among the barrier reports and sets it to
    #    "in progress" with an internal note.
    sign_in_with_totp(page, coordinator.email, secret)
    page.wait_for_load_state("load")
    visit(reverse("pages:reports"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("Barrier reports"))
    table = main.get_by_role("table")
    row = table.get_by_role("row").filter(has_text=f"#{report.pk}")
    expect(row).to_contain_text(reverse("core:accessibility"))
    expect(row).to_contain_text(label_text("Open"))
    row.get_by_role("link", name=f"#{report.pk}").click()

    detail_url = reverse("pages:report_detail", kwargs={"pk": report.pk})
    arrived(page, re.compile(rf"{detail_url}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text(f"#{report.pk}")
    expect(main).to_contain_text(DESCRIPTION)
    expect(main.get_by_role("link", name=SENDER)).to_have_attribute("href", f"mailto:{SENDER}")
    main.get_by_role("radio", name=label("In progress")).check()
    main.locator("textarea[name='note']").fill("An das Entwicklungsteam weitergegeben.")
    main.get_by_role("button", name=label("Save")).click()

    arrived(page, re.compile(rf"{detail_url}$"))
    expect(page.get_by_role("main")).to_contain_text(label_text("The report has been updated."))
    expect(page.get_by_role("main").get_by_role("radio", name=label("In progress"))).to_be_checked()
    report.refresh_from_db()
    assert report.status == BarrierReportStatus.IN_PROGRESS
    assert report.note == "An das Entwicklungsteam weitergegeben."
    assert report.handled_by == coordinator
    event = AuditEvent.objects.get(action="barrier_report.changed")
    assert event.actor == coordinator
    assert event.data["status"] == [BarrierReportStatus.OPEN, BarrierReportStatus.IN_PROGRESS]

    # The list shows the new status and who handled it.
    page.get_by_role("navigation", name=label("Breadcrumb")).get_by_role(
        "link", name=label("Barrier reports")
    ).click()
    arrived(page, re.compile(rf"{reverse('pages:reports')}$"))
    row = page.get_by_role("main").get_by_role("row").filter(has_text=f"#{report.pk}")
    expect(row).to_contain_text(label_text("In progress"))
    expect(row).to_contain_text(coordinator.display_name)
    sign_out(page)
