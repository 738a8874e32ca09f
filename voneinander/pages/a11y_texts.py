"""The pages in Leichte Sprache and in Deutsche Gebärdensprache (BITV 2.0 § 4).

Both are free platform pages seeded once by a data migration; admins edit them
on the site afterwards. The start page and the footer link them. The page in
Gebärdensprache shows the signed video when an admin has uploaded one (see
`selectors.sign_language_video`); its text is the transcript of that video.
"""

from django.conf import settings

EASY_LANGUAGE_SLUG = "leichte-sprache"
SIGN_LANGUAGE_SLUG = "gebaerdensprache"
# Admins upload the signed video to the platform news item with this address.
SIGN_LANGUAGE_NEWS_SLUG = "gebaerdensprache-video"


def easy_language() -> str:
    site = settings.SITE_NAME
    operator = settings.OPERATOR_NAME
    email = settings.OPERATOR_EMAIL
    return f"""Hier erklären wir {site} in Leichter Sprache.

## Was ist {site}?

{site} ist eine Internet-Seite.

Die Seite ist für Menschen, die in einer Gemeinde arbeiten.\\
Oder in einer Stadt.\\
Oder in einem Kreis.

Wir sagen dazu: **Kommune**.

Viele Kommunen haben die gleichen Aufgaben.\\
Zum Beispiel: Anträge im Internet anbieten.

Auf {site} helfen sich die Kommunen gegenseitig.\\
Sie erzählen, was gut geklappt hat.\\
Dann muss nicht jede Kommune alles neu erfinden.

## Was ist ein Netzwerk?

Mehrere Kommunen arbeiten zusammen.\\
Diese Gruppe heißt **Netzwerk**.

Jedes Netzwerk hat eine Koordinierungs-Stelle.\\
Die Koordinierungs-Stelle kümmert sich um das Netzwerk.

## Was finden Sie auf {site}?

- **Netzwerke**: Welche Kommunen arbeiten zusammen?
- **Praxis-Beispiele**: Was hat eine Kommune schon gemacht?
- **Veranstaltungen**: Wann gibt es ein Treffen?\\
  Sie können sich für Treffen anmelden.
- **Fragen**: Sie können eine Frage stellen.\\
  Andere Kommunen antworten.
- **Aktuelles**: Neuigkeiten aus den Netzwerken.

## Wie finden Sie etwas?

Oben auf jeder Seite ist ein Menü.\\
Dort finden Sie alle Bereiche.

Es gibt auch eine **Suche**.\\
Schreiben Sie ein Wort in das Such-Feld.\\
Zum Beispiel: Bauantrag.\\
Dann zeigt {site} passende Seiten.

## Brauchen Sie ein Konto?

Viele Seiten können alle Menschen lesen.\\
Dafür brauchen Sie kein Konto.

Manche Seiten sind nur für Mitglieder von einem Netzwerk.\\
Dann brauchen Sie ein Konto.

So bekommen Sie ein Konto:

1. Klicken Sie auf **Registrieren**.
2. Schreiben Sie Ihre E-Mail-Adresse auf.
3. Denken Sie sich ein Passwort aus.
4. Sie bekommen eine E-Mail.\\
   Klicken Sie auf den Link in der E-Mail.
5. Die Koordinierungs-Stelle prüft:\\
   Arbeiten Sie wirklich für eine Kommune im Netzwerk?
6. Dann können Sie alle Seiten von Ihrem Netzwerk sehen.

## Ihre Daten

{site} speichert nur wenige Daten.\\
Nur die Daten, die für die Seite nötig sind.

{site} gibt Ihre Daten nicht an andere Firmen.

Mehr dazu steht in der Datenschutz-Erklärung.\\
Den Link finden Sie unten auf jeder Seite.

## Brauchen Sie Hilfe?

Etwas funktioniert nicht?\\
Sie verstehen etwas nicht?

Dann schreiben Sie uns.\\
Unten auf jeder Seite steht **Barriere melden**.\\
Dort können Sie uns eine Nachricht schicken.

Sie können uns auch eine E-Mail schreiben:\\
<{email}>

Die Internet-Seite gehört:\\
{operator}
"""


def sign_language() -> str:
    site = settings.SITE_NAME
    return f"""Hier erklären wir {site} in Deutscher Gebärdensprache.

Unter dem Video steht, was im Video gesagt wird.

## Was im Video gesagt wird

Willkommen bei {site}.

{site} ist eine Plattform für Kommunen: für Gemeinden, Städte und Kreise. Kommunen arbeiten \
in Netzwerken zusammen. Sie erzählen sich gegenseitig, welche digitalen Lösungen gut \
funktioniert haben. So muss nicht jede Kommune alles neu erfinden.

Auf {site} finden Sie die Netzwerke, Praxisbeispiele von Kommunen, Veranstaltungen, Fragen \
und Antworten und Neuigkeiten. Oben auf jeder Seite ist das Menü. Mit der Suche finden Sie \
Seiten zu einem Stichwort.

Viele Seiten können alle lesen. Für die Seiten eines Netzwerks brauchen Sie ein Konto. Die \
Koordinierungsstelle des Netzwerks bestätigt, dass Sie für eine Mitgliedskommune arbeiten.

Wenn Sie eine Barriere finden oder Hilfe brauchen: Unten auf jeder Seite steht \
„Barriere melden“. Dort können Sie uns schreiben.
"""


def a11y_pages() -> list[dict]:
    return [
        {"slug": EASY_LANGUAGE_SLUG, "title": "Leichte Sprache", "body": easy_language()},
        {"slug": SIGN_LANGUAGE_SLUG, "title": "Gebärdensprache", "body": sign_language()},
    ]


def seed(page_model) -> int:
    """Create the missing pages (kept when they exist: admins may have edited them)."""
    created = 0
    for values in a11y_pages():
        _page, was_created = page_model.objects.get_or_create(
            network=None,
            slug=values["slug"],
            defaults={
                "kind": "free",
                "title": values["title"],
                "body": values["body"],
                "show_in_footer": True,
            },
        )
        created += was_created
    return created
