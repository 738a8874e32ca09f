"""Documents of a working group: the content check and the text extracted for search.

Files are checked by their bytes as event materials are
(`voneinander.events.uploads.check_material`: PDF, images, Office and
OpenDocument files, no programs, HTML, SVG or macros); in addition a group may
share plain UTF-8 text (minutes, Markdown, CSV), which the material check does
not accept.

The text for search comes from pypdf for PDF, from the file itself for plain
text, and from the XML inside Word and OpenDocument files. The XML is not
parsed: tags are cut out with regular expressions and character references
are decoded by `html.unescape`, which knows no DTD, so no entity expansion,
external reference or deep nesting can make it expensive. Extraction never fails an
upload: a file whose text cannot be read is stored without text.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from html import unescape

from django.core.exceptions import ValidationError

from voneinander.events import uploads
from voneinander.events.uploads import CheckedFile

MAX_TEXT = 200_000  # characters kept for search
MAX_PDF_PAGES = 300
_MAX_XML = 20 * 1024 * 1024  # bytes read from the main XML part of an office file
TEXT_EXTENSIONS = {"txt", "md", "csv"}
TEXT = CheckedFile("text", "txt", "text/plain; charset=utf-8")

# Control characters other than tab, line feed and carriage return do not occur in text.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_document(upload) -> CheckedFile:
    """The kind of `upload`, or ValidationError with a message for the person uploading."""
    try:
        return uploads.check_material(upload)
    except ValidationError as error:
        if error.code != "unknown" or _read_text(upload) is None:
            raise
    extension = (upload.name or "").rsplit(".", 1)[-1].lower()
    if extension in TEXT_EXTENSIONS and extension != TEXT.extension:
        return CheckedFile("text", extension, TEXT.content_type)
    return TEXT


def _read_text(upload) -> str | None:
    upload.seek(0)
    try:
        raw = upload.read(uploads.MAX_MATERIAL_SIZE + 1)
    finally:
        upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if _BINARY.search(text) else text


def extract_text(upload, checked: CheckedFile) -> str:
    """Plain text of a checked upload for search; empty where there is none or it fails."""
    try:
        if checked.kind == "text":
            text = _read_text(upload) or ""
        elif checked.kind == "pdf":
            text = _pdf_text(upload)
        elif checked.kind == "docx":
            text = _office_text(upload, "word/document.xml", paragraph="</w:p>")
        elif checked.kind in {"odt", "ods", "odp"}:
            text = _office_text(upload, "content.xml", paragraph=r"</text:(?:p|h)>")
        else:
            text = ""
    except Exception:  # a damaged file still is a document; it is just not searchable
        text = ""
    finally:
        upload.seek(0)
    return _tidy(text)[:MAX_TEXT]


def _pdf_text(upload) -> str:
    # imported on use: pypdf is ~26 MB per worker otherwise
    from pypdf import PdfReader

    upload.seek(0)
    parts: list[str] = []
    size = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(upload.read()))
        for page in reader.pages[:MAX_PDF_PAGES]:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size > MAX_TEXT:
                break
    return "\n".join(parts)


_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def _office_text(upload, part: str, *, paragraph: str) -> str:
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive, archive.open(part) as entry:
        xml = entry.read(_MAX_XML).decode("utf-8", "replace")
    xml = re.sub(paragraph, "\n", xml)
    xml = re.sub(r"<(?:w:tab|text:tab|text:line-break|w:br)\b[^>]*/?>", " ", xml)
    xml = re.sub(r"<text:s\b[^>]*/?>", " ", xml)
    return unescape(_TAG.sub("", xml))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
