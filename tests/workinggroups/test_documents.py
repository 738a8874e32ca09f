"""The content check for group documents and the text extracted for search."""

import pytest
from django.core.exceptions import ValidationError

from tests.admissions.pdfs import javascript_pdf, letter_pdf
from tests.events.followup_factories import (
    EXE,
    HTML,
    OLE2,
    SVG,
    docm_bytes,
    image_bytes,
    plain_zip_bytes,
    upload,
)
from tests.workinggroups.files import docx_with, odt_with
from voneinander.workinggroups import documents


@pytest.mark.parametrize(
    ("data", "name", "kind", "extension"),
    [
        (letter_pdf(), "bericht.pdf", "pdf", "pdf"),
        (docx_with("Hallo"), "bericht.docx", "docx", "docx"),
        (odt_with("Hallo"), "protokoll.odt", "odt", "odt"),
        (image_bytes("PNG"), "foto.png", "png", "png"),
        ("Protokoll – Sitzung am 3. März\n".encode(), "protokoll.txt", "text", "txt"),
        (b"# Notizen\n\n- eins\n", "notizen.md", "text", "md"),
        (b"Ort;Einwohner\nAltstadt;1200\n", "zahlen.csv", "text", "csv"),
        (b"Nur Text", "ohne-endung", "text", "txt"),
        # A text file that claims to be something else is stored as text.
        (b"Nur Text", "trick.exe", "text", "txt"),
        ("\ufeffMit BOM".encode(), "bom.txt", "text", "txt"),
    ],
)
def test_document_check_accepts_by_content(data, name, kind, extension):
    checked = documents.check_document(upload(data, name))
    assert (checked.kind, checked.extension) == (kind, extension)


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "leer.txt", "empty"),
        (EXE, "programm.txt", "executable"),
        (b"#!/bin/sh\necho hallo\n", "skript.txt", "executable"),
        (HTML, "seite.txt", "html"),
        (SVG, "grafik.txt", "svg"),
        (OLE2, "alt.doc", "legacy_office"),
        (docm_bytes(), "makro.docx", "macros"),
        (plain_zip_bytes(), "sammlung.zip", "archive"),
        (javascript_pdf(), "aktiv.pdf", "pdf_active"),
        # Neither UTF-8 text nor a known format.
        (b"Gr\xfc\xdfe aus Latin-1", "latin1.txt", "unknown"),
        (b"binary\x00\x01\x02data", "daten.bin", "unknown"),
    ],
)
def test_document_check_refuses_with_a_reason(data, name, code):
    with pytest.raises(ValidationError) as refused:
        documents.check_document(upload(data, name))
    assert refused.value.code == code


def _text(data: bytes, name: str) -> str:
    file = upload(data, name)
    return documents.extract_text(file, documents.check_document(file))


def test_text_of_a_pdf_comes_from_pypdf():
    assert "Quarzsandmuschel - Seite 1" in _text(letter_pdf("Quarzsandmuschel", pages=2), "a.pdf")


def test_text_of_a_docx_keeps_paragraphs_and_decodes_references():
    text = _text(docx_with("Erster Absatz", "Zweiter &amp; letzter"), "a.docx")
    assert text == "Erster Absatz\nZweiter & letzter"


def test_text_of_an_odt_keeps_headings_and_paragraphs():
    assert _text(odt_with("Absatz", heading="Titel"), "a.odt") == "Titel\nAbsatz"


def test_text_of_a_plain_file_is_the_file():
    assert _text(b"Zeile eins\r\n\r\n\r\nZeile  zwei\n", "a.txt") == ("Zeile eins\n\nZeile zwei")


def test_images_have_no_text():
    assert _text(image_bytes("PNG"), "foto.png") == ""


def test_entities_of_a_dtd_are_not_expanded():
    bomb = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        "<w:p><w:t>&lol2;</w:t></w:p>"
    )
    text = _text(docx_with(bomb), "bombe.docx")
    assert "lollol" not in text
    assert "&lol2;" in text


def test_extracted_text_is_limited():
    assert _text(b"a" * (documents.MAX_TEXT + 50), "lang.txt") == "a" * documents.MAX_TEXT


def test_a_damaged_office_file_is_stored_without_text():
    file = upload(docx_with("Hallo"), "a.docx")
    checked = documents.check_document(file)
    broken = upload(b"PK\x03\x04kaputt", "a.docx")
    assert documents.extract_text(broken, checked) == ""
    assert broken.tell() == 0
