"""Factories for news: items (published yesterday unless told), pictures, attachments."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.admissions.pdfs import letter_pdf
from tests.events.followup_factories import image_bytes
from voneinander.news.models import NewsAttachment, NewsImage, NewsItem


def yesterday() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=1)


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Meldung {n}")
    slug = factory.Sequence(lambda n: f"meldung-{n}")
    teaser = "Ein kurzer Anreißer für die Liste."
    text = "Der **Text** der Meldung."
    published_at = factory.LazyFunction(yesterday)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


def news_in(world, *, network="alpha", **fields):
    """An item of network alpha, beta, or (network=None) of the whole platform."""
    chosen = {"alpha": world.network, "beta": world.other_network, None: None}[network]
    return NewsItemFactory(network=chosen, **fields)


class NewsImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsImage

    news = factory.SubFactory(NewsItemFactory)
    file = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="bild.png"))
    content_type = "image/png"
    size = factory.LazyAttribute(lambda image: image.file.size)
    width = 4
    height = 3
    alt_text = factory.Sequence(lambda n: f"Bild {n}")
    position = factory.Sequence(lambda n: n)


class NewsAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsAttachment

    news = factory.SubFactory(NewsItemFactory)
    file = factory.LazyFunction(lambda: ContentFile(letter_pdf(), name="datei.pdf"))
    original_name = "Pressemitteilung.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda attachment: attachment.file.size)
    title = "Pressemitteilung"
