"""The open-data page and its downloads (PUBLIC; public data only, see opendata.py)."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from voneinander.api import opendata
from voneinander.core.access import PUBLIC, access

CSV = "text/csv; charset=utf-8"
JSON = "application/json"


def _download(stream, content_type: str, filename: str, extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type=content_type)
    dated = f"{filename}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{dated}"'
    response["Link"] = opendata.licence_link_header()
    return response


@access(PUBLIC)
def index(request):
    return render(
        request,
        "api/opendata/index.html",
        {
            "counts": opendata.counts(),
            "licence": opendata.LICENCE,
            "geonames_licence": opendata.GEONAMES_LICENCE,
            "geonames_attribution": opendata.GEONAMES_ATTRIBUTION,
            "attribution": opendata.attribution(),
            "member_columns": opendata.MEMBER_COLUMNS,
            "solution_columns": opendata.SOLUTION_COLUMNS,
        },
    )


@access(PUBLIC)
def members_csv(request):
    stream = opendata.stream_csv(opendata.member_records(), opendata.MEMBER_COLUMNS, get_language())
    return _download(stream, CSV, "mitglieder", "csv")


@access(PUBLIC)
def members_json(request):
    stream = opendata.stream_json(
        opendata.member_records(), "members", request.build_absolute_uri, get_language()
    )
    return _download(stream, JSON, "mitglieder", "json")


@access(PUBLIC)
def solutions_csv(request):
    stream = opendata.stream_csv(
        opendata.solution_records(request.build_absolute_uri),
        opendata.SOLUTION_COLUMNS,
        get_language(),
    )
    return _download(stream, CSV, "praxisbeispiele", "csv")


@access(PUBLIC)
def solutions_json(request):
    stream = opendata.stream_json(
        opendata.solution_records(request.build_absolute_uri),
        "solutions",
        request.build_absolute_uri,
        get_language(),
    )
    return _download(stream, JSON, "praxisbeispiele", "json")
