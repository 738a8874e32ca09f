from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import MembershipFactory, MunicipalityFactory
from tests.municipalities.gv100ad_lines import SAMPLE, SAMPLE_LINES, gemeinde
from voneinander.municipalities.models import Municipality
from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.municipalities.reports import Entry, FieldChange, LineError, Update
from voneinander.municipalities.services import import_gv100ad

pytestmark = pytest.mark.django_db

SOURCE = "GV100AD sample"
ALL_KEYS = [
    "07",
    "073120000000",
    "07333",
    "073335001",
    "073335001017",
    "073335002",
    "073335002014",
    "073335002026",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(lines):
    return import_gv100ad(lines=lines, source=SOURCE)


def table():
    return {
        m.ars: (
            m.name,
            m.kind,
            m.parent.ars if m.parent else None,
            m.ags,
            m.state,
            m.population,
            m.area_km2,
            m.postcode,
        )
        for m in Municipality.objects.select_related("parent")
    }


def test_import_gv100ad_first_import_creates_the_hierarchy():
    report = run(SAMPLE.read_text(encoding="utf-8").splitlines())

    assert table() == {
        "07": ("Rheinland-Pfalz", Kind.LAND, None, "07", "RP", 115811, Decimal("173.77"), ""),
        "073120000000": (
            "Kaiserslautern",
            Kind.KREISFREIE_STADT,
            "07",
            "07312000",
            "RP",
            101486,
            Decimal("139.72"),
            "67655",
        ),
        "07333": (
            "Donnersbergkreis",
            Kind.LANDKREIS,
            "07",
            "07333",
            "RP",
            14325,
            Decimal("34.05"),
            "",
        ),
        "073335001": (
            "Eisenberg (Pfalz)",
            Kind.VERBANDSGEMEINDE,
            "07333",
            None,
            "RP",
            9461,
            Decimal("10.10"),
            "",
        ),
        "073335001017": (
            "Eisenberg (Pfalz)",
            Kind.STADT,
            "073335001",
            "07333017",
            "RP",
            9461,
            Decimal("10.10"),
            "67304",
        ),
        "073335002": (
            "Göllheim",
            Kind.VERBANDSGEMEINDE,
            "07333",
            None,
            "RP",
            4864,
            Decimal("23.95"),
            "",
        ),
        "073335002014": (
            "Dreisen",
            Kind.ORTSGEMEINDE,
            "073335002",
            "07333014",
            "RP",
            1054,
            Decimal("5.22"),
            "67816",
        ),
        "073335002026": (
            "Göllheim",
            Kind.ORTSGEMEINDE,
            "073335002",
            "07333026",
            "RP",
            3810,
            Decimal("18.73"),
            "67307",
        ),
    }
    eisenberg = Municipality.objects.get(ars="073335001017")
    assert (eisenberg.official_name, eisenberg.import_source) == (
        "Eisenberg (Pfalz), Stadt",
        SOURCE,
    )
    assert [entry.key for entry in report.created] == ALL_KEYS
    assert (report.updated, report.unchanged, report.missing, report.skipped, report.errors) == (
        [],
        0,
        [],
        3,
        [],
    )


def test_import_gv100ad_second_identical_import_changes_nothing():
    run(SAMPLE_LINES)
    before = table()

    report = run(SAMPLE_LINES)

    assert table() == before
    assert Municipality.objects.count() == 8
    assert (report.created, report.updated, report.unchanged, report.missing) == ([], [], 8, [])
    assert report.summary() == (
        "Created: 0, updated: 0, unchanged: 8, missing from the file: 0, skipped: 3, errors: 0."
    )


def test_import_gv100ad_changed_population_is_updated_and_reported():
    run(SAMPLE_LINES)
    lines = [*SAMPLE_LINES]
    lines[10] = gemeinde("07333026", "5002", "Göllheim", 64, 1873, 3900, "67307")

    report = run(lines)

    assert report.updated == [
        Update(Entry("07", "Rheinland-Pfalz"), (FieldChange("population", 115811, 115901),)),
        Update(Entry("07333", "Donnersbergkreis"), (FieldChange("population", 14325, 14415),)),
        Update(Entry("073335002", "Göllheim"), (FieldChange("population", 4864, 4954),)),
        Update(Entry("073335002026", "Göllheim"), (FieldChange("population", 3810, 3900),)),
    ]
    assert report.unchanged == 4
    assert Municipality.objects.get(ars="073335002026").population == 3900
    assert Municipality.objects.get(ars="07").population == 115901
    assert (
        report.details(changes=True)[-1]
        == "Updated Göllheim (073335002026): population 3810 → 3900"
    )


def test_import_gv100ad_changed_name_kind_and_area_are_updated():
    run(SAMPLE_LINES)
    lines = [*SAMPLE_LINES]
    lines[10] = gemeinde("07333026", "5002", "Göllheim, Stadt", 63, 1880, 3810, "67307")

    report = run(lines)

    goellheim = Municipality.objects.get(ars="073335002026")
    assert (goellheim.official_name, goellheim.kind, goellheim.area_km2) == (
        "Göllheim, Stadt",
        Kind.STADT,
        Decimal("18.80"),
    )
    assert report.updated[-1] == Update(
        Entry("073335002026", "Göllheim"),
        (
            FieldChange("official_name", "Göllheim", "Göllheim, Stadt"),
            FieldChange("kind", "ortsgemeinde", "stadt"),
            FieldChange("area_km2", Decimal("18.73"), Decimal("18.80")),
        ),
    )
    assert Municipality.objects.get(ars="07333").area_km2 == Decimal("34.12")


def test_import_gv100ad_malformed_lines_are_reported_and_the_rest_imported():
    lines = [*SAMPLE_LINES]
    lines[9] = lines[9][:139] + "0000000105X" + lines[9][150:]  # Dreisen's population
    lines.insert(3, "40 kaputt")

    report = run(lines)

    assert report.errors == [
        LineError(4, "The record has 9 characters; a GV100AD record has 220."),
        LineError(
            11,
            "The field Bevölkerung must be a whole number, found “0000000105X”.",
            key="073335002014",
        ),
    ]
    assert report.error_lines() == [
        "Line 4: The record has 9 characters; a GV100AD record has 220.",
        "Line 11: The field Bevölkerung must be a whole number, found “0000000105X”.",
    ]
    assert sorted(Municipality.objects.values_list("ars", flat=True)) == [
        key for key in ALL_KEYS if key != "073335002014"
    ]


def test_import_gv100ad_missing_municipality_with_membership_is_kept():
    run(SAMPLE_LINES)
    dreisen = Municipality.objects.get(ars="073335002014")
    membership = MembershipFactory(municipality=dreisen)
    without_dreisen = [line for line in SAMPLE_LINES if "Dreisen" not in line]

    report = run(without_dreisen)

    assert report.missing == [Entry("073335002014", "Dreisen")]
    assert report.details(changes=False) == ["Missing from the file (kept): Dreisen (073335002014)"]
    dreisen.refresh_from_db()
    membership.refresh_from_db()
    assert (dreisen.name, dreisen.parent.ars, membership.municipality_id) == (
        "Dreisen",
        "073335002",
        dreisen.pk,
    )
    assert Municipality.objects.count() == 8


def test_import_gv100ad_line_with_error_is_not_also_missing():
    run(SAMPLE_LINES)
    lines = [*SAMPLE_LINES]
    lines[9] = lines[9][:139] + "0000000105X" + lines[9][150:]

    report = run(lines)

    assert (len(report.errors), report.missing) == (1, [])


def test_import_gv100ad_missing_only_within_the_states_of_the_file():
    MunicipalityFactory(name="Saarbrücken", ars="100410100100", ags="10041100", state="SL")
    MunicipalityFactory(name="Musterdorf", state="RP")  # no key: never came from the register

    report = run(SAMPLE_LINES)

    assert report.missing == []


def test_import_gv100ad_gemeinde_moving_to_another_verbandsgemeinde_keeps_its_row():
    run(SAMPLE_LINES)
    dreisen_pk = Municipality.objects.get(ags="07333014").pk
    lines = [*SAMPLE_LINES]
    lines[9] = gemeinde("07333014", "5001", "Dreisen", 64, 522, 1054, "67816")

    report = run(lines)

    dreisen = Municipality.objects.get(ags="07333014")
    assert (dreisen.pk, dreisen.ars, dreisen.parent.ars) == (
        dreisen_pk,
        "073335001014",
        "073335001",
    )
    assert (
        Update(
            Entry("073335001014", "Dreisen"),
            (
                FieldChange("ars", "073335002014", "073335001014"),
                FieldChange("parent", "VG Göllheim", "VG Eisenberg (Pfalz)"),
            ),
        )
        in report.updated
    )
    assert Municipality.objects.count() == 8


def test_import_gv100ad_adopts_rows_without_keys_instead_of_duplicating():
    land = MunicipalityFactory(name="Rheinland-Pfalz", kind=Kind.LAND, population=None)
    kaiserslautern = MunicipalityFactory(
        name="Kaiserslautern", kind=Kind.KREISFREIE_STADT, parent=land, latitude=49.443
    )
    vg = MunicipalityFactory(name="Eisenberg (Pfalz)", kind=Kind.VERBANDSGEMEINDE, parent=land)
    membership = MembershipFactory(municipality=kaiserslautern)

    report = run(SAMPLE_LINES)

    assert Municipality.objects.count() == 8
    kaiserslautern.refresh_from_db()
    vg.refresh_from_db()
    assert (kaiserslautern.ars, kaiserslautern.ags, kaiserslautern.latitude) == (
        "073120000000",
        "07312000",
        49.443,
    )
    assert (vg.ars, vg.parent.name) == ("073335001", "Donnersbergkreis")
    assert membership.municipality_id == kaiserslautern.pk
    assert sorted(update.entry.key for update in report.updated) == [
        "07",
        "073120000000",
        "073335001",
    ]


def test_import_gv100ad_keeps_grosse_kreisangehoerige_stadt_set_by_hand():
    run(SAMPLE_LINES)
    Municipality.objects.filter(ars="073335001017").update(kind=Kind.GROSSE_KREISANGEHOERIGE_STADT)

    report = run(SAMPLE_LINES)

    assert Municipality.objects.get(ars="073335001017").kind == Kind.GROSSE_KREISANGEHOERIGE_STADT
    assert report.updated == []


def test_import_gv100ad_does_not_replace_known_figures_with_unknown_ones():
    run(SAMPLE_LINES)
    lines = [*SAMPLE_LINES]
    lines[9] = lines[9][:128] + " " * 33 + lines[9][161:]  # Dreisen: no area, no population

    run(lines)

    dreisen = Municipality.objects.get(ars="073335002014")
    assert (dreisen.population, dreisen.area_km2) == (1054, Decimal("5.22"))


def test_import_gv100ad_query_count_does_not_grow_with_the_file():
    extra = [
        gemeinde(f"07333{n:03d}", "5002", f"Ort {n}", 64, 100, 100, "67307")
        for n in range(100, 160)
    ]

    with CaptureQueriesContext(connection) as small:
        run(SAMPLE_LINES)
    Municipality.objects.update(parent=None)
    Municipality.objects.all().delete()
    with CaptureQueriesContext(connection) as large:
        run([*SAMPLE_LINES, *extra])

    assert Municipality.objects.count() == 68
    assert len(large) == len(small)
