"""Checking uploaded materials and captions by their content.

Neither the file name nor the browser's content type says what a file is; the
bytes do. Materials may be PDF documents (readable, not encrypted, without
JavaScript or launch actions, checked with pypdf as the membership letters
are), images (PNG, JPEG, GIF, WebP: magic bytes, then Pillow reads the header),
and office documents (Word, Excel, PowerPoint, OpenDocument): ZIP containers
with the inner structure of their format and without macros. Everything else
is refused with a message that says what the file looks like: programs,
scripts, HTML, SVG (which can carry scripts), old binary Office files (which
can carry macros unseen), plain ZIP archives.

Captions are WebVTT: UTF-8 text starting with "WEBVTT", cues whose timings
parse and do not end before they start.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from html import unescape

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voneinander.admissions.letters import has_active_content
from voneinander.core.security_log import logs_rejected_uploads

MAX_MATERIAL_SIZE = 20 * 1024 * 1024
MAX_CAPTIONS_SIZE = 2 * 1024 * 1024
# Office containers: refuse archives that would unpack to absurd sizes (ZIP bombs).
_MAX_ZIP_ENTRIES = 5_000
_MAX_UNPACKED = 300 * 1024 * 1024
_HEAD = 1024


@dataclass(frozen=True)
class CheckedFile:
    """What the content check found: the kind decides the stored extension and type."""

    kind: str
    extension: str
    content_type: str


KINDS = {
    "pdf": CheckedFile("pdf", "pdf", "application/pdf"),
    "png": CheckedFile("png", "png", "image/png"),
    "jpeg": CheckedFile("jpeg", "jpg", "image/jpeg"),
    "gif": CheckedFile("gif", "gif", "image/gif"),
    "webp": CheckedFile("webp", "webp", "image/webp"),
    "docx": CheckedFile(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": CheckedFile(
        "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "pptx": CheckedFile(
        "pptx",
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": CheckedFile("odt", "odt", "application/vnd.oasis.opendocument.text"),
    "ods": CheckedFile("ods", "ods", "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": CheckedFile("odp", "odp", "application/vnd.oasis.opendocument.presentation"),
}

ACCEPTED = _(
    "Accepted are PDF documents, images (PNG, JPEG, GIF, WebP) and office documents "
    "(Word, Excel, PowerPoint, OpenDocument)."
)

MESSAGES = {
    "empty": _("The file is empty."),
    "too_large": _("The file is larger than 20 MB. Please reduce its size or share a link."),
    "executable": _("This file is a program or script. For security reasons it is not accepted."),
    "html": _("This file is a web page (HTML). Please save it as PDF."),
    "svg": _(
        "SVG graphics can contain scripts and are not accepted. Please export the graphic "
        "as PNG or PDF."
    ),
    "legacy_office": _(
        "Old Office files (.doc, .xls, .ppt) can hide macros and are not accepted. Please "
        "save the document in the current format (.docx, .xlsx, .pptx) or as PDF."
    ),
    "macros": _(
        "The office document contains macros or active content. Please save it without "
        "macros (e.g. as .docx instead of .docm) or as PDF."
    ),
    "archive": _("ZIP archives are not accepted. Please upload the documents one by one."),
    "encrypted": _(
        "The document is encrypted or protected by a password. Please upload a version "
        "without password protection."
    ),
    "unreadable": _("The file could not be read; it may be damaged."),
    "pdf_no_pages": _("The PDF document has no pages."),
    "pdf_active": _(
        "The PDF document contains active content (JavaScript or actions that start "
        "programs) and is not accepted. Please print it to a new PDF."
    ),
    "too_complex": _("The file is too complex to be checked."),
    "image_too_large": _("The image has too many pixels. Please scale it down."),
    "unknown": _("The type of this file is not accepted."),
}


def _refuse(code: str, *, with_accepted: bool = False) -> ValidationError:
    if with_accepted:
        return ValidationError(
            "%(message)s %(accepted)s",
            code=code,
            params={"message": MESSAGES[code], "accepted": ACCEPTED},
        )
    return ValidationError(MESSAGES[code], code=code)


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(_HEAD)
    upload.seek(0)
    return head


_EXECUTABLE = (
    b"MZ",  # Windows programs and libraries
    b"\x7fELF",  # Linux programs
    b"\xfe\xed\xfa\xce",  # Mach-O (macOS) in its byte orders and as universal binary
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # scripts
)
_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpeg",
    b"GIF87a": "gif",
    b"GIF89a": "gif",
}
_PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|script|iframe|svg|\?xml)", re.I)


def _image_kind(head: bytes) -> str:
    for signature, kind in _IMAGES.items():
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return ""


@logs_rejected_uploads
def check_material(upload) -> CheckedFile:
    """The kind of `upload`, or ValidationError with a message for the person uploading."""
    size = upload.size
    if not size:
        raise _refuse("empty")
    if size > MAX_MATERIAL_SIZE:
        raise _refuse("too_large")
    head = _head(upload)
    try:
        if head.startswith(_EXECUTABLE):
            raise _refuse("executable")
        if b"%PDF-" in head:
            return _check_pdf(upload)
        image = _image_kind(head)
        if image:
            return _check_image(upload, image)
        if head.startswith(b"PK\x03\x04"):
            return _check_office(upload)
        if head.startswith(_OLE2):
            raise _refuse("legacy_office")
        markup = _MARKUP.search(head.lstrip(b"\xef\xbb\xbf \t\r\n"))
        if markup:
            name = markup.group(1).lower()
            raise _refuse("svg" if name in {b"svg", b"?xml"} else "html")
        raise _refuse("unknown", with_accepted=True)
    finally:
        upload.seek(0)


def _check_pdf(upload) -> CheckedFile:
    # imported on use: pypdf is ~26 MB per worker otherwise
    from pypdf import PdfReader

    try:
        # pypdf warns about small defects that PDF viewers tolerate.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(upload.read()))
            if reader.is_encrypted:
                raise _refuse("encrypted")
            if len(reader.pages) == 0:
                raise _refuse("pdf_no_pages")
            active = has_active_content(reader)
    except ValidationError as error:
        if error.code == "too_complex":
            raise _refuse("too_complex") from None
        raise
    except Exception:  # whatever a crafted or damaged file makes pypdf raise
        raise _refuse("unreadable") from None
    if active:
        raise _refuse("pdf_active")
    return KINDS["pdf"]


def _check_image(upload, kind: str) -> CheckedFile:
    # imported on use: Pillow is ~3 MB per worker otherwise
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                found = image.format
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _refuse("image_too_large") from None
    except Exception:  # Pillow raises many kinds of errors for damaged files
        raise _refuse("unreadable") from None
    if found != _PIL_FORMATS[kind]:
        raise _refuse("unreadable")
    return KINDS[kind]


_ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_OOXML_MAIN_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}


def _read_entry(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    with archive.open(name) as entry:
        return entry.read(limit)


def _check_office(upload) -> CheckedFile:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > _MAX_ZIP_ENTRIES:
                raise _refuse("too_complex")
            if sum(entry.file_size for entry in entries) > _MAX_UNPACKED:
                raise _refuse("too_complex")
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise _refuse("encrypted")
            names = {entry.filename for entry in entries}
            kind = _office_kind(archive, names)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        raise _refuse("unreadable") from None
    except Exception:  # e.g. an unsupported compression method
        raise _refuse("unreadable") from None
    return KINDS[kind]


def _office_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    lowered = {name.lower() for name in names}
    if "mimetype" in names:
        mimetype = _read_entry(archive, "mimetype", 100).decode("ascii", "replace").strip()
        kind = _ODF_TYPES.get(mimetype)
        if kind and "content.xml" in names and "META-INF/manifest.xml" in names:
            if any(name.startswith(("basic/", "scripts/")) for name in lowered):
                raise _refuse("macros")
            return kind
        raise _refuse("archive")
    if "[Content_Types].xml" in names:
        types = _read_entry(archive, "[Content_Types].xml", 1024 * 1024).lower()
        if (
            b"macroenabled" in types
            or any(name.endswith("vbaproject.bin") for name in lowered)
            or any("/activex/" in f"/{name}" for name in lowered)
        ):
            raise _refuse("macros")
        for part, kind in _OOXML_MAIN_PARTS.items():
            if part in names:
                return kind
    raise _refuse("archive")


# --- WebVTT captions ---------------------------------------------------------------------

CAPTION_MESSAGES = {
    "empty": _("The captions file is empty."),
    "too_large": _("The captions file is larger than 2 MB."),
    "encoding": _("The captions file is not UTF-8 text. Please save it as UTF-8."),
    "header": _("A WebVTT file must start with the line “WEBVTT”."),
    "no_cues": _("The captions file contains no captions."),
}

_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_MAX_CUES = 50_000


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str

    @property
    def start_label(self) -> str:
        """The start as H:MM:SS or M:SS, for a transcript."""
        seconds = int(self.start)
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _line_error(number: int, message) -> ValidationError:
    return ValidationError(
        _("Line %(line)s: %(problem)s"),
        code="cue",
        params={"line": number, "problem": message},
    )


def _plain(text: str) -> str:
    """Cue text without markup: voices become "Name: ", other tags disappear."""
    return unescape(_TAG.sub("", _VOICE.sub(lambda m: f"{m.group(1).strip()}: ", text))).strip()


def parse_webvtt(text: str) -> list[Cue]:
    """The cues of a WebVTT document; ValidationError naming the line of the first problem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\0" in text:
        raise ValidationError(CAPTION_MESSAGES["encoding"], code="encoding")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(CAPTION_MESSAGES["header"], code="header")
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    header_done = False
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            header_done = True
            if current:
                blocks.append(current)
                current = []
        elif header_done:
            current.append((number, line))
    if current:
        blocks.append(current)
    cues: list[Cue] = []
    for block in blocks:
        number, first_line = block[0]
        if re.match(r"^(NOTE|STYLE|REGION)([ \t]|$)", first_line):
            continue
        if "-->" in first_line:
            timing, body = block[0], block[1:]
        elif len(block) > 1 and "-->" in block[1][1]:
            timing, body = block[1], block[2:]
        else:
            raise _line_error(
                number,
                _("a caption needs a timing such as “00:00:01.000 --> 00:00:04.000”."),
            )
        cues.append(_cue(timing, body))
        if len(cues) > _MAX_CUES:
            raise ValidationError(CAPTION_MESSAGES["too_large"], code="too_large")
    if not cues:
        raise ValidationError(CAPTION_MESSAGES["no_cues"], code="no_cues")
    return cues


