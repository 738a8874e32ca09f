"""CSV and JSON exports of the member directory, streamed row by row.

Both contain exactly the rows of the filtered directory (all pages, same
order) and only public data: no contact persons.

CSV (for German Excel): UTF-8 with byte order mark, `;` as separator, CRLF
line ends, a header row in the interface language, one row per municipality:

    1  Municipality    name
    2  Official name   as in the register (may be empty)
    3  Kind            kind of municipality (label)
    4  AGS             official municipality key (may be empty)
    5  District        the Landkreis (may be empty, e.g. for district-free cities)
    6  Population      a plain number without separators (may be empty)
    7  Member since    earliest active membership in the filter, YYYY-MM-DD
    8  Networks        "Network name: role" for each active membership in the
                       filter, separated by " | "
    9  Profile         address of the municipality's profile page

Cells that a spreadsheet would read as a formula (starting with = + - @) get
a leading apostrophe.

JSON: one object

    {
      "municipalities": [
        {
          "id": 17, "name": "…", "official_name": "…",
          "kind": "ortsgemeinde", "kind_label": "…",
          "ags": "07333012" | null,
          "district": {"id": 3, "name": "…"} | null,
          "population": 1234 | null,
          "member_since": "2020-01-01",
          "url": "https://…/kommunen/17/",
          "memberships": [
            {"network": {"slug": "…", "name": "…", "short_name": "…"},
             "role": "member", "role_label": "…",
             "member_since": "2020-01-01", "topic_focuses": ["…"]}
          ]
        }
      ],
      "count": 1
    }

Keys are stable; labels follow the interface language of the request.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator

from django.utils import translation
from django.utils.translation import gettext as _

from voneinander.core.spreadsheets import BOM, Echo, no_formula

CHUNK_SIZE = 500


def _cell(value) -> str:
    if value is None:
        return ""
    return no_formula(str(value))


def csv_header() -> list[str]:
    return [
        _("Municipality"),
        _("Official name"),
        _("Kind"),
        _("AGS"),
        _("District"),
        _("Population"),
        _("Member since"),
        _("Networks"),
        _("Profile"),
    ]


def csv_row(municipality, absolute_url: Callable[[str], str]) -> list[str]:
    networks = " | ".join(
        f"{membership.network.name}: {membership.role_label}"
        for membership in municipality.directory_memberships
    )
    since = municipality.member_since
    return [
        _cell(municipality.name),
        _cell(municipality.official_name),
        _cell(municipality.kind_label),
        _cell(municipality.ags),
        _cell(municipality.district_name),
        "" if municipality.population is None else str(municipality.population),
        since.isoformat() if since else "",
        _cell(networks),
        absolute_url(municipality.get_absolute_url()),
    ]


def stream_csv(rows, absolute_url: Callable[[str], str], language: str) -> Iterator[str]:
    with translation.override(language):
        writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")
        yield BOM + writer.writerow(csv_header())
        for municipality in rows.iterator(chunk_size=CHUNK_SIZE):
            yield writer.writerow(csv_row(municipality, absolute_url))


def json_item(municipality, absolute_url: Callable[[str], str]) -> dict:
    since = municipality.member_since
    return {
        "id": municipality.pk,
        "name": municipality.name,
        "official_name": municipality.official_name,
        "kind": municipality.kind,
        "kind_label": municipality.kind_label,
        "ags": municipality.ags or None,
        "district": (
            {"id": municipality.district_pk, "name": municipality.district_name}
            if municipality.district_pk
            else None
        ),
        "population": municipality.population,
        "member_since": since.isoformat() if since else None,
        "url": absolute_url(municipality.get_absolute_url()),
        "memberships": [
            {
                "network": {
                    "slug": membership.network.slug,
                    "name": membership.network.name,
                    "short_name": membership.network.short_name,
                },
                "role": membership.role,
                "role_label": membership.role_label,
                "member_since": membership.member_since.isoformat(),
                "topic_focuses": list(membership.topic_focuses or []),
            }
            for membership in municipality.directory_memberships
        ],
    }


def stream_json(rows, absolute_url: Callable[[str], str], language: str) -> Iterator[str]:
    with translation.override(language):
        yield '{"municipalities": ['
        count = 0
        for municipality in rows.iterator(chunk_size=CHUNK_SIZE):
            prefix = ",\n" if count else "\n"
            yield prefix + json.dumps(json_item(municipality, absolute_url), ensure_ascii=False)
            count += 1
        yield f'\n], "count": {count}}}\n'
