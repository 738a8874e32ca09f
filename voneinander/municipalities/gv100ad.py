"""Reader for the Destatis Gemeindeverzeichnis GV100AD (fixed-width text, 220 characters).

The layout follows the "Datensatzbeschreibung GV100AD" of the Statistisches Bundesamt, the
PDF that ships in every GV100AD zip file
(https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/).
Positions are 1-based and inclusive, as in that description, so they can be compared
with it line by line. Note that the key of a Gemeinde is the AGS in positions 11-18
(Land, Regierungsbezirk, Kreis, Gemeinde) and the Gemeindeverband follows it in 19-22;
the ARS is therefore positions 11-15 + 19-22 + 16-18.

This module only reads and interprets records; `services.import_gv100ad` writes them.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.municipalities.reports import LineError

RECORD_LENGTH = 220

# (field, first position, last position) — 1-based, inclusive, as in the Destatis record
# description. Correct a position here and nowhere else.
LAYOUT: tuple[tuple[str, int, int], ...] = (
    ("satzart", 1, 2),
    ("gebietsstand", 3, 10),
    ("land", 11, 12),
    ("regierungsbezirk", 13, 13),
    ("kreis", 14, 15),
    ("gemeinde", 16, 18),
    ("gemeindeverband", 19, 22),
    ("name", 23, 72),
    ("sitz", 73, 122),  # seat of the administration (not used)
    ("textkennzeichen", 123, 124),
    ("flaeche_ha", 129, 139),
    ("bevoelkerung", 140, 150),
    ("bevoelkerung_maennlich", 151, 161),  # not used
    ("postleitzahl", 166, 170),
)
_SLICES = {name: slice(start - 1, end) for name, start, end in LAYOUT}

# Satzart
LAND, REGIERUNGSBEZIRK, REGION, KREIS, GEMEINDEVERBAND, GEMEINDE = 10, 20, 30, 40, 50, 60

# Textkennzeichen that matter here; the full lists are in TEXTKENNZEICHEN below.
KREISFREIE_STADT_KREIS, STADTKREIS, KREIS_43, LANDKREIS, REGIONALVERBAND = 41, 42, 43, 44, 45
VERBANDSFREIE_GEMEINDE, VERBANDSGEMEINDE = 50, 53
MARKT, KREISFREIE_STADT, STADTKREIS_GEMEINDE, STADT, KREISANGEHOERIGE_GEMEINDE = 60, 61, 62, 63, 64
GEMEINDEFREI_BEWOHNT, GEMEINDEFREI_UNBEWOHNT, GROSSE_KREISSTADT = 65, 66, 67

TEXTKENNZEICHEN = {
    KREIS: frozenset(range(41, 46)),
    GEMEINDEVERBAND: frozenset(range(50, 59)),
    GEMEINDE: frozenset(range(60, 68)),
}

# Which key parts each Satzart must fill with digits.
_KEY_FIELDS = {
    LAND: ("land",),
    REGIERUNGSBEZIRK: ("land", "regierungsbezirk"),
    REGION: ("land", "regierungsbezirk"),
    KREIS: ("land", "regierungsbezirk", "kreis"),
    GEMEINDEVERBAND: ("land", "regierungsbezirk", "kreis", "gemeindeverband"),
    GEMEINDE: ("land", "regierungsbezirk", "kreis", "gemeinde", "gemeindeverband"),
}
_KEY_LABELS = {
    "land": "Land",
    "regierungsbezirk": "Regierungsbezirk",
    "kreis": "Kreis",
    "gemeinde": "Gemeinde",
    "gemeindeverband": "Gemeindeverband",
}
_NUMBER_LABELS = {"flaeche_ha": "Fläche", "bevoelkerung": "Bevölkerung"}

# Land key → ISO 3166-2 suffix, as in Municipality.state.
STATE_CODES = {
    "01": "SH",
    "02": "HH",
    "03": "NI",
    "04": "HB",
    "05": "NW",
    "06": "HE",
    "07": "RP",
    "08": "BW",
    "09": "BY",
    "10": "SL",
    "11": "BE",
    "12": "BB",
    "13": "MV",
    "14": "SN",
    "15": "ST",
    "16": "TH",
}

# The designation Rheinland-Pfalz appends to the names of its große kreisangehörige
# Städte (Andernach, Bad Kreuznach, …): the file gives them Textkennzeichen 63 (Stadt),
# since 67 is the Große Kreisstadt of other states. Compared case-insensitively.
GROSSE_KREISANGEHOERIGE_STADT_DESIGNATION = "große kreisangehörige stadt"


class MalformedRecordError(ValueError):
    def __init__(self, message: str, *, key: str = ""):
        super().__init__(message)
        self.message = message
        self.key = key


@dataclass(frozen=True)
class Record:
    """One parsed GV100AD line."""

    line_number: int
    satzart: int
    gebietsstand: datetime.date
    land: str
    regierungsbezirk: str
    kreis: str
    gemeinde: str
    gemeindeverband: str
    name: str
    textkennzeichen: int | None
    area_ha: int | None
    population: int | None
    postcode: str

    @property
    def state(self) -> str:
        return STATE_CODES[self.land]

    @property
    def kreis_key(self) -> str:
        return self.land + self.regierungsbezirk + self.kreis

    @property
    def verband_key(self) -> str:
        return self.kreis_key + self.gemeindeverband

    @property
    def ars(self) -> str:
        """The regional key (ARS), as long as the level it identifies."""
        if self.satzart == LAND:
            return self.land
        if self.satzart == KREIS:
            return self.kreis_key
        if self.satzart == GEMEINDEVERBAND:
            return self.verband_key
        if self.satzart == GEMEINDE:
            return self.verband_key + self.gemeinde
        return self.land + self.regierungsbezirk

    @property
    def ags(self) -> str | None:
        """The official key (AGS); Gemeindeverbände have none."""
        if self.satzart == GEMEINDE:
            return self.kreis_key + self.gemeinde
        if self.satzart in (LAND, KREIS):
            return self.ars
        return None


def parse_line(line: str, *, line_number: int) -> Record:
    """Parse one record (without its line break); raise MalformedRecordError if it is not one."""
    if len(line) != RECORD_LENGTH:
        raise MalformedRecordError(
            _("The record has %(length)s characters; a GV100AD record has %(expected)s.")
            % {"length": len(line), "expected": RECORD_LENGTH}
        )
    field = {name: line[part] for name, part in _SLICES.items()}
    satzart_text = field["satzart"]
    if not _is_digits(satzart_text) or int(satzart_text) not in _KEY_FIELDS:
        raise MalformedRecordError(
            _("Unknown record type (Satzart) “%(value)s”.") % {"value": satzart_text}
        )
    satzart = int(satzart_text)
    gebietsstand = _parse_date(field["gebietsstand"])
    for name in _KEY_FIELDS[satzart]:
        if not _is_digits(field[name]):
            raise MalformedRecordError(
                _("The key field %(field)s must contain only digits, found “%(value)s”.")
                % {"field": _KEY_LABELS[name], "value": field[name]}
            )
    if field["land"] not in STATE_CODES:
        raise MalformedRecordError(_("Unknown Land key “%(value)s”.") % {"value": field["land"]})
    parts = {
        name: field[name] if name in _KEY_FIELDS[satzart] else ""
        for name in ("regierungsbezirk", "kreis", "gemeinde", "gemeindeverband")
    }
    record = Record(
        line_number=line_number,
        satzart=satzart,
        gebietsstand=gebietsstand,
        land=field["land"],
        name=field["name"].strip(),
        textkennzeichen=None,
        area_ha=None,
        population=None,
        postcode="",
        **parts,
    )
    key = record.ars if satzart in TEXTKENNZEICHEN else ""
    if not record.name:
        raise MalformedRecordError(_("The record has no name."), key=key)
    if satzart not in TEXTKENNZEICHEN:
        return record
    text = field["textkennzeichen"]
    if not _is_digits(text) or int(text) not in TEXTKENNZEICHEN[satzart]:
        raise MalformedRecordError(
            _("Unknown text code (Textkennzeichen) “%(value)s” for record type %(satzart)s.")
            % {"value": text, "satzart": satzart},
            key=key,
        )
    record = replace(record, textkennzeichen=int(text))
    if satzart != GEMEINDE:
        return record
    numbers = {
        number: _parse_number(field[number], label, key=key)
        for number, label in _NUMBER_LABELS.items()
    }
    postcode = field["postleitzahl"].strip()
    if postcode and not (_is_digits(postcode) and len(postcode) == 5):
        raise MalformedRecordError(
            _("The postcode “%(value)s” is not five digits.") % {"value": postcode}, key=key
        )
    return replace(
        record,
        area_ha=numbers["flaeche_ha"],
        population=numbers["bevoelkerung"],
        postcode=postcode,
    )


def read(lines: Iterable[str]) -> Iterator[Record | LineError]:
    """Parse lines (line breaks optional); yield a Record or a LineError for each.

    Blank lines (such as a final empty line) are skipped, but still counted.
    """
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            yield parse_line(line, line_number=number)
        except MalformedRecordError as error:
            yield LineError(number, error.message, error.key)


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _parse_date(text: str) -> datetime.date:
    try:
        if not _is_digits(text):
            raise ValueError(text)
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise MalformedRecordError(
            _("The territorial date (Gebietsstand) “%(value)s” is not a date (YYYYMMDD).")
            % {"value": text}
        ) from None


def _parse_number(text: str, label: str, *, key: str) -> int | None:
    stripped = text.strip()
    if not stripped:
        return None
    if not _is_digits(stripped):
        raise MalformedRecordError(
            _("The field %(field)s must be a whole number, found “%(value)s”.")
            % {"field": label, "value": stripped},
            key=key,
        )
    return int(stripped)


# --- From records to registry entries -------------------------------------------------


@dataclass
class RegistryEntry:
    """What one record means for the Municipality table, before it meets the database."""

    line_number: int
    level: int  # 0 Land, 1 Kreis, 2 Verbandsgemeinde, 3 Gemeinde: parents come first
    ars: str
    ags: str | None
    name: str
    official_name: str
    kind: str
    state: str
    # ARS of the possible parents, nearest first; the first that exists is the parent.
    parent_keys: tuple[str, ...]
    population: int | None
    area_km2: Decimal | None
    postcode: str | None  # None: the file gives no postcode for this level


def registry_entries(records: Iterable[Record]) -> tuple[list[RegistryEntry], int, list[LineError]]:
    """Turn records into entries; return (entries, number of skipped records, errors).

    Skipped, because they are no municipality of ours: Regierungsbezirke and Regionen;
    Kreis records of kreisfreie Städte and Stadtkreise (the city is its Gemeinde record);
    Gemeindeverband records that are no Verbandsgemeinde (placeholders of verbandsfreie
    Gemeinden, Ämter, Samtgemeinden, Verwaltungsgemeinschaften: the model has no kind for
    them, their Gemeinden belong to the Kreis); gemeindefreie Gebiete.

    Land, Kreis and Verbandsgemeinde get the sums of the population and area of their
    Gemeinden in the file, as the file gives these figures for Gemeinden only.
    """
    records = list(records)
    verband_types = {
        r.verband_key: r.textkennzeichen for r in records if r.satzart == GEMEINDEVERBAND
    }
    entries: list[RegistryEntry] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    skipped = 0
    for record in records:
        entry = _entry(record, verband_types)
        if entry is None:
            skipped += 1
            continue
        if entry.ars in seen:
            errors.append(
                LineError(
                    record.line_number,
                    _("The key %(key)s appears twice; the first is on line %(line)s.")
                    % {"key": entry.ars, "line": seen[entry.ars]},
                )
            )
            continue
        seen[entry.ars] = record.line_number
        entries.append(entry)
    _add_sums(entries)
    return entries, skipped, errors


def _entry(record: Record, verband_types: dict[str, int | None]) -> RegistryEntry | None:
    common = {
        "line_number": record.line_number,
        "ars": record.ars,
        "ags": record.ags,
        "official_name": record.name,
        "state": record.state,
        "population": None,
        "area_km2": None,
        "postcode": None,
    }
    land = record.land
    if record.satzart == LAND:
        return RegistryEntry(level=0, name=record.name, kind=Kind.LAND, parent_keys=(), **common)
    if record.satzart == KREIS:
        if record.textkennzeichen in (KREISFREIE_STADT_KREIS, STADTKREIS):
            return None
        return RegistryEntry(
            level=1,
            name=_kreis_name(record.name, record.textkennzeichen),
            kind=Kind.LANDKREIS,
            parent_keys=(land,),
            **common,
        )
    if record.satzart == GEMEINDEVERBAND:
        if record.textkennzeichen != VERBANDSGEMEINDE:
            return None
        return RegistryEntry(
            level=2,
            name=strip_designation(record.name),
            kind=Kind.VERBANDSGEMEINDE,
            parent_keys=(record.kreis_key, land),
            **common,
        )
    if record.satzart == GEMEINDE:
        in_verbandsgemeinde = verband_types.get(record.verband_key) == VERBANDSGEMEINDE
        kind = _gemeinde_kind(record, in_verbandsgemeinde=in_verbandsgemeinde)
        if kind is None:
            return None
        parents = (record.kreis_key, land)
        if in_verbandsgemeinde:
            parents = (record.verband_key, *parents)
        area = None if record.area_ha is None else Decimal(record.area_ha) / 100
        return RegistryEntry(
            level=3,
            name=strip_designation(record.name),
            kind=kind,
            parent_keys=parents,
            **{
                **common,
                "population": record.population,
                "area_km2": area,
                "postcode": record.postcode,
            },
        )
    return None


def _gemeinde_kind(record: Record, *, in_verbandsgemeinde: bool) -> str | None:
    code = record.textkennzeichen
    if code in (KREISFREIE_STADT, STADTKREIS_GEMEINDE):
        return Kind.KREISFREIE_STADT
    if code == GROSSE_KREISSTADT or designation(record.name).casefold() == (
        GROSSE_KREISANGEHOERIGE_STADT_DESIGNATION.casefold()
    ):
        return Kind.GROSSE_KREISANGEHOERIGE_STADT
    if code == STADT:
        return Kind.STADT
    if code in (KREISANGEHOERIGE_GEMEINDE, MARKT):
        # A Markt is a Gemeinde with a historic title; where it sits decides like for 64.
        return Kind.ORTSGEMEINDE if in_verbandsgemeinde else Kind.VERBANDSFREIE_GEMEINDE
    return None  # gemeindefreie Gebiete


def _kreis_name(name: str, code: int | None) -> str:
    """The register calls the Landkreis Kaiserslautern just "Kaiserslautern"; say which."""
    folded = name.casefold()
    if "kreis" in folded or "region" in folded or "," in name:
        return name
    if code == LANDKREIS:
        return f"Landkreis {name}"
    if code == KREIS_43:
        return f"Kreis {name}"
    return name


def strip_designation(name: str) -> str:
    """ "Eisenberg (Pfalz), Stadt" → "Eisenberg (Pfalz)"."""
    return name.split(",", 1)[0].strip()


def designation(name: str) -> str:
    """ "Andernach, große kreisangehörige Stadt" → "große kreisangehörige Stadt"."""
    return name.split(",", 1)[1].strip() if "," in name else ""


def _add_sums(entries: list[RegistryEntry]) -> None:
    containers = {e.ars: e for e in entries if e.level < 3}
    for entry in containers.values():
        entry.population = entry.area_km2 = None
    for gemeinde in (e for e in entries if e.level == 3):
        keys = {gemeinde.ars[:2], gemeinde.ars[:5], gemeinde.ars[:9]}
        for key in keys & containers.keys():
            container = containers[key]
            if gemeinde.population is not None:
                container.population = (container.population or 0) + gemeinde.population
            if gemeinde.area_km2 is not None:
                container.area_km2 = (container.area_km2 or Decimal(0)) + gemeinde.area_km2
