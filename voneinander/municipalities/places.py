"""Reader for the GeoNames place extract (data/places-de.tsv).

Columns: name, geonames_id, state (ISO 3166-2 suffix such as RP), population (0 means
unknown), latitude, longitude. Data: GeoNames (geonames.org), CC BY 4.0.
"""

import csv
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from voneinander.municipalities.gv100ad import STATE_CODES
from voneinander.municipalities.reports import LineError

PLACES_DE = Path(__file__).parent / "data" / "places-de.tsv"
COLUMNS = ("name", "geonames_id", "state", "population", "latitude", "longitude")
_STATES = frozenset(STATE_CODES.values())


@dataclass(frozen=True)
class Place:
    line_number: int
    name: str
    geonames_id: int
    state: str
    population: int | None
    latitude: float
    longitude: float


def open_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with a header line, as `import_geonames_places` takes."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t")


def read(rows: Iterable[Mapping[str, str | None]]) -> Iterator[Place | LineError]:
    """Check rows (as csv.DictReader yields them); line numbers count the header as line 1."""
    for number, row in enumerate(rows, start=2):
        try:
            yield _place(row, number)
        except ValueError as error:
            yield LineError(number, str(error))


def _place(row: Mapping[str, str | None], number: int) -> Place:
    missing = [column for column in COLUMNS if not (row.get(column) or "").strip()]
    if missing:
        raise ValueError(_("Missing value for %(columns)s.") % {"columns": ", ".join(missing)})
    values = {column: (row[column] or "").strip() for column in COLUMNS}
    if values["state"] not in _STATES:
        raise ValueError(_("Unknown state “%(value)s”.") % {"value": values["state"]})
    geonames_id = _whole_number(values, "geonames_id")
    population = _whole_number(values, "population")
    latitude = _coordinate(values, "latitude", limit=90)
    longitude = _coordinate(values, "longitude", limit=180)
    return Place(
        line_number=number,
        name=values["name"],
        geonames_id=geonames_id,
        state=values["state"],
        population=population or None,
        latitude=latitude,
        longitude=longitude,
    )


def _whole_number(values: dict[str, str], column: str) -> int:
    text = values[column]
    if not (text.isascii() and text.isdigit()):
        raise ValueError(
            _("%(column)s must be a whole number, found “%(value)s”.")
            % {"column": column, "value": text}
        )
    return int(text)


def _coordinate(values: dict[str, str], column: str, *, limit: int) -> float:
    text = values[column]
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not -limit <= value <= limit:  # also rejects nan and inf
        raise ValueError(
            _("%(column)s must be a number between -%(limit)s and %(limit)s, found “%(value)s”.")
            % {"column": column, "limit": limit, "value": text}
        )
    return value
