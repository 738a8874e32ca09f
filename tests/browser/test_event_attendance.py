"""Attendance in a real browser: the organiser checks people in (event and session, with
htmx), sets the list's visibility and self check-in, exports the list; a participant
checks in during the event, confirms a session, downloads the certificate and sees the
participant list with only the people who agreed.

Every page on the way is checked by axe-core, for CSP violations, console errors and
requests to other hosts (see conftest.py). The new strings have no German translation
yet, so buttons are found by their name, id and data- attributes.
"""

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.signin import sign_in_with_password, sign_out
from tests.events.factories import (
    EventFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
)
from tests.factories import NetworkFactory, UserFactory
from voneinander.events.models import Event, Registration, SessionBooking


def _running_event():
    now = timezone.now()
    organiser = UserFactory(email="orga@example.org", first_name="Olga", last_name="Orga")
    event = EventFactory(
        networks=[NetworkFactory()],
        title="Werkstatttag Digitale Dörfer",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=5),
        organisers=[organiser],
    )
    workshop = SessionFactory(
        event=event,
        title="Digitale Dörfer – Smarte Lösungen",
        starts_at=now - datetime.timedelta(minutes=30),
        ends_at=now + datetime.timedelta(minutes=90),
    )
    return event, workshop, organiser


def _registered(event, workshop, first, last, *, consent):
    person = UserFactory(email=f"{first.lower()}@example.org", first_name=first, last_name=last)
    registration = RegistrationFactory(event=event, user=person, list_consent=consent)
    SessionBookingFactory(registration=registration, session=workshop)
    return registration


def test_check_in_attendance_certificate_and_participant_list(page, visit):
    event, workshop, organiser = _running_event()
    anna = _registered(event, workshop, "Anna", "Zeigen", consent=True)
    _registered(event, workshop, "Bernd", "Verborgen", consent=False)
    jana = _registered(event, workshop, "Jana", "Schäfer", consent=False)

    # The organiser checks Anna in from the list (htmx swaps the row).
    sign_in_with_password(page, organiser.email)
    visit(reverse("events:manage", kwargs={"slug": event.slug}))
    manage_url = reverse("events:participants_manage", kwargs={"slug": event.slug})
    page.locator(f"main a[href='{manage_url}']").first.click()
    expect(page).to_have_url(f"{page.url.split('/veranstaltungen/')[0]}{manage_url}")
    page.locator(f"#check-in-{anna.pk}").click()
    expect(page.locator(f"#person-{anna.pk} [data-checked-in]")).to_have_attribute(
        "data-checked-in", "yes"
    )
    assert Registration.objects.get(pk=anna.pk).checked_in_at is not None

    # … and marks her present in the workshop.
    session_url = reverse(
        "events:session_attendance", kwargs={"slug": event.slug, "pk": workshop.pk}
    )
    page.locator(f"a[href='{session_url}']").click()
    booking = SessionBooking.objects.get(registration=anna)
    page.locator(f"#attended-{booking.pk}").click()
    expect(page.locator(f"#booking-{booking.pk} [data-attended]")).to_have_attribute(
        "data-attended", "yes"
    )

    # Participants may see the list and check in themselves.
    visit(reverse("events:participants_settings", kwargs={"slug": event.slug}))
    page.locator("input[name='participant_list_visibility'][value='participants']").check()
    page.locator("input[name='self_check_in']").check()
    page.locator("button[name='save']").click()
    expect(page).to_have_url(f"{page.url.split('/veranstaltungen/')[0]}{manage_url}")
    event = Event.objects.get(pk=event.pk)
    assert (event.participant_list_visibility, event.self_check_in) == ("participants", True)

    # The export opens as a spreadsheet with everyone.
    export = page.request.get(
        reverse("events:participants_export_xlsx", kwargs={"slug": event.slug})
    )
    assert export.status == 200
    sheet = load_workbook(io.BytesIO(export.body())).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Anna Zeigen", "Bernd Verborgen", "Jana Schäfer"]
    sign_out(page)

    # Jana checks in on the event page and confirms the running workshop.
    sign_in_with_password(page, jana.user.email)
    visit(event.get_absolute_url())
    page.locator("[data-action='self-check-in']").click()
    expect(page.locator("[data-attendance='checked-in']")).to_be_visible()
    page.locator(f"[data-action='self-check-in-session'][data-session='{workshop.pk}']").click()
    expect(page.locator("[data-action='certificate']")).to_be_visible()
    assert SessionBooking.objects.get(registration=jana).attended is True

    # The certificate names her, the event and the workshop.
    certificate = page.request.get(
        page.locator("[data-action='certificate']").get_attribute("href")
    )
    assert certificate.status == 200
    assert certificate.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate.body())).pages)
    assert "Jana Schäfer" in text
    assert "Werkstatttag Digitale Dörfer" in text
    assert "Digitale Dörfer – Smarte Lösungen" in text

    # The list shows only Anna, who agreed; Jana adds herself.
    visit(reverse("events:participants", kwargs={"slug": event.slug}))
    listing = page.locator("[data-participant-list]")
    expect(listing).to_contain_text("Anna Zeigen")
    expect(page.get_by_role("main")).not_to_contain_text("Verborgen")
    expect(listing).not_to_contain_text("Jana Schäfer")
    page.locator("[data-action='give-consent']").click()
    expect(page.locator("[data-participant-list]")).to_contain_text("Jana Schäfer")
    expect(page.get_by_role("main")).not_to_contain_text("Verborgen")
    sign_out(page)