def _cue(timing: tuple[int, str], body: list[tuple[int, str]]) -> Cue:
    number, line = timing
    match = _TIMING.match(line.strip())
    if match is None:
        raise _line_error(
            number,
            _(
                "the timing “%(timing)s” cannot be read; it must look like "
                "“00:00:01.000 --> 00:00:04.000”."
            )
            % {"timing": line.strip()[:80]},
        )
    start = _seconds(*match.group(1, 2, 3, 4))
    end = _seconds(*match.group(5, 6, 7, 8))
    if end < start:
        raise _line_error(number, _("the caption ends before it starts."))
    for text_number, text_line in body:
        if "-->" in text_line:
            raise _line_error(
                text_number, _("“-->” may only appear in a timing line; is a blank line missing?")
            )
    return Cue(start, end, _plain("\n".join(text for _number, text in body)))


@logs_rejected_uploads
def check_captions(upload) -> str:
    """The text of an uploaded WebVTT file, after checking it; else ValidationError."""
    size = upload.size
    if not size:
        raise ValidationError(CAPTION_MESSAGES["empty"], code="empty")
    if size > MAX_CAPTIONS_SIZE:
        raise ValidationError(CAPTION_MESSAGES["too_large"], code="too_large")
    upload.seek(0)
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(CAPTION_MESSAGES["encoding"], code="encoding") from None
    finally:
        upload.seek(0)
    parse_webvtt(text)
    return text.removeprefix("\ufeff")
