"""Files that pass the content checks and carry the EICAR test string (or not)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from tests.admissions.pdfs import letter_pdf
from tests.scanning.clamd import EICAR


def eicar_pdf() -> bytes:
    """A readable one-page PDF with EICAR in a comment after its end."""
    return letter_pdf() + b"%" + EICAR + b"\n"


def eicar_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", EICAR.decode())
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def eicar_vtt() -> bytes:
    return b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n" + EICAR + b"\n"


def upload(data: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
