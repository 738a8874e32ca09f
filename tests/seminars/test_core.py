"""Seminar core: enrolment, materials per role, progress, checklists, organiser pages."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from pypdf import PdfWriter

from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.seminars.factories import (
    EnrolmentFactory,
    MaterialFactory,
    ModuleFactory,
    PartnerFactory,
    ProgrammeFactory,
)
from voneinander.events.models import EventKind
from voneinander.seminars import demo, services
from voneinander.seminars.models import (
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    Material,
    MaterialKind,
    Module,
    ModuleProgress,
    Programme,
)


def _programme(world, **extra):
    programme = ProgrammeFactory(**extra)
    programme.organisers.add(world.user("coordinator"))
    return programme


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Enrolment ----------------------------------------------------------------------------


def test_enrol_open_programme_is_active_at_once(world, client_as):
    programme = _programme(world)
    client = client_as(world.user("member"))
    response = client.post(reverse("seminars:enrol", kwargs={"slug": programme.slug}), {})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(programme=programme, user=world.user("member"))
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.municipality == world.membership.municipality
    assert mail.outbox == []


def test_enrol_on_approval_waits_and_tells_organisers(world, client_as):
    programme = _programme(
        world, enrolment_mode=EnrolmentMode.APPROVAL, audience="hauptamtliche Bürgermeister"
    )
    client = client_as(world.user("user"))
    page = client.get(reverse("seminars:enrol", kwargs={"slug": programme.slug}))
    assert "hauptamtliche Bürgermeister" in page.content.decode()
    client.post(
        reverse("seminars:enrol", kwargs={"slug": programme.slug}),
        {"role": "Bürgermeister", "message": "Bitte aufnehmen"},
    )
    enrolment = Enrolment.objects.get(programme=programme, user=world.user("user"))
    assert enrolment.status == EnrolmentStatus.REQUESTED
    assert enrolment.role == "Bürgermeister"
    assert [m.to for m in mail.outbox] == [[world.user("coordinator").email]]


def test_approve_makes_active_and_mails_person(world, client_as):
    programme = _programme(world, enrolment_mode=EnrolmentMode.APPROVAL)
    enrolment = EnrolmentFactory(
        programme=programme, user=world.user("user"), status=EnrolmentStatus.REQUESTED
    )
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:decide", kwargs={"slug": programme.slug, "pk": enrolment.pk})
    assert client.post(url, {"action": "approve"}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.decided_by == world.user("coordinator")
    assert mail.outbox[-1].to == [world.user("user").email]


def test_decline_needs_reason_and_mails_it(world, client_as):
    programme = _programme(world, enrolment_mode=EnrolmentMode.APPROVAL)
    enrolment = EnrolmentFactory(
        programme=programme, user=world.user("user"), status=EnrolmentStatus.REQUESTED
    )
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:decide", kwargs={"slug": programme.slug, "pk": enrolment.pk})
    response = client.post(url, {"action": "decline", "reason": ""})
    assert response.status_code == 400
    assert gettext("Please give the person a reason.") in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REQUESTED
    client.post(url, {"action": "decline", "reason": "Nur für hauptamtliche Bürgermeister."})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DECLINED
    assert "Nur für hauptamtliche Bürgermeister." in mail.outbox[-1].body


def test_declined_person_cannot_enrol_again(world):
    programme = _programme(world, enrolment_mode=EnrolmentMode.APPROVAL)
    EnrolmentFactory(programme=programme, user=world.user("user"), status=EnrolmentStatus.DECLINED)
    with pytest.raises(ValidationError) as caught:
        services.enrol(programme=programme, user=world.user("user"))
    assert caught.value.messages == [
        gettext(
            "The organisers declined your request. Please contact them if something has changed."
        )
    ]


def test_enrol_unpublished_is_refused(world):
    programme = _programme(world, is_published=False)
    with pytest.raises(ValidationError) as caught:
        services.enrol(programme=programme, user=world.user("admin"))
    assert caught.value.messages == [gettext("This programme is not open for enrolment.")]


def test_withdraw_then_enrol_again(world, client_as):
    programme = _programme(world)
    enrolment = EnrolmentFactory(programme=programme, user=world.user("member"))
    client = client_as(world.user("member"))
    client.post(reverse("seminars:withdraw", kwargs={"slug": programme.slug}))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    client.post(reverse("seminars:enrol", kwargs={"slug": programme.slug}), {})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE


# --- Materials ----------------------------------------------------------------------------


def _planted(world):
    module = ModuleFactory(programme=_programme(world))
    secret = MaterialFactory(
        module=module,
        kind=MaterialKind.DOCUMENT,
        title="Geheimer Leitfaden",
        members_only=True,
        content_type="application/pdf",
    )
    secret.file.save("x", ContentFile(b"%PDF-1.4 geheim"), save=True)
    MaterialFactory(module=module, title="Offene Checkliste", members_only=False)
    return module, secret


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("user", False),
        ("member", True),
        ("contact", False),
        ("coordinator", True),
        ("admin", True),
    ],
)
def test_members_only_material_per_role(world, client_as, role, sees):
    module, secret = _planted(world)
    EnrolmentFactory(programme=module.programme, user=world.user("member"))
    # withdrawn and requested do not count
    EnrolmentFactory(
        programme=module.programme, user=world.user("contact"), status=EnrolmentStatus.WITHDRAWN
    )
    client = client_as(world.user(role))
    page = client.get(module.get_absolute_url()).content.decode()
    assert "Offene Checkliste" in page
    assert ("Geheimer Leitfaden" in page) is sees
    file_url = reverse(
        "seminars:material_file",
        kwargs={"slug": module.programme.slug, "pk": module.pk, "material": secret.pk},
    )
    response = client.get(file_url)
    assert response.status_code == (200 if sees else 404)
    if sees:
        assert response.content == b"%PDF-1.4 geheim"
    else:
        assert b"geheim" not in response.content


def test_upload_material_checks_content(world, client_as):
    module = ModuleFactory(programme=_programme(world))
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:materials", kwargs={"slug": module.programme.slug, "pk": module.pk})
    bad = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    response = client.post(
        url, {"action": "add", "kind": "document", "title": "Böse", "upload": bad}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["upload"]
    assert not Material.objects.filter(module=module).exists()
    good = SimpleUploadedFile("folien.pdf", _pdf(), content_type="application/pdf")
    client.post(
        url,
        {
            "action": "add",
            "kind": "slides",
            "title": "Folien",
            "upload": good,
            "members_only": "on",
        },
    )
    material = Material.objects.get(module=module)
    assert (material.title, material.content_type) == ("Folien", "application/pdf")


def test_video_material_is_two_click_embed(world, client_as):
    module = ModuleFactory(programme=_programme(world))
    MaterialFactory(
        module=module,
        kind=MaterialKind.VIDEO,
        title="Einstieg",
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        members_only=False,
    )
    page = client_as(None).get(module.get_absolute_url()).content.decode()
    assert "youtube-nocookie.com" in page
    assert "<iframe" not in page  # nothing loads before the click


# --- Progress -----------------------------------------------------------------------------


def test_checklist_ticking_without_js(world, client_as):
    module = ModuleFactory(programme=_programme(world))
    checklist = MaterialFactory(module=module, members_only=False)
    enrolment = EnrolmentFactory(programme=module.programme, user=world.user("member"))
    client = client_as(world.user("member"))
    url = reverse("seminars:progress", kwargs={"slug": module.programme.slug, "pk": module.pk})
    keys = [f"{checklist.pk}:0", f"{checklist.pk}:2", "999:0"]
    response = client.post(url, {"action": "checklist", "item": keys})
    assert response.status_code == 302
    row = ModuleProgress.objects.get(enrolment=enrolment, module=module)
    assert row.checked_items == [f"{checklist.pk}:0", f"{checklist.pk}:2"]
    page = client.get(module.get_absolute_url()).content.decode()
    assert page.count("checked>") == 2


def test_progress_counts_done_modules(world, client_as):
    programme = _programme(world)
    first, _second = ModuleFactory(programme=programme), ModuleFactory(programme=programme)
    EnrolmentFactory(programme=programme, user=world.user("member"))
    client = client_as(world.user("member"))
    url = reverse("seminars:progress", kwargs={"slug": programme.slug, "pk": first.pk})
    client.post(url, {"action": "done"})
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "1 von 2 Modulen abgeschlossen" in page or "1 of 2 modules completed" in page
    assert '<progress max="2" value="1"' in page
    mine = client.get(reverse("seminars:mine")).content.decode()
    assert '<progress max="2" value="1"' in mine


def test_progress_refused_for_withdrawn(world):
    module = ModuleFactory(programme=_programme(world))
    enrolment = EnrolmentFactory(
        programme=module.programme, user=world.user("member"), status=EnrolmentStatus.WITHDRAWN
    )
    with pytest.raises(ValidationError) as caught:
        services.mark_module_done(enrolment=enrolment, module=module, done=True)
    assert caught.value.messages == [
        gettext("Only participants of the programme record their progress.")
    ]


# --- Organiser pages ----------------------------------------------------------------------


def test_create_programme_makes_creator_organiser(world, client_as):
    partner = PartnerFactory()
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("seminars:create"),
        {
            "title": "Digitale Kommune",
            "slug": "dk",
            "summary": "Kurz",
            "version_label": "Beta",
            "enrolment_mode": "approval",
            "partners": [partner.pk],
            "organisers": "member@example.org",
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(slug="dk")
    assert set(programme.organisers.all()) == {world.user("coordinator"), world.user("member")}
    assert list(programme.partners.all()) == [partner]


def test_reserved_slug_is_refused(world, client_as):
    client = client_as(world.user("admin"))
    response = client.post(
        reverse("seminars:create"),
        {
            "title": "X",
            "slug": "neu",
            "summary": "K",
            "version_label": "B",
            "enrolment_mode": "open",
        },
    )
    assert response.status_code == 400
    assert not Programme.objects.filter(slug="neu").exists()


def test_modules_are_added_and_reordered(world, client_as):
    programme = _programme(world)
    client = client_as(world.user("coordinator"))
    for title in ("Eins", "Zwei"):
        client.post(
            reverse("seminars:module_create", kwargs={"slug": programme.slug}),
            {"title": title, "learning_goals": "Ziele"},
        )
    second = Module.objects.get(title="Zwei")
    client.post(
        reverse("seminars:module_move", kwargs={"slug": programme.slug, "pk": second.pk}),
        {"direction": "up"},
    )
    assert list(programme.modules.values_list("title", flat=True)) == ["Zwei", "Eins"]


def test_create_module_date_is_seminar_event(world, client_as):
    module = ModuleFactory(programme=_programme(world))
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:dates", kwargs={"slug": module.programme.slug, "pk": module.pk})
    response = client.post(
        url,
        {
            "action": "create",
            "title": "Startworkshop",
            "starts_at": "2030-05-04T09:00",
            "ends_at": "2030-05-04T16:00",
            "format": "online",
        },
    )
    assert response.status_code == 302
    event = module.dates.get()
    assert event.kind == EventKind.SEMINAR_DATE
    assert world.user("coordinator") in event.organisers.all()
    page = client.get(module.get_absolute_url()).content.decode()
    assert reverse("events:detail", kwargs={"slug": event.slug}) in page


def test_link_and_unlink_existing_event(world, client_as):
    module = ModuleFactory(programme=_programme(world))
    event = EventFactory(networks=[world.network])
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:dates", kwargs={"slug": module.programme.slug, "pk": module.pk})
    client.post(url, {"action": "link", "event": event.pk})
    event.refresh_from_db()
    assert event.seminar_module == module
    client.post(url, {"action": "unlink", "event": event.pk})
    event.refresh_from_db()
    assert event.seminar_module is None


def test_participants_show_progress_per_module(world, client_as):
    programme = _programme(world)
    module = ModuleFactory(programme=programme)
    enrolment = EnrolmentFactory(programme=programme, user=world.user("member"))
    ModuleProgress.objects.create(
        enrolment=enrolment, module=module, completed_at="2030-01-01T00:00Z"
    )
    page = client_as(world.user("coordinator")).get(
        reverse("seminars:participants", kwargs={"slug": programme.slug})
    )
    assert "1 / 1" in page.content.decode()


# --- Query counts -------------------------------------------------------------------------


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_programme_list_queries_do_not_grow(world, client_as):
    client = client_as(world.user("member"))
    ProgrammeFactory().partners.add(PartnerFactory())
    one = _count(client, reverse("seminars:list"))
    for _ in range(4):
        ProgrammeFactory().partners.add(PartnerFactory(), PartnerFactory())
    assert _count(client, reverse("seminars:list")) == one


def test_my_seminars_queries_do_not_grow(world, client_as):
    user = world.user("member")
    client = client_as(user)
    EnrolmentFactory(user=user)
    one = _count(client, reverse("seminars:mine"))
    for _ in range(4):
        EnrolmentFactory(user=user, programme=ModuleFactory().programme)
    assert _count(client, reverse("seminars:mine")) == one


def test_programme_page_queries_do_not_grow(world, client_as):
    programme = _programme(world)
    EnrolmentFactory(programme=programme, user=world.user("member"))
    client = client_as(world.user("member"))
    EventFactory(seminar_module=ModuleFactory(programme=programme), kind=EventKind.SEMINAR_DATE)
    one = _count(client, programme.get_absolute_url())
    for _ in range(4):
        EventFactory(seminar_module=ModuleFactory(programme=programme), kind=EventKind.SEMINAR_DATE)
    assert _count(client, programme.get_absolute_url()) == one


def test_participant_list_queries_do_not_grow(world, client_as):
    programme = _programme(world)
    modules = [ModuleFactory(programme=programme) for _ in range(3)]
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:participants", kwargs={"slug": programme.slug})
    first = EnrolmentFactory(programme=programme, user=UserFactory())
    ModuleProgress.objects.create(
        enrolment=first, module=modules[0], completed_at="2030-01-01T00:00Z"
    )
    one = _count(client, url)
    for _ in range(5):
        enrolment = EnrolmentFactory(programme=programme, user=UserFactory())
        ModuleProgress.objects.create(
            enrolment=enrolment, module=modules[1], completed_at="2030-01-01T00:00Z"
        )
    assert _count(client, url) == one


# --- Demo ---------------------------------------------------------------------------------


def test_demo_is_idempotent(db):
    demo.load(None)
    demo.load(None)
    programme = Programme.objects.get(slug=demo.SLUG)
    assert programme.partners.count() == 4
    assert programme.modules.count() == 4
    start = programme.modules.get(title=demo.START_MODULE)
    assert start.dates.get().kind == EventKind.SEMINAR_DATE
    assert set(start.materials.values_list("kind", flat=True)) == {"checklist", "link", "video"}
