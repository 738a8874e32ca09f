"""The export page and the downloads of a strategy as PDF, DOCX and ODT."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string

from voneinander.core.access import Perm, access
from voneinander.core.http import private_download, sandboxed
from voneinander.strategies import selectors
from voneinander.strategies.exports import strategy_document

# URL format → (writer, file extension, MIME type). The writers are imported on
# use: fpdf2 + fontTools, python-docx and odfpy are ~85 MB per worker otherwise.
FORMATS = {
    "pdf": ("voneinander.strategies.exports_pdf.render_pdf", "pdf", "application/pdf"),
    "docx": (
        "voneinander.strategies.exports_docx.render_docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": (
        "voneinander.strategies.exports_odt.render_odt",
        "odt",
        "application/vnd.oasis.opendocument.text",
    ),
}


def _back_url(request, strategy) -> str:
    """The workbook for its team, the shared strategy's page for the network."""
    on_team = selectors.is_on_team(request.user, strategy)
    name = "strategies:overview" if on_team else "strategies:shared_detail"
    return reverse(name, kwargs={"pk": strategy.pk})


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
        writer_path, extension, mime_type = FORMATS[format]
    except KeyError:
        raise Http404 from None
    document = strategy_document(request.access_object, viewer=request.user)
    writer = import_string(writer_path)
    response = HttpResponse(writer(document), content_type=mime_type)
    return private_download(response, document.filename(extension))
