"""Writes to the municipality registry: the GV100AD import and the GeoNames place import.

Both importers validate in their readers (gv100ad.py, places.py) and write with
bulk_create/bulk_update inside one transaction, so a file of the whole of Germany
(~16,000 records) takes seconds; `full_clean()` per row is left out on purpose, as its
unique checks would cost a query per row.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db import connections, router, transaction
from django.utils.translation import gettext as _

from voneinander.municipalities import gv100ad, places
from voneinander.municipalities.models import Municipality
from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.municipalities.names import NameIndex
from voneinander.municipalities.reports import Entry, FieldChange, ImportReport, LineError, Update

GEMEINDE_KINDS = frozenset(
    {
        Kind.ORTSGEMEINDE,
        Kind.VERBANDSFREIE_GEMEINDE,
        Kind.STADT,
        Kind.GROSSE_KREISANGEHOERIGE_STADT,
        Kind.KREISFREIE_STADT,
    }
)
_LEVELS = {Kind.LAND: 0, Kind.LANDKREIS: 1, Kind.VERBANDSGEMEINDE: 2}
BATCH_SIZE = 500

# Places created by import_geonames_places(create_missing=True) with at least this many
# inhabitants become a Stadt; see _guess_kind.
TOWN_POPULATION = 10_000
GEONAMES_SOURCE = "GeoNames"


def _level(kind: str) -> int:
    return _LEVELS.get(kind, 3)


def _update_rows(municipalities: list[Municipality], fields: list[str]) -> None:
    """Write `fields` of already loaded rows: one UPDATE statement, executed for each row.

    QuerySet.bulk_update builds a CASE expression per row and field in Python; for the
    yearly update of every population in Germany (~12,000 rows) that took 4 s on SQLite,
    executemany takes a tenth of it. Values are converted by the model fields as in save().
    """
    connection = connections[router.db_for_write(Municipality)]
    quote = connection.ops.quote_name
    model_fields = [Municipality._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in model_fields)
    sql = (  # names from the model's metadata, values as parameters
        f"UPDATE {quote(Municipality._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(Municipality._meta.pk.column)} = %s"
    )
    params = [
        [field.get_db_prep_save(getattr(m, field.attname), connection) for field in model_fields]
        + [m.pk]
        for m in municipalities
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# --- GV100AD ------------------------------------------------------------------------


@transaction.atomic
def import_gv100ad(*, lines: Iterable[str], source: str) -> ImportReport:
    """Create and update municipalities from a GV100AD file; delete nothing.

    Rows are matched by ARS, then by AGS (a Gemeinde that changes its Verbandsgemeinde
    keeps its AGS but gets a new ARS), then — for rows without any key, such as demo
    data or places from `import_geonames_places` — by state, level and name, if that is
    unambiguous. A row the file no longer lists is kept and reported as missing, so
    memberships that refer to it stay intact. The import never replaces a known
    population or area with an unknown one, and keeps a große kreisangehörige Stadt that
    the file calls a Stadt (see gv100ad.GROSSE_KREISANGEHOERIGE_STADT_DESIGNATION).
    """
    report = ImportReport(source=source)
    records: list[gv100ad.Record] = []
    for item in gv100ad.read(lines):
        if isinstance(item, LineError):
            report.errors.append(item)
        else:
            records.append(item)
    entries, report.skipped, errors = gv100ad.registry_entries(records)
    report.errors = sorted([*report.errors, *errors], key=lambda error: error.line_number)

    existing = list(Municipality.objects.all())
    by_id = {m.pk: m for m in existing}
    by_ars = {m.ars: m for m in existing if m.ars}
    matches = _match_entries(entries, existing)
    resolved: dict[str, Municipality] = {}
    for level in range(4):
        new: list[Municipality] = []
        pending: dict[frozenset[str], list[Municipality]] = defaultdict(list)
        for entry in (e for e in entries if e.level == level):
            parent = next(
                (p for key in entry.parent_keys if (p := resolved.get(key) or by_ars.get(key))),
                None,
            )
            values = _registry_values(entry, parent)
            municipality = matches.get(entry.ars)
            if municipality is None:
                municipality = Municipality(**values, import_source=source)
                new.append(municipality)
                report.created.append(Entry(entry.ars, municipality.name))
            elif changes := _apply(municipality, values, by_id):
                municipality.import_source = source
                pending[frozenset(change.field for change in changes)].append(municipality)
                report.updated.append(Update(Entry(entry.ars, municipality.name), changes))
            else:
                report.unchanged += 1
            resolved[entry.ars] = municipality
        # Level by level, so that the next level can refer to new parents; updates
        # first, so that a new row may take a key that an existing row gives up.
        for fields, municipalities in pending.items():
            _update_rows(municipalities, [*sorted(fields), "import_source"])
        Municipality.objects.bulk_create(new, batch_size=BATCH_SIZE)

    report.created.sort(key=lambda entry: entry.key)
    report.updated.sort(key=lambda update: update.entry.key)
    states = {entry.state for entry in entries}
    seen = {m.pk for m in resolved.values()}
    failed_keys = {error.key for error in report.errors if error.key}
    report.missing = sorted(
        (
            Entry(m.ars, m.name)
            for m in existing
            if m.ars and m.state in states and m.pk not in seen and m.ars not in failed_keys
        ),
        key=lambda entry: entry.key,
    )
    return report


def _match_entries(
    entries: list[gv100ad.RegistryEntry], existing: list[Municipality]
) -> dict[str, Municipality]:
    """ARS of an entry → the existing row it updates."""
    by_ars = {m.ars: m for m in existing if m.ars}
    by_ags = {m.ags: m for m in existing if m.ags}
    matches = {e.ars: by_ars[e.ars] for e in entries if e.ars in by_ars}
    taken = {m.pk for m in matches.values()}
    rest = []
    for entry in (e for e in entries if e.ars not in matches):
        candidate = by_ags.get(entry.ags) if entry.ags else None
        if candidate is not None and candidate.pk not in taken:
            matches[entry.ars] = candidate
            taken.add(candidate.pk)
        else:
            rest.append(entry)

    keyless = NameIndex()
    for m in existing:
        if not m.ars and not m.ags and m.pk not in taken:
            keyless.add((m.state, _level(m.kind)), m.name, m)
    adoptions: dict[int, list[tuple[gv100ad.RegistryEntry, Municipality]]] = defaultdict(list)
    for entry in rest:
        found = keyless.find((entry.state, entry.level), entry.name)
        if len(found) == 1:
            adoptions[found[0].pk].append((entry, found[0]))
    for pairs in adoptions.values():
        if len(pairs) == 1:  # two entries for one row: adopt neither
            entry, municipality = pairs[0]
            matches[entry.ars] = municipality
    return matches


def _registry_values(entry: gv100ad.RegistryEntry, parent: Municipality | None) -> dict:
    values = {
        "name": entry.name,
        "official_name": entry.official_name,
        "kind": entry.kind,
        "ags": entry.ags,
        "ars": entry.ars,
        "parent": parent,
        "state": entry.state,
    }
    if entry.population is not None:
        values["population"] = entry.population
    if entry.area_km2 is not None:
        values["area_km2"] = entry.area_km2
    if entry.postcode is not None:
        values["postcode"] = entry.postcode
    return values


def _apply(
    municipality: Municipality, values: dict, by_id: dict[int, Municipality]
) -> tuple[FieldChange, ...]:
    """Set the values that differ; return what changed."""
    changes = []
    for field, new in values.items():
        if field == "parent":
            new_id = new.pk if new is not None else None
            if municipality.parent_id != new_id:
                old = by_id.get(municipality.parent_id)
                changes.append(
                    FieldChange(
                        "parent",
                        str(old) if old is not None else None,
                        str(new) if new is not None else None,
                    )
                )
                municipality.parent = new
            continue
        old = getattr(municipality, field)
        if field == "kind" and old == Kind.GROSSE_KREISANGEHOERIGE_STADT and new == Kind.STADT:
            continue
        if old != new:
            changes.append(FieldChange(field, old, new))
            setattr(municipality, field, new)
    return tuple(changes)


# --- GeoNames places ----------------------------------------------------------------


@transaction.atomic
def import_geonames_places(
    *, rows: Iterable[Mapping[str, str | None]], create_missing: bool
) -> ImportReport:
    """Fill coordinates, GeoNames id and (where unknown) population from GeoNames places.

    A place matches a Gemeinde-level municipality (not a Verbandsgemeinde, Kreis or Land)
    of its state by name, see names.NameIndex; ambiguous names match nothing, and where
    several places match one municipality the most populous wins. Once linked, the
    GeoNames id is what matches. Coordinates are only replaced when the municipality has
    none or came from the same place; population only when it has none.

    With `create_missing` (demo and benchmark data, when no GV100AD file is at hand),
    a place that matches nothing becomes a municipality without official keys, unless
    its name (without qualifier) is already taken in its state — it is then most likely
    a district or namesake of that municipality. Its kind is a guess, see `_guess_kind`;
    a later GV100AD import adopts such rows by name and sets kind, keys and parent.
    """
    report = ImportReport(source=GEONAMES_SOURCE)
    valid: list[places.Place] = []
    first_line: dict[int, int] = {}
    for item in places.read(rows):
        if isinstance(item, LineError):
            report.errors.append(item)
        elif item.geonames_id in first_line:
            report.errors.append(
                LineError(
                    item.line_number,
                    _("The GeoNames id %(id)s appears twice; the first is on line %(line)s.")
                    % {"id": item.geonames_id, "line": first_line[item.geonames_id]},
                )
            )
        else:
            first_line[item.geonames_id] = item.line_number
            valid.append(item)

    existing = list(Municipality.objects.all())
    by_geonames = {m.geonames_id: m for m in existing if m.geonames_id is not None}
    index = NameIndex()
    for m in existing:
        if m.kind in GEMEINDE_KINDS:
            index.add(m.state, m.name, m)

    matched: list[tuple[places.Place, Municipality]] = []
    claimed: set[int] = set()
    by_name: list[places.Place] = []
    for place in valid:
        if (municipality := by_geonames.get(place.geonames_id)) is not None:
            matched.append((place, municipality))
            claimed.add(municipality.pk)
        else:
            by_name.append(place)
    new: list[Municipality] = []
    by_name.sort(key=lambda p: (-(p.population or 0), p.line_number))
    for place in by_name:
        found = index.find(place.state, place.name)
        if len(found) == 1 and found[0].pk not in claimed and found[0].geonames_id is None:
            matched.append((place, found[0]))
            claimed.add(found[0].pk)
        elif create_missing and not found and not index.contains_base(place.state, place.name):
            new.append(_municipality_for(place))
        else:
            report.skipped += 1

    new.sort(key=lambda m: m.geonames_id)
    Municipality.objects.bulk_create(new, batch_size=BATCH_SIZE)
    report.created = [Entry(_geonames_key(m.geonames_id), m.name) for m in new]

    pending: dict[frozenset[str], list[Municipality]] = defaultdict(list)
    for place, municipality in sorted(matched, key=lambda pair: pair[0].line_number):
        if changes := _apply_place(municipality, place):
            pending[frozenset(change.field for change in changes)].append(municipality)
            key = municipality.ars or municipality.ags or _geonames_key(place.geonames_id)
            report.updated.append(Update(Entry(key, municipality.name), changes))
        else:
            report.unchanged += 1
    for fields, municipalities in pending.items():
        _update_rows(municipalities, sorted(fields))
    return report


def _apply_place(municipality: Municipality, place: places.Place) -> tuple[FieldChange, ...]:
    values: dict[str, object] = {}
    if municipality.geonames_id is None:
        values["geonames_id"] = place.geonames_id
    same_place = municipality.geonames_id == place.geonames_id
    if same_place or (municipality.latitude is None and municipality.longitude is None):
        values["latitude"] = place.latitude
        values["longitude"] = place.longitude
    if municipality.population is None and place.population:
        values["population"] = place.population
    changes = []
    for field, new in values.items():
        old = getattr(municipality, field)
        if old != new:
            changes.append(FieldChange(field, old, new))
            setattr(municipality, field, new)
    return tuple(changes)


def _guess_kind(place: places.Place) -> str:
    """Places carry no legal status; a guess that suits demo and benchmark data.

    Towns of 10,000 inhabitants and more are mostly Städte. Smaller places in
    Rheinland-Pfalz are mostly Ortsgemeinden (about 2,260 of 2,300 Gemeinden belong to a
    Verbandsgemeinde); elsewhere there are (almost) no Verbandsgemeinden.
    """
    if (place.population or 0) >= TOWN_POPULATION:
        return Kind.STADT
    return Kind.ORTSGEMEINDE if place.state == "RP" else Kind.VERBANDSFREIE_GEMEINDE


def _municipality_for(place: places.Place) -> Municipality:
    return Municipality(
        name=place.name,
        kind=_guess_kind(place),
        state=place.state,
        population=place.population,
        latitude=place.latitude,
        longitude=place.longitude,
        geonames_id=place.geonames_id,
        import_source=GEONAMES_SOURCE,
    )


def _geonames_key(geonames_id: int | None) -> str:
    return f"GeoNames {geonames_id}"
