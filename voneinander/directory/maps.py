"""The member map: an SVG drawn on the server, with no tiles or scripts from elsewhere.

States are drawn from the shipped outlines (outlines.py); each member with
coordinates becomes a marker that is a link to its profile page. The SVG is
built as a string (escaped for XML) because a template loop over 2,300
markers would be many times slower.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Protocol

from django.utils.safestring import SafeString, mark_safe

from voneinander.directory.outlines import StateOutline, state_outlines

WIDTH = 800  # viewBox units; the page scales the picture to the space it has
PADDING = 16
MARKER_SIZE = 6
# Markers further outside the states shown than this (degrees) are not drawn:
# their coordinates are most likely wrong.
SLACK = 0.2


@dataclass(frozen=True)
class Projection:
    """Equirectangular: longitude shrunk by the cosine of the middle latitude,
    which keeps shapes true at Germany's scale; north is up."""

    min_lon: float
    max_lat: float
    lon_factor: float  # cos(middle latitude)
    scale: float  # viewBox units per degree of latitude
    width: float
    height: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            PADDING + (lon - self.min_lon) * self.lon_factor * self.scale,
            PADDING + (self.max_lat - lat) * self.scale,
        )

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"


def fit_projection(bbox: tuple[float, float, float, float], width: float = WIDTH) -> Projection:
    """A projection that maps `bbox` (min lon, min lat, max lon, max lat) onto the
    viewBox `width` wide, with PADDING on each side."""
    min_lon, min_lat, max_lon, max_lat = bbox
    lon_factor = math.cos(math.radians((min_lat + max_lat) / 2))
    span = max((max_lon - min_lon) * lon_factor, 1e-6)
    scale = (width - 2 * PADDING) / span
    height = math.ceil(2 * PADDING + (max_lat - min_lat) * scale)
    return Projection(min_lon, max_lat, lon_factor, scale, width, height)


def union_bbox(outlines: Iterable[StateOutline]) -> tuple[float, float, float, float]:
    boxes = [outline.bbox for outline in outlines]
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def states_to_show(codes: Iterable[str], default: str = "RP") -> tuple[str, ...]:
    """The known state codes among `codes`, in a fixed order; `default` if none."""
    wanted = set(codes)
    shown = tuple(code for code in state_outlines() if code in wanted)
    return shown or (default,)


@lru_cache(maxsize=32)
def _state_layer(codes: tuple[str, ...]) -> tuple[Projection, str]:
    """The projection fitted to these states and their outlines as SVG paths."""
    outlines = [state_outlines()[code] for code in codes]
    projection = fit_projection(union_bbox(outlines))
    paths = []
    for outline in outlines:
        d = []
        for ring in outline.rings:
            points = [projection(lon, lat) for lon, lat in ring[:-1]]
            d.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
        paths.append(
            f'<path class="vn-map__state" fill-rule="evenodd" d="{"".join(d)}">'
            f"<title>{escape(outline.name)}</title></path>"
        )
    return projection, "".join(paths)


class MapMember(Protocol):
    """What the map needs of a member (statistics.MapMember)."""

    name: str
    kind_label: str
    url: str  # a path on this site (built by reverse())
    latitude: float | None
    longitude: float | None
    roles: list[tuple[str, str, str]]  # (role, role label, network short name)
    role: str  # the symbol: "member", "transfer" or "mentor"


def can_draw(states: Sequence[str], lon: float | None, lat: float | None) -> bool:
    """Whether a point lies on the map of these states (near enough to be drawn)."""
    if lon is None or lat is None:
        return False
    min_lon, min_lat, max_lon, max_lat = _bounds(tuple(states))
    return min_lon - SLACK <= lon <= max_lon + SLACK and min_lat - SLACK <= lat <= max_lat + SLACK


@lru_cache(maxsize=32)
def _bounds(states: tuple[str, ...]) -> tuple[float, float, float, float]:
    return union_bbox(state_outlines()[code] for code in states)


def symbol(role: str, x: float, y: float, size: float = MARKER_SIZE) -> str:
    """The marker shape of a role: circle (member), diamond (Transferstelle),
    triangle (mentor) — told apart by shape, not only by colour."""
    if role == "transfer":
        s = size * 1.35
        return (
            f'<path d="M{x:.1f} {y - s:.1f}l{s:.1f} {s:.1f}l-{s:.1f} {s:.1f}l-{s:.1f} -{s:.1f}z"/>'
        )
    if role == "mentor":
        s = size * 1.3
        return f'<path d="M{x:.1f} {y - s:.1f}l{s * 0.95:.1f} {s * 1.6:.1f}h-{s * 1.9:.1f}z"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}"/>'


