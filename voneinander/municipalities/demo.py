"""Demo registry: every place of Rheinland-Pfalz, its Kreise and kreisfreie Städte, and
the Verbandsgemeinden of the demo networks with their Gemeinden.

Three steps, each idempotent:
1. the Land, its 24 Landkreise and 12 kreisfreie Städte with their official keys;
2. the 2,250 GeoNames places of data/places-rlp.tsv through the regular place import
   (`import_geonames_places(create_missing=True)`): it links the cities of step 1 and
   creates the other places as Gemeinden without keys and without parent;
3. the Verbandsgemeinden of the demo networks under their Landkreis, and their
   Gemeinden under them; a Gemeinde that step 2 created is adopted (renamed to its
   official name, given its kind and parent) rather than created a second time.

Keys are stored as the GV100AD import stores them (see gv100ad.Record.ars/.ags and
data/README.md): the Land "07" (AGS = ARS), a Landkreis its 5-digit Kreis key (AGS =
ARS, e.g. "07333"), a kreisfreie Stadt its 8-digit AGS and 12-digit ARS (Kreis key +
Gemeindeverband "0000" + Gemeinde "000"). Verbandsgemeinden and their Gemeinden get no
key here: `manage.py import_gv100ad` adds the official ones and adopts these rows by name.

Rows are matched by key where one is given, else by (name, kind, parent), so loading
twice, or after a GV100AD import, creates no duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from voneinander.municipalities import places
from voneinander.municipalities.models import Municipality
from voneinander.municipalities.models import MunicipalityKind as K
from voneinander.municipalities.names import NameIndex
from voneinander.municipalities.services import GEMEINDE_KINDS, import_geonames_places

PLACES = Path(__file__).parent / "data" / "places-rlp.tsv"
STATE = "RP"
DEMO_SOURCE = "Demo-Daten"

LAND = ("07", "Rheinland-Pfalz", "Mainz")

# Kreis key, name as the GV100AD import writes it, the place whose coordinates it gets.
LANDKREISE = [
    ("07131", "Landkreis Ahrweiler", "Bad Neuenahr-Ahrweiler"),
    ("07132", "Landkreis Altenkirchen (Westerwald)", "Altenkirchen"),
    ("07133", "Landkreis Bad Kreuznach", "Bad Kreuznach"),
    ("07134", "Landkreis Birkenfeld", "Birkenfeld"),
    ("07135", "Landkreis Cochem-Zell", "Cochem"),
    ("07137", "Landkreis Mayen-Koblenz", "Koblenz"),
    ("07138", "Landkreis Neuwied", "Neuwied"),
    ("07140", "Rhein-Hunsrück-Kreis", "Kastellaun"),
    ("07141", "Rhein-Lahn-Kreis", "Bad Ems"),
    ("07143", "Westerwaldkreis", "Montabaur"),
    ("07231", "Landkreis Bernkastel-Wittlich", "Wittlich"),
    ("07232", "Eifelkreis Bitburg-Prüm", "Bitburg"),
    ("07233", "Landkreis Vulkaneifel", "Daun"),
    ("07235", "Landkreis Trier-Saarburg", "Trier"),
    ("07331", "Landkreis Alzey-Worms", "Alzey"),
    ("07332", "Landkreis Bad Dürkheim", "Bad Dürkheim"),
    ("07333", "Donnersbergkreis", "Kirchheimbolanden"),
    ("07334", "Landkreis Germersheim", "Germersheim"),
    ("07335", "Landkreis Kaiserslautern", "Kaiserslautern"),
    ("07336", "Landkreis Kusel", "Kusel"),
    ("07337", "Landkreis Südliche Weinstraße", "Landau in der Pfalz"),
    ("07338", "Rhein-Pfalz-Kreis", "Ludwigshafen am Rhein"),
    ("07339", "Landkreis Mainz-Bingen", "Ingelheim am Rhein"),
    ("07340", "Landkreis Südwestpfalz", "Pirmasens"),
]

# AGS, name (coordinates and population come from the place import).
KREISFREIE_STAEDTE = [
    ("07111000", "Koblenz"),
    ("07211000", "Trier"),
    ("07311000", "Frankenthal (Pfalz)"),
    ("07312000", "Kaiserslautern"),
    ("07313000", "Landau in der Pfalz"),
    ("07314000", "Ludwigshafen am Rhein"),
    ("07315000", "Mainz"),
    ("07316000", "Neustadt an der Weinstraße"),
    ("07317000", "Pirmasens"),
    ("07318000", "Speyer"),
    ("07319000", "Worms"),
    ("07320000", "Zweibrücken"),
]


@dataclass(frozen=True)
class Gemeinde:
    name: str
    kind: str = K.ORTSGEMEINDE
    # The GeoNames place, where the name alone is ambiguous (two Ottersheims in RP).
    geonames_id: int | None = None


def _ortsgemeinden(*names: str) -> tuple[Gemeinde, ...]:
    return tuple(Gemeinde(name) for name in names)


@dataclass(frozen=True)
class Verbandsgemeinde:
    name: str
    kreis: str  # Kreis key
    seat: str  # GeoNames place for the coordinates
    # Complete lists only where we are sure of them; otherwise just the Gemeinden that
    # the demo networks need.
    gemeinden: tuple[Gemeinde, ...] = ()


VERBANDSGEMEINDEN = [
    Verbandsgemeinde(
        "Göllheim",
        "07333",
        "Göllheim",
        (
            Gemeinde("Albisheim (Pfrimm)"),
            Gemeinde("Biedesheim"),
            Gemeinde("Bubenheim", geonames_id=2942939),
            Gemeinde("Dreisen"),
            Gemeinde("Einselthum"),
            Gemeinde("Göllheim"),
            Gemeinde("Immesheim"),
            Gemeinde("Lautersheim"),
            Gemeinde("Ottersheim", geonames_id=2855999),
            Gemeinde("Rüssingen"),
            Gemeinde("Standenbühl"),
            Gemeinde("Weitersweiler"),
            Gemeinde("Zellertal"),
        ),
    ),
    Verbandsgemeinde(
        "Eisenberg (Pfalz)",
        "07333",
        "Eisenberg",
        (Gemeinde("Eisenberg (Pfalz)", K.STADT), *_ortsgemeinden("Kerzenheim", "Ramsen")),
    ),
    Verbandsgemeinde(
        "Enkenbach-Alsenborn",
        "07335",
        "Enkenbach-Alsenborn",
        _ortsgemeinden("Enkenbach-Alsenborn", "Mehlingen", "Neuhemsbach", "Sembach"),
    ),
    Verbandsgemeinde("Betzdorf-Gebhardshain", "07132", "Betzdorf"),
    Verbandsgemeinde("Daaden-Herdorf", "07132", "Daaden"),
    Verbandsgemeinde(
        "Aar-Einrich", "07141", "Katzenelnbogen", (Gemeinde("Katzenelnbogen", K.STADT),)
    ),
    Verbandsgemeinde("Nastätten", "07141", "Nastätten"),
    Verbandsgemeinde("Kastellaun", "07140", "Kastellaun"),
    Verbandsgemeinde("Hachenburg", "07143", "Hachenburg"),
    Verbandsgemeinde("Westerburg", "07143", "Westerburg"),
    Verbandsgemeinde("Bernkastel-Kues", "07231", "Bernkastel-Kues"),
    Verbandsgemeinde("Prüm", "07232", "Prüm"),
    Verbandsgemeinde("Gerolstein", "07233", "Gerolstein"),
    Verbandsgemeinde("Wörrstadt", "07331", "Wörrstadt"),
    Verbandsgemeinde("Leiningerland", "07332", "Grünstadt"),
    Verbandsgemeinde("Kirchheimbolanden", "07333", "Kirchheimbolanden"),
    Verbandsgemeinde("Nordpfälzer Land", "07333", "Rockenhausen"),
    Verbandsgemeinde("Winnweiler", "07333", "Winnweiler"),
    Verbandsgemeinde("Otterbach-Otterberg", "07335", "Otterbach"),
    Verbandsgemeinde("Weilerbach", "07335", "Weilerbach"),
    Verbandsgemeinde("Landstuhl", "07335", "Landstuhl"),
    Verbandsgemeinde("Kusel-Altenglan", "07336", "Kusel"),
    Verbandsgemeinde("Annweiler am Trifels", "07337", "Annweiler am Trifels"),
    Verbandsgemeinde("Nieder-Olm", "07339", "Nieder-Olm"),
    Verbandsgemeinde("Dahner Felsenland", "07340", "Dahn"),
]

# Gemeinden outside a Verbandsgemeinde that the demo networks need: Kreis key, Gemeinde.
KREISANGEHOERIGE = [
    ("07137", Gemeinde("Andernach", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07137", Gemeinde("Mayen", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07133", Gemeinde("Bad Kreuznach", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07138", Gemeinde("Neuwied", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07141", Gemeinde("Lahnstein", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07339", Gemeinde("Ingelheim am Rhein", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07339", Gemeinde("Bingen am Rhein", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07134", Gemeinde("Idar-Oberstein", K.GROSSE_KREISANGEHOERIGE_STADT)),
    ("07334", Gemeinde("Wörth am Rhein", K.STADT)),
    ("07332", Gemeinde("Haßloch", K.VERBANDSFREIE_GEMEINDE)),
    ("07231", Gemeinde("Morbach", K.VERBANDSFREIE_GEMEINDE)),
    ("07339", Gemeinde("Budenheim", K.VERBANDSFREIE_GEMEINDE)),
]


def kreisfreie_stadt_ars(ags: str) -> str:
    """Kreis key + Gemeindeverband "0000" + Gemeinde, as the GV100AD import writes it."""
    return ags[:5] + "0000" + ags[5:]


@cache
def _place_coordinates() -> dict[str, tuple[float, float]]:
    """Name → coordinates; of several places with one name, the most populous."""
    best: dict[str, tuple[int, float, float]] = {}
    for row in places.open_rows(PLACES):
        population = int(row["population"])
        if population >= best.get(row["name"], (-1, 0.0, 0.0))[0]:
            best[row["name"]] = (population, float(row["latitude"]), float(row["longitude"]))
    return {name: (lat, lon) for name, (_p, lat, lon) in best.items()}


class _Registry:
    """The municipalities in memory, to find rows without a query per lookup."""

    def __init__(self) -> None:
        rows = list(Municipality.objects.all())
        self.by_ags = {m.ags: m for m in rows if m.ags}
        self.by_place = {(m.name, m.kind, m.parent_id): m for m in rows}
        self.by_geonames = {m.geonames_id: m for m in rows if m.geonames_id is not None}
        self.orphans = NameIndex()
        for m in rows:
            if self._is_orphan(m):
                self.orphans.add(m.state, m.name, m)

    @staticmethod
    def _is_orphan(m: Municipality) -> bool:
        """A Gemeinde the place import created: no key, no parent."""
        return not m.ags and not m.ars and m.parent_id is None and m.kind in GEMEINDE_KINDS

    def _adoptable(self, name: str, kind: str, geonames_id: int | None) -> Municipality | None:
        if kind not in GEMEINDE_KINDS:
            return None
        if geonames_id is not None:
            m = self.by_geonames.get(geonames_id)
            return m if m is not None and self._is_orphan(m) else None
        found = [m for m in self.orphans.find(STATE, name) if self._is_orphan(m)]
        return found[0] if len(found) == 1 else None

    def ensure(
        self,
        *,
        name: str,
        kind: str,
        parent: Municipality | None,
        ags: str | None = None,
        ars: str | None = None,
        coordinates_from: str | None = None,
        geonames_id: int | None = None,
    ) -> Municipality:
        parent_id = parent.pk if parent else None
        municipality = self.by_ags.get(ags) if ags else None
        if municipality is None:
            municipality = self.by_place.get((name, kind, parent_id))
        changed: set[str] = set()
        if municipality is None:
            municipality = self._adoptable(name, kind, geonames_id)
            if municipality is not None:  # a place becomes the Gemeinde it is
                municipality.name, municipality.kind = name, kind
                changed |= {"name", "kind"}
        if municipality is None:
            municipality = Municipality(name=name, kind=kind, state=STATE)
            municipality.import_source = DEMO_SOURCE
            changed.add("import_source")
        # Fill in what is missing; never overwrite what an import or a person set.
        if municipality.parent_id is None and parent is not None:
            municipality.parent = parent
            changed.add("parent")
        if ags and not municipality.ags:
            municipality.ags = ags
            changed.add("ags")
        if ars and not municipality.ars:
            municipality.ars = ars
            changed.add("ars")
        coordinates = _place_coordinates().get(coordinates_from or "")
        if coordinates and municipality.latitude is None and municipality.longitude is None:
            municipality.latitude, municipality.longitude = coordinates
            changed |= {"latitude", "longitude"}
        if municipality.pk is None:
            municipality.save()
        elif changed:
            municipality.save(update_fields=sorted(changed))
        self.by_place[(municipality.name, municipality.kind, municipality.parent_id)] = municipality
        if municipality.ags:
            self.by_ags[municipality.ags] = municipality
        return municipality


def _place_rows() -> Iterable[dict[str, str]]:
    for row in places.open_rows(PLACES):
        yield {**row, "state": STATE}


def load(report) -> None:
    registry = _Registry()
    code, name, seat = LAND
    land = registry.ensure(
        name=name, kind=K.LAND, parent=None, ags=code, ars=code, coordinates_from=seat
    )
    kreise = {
        key: registry.ensure(
            name=name, kind=K.LANDKREIS, parent=land, ags=key, ars=key, coordinates_from=seat
        )
        for key, name, seat in LANDKREISE
    }
    for ags, name in KREISFREIE_STAEDTE:
        registry.ensure(
            name=name,
            kind=K.KREISFREIE_STADT,
            parent=land,
            ags=ags,
            ars=kreisfreie_stadt_ars(ags),
        )

    import_geonames_places(rows=_place_rows(), create_missing=True)

    registry = _Registry()  # with the places just created
    for vg in VERBANDSGEMEINDEN:
        verband = registry.ensure(
            name=vg.name,
            kind=K.VERBANDSGEMEINDE,
            parent=kreise[vg.kreis],
            coordinates_from=vg.seat,
        )
        for gemeinde in vg.gemeinden:
            registry.ensure(
                name=gemeinde.name,
                kind=gemeinde.kind,
                parent=verband,
                geonames_id=gemeinde.geonames_id,
            )
    for key, gemeinde in KREISANGEHOERIGE:
        registry.ensure(name=gemeinde.name, kind=gemeinde.kind, parent=kreise[key])


def find(name: str, kind: str, parent: str | None = None) -> Municipality:
    """One demo municipality, by name and kind (and the name of its parent, if given)."""
    municipalities = Municipality.objects.filter(name=name, kind=kind)
    if parent is not None:
        municipalities = municipalities.filter(parent__name=parent)
    return municipalities.get()
