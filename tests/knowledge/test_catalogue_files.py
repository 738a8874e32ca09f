"""Images and attachments through the pages: upload, clear refusals, serving, removing."""

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests.admissions.pdfs import letter_pdf
from tests.events.followup_factories import EXE, SVG, docx_bytes, image_bytes, upload
from tests.knowledge.catalogue_factories import (
    SolutionFileFactory,
    internal_solution_in,
    solution_in,
)
from voneinander.events import uploads
from voneinander.knowledge import files
from voneinander.knowledge.models import SolutionFile, SolutionFileKind


def _de(message: str) -> str:
    with translation.override("de"):
        return _(message)


def _files_url(solution) -> str:
    return reverse("knowledge:solution_files", kwargs={"slug": solution.slug})


def _file_url(item) -> str:
    return reverse("knowledge:solution_file", kwargs={"slug": item.solution.slug, "pk": item.pk})


def test_member_uploads_an_image_with_alternative_text(world, client_as):
    solution = solution_in(world)

    response = client_as(world.user("member")).post(
        _files_url(solution),
        {
            "kind": "image",
            "file": upload(image_bytes("WEBP"), "foto.webp"),
            "title": "Die App",
            "alt_text": "Bildschirmfoto der App",
        },
    )

    item = SolutionFile.objects.get()
    assert response.status_code == 302
    assert (item.kind, item.content_type, item.alt_text) == (
        "image",
        "image/webp",
        "Bildschirmfoto der App",
    )
    detail = client_as(None).get(solution.get_absolute_url()).content.decode()
    assert f'<img src="{_file_url(item)}" alt="Bildschirmfoto der App"' in detail


def test_image_without_alternative_text_is_refused_and_the_title_kept(world, client_as):
    solution = solution_in(world)

    response = client_as(world.user("member")).post(
        _files_url(solution),
        {"kind": "image", "file": upload(image_bytes(), "foto.png"), "title": "Die App"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not SolutionFile.objects.exists()
    assert _de("Please describe the image for people who cannot see it (alternative text).") in page
    assert 'value="Die App"' in page


def test_bad_files_get_a_clear_message(world, client_as):
    solution = solution_in(world)
    client = client_as(world.user("member"))
    cases = [
        ("attachment", EXE, uploads.MESSAGES["executable"]),
        ("image", SVG, uploads.MESSAGES["svg"]),
        ("image", letter_pdf(), files.MESSAGES["not_an_image"]),
        ("attachment", image_bytes(), files.MESSAGES["image_as_attachment"]),
    ]

    for kind, data, message in cases:
        response = client.post(
            _files_url(solution),
            {"kind": kind, "file": upload(data, "datei"), "title": "Datei", "alt_text": "Text"},
        )
        assert response.status_code == 200
        with translation.override("de"):
            assert str(message) in response.content.decode(), message

    assert not SolutionFile.objects.exists()


def test_attachment_is_served_as_a_sandboxed_download(world, client_as):
    solution = solution_in(world)
    document = docx_bytes()
    client_as(world.user("member")).post(
        _files_url(solution),
        {"kind": "attachment", "file": upload(document, "Konzept Dorf-App.docx"), "title": "K"},
    )
    item = SolutionFile.objects.get()

    response = client_as(None).get(_file_url(item))

    assert response.status_code == 200
    assert response.content == document
    assert response["Content-Type"] == uploads.KINDS["docx"].content_type
    assert response["Content-Disposition"] == 'attachment; filename="Konzept_Dorf-App.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"]


def test_image_is_served_inline_with_its_checked_type(world, client):
    item = SolutionFileFactory(solution=solution_in(world))

    response = client.get(_file_url(item))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_files_of_an_internal_solution_are_not_found_for_outsiders(world, client_as):
    item = SolutionFileFactory(solution=internal_solution_in(world))

    assert client_as(None).get(_file_url(item)).status_code == 404
    assert client_as(world.user("user")).get(_file_url(item)).status_code == 404
    assert client_as(world.user("member")).get(_file_url(item)).status_code == 200


def test_missing_stored_file_is_not_found(world, client):
    item = SolutionFileFactory(solution=solution_in(world))
    default_storage.delete(item.file.name)

    assert client.get(_file_url(item)).status_code == 404


def test_remove_asks_first_then_deletes(world, client_as, django_capture_on_commit_callbacks):
    item = SolutionFileFactory(solution=solution_in(world), title="Altes Foto")
    url = reverse(
        "knowledge:solution_file_delete", kwargs={"slug": item.solution.slug, "pk": item.pk}
    )
    client = client_as(world.user("member"))

    confirm = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert "Altes Foto" in confirm.content.decode()
    assert response.status_code == 302
    assert not SolutionFile.objects.exists()
    assert not default_storage.exists(item.file.name)


def test_files_page_lists_files_without_growing_queries(
    world, client_as, django_assert_max_num_queries
):
    solution = solution_in(world)
    SolutionFileFactory(solution=solution)
    client = client_as(world.user("member"))
    with django_assert_max_num_queries(40) as one:
        client.get(_files_url(solution))
    for number in range(8):
        SolutionFileFactory(
            solution=solution,
            kind=SolutionFileKind.ATTACHMENT if number % 2 else SolutionFileKind.IMAGE,
            title=f"Datei {number}",
        )

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_files_url(solution))

    assert response.content.decode().count("/loeschen/") == 9
