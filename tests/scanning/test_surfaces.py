"""Every place that accepts a file refuses a flagged one and holds uploads without a scanner.

One case per upload surface (service or form): a file that passes the content
check but carries EICAR is refused with the scanner's message and nothing is
stored, not the row, not the file; with clamd unreachable a clean file is held
(refused with "try again later"). test_seam.py makes sure no surface bypasses
`core.uploads.accept_upload`.
"""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from tests.admissions.pdfs import letter_pdf
from tests.events.followup_factories import VTT, past_event
from tests.factories import MunicipalityFactory
from tests.knowledge.catalogue_factories import solution_in
from tests.media.factories import mp4_bytes
from tests.news.factories import news_in
from tests.scanning.clamd import EICAR
from tests.scanning.payloads import eicar_pdf, eicar_png, eicar_vtt, upload
from tests.seminars.factories import ModuleFactory
from tests.workinggroups.factories import GroupMemberFactory
from voneinander.admissions.models import Application
from voneinander.core.uploads import MESSAGES
from voneinander.events import followup
from voneinander.events.models import Material, Recording
from voneinander.knowledge import services as knowledge_services
from voneinander.knowledge.models import Solution, SolutionFile, SolutionFileKind
from voneinander.news import services as news_services
from voneinander.news import video_services
from voneinander.news.models import NewsAttachment, NewsImage, NewsVideo
from voneinander.seminars import services as seminar_services
from voneinander.seminars.models import Material as SeminarMaterial
from voneinander.seminars.models import MaterialKind
from voneinander.workinggroups import services as group_services
from voneinander.workinggroups.models import Document

pytestmark = pytest.mark.trust("Upload scanning")


def _png() -> bytes:
    from tests.events.followup_factories import image_bytes

    return image_bytes("PNG")


def _event_material(world, data):
    followup.add_material(
        event=past_event(networks=[world.network]),
        by=world.user("admin"),
        title="Folien",
        upload=upload(data, "folien.pdf"),
    )


def _event_captions(world, data):
    followup.add_recording(
        event=past_event(networks=[world.network]),
        by=world.user("admin"),
        title="Aufzeichnung",
        video_url="https://video.example.org/v/1",
        licence="all-rights-reserved",
        captions_upload=upload(data, "untertitel.vtt", "text/vtt"),
    )


def _news_image(world, data):
    news_services.add_image(
        item=news_in(world),
        by=world.user("coordinator"),
        upload=upload(data, "foto.png", "image/png"),
        alt_text="Ein Foto",
    )


def _news_attachment(world, data):
    news_services.add_attachment(
        item=news_in(world), by=world.user("coordinator"), upload=upload(data, "plan.pdf")
    )


def _news_video(world, data):
    video_services.add_news_video(
        item=news_in(world),
        by=world.user("coordinator"),
        title="Grußwort",
        upload=upload(data, "clip.mp4", "video/mp4"),
        captions_upload=upload(VTT.encode(), "clip.vtt", "text/vtt"),
    )


def _news_captions(world, data):
    video_services.add_news_video(
        item=news_in(world),
        by=world.user("coordinator"),
        title="Grußwort",
        upload=upload(mp4_bytes(), "clip.mp4", "video/mp4"),
        captions_upload=upload(data, "clip.vtt", "text/vtt"),
    )


def _seminar_material(world, data):
    seminar_services.add_material(
        module=ModuleFactory(),
        by=world.user("admin"),
        kind=MaterialKind.DOCUMENT,
        title="Leitfaden",
        upload=upload(data, "leitfaden.pdf"),
    )


def _group_document(world, data):
    member = GroupMemberFactory(group__network=world.network)
    group_services.add_document(
        group=member.group, upload=upload(data, "protokoll.pdf"), by=member.user
    )


def _solution_file(world, data):
    knowledge_services.add_solution_file(
        solution=solution_in(world),
        by=world.user("member"),
        upload=upload(data, "anleitung.pdf"),
        kind=SolutionFileKind.ATTACHMENT,
        title="Anleitung",
    )