# Drawn in this order, so that the rarer Transferstellen and mentors lie on top.
DRAWING_ORDER = {"member": 0, "mentor": 1, "transfer": 2}


def roles_text(member: MapMember, *, with_network: bool) -> str:
    """The roles as text; on the map of all networks with the network: "Member (Alpha)"."""
    if with_network:
        return "; ".join(f"{label} ({network})" for _role, label, network in member.roles)
    if len(member.roles) == 1:
        return member.roles[0][1]
    return "; ".join(label for _role, label, _network in member.roles)


class _Escaped(dict):
    """Escaped texts, each escaped once (kind and role labels repeat a lot)."""

    def __missing__(self, text: str) -> str:
        self[text] = escape(text)
        return self[text]


@dataclass(frozen=True)
class MemberMap:
    svg: SafeString  # the map
    rows: SafeString  # the rows of the table listing the same members (its text alternative)


def member_map(
    members: Sequence[MapMember],
    *,
    states: Sequence[str],
    title: str,
    description: str,
    with_network: bool,
) -> MemberMap:
    """The map as an inline SVG (the states, then one link per member) and its table rows.

    Each link is named by its <title> (name, kind, role), which is also the
    tooltip. Members should lie on the map (`can_draw`); the caller lists the others.
    The rows are built here too, as strings: with 2,300 members a template loop
    took most of the page's time.
    """
    projection, state_paths = _state_layer(tuple(states))
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vn-map__svg" '
        f'viewBox="{projection.view_box}" role="group" '
        f'aria-labelledby="vn-map-title" aria-describedby="vn-map-desc">',
        f'<title id="vn-map-title">{escape(title)}</title>',
        f'<desc id="vn-map-desc">{escape(description)}</desc>',
        f'<g class="vn-map__states" aria-hidden="true">{state_paths}</g>',
        '<g class="vn-map__markers">',
    ]
    markers: list[list[str]] = [[], [], []]  # by DRAWING_ORDER: the rarer roles on top
    rows = []
    # The projection, unrolled: this loop runs for every member.
    x0 = PADDING - projection.min_lon * projection.lon_factor * projection.scale
    kx = projection.lon_factor * projection.scale
    y0 = PADDING + projection.max_lat * projection.scale
    ky = projection.scale
    escaped = _Escaped()
    for member in members:
        role = member.role
        name, url = escape(member.name), escape(member.url)
        kind = escaped[member.kind_label]
        roles = escaped[roles_text(member, with_network=with_network)]
        markers[DRAWING_ORDER.get(role, 0)].append(
            f'<a class="vn-map__marker vn-map__marker--{role}" href="{url}">'
            f"<title>{name}, {kind}, {roles}</title>"
            f"{symbol(role, x0 + member.longitude * kx, y0 - member.latitude * ky)}</a>"
        )
        rows.append(
            '<tr class="kern-table__row"><th class="kern-table__header" scope="row">'
            f'<a class="kern-link" href="{url}">{name}</a></th>'
            f'<td class="kern-table__cell">{kind}</td>'
            f'<td class="kern-table__cell">{roles}</td></tr>'
        )
    svg.extend(marker for group in markers for marker in group)
    svg.append("</g></svg>")
    return MemberMap(
        svg=mark_safe("".join(svg)),  # noqa: S308 - every text is escaped
        rows=mark_safe("".join(rows)),  # noqa: S308 - every text is escaped
    )


def member_rows_html(members: Sequence[MapMember], *, with_network: bool) -> SafeString:
    """Table rows like those of `member_map`, for members that are not on the map."""
    escaped = _Escaped()
    cell = '<td class="kern-table__cell">'
    rows = [
        '<tr class="kern-table__row">'
        f'<th class="kern-table__header" scope="row"><a class="kern-link" '
        f'href="{escape(member.url)}">{escape(member.name)}</a></th>'
        f"{cell}{escaped[member.kind_label]}</td>"
        f"{cell}{escaped[roles_text(member, with_network=with_network)]}</td></tr>"
        for member in members
    ]
    return mark_safe("".join(rows))  # noqa: S308 - every text is escaped


def legend_symbol_svg(role: str) -> SafeString:
    """A small SVG with one marker symbol, for the legend (decorative: the text says it)."""
    size = 24
    return mark_safe(  # noqa: S308 - no user input
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vn-map__legend-symbol '
        f'vn-map__marker--{role}" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        f'aria-hidden="true" focusable="false">{symbol(role, size / 2, size / 2 + 1, 7)}</svg>'
    )
