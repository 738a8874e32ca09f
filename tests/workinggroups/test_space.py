"""The group's space: discussions, folders, documents with versions, meetings and results."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from tests.admissions.pdfs import letter_pdf
from tests.events.followup_factories import EXE, HTML, OLE2, SVG, plain_zip_bytes, upload
from tests.workinggroups.factories import (
    DiscussionFactory,
    DocumentFactory,
    DocumentVersionFactory,
    FolderFactory,
    PostFactory,
    WorkingGroupFactory,
    person_in,
)
from tests.workinggroups.files import docx_with
from voneinander.events.models import Event, EventKind, Visibility
from voneinander.workinggroups import services
from voneinander.workinggroups.models import (
    Discussion,
    Document,
    DocumentVersion,
    Folder,
    Post,
    Result,
)

# Whole requests (session, user, roles, group, layout); they must not grow with the rows.
DISCUSSIONS_QUERIES = 9
FOLDER_QUERIES = 11
MEETINGS_QUERIES = 11
RESULTS_QUERIES = 8


def _en(name, group, **kwargs) -> str:
    with translation.override("de"):
        return "/en" + reverse(f"workinggroups:{name}", kwargs={"slug": group.slug, **kwargs})


@pytest.fixture
def group(world):
    return WorkingGroupFactory(
        network=world.network, is_private=True, lead=world.user("contact"), title="AG Daten"
    )


@pytest.fixture
def lead(world, client_as):
    return client_as(world.user("contact"))


# --- Discussions ------------------------------------------------------------------------------


def test_member_starts_a_discussion_and_others_reply(world, group, lead):
    response = lead.post(
        _en("discussion_create", group), {"title": "Open Data Portal", "text": "Wer hat *eins*?"}
    )
    discussion = Discussion.objects.get()
    assert response.status_code == 302
    assert (discussion.title, discussion.author) == ("Open Data Portal", world.user("contact"))
    first = discussion.posts.get()
    assert first.text == "Wer hat *eins*?"

    response = lead.post(_en("post_create", group, pk=discussion.pk), {"text": "Wir!"})
    reply = Post.objects.latest("pk")
    assert response["Location"].endswith(f"#beitrag-{reply.pk}")
    discussion.refresh_from_db()
    assert discussion.last_post_at == reply.created_at
    page = lead.get(_en("discussion", group, pk=discussion.pk)).content.decode()
    assert "Wer hat <em>eins</em>?" in page
    assert f'id="beitrag-{reply.pk}"' in page


def test_a_post_that_is_too_long_is_refused_and_kept(world, group, lead):
    discussion = DiscussionFactory(group=group)
    text = "x" * (services.MAX_POST_LENGTH + 1)
    response = lead.post(_en("post_create", group, pk=discussion.pk), {"text": text})
    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters" in response.content.decode()
    assert not discussion.posts.exists()


def test_an_empty_post_is_refused(world, group):
    discussion = DiscussionFactory(group=group)
    with pytest.raises(ValidationError):
        services.add_post(discussion=discussion, text="   ", by=world.user("contact"))


def test_a_platform_admin_cannot_write_in_a_public_groups_space(world, client_as):
    public = WorkingGroupFactory(network=world.network, lead=world.user("contact"))
    discussion = DiscussionFactory(group=public)
    response = client_as(world.user("admin")).post(
        _en("post_create", public, pk=discussion.pk), {"text": "Hallo"}
    )
    assert response.status_code == 200
    assert "Only members of the group can contribute to it." in response.content.decode()
    assert not discussion.posts.exists()


def test_a_discussion_of_another_group_is_not_found(world, group, lead):
    other = DiscussionFactory(group=WorkingGroupFactory(network=world.network))
    assert lead.get(_en("discussion", group, pk=other.pk)).status_code == 404
    assert lead.post(_en("post_create", group, pk=other.pk), {"text": "x"}).status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_discussions_query_count_is_constant(world, group, lead, django_assert_num_queries, count):
    for _ in range(count):
        PostFactory(discussion=DiscussionFactory(group=group, author=world.user("member")))
    lead.get(_en("discussions", group))
    with django_assert_num_queries(DISCUSSIONS_QUERIES):
        response = lead.get(_en("discussions", group))
    assert response.content.decode().count("/diskussionen/") >= count


# --- Folders ----------------------------------------------------------------------------------


def test_folders_are_created_nested_renamed_and_deleted_when_empty(world, group, lead):
    lead.post(_en("folder_create", group), {"name": "Protokolle"})
    top = Folder.objects.get()
    lead.post(_en("folder_create", group) + f"?in={top.pk}", {"name": "2024"})
    sub = Folder.objects.get(parent=top)
    lead.post(_en("folder_rename", group, pk=sub.pk), {"name": "Jahr 2024"})
    sub.refresh_from_db()
    assert sub.name == "Jahr 2024"

    response = lead.post(_en("folder_delete", group, pk=top.pk), follow=True)
    assert "The folder is not empty." in response.content.decode()
    assert Folder.objects.count() == 2
    lead.post(_en("folder_delete", group, pk=sub.pk))
    lead.post(_en("folder_delete", group, pk=top.pk))
    assert not Folder.objects.exists()


def test_a_folder_name_is_unique_among_siblings(world, group, lead):
    FolderFactory(group=group, name="Protokolle")
    response = lead.post(_en("folder_create", group), {"name": "protokolle"})
    assert response.status_code == 200
    assert "There is a folder of this name here already." in response.content.decode()
    assert Folder.objects.count() == 1


def test_folders_nest_only_so_deep(world, group):
    parent = None
    for level in range(services.MAX_FOLDER_DEPTH):
        parent = services.create_folder(
            group=group, name=f"Ebene {level}", parent=parent, by=world.user("contact")
        )
    with pytest.raises(ValidationError):
        services.create_folder(group=group, name="Zu tief", parent=parent, by=world.user("contact"))


def test_a_folder_with_a_document_is_not_deleted(world, group):
    folder = FolderFactory(group=group)
    DocumentFactory(group=group, folder=folder)
    with pytest.raises(ValidationError):
        services.delete_folder(folder=folder, by=world.user("contact"))


# --- Documents --------------------------------------------------------------------------------


def test_member_uploads_a_document_which_is_checked_stored_and_indexed(world, group, lead):
    folder = FolderFactory(group=group, name="Berichte")
    data = docx_with("Der Bericht über Quarzsandmuschel")
    response = lead.post(
        _en("document_upload", group),
        {
            "file": upload(data, "Bericht März.docx"),
            "title": "",
            "description": "Erster Entwurf",
            "folder": folder.pk,
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.title, document.folder, document.description) == (
        "Bericht März",
        folder,
        "Erster Entwurf",
    )
    version = document.versions.get()
    assert version.number == 1
    assert version.original_name == "Bericht März.docx"
    assert version.file.name.startswith("groups/documents/")
    assert version.file.name.endswith(".docx")
    assert "März" not in version.file.name
    assert version.text == "Der Bericht über Quarzsandmuschel"
    with default_storage.open(version.file.name, "rb") as stored:
        assert stored.read() == data


def test_a_new_version_keeps_the_old_one_downloadable(world, group, lead):
    lead.post(
        _en("document_upload", group),
        {"file": upload(b"Fassung eins\n", "papier.txt"), "title": "Papier"},
    )
    document = Document.objects.get()
    response = lead.post(
        _en("version_upload", group, pk=document.pk),
        {"file": upload(letter_pdf("Fassung zwei"), "papier.pdf"), "comment": "Als PDF"},
    )
    assert response.status_code == 302
    versions = list(document.versions.order_by("number"))
    assert [(v.number, v.comment) for v in versions] == [(1, ""), (2, "Als PDF")]
    assert "Fassung zwei" in versions[1].text
    page = lead.get(_en("document", group, pk=document.pk)).content.decode()
    assert "Als PDF" in page
    old = lead.get(_en("version_download", group, pk=document.pk, number=1))
    assert old.content == b"Fassung eins\n"


def test_a_new_version_needs_a_note_on_what_changed(world, group, lead):
    document = DocumentVersionFactory(document=DocumentFactory(group=group), number=1).document
    response = lead.post(
        _en("version_upload", group, pk=document.pk),
        {"file": upload(b"Neu\n", "neu.txt"), "comment": ""},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert document.versions.count() == 1


def test_download_is_an_attachment_that_is_not_sniffed_and_sandboxed(world, group, lead):
    version = DocumentVersionFactory(
        document=DocumentFactory(group=group, title="Papier"),
        number=1,
        original_name="../../Protokoll 3.3.html",
        content_type="text/plain; charset=utf-8",
    )
    response = lead.get(_en("version_download", group, pk=version.document_id, number=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="Protokoll_3.3.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


def test_an_unknown_version_is_not_found(world, group, lead):
    version = DocumentVersionFactory(document=DocumentFactory(group=group), number=1)
    response = lead.get(_en("version_download", group, pk=version.document_id, number=2))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "leer.txt", "The submitted file is empty."),
        (EXE, "tool.pdf", "This file is a program or script."),
        (HTML, "seite.txt", "This file is a web page (HTML)."),
        (SVG, "grafik.svg", "SVG graphics can contain scripts"),
        (OLE2, "alt.doc", "Old Office files (.doc, .xls, .ppt) can hide macros"),
        (plain_zip_bytes(), "sammlung.zip", "ZIP archives are not accepted."),
        (b"\x00\x01binary", "daten.bin", "The type of this file is not accepted."),
    ],
)
def test_bad_uploads_are_refused_on_the_form(world, group, lead, data, name, message):
    response = lead.post(
        _en("document_upload", group),
        {"file": upload(data, name), "title": "Mein Titel", "description": "Text"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'value="Mein Titel"' in content
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()


def test_a_bad_new_version_is_refused_and_the_old_one_stays(world, group, lead):
    document = DocumentVersionFactory(document=DocumentFactory(group=group), number=1).document
    response = lead.post(
        _en("version_upload", group, pk=document.pk),
        {"file": upload(HTML, "neu.txt"), "comment": "Neu"},
    )
    assert response.status_code == 200
    assert "This file is a web page (HTML)." in response.content.decode()
    assert document.versions.count() == 1


@pytest.mark.parametrize("count", [1, 8])
def test_folder_page_query_count_is_constant(world, group, lead, django_assert_num_queries, count):
    folder = FolderFactory(group=group)
    for _ in range(count):
        FolderFactory(group=group, parent=folder)
        document = DocumentFactory(group=group, folder=folder)
        DocumentVersionFactory(document=document, number=1, uploaded_by=world.user("member"))
        DocumentVersionFactory(document=document, number=2, uploaded_by=world.user("contact"))
    lead.get(_en("folder", group, pk=folder.pk))
    with django_assert_num_queries(FOLDER_QUERIES):
        response = lead.get(_en("folder", group, pk=folder.pk))
    assert response.content.decode().count("/dokumente/ordner/") >= count


# --- Meetings ---------------------------------------------------------------------------------


def _meeting_form(**changes):
    day = timezone.localdate() + datetime.timedelta(days=14)
    data = {
        "title": "Treffen der AG",
        "summary": "Austausch",
        "description": "Tagesordnung",
        "starts_at": f"{day.isoformat()}T10:00",
        "ends_at": f"{day.isoformat()}T12:00",
        "format": "online",
        "location": "",
        "meeting_url": "https://meet.example.org/ag",
    }
    return data | changes


def test_lead_schedules_a_meeting_that_only_members_see(world, group, lead):
    response = lead.post(_en("meeting_create", group), _meeting_form())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(event.get_absolute_url())
    assert (event.kind, event.working_group, event.visibility) == (
        EventKind.WORKING_GROUP,
        group,
        Visibility.INVITED,
    )
    assert list(event.networks.all()) == [world.network]
    assert list(event.organisers.all()) == [world.user("contact")]
    assert world.user("contact").has_perm("events.manage_event", event)
    page = lead.get(_en("meetings", group)).content.decode()
    assert "Treffen der AG" in page


def test_meeting_of_a_public_group_is_public(world, client_as):
    public = WorkingGroupFactory(network=world.network, lead=world.user("contact"))
    event = services.schedule_meeting(
        group=public,
        values={
            "title": "Offenes Treffen",
            "starts_at": timezone.now() + datetime.timedelta(days=3),
            "ends_at": timezone.now() + datetime.timedelta(days=3, hours=2),
        },
        by=world.user("contact"),
    )
    assert event.visibility == Visibility.PUBLIC
    assert client_as(None).get(event.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "2030-01-01T09:00", "starts_at": "2030-01-01T10:00"}, "must end after"),
        ({"format": "onsite", "location": ""}, "Please name the place"),
        ({"starts_at": "1999-01-01T10:00", "ends_at": "1999-01-01T12:00"}, "between 2000"),
    ],
)
def test_a_meeting_with_bad_times_or_place_is_refused(world, group, lead, changes, message):
    response = lead.post(_en("meeting_create", group), _meeting_form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_an_ordinary_member_does_not_schedule_meetings(world, group, client_as):
    from tests.workinggroups.factories import GroupMemberFactory

    member = person_in(world.network)
    GroupMemberFactory(group=group, user=member)
    response = client_as(member).post(_en("meeting_create", group), _meeting_form())
    assert response.status_code == 403
    with pytest.raises(ValidationError):
        services.schedule_meeting(group=group, values={}, by=member)


# --- Results ----------------------------------------------------------------------------------


def test_member_adds_a_result_with_a_document(world, group, lead):
    document = DocumentFactory(group=group, title="Leitfaden")
    response = lead.post(
        _en("result_create", group),
        {
            "title": "Empfehlung",
            "published_on": "2025-03-01",
            "text": "**Kurz**",
            "document": document.pk,
        },
    )
    assert response.status_code == 302
    result = Result.objects.get()
    assert (result.title, result.document, result.published_on) == (
        "Empfehlung",
        document,
        datetime.date(2025, 3, 1),
    )
    page = lead.get(_en("results", group)).content.decode()
    assert "<strong>Kurz</strong>" in page
    assert "Leitfaden" in page


def test_a_document_of_another_group_cannot_be_a_result(world, group, lead):
    foreign = DocumentFactory(group=WorkingGroupFactory(network=world.network))
    response = lead.post(
        _en("result_create", group),
        {"title": "Empfehlung", "published_on": "2025-03-01", "document": foreign.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Result.objects.exists()
    with pytest.raises(ValidationError):
        services.add_result(group=group, title="x", document=foreign, by=world.user("contact"))


@pytest.mark.parametrize("count", [1, 6])
def test_meetings_and_results_query_counts_are_constant(
    world, group, lead, django_assert_num_queries, count
):
    from tests.events.factories import EventFactory
    from tests.workinggroups.factories import ResultFactory

    past = timezone.now() - datetime.timedelta(days=30)
    for _ in range(count):
        EventFactory(networks=[world.network], working_group=group)
        EventFactory(
            networks=[world.network],
            working_group=group,
            starts_at=past,
            ends_at=past + datetime.timedelta(hours=1),
        )
        ResultFactory(group=group, document=DocumentFactory(group=group))
    lead.get(_en("meetings", group))
    with django_assert_num_queries(MEETINGS_QUERIES):
        meetings = lead.get(_en("meetings", group))
    with django_assert_num_queries(RESULTS_QUERIES):
        results = lead.get(_en("results", group))
    assert meetings.content.decode().count("/veranstaltungen/") >= 2 * count
    assert results.content.decode().count('id="ergebnis-') == 2 * count
