"""Outlines of the German states: the shipped file, and how it is built.

`data/states.geojson` holds simplified outlines of the 16 states in lon/lat
(WGS84, RFC 7946). It is built once from the official boundaries of the
Federal Agency for Cartography and Geodesy (see data/README.md):

    python -m voneinander.directory.outlines laender.geo.json > states.geojson

Simplification keeps the states' shared borders shared: every ring is cut at
the points where borders meet (junctions), and each piece of border between
two junctions is simplified once (Douglas–Peucker) and used by both states,
so neighbouring states neither overlap nor leave slivers between them.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OUTLINE_FILE = Path(__file__).parent / "data" / "states.geojson"

# Land key of the official register → ISO 3166-2 suffix, as in Municipality.state.
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

# Tolerance in degrees of latitude (about 550 m): finer than one pixel of a
# state map drawn 800 pixels wide. Coordinates are rounded to 3 decimals (~100 m).
TOLERANCE = 0.005
DECIMALS = 3
# Islands and lakes smaller than this (in squared degrees of latitude, ~3 km²) are left out.
MIN_RING_AREA = 0.00025
# Distances are measured with longitude scaled to Germany's middle latitude.
LON_SCALE = math.cos(math.radians(51.0))

Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True)
class StateOutline:
    code: str
    name: str
    rings: tuple[tuple[Point, ...], ...]  # closed rings, lon/lat; holes by even-odd rule

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat)."""
        lons = [lon for ring in self.rings for lon, _lat in ring]
        lats = [lat for ring in self.rings for _lon, lat in ring]
        return min(lons), min(lats), max(lons), max(lats)


@cache
def state_outlines() -> dict[str, StateOutline]:
    """The shipped outlines by state code (RP, BW, …), read once per process."""
    with OUTLINE_FILE.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    outlines = {}
    for feature in collection["features"]:
        rings = tuple(
            tuple((lon, lat) for lon, lat in ring)
            for polygon in feature["geometry"]["coordinates"]
            for ring in polygon
        )
        code = feature["properties"]["code"]
        outlines[code] = StateOutline(code=code, name=feature["properties"]["name"], rings=rings)
    return outlines


