"""German demo data for news (idempotent).

A handful of items for the demo networks and one platform-wide item: an
admission announced by the ministry, a meeting report, the congress recap, one
item scheduled for next week and one draft. An item is created only if its
address is free; nothing already there is changed. Published items count as
announced (no notifications for the demo); the scheduled one is announced by
`manage.py notify_published_news` once its time has come. Pictures are drawn
with Pillow.
"""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from voneinander.accounts.models import User
from voneinander.knowledge.models import Topic
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Network
from voneinander.news.models import NewsImage, NewsItem

KELLER = "koordination@mdi-rlp.example.org"
DD, IKONE = "digitale-doerfer-rlp", "ikone-ds"

ITEMS = [
    {
        "slug": "innenminister-nimmt-woerrstadt-in-das-netzwerk-auf",
        "network": DD,
        "title": "Innenminister nimmt die Verbandsgemeinde Wörrstadt in das Netzwerk auf",
        "teaser": (
            "Mit der Übergabe der Aufnahmeurkunde ist die Verbandsgemeinde Wörrstadt nun "
            "Mitglied im Netzwerk Digitale Dörfer RLP."
        ),
        "text": (
            "In einer kleinen Feierstunde hat der Minister des Innern und für Sport die "
            "Aufnahmeurkunde an den Bürgermeister der Verbandsgemeinde Wörrstadt übergeben.\n\n"
            "## Was Wörrstadt einbringt\n\n"
            "Die Verbandsgemeinde möchte vor allem beim **Bürgerservice** und bei der "
            "**Kommunikation mit dem Ehrenamt** von den Erfahrungen der anderen Mitglieder "
            "lernen und eigene Projekte teilen.\n\n"
            "Wir heißen unser neues Mitglied herzlich willkommen!"
        ),
        "days": -20,
        "topics": ["buergerservice", "ehrenamt"],
        "municipalities": ["Wörrstadt"],
        "image": ("Der Minister überreicht dem Bürgermeister die Aufnahmeurkunde.", (0, 84, 147)),
    },
    {
        "slug": "bericht-vom-netzwerktreffen-in-eisenberg",
        "network": DD,
        "title": "Bericht vom Netzwerktreffen in Eisenberg (Pfalz)",
        "teaser": (
            "Rund 40 Teilnehmende aus 18 Kommunen tauschten sich über Dorf-Apps, digitale "
            "Mängelmelder und die Arbeit der Transferstelle aus."
        ),
        "text": (
            "Die Verbandsgemeinde Eisenberg (Pfalz) war Gastgeberin des diesjährigen "
            "Netzwerktreffens.\n\n"
            "- Vorstellung der DorfFunk-App und ihres Mängelmelders\n"
            "- Erfahrungsberichte aus drei Ortsgemeinden\n"
            "- Ausblick auf die Arbeitsgruppen im kommenden Halbjahr\n\n"
            "Die Folien der Vorträge finden Sie auf der Seite der Veranstaltung."
        ),
        "days": -9,
        "topics": ["kommunikation", "buergerservice"],
        "municipalities": ["Eisenberg (Pfalz)"],
        "image": ("Teilnehmende sitzen im Ratssaal und hören einem Vortrag zu.", (0, 122, 94)),
    },
    {
        "slug": "rueckblick-kommunalkongress",
        "network": None,
        "title": "Rückblick auf den Kommunalkongress",
        "teaser": (
            "Workshops, ein Marktplatz der Praxisbeispiele und viele Gespräche: der "
            "Kommunalkongress brachte beide Netzwerke zusammen."
        ),
        "text": (
            "Beim Kommunalkongress trafen sich Verwaltungen aus Städten, Verbands- und "
            "Ortsgemeinden. In drei Workshop-Runden ging es um Open Data, digitale "
            "Beteiligung und den Bürgerservice.\n\n"
            "Besonders gefragt war der *Marktplatz der Praxisbeispiele*: Kommunen stellten "
            "Lösungen vor, die andere übernehmen können."
        ),
        "days": -4,
        "topics": ["open-data", "beteiligung"],
        "municipalities": [],
        "image": ("Blick in den vollen Saal des Kommunalkongresses.", (140, 40, 60)),
    },
    {
        "slug": "ikone-ds-staedte-teilen-erfahrungen-mit-open-data",
        "network": IKONE,
        "title": "IKONE-DS: Städte teilen Erfahrungen mit Open Data",
        "teaser": (
            "In der Videokonferenz des Netzwerks stellten Kaiserslautern und Mainz ihre "
            "Open-Data-Portale vor."
        ),
        "text": (
            "Welche Daten werden am häufigsten abgerufen, und wie bleibt ein Portal aktuell? "
            "Die Städte berichteten offen über Erfolge und Stolpersteine."
        ),
        "days": -2,
        "topics": ["open-data", "smart-city"],
        "municipalities": ["Kaiserslautern", "Mainz"],
        "image": None,
    },
    {
        "slug": "arbeitsgruppe-smart-city-startet",
        "network": IKONE,
        "title": "Arbeitsgruppe Smart City startet im nächsten Monat",
        "teaser": "Die neue Arbeitsgruppe lädt alle Mitgliedsstädte zur Auftaktsitzung ein.",
        "text": "Anmeldungen sind ab sofort über die Seite der Arbeitsgruppe möglich.",
        "days": 7,  # scheduled
        "topics": ["smart-city"],
        "municipalities": [],
        "image": None,
    },
    {
        "slug": "neue-praxisbeispiele-im-katalog",
        "network": DD,
        "title": "Neue Praxisbeispiele im Katalog",
        "teaser": "Fünf Ortsgemeinden haben ihre Lösungen für den Katalog beschrieben.",
        "text": "Entwurf – wird nach Rücksprache mit den Gemeinden ergänzt.",
        "days": None,  # a draft
        "topics": ["verwaltung-intern"],
        "municipalities": [],
        "image": None,
    },
]


