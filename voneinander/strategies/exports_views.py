"""The export page and the downloads of a strategy as PDF, DOCX and ODT."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from voneinander.core.access import Perm, access
from voneinander.core.http import sandboxed
from voneinander.strategies import selectors
from voneinander.strategies.exports import strategy_document
from voneinander.strategies.exports_docx import render_docx
from voneinander.strategies.exports_odt import render_odt
from voneinander.strategies.exports_pdf import render_pdf

# URL format → (writer, file extension, MIME type)
FORMATS = {
    "pdf": (render_pdf, "pdf", "application/pdf"),
    "docx": (
        render_docx,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": (render_odt, "odt", "application/vnd.oasis.opendocument.text"),
}


def _back_url(request, strategy) -> str | None:
    """The workbook for its team, the shared strategy's page for the network."""
    name = "strategies:overview" if selectors.is_on_team(request.user, strategy) else None
    for candidate in (name, "strategies:shared_detail"):
        if candidate is None:
            continue
        try:
            return reverse(candidate, kwargs={"pk": strategy.pk})
        except NoReverseMatch:
            continue
    return None


@access(Perm("strategies.view_strategy", obj=selectors.strategy_for_reader))
def export(request, pk):
    strategy = request.access_object
    return render(
        request,
        "strategies/exports/export.html",
        {
            "strategy": strategy,
            "municipality": strategy.municipality,
            "back_url": _back_url(request, strategy),
        },
    )


@access(Perm("strategies.view_strategy", obj=selectors.strategy_for_reader))
@sandboxed
def export_file(request, pk, format):
    try:
        writer, extension, mime_type = FORMATS[format]
    except KeyError:
        raise Http404 from None
    document = strategy_document(request.access_object, viewer=request.user)
    response = HttpResponse(writer(document), content_type=mime_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename(extension))
    patch_cache_control(response, private=True, no_store=True)
    return response
