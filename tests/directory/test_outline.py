import json

import pytest

from voneinander.directory import outlines
from voneinander.directory.outlines import STATE_CODES, douglas_peucker, state_outlines


def test_douglas_peucker_keeps_ends_and_far_points():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (2.5, 1.0), (3.0, 0.0), (3.5, 0.001), (4.0, 0.0)]
    assert douglas_peucker(line, tolerance=0.01) == [
        (0.0, 0.0),
        (2.0, 0.0),
        (2.5, 1.0),
        (3.0, 0.0),
        (4.0, 0.0),
    ]


def test_douglas_peucker_drops_points_within_tolerance():
    # 0.004° of latitude off the line: below the tolerance of 0.005.
    line = [(0.0, 50.0), (0.5, 50.004), (1.0, 50.0)]
    assert douglas_peucker(line, tolerance=0.005) == [(0.0, 50.0), (1.0, 50.0)]
    assert douglas_peucker(line, tolerance=0.003) == line


def _square(x0, y0, x1, y1, border):
    """A closed ring; `border` are extra points on its right edge (x = x1), bottom to top."""
    return [(x0, y0), (x1, y0), *[(x1, y) for y in border], (x1, y1), (x0, y1), (x0, y0)]


def test_simplify_rings_keeps_a_shared_border_identical():
    # Two neighbours share a wiggly border x ≈ 1; one walks it up, the other down.
    wiggle = [(1.0 + (0.02 if i % 5 == 0 else 0.001), i / 10) for i in range(1, 10)]
    west = [(0.0, 0.0), (1.0, 0.0), *wiggle, (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    east = [(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), *reversed(wiggle), (1.0, 0.0)]
    simple_west, simple_east = outlines.simplify_rings([west, east], tolerance=0.01)

    def border(ring):
        return {point for point in ring if 0.5 <= point[0] <= 1.5 and 0 < point[1] < 1}

    assert border(simple_west) == border(simple_east)
    assert border(simple_west) == {(1.02, 0.5)}  # the far wiggle stays, the small ones go


def test_simplify_rings_drops_tiny_islands():
    island = [(5.0, 50.0), (5.01, 50.0), (5.01, 50.01), (5.0, 50.01), (5.0, 50.0)]
    land = [(0.0, 50.0), (1.0, 50.0), (1.0, 51.0), (0.0, 51.0), (0.0, 50.0)]
    simple_island, simple_land = outlines.simplify_rings([island, land], tolerance=0.005)
    assert simple_island is None
    # The same corners (a ring touching no other may come back in the other direction).
    assert sorted(simple_land) == [(0.0, 50.0), (0.0, 51.0), (1.0, 50.0), (1.0, 51.0)]


def _feature(rs, name, gf, rings):
    return {
        "type": "Feature",
        "properties": {"RS": rs, "GEN": name, "GF": gf},
        "geometry": {"type": "Polygon", "coordinates": rings},
    }


def test_build_outlines_reads_the_bkg_layer():
    rp = [[6.0, 49.0], [8.0, 49.0], [8.0, 51.0], [6.0, 51.0], [6.0, 49.0]]
    hole = [[6.5, 49.5], [6.5, 50.0], [7.0, 50.0], [7.0, 49.5], [6.5, 49.5]]
    saar = [[6.0, 48.0], [8.0, 48.0], [8.0, 49.0], [6.0, 49.0], [6.0, 48.0]]
    lake = [[6.1, 48.1], [6.2, 48.1], [6.2, 48.2], [6.1, 48.1]]
    collection = [
        _feature("07", "Rheinland-Pfalz", 4, [rp, hole]),
        {
            "type": "FeatureCollection",
            "features": [_feature("10", "Saarland", 4, [saar]), _feature("10", "See", 1, [lake])],
        },
    ]
    built = outlines.build_outlines(collection)
    assert [f["properties"] for f in built["features"]] == [
        {"code": "RP", "name": "Rheinland-Pfalz"},
        {"code": "SL", "name": "Saarland"},
    ]
    (rp_polygon,) = built["features"][0]["geometry"]["coordinates"]
    outer, inner = rp_polygon
    assert outer[0] == outer[-1] and inner[0] == inner[-1]
    assert outlines._signed_area([tuple(p) for p in outer[:-1]]) > 0  # counterclockwise
    assert outlines._signed_area([tuple(p) for p in inner[:-1]]) < 0  # a hole: clockwise
    assert len(built["features"][1]["geometry"]["coordinates"]) == 1  # the lake is left out


def test_shipped_outlines_hold_all_sixteen_states():
    shipped = state_outlines()
    assert list(shipped) == list(STATE_CODES.values())
    assert shipped["RP"].name == "Rheinland-Pfalz"
    min_lon, min_lat, max_lon, max_lat = shipped["RP"].bbox
    assert (min_lon, min_lat, max_lon, max_lat) == pytest.approx(
        (6.11, 48.97, 8.51, 50.94), abs=0.02
    )


def test_shipped_outlines_are_compact_closed_rings():
    assert outlines.OUTLINE_FILE.stat().st_size < 150_000
    collection = json.loads(outlines.OUTLINE_FILE.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1]
                assert len(ring) >= 4
                for lon, lat in ring:
                    assert 5.8 < lon < 15.1 and 47.2 < lat < 55.1
                    assert round(lon, 3) == lon and round(lat, 3) == lat
