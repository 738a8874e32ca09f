"""The whole way in: apply with a PDF, the coordinator admits, the notice arrives,
the municipality shows up in the directory and on the map.

Each page on the way is checked by axe-core, for CSP violations, console errors
and requests to other hosts (see conftest.py). Button and link names are looked
up in the German catalogue, so a reworded translation does not break the test
while a missing one does (the German UI is what a visitor sees).
"""

import io
import re

from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext, override
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.admissions.pdfs import letter_pdf
from tests.browser.i18n import de
from tests.browser.signin import activate_totp, sign_in_with_password, sign_in_with_totp, sign_out
from tests.factories import (
    CoordinatorFactory,
    MunicipalityFactory,
    NetworkFactory,
    UserFactory,
)
from voneinander.admissions.models import Application, ApplicationState
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import Membership


def _network_with_coordinator():
    network = NetworkFactory(
        slug="alpha",
        name="Netzwerk Digitale Dörfer",
        short_name="DD",
        topics=["Verwaltungsorganisation", "Online-Handel"],
        target_kinds=[MunicipalityKind.VERBANDSGEMEINDE, MunicipalityKind.ORTSGEMEINDE],
        postal_address="Ministerium des Innern\nSchillerplatz 3–5\n55116 Mainz",
        contact_email="dd@example.org",
    )
    coordinator = CoordinatorFactory(
        network=network, user__email="koordination@example.org", user__first_name="Klara"
    ).user
    return network, coordinator, activate_totp(coordinator)


def _goellheim():
    district = MunicipalityFactory(
        name="Donnersbergkreis", kind=MunicipalityKind.LANDKREIS, ags="07333", population=75000
    )
    return MunicipalityFactory(
        name="Göllheim",
        kind=MunicipalityKind.VERBANDSGEMEINDE,
        parent=district,
        population=11500,
        latitude=49.5947,
        longitude=8.0511,
        state="RP",
    )


