from pathlib import Path

import pytest
from django.utils import translation

from tests.factories import MunicipalityFactory
from tests.municipalities.gv100ad_lines import SAMPLE_LINES
from voneinander.municipalities import places
from voneinander.municipalities.models import Municipality
from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.municipalities.reports import Entry, FieldChange, LineError, Update
from voneinander.municipalities.services import import_geonames_places, import_gv100ad

SAMPLE = Path(__file__).parent / "data" / "places-sample.tsv"
COLUMNS = "name\tgeonames_id\tstate\tpopulation\tlatitude\tlongitude"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def rows(*lines):
    header = COLUMNS.split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines]


def sample_rows():
    return list(places.open_rows(SAMPLE))


def coordinates():
    return {
        (m.state, m.name, m.kind): (m.geonames_id, m.latitude, m.longitude, m.population)
        for m in Municipality.objects.all()
    }


@pytest.fixture
def registry(db):
    import_gv100ad(lines=SAMPLE_LINES, source="GV100AD sample")


def test_import_places_fills_coordinates_of_registry_municipalities(registry):
    report = import_geonames_places(rows=sample_rows(), create_missing=False)

    assert coordinates() == {
        ("RP", "Rheinland-Pfalz", Kind.LAND): (None, None, None, 115811),
        ("RP", "Kaiserslautern", Kind.KREISFREIE_STADT): (2894003, 49.443, 7.77161, 101486),
        ("RP", "Donnersbergkreis", Kind.LANDKREIS): (None, None, None, 14325),
        ("RP", "Eisenberg (Pfalz)", Kind.VERBANDSGEMEINDE): (None, None, None, 9461),
        ("RP", "Eisenberg (Pfalz)", Kind.STADT): (2931522, 49.55859, 8.07199, 9461),
        ("RP", "Göllheim", Kind.VERBANDSGEMEINDE): (None, None, None, 4864),
        ("RP", "Dreisen", Kind.ORTSGEMEINDE): (None, None, None, 1054),
        ("RP", "Göllheim", Kind.ORTSGEMEINDE): (2919232, 49.595, 8.05083, 3810),
    }
    assert report.updated == [
        Update(
            Entry("073335001017", "Eisenberg (Pfalz)"),
            (
                FieldChange("geonames_id", None, 2931522),
                FieldChange("latitude", None, 49.55859),
                FieldChange("longitude", None, 8.07199),
            ),
        ),
        Update(
            Entry("073335002026", "Göllheim"),
            (
                FieldChange("geonames_id", None, 2919232),
                FieldChange("latitude", None, 49.595),
                FieldChange("longitude", None, 8.05083),
            ),
        ),
        Update(
            Entry("073120000000", "Kaiserslautern"),
            (
                FieldChange("geonames_id", None, 2894003),
                FieldChange("latitude", None, 49.443),
                FieldChange("longitude", None, 7.77161),
            ),
        ),
    ]
    # Frankenthal, Eisenberg (Thüringen), Rüssingen, Adelschlag match nothing.
    assert (report.created, report.unchanged, report.skipped) == ([], 0, 4)
    assert report.errors == [
        LineError(8, "geonames_id must be a whole number, found “zwei”."),
    ]


def test_import_places_second_run_changes_nothing(registry):
    import_geonames_places(rows=sample_rows(), create_missing=True)
    before = coordinates()

    report = import_geonames_places(rows=sample_rows(), create_missing=True)

    assert coordinates() == before
    assert (report.created, report.updated, report.unchanged, report.skipped) == ([], [], 7, 0)


def test_import_places_population_only_where_unknown(db):
    MunicipalityFactory(name="Frankenthal (Pfalz)", kind=Kind.KREISFREIE_STADT, population=None)
    MunicipalityFactory(name="Kaiserslautern", kind=Kind.KREISFREIE_STADT, population=100000)

    import_geonames_places(rows=sample_rows(), create_missing=False)

    assert {m.name: (m.population, m.geonames_id) for m in Municipality.objects.all()} == {
        "Frankenthal (Pfalz)": (47438, 2925550),
        "Kaiserslautern": (100000, 2894003),
    }


def test_import_places_spelling_variants_match(db):
    MunicipalityFactory(name="St. Goar", kind=Kind.STADT)
    MunicipalityFactory(name="Zweibrücken", kind=Kind.KREISFREIE_STADT)
    MunicipalityFactory(name="Neustadt (Westerwald)", kind=Kind.ORTSGEMEINDE)
    MunicipalityFactory(name="Bad Kreuznach", kind=Kind.GROSSE_KREISANGEHOERIGE_STADT)

    report = import_geonames_places(
        rows=rows(
            "Sankt Goar\t2841611\tRP\t3083\t50.14878\t7.7072",
            "Zweibruecken\t2804979\tRP\t34209\t49.24686\t7.36977",
            "Neustadt/Westerwald\t2864095\tRP\t583\t50.62965\t8.04023",
            "Bad Kreuznach\t2953416\tRP\t43213\t49.8414\t7.86713",
        ),
        create_missing=False,
    )

    assert {m.name: m.geonames_id for m in Municipality.objects.all()} == {
        "St. Goar": 2841611,
        "Zweibrücken": 2804979,
        "Neustadt (Westerwald)": 2864095,
        "Bad Kreuznach": 2953416,
    }
    assert (len(report.updated), report.skipped) == (4, 0)


