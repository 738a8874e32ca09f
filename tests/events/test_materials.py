"""Materials: files checked by content, links, who adds and removes them, the download."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from tests.admissions.pdfs import encrypted_pdf, javascript_pdf, letter_pdf
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.events.followup_factories import (
    EXE,
    HTML,
    OLE2,
    SVG,
    MaterialFactory,
    docm_bytes,
    docx_bytes,
    file_material,
    image_bytes,
    odt_bytes,
    past_event,
    plain_zip_bytes,
    pptx_bytes,
    upload,
)
from tests.factories import UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.events import followup, uploads
from voneinander.events.models import Material

# Whole requests (session, user, roles, event, layout); they must not grow with the rows.
MATERIALS_QUERIES = 8


def _en(name, **kwargs) -> str:
    with translation.override("de"):
        return "/en" + reverse(name, kwargs=kwargs)


# --- The content check --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (letter_pdf(), "folien.pdf", "pdf"),
        (image_bytes("PNG"), "foto.png", "png"),
        (image_bytes("JPEG"), "foto.jpg", "jpeg"),
        (image_bytes("GIF"), "foto.gif", "gif"),
        (image_bytes("WEBP"), "foto.webp", "webp"),
        (docx_bytes(), "bericht.docx", "docx"),
        (pptx_bytes(), "vortrag.pptx", "pptx"),
        (odt_bytes(), "protokoll.odt", "odt"),
        # The name does not matter; the content does.
        (letter_pdf(), "folien.exe", "pdf"),
        (image_bytes("PNG"), "foto.pdf", "png"),
    ],
)
def test_material_check_accepts_by_content(data, name, kind):
    assert uploads.check_material(upload(data, name)).kind == kind


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "leer.pdf", "empty"),
        (EXE, "folien.pdf", "executable"),
        (b"#!/bin/sh\nrm -rf /\n", "skript.pdf", "executable"),
        (HTML, "seite.pdf", "html"),
        (b"\xef\xbb\xbf  <html><body>x</body></html>", "seite.txt", "html"),
        (SVG, "grafik.svg", "svg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "g.png", "svg"),
        (docm_bytes(), "bericht.docx", "macros"),
        (odt_bytes(macros=True), "protokoll.odt", "macros"),
        (plain_zip_bytes(), "sammlung.zip", "archive"),
        (OLE2, "alt.doc", "legacy_office"),
        (javascript_pdf(), "folien.pdf", "pdf_active"),
        (encrypted_pdf(), "folien.pdf", "encrypted"),
        (b"%PDF-1.7\nkaputt", "folien.pdf", "unreadable"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "foto.png", "unreadable"),
        (b"PK\x03\x04kaputt", "bericht.docx", "unreadable"),
        (b"Nur ein Text", "notiz.txt", "unknown"),
    ],
)
def test_material_check_refuses_with_a_reason(data, name, code):
    with pytest.raises(ValidationError) as refused:
        uploads.check_material(upload(data, name))

    assert refused.value.code == code
    assert str(uploads.MESSAGES[code]) in " ".join(refused.value.messages)


def test_material_check_refuses_files_over_20_mb():
    data = letter_pdf() + b"\n%" + b"0" * (uploads.MAX_MATERIAL_SIZE)

    with pytest.raises(ValidationError) as refused:
        uploads.check_material(upload(data, "gross.pdf"))

    assert refused.value.code == "too_large"


def test_material_check_refuses_zip_containers_with_too_many_entries():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(5_000):
            archive.writestr(f"word/media/{number}.txt", "")

    with pytest.raises(ValidationError) as refused:
        uploads.check_material(upload(buffer.getvalue(), "bombe.docx"))

    assert refused.value.code == "too_complex"


def test_material_check_leaves_the_upload_at_its_start():
    file = upload(letter_pdf(), "folien.pdf")
    uploads.check_material(file)
    assert file.read(5) == b"%PDF-"


# --- Adding materials ---------------------------------------------------------------------


def test_organiser_uploads_a_pdf_which_is_stored_privately(world, client_as):
    event = past_event(networks=[world.network])
    session = SessionFactory(event=event, title="Digitale Stadt")
    data = letter_pdf("Folien")

    response = client_as(world.user("coordinator")).post(
        _en("events:material_add", slug=event.slug),
        {
            "title": "Folien Digitale Stadt",
            "session": str(session.pk),
            "file": upload(data, "Folien Digitale Stadt.PDF"),
        },
    )

    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.event, material.session, material.title) == (
        event,
        session,
        "Folien Digitale Stadt",
    )
    assert material.file.name.startswith("events/materials/")
    assert material.file.name.endswith(".pdf")
    assert "Folien" not in material.file.name
    assert material.file_name == "Folien Digitale Stadt.PDF"
    assert (material.content_type, material.size) == ("application/pdf", len(data))
    with default_storage.open(material.file.name, "rb") as stored:
        assert stored.read() == data
    entry = AuditEvent.objects.get(action="event.material_added")
    assert entry.data["title"] == "Folien Digitale Stadt"


def test_material_download_is_an_attachment_that_is_not_sniffed(world, client_as):
    event = past_event(networks=[world.network])
    data = letter_pdf("Protokoll")
    material = file_material(event=event, data=data, file_name="Protokoll 11.09.pdf")

    response = client_as(None).get(
        reverse("events:material_file", kwargs={"slug": event.slug, "pk": material.pk})
    )

    assert response.status_code == 200
    assert response.content == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Protokoll_11.09.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


def test_material_download_name_takes_the_checked_extension(world):
    event = past_event(networks=[world.network])
    material = file_material(event=event, file_name="trick.html")

    assert followup.download_name(material) == "trick.pdf"


def test_material_link_is_followed(world, client):
    event = past_event(networks=[world.network])
    material = MaterialFactory(event=event, url="https://example.org/vortrag")

    response = client.get(
        reverse("events:material_file", kwargs={"slug": event.slug, "pk": material.pk})
    )

    assert (response.status_code, response["Location"]) == (302, "https://example.org/vortrag")


def test_material_of_a_wrong_type_is_refused_on_the_form(world, client_as):
    event = past_event(networks=[world.network])

    response = client_as(world.user("coordinator")).post(
        _en("events:material_add", slug=event.slug),
        {"title": "Programm", "session": "", "file": upload(HTML, "programm.pdf")},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "This file is a web page (HTML)" in content
    assert 'value="Programm"' in content  # what was typed is kept
    assert not Material.objects.exists()
    assert not default_storage.exists("events/materials")


@pytest.mark.parametrize(
    "extra",
    [{}, {"url": "https://example.org/x", "file": "both"}],
    ids=["neither", "both"],
)
def test_material_needs_a_file_or_a_link(world, client_as, extra):
    event = past_event(networks=[world.network])
    data = {"title": "Folien", "session": ""} | extra
    if data.get("file") == "both":
        data["file"] = upload(letter_pdf(), "f.pdf")

    response = client_as(world.user("coordinator")).post(
        _en("events:material_add", slug=event.slug), data
    )

    assert "Please choose a file or enter a link (one of the two)." in response.content.decode()
    assert not Material.objects.exists()


def test_material_link_must_be_a_web_address(world, client_as):
    event = past_event(networks=[world.network])

    response = client_as(world.user("coordinator")).post(
        _en("events:material_add", slug=event.slug),
        {"title": "Folien", "session": "", "url": "javascript:alert(1)"},
    )

    assert response.status_code == 200
    assert not Material.objects.exists()


def test_speaker_adds_materials_to_their_own_session_only(world, client_as):
    event = past_event(networks=[world.network])
    own = SessionFactory(event=event, title="Eigener Vortrag")
    other = SessionFactory(event=event, title="Fremder Vortrag")
    speaker = UserFactory()
    SpeakerFactory(session=own, user=speaker)
    client = client_as(speaker)
    url = _en("events:material_add", slug=event.slug)

    form = client.get(url).content.decode()
    refused = client.post(url, {"title": "X", "session": str(other.pk), "url": "https://a.de"})
    whole = client.post(url, {"title": "X", "session": "", "url": "https://a.de"})
    added = client.post(url, {"title": "Folien", "session": str(own.pk), "url": "https://a.de"})

    assert "Eigener Vortrag" in form and "Fremder Vortrag" not in form
    assert "The whole event" not in form
    assert refused.status_code == 200 and whole.status_code == 200
    assert added.status_code == 302
    assert list(Material.objects.values_list("session__title", flat=True)) == ["Eigener Vortrag"]


def test_material_service_refuses_a_session_of_someone_else(world):
    event = past_event(networks=[world.network])
    other = SessionFactory(event=event)
    speaker = UserFactory()
    SpeakerFactory(session=SessionFactory(event=event), user=speaker)

    with pytest.raises(ValidationError) as refused:
        followup.add_material(
            event=event, by=speaker, title="X", session=other, url="https://example.org"
        )

    assert "session" in refused.value.error_dict


# --- Removing materials -------------------------------------------------------------------


def test_removing_a_material_deletes_its_file(world, client_as, django_capture_on_commit_callbacks):
    event = past_event(networks=[world.network])
    material = file_material(event=event)
    stored = material.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(world.user("coordinator")).post(
            reverse("events:material_delete", kwargs={"slug": event.slug, "pk": material.pk})
        )

    assert response.status_code == 302
    assert not Material.objects.exists()
    assert not default_storage.exists(stored)
    assert AuditEvent.objects.filter(action="event.material_removed").count() == 1


def test_uploader_who_is_no_longer_a_speaker_cannot_remove(world, client_as):
    event = past_event(networks=[world.network])
    former = UserFactory()
    material = MaterialFactory(event=event, uploaded_by=former)

    response = client_as(former).post(
        reverse("events:material_delete", kwargs={"slug": event.slug, "pk": material.pk})
    )

    assert response.status_code == 403
    assert Material.objects.filter(pk=material.pk).exists()


# --- The list -----------------------------------------------------------------------------


def test_materials_page_groups_by_session_and_offers_removal_to_organisers(world, client_as):
    event = past_event(networks=[world.network])
    session = SessionFactory(event=event, title="Zukunfts-Check Dorf")
    MaterialFactory(event=event, title="Protokoll")
    file_material(event=event, session=session, title="Folien Dorf")
    url = _en("events:materials", slug=event.slug)

    visitor = client_as(None).get(url).content.decode()
    organiser = client_as(world.user("coordinator")).get(url).content.decode()

    assert visitor.index("For the whole event") < visitor.index("Zukunfts-Check Dorf")
    assert "Protokoll" in visitor and "Folien Dorf" in visitor
    assert "PDF" in visitor
    assert "/entfernen/" not in visitor
    assert organiser.count("/entfernen/") == 2


@pytest.mark.parametrize("count", [1, 8])
def test_materials_page_query_count_is_constant(world, client_as, django_assert_num_queries, count):
    event = past_event(networks=[world.network])
    for number in range(count):
        session = SessionFactory(event=event, title=f"S{number}")
        MaterialFactory(event=event, session=session, uploaded_by=world.user("coordinator"))
        file_material(event=event, session=session)
    client = client_as(world.user("coordinator"))
    url = reverse("events:materials", kwargs={"slug": event.slug})
    client.get(url)

    with django_assert_num_queries(MATERIALS_QUERIES):
        response = client.get(url)

    assert response.content.decode().count("data-material=") == 2 * count