def _choose_municipality_by_keyboard(page, municipality, options: int) -> None:
    field = page.get_by_role("combobox")
    field.fill("")
    field.press_sequentially("Göll", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_count(options)
    expect(field).to_have_attribute("aria-expanded", "true")
    wanted = f"_option_{municipality.pk}"
    for _step in range(options):
        field.press("ArrowDown")
        expect(field).to_have_attribute("aria-activedescendant", re.compile(r"_option_\d+$"))
        option_id = field.get_attribute("aria-activedescendant")
        expect(page.locator(f"#{option_id}")).to_have_attribute("aria-selected", "true")
        if option_id.endswith(wanted):
            break
    field.press("Enter")
    expect(field).to_have_value("VG Göllheim")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(page.locator("input[name='municipality_pick']")).to_have_value(str(municipality.pk))


def test_apply_admit_notice_directory_and_map(page, visit):
    network, coordinator, secret = _network_with_coordinator()
    goellheim = _goellheim()
    # A namesake of another kind, so the search has to be used with care.
    MunicipalityFactory(name="Göllheim", kind=MunicipalityKind.ORTSGEMEINDE, parent=goellheim)
    applicant = UserFactory(
        email="digital@vg-goellheim.example.org", first_name="Jonas", last_name="Weber"
    )

    # 1. The applicant finds the network and applies with the mayor's letter.
    sign_in_with_password(page, applicant.email)
    visit(network.get_absolute_url())
    page.get_by_role("link", name=de("Apply for membership")).click()
    expect(page.get_by_role("heading", level=1, name=de("Apply for membership"))).to_be_visible()
    _choose_municipality_by_keyboard(page, goellheim, options=2)
    page.get_by_label(re.compile(gettext_de("Letter from the mayor (PDF)"))).set_input_files(
        {
            "name": "Schreiben-Buergermeister.pdf",
            "mimeType": "application/pdf",
            "buffer": letter_pdf(),
        }
    )
    page.get_by_role("checkbox", name="Verwaltungsorganisation").check()
    page.get_by_role("button", name=de("Submit application")).click()

    expect(page).to_have_url(re.compile(r"/aufnahme/antraege/\d+/$"))
    application = Application.objects.get()
    assert application.municipality == goellheim
    assert application.state == ApplicationState.SUBMITTED
    assert application.topics == ["Verwaltungsorganisation"]
    # The coordinators hear of it.
    assert any(coordinator.email in message.to for message in mail.outbox)
    sign_out(page)

    # 2. The coordinator opens the inbox, reads the letter and admits.
    sign_in_with_totp(page, coordinator.email, secret)
    visit(reverse("networks:manage", kwargs={"slug": "alpha"}))
    # Each page must have loaded before the next click leaves it (its check runs then).
    page.get_by_role("link", name=de("Membership applications")).first.click()
    page.wait_for_url("**/eingang/", wait_until="load")
    page.get_by_role("link", name="VG Göllheim").click()
    expect(page.get_by_role("button", name=de("Start review"))).to_be_visible()
    page.wait_for_load_state("load")
    letter_link = page.get_by_role("link", name=de("Open the letter (PDF)"))
    letter = page.request.get(letter_link.get_attribute("href"))
    assert letter.status == 200
    assert letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF-")
    page.get_by_role("button", name=de("Start review")).click()
    expect(page.get_by_role("button", name=de("Start review"))).to_have_count(0)
    page.wait_for_load_state("load")
    page.get_by_role("radio", name=de("Admit the municipality")).check()
    mail.outbox.clear()
    page.get_by_role("button", name=de("Record the decision")).click()
    expect(page.get_by_role("link", name=de("Admission notice (PDF)"))).to_be_visible()
    membership = Membership.objects.get(network=network, municipality=goellheim)
    assert membership.contact_persons.get().user == applicant
    assert membership.news_draft.startswith("Neues Mitglied")

    # 3. The applicant has the e-mail with the admission notice attached.
    to_applicant = [message for message in mail.outbox if applicant.email in message.to]
    assert len(to_applicant) == 1
    (_name, content, mimetype) = next(
        attachment for attachment in to_applicant[0].attachments if attachment[0].endswith(".pdf")
    )
    assert mimetype == "application/pdf"
    notice_text = "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(content)).pages)
    assert "Göllheim" in notice_text
    assert "Netzwerk Digitale Dörfer" in notice_text
    sign_out(page)

    # 4. Everyone sees the new member in the directory and on the map.
    visit(reverse("directory:index") + "?netzwerk=alpha")
    results = page.get_by_role("table")
    expect(results.get_by_role("link", name="VG Göllheim")).to_be_visible()
    visit(reverse("directory:map") + "?netzwerk=alpha")
    marker = page.locator("svg a").filter(has_text="Göllheim")
    expect(marker).to_have_count(1)
    marker.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/kommunen/{goellheim.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Göllheim")


def gettext_de(text: str) -> str:
    with override("de"):
        return re.escape(gettext(text))


def test_refused_letter_keeps_what_was_typed(page, visit):
    network, _coordinator, _secret = _network_with_coordinator()
    goellheim = _goellheim()
    applicant = UserFactory(email="team@vg-goellheim.example.org")
    sign_in_with_password(page, applicant.email)

    visit(reverse("admissions:apply", kwargs={"slug": network.slug}))
    _choose_municipality_by_keyboard(page, goellheim, options=1)
    page.get_by_label(re.compile(gettext_de("Letter from the mayor (PDF)"))).set_input_files(
        {
            "name": "brief.pdf",
            "mimeType": "application/pdf",
            "buffer": b"\x89PNG\r\n\x1a\n" + b"0" * 64,
        }
    )
    page.get_by_label(re.compile(gettext_de("Message to the coordinators"))).fill(
        "Wir freuen uns auf den Austausch."
    )
    page.get_by_role("button", name=de("Submit application")).click()

    # The error summary names the problem; everything typed is still there.
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_role("combobox")).to_have_value("VG Göllheim")
    expect(page.get_by_label(re.compile(gettext_de("Message to the coordinators")))).to_have_value(
        "Wir freuen uns auf den Austausch."
    )
    assert Application.objects.count() == 0