def test_import_places_ambiguous_name_matches_nothing(db):
    MunicipalityFactory(name="Altenkirchen (Westerwald)", kind=Kind.STADT)
    MunicipalityFactory(name="Altenkirchen (Pfalz)", kind=Kind.ORTSGEMEINDE)

    report = import_geonames_places(
        rows=rows("Altenkirchen\t2957015\tRP\t6200\t50.68\t7.65"), create_missing=True
    )

    assert list(Municipality.objects.values_list("geonames_id", flat=True)) == [None, None]
    assert (report.created, report.skipped) == ([], 1)


def test_import_places_most_populous_of_namesakes_wins(db):
    MunicipalityFactory(name="Rüssingen", kind=Kind.ORTSGEMEINDE)

    report = import_geonames_places(
        rows=rows(
            "Rüssingen\t2842640\tRP\t12\t49.6\t8.06667",
            "Rüssingen\t2842869\tRP\t508\t49.61583\t8.08833",
        ),
        create_missing=True,
    )

    assert Municipality.objects.get().geonames_id == 2842869
    assert (report.created, report.skipped) == ([], 1)


def test_import_places_does_not_link_a_verbandsgemeinde(registry):
    Municipality.objects.filter(kind=Kind.ORTSGEMEINDE, name="Göllheim").update(name="Göllheim X")

    report = import_geonames_places(
        rows=rows("Göllheim\t2919232\tRP\t3773\t49.595\t8.05083"), create_missing=False
    )

    assert Municipality.objects.filter(geonames_id__isnull=False).count() == 0
    assert report.skipped == 1


def test_import_places_create_missing_guesses_kinds(registry):
    report = import_geonames_places(rows=sample_rows(), create_missing=True)

    created = Municipality.objects.filter(import_source="GeoNames").order_by("geonames_id")
    assert [
        (m.name, m.state, m.kind, m.population, m.latitude, m.parent, m.ags) for m in created
    ] == [
        ("Rüssingen", "RP", Kind.ORTSGEMEINDE, 508, 49.61583, None, None),
        ("Frankenthal", "RP", Kind.STADT, 47438, 49.53414, None, None),
        ("Eisenberg", "TH", Kind.STADT, 11438, 50.9686, None, None),
        ("Adelschlag", "BY", Kind.VERBANDSFREIE_GEMEINDE, None, 48.84025, None, None),
    ]
    assert report.created == [
        Entry("GeoNames 2842869", "Rüssingen"),
        Entry("GeoNames 2925550", "Frankenthal"),
        Entry("GeoNames 2931521", "Eisenberg"),
        Entry("GeoNames 2959516", "Adelschlag"),
    ]
    assert Municipality.objects.count() == 12


def test_import_places_create_missing_skips_namesakes_of_existing_municipalities(db):
    MunicipalityFactory(name="Neustadt (Wied)", kind=Kind.ORTSGEMEINDE)

    report = import_geonames_places(
        rows=rows("Neustadt/Westerwald\t2864095\tRP\t583\t50.62965\t8.04023"),
        create_missing=True,
    )

    assert Municipality.objects.count() == 1
    assert (report.created, report.skipped) == ([], 1)


def test_import_places_malformed_rows_are_reported_and_the_rest_imported(db):
    report = import_geonames_places(
        rows=rows(
            "Kaiserslautern\t2894003\tRP\t98732\t49.443\t7.77161",
            "Mainz\t2874225\tXX\t217123\t49.98419\t8.2791",
            "Trier\t2821164\tRP\t110636\t94.75\t6.64",
            "Speyer\t2829901\tRP",
            "Worms\t2806142\tRP\tviele\t49.63278\t8.35916",
            "Kaiserslautern\t2894003\tRP\t98732\t49.443\t7.77161",
        ),
        create_missing=True,
    )

    assert report.errors == [
        LineError(3, "Unknown state “XX”."),
        LineError(4, "latitude must be a number between -90 and 90, found “94.75”."),
        LineError(5, "Missing value for population, latitude, longitude."),
        LineError(6, "population must be a whole number, found “viele”."),
        LineError(7, "The GeoNames id 2894003 appears twice; the first is on line 2."),
    ]
    assert list(Municipality.objects.values_list("name", flat=True)) == ["Kaiserslautern"]


def test_import_gv100ad_after_places_adopts_created_rows(db):
    import_geonames_places(rows=sample_rows(), create_missing=True)
    goellheim = Municipality.objects.get(geonames_id=2919232)

    import_gv100ad(lines=SAMPLE_LINES, source="GV100AD sample")

    goellheim.refresh_from_db()
    assert (goellheim.ars, goellheim.kind, goellheim.parent.name, goellheim.latitude) == (
        "073335002026",
        Kind.ORTSGEMEINDE,
        "Göllheim",
        49.595,
    )
    kaiserslautern = Municipality.objects.get(geonames_id=2894003)
    assert (kaiserslautern.kind, kaiserslautern.ags) == (Kind.KREISFREIE_STADT, "07312000")
    # 8 from the register (3 of them adopted), 4 places the register does not list
    assert Municipality.objects.count() == 12


def test_places_de_is_complete_and_valid():
    read = list(places.read(places.open_rows(places.PLACES_DE)))

    assert len(read) == 11921
    assert [item for item in read if not isinstance(item, places.Place)] == []
