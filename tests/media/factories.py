"""News items with uploaded videos, and sample video bytes that pass the content check."""

import factory
from django.core.files.base import ContentFile

from tests.events.followup_factories import VTT
from tests.factories import NetworkFactory
from tests.news import factories as news_factories
from voneinander.news.models import NewsVideo

# The payload after the container header: every byte value, so ranges are easy to check.
PAYLOAD = bytes(range(256)) * 16


def mp4_bytes(brand: bytes = b"isom", payload: bytes = PAYLOAD) -> bytes:
    """An ISO BMFF file: an `ftyp` box (major brand, minor version, two compatible brands)."""
    ftyp = brand + (512).to_bytes(4, "big") + brand + b"mp41"
    box = (8 + len(ftyp)).to_bytes(4, "big") + b"ftyp" + ftyp
    mdat = (8 + len(payload)).to_bytes(4, "big") + b"mdat" + payload
    return box + mdat


def _element(element_id: bytes, data: bytes) -> bytes:
    return element_id + bytes([0x80 | len(data)]) + data


def webm_bytes(doctype: bytes = b"webm", payload: bytes = PAYLOAD) -> bytes:
    """An EBML header with the given DocType, then a Segment with `payload`."""
    header = b"".join(
        [
            _element(b"\x42\x86", b"\x01"),  # EBMLVersion
            _element(b"\x42\xf7", b"\x01"),  # EBMLReadVersion
            _element(b"\x42\xf2", b"\x04"),  # EBMLMaxIDLength
            _element(b"\x42\xf3", b"\x08"),  # EBMLMaxSizeLength
            _element(b"\x42\x82", doctype),  # DocType
            _element(b"\x42\x87", b"\x04"),  # DocTypeVersion
            _element(b"\x42\x85", b"\x02"),  # DocTypeReadVersion
        ]
    )
    segment = b"\x18\x53\x80\x67" + b"\x01" + len(payload).to_bytes(7, "big") + payload
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(header)]) + header + segment


class NewsItemFactory(news_factories.NewsItemFactory):
    """A published news item of a network (`published_at=None` gives a draft)."""

    network = factory.SubFactory(NetworkFactory)


class NewsVideoFactory(factory.django.DjangoModelFactory):
    """An uploaded MP4 video with German captions, stored under MEDIA_ROOT."""

    class Meta:
        model = NewsVideo

    news = factory.SubFactory(NewsItemFactory)
    title = factory.Sequence(lambda n: f"Video {n}")
    file = factory.LazyFunction(lambda: ContentFile(mp4_bytes(), name="video.mp4"))
    content_type = "video/mp4"
    size = factory.LazyAttribute(lambda o: o.file.size)
    captions = VTT
    captions_language = "de"
