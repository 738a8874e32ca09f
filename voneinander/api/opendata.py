"""Open data: the member list and the public solutions catalogue as CSV and JSON.

Both datasets hold public data only: no persons, no contact details, no
members-only solutions (read through `knowledge.selectors.solutions_visible_to`
for an anonymous visitor, the same gate as the catalogue page).

Licence: Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0);
the coordinates in the member list come from GeoNames (CC BY 4.0). The CSV
files are pure data (the licence is named on the page and in a
`Link: <…>; rel="license"` header); the JSON files carry it in their metadata.

CSV: UTF-8 with byte order mark, `;` as separator, CRLF line ends, a header row
of stable column names (the keys of the JSON objects), cells that a spreadsheet
would read as a formula get a leading apostrophe. Both formats are streamed,
with a fixed number of queries whatever the number of rows.

Members, one row per active membership (ordered by network, then municipality):
    network, network_slug, municipality, ags, ars, kind, kind_label,
    member_since (YYYY-MM-DD), role, role_label, latitude, longitude

Solutions, one row per public solution (ordered by title):
    title, summary, status, status_label, topics (" | " between names in CSV,
    a list in JSON), network, owner, owner_ags, adopters (municipalities that
    reuse it), url
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from voneinander.core.spreadsheets import BOM, Echo, no_formula
from voneinander.knowledge.models import Solution, SolutionStatus, Topic
from voneinander.knowledge.selectors import reuse_count, solutions_visible_to
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import Membership, MembershipRole, MembershipStatus

CHUNK_SIZE = 500

LICENCE = {
    "id": "dl-de/by-2-0",
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}
GEONAMES_LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
GEONAMES_ATTRIBUTION = "GeoNames (geonames.org)"

MEMBER_COLUMNS = [
    "network",
    "network_slug",
    "municipality",
    "ags",
    "ars",
    "kind",
    "kind_label",
    "member_since",
    "role",
    "role_label",
    "latitude",
    "longitude",
]
SOLUTION_COLUMNS = [
    "title",
    "summary",
    "status",
    "status_label",
    "topics",
    "network",
    "owner",
    "owner_ags",
    "adopters",
    "url",
]


def attribution() -> str:
    """The text to name when reusing the data (dl-de/by-2-0 asks for it)."""
    return f"{settings.SITE_NAME} – {settings.OPERATOR_NAME} ({LICENCE['id']}, {LICENCE['url']})"


def licence_link_header() -> str:
    return f'<{LICENCE["url"]}>; rel="license"'


# --- What goes in ----------------------------------------------------------------------


def member_rows() -> QuerySet[Membership]:
    """Active memberships with their network and municipality: one query."""
    return (
        Membership.objects.filter(status=MembershipStatus.ACTIVE)
        .select_related("network", "municipality")
        .only(
            "role",
            "member_since",
            "network__name",
            "network__slug",
            "municipality__name",
            "municipality__ags",
            "municipality__ars",
            "municipality__kind",
            "municipality__latitude",
            "municipality__longitude",
        )
        .order_by("network__name", "municipality__name", "pk")
    )


def solution_rows() -> QuerySet[Solution]:
    """Public, active solutions with owner, network, adopters and topics: two queries."""
    return (
        solutions_visible_to(AnonymousUser())
        .annotate(adopters=reuse_count())
        .select_related("owner", "network")
        .only(
            "title",
            "slug",
            "summary",
            "status",
            "owner__name",
            "owner__ags",
            "owner__kind",
            "network__name",
        )
        .prefetch_related(
            Prefetch(
                "topics",
                queryset=Topic.objects.only("name", "position").order_by("position", "name"),
            )
        )
        .order_by("title", "pk")
    )


def counts() -> dict[str, int]:
    return {"members": member_rows().count(), "solutions": solution_rows().count()}


# --- One record ------------------------------------------------------------------------


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def member_record(membership: Membership) -> dict:
    municipality = membership.municipality
    return {
        "network": membership.network.name,
        "network_slug": membership.network.slug,
        "municipality": str(municipality),
        "ags": municipality.ags or None,
        "ars": municipality.ars or None,
        "kind": municipality.kind,
        "kind_label": _label(MunicipalityKind, municipality.kind),
        "member_since": membership.member_since.isoformat(),
        "role": membership.role,
        "role_label": _label(MembershipRole, membership.role),
        "latitude": municipality.latitude,
        "longitude": municipality.longitude,
    }


def solution_record(solution: Solution, absolute_url: Callable[[str], str]) -> dict:
    return {
        "title": solution.title,
        "summary": solution.summary,
        "status": solution.status,
        "status_label": _label(SolutionStatus, solution.status),
        "topics": [topic.name for topic in solution.topics.all()],
        "network": solution.network.name,
        "owner": str(solution.owner),
        "owner_ags": solution.owner.ags or None,
        "adopters": solution.adopters,
        "url": absolute_url(solution.get_absolute_url()),
    }


# --- Formats ----------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " | ".join(value)
    return no_formula(str(value))


def stream_csv(records: Iterator[dict], columns: list[str], language: str) -> Iterator[str]:
    with translation.override(language):
        writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")
        yield BOM + writer.writerow(columns)
        for record in records:
            yield writer.writerow([_cell(record[column]) for column in columns])


def metadata(dataset: str, absolute_url: Callable[[str], str]) -> dict:
    titles = {
        "members": _("Member municipalities of the networks"),
        "solutions": _("Public solutions of the catalogue"),
    }
    meta = {
        "title": str(titles[dataset]),
        "publisher": settings.OPERATOR_NAME,
        "source": absolute_url("/"),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "license": {**LICENCE, "attribution": attribution()},
    }
    if dataset == "members":
        meta["license"]["parts"] = [
            {
                "fields": ["latitude", "longitude"],
                **GEONAMES_LICENCE,
                "attribution": GEONAMES_ATTRIBUTION,
            }
        ]
    return meta


def stream_json(
    records: Iterator[dict], dataset: str, absolute_url: Callable[[str], str], language: str
) -> Iterator[str]:
    """`{"meta": {…, "license": {…}}, "<dataset>": [ … ], "count": n}`, row by row."""
    with translation.override(language):
        head = json.dumps({"meta": metadata(dataset, absolute_url)}, ensure_ascii=False)
        yield head[:-1] + f', "{dataset}": ['
        count = 0
        for record in records:
            yield (",\n" if count else "\n") + json.dumps(record, ensure_ascii=False)
            count += 1
        yield f'\n], "count": {count}}}\n'


def member_records() -> Iterator[dict]:
    for membership in member_rows().iterator(chunk_size=CHUNK_SIZE):
        yield member_record(membership)


def solution_records(absolute_url: Callable[[str], str]) -> Iterator[dict]:
    for solution in solution_rows().iterator(chunk_size=CHUNK_SIZE):
        yield solution_record(solution, absolute_url)
