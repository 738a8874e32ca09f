import factory

from voneinander.pages.models import BarrierReport, Page, PageKind


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    network = None
    kind = PageKind.FREE
    slug = factory.Sequence(lambda n: f"seite-{n}")
    title = factory.Sequence(lambda n: f"Seite {n}")
    body = "Ein **Text** mit [Link](https://example.org)."


class BarrierReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierReport

    page_url = "/veranstaltungen/"
    description = factory.Sequence(
        lambda n: f"Der Filter ist mit der Tastatur nicht bedienbar ({n})."
    )
    name = "Erika Mustermann"
    email = factory.Sequence(lambda n: f"melderin{n}@example.org")
