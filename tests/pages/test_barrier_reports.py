import pytest
from django.urls import reverse

from tests.factories import CoordinatorFactory, UserFactory
from tests.pages.factories import BarrierReportFactory
from voneinander.audit.models import AuditEvent
from voneinander.pages import throttling
from voneinander.pages.models import BarrierReport

URL = reverse("pages:report_barrier")
VALID = {
    "description": "Der Kalender lässt sich mit der Tastatur nicht bedienen.",
    "page_url": "/veranstaltungen/",
    "name": "Erika Mustermann",
    "email": "erika@example.org",
    "website": "",
}


def _errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_report_without_description_is_refused_with_a_clear_message(client, db):
    response = client.post(URL, {**VALID, "description": "   "})

    assert response.status_code == 200
    assert _errors(response, "description") == ["Bitte beschreiben Sie die Barriere."] or _errors(
        response, "description"
    ) == ["Please describe the barrier you met."]
    assert response.context["form"]["email"].value() == "erika@example.org"  # input kept
    assert not BarrierReport.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "https://boese.example.com/seite/",
        "//boese.example.com/seite/",
        "javascript:alert(1)",
        "veranstaltungen/",
        "/\\boese.example.com",
        "ftp://testserver/datei",
    ],
)
def test_report_with_a_foreign_address_is_refused(client, db, address):
    response = client.post(URL, {**VALID, "page_url": address})

    assert response.status_code == 200
    assert len(_errors(response, "page_url")) == 1
    assert "/veranstaltungen/" in _errors(response, "page_url")[0]
    assert not BarrierReport.objects.exists()


def test_report_accepts_the_full_address_of_a_page_here_and_keeps_the_path(client, db):
    client.post(URL, {**VALID, "page_url": "http://testserver/veranstaltungen/?seite=2"})

    assert BarrierReport.objects.get().page_url == "/veranstaltungen/?seite=2"


def test_report_form_prefills_the_page_the_person_came_from(client, db):
    response = client.get(URL, {"seite": "/netzwerke/alpha/"})

    assert response.context["form"]["page_url"].value() == "/netzwerke/alpha/"


def test_report_form_ignores_a_foreign_page_in_the_link(client, db):
    response = client.get(URL, {"seite": "https://boese.example.com/"})

    assert response.context["form"]["page_url"].value() is None


def test_footer_links_the_report_form_with_the_current_page(client, db):
    html = client.get(reverse("networks:list")).content.decode()

    assert f'href="{URL}?seite=%2Fnetzwerke%2F"' in html


def test_report_is_saved_and_mailed_to_admins_and_all_coordinators_once(
    client, world, mailoutbox, settings
):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "Barrierefreiheit@example.org"
    # The beta coordinator is an admin too, and the contact address is also a coordinator's:
    # each address gets one message.
    beta = CoordinatorFactory(network=world.other_network).user
    beta.is_superuser = True
    beta.save()
    CoordinatorFactory(network=world.network, user__email="barrierefreiheit@example.org")
    UserFactory(email="inactive-admin@example.org", is_superuser=True, is_active=False)

    response = client.post(URL, VALID)

    assert response.status_code == 302
    assert response["Location"] == URL + "?gesendet=1"
    report = BarrierReport.objects.get()
    assert report.description == VALID["description"]
    assert report.page_url == "/veranstaltungen/"
    assert (report.name, report.email, report.reporter, report.status) == (
        "Erika Mustermann",
        "erika@example.org",
        None,
        "open",
    )
    to_handlers = [mail for mail in mailoutbox if mail.to != ["erika@example.org"]]
    recipients = sorted(address.lower() for mail in to_handlers for address in mail.to)
    assert recipients == sorted(
        [
            "admin@example.org",
            beta.email,
            "coordinator@example.org",
            "coordinator2@example.org",
            "beta-coordinator@example.org",
            "barrierefreiheit@example.org",
        ]
    )
    assert all(len(mail.to) == 1 for mail in to_handlers)  # nobody sees the others
    first = to_handlers[0]
    assert f"#{report.pk}" in first.subject
    assert VALID["description"] in first.body
    assert (
        "http://127.0.0.1:8000/veranstaltungen/" in first.body or "/veranstaltungen/" in first.body
    )
    assert reverse("pages:report_detail", kwargs={"pk": report.pk}) in first.body
    assert first.reply_to == ["erika@example.org"]


