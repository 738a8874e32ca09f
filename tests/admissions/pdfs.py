"""Real PDF documents for the tests, made with fpdf2 and pypdf (no fixtures on disk)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def letter_pdf(text: str = "Antrag auf Mitgliedschaft", pages: int = 1) -> bytes:
    pdf = FPDF()
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.cell(text=f"{text} - Seite {number + 1}")
    return bytes(pdf.output())


def _writer(data: bytes | None = None) -> PdfWriter:
    return PdfWriter(clone_from=PdfReader(io.BytesIO(data or letter_pdf())))


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = _writer()
    writer.encrypt(user_password="", owner_password="geheim")
    return _bytes(writer)


def javascript_pdf() -> bytes:
    """Document-level JavaScript, in the catalogue's /Names tree, run when the file opens."""
    writer = _writer()
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('Hallo');"),
        }
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("gruss"), writer._add_object(action)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )
    return _bytes(writer)


def escaped_javascript_pdf() -> bytes:
    """An open action whose type is written with a hex escape: /Java#53cript.

    The placeholder has the same length, so the cross-reference table stays right.
    """
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Placeholder1"), NameObject("/F"): TextStringObject("x")}
    )
    data = _bytes(writer)
    assert data.count(b"/Placeholder1") == 1
    return data.replace(b"/Placeholder1", b"/Java#53cript")


def launch_pdf() -> bytes:
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("calc.exe"),
        }
    )
    return _bytes(writer)


def annotation_javascript_pdf() -> bytes:
    """JavaScript hidden in a link annotation's action on the page, not in the catalogue."""
    writer = _writer()
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/A"): action,
        }
    )
    writer.add_annotation(page_number=0, annotation=annotation)
    return _bytes(writer)


def no_pages_pdf() -> bytes:
    return _bytes(PdfWriter())


def upload(data: bytes, name: str = "brief.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