# surface → (call, flagged bytes, clean bytes, field of the error, model that stays empty)
SURFACES = {
    "events.material": (_event_material, eicar_pdf, letter_pdf, "file", Material),
    "events.captions": (_event_captions, eicar_vtt, VTT.encode, "captions", Recording),
    "news.image": (_news_image, eicar_png, _png, "file", NewsImage),
    "news.attachment": (_news_attachment, eicar_pdf, letter_pdf, "file", NewsAttachment),
    "news.video": (
        _news_video,
        lambda: mp4_bytes(payload=b"\0" * 64 + EICAR),
        mp4_bytes,
        "file",
        NewsVideo,
    ),
    "news.captions": (_news_captions, eicar_vtt, VTT.encode, "captions_file", NewsVideo),
    "seminars.material": (_seminar_material, eicar_pdf, letter_pdf, "upload", SeminarMaterial),
    "workinggroups.document": (_group_document, eicar_pdf, letter_pdf, "file", Document),
    "knowledge.solution_file": (_solution_file, eicar_pdf, letter_pdf, "file", SolutionFile),
}


def _stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


@pytest.mark.parametrize("surface", SURFACES)
def test_upload_surface_refuses_a_flagged_file_and_stores_nothing(world, settings, surface):
    call, flagged, _clean, field, model = SURFACES[surface]

    with pytest.raises(ValidationError) as refused:
        call(world, flagged())

    assert refused.value.message_dict[field] == [str(MESSAGES["infected"])]
    assert not model.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize("surface", SURFACES)
def test_upload_surface_holds_a_file_when_clamd_is_unreachable(world, settings, tmp_path, surface):
    call, _flagged, clean, field, model = SURFACES[surface]
    settings.CLAMD_SOCKET = str(tmp_path / "gone.sock")

    with pytest.raises(ValidationError) as held:
        call(world, clean())

    assert held.value.message_dict[field] == [str(MESSAGES["scanner_unavailable"])]
    assert not model.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize("surface", SURFACES)
def test_upload_surface_accepts_the_clean_file(world, surface):
    call, _flagged, clean, _field, model = SURFACES[surface]

    call(world, clean())

    assert model.objects.count() == 1


# --- Through the forms: the message shows, the other fields are kept ----------------------

APPLY = reverse("admissions:apply", kwargs={"slug": "alpha"})


def _apply(client, letter: bytes):
    MunicipalityFactory(name="Neudorf", ags="07111222")
    return client.post(
        APPLY,
        {
            "municipality": "Neudorf",
            "letter": upload(letter, "brief.pdf", "application/pdf"),
            "applicant_is_contact": "on",
            "message": "Wir möchten von den anderen lernen.",
        },
    )


def test_application_with_a_flagged_letter_shows_the_message_and_keeps_the_form(
    world, client_as, record_property
):
    response = _apply(client_as(world.user("user")), eicar_pdf())

    page = response.content.decode()
    assert response.status_code == 200
    assert escape(str(MESSAGES["infected"])) in page
    assert "Wir möchten von den anderen lernen." in page
    assert not Application.objects.exists()
    record_property("pages", 1)


def test_application_while_clamd_is_unreachable_is_held_and_keeps_the_form(
    world, client_as, settings, tmp_path, record_property
):
    settings.CLAMD_SOCKET = str(tmp_path / "gone.sock")

    response = _apply(client_as(world.user("user")), letter_pdf())

    page = response.content.decode()
    assert response.status_code == 200
    assert escape(str(MESSAGES["scanner_unavailable"])) in page
    assert "Wir möchten von den anderen lernen." in page
    assert not Application.objects.exists()
    record_property("pages", 1)


PUBLICCODE = """\
# {eicar}
publiccodeYmlVersion: "0.4"
name: Mitfahrbank digital
url: "https://github.com/beispiel/mitfahrbank"
developmentStatus: beta
description:
  de:
    shortDescription: Mitfahrbänke mit App-Anbindung.
legal:
  license: AGPL-3.0-or-later
"""


def test_publiccode_import_of_a_flagged_file_is_refused(world, client_as, record_property):
    data = PUBLICCODE.format(eicar=EICAR.decode()).encode()

    response = client_as(world.user("member")).post(
        reverse("knowledge:import_publiccode", kwargs={"network": "alpha"}),
        {"file": upload(data, "publiccode.yml"), "owner": world.membership.municipality.pk},
    )

    assert response.status_code == 200
    assert escape(str(MESSAGES["infected"])) in response.content.decode()
    assert not Solution.objects.exists()
    record_property("pages", 1)
