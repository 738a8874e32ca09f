"""Events in a real browser: register for workshops under the congress rules,
be refused with the rule named, wait and move up, rank preferences and receive
an allocation, download the calendar file.

Every page on the way is checked by axe-core, for CSP violations, console
errors and requests to other hosts (see conftest.py). Button names come from
the German catalogue (see tests/browser/i18n.py).
"""

import re

from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.i18n import de
from tests.browser.signin import sign_in_with_password, sign_out
from tests.events.factories import PreferenceFactory, RegistrationFactory
from tests.events.registration_factories import congress
from tests.factories import UserFactory
from voneinander.events import allocation_services, registration_services
from voneinander.events.models import Registration, SessionBooking


def _checkbox(page, title: str):
    return page.get_by_role("checkbox", name=re.compile(rf"^\s*{re.escape(title)}\s+\d"))


def _alert_text(page) -> str:
    alert = page.get_by_role("alert").first
    expect(alert).to_be_visible()
    return alert.inner_text()


def test_register_under_the_rules_wait_and_move_up(page, visit):
    c = congress(capacity=1)
    holder = registration_services.register(
        event=c.event, user=UserFactory(email="frueh@example.org"), sessions=[c.home_2]
    )
    person = UserFactory(email="teilnehmerin@example.org")
    sign_in_with_password(page, person.email)
    visit(c.event.get_absolute_url())

    # Three workshops: the maximum of two is named, with the choices.
    for title in ["Digitale Stadt I", "Zukunfts-Check Dorf", "Digitale Stadt II"]:
        _checkbox(page, title).check()
    page.get_by_role("button", name=de("Register")).click()
    message = _alert_text(page)
    assert "2" in message and "Digitale Stadt" in message
    assert not Registration.objects.filter(user=person).exists()

    # The same topic twice: the topic rule is named with both workshops.
    visit(c.event.get_absolute_url())
    _checkbox(page, "Digitale Stadt I").check()
    _checkbox(page, "Digitale Stadt II").check()
    page.get_by_role("button", name=de("Register")).click()
    message = _alert_text(page)
    assert "Digitale Stadt I" in message and "Digitale Stadt II" in message
    assert not Registration.objects.filter(user=person).exists()

    # Two allowed workshops, one of them full: the waiting list is offered and taken.
    visit(c.event.get_absolute_url())
    _checkbox(page, "Digitale Stadt I").check()
    _checkbox(page, "Homeoffice und Führung").check()
    page.locator("input[name='join_waitlist']").check()
    page.get_by_role("button", name=de("Register")).click()
    registration = Registration.objects.get(user=person, event=c.event)
    statuses = dict(registration.bookings.values_list("session__title", "status"))
    assert statuses == {"Digitale Stadt I": "confirmed", "Homeoffice und Führung": "waitlisted"}

    # The calendar file holds the event and the booked sessions.
    ics_links = page.locator("a[href$='.ics']")
    expect(ics_links.first).to_be_attached()
    ics = page.request.get(ics_links.first.get_attribute("href"))
    assert ics.status == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    summaries = {str(item.get("summary")) for item in Calendar.from_ical(ics.body()).walk("VEVENT")}
    assert any("Kommunalkongress" in summary for summary in summaries)

    # The early bird cancels: the waiting person moves up and is told by e-mail.
    mail.outbox.clear()
    registration_services.cancel_booking(booking=holder.bookings.get(), by=holder.user)
    assert (
        SessionBooking.objects.get(registration=registration, session=c.home_2).status
        == "confirmed"
    )
    assert any(person.email in message.to for message in mail.outbox)
    visit(reverse("events:my_registrations"))
    expect(page.get_by_role("main")).to_contain_text("Homeoffice und Führung")
    sign_out(page)


def test_rank_preferences_and_receive_the_allocation(page, visit):
    c = congress(
        capacity=1,
        allocation_mode="preferences",
        title="Werkstatttag",
    )
    person = UserFactory(email="wunsch@example.org")
    registration_services.register(event=c.event, user=person)
    # A rival who ranks Digitale Stadt I first as well, with a recorded seed deciding.
    rival = RegistrationFactory(event=c.event, user=UserFactory(email="rival@example.org"))
    PreferenceFactory(registration=rival, session=c.stadt_1, rank=1)

    sign_in_with_password(page, person.email)
    visit(reverse("events:preferences", kwargs={"slug": c.event.slug}))
    selects = page.get_by_role("combobox")
    expect(selects.first).to_be_visible()
    # Rank 1: Zukunfts-Check Dorf, rank 2: Homeoffice und Führung.
    page.get_by_role("combobox", name=re.compile("Zukunfts-Check Dorf")).select_option("1")
    page.get_by_role("combobox", name=re.compile("Homeoffice und Führung")).select_option("2")
    page.get_by_role("main").get_by_role("button").last.click()
    ranks = dict(
        Registration.objects.get(user=person, event=c.event).preferences.values_list(
            "session__title", "rank"
        )
    )
    assert ranks == {"Zukunfts-Check Dorf": 1, "Homeoffice und Führung": 2}

    # The organiser allocates and publishes; everyone is told.
    organiser = UserFactory(is_staff=True, is_superuser=True)
    run = allocation_services.run_allocation(event=c.event, by=organiser, seed=7)
    mail.outbox.clear()
    allocation_services.publish_allocation(run=run, by=organiser)
    booked = set(
        SessionBooking.objects.filter(registration__user=person, status="confirmed").values_list(
            "session__title", flat=True
        )
    )
    assert booked == {"Zukunfts-Check Dorf", "Homeoffice und Führung"}
    assert any(person.email in message.to for message in mail.outbox)
    visit(c.event.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("Zukunfts-Check Dorf")
