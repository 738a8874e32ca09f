"""German demo data for pages: a "Mitglied werden" page for each demo network.

Idempotent: a network that has the page already keeps it as it is.
"""

from django.urls import reverse

from voneinander.networks.models import Network
from voneinander.pages import services
from voneinander.pages.models import Page

DEMO_NETWORKS = ["digitale-doerfer-rlp", "ikone-ds"]
SLUG = "mitglied-werden"


def membership_text(network: Network) -> str:
    apply_url = reverse("admissions:apply", kwargs={"slug": network.slug})
    return f"""Das {network.name} steht allen Kommunen offen, die zur Zielgruppe des \
Netzwerks gehören. Die Mitgliedschaft ist kostenfrei. Sie verpflichtet Ihre Kommune vor allem \
dazu, Erfahrungen zu teilen: Lösungen, die bei Ihnen funktionieren, sollen andere nicht noch \
einmal erfinden müssen.

## So werden Sie Mitglied

1. **Schreiben Ihrer Bürgermeisterin oder Ihres Bürgermeisters:** Die Kommune erklärt in einem \
unterschriebenen Schreiben, dass sie dem Netzwerk beitreten möchte, und benennt eine \
Ansprechperson für das Netzwerk (Name, Funktion, E-Mail-Adresse).
2. **Antrag auf der Plattform:** Die Ansprechperson registriert sich auf der Plattform und \
stellt den [Antrag auf Mitgliedschaft]({apply_url}). Dabei lädt sie das Schreiben als PDF hoch.
3. **Prüfung durch die Koordination:** Die Koordinationsstelle des Netzwerks prüft den Antrag \
und meldet sich bei Rückfragen.
4. **Aufnahme durch das Ministerium:** Das Ministerium des Innern und für Sport nimmt die \
Kommune auf. Sie erhalten einen Aufnahmebescheid, und Ihre Kommune erscheint im \
Mitgliederverzeichnis.

## Was Sie als Mitglied erwartet

- Austausch mit anderen Kommunen in Arbeitsgruppen, Fragen und Antworten und bei \
Netzwerktreffen;
- der Lösungskatalog mit Erfahrungen anderer Kommunen und Ansprechpersonen, die weiterhelfen;
- Veranstaltungen und Kongresse des Netzwerks.

## Fragen?

Die Koordinationsstelle des Netzwerks hilft Ihnen gern weiter – auch schon, bevor Sie den \
Antrag stellen.
"""


def load(report) -> None:
    for network in Network.objects.filter(slug__in=DEMO_NETWORKS).order_by("slug"):
        if Page.objects.filter(network=network, slug=SLUG).exists():
            continue
        services.create_page(
            network=network,
            slug=SLUG,
            title="Mitglied werden",
            body=membership_text(network),
            by=None,
        )
