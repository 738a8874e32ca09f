import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from tests.municipalities.gv100ad_lines import SAMPLE, SAMPLE_LINES, gemeinde, record, sample_text
from voneinander.municipalities import gv100ad
from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.municipalities.reports import LineError


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# Written out field by field, with the positions of the Destatis record description.
GOELLHEIM = (
    "60"  # 1-2 Satzart
    "20241231"  # 3-10 Gebietsstand
    "07333026"  # 11-18 Land 07, Regierungsbezirk 3, Kreis 33, Gemeinde 026
    "5002"  # 19-22 Gemeindeverband
    + "Göllheim".ljust(50)  # 23-72 name
    + " " * 50  # 73-122
    + "64"  # 123-124 Textkennzeichen
    + " " * 4  # 125-128
    + "00000001873"  # 129-139 Fläche in ha
    + "00000003810"  # 140-150 Bevölkerung
    + "00000001905"  # 151-161 männlich
    + " " * 4  # 162-165
    + "67307"  # 166-170 Postleitzahl
    + " " * 50  # 171-220
)


def test_parse_line_gemeinde_reads_every_field_at_its_position():
    parsed = gv100ad.parse_line(GOELLHEIM, line_number=7)

    assert parsed == gv100ad.Record(
        line_number=7,
        satzart=60,
        gebietsstand=datetime.date(2024, 12, 31),
        land="07",
        regierungsbezirk="3",
        kreis="33",
        gemeinde="026",
        gemeindeverband="5002",
        name="Göllheim",
        textkennzeichen=64,
        area_ha=1873,
        population=3810,
        postcode="67307",
    )
    assert (parsed.ags, parsed.ars, parsed.state) == ("07333026", "073335002026", "RP")


def test_parse_line_kreis_has_five_digit_keys():
    parsed = gv100ad.parse_line(SAMPLE_LINES[5], line_number=6)

    assert (parsed.satzart, parsed.name, parsed.textkennzeichen) == (40, "Donnersbergkreis", 44)
    assert (parsed.ags, parsed.ars, parsed.kreis_key) == ("07333", "07333", "07333")


def test_parse_line_verbandsgemeinde_has_ars_but_no_ags():
    parsed = gv100ad.parse_line(SAMPLE_LINES[8], line_number=9)

    assert (parsed.ags, parsed.ars, parsed.name, parsed.textkennzeichen) == (
        None,
        "073335002",
        "Göllheim",
        53,
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (GOELLHEIM[:-1], "The record has 219 characters; a GV100AD record has 220."),
        (GOELLHEIM + " ", "The record has 221 characters; a GV100AD record has 220."),
        ("70" + GOELLHEIM[2:], "Unknown record type (Satzart) “70”."),
        ("6X" + GOELLHEIM[2:], "Unknown record type (Satzart) “6X”."),
        (
            GOELLHEIM[:2] + "20241331" + GOELLHEIM[10:],
            "The territorial date (Gebietsstand) “20241331” is not a date (YYYYMMDD).",
        ),
        (
            GOELLHEIM[:15] + "0 6" + GOELLHEIM[18:],
            "The key field Gemeinde must contain only digits, found “0 6”.",
        ),
        (
            GOELLHEIM[:18] + "50O2" + GOELLHEIM[22:],
            "The key field Gemeindeverband must contain only digits, found “50O2”.",
        ),
        ("60" + GOELLHEIM[2:10] + "17" + GOELLHEIM[12:], "Unknown Land key “17”."),
        (
            GOELLHEIM[:122] + "69" + GOELLHEIM[124:],
            "Unknown text code (Textkennzeichen) “69” for record type 60.",
        ),
        (
            GOELLHEIM[:139] + "0000000381O" + GOELLHEIM[150:],
            "The field Bevölkerung must be a whole number, found “0000000381O”.",
        ),
        (
            GOELLHEIM[:128] + "-0000001873" + GOELLHEIM[139:],
            "The field Fläche must be a whole number, found “-0000001873”.",
        ),
        (
            GOELLHEIM[:165] + "6730 " + GOELLHEIM[170:],
            "The postcode “6730” is not five digits.",
        ),
        (GOELLHEIM[:22] + " " * 50 + GOELLHEIM[72:], "The record has no name."),
    ],
)
def test_parse_line_malformed_says_what_is_wrong(line, message):
    with pytest.raises(gv100ad.MalformedRecordError) as raised:
        gv100ad.parse_line(line, line_number=1)

    assert raised.value.message == message


def test_parse_line_malformed_after_the_key_carries_the_key():
    line = GOELLHEIM[:139] + "0000000381O" + GOELLHEIM[150:]

    with pytest.raises(gv100ad.MalformedRecordError) as raised:
        gv100ad.parse_line(line, line_number=1)

    assert raised.value.key == "073335002026"


def test_parse_line_blank_numbers_are_unknown():
    line = GOELLHEIM[:128] + " " * 33 + GOELLHEIM[161:165] + " " * 5 + GOELLHEIM[170:]

    parsed = gv100ad.parse_line(line, line_number=1)

    assert (parsed.area_ha, parsed.population, parsed.postcode) == (None, None, "")


def test_read_counts_lines_skips_blank_ones_and_strips_line_breaks():
    lines = ["\ufeff" + SAMPLE_LINES[0] + "\r\n", "\r\n", "kaputt\n", SAMPLE_LINES[5] + "\n", ""]

    result = list(gv100ad.read(lines))

    assert [type(item).__name__ for item in result] == ["Record", "LineError", "Record"]
    assert (result[0].line_number, result[0].name) == (1, "Rheinland-Pfalz")
    assert result[1] == LineError(3, "The record has 6 characters; a GV100AD record has 220.")
    assert (result[2].line_number, result[2].name) == (4, "Donnersbergkreis")


