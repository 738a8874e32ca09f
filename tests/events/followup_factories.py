"""Factories and real sample files for what follows an event (feedback, materials, recordings).

Files are made in memory (Pillow, fpdf2, zipfile); nothing is read from disk.
"""

import datetime
import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.admissions.pdfs import letter_pdf
from tests.events.factories import EventFactory, SessionFactory
from voneinander.events.models import (
    EventResults,
    Licence,
    Material,
    Recording,
    RecordingState,
)

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
<v Anna Beispiel>Herzlich willkommen zum Kommunalkongress.

00:00:04.500 --> 00:00:08.250 align:start
Heute geht es um &amp; digitale Dörfer.
"""


def past_event(**fields):
    """An event that took place ten days ago (unless `starts_at` is given)."""
    starts_at = fields.pop("starts_at", timezone.now() - datetime.timedelta(days=10))
    return EventFactory(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=6), **fields
    )


def past_session(event, **fields):
    return SessionFactory(event=event, **fields)


# --- Sample files ---------------------------------------------------------------------------


def image_bytes(format_: str = "PNG", size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(buffer, format=format_)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes | str], *, first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = list(entries)
        if first:
            names.remove(first)
            names.insert(0, first)
        for name in names:
            data = entries[name]
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def docx_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(main=DOCX_MAIN),
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def pptx_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(main="presentation"),
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )


def docm_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(main=DOCM_MAIN),
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro",
        }
    )


def odt_bytes(*, macros: bool = False) -> bytes:
    entries = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": "<office:document-content/>",
        "META-INF/manifest.xml": "<manifest:manifest/>",
    }
    if macros:
        entries["Basic/Standard/Module1.xml"] = "<script:module/>"
    return _zip(entries, first="mimetype")


def plain_zip_bytes() -> bytes:
    return _zip({"folien.pdf": letter_pdf(), "notizen.txt": "Notizen"})


EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500


def upload(data: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- Objects --------------------------------------------------------------------------------


class MaterialFactory(factory.django.DjangoModelFactory):
    """A link by default; `file_material(...)` makes one with a stored file."""

    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory)
    session = None
    title = factory.Sequence(lambda n: f"Folien {n}")
    url = "https://example.org/folien"


def file_material(*, event, session=None, data: bytes | None = None, **fields) -> Material:
    data = letter_pdf("Folien") if data is None else data
    material = Material(
        event=event,
        session=session,
        title=fields.pop("title", "Vortragsfolien"),
        file_name=fields.pop("file_name", "Vortragsfolien Mainz.pdf"),
        content_type=fields.pop("content_type", "application/pdf"),
        size=len(data),
        **fields,
    )
    material.file.save("folien.pdf", ContentFile(data), save=False)
    material.save()
    return material


class RecordingFactory(factory.django.DjangoModelFactory):
    """A draft; `state=RecordingState.PUBLISHED` gives a published one with consent."""

    class Meta:
        model = Recording

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Aufzeichnung {n}")
    video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    licence = Licence.CC_BY
    state = RecordingState.DRAFT
    consent_given_by = factory.LazyAttribute(
        lambda o: "" if o.state == RecordingState.DRAFT else "Anna Beispiel"
    )
    consent_given_on = factory.LazyAttribute(
        lambda o: None if o.state == RecordingState.DRAFT else datetime.date(2020, 9, 11)
    )
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.state == RecordingState.PUBLISHED else None
    )


class EventResultsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventResults

    event = factory.SubFactory(EventFactory)
    summary = "Wir haben vereinbart, eine Arbeitsgruppe zu gründen."
