from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from voneinander.core.access import PUBLIC, access
from voneinander.directory import exports, selectors
from voneinander.directory.forms import DirectoryFilterForm

PAGE_SIZE = 25
RESULTS_ID = "directory-results"


def _filter_form(request) -> DirectoryFilterForm:
    return DirectoryFilterForm(
        request.GET or None,
        networks=list(selectors.networks_for_filter()),
        districts=selectors.districts_for_filter(),
    )


def _wants_results_only(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and htmx.target == RESULTS_ID and not htmx.history_restore_request


@access(PUBLIC)
def directory(request):
    form = _filter_form(request)
    filters = form.directory_filter()
    page = Paginator(selectors.directory_rows(filters), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "export_query": form.query_string(),
        "results_id": RESULTS_ID,
        "sort_key": filters.sort.lstrip("-"),
        "sort_order": "descending" if filters.sort.startswith("-") else "ascending",
    }
    template = "directory/directory.html"
    if _wants_results_only(request):
        template += "#results"
    response = render(request, template, context)
    # The same address answers with a whole page or with the results only.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _export(request, stream, content_type: str, extension: str):
    form = _filter_form(request)
    rows = selectors.directory_rows(form.directory_filter())
    response = StreamingHttpResponse(
        stream(rows, request.build_absolute_uri, get_language()), content_type=content_type
    )
    filename = f"mitglieder-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access(PUBLIC)
def export_csv(request):
    return _export(request, exports.stream_csv, "text/csv; charset=utf-8", "csv")


@access(PUBLIC)
def export_json(request):
    return _export(request, exports.stream_json, "application/json", "json")