def test_sample_file_is_what_the_helper_writes():
    # Compared without line ends: the file has CRLF, as Destatis files have.
    assert SAMPLE.read_text(encoding="utf-8").replace("\r\n", "\n") == sample_text().replace(
        "\r\n", "\n"
    )


def _entries(lines):
    records = [item for item in gv100ad.read(lines) if isinstance(item, gv100ad.Record)]
    return gv100ad.registry_entries(records)


def test_registry_entries_sample_kinds_parents_and_sums():
    entries, skipped, errors = _entries(SAMPLE_LINES)

    assert [
        (e.ars, e.ags, e.name, e.kind, e.parent_keys, e.population, e.area_km2, e.postcode)
        for e in entries
    ] == [
        ("07", "07", "Rheinland-Pfalz", Kind.LAND, (), 115811, Decimal("173.77"), None),
        (
            "073120000000",
            "07312000",
            "Kaiserslautern",
            Kind.KREISFREIE_STADT,
            ("07312", "07"),
            101486,
            Decimal("139.72"),
            "67655",
        ),
        (
            "07333",
            "07333",
            "Donnersbergkreis",
            Kind.LANDKREIS,
            ("07",),
            14325,
            Decimal("34.05"),
            None,
        ),
        (
            "073335001",
            None,
            "Eisenberg (Pfalz)",
            Kind.VERBANDSGEMEINDE,
            ("07333", "07"),
            9461,
            Decimal("10.10"),
            None,
        ),
        (
            "073335001017",
            "07333017",
            "Eisenberg (Pfalz)",
            Kind.STADT,
            ("073335001", "07333", "07"),
            9461,
            Decimal("10.10"),
            "67304",
        ),
        (
            "073335002",
            None,
            "Göllheim",
            Kind.VERBANDSGEMEINDE,
            ("07333", "07"),
            4864,
            Decimal("23.95"),
            None,
        ),
        (
            "073335002014",
            "07333014",
            "Dreisen",
            Kind.ORTSGEMEINDE,
            ("073335002", "07333", "07"),
            1054,
            Decimal("5.22"),
            "67816",
        ),
        (
            "073335002026",
            "07333026",
            "Göllheim",
            Kind.ORTSGEMEINDE,
            ("073335002", "07333", "07"),
            3810,
            Decimal("18.73"),
            "67307",
        ),
    ]
    assert entries[4].official_name == "Eisenberg (Pfalz), Stadt"
    assert (skipped, errors) == (3, [])


def test_registry_entries_grosse_kreisangehoerige_stadt_by_rlp_designation():
    lines = [
        record(40, "07137", "Mayen-Koblenz", text=44),
        record(50, "07137", "Andernach, große kreisangehörige Stadt", verband="0501", text=50),
        gemeinde("07137003", "0501", "Andernach, große kreisangehörige Stadt", 63, 5, 30000, ""),
    ]

    entries, _skipped, _errors = _entries(lines)

    assert [(e.name, e.kind, e.parent_keys) for e in entries] == [
        ("Landkreis Mayen-Koblenz", Kind.LANDKREIS, ("07",)),
        ("Andernach", Kind.GROSSE_KREISANGEHOERIGE_STADT, ("07137", "07")),
    ]


def test_registry_entries_other_states_kinds():
    lines = [
        record(40, "09184", "München", text=44),
        record(50, "09184", "Haar", verband="0125", text=50),
        gemeinde("09184125", "0125", "Haar", 64, 1, 1, ""),
        record(50, "09184", "Sauerlach (VGem)", verband="5555", text=54),
        gemeinde("09184142", "5555", "Sauerlach", 60, 1, 1, ""),
        record(40, "09175", "Ebersberg", text=44),
        gemeinde("09175111", "0111", "Ebersberg, Große Kreisstadt", 67, 1, 1, ""),
        gemeinde("09175451", "0451", "Ebersberger Forst", 66, 1, 0, ""),
        record(40, "05566", "Steinfurt", text=43),
        record(40, "08111", "Stuttgart, Landeshauptstadt", text=42),
        gemeinde("08111000", "0000", "Stuttgart, Landeshauptstadt", 62, 1, 1, ""),
    ]

    entries, skipped, _errors = _entries(lines)

    assert [(e.name, e.kind, e.parent_keys) for e in entries] == [
        ("Landkreis München", Kind.LANDKREIS, ("09",)),
        ("Haar", Kind.VERBANDSFREIE_GEMEINDE, ("09184", "09")),
        ("Sauerlach", Kind.VERBANDSFREIE_GEMEINDE, ("09184", "09")),
        ("Landkreis Ebersberg", Kind.LANDKREIS, ("09",)),
        ("Ebersberg", Kind.GROSSE_KREISANGEHOERIGE_STADT, ("09175", "09")),
        ("Kreis Steinfurt", Kind.LANDKREIS, ("05",)),
        ("Stuttgart", Kind.KREISFREIE_STADT, ("08111", "08")),
    ]
    # Placeholder 50, Verwaltungsgemeinschaft 54, gemeindefreies Gebiet, Stadtkreis 42.
    assert skipped == 4


def test_registry_entries_duplicate_key_is_an_error():
    entries, _skipped, errors = _entries([*SAMPLE_LINES, SAMPLE_LINES[9]])

    assert len(entries) == 8
    assert errors == [LineError(12, "The key 073335002014 appears twice; the first is on line 10.")]
