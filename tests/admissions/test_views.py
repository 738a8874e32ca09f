"""The admission pages: apply form (with and without JavaScript), lists, decisions, PDFs."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from tests.admissions import pdfs
from tests.admissions.factories import ApplicationFactory
from tests.factories import MunicipalityFactory, UserFactory
from voneinander.admissions import services
from voneinander.admissions.forms import LETTER_AGAIN
from voneinander.admissions.letters import MESSAGES
from voneinander.admissions.models import Application, ApplicationState
from voneinander.municipalities.models import MunicipalityKind

APPLY = reverse("admissions:apply", kwargs={"slug": "alpha"})


def _post(client, **fields):
    data = {
        "municipality": "Neudorf",
        "letter": pdfs.upload(pdfs.letter_pdf()),
        "applicant_is_contact": "on",
        "message": "Wir möchten von den anderen lernen.",
        **fields,
    }
    return client.post(APPLY, data)


def _text(message) -> str:
    return escape(gettext(str(message)))


@pytest.fixture
def neudorf(db):
    return MunicipalityFactory(name="Neudorf", ags="07111222")


# --- Applying -------------------------------------------------------------------------


def test_apply_form_offers_the_search_field_and_the_network_topics(world, client_as):
    world.network.topics = ["Open Data"]
    world.network.save()
    page = client_as(world.user("user")).get(APPLY).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'hx-get="/kommunen/suche/"' in page
    assert 'name="municipality_pick"' in page
    assert "municipalities/search.js" in page
    assert 'accept="application/pdf,.pdf"' in page
    assert 'value="Open Data"' in page
    assert 'id="id_applicant_is_contact" checked' in page


def test_apply_without_javascript_by_exact_name(world, client_as, neudorf):
    mail.outbox.clear()
    response = _post(client_as(world.user("user")))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admissions:detail", kwargs={"pk": application.pk})
    assert (application.municipality, application.applicant, application.state) == (
        neudorf,
        world.user("user"),
        ApplicationState.SUBMITTED,
    )
    assert application.message == "Wir möchten von den anderen lernen."
    assert len(mail.outbox) == 3  # the applicant and two coordinators


def test_apply_with_a_pick_from_the_live_list(world, client_as, neudorf):
    MunicipalityFactory(name="Neudorf")  # a namesake, e.g. in another district
    response = _post(
        client_as(world.user("user")), municipality=str(neudorf), municipality_pick=neudorf.pk
    )
    assert response.status_code == 302
    assert Application.objects.get().municipality == neudorf


def test_apply_with_an_ambiguous_name_offers_candidates_and_keeps_the_input(world, client_as):
    north = MunicipalityFactory(name="Bergheim (Nord)")
    south = MunicipalityFactory(name="Bergheim (Süd)")
    elsewhere = MunicipalityFactory(name="Talheim")
    client = client_as(world.user("user"))
    response = _post(client, municipality="Bergh", contact_1_name="Karla Kollegin")
    assert response.status_code == 200
    page = response.content.decode()
    assert not Application.objects.exists()
    assert f'name="municipality_choice" value="{north.pk}"' in page
    assert f'name="municipality_choice" value="{south.pk}"' in page
    assert f'value="{elsewhere.pk}"' not in page
    assert 'value="Bergh"' in page
    assert 'value="Karla Kollegin"' in page
    assert "Wir möchten von den anderen lernen." in page
    assert _text(LETTER_AGAIN) in page


def test_apply_with_a_unique_partial_name(world, client_as):
    MunicipalityFactory(name="Bergheim")
    wanted = MunicipalityFactory(name="Bergheim am See")
    response = _post(client_as(world.user("user")), municipality="Bergheim a")
    assert response.status_code == 302
    assert Application.objects.get().municipality == wanted


def test_apply_candidates_then_choice_submits(world, client_as):
    first = MunicipalityFactory(name="Bergheim (Nord)")
    second = MunicipalityFactory(name="Bergheim (Süd)")
    client = client_as(world.user("user"))
    page = _post(client, municipality="Bergheim").content.decode()
    assert f'name="municipality_choice" value="{first.pk}"' in page
    assert f'name="municipality_choice" value="{second.pk}"' in page
    assert escape("Which municipality do you mean?") in page or "Kommune" in page
    response = _post(client, municipality="Bergheim", municipality_choice=second.pk)
    assert response.status_code == 302
    assert Application.objects.get().municipality == second


def test_apply_unknown_municipality_is_a_field_error(world, client_as):
    page = _post(client_as(world.user("user")), municipality="Atlantis").content.decode()
    assert "Atlantis" in page
    assert 'aria-invalid="true"' in page
    assert not Application.objects.exists()


def test_apply_refused_letter_keeps_everything_else(world, client_as, neudorf):
    response = _post(
        client_as(world.user("user")),
        letter=pdfs.upload(pdfs.PNG_HEADER, "brief.pdf"),
        contact_1_name="Karla Kollegin",
        contact_1_email="karla@example.org",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert _text(MESSAGES["not_pdf"]) in page
    assert _text(LETTER_AGAIN) in page
    # The municipality stays resolved, the typed text stays.
    assert 'value="Neudorf"' in page
    assert f'name="municipality_pick" value="{neudorf.pk}"' in page
    assert 'value="karla@example.org"' in page
    assert not Application.objects.exists()


def test_apply_for_a_kind_the_network_does_not_accept(world, client_as):
    world.network.target_kinds = [MunicipalityKind.VERBANDSGEMEINDE]
    world.network.save()
    MunicipalityFactory(name="Großstadt", kind=MunicipalityKind.KREISFREIE_STADT)
    page = _post(client_as(world.user("user")), municipality="Großstadt").content.decode()
    assert "Großstadt" in page
    assert 'id="id_municipality_error"' in page
    assert not Application.objects.exists()


def test_apply_twice_for_the_same_municipality(world, client_as, neudorf):
    _post(client_as(UserFactory()))
    page = _post(client_as(world.user("user"))).content.decode()
    assert 'id="id_municipality_error"' in page
    assert Application.objects.count() == 1


def test_apply_contact_row_needs_an_address(world, client_as, neudorf):
    page = _post(
        client_as(world.user("user")), contact_2_name="Ohne Adresse", contact_2_position="IT"
    ).content.decode()
    assert 'id="id_contact_2_email_error"' in page
    assert not Application.objects.exists()


def test_apply_without_any_contact_is_refused(world, client_as, neudorf):
    page = _post(client_as(world.user("user")), applicant_is_contact="").content.decode()
    assert 'id="id_applicant_is_contact_error"' in page


def test_apply_with_further_contacts_stores_them(world, client_as, neudorf):
    _post(
        client_as(world.user("user")),
        applicant_is_contact="",
        contact_1_name="Karla Kollegin",
        contact_1_email="Karla@Example.org",
        contact_1_position="IT-Leitung",
    )
    application = Application.objects.get()
    assert application.applicant_is_contact is False
    assert application.contacts == [
        {"name": "Karla Kollegin", "email": "karla@example.org", "position": "IT-Leitung"}
    ]


def test_network_page_links_to_the_application_form(world, client):
    page = client.get(reverse("networks:detail", kwargs={"slug": "alpha"})).content.decode()
    assert f'href="{APPLY}"' in page


# --- My applications ------------------------------------------------------------------


def test_my_applications_lists_open_first_with_withdraw_buttons(world, client_as):
    user = world.user("user")
    declined = ApplicationFactory(
        applicant=user, state=ApplicationState.DECLINED, decision_reason="Nein"
    )
    open_one = ApplicationFactory(applicant=user)
    ApplicationFactory()  # someone else's
    page = client_as(user).get(reverse("admissions:mine")).content.decode()
    assert page.index(str(open_one.municipality)) < page.index(str(declined.municipality))
    assert page.count('action="/aufnahme/antraege/') == 1
    assert reverse("admissions:withdraw", kwargs={"pk": open_one.pk}) in page


@pytest.mark.parametrize("count", [1, 6])
def test_my_applications_query_count_does_not_grow(
    world, client_as, django_assert_max_num_queries, count
):
    user = world.user("user")
    ApplicationFactory.create_batch(count, applicant=user)
    client = client_as(user)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("admissions:mine"))
    assert response.content.decode().count("/aufnahme/antraege/") >= count


def test_withdraw_through_the_page(world, client_as):
    application = ApplicationFactory(network=world.network, applicant=world.user("user"))
    client = client_as(world.user("user"))
    response = client.post(reverse("admissions:withdraw", kwargs={"pk": application.pk}))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    again = client.post(reverse("admissions:withdraw", kwargs={"pk": application.pk}), follow=True)
    assert 'role="alert"' in again.content.decode()


def test_admin_cannot_withdraw_someone_elses_application(world, client_as):
    application = ApplicationFactory(network=world.network)
    client_as(world.user("admin")).post(
        reverse("admissions:withdraw", kwargs={"pk": application.pk})
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


# --- The coordinators' inbox and decisions -------------------------------------------------


def test_inbox_shows_open_applications_first_and_filters_by_state(world, client_as):
    admitted = ApplicationFactory(network=world.network, state=ApplicationState.ADMITTED)
    submitted = ApplicationFactory(network=world.network)
    other_network = ApplicationFactory(network=world.other_network)
    client = client_as(world.user("coordinator"))
    url = reverse("admissions:inbox", kwargs={"slug": "alpha"})
    page = client.get(url).content.decode()
    assert page.index(str(submitted.municipality)) < page.index(str(admitted.municipality))
    assert str(other_network.municipality) not in page
    filtered = client.get(url, {"state": "admitted"}).content.decode()
    assert str(admitted.municipality) in filtered
    assert str(submitted.municipality) not in filtered
    assert str(submitted.municipality) in client.get(url, {"state": "open"}).content.decode()


@pytest.mark.parametrize("count", [1, 8])
def test_inbox_query_count_does_not_grow(world, client_as, django_assert_max_num_queries, count):
    ApplicationFactory.create_batch(count, network=world.network)
    client = client_as(world.user("coordinator"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admissions:inbox", kwargs={"slug": "alpha"}))
    assert response.content.decode().count('href="/aufnahme/antraege/') == count


def test_manage_page_links_to_the_inbox(world, client_as):
    page = client_as(world.user("coordinator")).get(
        reverse("networks:manage", kwargs={"slug": "alpha"})
    )
    assert reverse("admissions:inbox", kwargs={"slug": "alpha"}) in page.content.decode()


def test_coordinator_starts_review_then_admits(
    world, client_as, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(network=world.network)
    client = client_as(world.user("coordinator"))
    decide = reverse("admissions:decide", kwargs={"pk": application.pk})
    client.post(decide, {"step": "review"})
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide, {"decision": "admit"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.ADMITTED
    assert application.notice
    page = client.get(reverse("admissions:detail", kwargs={"pk": application.pk})).content.decode()
    assert reverse("admissions:notice", kwargs={"pk": application.pk}) in page
    assert escape(application.membership.news_draft.split("\n")[0]) in page
    # The applicant sees the notice, not the coordinators' news draft.
    applicant_page = client_as(application.applicant).get(
        reverse("admissions:detail", kwargs={"pk": application.pk})
    )
    assert reverse("admissions:notice", kwargs={"pk": application.pk}) in (
        applicant_page.content.decode()
    )
    assert application.membership.news_draft.split("\n")[0] not in applicant_page.content.decode()


def test_declining_without_reason_shows_the_form_again(world, client_as):
    application = ApplicationFactory(network=world.network)
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("admissions:decide", kwargs={"pk": application.pk}), {"decision": "decline"}
    )
    assert response.status_code == 200
    assert 'id="id_reason_error"' in response.content.decode()
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_deciding_a_decided_application_changes_nothing(world, client_as):
    application = ApplicationFactory(network=world.network)
    services.decline_application(
        application=application, by=world.user("coordinator"), reason="Zu früh"
    )
    client = client_as(world.user("admin"))
    response = client.post(
        reverse("admissions:decide", kwargs={"pk": application.pk}),
        {"decision": "admit"},
        follow=True,
    )
    assert 'role="alert"' in response.content.decode()
    application.refresh_from_db()
    assert (application.state, application.decision_reason) == (
        ApplicationState.DECLINED,
        "Zu früh",
    )
    assert application.membership is None


# --- The PDFs ------------------------------------------------------------------------------


def test_letter_is_shown_inline_with_a_sandbox_policy(world, client_as):
    application = ApplicationFactory(network=world.network, applicant=world.user("user"))
    response = client_as(world.user("coordinator")).get(
        reverse("admissions:letter", kwargs={"pk": application.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    policy = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy
    assert "default-src 'self'" in policy
    assert "private" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    assert "Antrag auf Mitgliedschaft" in pdfs.pdf_text(response.content)


def test_letter_of_another_network_is_not_found_for_a_coordinator(world, client_as):
    application = ApplicationFactory(network=world.other_network)
    response = client_as(world.user("coordinator")).get(
        reverse("admissions:letter", kwargs={"pk": application.pk})
    )
    assert response.status_code == 404


def test_notice_is_served_after_admission(world, client_as, django_capture_on_commit_callbacks):
    application = ApplicationFactory(network=world.network, applicant=world.user("user"))
    with django_capture_on_commit_callbacks(execute=True):
        services.admit_application(application=application, by=world.user("coordinator"))
    response = client_as(world.user("user")).get(
        reverse("admissions:notice", kwargs={"pk": application.pk})
    )
    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"].split("; ")
    assert str(application.municipality) in pdfs.pdf_text(response.content)