# --- Simplification ----------------------------------------------------------


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    px, py = point[0] * LON_SCALE, point[1]
    ax, ay = start[0] * LON_SCALE, start[1]
    bx, by = end[0] * LON_SCALE, end[1]
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Keep the first and last point and every point further than `tolerance`
    from the simplified line (iterative, so long borders need no deep recursion)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, 0
        for i in range(first + 1, last):
            distance = _distance_to_segment(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _open_ring(ring: Iterable[Sequence[float]]) -> Ring:
    """The ring without its closing point and without repeated points."""
    points: Ring = []
    for coordinate in ring:
        point = (float(coordinate[0]), float(coordinate[1]))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def _signed_area(ring: Sequence[Point]) -> float:
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += (x1 * LON_SCALE) * y2 - (x2 * LON_SCALE) * y1
    return total / 2


def simplify_rings(rings: Sequence[Sequence[Point]], tolerance: float) -> list[Ring | None]:
    """Simplify rings that share borders so that the shared parts stay identical.

    Returns one open ring per input ring (None where too little is left).
    """
    opened = [_open_ring(ring) for ring in rings]
    neighbours: dict[Point, set[Point]] = defaultdict(set)
    for ring in opened:
        for i, point in enumerate(ring):
            neighbours[point].add(ring[i - 1])
            neighbours[point].add(ring[(i + 1) % len(ring)])
    junctions = {point for point, near in neighbours.items() if len(near) > 2}
    arcs: dict[tuple[Point, ...], list[Point]] = {}

    def simplified_arc(arc: list[Point]) -> list[Point]:
        forward, backward = tuple(arc), tuple(reversed(arc))
        key = min(forward, backward)
        if key not in arcs:
            arcs[key] = douglas_peucker(key, tolerance)
        return arcs[key] if key == forward else list(reversed(arcs[key]))

    result: list[Ring | None] = []
    for ring in opened:
        if len(ring) < 3:
            result.append(None)
            continue
        cuts = [i for i, point in enumerate(ring) if point in junctions]
        if not cuts:
            # A ring touching no other (an island) or shared whole (Berlin and the
            # hole in Brandenburg): start at its smallest point, in a fixed direction,
            # and cut it once more at the point farthest from there.
            start = ring.index(min(ring))
            rotated = ring[start:] + ring[:start]
            if rotated[-1] < rotated[1]:
                rotated = [rotated[0], *reversed(rotated[1:])]
            far = max(
                range(len(rotated)),
                key=lambda i: math.hypot(
                    (rotated[i][0] - rotated[0][0]) * LON_SCALE, rotated[i][1] - rotated[0][1]
                ),
            )
            cuts = [0, far]
            ring = rotated
        else:
            ring = ring[cuts[0] :] + ring[: cuts[0]]
            cuts = [i - cuts[0] for i in cuts]
        closed = [*ring, ring[0]]
        points: Ring = []
        for first, last in zip(cuts, [*cuts[1:], len(ring)], strict=True):
            points.extend(simplified_arc(closed[first : last + 1])[:-1])
        rounded: Ring = []
        for lon, lat in points:
            point = (round(lon, DECIMALS), round(lat, DECIMALS))
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()
        if len(rounded) < 3 or abs(_signed_area(rounded)) < MIN_RING_AREA:
            result.append(None)
        else:
            result.append(rounded)
    return result


# --- Building the shipped file -----------------------------------------------


def _land_features(collection) -> Iterable[dict]:
    """Features of the BKG file that are land (GF 3 and 4; 1 and 2 are water)."""
    items = collection if isinstance(collection, list) else [collection]
    for item in items:
        if item.get("type") == "FeatureCollection":
            yield from _land_features(item["features"])
        elif item.get("type") == "Feature" and item["properties"].get("GF") in (3, 4):
            yield item


def build_outlines(collection, tolerance: float = TOLERANCE) -> dict:
    """A GeoJSON FeatureCollection of the 16 states from BKG's `laender` layer."""
    names: dict[str, str] = {}
    places: list[tuple[str, int, int]] = []  # (state, polygon number, ring number)
    rings: list[Sequence[Sequence[float]]] = []
    number = 0
    for feature in _land_features(collection):
        properties = feature["properties"]
        code = STATE_CODES[properties["RS"][:2]]
        names.setdefault(code, properties["GEN"])
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            number += 1
            for ring_number, ring in enumerate(polygon):
                places.append((code, number, ring_number))
                rings.append(ring)
    polygons_of: dict[str, dict[int, list]] = defaultdict(dict)
    for (code, number, ring_number), ring in zip(
        places, simplify_rings(rings, tolerance), strict=True
    ):
        if ring is None or (ring_number > 0 and number not in polygons_of[code]):
            continue  # a ring too small, or a hole of an outer ring that was left out
        # RFC 7946: outer rings counterclockwise, holes clockwise.
        if (_signed_area(ring) > 0) != (ring_number == 0):
            ring = list(reversed(ring))
        polygons_of[code].setdefault(number, []).append(
            [[lon, lat] for lon, lat in [*ring, ring[0]]]
        )
    order = list(STATE_CODES.values())
    features = [
        {
            "type": "Feature",
            "properties": {"code": code, "name": names[code]},
            "geometry": {"type": "MultiPolygon", "coordinates": list(polygons_of[code].values())},
        }
        for code in sorted(polygons_of, key=order.index)
    ]
    return {"type": "FeatureCollection", "features": features}


def main(argv: Sequence[str]) -> None:  # pragma: no cover - a build step run by hand
    with open(argv[1], encoding="utf-8") as handle:
        collection = json.load(handle)
    json.dump(build_outlines(collection), sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv)