def _picture(color: tuple[int, int, int]) -> bytes:
    """A simple 800×450 picture: a coloured band with light shapes."""
    image = Image.new("RGB", (800, 450), (240, 242, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 800, 450), fill=color)
    for index in range(5):
        left = 60 + index * 145
        draw.ellipse((left, 140, left + 90, 230), fill=tuple(min(255, c + 90) for c in color))
        draw.rectangle((left + 10, 230, left + 80, 300), fill=color)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _create(spec: dict, networks: dict, author, now) -> None:
    published_at = None if spec["days"] is None else now + datetime.timedelta(days=spec["days"])
    item = NewsItem.objects.create(
        network=networks.get(spec["network"]) if spec["network"] else None,
        slug=spec["slug"],
        title=spec["title"],
        teaser=spec["teaser"],
        text=spec["text"],
        author=author,
        published_at=published_at,
        notified_at=published_at if published_at and published_at <= now else None,
    )
    item.topics.set(Topic.objects.filter(slug__in=spec["topics"]))
    if spec["municipalities"]:
        item.municipalities.set(Municipality.objects.filter(name__in=spec["municipalities"]))
    if spec["image"]:
        alt_text, color = spec["image"]
        content = _picture(color)
        image = NewsImage(
            news=item,
            content_type="image/png",
            size=len(content),
            width=800,
            height=450,
            alt_text=alt_text,
            caption=alt_text,
            credit="Voneinander (Demo)",
        )
        image.file.save("image.png", ContentFile(content), save=False)
        image.save()


def load(report) -> None:
    networks = {network.slug: network for network in Network.objects.filter(slug__in=[DD, IKONE])}
    author = User.objects.filter(email=KELLER).first()
    existing = set(NewsItem.objects.values_list("slug", flat=True))
    now = timezone.now()
    for spec in ITEMS:
        if spec["slug"] in existing:
            continue
        if spec["network"] and spec["network"] not in networks:
            continue
        _create(spec, networks, author, now)
