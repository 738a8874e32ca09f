"""Demo municipalities of the two networks (registry import comes with the registry).

Coordinates and population of towns come from the GeoNames extract shipped in
data/places-rlp.tsv; associations (Verbandsgemeinden, districts) get the
coordinates of their seat and no population until the official register is
imported.
"""

import csv
from functools import cache
from pathlib import Path

from voneinander.municipalities.models import Municipality
from voneinander.municipalities.models import MunicipalityKind as K

PLACES = Path(__file__).parent / "data" / "places-rlp.tsv"

# name, kind, parent name, GeoNames place for coordinates (and population for towns)
DEMO = [
    ("Rheinland-Pfalz", K.LAND, None, "Mainz"),
    ("Donnersbergkreis", K.LANDKREIS, "Rheinland-Pfalz", "Kirchheimbolanden"),
    ("Landkreis Altenkirchen (Westerwald)", K.LANDKREIS, "Rheinland-Pfalz", "Altenkirchen"),
    ("Landkreis Mayen-Koblenz", K.LANDKREIS, "Rheinland-Pfalz", "Koblenz"),
    ("Landkreis Bad Kreuznach", K.LANDKREIS, "Rheinland-Pfalz", "Bad Kreuznach"),
    ("Landkreis Germersheim", K.LANDKREIS, "Rheinland-Pfalz", "Germersheim"),
    ("Rhein-Lahn-Kreis", K.LANDKREIS, "Rheinland-Pfalz", "Bad Ems"),
    ("Landkreis Kaiserslautern", K.LANDKREIS, "Rheinland-Pfalz", "Kaiserslautern"),
    ("Eisenberg (Pfalz)", K.VERBANDSGEMEINDE, "Donnersbergkreis", "Eisenberg"),
    ("Göllheim", K.VERBANDSGEMEINDE, "Donnersbergkreis", "Göllheim"),
    (
        "Betzdorf-Gebhardshain",
        K.VERBANDSGEMEINDE,
        "Landkreis Altenkirchen (Westerwald)",
        "Betzdorf",
    ),
    ("Aar-Einrich", K.VERBANDSGEMEINDE, "Rhein-Lahn-Kreis", "Katzenelnbogen"),
    ("Enkenbach-Alsenborn", K.VERBANDSGEMEINDE, "Landkreis Kaiserslautern", "Enkenbach-Alsenborn"),
    ("Kaiserslautern", K.KREISFREIE_STADT, "Rheinland-Pfalz", "Kaiserslautern"),
    ("Speyer", K.KREISFREIE_STADT, "Rheinland-Pfalz", "Speyer"),
    ("Zweibrücken", K.KREISFREIE_STADT, "Rheinland-Pfalz", "Zweibrücken"),
    ("Mainz", K.KREISFREIE_STADT, "Rheinland-Pfalz", "Mainz"),
    ("Andernach", K.GROSSE_KREISANGEHOERIGE_STADT, "Landkreis Mayen-Koblenz", "Andernach"),
    ("Bad Kreuznach", K.GROSSE_KREISANGEHOERIGE_STADT, "Landkreis Bad Kreuznach", "Bad Kreuznach"),
    ("Wörth am Rhein", K.STADT, "Landkreis Germersheim", "Wörth am Rhein"),
    ("Katzenelnbogen", K.STADT, "Aar-Einrich", "Katzenelnbogen"),
]

_TOWNS = {K.KREISFREIE_STADT, K.GROSSE_KREISANGEHOERIGE_STADT, K.STADT}


@cache
def places() -> dict[str, dict]:
    with PLACES.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        result: dict[str, dict] = {}
        for row in rows:
            # Several places share a name; keep the most populous.
            if int(row["population"]) >= int(
                result.get(row["name"], {"population": -1})["population"]
            ):
                result[row["name"]] = row
        return result


def by_name(name: str, kind: str) -> Municipality:
    return Municipality.objects.get(name=name, kind=kind)


def load(report) -> None:
    created = {}
    for name, kind, parent_name, place_name in DEMO:
        place = places().get(place_name, {})
        defaults = {
            "parent": created.get(parent_name),
            "latitude": float(place["latitude"]) if place else None,
            "longitude": float(place["longitude"]) if place else None,
        }
        if kind in _TOWNS and place:
            defaults["population"] = int(place["population"]) or None
            defaults["geonames_id"] = int(place["geonames_id"])
        municipality, _new = Municipality.objects.get_or_create(
            name=name, kind=kind, defaults=defaults
        )
        created[name] = municipality