def test_report_is_confirmed_to_the_sender_without_repeating_their_text(client, world, mailoutbox):
    # The address is not verified: the form must not mail chosen text to a stranger.
    client.post(URL, {**VALID, "name": "Kundenservice https://phish.example"})

    report = BarrierReport.objects.get()
    confirmations = [mail for mail in mailoutbox if mail.to == ["erika@example.org"]]
    assert len(confirmations) == 1
    assert str(report.pk) in confirmations[0].body
    assert "phish" not in confirmations[0].body
    assert VALID["description"] not in confirmations[0].body


def test_report_without_e_mail_address_gets_no_confirmation(client, world, mailoutbox):
    client.post(URL, {**VALID, "email": "", "name": ""})

    report = BarrierReport.objects.get()
    assert report.email == ""
    assert mailoutbox  # the coordinators are told
    assert all(mail.reply_to == [] for mail in mailoutbox)
    assert "erika@example.org" not in [address for mail in mailoutbox for address in mail.to]


def test_thank_you_page_explains_the_answer(client, db):
    response = client.get(URL, {"gesendet": "1"})

    assert response.context["sent"] is True
    assert "form" in response.context  # the page still renders for a second report


def test_signed_in_reporter_is_remembered_and_prefilled(client_as, world):
    member = world.user("member")
    client = client_as(member)

    prefilled = client.get(URL).context["form"]
    client.post(URL, {**VALID, "email": member.email})

    assert prefilled["email"].value() == member.email
    assert BarrierReport.objects.get().reporter == member


def test_honeypot_filled_in_saves_nothing_and_mails_nobody(client, world, mailoutbox):
    response = client.post(URL, {**VALID, "website": "https://spam.example.com"})

    assert response.status_code == 302  # a bot learns nothing
    assert not BarrierReport.objects.exists()
    assert mailoutbox == []


def test_honeypot_is_hidden_from_people(client, db):
    html = client.get(URL).content.decode()

    hidden = html.split("<div hidden>", 1)[1].split("</div>", 1)[0]
    assert 'name="website"' in hidden
    assert html.count('name="website"') == 1


def test_rate_limit_refuses_further_reports_with_a_clear_message(client, world):
    for _number in range(throttling.BARRIER_REPORTS_PER_HOUR):
        assert client.post(URL, VALID).status_code == 302

    response = client.post(URL, {**VALID, "description": "Noch eine Barriere"})

    assert response.status_code == 429
    message = response.context["form"].non_field_errors()[0]
    assert "hour" in message or "Stunde" in message
    assert response.context["form"]["description"].value() == "Noch eine Barriere"
    assert BarrierReport.objects.count() == throttling.BARRIER_REPORTS_PER_HOUR


