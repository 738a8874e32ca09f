"""The export page and the downloads of a strategy as PDF, DOCX and ODT."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from voneinander.core.access import Perm, access
from voneinander.core.http import private_download, sandboxed
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
        writer, extension, mime_type = FORMATS[format]
    except KeyError:
        raise Http404 from None
    document = strategy_document(request.access_object, viewer=request.user)
    response = HttpResponse(writer(document), content_type=mime_type)
    return private_download(response, document.filename(extension))
