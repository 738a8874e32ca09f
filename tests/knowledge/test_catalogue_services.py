"""The catalogue's services: create and update with revisions, files, curation, topics."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.admissions.pdfs import letter_pdf
from tests.events.followup_factories import EXE, SVG, image_bytes, upload
from tests.factories import (
    ContactPersonFactory,
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
)
from tests.knowledge.catalogue_factories import SolutionFileFactory, solution_in
from tests.knowledge.factories import AdoptionFactory, SoftwareFactory, TopicFactory, topic
from tests.knowledge.races import plant_before_insert
from voneinander.knowledge import services
from voneinander.knowledge.models import (
    Adoption,
    Solution,
    SolutionFile,
    SolutionFileKind,
    SolutionRevision,
    SolutionStatus,
    SolutionVisibility,
    Topic,
)
from voneinander.networks.models import MembershipStatus


def _create(world, *, by=None, owner=None, **data):
    data.setdefault("title", "Dorf-App")
    data.setdefault("summary", "Eine App für alle Neuigkeiten im Dorf.")
    return services.create_solution(
        by=by or world.user("member"),
        network=world.network,
        owner=owner or world.membership.municipality,
        data=data,
    )


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Creating ----------------------------------------------------------------------------


def test_create_solution_saves_everything_and_records_a_revision(world):
    member = world.user("member")
    partner = MembershipFactory(network=world.network, municipality__name="Nachbardorf")
    solution = _create(
        world,
        status=SolutionStatus.PILOT,
        costs_one_off_min=5000,
        costs_one_off_max=12000,
        topics=[topic("mobilitaet"), topic("kommunikation")],
        partners=[partner.municipality],
        contact=member,
        software=[{"name": "Dorf-App", "licence": "EUPL-1.2", "is_open_source": True}],
    )

    solution.refresh_from_db()
    assert solution.slug == "dorf-app"
    assert solution.owner == world.membership.municipality
    assert solution.created_by == member
    assert solution.contact == member
    assert sorted(t.slug for t in solution.topics.all()) == ["kommunikation", "mobilitaet"]
    assert list(solution.partners.all()) == [partner.municipality]
    assert [(s.name, s.licence, s.is_open_source) for s in solution.software.all()] == [
        ("Dorf-App", "EUPL-1.2", True)
    ]
    revision = solution.revisions.get()
    assert revision.author == member
    assert revision.changed["created"] == [None, "Dorf-App"]
    assert revision.changed["title"] == [None, "Dorf-App"]
    assert revision.changed["costs_one_off_max"] == [None, 12000]
    assert revision.changed["topics"] == [None, ["Kommunikation", "Mobilität"]]
    assert revision.changed["partners"] == [None, ["Nachbardorf"]]
    assert revision.changed["software"] == [None, ["Dorf-App (EUPL-1.2)"]]
    # The contact person is stored by id only (the history is public).
    assert revision.changed["contact"] == [None, member.pk]
    assert "problem" not in revision.changed  # empty fields are not listed


def test_create_solution_makes_unique_addresses_and_avoids_fixed_words(world):
    first = _create(world, title="Dorf-App")
    second = _create(world, title="Dorf App")
    reserved = _create(world, title="Neu")
    topics_word = _create(world, title="Themen")
    umlauts = _create(world, title="Bürgerbüro für Ältere")

    assert first.slug == "dorf-app"
    assert second.slug == "dorf-app-2"
    assert reserved.slug == "neu-2"
    assert topics_word.slug == "themen-2"
    assert umlauts.slug == "burgerburo-fur-altere"


def test_create_solution_refuses_another_municipality_for_a_member(world):
    other = MembershipFactory(network=world.network).municipality

    with pytest.raises(ValidationError) as excinfo:
        _create(world, owner=other)

    assert "owner" in _errors(excinfo)
    assert not other.owned_solutions.exists()


def test_create_solution_lets_a_coordinator_choose_any_member(world):
    other = MembershipFactory(network=world.network).municipality

    solution = _create(world, by=world.user("coordinator"), owner=other)

    assert solution.owner == other


def test_create_solution_refuses_an_owner_that_is_not_an_active_member(world):
    left = MembershipFactory(network=world.network, status=MembershipStatus.LEFT).municipality

    with pytest.raises(ValidationError) as excinfo:
        _create(world, by=world.user("coordinator"), owner=left)

    assert "owner" in _errors(excinfo)


def test_create_solution_checks_cost_ranges_status_partners_and_contact(world):
    stranger = UserFactory()

    with pytest.raises(ValidationError) as excinfo:
        _create(
            world,
            costs_one_off_min=9000,
            costs_one_off_max=100,
            costs_yearly_min=10,
            costs_yearly_max=5,
            status=SolutionStatus.DISCONTINUED,
            partners=[world.membership.municipality],
            contact=stranger,
        )

    errors = _errors(excinfo)
    assert set(errors) == {
        "costs_one_off_max",
        "costs_yearly_max",
        "discontinued_reason",
        "partners",
        "contact",
    }


def test_create_solution_accepts_equal_cost_bounds_and_open_ranges(world):
    solution = _create(world, costs_one_off_min=500, costs_one_off_max=500, costs_yearly_max=80)

    assert (solution.costs_one_off_min, solution.costs_yearly_min) == (500, None)


def test_contact_may_be_a_contact_person_of_the_owner(world):
    contact = world.user("contact")  # no confirmed affiliation, but Altstadt's contact person

    solution = _create(world, contact=contact)

    assert solution.contact == contact


def test_create_solution_refuses_bad_software_rows(world):
    with pytest.raises(ValidationError) as excinfo:
        _create(world, software=[{"name": "App", "repository_url": "kein link"}])

    assert "software" in _errors(excinfo)


# --- Updating ----------------------------------------------------------------------------


def test_update_solution_records_only_the_changed_fields(world):
    solution = _create(world, topics=[topic("mobilitaet")], costs_yearly_max=100)
    member = world.user("member")

    revision = services.update_solution(
        solution=solution,
        by=member,
        changes={
            "title": "Dorf-App",
            "summary": "Neue Zusammenfassung",
            "topics": [topic("mobilitaet"), topic("ehrenamt")],
            "costs_yearly_max": 200,
        },
        note="Kosten aktualisiert",
    )

    assert revision.changed == {
        "summary": ["Eine App für alle Neuigkeiten im Dorf.", "Neue Zusammenfassung"],
        "costs_yearly_max": [100, 200],
        "topics": [["Mobilität"], ["Ehrenamt", "Mobilität"]],
    }
    assert revision.note == "Kosten aktualisiert"
    assert revision.author == member
    solution.refresh_from_db()
    assert solution.summary == "Neue Zusammenfassung"
    assert solution.slug == "dorf-app"


def test_update_solution_without_changes_records_nothing(world):
    solution = _create(world)

    revision = services.update_solution(
        solution=solution, by=world.user("member"), changes={"title": "Dorf-App"}
    )

    assert revision is None
    assert solution.revisions.count() == 1


def test_update_solution_keeps_everything_when_refused(world):
    solution = _create(world, costs_one_off_min=10, costs_one_off_max=20)

    with pytest.raises(ValidationError) as excinfo:
        services.update_solution(
            solution=solution,
            by=world.user("member"),
            changes={"title": "Geändert", "costs_one_off_min": 50},
        )

    assert list(_errors(excinfo)) == ["costs_one_off_max"]
    solution.refresh_from_db()
    assert (solution.title, solution.costs_one_off_min) == ("Dorf-App", 10)
    assert solution.revisions.count() == 1


def test_update_solution_syncs_software_rows(world):
    solution = _create(world)
    kept = SoftwareFactory(solution=solution, name="Dorf-App", licence="EUPL-1.2")
    removed = SoftwareFactory(solution=solution, name="Altsystem", licence="")
    foreign = SoftwareFactory(name="Fremd")

    revision = services.update_solution(
        solution=solution,
        by=world.user("member"),
        changes={
            "software": [
                {"id": kept.pk, "name": "Dorf-App", "licence": "MIT", "is_open_source": True},
                # An id of another solution's software is treated as a new row.
                {"id": foreign.pk, "name": "Terminbuchung", "vendor": "Firma"},
            ]
        },
    )

    assert sorted(solution.software.values_list("name", "licence")) == [
        ("Dorf-App", "MIT"),
        ("Terminbuchung", ""),
    ]
    assert not type(removed).objects.filter(pk=removed.pk).exists()
    foreign.refresh_from_db()
    assert foreign.name == "Fremd"
    repository = "https://gitlab.opencode.de/beispiel/dorf-app"
    assert revision.changed["software"] == [
        [f"Altsystem ({repository})", f"Dorf-App (EUPL-1.2, {repository})"],
        ["Dorf-App (MIT)", "Terminbuchung"],
    ]


def test_update_solution_keeps_a_contact_that_no_longer_qualifies(world):
    contact = ContactPersonFactory(membership=world.membership, is_primary=False).user
    solution = _create(world, contact=contact)
    contact.contact_roles.all().delete()

    revision = services.update_solution(
        solution=solution, by=world.user("member"), changes={"summary": "Neu"}
    )

    assert revision is not None
    solution.refresh_from_db()
    assert solution.contact == contact


def test_coordinator_may_move_a_solution_to_another_member(world):
    solution = _create(world)
    other = MembershipFactory(network=world.network, municipality__name="Zweitstadt").municipality

    revision = services.update_solution(
        solution=solution, by=world.user("coordinator"), changes={"owner": other}
    )

    assert revision.changed["owner"] == ["Altstadt", "Zweitstadt"]


def test_member_may_not_move_a_solution_to_another_municipality(world):
    solution = _create(world)
    other = MembershipFactory(network=world.network).municipality

    with pytest.raises(ValidationError) as excinfo:
        services.update_solution(
            solution=solution, by=world.user("member"), changes={"owner": other}
        )

    assert "owner" in _errors(excinfo)


# --- Files -------------------------------------------------------------------------------


def test_add_image_stores_it_under_a_random_name_with_a_revision(world):
    solution = _create(world)

    item = services.add_solution_file(
        solution=solution,
        by=world.user("member"),
        upload=upload(image_bytes("PNG"), "../../foto.png", "text/html"),
        kind=SolutionFileKind.IMAGE,
        title="Startseite",
        alt_text="Bildschirmfoto der Startseite",
    )

    assert item.content_type == "image/png"
    assert item.original_name == "foto.png"
    assert item.file.name.startswith("solutions/") and "foto" not in item.file.name
    assert default_storage.exists(item.file.name)
    assert solution.revisions.first().changed == {"files": [[], ["Startseite"]]}


@pytest.mark.parametrize(
    ("data", "kind", "code"),
    [
        (EXE, SolutionFileKind.ATTACHMENT, "executable"),
        (SVG, SolutionFileKind.IMAGE, "svg"),
        (letter_pdf(), SolutionFileKind.IMAGE, "not_an_image"),
        (image_bytes("PNG"), SolutionFileKind.ATTACHMENT, "image_as_attachment"),
        (b"", SolutionFileKind.ATTACHMENT, "empty"),
    ],
)
def test_add_file_refuses_what_does_not_fit(world, data, kind, code):
    solution = _create(world)

    with pytest.raises(ValidationError) as excinfo:
        services.add_solution_file(
            solution=solution,
            by=world.user("member"),
            upload=upload(data, "datei.bin"),
            kind=kind,
            title="Datei",
            alt_text="Beschreibung",
        )

    assert [error.code for error in excinfo.value.error_dict["file"]] == [code]
    assert not SolutionFile.objects.exists()


def test_add_image_refuses_more_than_ten_megabytes(world):
    solution = _create(world)
    big = upload(image_bytes("PNG") + b"\x00" * (10 * 1024 * 1024), "gross.png")

    with pytest.raises(ValidationError) as excinfo:
        services.add_solution_file(
            solution=solution,
            by=world.user("member"),
            upload=big,
            kind=SolutionFileKind.IMAGE,
            title="Groß",
            alt_text="Ein großes Bild",
        )

    assert excinfo.value.error_dict["file"][0].code == "image_too_large"


def test_add_image_requires_an_alternative_text(world):
    solution = _create(world)

    with pytest.raises(ValidationError) as excinfo:
        services.add_solution_file(
            solution=solution,
            by=world.user("member"),
            upload=upload(image_bytes("PNG"), "foto.png"),
            kind=SolutionFileKind.IMAGE,
            title="Foto",
            alt_text="  ",
        )

    assert "alt_text" in _errors(excinfo)


def test_add_attachment_accepts_a_pdf(world):
    solution = _create(world)

    item = services.add_solution_file(
        solution=solution,
        by=world.user("member"),
        upload=upload(letter_pdf(), "konzept.pdf"),
        kind=SolutionFileKind.ATTACHMENT,
        title="Konzept",
        alt_text="wird bei Anhängen nicht gespeichert",
    )

    assert (item.content_type, item.alt_text) == ("application/pdf", "")


def test_delete_solution_file_removes_row_and_stored_file(
    world, django_capture_on_commit_callbacks
):
    item = SolutionFileFactory(solution=solution_in(world))
    stored = item.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_solution_file(item=item, by=world.user("member"))

    assert not SolutionFile.objects.exists()
    assert not default_storage.exists(stored)
    assert item.solution.revisions.first().changed == {"files": [["Startseite der App"], []]}


# --- Curation ----------------------------------------------------------------------------


def test_feature_and_archive_record_revisions(world):
    solution = solution_in(world)
    coordinator = world.user("coordinator")

    services.set_featured(solution=solution, by=coordinator, featured=True)
    services.set_featured(solution=solution, by=coordinator, featured=True)  # no change
    archived = services.archive_solution(solution=solution, by=coordinator)
    restored = services.restore_solution(solution=solution, by=coordinator)

    assert archived.archived_at is not None and archived.featured is False
    assert restored.archived_at is None
    changes = [r.changed for r in solution.revisions.order_by("pk")]
    assert changes[0] == {"featured": [False, True]}
    assert changes[1]["archived_at"][0] is None and changes[1]["archived_at"][1]
    assert changes[2]["archived_at"][1] is None
    assert len(changes) == 3


def test_merge_moves_reuses_partners_and_files(world):
    coordinator = world.user("coordinator")
    into = solution_in(world, title="Dorf-App")
    owner_b = MembershipFactory(network=world.network, municipality__name="Bachdorf").municipality
    partner = MembershipFactory(network=world.network, municipality__name="Partnerort").municipality
    duplicate = solution_in(world, title="Dorf App (doppelt)", owner=owner_b, partners=[partner])
    both = AdoptionFactory(solution=into, municipality__name="Beide")
    kept_back = AdoptionFactory(solution=duplicate, municipality=both.municipality)
    moved = AdoptionFactory(solution=duplicate, municipality__name="Umzug")
    own = AdoptionFactory(solution=duplicate, municipality=into.owner)
    image = SolutionFileFactory(solution=duplicate)

    services.merge_solution(duplicate=duplicate, into=into, by=coordinator)

    duplicate.refresh_from_db()
    assert duplicate.merged_into == into
    assert sorted(into.adoptions.values_list("municipality__name", flat=True)) == [
        "Beide",
        "Umzug",
    ]
    assert Adoption.objects.get(pk=kept_back.pk).solution == duplicate
    assert Adoption.objects.get(pk=own.pk).solution == duplicate
    assert Adoption.objects.get(pk=moved.pk).solution == into
    assert sorted(m.name for m in into.partners.all()) == ["Bachdorf", "Partnerort"]
    assert SolutionFile.objects.get(pk=image.pk).solution == into
    into_change = into.revisions.first().changed
    assert into_change["merged_from"] == [None, "Dorf App (doppelt)"]
    assert into_change["adoptions"] == [["Beide"], ["Beide", "Umzug"]]
    assert into_change["partners"] == [[], ["Bachdorf", "Partnerort"]]
    assert into_change["files"] == [[], ["Startseite der App"]]
    assert duplicate.revisions.first().changed == {"merged_into": [None, "Dorf-App"]}


@pytest.mark.parametrize("problem", ["itself", "already_merged", "target_archived"])
def test_merge_refuses_impossible_merges(world, problem):
    into = solution_in(world)
    duplicate = solution_in(world)
    if problem == "itself":
        into = duplicate
    elif problem == "already_merged":
        duplicate.merged_into = solution_in(world)
        duplicate.save()
    else:
        into.archived_at = timezone.now()
        into.save()

    with pytest.raises(ValidationError):
        services.merge_solution(duplicate=duplicate, into=into, by=world.user("coordinator"))

    assert not SolutionRevision.objects.filter(solution__in=[into, duplicate]).exists()


@pytest.mark.parametrize("case", ["target_not_curated", "internal_into_public"])
def test_merge_refuses_what_the_person_may_not_merge(world, case):
    if case == "target_not_curated":
        into = solution_in(world, network="beta", title="Ziel Beta")
        duplicate = solution_in(world)
    else:
        into = solution_in(world, title="Ziel öffentlich")
        duplicate = solution_in(world, visibility=SolutionVisibility.NETWORK, title="Intern")
    AdoptionFactory(solution=duplicate, municipality__name="Nutzerort")

    with pytest.raises(ValidationError) as excinfo:
        services.merge_solution(duplicate=duplicate, into=into, by=world.user("coordinator"))

    assert excinfo.value.error_list[0].code == "not_allowed"
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert not into.adoptions.exists()
    assert not SolutionRevision.objects.filter(solution__in=[into, duplicate]).exists()


def test_merge_into_an_internal_solution_of_another_network_keeps_its_title_out(world):
    coordinator = world.user("coordinator")
    CoordinatorFactory(network=world.other_network, user=coordinator)
    into = solution_in(world, network="beta", visibility=SolutionVisibility.NETWORK, title="Beta")
    duplicate = solution_in(world, title="Öffentlich")

    services.merge_solution(duplicate=duplicate, into=into, by=coordinator)

    # Alpha's people read the duplicate's history; they may not see beta's internal title.
    assert duplicate.revisions.get().changed == {"merged_into": [None, None]}
    assert into.revisions.get().changed["merged_from"] == [None, "Öffentlich"]


# --- Addresses taken at the same moment ----------------------------------------------------


def test_create_solution_whose_address_is_taken_at_the_same_moment_gets_the_next(world):
    with plant_before_insert(
        "knowledge_solution", lambda: solution_in(world, title="Dorf-App", slug="dorf-app")
    ):
        created = _create(world, title="Dorf-App")

    assert created.slug == "dorf-app-2"
    assert set(Solution.objects.values_list("slug", flat=True)) == {"dorf-app", "dorf-app-2"}
    assert created.revisions.count() == 1


def test_create_topic_whose_address_is_taken_at_the_same_moment_gets_the_next(world):
    with plant_before_insert(
        "knowledge_topic", lambda: TopicFactory(name="Etwas anderes", slug="digitale-schule")
    ):
        created = services.create_topic(by=world.user("coordinator"), name="Digitale Schule")

    assert created.slug == "digitale-schule-2"


def test_create_topic_whose_name_is_taken_at_the_same_moment_is_a_form_error(world):
    with (
        plant_before_insert(
            "knowledge_topic", lambda: TopicFactory(name="Digitale Schule", slug="anders")
        ),
        pytest.raises(ValidationError) as excinfo,
    ):
        services.create_topic(by=world.user("coordinator"), name="Digitale Schule")

    assert "name" in _errors(excinfo)
    assert Topic.objects.filter(name="Digitale Schule").count() == 1


def test_insert_with_free_slug_adds_a_suffix_while_the_other_entry_is_not_visible(world):
    solution_in(world, title="Dorf-App", slug="dorf-app")
    late = Solution(
        title="Dorf-App",
        slug="dorf-app",
        summary="Kurz",
        network=world.network,
        owner=world.membership.municipality,
    )

    services.insert_with_free_slug(late, next_slug=lambda: "dorf-app")

    assert late.pk is not None
    assert late.slug.startswith("dorf-app-") and len(late.slug) == len("dorf-app-") + 6


# --- Topics ------------------------------------------------------------------------------


def test_create_topic_gets_a_free_address_and_comes_last(world):
    TopicFactory(name="Altes Thema", slug="digitale-schule", position=900)

    created = services.create_topic(
        by=world.user("coordinator"), name="  Digitale   Schule ", is_field=True
    )

    assert (created.name, created.slug, created.is_field) == (
        "Digitale Schule",
        "digitale-schule-2",
        True,
    )
    assert created.position == 901


def test_create_topic_refuses_a_name_in_use_in_any_case(world):
    with pytest.raises(ValidationError) as excinfo:
        services.create_topic(by=world.user("coordinator"), name="mobilität")

    assert "name" in _errors(excinfo)


def test_update_topic_renames_and_deactivates_but_keeps_address_and_solutions(world):
    mobility = topic("mobilitaet")
    solution = solution_in(world, topics=[mobility])

    services.update_topic(
        topic=mobility,
        by=world.user("coordinator"),
        name="Mobilität & Verkehr",
        description="",
        is_field=False,
        active=False,
    )

    mobility = Topic.objects.get(pk=mobility.pk)
    assert (mobility.slug, mobility.name, mobility.active) == (
        "mobilitaet",
        "Mobilität & Verkehr",
        False,
    )
    assert list(solution.topics.all()) == [mobility]