def test_rate_limit_counts_per_address(client, world):
    for _number in range(throttling.BARRIER_REPORTS_PER_HOUR):
        client.post(URL, VALID, REMOTE_ADDR="10.0.0.1")

    response = client.post(URL, VALID, REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302
    assert BarrierReport.objects.count() == throttling.BARRIER_REPORTS_PER_HOUR + 1


def test_anonymous_report_sets_no_cookie(client, world):
    client.get(URL)
    response = client.post(URL, VALID, HTTP_ORIGIN="http://testserver")
    client.get(response["Location"])

    assert BarrierReport.objects.count() == 1
    assert client.cookies == {}


# --- Handling the reports --------------------------------------------------------------


def test_report_list_filters_by_status(client_as, world):
    open_report = BarrierReportFactory(description="Offene Barriere")
    BarrierReportFactory(description="Erledigte Barriere", status="resolved")

    response = client_as(world.user("coordinator")).get(
        reverse("pages:reports"), {"status": "open"}
    )

    assert list(response.context["reports"]) == [open_report]
    assert response.context["counts"] == {"open": 1, "in_progress": 0, "resolved": 1}


def test_report_list_with_an_unknown_status_shows_everything(client_as, world):
    BarrierReportFactory.create_batch(2)

    response = client_as(world.user("admin")).get(reverse("pages:reports"), {"status": "kaputt"})

    assert response.status_code == 200
    assert len(response.context["reports"]) == 2
    assert "status" in response.context["filter_form"].errors


@pytest.mark.parametrize("count", [1, 15])
def test_report_list_queries_do_not_grow(client_as, world, django_assert_max_num_queries, count):
    coordinator = world.user("coordinator")
    BarrierReportFactory.create_batch(count, handled_by=coordinator, status="in_progress")
    client = client_as(coordinator)
    client.get(reverse("pages:reports"))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("pages:reports"))

    assert len(response.context["reports"]) == count


def test_coordinator_sets_status_and_note_and_it_is_audited(client_as, world):
    report = BarrierReportFactory()
    coordinator = world.user("coordinator")
    url = reverse("pages:report_detail", kwargs={"pk": report.pk})

    response = client_as(coordinator).post(
        url, {"status": "in_progress", "note": "An das Entwicklungsteam gegeben."}
    )

    assert response["Location"] == url
    report.refresh_from_db()
    assert (report.status, report.note, report.handled_by) == (
        "in_progress",
        "An das Entwicklungsteam gegeben.",
        coordinator,
    )
    event = AuditEvent.objects.get(action="barrier_report.changed")
    assert event.actor == coordinator
    assert event.data == {"status": ["open", "in_progress"], "note": True}


def test_saving_an_unchanged_report_writes_no_audit_entry(client_as, world):
    report = BarrierReportFactory(status="resolved", note="Erledigt")

    client_as(world.user("admin")).post(
        reverse("pages:report_detail", kwargs={"pk": report.pk}),
        {"status": "resolved", "note": "Erledigt"},
    )

    assert not AuditEvent.objects.filter(action="barrier_report.changed").exists()


def test_invalid_status_is_refused_and_nothing_changes(client_as, world):
    report = BarrierReportFactory()

    response = client_as(world.user("admin")).post(
        reverse("pages:report_detail", kwargs={"pk": report.pk}),
        {"status": "geloescht", "note": "Notiz"},
    )

    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert response.context["form"]["note"].value() == "Notiz"
    report.refresh_from_db()
    assert report.status == "open"


def test_report_detail_shows_the_report_to_coordinators(client_as, world):
    report = BarrierReportFactory(description="Kontrast zu schwach", email="")

    html = (
        client_as(world.user("coordinator"))
        .get(reverse("pages:report_detail", kwargs={"pk": report.pk}))
        .content.decode()
    )

    assert "Kontrast zu schwach" in html
    assert 'href="/veranstaltungen/"' in html


def test_footer_link_names_the_current_page(client, world):
    page = client.get(reverse("events:list")).content.decode()
    assert f'href="{URL}?seite=%2Fveranstaltungen%2F"' in page


def test_footer_link_never_carries_a_secret_address(client, world):
    # An unsubscribe link's token would otherwise be mailed to everyone who handles reports.
    unsubscribe = reverse("notifications:unsubscribe", kwargs={"token": "geheim"})
    page = client.get(unsubscribe).content.decode()
    assert "geheim" not in page.split("<footer")[1]
    assert f'href="{URL}"' in page


def test_rate_limit_counts_and_checks_each_report_in_one_step(rf, db):
    request = rf.post(URL, REMOTE_ADDR="10.0.0.9")

    taken = [throttling.take_barrier_report_slot(request) for _number in range(7)]

    assert taken == [True] * throttling.BARRIER_REPORTS_PER_HOUR + [False, False]
