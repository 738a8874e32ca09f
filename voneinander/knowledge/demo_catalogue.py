"""The German demo catalogue: solutions of the two demo networks, their reuse and alliances.

Plain data, loaded by `demo.load`. Owners, partners and adopters are named as in
voneinander/networks/demo.py (a member's name is unique across both networks);
a partner that is not a member is given as (name, kind, parent). Contact persons
are the demo accounts of the owning municipality, by e-mail.

The evaluation set for matching (bench/data/matching_evaluation.json) refers to
these slugs: rename a slug there too.
"""

DD, IKONE = "digitale-doerfer-rlp", "ikone-ds"

# Demo people (voneinander/networks/demo.py).
BECKER = "digital@vg-eisenberg.example.org"
HOFFMANN = "buergerservice@vg-eisenberg.example.org"
SCHNEIDER = "digitales@vg-goellheim.example.org"
WEBER = "digitalisierung@vg-betzdorf-gebhardshain.example.org"
DEMIR = "smartcity@kaiserslautern.example.org"
WAGNER = "digitalisierung@speyer.example.org"
FISCHER = "smartcity@mainz.example.org"
SCHMITT = "team@andernach.example.org"

# Funding sources, spelled the same everywhere so that the catalogue can be filtered.
DIGITALE_DOERFER = "Förderprogramm Digitale Dörfer (Land Rheinland-Pfalz)"
LANDESMITTEL = "Landesmittel"
EIGENMITTEL = "Eigenmittel"
LEADER = "LEADER (EU-Förderung für den ländlichen Raum)"


def _oss(name: str, licence: str, repository_url: str, website: str = "") -> dict:
    return {
        "name": name,
        "licence": licence,
        "is_open_source": True,
        "repository_url": repository_url,
        "website": website,
    }


def _product(name: str, vendor: str = "", website: str = "") -> dict:
    return {"name": name, "vendor": vendor, "website": website, "is_open_source": False}


CHIRPSTACK = _oss(
    "ChirpStack (LoRaWAN-Netzwerkserver)",
    "MIT",
    "https://github.com/chirpstack/chirpstack",
    "https://www.chirpstack.io",
)
THINGS_STACK = _oss(
    "The Things Stack (LoRaWAN-Netzwerkserver)",
    "Apache-2.0",
    "https://github.com/TheThingsNetwork/lorawan-stack",
)
NODE_RED = _oss(
    "Node-RED", "Apache-2.0", "https://github.com/node-red/node-red", "https://nodered.org"
)
GRAFANA = _oss("Grafana", "AGPL-3.0-only", "https://github.com/grafana/grafana")
FROST = _oss("FROST-Server", "LGPL-3.0-or-later", "https://github.com/FraunhoferIOSB/FROST-Server")
DECIDIM = _oss(
    "Decidim", "AGPL-3.0-only", "https://github.com/decidim/decidim", "https://decidim.org"
)
CONSUL = _oss(
    "CONSUL Democracy", "AGPL-3.0-only", "https://github.com/consuldemocracy/consuldemocracy"
)
CKAN = _oss("CKAN", "AGPL-3.0-only", "https://github.com/ckan/ckan", "https://ckan.org")
NEXTCLOUD = _oss("Nextcloud", "AGPL-3.0-or-later", "https://github.com/nextcloud/server")
DORFFUNK = _product(
    "DorfFunk und DorfNews (Plattform Digitale Dörfer)",
    "Fraunhofer IESE im Auftrag des Landes Rheinland-Pfalz",
    "https://www.digitale-doerfer.de",
)

SOLUTIONS = [
    # ------------------------------------------------------------------ Digitale Dörfer
    {
        "slug": "dorffunk-vg-eisenberg",
        "network": DD,
        "owner": "Eisenberg (Pfalz)",
        "title": "DorfFunk und DorfNews in allen Ortsgemeinden",
        "summary": (
            "Eine gemeinsame Nachbarschafts-App für die Verbandsgemeinde: Neuigkeiten aus "
            "Rathaus und Vereinen, Hilfe-Gesuche und Angebote, Plauschecke – kostenlos für "
            "die Gemeinden, betrieben über die Plattform Digitale Dörfer des Landes."
        ),
        "problem": (
            "Das Amtsblatt erscheint einmal pro Woche und erreicht jüngere Menschen kaum. "
            "Vereine, Kirchengemeinden und Ortsbürgermeister informieren über Aushänge, "
            "Facebook-Gruppen und WhatsApp – jede Gruppe für sich."
        ),
        "what_it_is": (
            "DorfFunk ist eine Smartphone-App, in der Einwohnerinnen und Einwohner einer "
            "Gemeinde sich austauschen, Hilfe anbieten und suchen. DorfNews ist die "
            "dazugehörige Nachrichtenseite, die Verwaltung und Vereine befüllen."
        ),
        "benefits": (
            "Ein Kanal für Neuigkeiten, Termine und kurzfristige Hinweise (Straßensperrung, "
            "Wasserrohrbruch). Nachbarschaftshilfe wird sichtbar. Die Gemeinden zahlen "
            "nichts für die Plattform."
        ),
        "how_it_works": (
            "Die Verbandsgemeinde beantragt den Zugang beim Land, richtet für jede "
            "Ortsgemeinde einen Bereich ein und schult Redakteurinnen in Vereinen und "
            "Ortsgemeinden. Einwohner laden die App herunter und wählen ihren Ort."
        ),
        "suits": (
            "Verbands- und Ortsgemeinden in Rheinland-Pfalz jeder Größe; besonders dort, wo "
            "schon engagierte Vereine oder eine Dorfmoderation aktiv sind."
        ),
        "description": """\
Seit 2019 nutzen alle Ortsgemeinden der VG Eisenberg (Pfalz) die Plattform *Digitale Dörfer*.
Die Verwaltung veröffentlicht Bekanntmachungen und Baustellen in **DorfNews**, die Menschen im
Ort tauschen sich im **DorfFunk** aus.

## So haben wir angefangen

1. Auftaktabend in jeder Ortsgemeinde mit Vorführung am Beamer
2. Zwei „Kümmerer“ pro Ort, die Fragen beantworten und Beiträge anstoßen
3. Plakate und Flyer mit QR-Code in Bäckerei, Arztpraxis und Feuerwehrhaus

## Was gut läuft

- Hilfe-Gesuche („Wer kann mich am Donnerstag zum Arzt fahren?“) finden meist binnen
  eines Tages jemanden
- Vereine kündigen Feste und Arbeitseinsätze an, statt Zettel zu verteilen
- Kurzfristige Meldungen der Verwaltung (Wasserrohrbruch, Sperrung) erreichen die Leute
  noch am selben Tag
""",
        "topics": ["kommunikation", "ehrenamt", "senioren"],
        "status": "operation",
        "documented_on": "2019-06-12",
        "costs_one_off": (500, 2000),
        "costs_yearly": (0, 500),
        "funding_source": DIGITALE_DOERFER,
        "duration": "3 Monate bis zum Start in allen Ortsgemeinden",
        "staff_effort": "Anfangs 2 Tage pro Woche, heute etwa 4 Stunden pro Woche Redaktion",
        "lessons_learned": (
            "Ohne Menschen vor Ort, die die App vorleben, bleibt sie leer. Die ersten Wochen "
            "entscheiden: Die Verwaltung sollte täglich etwas posten. Regeln für den Umgang "
            "miteinander vorab veröffentlichen, dann muss man selten moderieren."
        ),
        "software": [DORFFUNK],
        "partners": [("Ramsen", "ortsgemeinde", "Eisenberg (Pfalz)"), "Göllheim"],
        "contact": BECKER,
        "website": "https://www.digitale-doerfer.de",
    },
    {
        "slug": "gemeinde-app-betzdorf-gebhardshain",
        "network": DD,
        "owner": "Betzdorf-Gebhardshain",
        "title": "Gemeinde-App mit Abfallkalender, Terminen und Push-Meldungen",
        "summary": (
            "Eine eigene App der Verbandsgemeinde bündelt Abfuhrtermine, Veranstaltungen, "
            "Öffnungszeiten und Eilmeldungen und schickt Erinnerungen aufs Handy."
        ),
        "problem": (
            "Die Website der Verbandsgemeinde wurde auf dem Handy kaum genutzt. Viele "
            "Einwohner verpassten Abfuhrtermine und kurzfristige Hinweise."
        ),
        "what_it_is": (
            "Eine App aus dem Baukasten eines Anbieters, gestaltet im Erscheinungsbild der "
            "Verbandsgemeinde, mit Modulen für Abfallkalender, Veranstaltungen, Rathaus-"
            "Informationen und Push-Nachrichten."
        ),
        "benefits": (
            "Termine und Meldungen erreichen die Menschen dort, wo sie ohnehin schauen. "
            "Weniger Anrufe zu Abfuhrterminen; Vereine pflegen ihre Veranstaltungen selbst."
        ),
        "how_it_works": (
            "Die Öffentlichkeitsarbeit pflegt Nachrichten im Redaktionssystem, der "
            "Abfallkalender wird einmal im Jahr vom Abfallwirtschaftsbetrieb eingespielt. "
            "Vereine erhalten einen eigenen Zugang für ihre Termine."
        ),
        "suits": "Verbandsgemeinden und Städte, die ein eigenes Budget für eine App haben.",
        "description": """\
Die App ging im Frühjahr 2020 an den Start und hat heute rund 6.500 aktive Installationen.

**Module:**

- Abfallkalender mit Erinnerung am Vorabend
- Veranstaltungskalender, gepflegt von über 80 Vereinen
- Eilmeldungen per Push, z. B. bei Trinkwasserstörungen
- Rathaus von A bis Z mit Ansprechpersonen

Wichtig war uns, dass die App ohne Anmeldung funktioniert und keine Werbung enthält.
""",
        "topics": ["kommunikation"],
        "status": "operation",
        "documented_on": "2020-07-01",
        "costs_one_off": (8000, 12000),
        "costs_yearly": (3000, 5000),
        "funding_source": f"{DIGITALE_DOERFER} und {EIGENMITTEL}",
        "duration": "5 Monate von der Ausschreibung bis zum Start",
        "staff_effort": "Etwa 3 Stunden pro Woche in der Öffentlichkeitsarbeit",
        "lessons_learned": (
            "Der Abfallkalender ist der Türöffner: Deshalb laden die Leute die App. Push-"
            "Meldungen sparsam einsetzen, sonst schalten sie sie ab."
        ),
        "software": [_product("Gemeinde-App (Baukastensystem)", "Anbieter aus Rheinland-Pfalz")],
        "partners": [],
        "contact": WEBER,
    },
    {
        "slug": "mitfahrbaenke-vg-goellheim",
        "network": DD,
        "owner": "Göllheim",
        "title": "Mitfahrbänke zwischen den Ortsgemeinden",
        "summary": (
            "Gut sichtbare Bänke mit Richtungsschildern an den Ortsausgängen: Wer sich "
            "setzt und das Ziel anzeigt, wird von Autofahrern aus dem Ort mitgenommen."
        ),
        "problem": (
            "Zwischen den dreizehn Ortsgemeinden fahren außerhalb der Schulzeiten kaum "
            "Busse. Ältere Menschen ohne Auto und Jugendliche kommen schlecht zum "
            "Einkaufen, zum Arzt oder zum Bahnhof in Göllheim."
        ),
        "what_it_is": (
            "Eine organisierte Form des Trampens unter Nachbarn: Bänke an festen Stellen "
            "mit Klappschildern für die Ziele, ergänzt durch Regeln und Öffentlichkeitsarbeit."
        ),
        "benefits": (
            "Günstig, sofort wirksam, stärkt die Nachbarschaft. Die Bänke sind auch ein "
            "sichtbares Zeichen, dass die Gemeinde sich um Mobilität kümmert."
        ),
        "how_it_works": (
            "Die Ortsgemeinden wählen die Standorte mit der Polizei aus (Haltemöglichkeit, "
            "Sichtbarkeit). Der Bauhof stellt die Bänke auf, die VG gestaltet Schilder und "
            "wirbt im Amtsblatt und im DorfFunk für das Mitnehmen."
        ),
        "suits": (
            "Ortsgemeinden mit kurzen Wegen zu einem zentralen Ort (bis etwa 15 km) und "
            "Durchgangsverkehr; besonders als Ergänzung zu einem dünnen Busangebot."
        ),
        "description": """\
Seit 2021 stehen in allen Ortsgemeinden der VG Göllheim insgesamt 24 Mitfahrbänke.

## Ablauf

1. Standortbegehung mit Ortsbürgermeister und Polizei
2. Bank aufstellen, Schild mit drei bis vier Zielen anbringen
3. Startaktion mit Presse, Plakaten und einem Aufruf im DorfFunk

## Tipps

- Ziele auf dem Schild wenige und eindeutig halten („Göllheim Bahnhof“, „Eisenberg Ärztehaus“)
- Bänke am Ortsausgang in Fahrtrichtung aufstellen, mit Haltebucht
- Eine Versicherungsfrage kommt immer: Es gilt die normale Haftpflicht des Fahrers
""",
        "topics": ["mobilitaet", "senioren"],
        "status": "operation",
        "documented_on": "2021-08-20",
        "costs_one_off": (400, 900),
        "costs_yearly": (0, 200),
        "funding_source": LEADER,
        "duration": "4 Monate von der Idee bis zur ersten Bank",
        "staff_effort": "Einmalig etwa 10 Tage für Planung und Öffentlichkeitsarbeit",
        "lessons_learned": (
            "Die Bänke allein reichen nicht: Ohne regelmäßige Werbung fürs Mitnehmen fahren "
            "die Autos vorbei. Gut funktioniert es dort, wo ein fester Kreis von "
            "Pendlern die Bänke kennt."
        ),
        "software": [],
        "partners": [
            ("Dreisen", "ortsgemeinde", "Göllheim"),
            ("Albisheim (Pfrimm)", "ortsgemeinde", "Göllheim"),
            ("Zellertal", "ortsgemeinde", "Göllheim"),
        ],
        "contact": SCHNEIDER,
        "featured": True,
    },
    {
        "slug": "mitfahr-app-kusel-altenglan",
        "network": DD,
        "owner": "Kusel-Altenglan",
        "title": "Digitale Mitfahrbank: Fahrten per App und Telefon vermitteln",
        "summary": (
            "Wer eine Fahrt in die Kreisstadt braucht, meldet sie per App oder über eine "
            "Telefonnummer an; Fahrerinnen und Fahrer aus dem Ort sehen die Wünsche und "
            "sagen zu."
        ),
        "problem": (
            "Klassische Mitfahrbänke wurden in den kleinen Orten kaum genutzt: zu wenig "
            "Durchgangsverkehr, und niemand wollte bei Regen auf der Bank warten."
        ),
        "what_it_is": (
            "Eine Vermittlungsplattform für private Mitfahrgelegenheiten innerhalb der "
            "Verbandsgemeinde, mit Telefon-Hotline für Menschen ohne Smartphone."
        ),
        "benefits": (
            "Fahrten werden verabredet statt erhofft. Ältere Menschen können per Telefon "
            "teilnehmen. Die Gemeinde sieht, welche Fahrten gebraucht werden."
        ),
        "how_it_works": (
            "Mitfahrende tragen Ziel und Zeitfenster ein oder rufen die Hotline an, die das "
            "Bürgerbüro besetzt. Registrierte Fahrer erhalten eine Benachrichtigung und "
            "sagen zu; beide bekommen die Kontaktdaten des anderen."
        ),
        "suits": (
            "Flächige Verbandsgemeinden mit vielen kleinen Orten und wenig Durchgangsverkehr."
        ),
        "description": """\
Im Pilot seit Herbst 2025 in zwölf Ortsgemeinden der VG Kusel-Altenglan.

- Rund 60 registrierte Fahrerinnen und Fahrer
- Etwa 25 vermittelte Fahrten im Monat, meist zum Arzt und zum Einkaufen in Kusel
- Zwei Drittel der Anfragen kommen per Telefon

Wir werten den Pilot im Frühjahr 2027 aus und entscheiden dann über die Fortführung.
""",
        "topics": ["mobilitaet", "ehrenamt", "senioren"],
        "status": "pilot",
        "documented_on": "2025-11-10",
        "costs_one_off": (5000, 8000),
        "costs_yearly": (2000, 4000),
        "funding_source": LEADER,
        "duration": "Pilot über 18 Monate",
        "staff_effort": "Telefon-Hotline im Bürgerbüro, etwa 3 Stunden pro Woche",
        "lessons_learned": (
            "Die Telefonnummer war wichtiger als die App. Fahrer gewinnt man am besten über "
            "Vereine und Kirchengemeinden, nicht über Plakate."
        ),
        "software": [_product("Mitfahr-Plattform für den ländlichen Raum (SaaS)")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "rufbus-buchung-nordpfaelzer-land",
        "network": DD,
        "owner": "Nordpfälzer Land",
        "title": "Rufbus per App und Telefon buchen",
        "summary": (
            "Ein Bedarfsverkehr ergänzt den Linienbus: Kleinbusse fahren nur, wenn jemand "
            "bis eine Stunde vorher per App, Website oder Telefon eine Fahrt bestellt hat."
        ),
        "problem": (
            "In vielen Orten hielt der Linienbus nur morgens und mittags. Leere Busse am "
            "Nachmittag kosteten viel Geld, Fahrgäste ohne Auto hatten trotzdem keine "
            "Verbindung."
        ),
        "what_it_is": (
            "Ein Anrufsammeltaxi im Takt des Fahrplans, gebucht über eine Buchungsplattform "
            "mit App und Telefonzentrale, abgerechnet zum normalen Tarif."
        ),
        "benefits": (
            "Verbindungen im Stundentakt auch in kleine Orte, ohne leere Busfahrten. Die "
            "Buchungsdaten zeigen, wo der Bedarf tatsächlich liegt."
        ),
        "how_it_works": (
            "Der Landkreis bestellt den Verkehr, ein örtliches Taxiunternehmen fährt. "
            "Fahrgäste buchen bis 60 Minuten vor Abfahrt; die Plattform bündelt Fahrten "
            "und schickt der Fahrerin die Route."
        ),
        "suits": (
            "Verbandsgemeinden im ländlichen Raum, in Abstimmung mit Landkreis und "
            "Verkehrsverbund; auch für Stadtrandlagen."
        ),
        "description": """\
Der Rufbus fährt seit 2022 auf vier Linien im Nordpfälzer Land.

## Zahlen

| | 2023 | 2025 |
|---|---|---|
| Fahrgäste im Monat | 900 | 1.600 |
| Anteil Buchungen per App | 35 % | 55 % |

## Was wir anders machen würden

- Von Anfang an eine einfache Telefonnummer, die auch am Wochenende besetzt ist
- Haltepunkte mit Schild und Nummer, damit Fahrgäste sie am Telefon nennen können
""",
        "topics": ["mobilitaet", "senioren"],
        "status": "operation",
        "documented_on": "2022-10-05",
        "costs_one_off": (20000, 40000),
        "costs_yearly": (60000, 120000),
        "funding_source": f"{LANDESMITTEL} (ÖPNV) und Landkreis",
        "duration": "1 Jahr Planung mit Landkreis und Verkehrsverbund",
        "staff_effort": "Koordination in der Verwaltung etwa 1 Tag pro Monat",
        "lessons_learned": (
            "Der Verkehrsverbund muss früh mit am Tisch sitzen, sonst scheitert es am Tarif. "
            "Die ersten Monate braucht es intensive Werbung in den Orten."
        ),
        "software": [_product("Buchungsplattform für Bedarfsverkehre", "Mobilitätsdienstleister")],
        "partners": ["Winnweiler", "Kirchheimbolanden"],
        "contact": None,
    },
    {
        "slug": "dorfladen-rund-um-die-uhr-dreisen",
        "network": DD,
        "owner": "Dreisen",
        "title": "Dorfladen mit digitaler Selbstbedienung rund um die Uhr",
        "summary": (
            "Ein kleiner Laden im Gemeindehaus öffnet per Bankkarte an sieben Tagen rund um "
            "die Uhr; die Kundschaft scannt und zahlt selbst, tagsüber ist zeitweise "
            "jemand für Beratung da."
        ),
        "problem": (
            "Nach der Schließung der Bäckerfiliale gab es im Ort keine Einkaufsmöglichkeit "
            "mehr. Ein personalbesetzter Laden rechnete sich bei rund 1.400 Einwohnern nicht."
        ),
        "what_it_is": (
            "Ein hybrider Dorfladen: Zutritt mit Girocard, Selbstbedienungskasse, "
            "Videoüberwachung, regionale Produkte von Höfen der Umgebung, betrieben von "
            "einer Bürgergenossenschaft."
        ),
        "benefits": (
            "Lebensmittel des täglichen Bedarfs im Ort, auch abends und am Sonntag. Der "
            "Laden ist zugleich Treffpunkt; Erzeuger aus der Region gewinnen eine Verkaufsstelle."
        ),
        "how_it_works": (
            "Die Ortsgemeinde stellt den Raum, die Genossenschaft betreibt den Laden. Ein "
            "Großhändler beliefert zweimal pro Woche, Ehrenamtliche füllen Regale auf. "
            "Die Technik liefert ein Anbieter für Smart-Stores."
        ),
        "suits": (
            "Ortsgemeinden ab etwa 800 Einwohnern ohne Nahversorgung, mit einem leer "
            "stehenden Raum und einer engagierten Bürgerschaft."
        ),
        "description": """\
Der Laden hat 60 m² und rund 900 Artikel. Er öffnete im Mai 2022.

## Bausteine

- **Zutritt:** Kartenleser an der Tür, registriert wird nur die Kartennummer
- **Kasse:** Scannen an der Selbstbedienungskasse, Zahlung mit Karte
- **Sortiment:** Brot vom Bäcker aus Göllheim, Eier, Wurst, Wein aus der Region, Drogerieartikel
- **Begegnung:** Kaffeeautomat und Stehtisch; dienstags Klön-Vormittag mit Personal

Umsatz 2025: rund 190.000 Euro. Die Genossenschaft hat 210 Mitglieder.
""",
        "topics": ["nahversorgung", "senioren"],
        "status": "operation",
        "documented_on": "2022-06-14",
        "costs_one_off": (60000, 90000),
        "costs_yearly": (8000, 15000),
        "funding_source": f"{DIGITALE_DOERFER}, LEADER und Genossenschaftsanteile",
        "duration": "14 Monate von der Bürgerversammlung bis zur Eröffnung",
        "staff_effort": "Ehrenamtlich etwa 15 Stunden pro Woche, 1 Minijob für Warenpflege",
        "lessons_learned": (
            "Die Genossenschaft war der Schlüssel: Wer Anteile hat, kauft auch ein. "
            "Die Technik lief stabil, aber ohne zeitweise Präsenz fühlten sich ältere Kunden "
            "unsicher."
        ),
        "software": [_product("Smart-Store-System (Zutritt, Kasse, Warenwirtschaft)")],
        "partners": ["Göllheim"],
        "contact": None,
        "featured": True,
    },
    {
        "slug": "bestellplattform-lieferdienst-betzdorf-gebhardshain",
        "network": DD,
        "owner": "Betzdorf-Gebhardshain",
        "title": "BestellBar: Einkäufe online bestellen, Ehrenamtliche liefern",
        "summary": (
            "Lokale Geschäfte stellen ihr Angebot auf eine gemeinsame Bestellplattform; "
            "Nachbarinnen und Nachbarn nehmen Bestellungen auf ihrem Weg mit und liefern "
            "sie an Menschen, die nicht selbst einkaufen können."
        ),
        "problem": (
            "Ältere und kranke Menschen in den Dörfern konnten nicht mehr selbst einkaufen. "
            "Die Geschäfte in Betzdorf hatten keinen eigenen Lieferdienst."
        ),
        "what_it_is": (
            "Ein Online-Marktplatz der Plattform Digitale Dörfer (früher LieferBar) mit "
            "ehrenamtlicher Zustellung, ergänzt um eine Telefonbestellung über das "
            "Seniorenbüro."
        ),
        "benefits": (
            "Einkäufe aus dem örtlichen Handel kommen ins Haus; die Geschäfte erreichen neue "
            "Kundschaft; Hilfe unter Nachbarn wird organisiert statt zufällig."
        ),
        "how_it_works": (
            "Geschäfte pflegen eine Auswahl ihres Sortiments. Bestellungen gehen per App oder "
            "Telefon ein; Freiwillige sehen offene Lieferungen auf ihrer Strecke und nehmen "
            "sie mit. Bezahlt wird beim Abholen im Geschäft oder auf Rechnung."
        ),
        "suits": (
            "Verbandsgemeinden mit einem zentralen Ort mit Geschäften und umliegenden Dörfern; "
            "setzt aktive Ehrenamtliche voraus."
        ),
        "description": """\
Gestartet im ersten Lockdown 2020 mit elf Geschäften. Heute beteiligen sich sechs Geschäfte;
geliefert wird vor allem an Menschen über 75 Jahre.

- Etwa 40 Lieferungen im Monat
- 25 aktive Fahrerinnen und Fahrer
- Telefonbestellung dienstags und freitags beim Seniorenbüro
""",
        "topics": ["nahversorgung", "ehrenamt", "senioren"],
        "status": "operation",
        "documented_on": "2020-05-04",
        "costs_one_off": (1000, 3000),
        "costs_yearly": (500, 1500),
        "funding_source": DIGITALE_DOERFER,
        "duration": "6 Wochen bis zum Start (Pandemie)",
        "staff_effort": "Seniorenbüro etwa 4 Stunden pro Woche",
        "lessons_learned": (
            "Nach der Pandemie gingen die Bestellungen stark zurück. Der Dienst lebt heute "
            "von der Telefonbestellung für Ältere; die App nutzen vor allem die Fahrer."
        ),
        "software": [DORFFUNK],
        "partners": [],
        "contact": WEBER,
    },
    {
        "slug": "online-terminvergabe-vg-eisenberg",
        "network": DD,
        "owner": "Eisenberg (Pfalz)",
        "title": "Online-Terminvergabe im Bürgerbüro",
        "summary": (
            "Termine für Ausweis, Meldewesen und Führerschein werden online gebucht; das "
            "Bürgerbüro plant seine Besetzung nach den Buchungen und hält Zeiten für "
            "Spontanbesuche frei."
        ),
        "problem": (
            "Montags und nach Feiertagen bildeten sich lange Warteschlangen, an anderen Tagen "
            "war wenig los. Die Beschäftigten standen unter Druck, Kundinnen warteten bis zu "
            "zwei Stunden."
        ),
        "what_it_is": (
            "Ein webbasiertes Terminbuchungssystem mit Erinnerung per E-Mail und SMS, "
            "Aufrufanzeige im Wartebereich und Auswertungen für die Personalplanung."
        ),
        "benefits": (
            "Kaum noch Wartezeiten, gleichmäßigere Auslastung, vorbereitete Vorgänge (die "
            "Kundschaft weiß vorher, welche Unterlagen sie mitbringen muss)."
        ),
        "how_it_works": (
            "Für jede Leistung ist eine Dauer hinterlegt. Bürger buchen über die Website; "
            "wer ohne Termin kommt, erhält eine Wartenummer für freie Zeitfenster."
        ),
        "suits": "Jede Verwaltung mit Bürgerbüro; lohnt sich ab zwei Schaltern.",
        "description": """\
Seit März 2021 werden rund 80 % der Besuche im Bürgerbüro online gebucht.

## Einführung in fünf Schritten

1. Leistungen und Bearbeitungszeiten erfassen
2. Öffnungszeiten und Schalter im System abbilden
3. Testphase mit Beschäftigten als „Kunden“
4. Start mit Ankündigung im Amtsblatt und an der Tür
5. Nach drei Monaten Zeiten nachjustieren

Für Menschen ohne Internet vergibt das Bürgerbüro Termine auch am Telefon.
""",
        "topics": ["buergerservice"],
        "status": "operation",
        "documented_on": "2021-06-01",
        "costs_one_off": (3000, 6000),
        "costs_yearly": (1500, 3000),
        "funding_source": EIGENMITTEL,
        "duration": "3 Monate",
        "staff_effort": "Einführung etwa 10 Tage, Betrieb 1 Stunde pro Woche",
        "lessons_learned": (
            "Ein Teil der Zeiten muss für Spontanbesuche frei bleiben, sonst fühlen sich "
            "Ältere ausgeschlossen. Erinnerungs-SMS halbierten die nicht wahrgenommenen Termine."
        ),
        "software": [_product("Online-Terminvergabe (SaaS)", "Kommunaler IT-Dienstleister")],
        "partners": [],
        "contact": HOFFMANN,
    },
    {
        "slug": "e-akte-vg-goellheim",
        "network": DD,
        "owner": "Göllheim",
        "title": "Elektronische Akte in der Verbandsgemeindeverwaltung",
        "summary": (
            "Alle Fachbereiche der VG Göllheim führen ihre Akten elektronisch: Posteingang "
            "wird gescannt, Vorgänge laufen digital durch Mitzeichnung und Ablage."
        ),
        "problem": (
            "Papierakten lagen verteilt in Büros und Kellern, Vorgänge waren bei Urlaub oder "
            "Krankheit nicht auffindbar, mobiles Arbeiten war kaum möglich."
        ),
        "what_it_is": (
            "Ein Dokumentenmanagementsystem mit Aktenplan, digitalem Posteingang, "
            "Workflows für Mitzeichnung und revisionssicherer Ablage."
        ),
        "benefits": (
            "Vorgänge sind in Sekunden auffindbar, Vertretungen funktionieren, Archivräume "
            "werden frei, und Arbeiten von zu Hause ist möglich."
        ),
        "how_it_works": (
            "Die Einführung erfolgte Fachbereich für Fachbereich, beginnend mit dem "
            "Bauamt. Eine zentrale Scanstelle digitalisiert den Posteingang; Altakten "
            "werden nur bei Bedarf nachdigitalisiert."
        ),
        "suits": "Verbandsgemeinden und Städte jeder Größe; braucht eine stabile IT-Infrastruktur.",
        "description": """\
Die E-Akte wurde zwischen 2020 und 2023 schrittweise eingeführt.

## Reihenfolge

1. Aktenplan überarbeiten (der wichtigste und unterschätzte Schritt)
2. Pilot im Bauamt
3. Scanstelle im Posteingang
4. Ausrollen auf alle Fachbereiche, je 6–8 Wochen

## Zahlen

- 62 Beschäftigte arbeiten mit der E-Akte
- rund 180 laufende Regalmeter Papier weniger
""",
        "topics": ["verwaltung-intern"],
        "status": "operation",
        "documented_on": "2021-03-08",
        "costs_one_off": (60000, 90000),
        "costs_yearly": (12000, 18000),
        "funding_source": f"{LANDESMITTEL} und {EIGENMITTEL}",
        "duration": "3 Jahre für die ganze Verwaltung",
        "staff_effort": "Projektleitung mit halber Stelle, je Fachbereich 1 Key-User",
        "lessons_learned": (
            "Nicht die Technik, sondern der Aktenplan und die Gewohnheiten sind die Arbeit. "
            "Key-User in jedem Fachbereich sind unverzichtbar. Altakten nicht pauschal scannen."
        ),
        "software": [_product("Dokumentenmanagementsystem", "Kommunaler IT-Dienstleister")],
        "partners": [],
        "contact": SCHNEIDER,
    },
    {
        "slug": "ratsinformationssystem-vg-winnweiler",
        "network": DD,
        "owner": "Winnweiler",
        "title": "Ratsinformationssystem für VG- und Ortsgemeinderäte",
        "summary": (
            "Sitzungen, Tagesordnungen, Vorlagen und Beschlüsse aller Räte der "
            "Verbandsgemeinde stehen an einem Ort im Netz – öffentlich für Einwohner, "
            "geschützt für nichtöffentliche Teile."
        ),
        "problem": (
            "Vorlagen wurden als Papier verschickt und Beschlüsse in Ordnern gesammelt. "
            "Einwohner konnten kaum nachvollziehen, was im Rat entschieden wurde."
        ),
        "what_it_is": (
            "Ein Ratsinformationssystem mit Sitzungsdienst für die Verwaltung, Zugang für "
            "Ratsmitglieder und öffentlicher Recherche im Internet."
        ),
        "benefits": (
            "Transparenz für die Öffentlichkeit, weniger Aufwand im Sitzungsdienst, "
            "Beschlüsse sind nach Jahren noch auffindbar."
        ),
        "how_it_works": (
            "Der Sitzungsdienst erstellt Vorlagen im System, die Räte erhalten eine "
            "Benachrichtigung und lesen online. Nach der Sitzung werden Niederschrift und "
            "Beschlüsse veröffentlicht."
        ),
        "suits": "Verbandsgemeinden mit vielen Ortsgemeinderäten; Städte.",
        "description": """\
Seit 2021 arbeiten die VG-Gremien und 16 Ortsgemeinderäte mit dem Ratsinformationssystem.

- Öffentliche Recherche nach Sitzungen, Beschlüssen und Vorlagen
- Persönlicher Zugang für rund 250 Ratsmitglieder
- Schnittstelle nach dem Standard **OParl**, damit Dritte die Daten nutzen können
""",
        "topics": ["verwaltung-intern", "kommunikation", "open-data"],
        "status": "operation",
        "documented_on": "2021-11-15",
        "costs_one_off": (15000, 25000),
        "costs_yearly": (5000, 8000),
        "funding_source": EIGENMITTEL,
        "duration": "8 Monate",
        "staff_effort": "Sitzungsdienst wie bisher; Einführung etwa 20 Tage",
        "lessons_learned": (
            "Die Ortsbürgermeister früh einbinden und schulen. Nichtöffentliche Vorlagen "
            "brauchen klare Regeln für Schwärzungen."
        ),
        "software": [_product("Ratsinformationssystem mit OParl-Schnittstelle")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "papierlose-ratsarbeit-kirchheimbolanden",
        "network": DD,
        "owner": "Kirchheimbolanden",
        "title": "Papierlose Ratsarbeit mit Tablets",
        "summary": (
            "Die Mitglieder der Räte erhalten Tablets mit einer Sitzungs-App; Einladungen "
            "und Vorlagen kommen digital statt per Bote."
        ),
        "problem": (
            "Für jede Sitzung wurden Dutzende Umschläge mit Vorlagen gedruckt und per Bote "
            "verteilt. Kurzfristige Änderungen bedeuteten eine zweite Runde."
        ),
        "what_it_is": (
            "Dienstliche Tablets mit einer App, die Sitzungsunterlagen aus dem "
            "Sitzungsdienst synchronisiert und Notizen in den Dokumenten erlaubt."
        ),
        "benefits": (
            "Rund 120.000 Blatt Papier weniger im Jahr, keine Botengänge, Änderungen "
            "erreichen alle sofort; die Räte können offline in den Unterlagen arbeiten."
        ),
        "how_it_works": (
            "Die Verwaltung stellt die Tablets, verwaltet sie zentral und schult die "
            "Mitglieder zu Beginn der Wahlperiode. Eine Sprechstunde hilft bei Problemen."
        ),
        "suits": "Jede Gemeinde mit Ratsarbeit; besonders zum Beginn einer Wahlperiode.",
        "description": """\
Eingeführt zur Kommunalwahl 2024 für den VG-Rat und die Ortsgemeinderäte.

**Wichtig:** Wer kein Tablet möchte, erhält die Unterlagen per E-Mail; Papier gibt es nur
noch auf Antrag. Heute arbeiten 94 % der Ratsmitglieder digital.
""",
        "topics": ["verwaltung-intern"],
        "status": "operation",
        "documented_on": "2024-09-02",
        "costs_one_off": (25000, 40000),
        "costs_yearly": (4000, 7000),
        "funding_source": EIGENMITTEL,
        "duration": "4 Monate vor der Wahlperiode",
        "staff_effort": "Einführung 15 Tage, Sprechstunde 2 Stunden pro Monat",
        "lessons_learned": (
            "Schulung in kleinen Gruppen mit den eigenen Sitzungsunterlagen; eine "
            "Geräteversicherung lohnt sich."
        ),
        "software": [
            _product("Sitzungs-App für Mandatsträger"),
            _product("Mobile-Device-Management"),
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "online-beteiligung-dorfmoderation-ramsen",
        "network": DD,
        "owner": "Ramsen",
        "title": "Dorfmoderation mit Online-Beteiligung",
        "summary": (
            "Die Ortsgemeinde ergänzt die Dorfmoderation um eine Beteiligungsplattform: "
            "Vorschläge sammeln, kommentieren und priorisieren – auch abends vom Sofa aus."
        ),
        "problem": (
            "Zu den Dorfversammlungen kamen vor allem Ältere und immer dieselben Leute. "
            "Familien und Berufstätige fehlten bei den Entscheidungen über die Zukunft des Orts."
        ),
        "what_it_is": (
            "Eine Instanz der Open-Source-Plattform Decidim für die Dorferneuerung, "
            "gehostet beim Landesrechenzentrum, mit Vorschlägen, Umfragen und Terminen."
        ),
        "benefits": (
            "Mehr und andere Menschen beteiligen sich; Vorschläge und Entscheidungen sind "
            "nachvollziehbar dokumentiert."
        ),
        "how_it_works": (
            "Die Dorfmoderation strukturiert Themen (Dorfplatz, Spielplatz, Verkehr). "
            "Vorschläge können online und auf Papierkarten im Gemeindehaus eingereicht "
            "werden; am Ende priorisieren alle per Punktevergabe."
        ),
        "suits": (
            "Ortsgemeinden in der Dorferneuerung oder vor größeren Vorhaben; Decidim "
            "lässt sich mit Nachbarorten gemeinsam betreiben."
        ),
        "description": """\
Im Rahmen der Dorfmoderation 2024/2025 sammelte Ramsen online **143 Vorschläge** von
rund 300 Teilnehmenden – bei 1.900 Einwohnern.

## Ablauf

1. Auftaktveranstaltung mit Vorstellung der Plattform
2. Sechs Wochen Vorschläge sammeln, online und auf Karten
3. Werkstattabend zu den häufigsten Themen
4. Priorisierung online mit je fünf Punkten pro Person
5. Ergebnis im Ortsgemeinderat beschlossen
""",
        "topics": ["beteiligung"],
        "status": "pilot",
        "documented_on": "2024-10-21",
        "costs_one_off": (3000, 6000),
        "costs_yearly": (1000, 2000),
        "funding_source": "Dorferneuerung (Land Rheinland-Pfalz)",
        "duration": "6 Monate Beteiligungsphase",
        "staff_effort": "Ehrenamtliches Moderationsteam, Verwaltung 1 Tag pro Woche",
        "lessons_learned": (
            "Online und analog gehören zusammen. Rückmeldung an alle, was aus ihren "
            "Vorschlägen wird – sonst ist das nächste Mal niemand dabei."
        ),
        "software": [DECIDIM],
        "partners": ["Eisenberg (Pfalz)"],
        "contact": None,
    },
    {
        "slug": "maengelmelder-otterbach-otterberg",
        "network": DD,
        "owner": "Otterbach-Otterberg",
        "title": "Mängelmelder für Straßen, Wege und Spielplätze",
        "summary": (
            "Einwohner melden Schlaglöcher, defekte Laternen, wilden Müll oder beschädigte "
            "Spielgeräte mit Foto und Ort; die Meldung landet direkt beim zuständigen Bauhof."
        ),
        "problem": (
            "Hinweise kamen per Telefon, E-Mail und Zuruf an den Ortsbürgermeister und "
            "gingen unterwegs verloren. Niemand wusste, ob ein Schaden schon gemeldet war."
        ),
        "what_it_is": (
            "Eine Meldeplattform auf Basis der Open-Source-Software Mark-a-Spot, mit "
            "Karte, Kategorien und öffentlichem Bearbeitungsstand."
        ),
        "benefits": (
            "Meldungen kommen vollständig an (Foto, Standort), Doppelmeldungen sinken, "
            "Bürger sehen den Bearbeitungsstand; der Bauhof plant Touren besser."
        ),
        "how_it_works": (
            "Meldungen werden nach Kategorie an Bauhof, Ordnungsamt oder Ortsgemeinde "
            "geleitet. Die Bearbeiter setzen den Status; die Meldenden erhalten eine "
            "Nachricht, wenn die Sache erledigt ist."
        ),
        "suits": "Verbandsgemeinden und Städte mit eigenem Bauhof.",
        "description": """\
Seit 2023 im Betrieb, rund 1.100 Meldungen pro Jahr.

## Kategorien

- Straßen und Wege (Schlaglöcher, Gullys)
- Straßenbeleuchtung (weitergeleitet an den Netzbetreiber)
- Abfall und wilder Müll
- Spielplätze und Grünflächen

Die Hälfte der Meldungen ist binnen einer Woche erledigt.
""",
        "topics": ["buergerservice", "beteiligung"],
        "status": "operation",
        "documented_on": "2023-05-10",
        "costs_one_off": (5000, 12000),
        "costs_yearly": (1500, 3000),
        "funding_source": DIGITALE_DOERFER,
        "duration": "4 Monate",
        "staff_effort": "Etwa 5 Stunden pro Woche für Sichtung und Weiterleitung",
        "lessons_learned": (
            "Die Rückmeldung an die Meldenden ist das, was Vertrauen schafft. Kategorien "
            "knapp halten und klar zuordnen, wer zuständig ist."
        ),
        "software": [
            _oss(
                "Mark-a-Spot",
                "GPL-2.0-or-later",
                "https://github.com/markaspot/mark-a-spot",
                "https://www.markaspot.de",
            )
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "pegelsensoren-lorawan-weilerbach",
        "network": DD,
        "owner": "Weilerbach",
        "title": "Pegelsensoren an Bächen mit LoRaWAN",
        "summary": (
            "Funksensoren messen alle fünf Minuten den Wasserstand kleiner Bäche und "
            "schlagen Alarm, wenn er schnell steigt – für Feuerwehr und Verwaltung."
        ),
        "problem": (
            "An den kleinen Gewässern gibt es keine amtlichen Pegel. Bei Starkregen "
            "stiegen die Bäche innerhalb von Minuten, die Feuerwehr wurde erst gerufen, "
            "als Keller schon voll liefen."
        ),
        "what_it_is": (
            "Batteriebetriebene Ultraschall-Pegelsensoren, die über LoRaWAN funken, ein "
            "eigener Netzwerkserver, ein Dashboard und Alarmierung per SMS."
        ),
        "benefits": (
            "Frühere Warnung, Messreihen für die Planung von Rückhaltemaßnahmen, geringe "
            "Betriebskosten dank langer Batterielaufzeit."
        ),
        "how_it_works": (
            "Zwei Gateways auf dem Feuerwehrhaus und der Verbandsgemeindeverwaltung "
            "empfangen die Sensoren. Node-RED prüft Grenzwerte und Anstiegsgeschwindigkeit "
            "und alarmiert die Wehrführung."
        ),
        "suits": (
            "Gemeinden mit kleinen Gewässern und Hochwasser-Erfahrung; das LoRaWAN-Netz "
            "trägt später weitere Sensoren."
        ),
        "description": """\
Pilot seit 2025 mit acht Sensoren an drei Bächen.

## Technik

- Sensoren: Ultraschall-Abstandsmessung, Batterie hält etwa 5 Jahre
- Netz: 2 Gateways, Netzwerkserver **ChirpStack** auf einem Server der VG
- Auswertung: **Node-RED** für Regeln, **Grafana** für Diagramme

## Nächste Schritte

Anbindung an das Hochwasserportal des Landes und weitere Sensoren an Durchlässen.
""",
        "topics": ["smart-city", "klima-umwelt", "infrastruktur"],
        "status": "pilot",
        "documented_on": "2025-06-02",
        "costs_one_off": (8000, 15000),
        "costs_yearly": (500, 1500),
        "funding_source": f"{LANDESMITTEL} (Hochwasservorsorge)",
        "duration": "6 Monate bis zum ersten Alarm",
        "staff_effort": "IT 2 Tage pro Monat, Feuerwehr für Wartung",
        "lessons_learned": (
            "Sensoren an Brücken montieren, nicht im Ufer. Grenzwerte erst nach einigen "
            "Monaten Messung festlegen, sonst gibt es Fehlalarme."
        ),
        "software": [CHIRPSTACK, NODE_RED, GRAFANA],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "starkregenwarnung-gerolstein",
        "network": DD,
        "owner": "Gerolstein",
        "title": "Starkregen- und Hochwasserwarnung für die Ortsgemeinden",
        "summary": (
            "Unwetterwarnungen des Wetterdienstes und Pegelstände werden automatisch "
            "ausgewertet und als Warnung per App, SMS und Sirene an die betroffenen "
            "Ortsgemeinden gegeben."
        ),
        "problem": (
            "Nach der Flut 2021 fragten die Ortsgemeinden: Wer warnt uns, wenn es wieder "
            "gefährlich wird? Amtliche Warnungen waren zu grob für einzelne Täler."
        ),
        "what_it_is": (
            "Ein Warnsystem, das Daten des Deutschen Wetterdienstes und der Landespegel "
            "mit eigenen Schwellenwerten je Ortsgemeinde verknüpft und mehrere Kanäle bedient."
        ),
        "benefits": (
            "Zielgenaue Warnungen für einzelne Orte, klare Zuständigkeiten, Vorbereitung "
            "von Feuerwehr und Bauhof."
        ),
        "how_it_works": (
            "Node-RED ruft Warnungen und Pegeldaten ab. Wird ein Schwellenwert erreicht, "
            "erhalten Wehrführer und Ortsbürgermeister eine SMS; eine Meldung geht über "
            "DorfFunk an die Einwohner."
        ),
        "suits": "Gemeinden in Tälern und an Flüssen mit Hochwasser- oder Starkregenrisiko.",
        "description": """\
In Betrieb seit 2023 für 38 Ortsgemeinden.

## Warnstufen

1. **Vorwarnung:** Unwetterwarnung für den Kreis – Information an Feuerwehr und Bauhof
2. **Warnung:** Pegel steigt schneller als ein Grenzwert – SMS an Ortsbürgermeister,
   Meldung im DorfFunk
3. **Alarm:** Grenzwert überschritten – Sirenen nach Entscheidung der Einsatzleitung

Die Grenzwerte wurden mit den Ortsgemeinden anhand der Ereignisse von 2016 und 2021 festgelegt.
""",
        "topics": ["smart-city", "klima-umwelt", "kommunikation"],
        "status": "operation",
        "documented_on": "2024-09-16",
        "costs_one_off": (20000, 35000),
        "costs_yearly": (2000, 4000),
        "funding_source": f"{LANDESMITTEL} (Wiederaufbau und Hochwasservorsorge)",
        "duration": "10 Monate",
        "staff_effort": "Brand- und Katastrophenschutz 1 Tag pro Monat",
        "lessons_learned": (
            "Warnungen müssen geübt werden, sonst weiß im Ernstfall niemand, was zu tun "
            "ist. Ein Kanal allein reicht nicht: Ältere erreicht man per Telefonkette."
        ),
        "software": [NODE_RED, DORFFUNK],
        "partners": ["Prüm"],
        "contact": None,
    },
    {
        "slug": "coworking-dorfgemeinschaftshaus-kastellaun",
        "network": DD,
        "owner": "Kastellaun",
        "title": "Coworking im Dorfgemeinschaftshaus",
        "summary": (
            "Ein ungenutzter Raum im Dorfgemeinschaftshaus wurde zum Gemeinschaftsbüro "
            "mit schnellem Internet; Pendler und Selbstständige buchen Plätze tageweise."
        ),
        "problem": (
            "Viele Einwohner pendeln täglich über eine Stunde ins Rhein-Main-Gebiet oder "
            "nach Koblenz. Im Homeoffice fehlen ihnen Ruhe, Ausstattung und Kontakte."
        ),
        "what_it_is": (
            "Acht Arbeitsplätze, ein Besprechungsraum und eine Küche, Glasfaser-Anschluss, "
            "Zugang per Code, Buchung online."
        ),
        "benefits": (
            "Weniger Pendelverkehr, Kaufkraft bleibt im Ort, das Gemeindehaus wird "
            "tagsüber belebt; Selbstständige finden Austausch."
        ),
        "how_it_works": (
            "Die Verbandsgemeinde hat den Raum ausgebaut, ein Verein betreibt ihn. "
            "Tagespässe, Zehnerkarten und Monatsmitgliedschaften werden online gebucht und "
            "bezahlt."
        ),
        "suits": (
            "Orte mit vielen Pendlern und einem leerstehenden Raum mit gutem Internetanschluss."
        ),
        "description": """\
Eröffnet im Herbst 2023, ausgelastet zu etwa 55 %.

- **Tagespass:** 15 Euro, **Monat:** 150 Euro
- Dienstags „Offenes Büro“ zum Kennenlernen
- Veranstaltungen für Selbstständige aus dem Hunsrück
""",
        "topics": ["kreativwirtschaft", "wirtschaft-online-handel", "infrastruktur"],
        "status": "operation",
        "documented_on": "2024-01-15",
        "costs_one_off": (25000, 45000),
        "costs_yearly": (6000, 10000),
        "funding_source": f"{LEADER} und {DIGITALE_DOERFER}",
        "duration": "9 Monate für Umbau und Start",
        "staff_effort": "Ehrenamtlich im Verein; Verwaltung 2 Stunden pro Woche",
        "lessons_learned": (
            "Die Gemeinschaft ist wichtiger als die Möbel: Ohne Veranstaltungen und eine "
            "Kümmerin kommen die Leute nicht. Gute Kaffeemaschine nicht unterschätzen."
        ),
        "software": [_product("Buchungs- und Zugangssystem für Coworking-Spaces")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "popup-coworking-landstuhl",
        "network": DD,
        "owner": "Landstuhl",
        "title": "Pop-up-Coworking in der Stadtbücherei",
        "summary": (
            "An drei Tagen pro Woche werden Tische in der Stadtbücherei zu buchbaren "
            "Arbeitsplätzen mit WLAN und Druckerzugang – ein Test, ob ein eigenes "
            "Coworking sich lohnt."
        ),
        "problem": (
            "Die Stadt wollte ein Coworking-Angebot schaffen, war aber unsicher, ob die "
            "Nachfrage reicht, um dafür Räume anzumieten."
        ),
        "what_it_is": (
            "Ein befristeter Versuch mit sechs Plätzen in der Bücherei, gebucht über die "
            "Website der Bücherei, kostenlos im ersten Jahr."
        ),
        "benefits": (
            "Nachfrage testen ohne große Investition; die Bücherei gewinnt neue Besucher."
        ),
        "how_it_works": (
            "Dienstag bis Donnerstag von 8 bis 18 Uhr. Die Bücherei stellt Tische, WLAN "
            "und Schließfächer. Nach jedem Besuch gibt es einen kurzen Fragebogen."
        ),
        "suits": "Städte und Gemeinden mit Bücherei oder Bürgerhaus, die klein anfangen wollen.",
        "description": """\
Pilot von Januar 2026 bis Dezember 2026. Zwischenstand: im Schnitt vier Plätze pro Tag
belegt, vor allem von Pendlern aus dem Umland und Studierenden.
""",
        "topics": ["kreativwirtschaft", "bildung"],
        "status": "pilot",
        "documented_on": "2026-02-09",
        "costs_one_off": (2000, 5000),
        "costs_yearly": (1000, 3000),
        "funding_source": EIGENMITTEL,
        "duration": "12 Monate Pilot",
        "staff_effort": "Bücherei etwa 2 Stunden pro Woche",
        "lessons_learned": (
            "Ruhige Zonen sind in einer Bücherei schwer; Telefonate brauchen einen eigenen Raum."
        ),
        "software": [],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "schul-wlan-tablets-enkenbach-alsenborn",
        "network": DD,
        "owner": "Enkenbach-Alsenborn",
        "title": "WLAN und Tablets für die Grundschulen",
        "summary": (
            "Alle Grundschulen der Verbandsgemeinde bekamen flächendeckendes WLAN, "
            "Klassensätze Tablets und eine zentrale Geräteverwaltung durch den Schulträger."
        ),
        "problem": (
            "Das Netz in den Schulen brach in den Klassenräumen ständig zusammen; Geräte "
            "wurden von Lehrkräften nebenbei betreut, Updates blieben liegen."
        ),
        "what_it_is": (
            "Strukturierte Verkabelung, Access Points in jedem Raum, eine Firewall mit "
            "Jugendschutzfilter, Tablets mit Mobile-Device-Management und ein "
            "IT-Dienstleister für den Support."
        ),
        "benefits": (
            "Stabiles Netz im ganzen Gebäude, Lehrkräfte werden von der Technik entlastet, "
            "einheitliche Geräte und Apps in allen Schulen."
        ),
        "how_it_works": (
            "Die VG hat mit den Schulen einen Medienentwicklungsplan erstellt, die "
            "Ausstattung gemeinsam ausgeschrieben und einen Wartungsvertrag geschlossen. "
            "Apps werden zentral verteilt."
        ),
        "suits": "Schulträger mit mehreren kleinen Schulen, z. B. Verbandsgemeinden.",
        "description": """\
Umgesetzt 2021–2023 an fünf Grundschulen mit dem DigitalPakt Schule.

## Ausstattung je Schule

- WLAN in jedem Klassenraum (Wi-Fi 6)
- 1 Klassensatz Tablets pro zwei Klassen
- Firewall **OPNsense** mit Jugendschutzfilter

Der Wartungsvertrag sieht einen Vor-Ort-Termin pro Woche und Schule vor.
""",
        "topics": ["bildung", "infrastruktur"],
        "status": "operation",
        "documented_on": "2022-02-21",
        "costs_one_off": (250000, 400000),
        "costs_yearly": (20000, 35000),
        "funding_source": "DigitalPakt Schule (Bund und Land) und Eigenmittel",
        "duration": "2 Jahre",
        "staff_effort": "Schulverwaltung 1 Tag pro Woche für Koordination",
        "lessons_learned": (
            "Zuerst Verkabelung und Strom, dann Geräte. Den Support nicht vergessen: "
            "Er kostet jedes Jahr und ist im DigitalPakt nur begrenzt förderfähig."
        ),
        "software": [
            _oss("OPNsense", "BSD-2-Clause", "https://github.com/opnsense/core"),
            _product("Mobile-Device-Management für Schulen"),
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "digital-botschafter-hachenburg",
        "network": DD,
        "owner": "Hachenburg",
        "title": "Tablet-Sprechstunden mit Digital-Botschafterinnen",
        "summary": (
            "Ehrenamtliche Digital-Botschafterinnen und -Botschafter helfen älteren Menschen "
            "in offenen Sprechstunden und Kursen beim Umgang mit Smartphone und Tablet."
        ),
        "problem": (
            "Viele Ältere besitzen ein Smartphone oder Tablet, nutzen es aber kaum. Ohne "
            "Hilfe bleiben Videotelefonie, Online-Banking und Online-Termine verschlossen."
        ),
        "what_it_is": (
            "Ein Angebot im Rahmen des Landesprogramms Digital-Botschafterinnen und "
            "-Botschafter: wöchentliche Sprechstunden im Bürgerhaus, Kurse in den Dörfern, "
            "Leihgeräte zum Ausprobieren."
        ),
        "benefits": (
            "Digitale Teilhabe im Alter, weniger Einsamkeit, neue Aufgaben für Ehrenamtliche; "
            "Verwaltungsangebote werden von mehr Menschen genutzt."
        ),
        "how_it_works": (
            "Die VG gewinnt Ehrenamtliche, die das Land schult. Sprechstunden finden "
            "wöchentlich statt, Kurse nach Anmeldung; das Seniorenbüro koordiniert."
        ),
        "suits": "Jede Kommune; besonders gut mit Seniorenbeirat oder Mehrgenerationenhaus.",
        "description": """\
Seit 2022 engagieren sich in der VG Hachenburg 14 Digital-Botschafterinnen und -Botschafter.

## Themen der Kurse

- Erste Schritte mit dem Tablet
- Videotelefonie mit der Familie
- Sicher bezahlen und Online-Banking
- Fahrplanauskunft und Online-Tickets
- Falsche Gewinnspiele und Betrug erkennen

Rund 300 Teilnehmende pro Jahr.
""",
        "topics": ["senioren", "bildung", "ehrenamt"],
        "status": "operation",
        "documented_on": "2022-11-07",
        "costs_one_off": (1500, 4000),
        "costs_yearly": (1000, 2500),
        "funding_source": f"{LANDESMITTEL} (Programm Digital-Botschafter) und {EIGENMITTEL}",
        "duration": "3 Monate bis zur ersten Sprechstunde",
        "staff_effort": "Seniorenbüro etwa 3 Stunden pro Woche",
        "lessons_learned": (
            "Kleine Gruppen und Geduld; die Teilnehmenden bringen ihr eigenes Gerät mit. "
            "Kurse im eigenen Dorf erreichen mehr Menschen als zentrale Angebote."
        ),
        "software": [],
        "partners": ["Westerburg"],
        "contact": None,
    },
    {
        "slug": "ehrenamtsboerse-westerburg",
        "network": DD,
        "owner": "Westerburg",
        "title": "Ehrenamtsbörse für Vereine und Helfende",
        "summary": (
            "Vereine und Initiativen stellen Aufgaben ein – vom Kuchenbacken fürs Dorffest "
            "bis zum Kassenwart –, Menschen mit Zeit finden passende Einsätze nach Ort, "
            "Thema und Zeitaufwand."
        ),
        "problem": (
            "Vereine klagten über fehlenden Nachwuchs für Vorstandsämter und Helfer für "
            "Veranstaltungen. Gleichzeitig sagten viele Zugezogene, sie wüssten nicht, wo "
            "sie sich einbringen könnten."
        ),
        "what_it_is": (
            "Eine Börse auf der Website der Verbandsgemeinde mit Einsatzangeboten, "
            "Suchfiltern und Kontaktformular, betreut von der Ehrenamtskoordination."
        ),
        "benefits": (
            "Engagement wird sichtbar und niederschwellig, auch für kurze Einsätze. Vereine "
            "gewinnen Helfer, die sie sonst nie erreicht hätten."
        ),
        "how_it_works": (
            "Vereine tragen Angebote selbst ein; die Koordination prüft sie und vermittelt "
            "bei Bedarf persönlich. Einmal im Jahr gibt es einen Ehrenamtstag mit "
            "Vereinsständen."
        ),
        "suits": "Verbandsgemeinden und Städte mit vielen Vereinen.",
        "description": """\
Seit 2023 online, mit 140 eingetragenen Vereinen und Initiativen.

**Beispiele für Angebote:**

- Lesepatin in der Grundschule, 1 Stunde pro Woche
- Helfer für den Aufbau beim Dorffest, einmalig
- Kassenwart für den Heimatverein, 2 Stunden pro Monat
- Fahrer für den Bürgerbus, nach Absprache
""",
        "topics": ["ehrenamt"],
        "status": "operation",
        "documented_on": "2023-09-25",
        "costs_one_off": (3000, 6000),
        "costs_yearly": (500, 1000),
        "funding_source": f"{LEADER} und {EIGENMITTEL}",
        "duration": "5 Monate",
        "staff_effort": "Ehrenamtskoordination mit 10 Wochenstunden",
        "lessons_learned": (
            "Kurze, konkrete Einsätze ziehen; „Vorstand gesucht“ allein nicht. Persönliche "
            "Vermittlung bleibt wichtig – die Börse ist der Einstieg."
        ),
        "software": [
            _oss(
                "TYPO3 mit Erweiterung für Ehrenamtsbörsen",
                "GPL-2.0-or-later",
                "https://github.com/TYPO3/typo3",
            )
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "nachbarschaftshilfe-sembach",
        "network": DD,
        "owner": "Sembach",
        "title": "Nachbarschaftshilfe mit Telefonkette und Gruppen-Chat",
        "summary": (
            "Idee der Ortsgemeinde: Eine feste Telefonnummer und ein Gruppen-Chat verbinden "
            "Menschen, die Hilfe im Alltag brauchen, mit Nachbarn, die helfen wollen – "
            "Einkauf, Fahrten, kleine Reparaturen."
        ),
        "problem": (
            "Im Ort leben viele alleinstehende Hochbetagte. Die Nachbarn würden helfen, "
            "wissen aber nicht, wer was braucht; die Älteren wollen niemandem zur Last fallen."
        ),
        "what_it_is": (
            "Eine organisierte Nachbarschaftshilfe: Telefon-Hotline (zwei Ehrenamtliche im "
            "Wechsel), Gruppe im DorfFunk für die Helfenden, Regeln zu Versicherung und Geld."
        ),
        "benefits": ("Hilfe wird verlässlich statt zufällig; Einsamkeit wird früher bemerkt."),
        "how_it_works": (
            "Wer Hilfe braucht, ruft an; die Telefonistin stellt den Wunsch in die Gruppe, "
            "eine Helferin übernimmt. Über die Verbandsgemeinde sind die Helfenden "
            "unfallversichert."
        ),
        "suits": "Ortsgemeinden mit aktiver Dorfgemeinschaft; ohne große Kosten.",
        "description": """\
Die Idee entstand bei der Dorfmoderation 2025. Wir suchen Gemeinden, die eine
Nachbarschaftshilfe schon betreiben, und klären gerade:

- Versicherung der Helfenden über die Ehrenamtsversicherung des Landes
- Umgang mit Bargeld beim Einkauf
- Wer die Telefonnummer besetzt
""",
        "topics": ["ehrenamt", "senioren", "nahversorgung"],
        "status": "idea",
        "documented_on": "2025-10-13",
        "costs_one_off": None,
        "costs_yearly": (0, 500),
        "funding_source": EIGENMITTEL,
        "duration": "",
        "staff_effort": "Ehrenamtlich",
        "lessons_learned": "",
        "software": [DORFFUNK],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "digitale-gaestekarte-bernkastel-kues",
        "network": DD,
        "owner": "Bernkastel-Kues",
        "title": "Digitale Gästekarte mit Bus und Bahn inklusive",
        "summary": (
            "Übernachtungsgäste erhalten beim Check-in eine digitale Gästekarte aufs Handy: "
            "freie Fahrt mit Bus und Bahn an der Mosel und Ermäßigungen bei Partnern."
        ),
        "problem": (
            "Gäste reisten mit dem Auto an, weil sie vor Ort ohne Auto nicht zu "
            "Wanderwegen, Weingütern und Sehenswürdigkeiten kamen. Parkplätze in den "
            "Moselorten waren überlastet."
        ),
        "what_it_is": (
            "Eine Gästekarte im Smartphone-Wallet oder als Ausdruck, ausgestellt über das "
            "Meldescheinsystem der Gastgeber, finanziert über den Gästebeitrag."
        ),
        "benefits": (
            "Weniger Autoverkehr in den Orten, zufriedenere Gäste, bessere Auslastung der "
            "Buslinien; digitale Meldescheine sparen Gastgebern Papier."
        ),
        "how_it_works": (
            "Gastgeber erfassen den digitalen Meldeschein; das System erzeugt die Karte mit "
            "QR-Code. Busfahrer und Partner prüfen die Karte per Sichtkontrolle oder Scan."
        ),
        "suits": "Tourismusgemeinden mit Gästebeitrag und Verkehrsverbund.",
        "description": """\
Seit 2024 in der VG Bernkastel-Kues, gemeinsam mit der Tourist-Information und dem
Verkehrsverbund.

- Rund 400 Gastgeber angeschlossen
- Etwa 180.000 ausgestellte Karten pro Jahr
- Partner: Museen, Schiffsrundfahrten, Freibäder
""",
        "topics": ["tourismus-kultur", "mobilitaet"],
        "status": "operation",
        "documented_on": "2024-05-13",
        "costs_one_off": (30000, 50000),
        "costs_yearly": (20000, 40000),
        "funding_source": "Gästebeitrag und Tourismusförderung des Landes",
        "duration": "1 Jahr Vorbereitung mit Gastgebern und Verkehrsverbund",
        "staff_effort": "Tourist-Information etwa 1 Tag pro Woche",
        "lessons_learned": (
            "Die Gastgeber müssen früh eingebunden und geschult werden. Der Vertrag mit dem "
            "Verkehrsverbund braucht Zeit – ein Jahr Vorlauf einplanen."
        ),
        "software": [_product("Digitales Meldeschein- und Gästekartensystem")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "telemedizin-gemeindeschwester-daaden-herdorf",
        "network": DD,
        "owner": "Daaden-Herdorf",
        "title": "Telemedizin-Sprechstunde mit der Gemeindeschwester",
        "summary": (
            "Die Gemeindeschwester besucht ältere Menschen zu Hause und verbindet sie bei "
            "Bedarf per Tablet mit der Hausarztpraxis – Videosprechstunde mit Messwerten "
            "statt langer Fahrt."
        ),
        "problem": (
            "Zwei Hausarztpraxen haben geschlossen. Ältere Menschen müssen für jeden "
            "Termin weite Wege fahren, viele gehen deshalb nicht mehr zum Arzt."
        ),
        "what_it_is": (
            "Eine Videosprechstunde über einen zertifizierten Anbieter, ergänzt um "
            "Blutdruck-, Zucker- und EKG-Messung, die die Gemeindeschwester vor Ort "
            "vornimmt; dazu ein Telemedizin-Raum im Bürgerhaus."
        ),
        "benefits": (
            "Ärztliche Betreuung ohne Fahrt, frühere Hilfe bei Verschlechterung, "
            "Entlastung der Praxen."
        ),
        "how_it_works": (
            "Die Praxis bestimmt, welche Patientinnen teilnehmen. Die Gemeindeschwester "
            "vereinbart den Termin, misst Werte und schaltet die Ärztin per Video dazu. "
            "Rezepte kommen per E-Rezept in die Apotheke."
        ),
        "suits": (
            "Ländliche Verbandsgemeinden mit Hausärztemangel, am besten mit einer "
            "Gemeindeschwester oder einem Pflegestützpunkt."
        ),
        "description": """\
Pilot seit 2025 mit einer Hausarztpraxis in Daaden und der Gemeindeschwester plus.

## Bisher

- 46 Patientinnen und Patienten, Durchschnittsalter 81 Jahre
- rund 30 Videosprechstunden im Monat
- die Praxis spart zwei Hausbesuchstouren pro Woche

Datenschutz: Der Anbieter ist für Videosprechstunden zertifiziert, Aufnahmen gibt es nicht.
""",
        "topics": ["gesundheit-pflege", "senioren"],
        "status": "pilot",
        "documented_on": "2025-04-07",
        "costs_one_off": (10000, 20000),
        "costs_yearly": (5000, 9000),
        "funding_source": f"{LANDESMITTEL} (Gemeindeschwester plus) und Krankenkasse",
        "duration": "2 Jahre Pilot",
        "staff_effort": "Gemeindeschwester etwa 1 Tag pro Woche",
        "lessons_learned": (
            "Ohne eine Praxis, die mitmacht, geht nichts. Die Abrechnung mit den Kassen "
            "muss vor dem Start geklärt sein."
        ),
        "software": [_product("Videosprechstunde (zertifizierter Anbieter)")],
        "partners": ["Betzdorf-Gebhardshain"],
        "contact": None,
    },
    {
        "slug": "glasfaser-buergerinfo-nastaetten",
        "network": DD,
        "owner": "Nastätten",
        "title": "Bürgerinformation zum Glasfaserausbau",
        "summary": (
            "Eine Online-Karte zeigt für jede Adresse, ob und wann der Glasfaseranschluss "
            "kommt, wo gerade gebaut wird und an wen man sich wenden kann."
        ),
        "problem": (
            "Während des Breitbandausbaus riefen täglich Dutzende Menschen im Bauamt an: "
            "Wann bekomme ich Glasfaser? Warum ist meine Straße aufgerissen?"
        ),
        "what_it_is": (
            "Eine Kartenanwendung auf Basis des Masterportals mit Adresssuche, "
            "Ausbaustand, Baustellen und häufigen Fragen."
        ),
        "benefits": (
            "Deutlich weniger Anrufe, bessere Stimmung während der Bauzeit, mehr "
            "Hausanschlussverträge, weil Termine klar sind."
        ),
        "how_it_works": (
            "Das ausbauende Unternehmen liefert wöchentlich den Ausbaustand; die VG "
            "spielt ihn in die Karte ein und ergänzt Baustellen und Sperrungen."
        ),
        "suits": "Gemeinden während eines geförderten oder eigenwirtschaftlichen Ausbaus.",
        "description": """\
Eingesetzt 2023–2025 beim geförderten Glasfaserausbau in 31 Ortsgemeinden.

**Inhalte:**

- Adresssuche mit Ausbaustand (geplant, im Bau, anschlussbereit)
- Baustellen und Straßensperrungen der Woche
- Fragen und Antworten zum Hausanschluss
""",
        "topics": ["infrastruktur", "kommunikation"],
        "status": "operation",
        "documented_on": "2023-08-28",
        "costs_one_off": (4000, 8000),
        "costs_yearly": (500, 1000),
        "funding_source": "Breitbandförderung (Bund und Land), Beratungsleistungen",
        "duration": "3 Monate",
        "staff_effort": "1 Stunde pro Woche für die Aktualisierung",
        "lessons_learned": (
            "Die Datenlieferung des Netzbetreibers vertraglich festlegen. Eine ehrliche "
            "Karte mit Verzögerungen ist besser als keine."
        ),
        "software": [
            _oss(
                "Masterportal",
                "MIT",
                "https://bitbucket.org/geowerkstatt-hamburg/masterportal",
                "https://www.masterportal.org",
            )
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "zaehlerfernauslesung-liegenschaften-hassloch",
        "network": DD,
        "owner": "Haßloch",
        "title": "Smart Meter in kommunalen Gebäuden",
        "summary": (
            "Strom-, Gas- und Wasserzähler in Schulen, Kitas, Turnhallen und Rathaus werden "
            "automatisch ausgelesen; ein Dashboard zeigt den Verbrauch im Viertelstundentakt."
        ),
        "problem": (
            "Zähler wurden einmal im Jahr abgelesen; hohe Verbräuche fielen erst mit der "
            "Rechnung auf. Nachts liefen Heizungen und Lüftungen ungenutzter Gebäude."
        ),
        "what_it_is": (
            "Fernauslesbare Zähler und Impulsadapter in 24 Gebäuden, Datenübertragung per "
            "Funk, Auswertung mit der Open-Source-Software volkszaehler.org."
        ),
        "benefits": (
            "Verschwendung wird sichtbar (Heizung am Wochenende, defekte Spülungen). "
            "Im ersten Jahr 14 % weniger Wärmeverbrauch."
        ),
        "how_it_works": (
            "Der Hausmeisterdienst prüft wöchentlich das Dashboard; Abweichungen lösen eine "
            "E-Mail aus. Der Energiebericht für den Rat entsteht aus den Daten."
        ),
        "suits": "Gemeinden mit mehreren eigenen Gebäuden und steigenden Energiekosten.",
        "description": """\
Seit 2023 im Betrieb. Die Zähler werden über ein eigenes Funknetz ausgelesen.

## Typische Funde

- Turnhallen-Lüftung lief dauerhaft auf höchster Stufe
- Heizung der Grundschule ohne Nachtabsenkung
- Wasserverlust durch eine defekte Toilettenspülung: 600 m³ im Jahr
""",
        "topics": ["klima-umwelt", "smart-city"],
        "status": "operation",
        "documented_on": "2023-10-16",
        "costs_one_off": (30000, 50000),
        "costs_yearly": (2000, 4000),
        "funding_source": "Kommunalrichtlinie (Nationale Klimaschutzinitiative)",
        "duration": "8 Monate",
        "staff_effort": "Energiemanagement 1 Tag pro Woche",
        "lessons_learned": (
            "Daten allein sparen nichts: Es braucht jemanden, der hinschaut und "
            "Hausmeister, die Rückmeldungen umsetzen."
        ),
        "software": [
            _oss(
                "volkszaehler.org",
                "GPL-3.0-or-later",
                "https://github.com/volkszaehler/volkszaehler.org",
            )
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "vereinsverwaltung-morbach",
        "network": DD,
        "owner": "Morbach",
        "title": "Digitale Vereinsverwaltung für alle Vereine der Gemeinde",
        "summary": (
            "Die Gemeinde stellt allen Vereinen eine Software für Mitglieder, Beiträge, "
            "Lastschriften und Spendenquittungen bereit, mit Schulungen und Support."
        ),
        "problem": (
            "Kassenwarte führten Mitgliederlisten in Tabellen und schrieben Rechnungen von "
            "Hand. Der Verwaltungsaufwand und die Sorge um den Datenschutz schreckten viele "
            "ab, ein Vorstandsamt zu übernehmen."
        ),
        "what_it_is": (
            "Eine gemeinsam betriebene Vereinsverwaltung auf Basis der Open-Source-Software "
            "JVerein, betreut von der Gemeinde, mit Datensicherung und Mustervorlagen."
        ),
        "benefits": (
            "Weniger Arbeit für Vorstände, datenschutzgerechte Ablage, leichtere Übergabe "
            "an Nachfolger; Vorstandsämter werden attraktiver."
        ),
        "how_it_works": (
            "Jeder Verein erhält einen eigenen Mandanten. Die Gemeinde bietet zweimal im "
            "Jahr Schulungen an und hilft bei der Übernahme der alten Listen."
        ),
        "suits": "Gemeinden mit vielen kleinen Vereinen ohne eigene Geschäftsstelle.",
        "description": """\
Seit 2022 nutzen 47 von 70 Vereinen der Gemeinde Morbach das Angebot.

**Enthalten:**

- Mitgliederverwaltung mit Einwilligungen
- SEPA-Lastschriften für Beiträge
- Zuwendungsbestätigungen auf Knopfdruck
- Mustervorlagen: Datenschutzhinweise, Beitrittserklärung
""",
        "topics": ["ehrenamt", "verwaltung-intern"],
        "status": "operation",
        "documented_on": "2024-11-04",
        "costs_one_off": (2000, 5000),
        "costs_yearly": (1000, 2000),
        "funding_source": f"{DIGITALE_DOERFER}",
        "duration": "6 Monate",
        "staff_effort": "Ehrenamtsbeauftragte etwa 3 Stunden pro Woche",
        "lessons_learned": (
            "Die Übernahme der alten Mitgliederlisten ist die größte Hürde – dabei helfen. "
            "Ein Vereinsstammtisch zum Austausch hält das Angebot lebendig."
        ),
        "software": [_oss("JVerein", "GPL-3.0-or-later", "https://github.com/openjverein/jverein")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "online-marktplatz-pruem",
        "network": DD,
        "owner": "Prüm",
        "title": "Online-Marktplatz für die Geschäfte in Prüm",
        "summary": (
            "Ein gemeinsamer Onlineshop sollte die Geschäfte der Stadt im Netz sichtbar "
            "machen, mit Lieferung am selben Tag. Nach drei Jahren eingestellt."
        ),
        "problem": (
            "Der Einzelhandel verlor Kundschaft an den Versandhandel; die meisten Geschäfte "
            "hatten keinen eigenen Onlineshop."
        ),
        "what_it_is": (
            "Eine Marktplatz-Plattform eines Anbieters, auf der jedes Geschäft Produkte "
            "einstellte; Lieferung per Kurier oder Abholung im Laden."
        ),
        "benefits": (
            "Geplant: mehr Sichtbarkeit, zusätzliche Umsätze, ein gemeinsamer Auftritt des Handels."
        ),
        "how_it_works": (
            "Die Stadt finanzierte die Plattform, die Werbegemeinschaft betreute die "
            "Händler. Geschäfte pflegten Produkte und Bestände selbst."
        ),
        "suits": (
            "Nur mit sehr engagierten Händlern und dauerhaftem Budget für Pflege und "
            "Marketing – siehe Erfahrungen."
        ),
        "description": """\
Gestartet 2020 mit 28 Geschäften, eingestellt Ende 2023.

## Warum es nicht funktioniert hat

- Bestände wurden nicht gepflegt – Kunden bestellten Ware, die nicht da war
- Die Plattform war außerhalb der Region kaum bekannt
- Nach der Pandemie sank die Nachfrage stark

Heute setzen wir auf gepflegte Einträge in Kartendiensten und einen gemeinsamen Instagram-Kanal.
""",
        "topics": ["wirtschaft-online-handel", "nahversorgung"],
        "status": "discontinued",
        "documented_on": "2025-02-17",
        "discontinued_reason": (
            "Zu wenige Geschäfte pflegten ihr Sortiment, die Bestellungen gingen nach der "
            "Pandemie um 80 % zurück, und die Plattformgebühren standen in keinem "
            "Verhältnis zum Umsatz."
        ),
        "costs_one_off": (15000, 25000),
        "costs_yearly": (8000, 12000),
        "funding_source": f"{LANDESMITTEL} (Innenstadtförderung) und Werbegemeinschaft",
        "duration": "3 Jahre Betrieb",
        "staff_effort": "Citymanagement etwa 1 Tag pro Woche",
        "lessons_learned": (
            "Ein Marktplatz ist kein Selbstläufer: Ohne tägliche Pflege und Marketing "
            "bleibt er leer. Erst klären, was die Händler selbst leisten können; oft "
            "reicht ein gutes Online-Schaufenster ohne Warenkorb."
        ),
        "software": [_product("Lokaler Online-Marktplatz (SaaS)")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "hofladen-karte-nieder-olm",
        "network": DD,
        "owner": "Nieder-Olm",
        "title": "Karte der Hofläden, Winzer und Direktvermarkter",
        "summary": (
            "Eine offene Online-Karte zeigt, wo es in der Verbandsgemeinde Eier, Obst, "
            "Wein, Fleisch und Gemüse direkt vom Erzeuger gibt, mit Öffnungszeiten und "
            "Saisonkalender."
        ),
        "problem": (
            "Viele Höfe und Weingüter verkaufen ab Hof, aber selbst Einheimische wussten "
            "nicht, wer was wann anbietet. Kleine Erzeuger haben keine eigene Website."
        ),
        "what_it_is": (
            "Eine Karte auf Basis von uMap und OpenStreetMap; die Daten stehen als "
            "offene Daten bereit und werden von den Erzeugern selbst aktualisiert."
        ),
        "benefits": (
            "Regionale Produkte werden gefunden, Wege kurz; die Daten nutzen auch die "
            "Tourist-Information und Wander-Apps."
        ),
        "how_it_works": (
            "Die Wirtschaftsförderung hat die Erzeuger angeschrieben und Einträge "
            "angelegt. Änderungen melden die Betriebe per Formular; einmal im Jahr wird "
            "alles geprüft."
        ),
        "suits": "Ländliche Gemeinden mit Landwirtschaft und Weinbau.",
        "description": """\
Seit 2022 online mit 64 Betrieben: 29 Weingüter, 18 Obst- und Gemüsehöfe, 9 Eierhäuschen,
8 Hofläden mit Vollsortiment.

Die Daten stehen unter der Lizenz **ODbL** in OpenStreetMap, damit andere sie weiterverwenden.
""",
        "topics": ["nahversorgung", "wirtschaft-online-handel", "open-data"],
        "status": "operation",
        "documented_on": "2025-01-20",
        "costs_one_off": (1000, 3000),
        "costs_yearly": (0, 500),
        "funding_source": EIGENMITTEL,
        "duration": "3 Monate",
        "staff_effort": "Wirtschaftsförderung etwa 2 Stunden pro Monat",
        "lessons_learned": (
            "Die Erzeuger persönlich besuchen; Fragebögen per Post kamen kaum zurück."
        ),
        "software": [
            _oss("uMap", "AGPL-3.0-only", "https://github.com/umap-project/umap"),
        ],
        "partners": ["Wörrstadt"],
        "contact": None,
    },
    {
        "slug": "online-antraege-budenheim",
        "network": DD,
        "owner": "Budenheim",
        "title": "Online-Anträge mit Bezahlfunktion",
        "summary": (
            "Die 30 häufigsten Anliegen – von der Meldebescheinigung über den "
            "Bewohnerparkausweis bis zur Hundeanmeldung – lassen sich online beantragen "
            "und direkt bezahlen."
        ),
        "problem": (
            "Für einfache Bescheinigungen mussten Bürgerinnen und Bürger ins Rathaus kommen, "
            "oft nur, um eine Gebühr bar zu bezahlen."
        ),
        "what_it_is": (
            "Online-Dienste nach dem Onlinezugangsgesetz, teils als Einer-für-Alle-"
            "Leistungen des Landes, teils mit einem Formularbaukasten; bezahlt wird über "
            "die E-Payment-Plattform."
        ),
        "benefits": (
            "Weniger Besuche im Rathaus, Anträge sind vollständig, Gebühren kommen sofort; "
            "Bürger sparen Wege."
        ),
        "how_it_works": (
            "Anträge gehen über das Servicekonto ein und landen im Postfach des "
            "Fachbereichs; Bescheide werden elektronisch zugestellt."
        ),
        "suits": "Jede Verwaltung; kleine Verwaltungen profitieren besonders von Landesleistungen.",
        "description": """\
Seit 2022 schrittweise ausgebaut, 2025 rund 4.200 Online-Anträge.

## Die fünf meistgenutzten Dienste

1. Meldebescheinigung
2. Bewohnerparkausweis
3. Anmeldung eines Hundes
4. Führungszeugnis (Weiterleitung an das Bundesamt)
5. Sondernutzung öffentlicher Flächen
""",
        "topics": ["buergerservice"],
        "status": "operation",
        "documented_on": "2025-04-14",
        "costs_one_off": (10000, 20000),
        "costs_yearly": (3000, 6000),
        "funding_source": f"{LANDESMITTEL} (OZG-Umsetzung) und {EIGENMITTEL}",
        "duration": "1 Jahr für die ersten 15 Dienste",
        "staff_effort": "OZG-Koordinatorin mit halber Stelle",
        "lessons_learned": (
            "Mit Leistungen anfangen, die oft gebraucht werden und wenig Prüfung erfordern. "
            "Der Prozess hinter dem Formular muss sich ändern, sonst druckt jemand alles aus."
        ),
        "software": [
            _product("Formularserver und Servicekonto des Landes"),
            _product("E-Payment-Plattform (ePayBL)"),
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "sprachassistent-buergertelefon-woerrstadt",
        "network": DD,
        "owner": "Wörrstadt",
        "title": "Sprachassistent am Bürgertelefon",
        "summary": (
            "Idee: Ein Sprachassistent beantwortet am Telefon rund um die Uhr häufige Fragen "
            "(Öffnungszeiten, Abfuhrtermine, Zuständigkeiten) und verbindet bei allem "
            "anderen mit einem Menschen."
        ),
        "problem": (
            "Die Telefonzentrale ist zu Wochenbeginn überlastet, viele Anrufe betreffen "
            "immer dieselben Fragen. Gleichzeitig fehlen Fachkräfte."
        ),
        "what_it_is": (
            "Ein KI-gestützter Telefonassistent mit festgelegter Wissensbasis, der nur "
            "geprüfte Antworten gibt und im Zweifel weiterverbindet."
        ),
        "benefits": (
            "Erreichbarkeit außerhalb der Öffnungszeiten, Entlastung der Zentrale; "
            "Auswertungen zeigen, welche Informationen auf der Website fehlen."
        ),
        "how_it_works": (
            "Geplant ist ein Test mit 50 Fragen und Antworten aus der Telefonzentrale. "
            "Gespräche werden nicht aufgezeichnet, nur die erkannten Themen gezählt."
        ),
        "suits": "Verwaltungen mit hohem Telefonaufkommen zu wiederkehrenden Fragen.",
        "description": """\
Wir suchen Erfahrungen anderer Kommunen:

- Wie reagieren ältere Anruferinnen auf eine Maschine?
- Welche Anbieter erfüllen die Datenschutzanforderungen?
- Was hat ein Chatbot auf der Website gebracht – und was nicht?
""",
        "topics": ["buergerservice"],
        "status": "idea",
        "documented_on": "2026-06-22",
        "costs_one_off": None,
        "costs_yearly": (5000, 15000),
        "funding_source": "",
        "duration": "",
        "staff_effort": "",
        "lessons_learned": "",
        "software": [],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "jugendforum-online-leiningerland",
        "network": DD,
        "owner": "Leiningerland",
        "title": "Jugendforum mit Online-Abstimmung",
        "summary": (
            "Jugendliche von 12 bis 21 Jahren sollen Vorschläge für ihre Orte per Messenger "
            "einbringen und über ein Jugendbudget online abstimmen."
        ),
        "problem": (
            "Jugendliche kommen nicht in Ratssitzungen oder Bürgerversammlungen. Ihre "
            "Wünsche – Treffpunkte, Busverbindungen, Sportplätze – werden selten gehört."
        ),
        "what_it_is": (
            "Ein Jugendforum mit Kanal im Messenger, Online-Umfragen mit LimeSurvey und "
            "einem jährlichen Budget von 10.000 Euro, über das die Jugendlichen entscheiden."
        ),
        "benefits": (
            "Jugendliche erleben, dass ihre Stimme zählt; die Gemeinde erfährt, was "
            "jungen Menschen fehlt."
        ),
        "how_it_works": (
            "Die Jugendpflege startet das Forum mit Schulbesuchen. Vorschläge gehen per "
            "Messenger oder Formular ein, die Abstimmung läuft online mit Zugangscode."
        ),
        "suits": "Verbandsgemeinden mit Jugendpflege; gut kombinierbar mit einem Jugendbeirat.",
        "description": """\
In Planung für 2027. Der Verbandsgemeinderat hat das Budget beschlossen; die
Jugendpflege bereitet den Start an den weiterführenden Schulen vor.
""",
        "topics": ["beteiligung", "jugend"],
        "status": "planning",
        "documented_on": "2026-03-16",
        "costs_one_off": (2000, 4000),
        "costs_yearly": (10000, 12000),
        "funding_source": EIGENMITTEL,
        "duration": "Start geplant zum Schuljahr 2027/28",
        "staff_effort": "Jugendpflege etwa 4 Stunden pro Woche",
        "lessons_learned": "",
        "software": [
            _oss("LimeSurvey", "GPL-2.0-or-later", "https://github.com/LimeSurvey/LimeSurvey")
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "freifunk-dorfplaetze-kusel-altenglan",
        "network": DD,
        "owner": "Kusel-Altenglan",
        "title": "Freies WLAN auf Dorfplätzen mit Freifunk",
        "summary": (
            "Router mit Freifunk-Software auf Gemeindehäusern, Feuerwehrhäusern und am "
            "Freibad versorgen Plätze und Treffpunkte mit kostenlosem WLAN ohne Anmeldung."
        ),
        "problem": (
            "In vielen Orten ist der Mobilfunkempfang schlecht. Gäste, Jugendliche und "
            "Vereine wünschten sich Internet an öffentlichen Treffpunkten."
        ),
        "what_it_is": (
            "Ein Netz aus Freifunk-Routern, betrieben mit der Freifunk-Community der "
            "Region; Haftungsfragen löst die Community über ihre Server."
        ),
        "benefits": (
            "Sehr günstig, ohne Anmeldung und ohne Werbung; Vereine können weitere "
            "Standorte selbst anschließen."
        ),
        "how_it_works": (
            "Die VG kauft Router und stellt die Internetanschlüsse ihrer Gebäude zur "
            "Verfügung; Ehrenamtliche der Freifunk-Community konfigurieren und warten."
        ),
        "suits": "Ortsgemeinden mit eigenen Gebäuden an zentralen Plätzen.",
        "description": """\
Seit 2021 an 34 Standorten in 22 Ortsgemeinden.

- Außenrouter an Gemeindehäusern und Feuerwehrhäusern
- Richtfunk zu Plätzen ohne eigenen Anschluss
- Firmware **Gluon** der Freifunk-Community
""",
        "topics": ["infrastruktur", "tourismus-kultur"],
        "status": "operation",
        "documented_on": "2022-03-14",
        "costs_one_off": (100, 400),
        "costs_yearly": (0, 100),
        "funding_source": f"{EIGENMITTEL} (Kosten je Standort)",
        "duration": "Erster Standort nach 4 Wochen",
        "staff_effort": "Ehrenamtlich über die Freifunk-Community",
        "lessons_learned": (
            "Eine verlässliche Ansprechperson in der Community ist Gold wert. Bei "
            "Außenmontage an Denkmälern früh mit der Denkmalpflege sprechen."
        ),
        "software": [
            _oss(
                "Gluon (Freifunk-Firmware)",
                "BSD-2-Clause",
                "https://github.com/freifunk-gluon/gluon",
            )
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "digitaler-bauhof-enkenbach-alsenborn",
        "network": DD,
        "owner": "Enkenbach-Alsenborn",
        "title": "Digitaler Bauhof: Aufträge und Kontrollen per App",
        "summary": (
            "Der Bauhof erhält Aufträge auf dem Tablet, erfasst Arbeitszeiten und "
            "Material und dokumentiert Spielplatz- und Baumkontrollen mit Foto."
        ),
        "problem": (
            "Stundenzettel und Kontrollprotokolle auf Papier; niemand hatte einen "
            "Überblick, welche Arbeiten erledigt sind, und die Kosten je Aufgabe waren "
            "unbekannt."
        ),
        "what_it_is": (
            "Eine Bauhof-Software mit App für die Kolonnen, Objektkataster (Spielplätze, "
            "Bäume, Bänke) und Auswertungen für die Kostenrechnung."
        ),
        "benefits": (
            "Rechtssichere Dokumentation der Verkehrssicherungspflicht, Überblick über "
            "offene Aufträge, Kosten je Objekt für die Haushaltsplanung."
        ),
        "how_it_works": (
            "Die Bauhofleitung plant Aufträge in der Software; die Kolonnen sehen sie auf "
            "robusten Tablets und melden Erledigung, Zeiten und Fotos zurück."
        ),
        "suits": "Verbandsgemeinden und Städte mit eigenem Bauhof ab etwa zehn Beschäftigten.",
        "description": """\
Pilot seit 2025 mit zwei Kolonnen und den Spielplatzkontrollen.

**Erfasst sind:** 41 Spielplätze, 2.300 Bäume, 180 Bänke und Papierkörbe.

Als nächstes sollen Meldungen aus dem Mängelmelder direkt als Auftrag ankommen.
""",
        "topics": ["verwaltung-intern", "smart-city"],
        "status": "pilot",
        "documented_on": "2025-07-07",
        "costs_one_off": (15000, 25000),
        "costs_yearly": (4000, 7000),
        "funding_source": EIGENMITTEL,
        "duration": "Pilot über 12 Monate",
        "staff_effort": "Bauhofleitung 1 Tag pro Woche während der Einführung",
        "lessons_learned": (
            "Die Beschäftigten früh mitentscheiden lassen, welche Geräte sie tragen. "
            "Das Objektkataster aufzubauen dauerte länger als die Einführung der App."
        ),
        "software": [_product("Bauhof-Software mit mobiler App")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "it-notfallhandbuch-vg-eisenberg",
        "network": DD,
        "owner": "Eisenberg (Pfalz)",
        "title": "IT-Notfallhandbuch und Phishing-Schulungen",
        "summary": (
            "Ein Notfallhandbuch legt fest, wer bei einem IT-Ausfall oder Cyberangriff "
            "was tut; regelmäßige Schulungen und Übungen bereiten alle Beschäftigten vor."
        ),
        "problem": (
            "Nach Angriffen auf andere Kommunalverwaltungen stellte der Rat fest, dass es "
            "keinen Plan für einen Totalausfall der IT gab."
        ),
        "what_it_is": (
            "Ein Handbuch nach dem BSI-Standard für Notfallmanagement (angepasst an kleine "
            "Verwaltungen), Offline-Kopien, Meldekette und jährliche Übungen."
        ),
        "benefits": (
            "Im Ernstfall weiß jeder, was zu tun ist; wichtige Leistungen laufen auf Papier "
            "weiter. Weniger erfolgreiche Phishing-Mails."
        ),
        "how_it_works": (
            "Die IT hat mit den Fachbereichen die kritischen Abläufe bestimmt und Notbetrieb "
            "beschrieben. Eine Übung pro Jahr simuliert einen Ausfall."
        ),
        "suits": "Jede Verwaltung; die Vorlagen sind für kleine Verwaltungen gedacht.",
        "description": """\
Nur für Mitglieder des Netzwerks, weil das Handbuch Details unserer IT enthält. Die
Vorlagen geben wir auf Anfrage gern weiter.

## Inhalt

- Meldekette und Telefonliste (auch auf Papier)
- Notbetrieb für Standesamt, Bürgerbüro, Kasse
- Wiederanlauf: Reihenfolge der Systeme
- Kommunikation nach außen
""",
        "topics": ["verwaltung-intern"],
        "status": "operation",
        "documented_on": "2023-03-20",
        "visibility": "network",
        "costs_one_off": (5000, 10000),
        "costs_yearly": (2000, 4000),
        "funding_source": EIGENMITTEL,
        "duration": "6 Monate",
        "staff_effort": "IT 1 Tag pro Monat, Übung 1 Tag pro Jahr",
        "lessons_learned": (
            "Das Handbuch muss ausgedruckt im Tresor liegen – im Ernstfall ist der Server "
            "weg. Die erste Übung deckte fehlende Telefonnummern auf."
        ),
        "software": [],
        "partners": [],
        "contact": BECKER,
    },
    {
        "slug": "kita-vormerkung-online-woerrstadt",
        "network": DD,
        "owner": "Wörrstadt",
        "title": "Kita-Plätze online vormerken",
        "summary": (
            "Eltern melden ihren Betreuungsbedarf über ein Portal an, mit bis zu drei "
            "Wunsch-Kitas; die Vergabe erfolgt zentral nach gemeinsamen Kriterien."
        ),
        "problem": (
            "Eltern meldeten ihr Kind bei mehreren Einrichtungen gleichzeitig an. Die "
            "Kitas führten eigene Wartelisten; niemand wusste, wie viele Plätze wirklich "
            "fehlen."
        ),
        "what_it_is": (
            "Ein Elternportal mit zentraler Warteliste für alle Kitas der "
            "Verbandsgemeinde, unabhängig vom Träger."
        ),
        "benefits": (
            "Keine Mehrfachanmeldungen, ein realistischer Bedarf für die Planung, "
            "transparente Vergabe und weniger Arbeit für die Kita-Leitungen."
        ),
        "how_it_works": (
            "Eltern registrieren sich und geben Wünsche an. Im Frühjahr schlägt das System "
            "eine Verteilung vor, die Kita-Leitungen bestätigen; Eltern erhalten Zusagen "
            "per E-Mail."
        ),
        "suits": "Verbandsgemeinden und Städte mit mehreren Kitas und verschiedenen Trägern.",
        "description": """\
Seit 2023 für 19 Kitas von vier Trägern.

- Rund 650 Vormerkungen pro Jahr
- Doppelanmeldungen praktisch verschwunden
- Bedarfsplanung des Kreises nutzt die Zahlen
""",
        "topics": ["buergerservice", "bildung"],
        "status": "operation",
        "documented_on": "2025-06-16",
        "costs_one_off": (8000, 15000),
        "costs_yearly": (3000, 6000),
        "funding_source": EIGENMITTEL,
        "duration": "8 Monate einschließlich Abstimmung mit den Trägern",
        "staff_effort": "Kita-Verwaltung etwa 1 Tag pro Woche in der Vergabephase",
        "lessons_learned": (
            "Die Träger müssen die Vergabekriterien gemeinsam beschließen, bevor die "
            "Software kommt."
        ),
        "software": [_product("Kita-Elternportal")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "entdeckertouren-dahner-felsenland",
        "network": DD,
        "owner": "Dahner Felsenland",
        "title": "Digitale Entdeckertouren für Gäste und Schulklassen",
        "summary": (
            "Interaktive Touren per Smartphone führen zu Burgen, Felsen und Naturdenkmälern, "
            "mit Rätseln, Geschichten und Aufgaben – ohne neue Schilder in der Landschaft."
        ),
        "problem": (
            "Schulklassen und Familien sollten die Region spielerisch entdecken. Neue "
            "Infotafeln im Naturpark waren teuer und nicht überall erlaubt."
        ),
        "what_it_is": (
            "Touren in der App Actionbound, erstellt von Tourist-Information, Naturpark "
            "und Schulen, kostenlos nutzbar, auch offline."
        ),
        "benefits": (
            "Attraktives Angebot für Familien und Schulen, Inhalte leicht aktualisierbar, "
            "keine Eingriffe in die Landschaft."
        ),
        "how_it_works": (
            "Die Touren werden mit Schulklassen entwickelt und getestet. Ein QR-Code am "
            "Startpunkt und auf der Website führt in die App."
        ),
        "suits": "Tourismusgemeinden, Naturparke, Städte mit historischen Orten.",
        "description": """\
Seit 2022 gibt es sechs Touren, darunter die **Burgentour Dahn** und die
**Felsenland-Rallye** für Grundschulen. Rund 9.000 Spielende pro Jahr.
""",
        "topics": ["tourismus-kultur", "bildung"],
        "status": "operation",
        "documented_on": "2026-03-02",
        "costs_one_off": (1000, 3000),
        "costs_yearly": (300, 800),
        "funding_source": LEADER,
        "duration": "2 Monate je Tour",
        "staff_effort": "Tourist-Information etwa 2 Tage je neuer Tour",
        "lessons_learned": (
            "Touren mit Kindern testen, bevor sie veröffentlicht werden. Offline-Nutzung "
            "ist im Wald Pflicht."
        ),
        "software": [_product("Actionbound", "Actionbound GmbH", "https://de.actionbound.com")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "friedhofsverwaltung-kirchheimbolanden",
        "network": DD,
        "owner": "Kirchheimbolanden",
        "title": "Digitale Friedhofsverwaltung mit Grabstellenplan",
        "summary": (
            "Grabstellen, Nutzungsrechte, Ruhezeiten und Gebühren aller Friedhöfe der "
            "Verbandsgemeinde sollen in einer Software mit digitalem Lageplan geführt werden."
        ),
        "problem": (
            "Die Friedhöfe werden mit Karteikarten und Papierplänen verwaltet. Auskünfte "
            "zu Ruhezeiten und freien Grabstellen dauern lange."
        ),
        "what_it_is": (
            "Eine Friedhofsverwaltungs-Software mit Anbindung an das Geoinformationssystem "
            "und Gebührenveranlagung."
        ),
        "benefits": (
            "Schnelle Auskünfte, automatische Erinnerung an ablaufende Nutzungsrechte, "
            "bessere Planung der Flächen."
        ),
        "how_it_works": (
            "Geplant: Vermessung der Friedhöfe per Drohne, Übernahme der Karteikarten durch "
            "einen Dienstleister, Schulung der Friedhofsverwaltung."
        ),
        "suits": "Verbandsgemeinden mit vielen kleinen Friedhöfen.",
        "description": """\
Ausschreibung im Winter 2026/27. 23 Friedhöfe in 17 Ortsgemeinden, rund 11.000 Grabstellen.
""",
        "topics": ["verwaltung-intern", "buergerservice"],
        "status": "planning",
        "documented_on": "2026-09-28",
        "costs_one_off": (30000, 50000),
        "costs_yearly": (3000, 5000),
        "funding_source": EIGENMITTEL,
        "duration": "Geplant 18 Monate",
        "staff_effort": "Friedhofsverwaltung, während der Übernahme 2 Tage pro Woche",
        "lessons_learned": "",
        "software": [],
        "partners": [],
        "contact": None,
    },
    # ------------------------------------------------------------------ IKONE-DS
    {
        "slug": "open-data-portal-kaiserslautern",
        "network": IKONE,
        "owner": "Kaiserslautern",
        "title": "Open-Data-Portal der Stadt",
        "summary": (
            "Die Stadt veröffentlicht Verwaltungsdaten – Haushalt, Bevölkerung, "
            "Baumkataster, Parkhäuser, Umweltmessungen – maschinenlesbar und unter "
            "offener Lizenz auf einem eigenen Portal."
        ),
        "problem": (
            "Daten lagen verteilt in Fachämtern und wurden auf Anfrage einzeln per E-Mail "
            "verschickt. Start-ups, Forschung und Presse fragten immer wieder nach."
        ),
        "what_it_is": (
            "Ein Datenportal auf Basis von CKAN mit rund 200 Datensätzen, Schnittstellen "
            "für Echtzeitdaten und Metadaten nach DCAT-AP.de, die GovData übernimmt."
        ),
        "benefits": (
            "Weniger Einzelanfragen, neue Anwendungen von Dritten, Transparenz; die "
            "Verwaltung findet ihre eigenen Daten leichter."
        ),
        "how_it_works": (
            "Jedes Fachamt hat eine Datenpatin. Das Referat Digitalisierung berät, prüft "
            "Datenschutz und Lizenz und veröffentlicht; Echtzeitdaten kommen automatisch."
        ),
        "suits": (
            "Städte mit eigener IT oder einem Rechenzentrum; kleinere Kommunen über "
            "regionale Portale."
        ),
        "description": """\
Das Portal entstand im Modellprojekt Smart Cities und ist seit 2021 online.

## Beliebteste Datensätze

1. Belegung der Parkhäuser (Echtzeit)
2. Baumkataster
3. Haushaltsplan als Tabelle
4. Messwerte der Luftqualität
5. Standorte von Spielplätzen und Trinkbrunnen

## Grundsätze

- **Open by default:** Was nicht geschützt ist, wird veröffentlicht
- Lizenz: Datenlizenz Deutschland – Namensnennung 2.0
- Jede Veröffentlichung mit Ansprechperson
""",
        "topics": ["open-data", "smart-city"],
        "status": "operation",
        "documented_on": "2021-05-03",
        "costs_one_off": (40000, 80000),
        "costs_yearly": (10000, 20000),
        "funding_source": "Modellprojekte Smart Cities (Bund)",
        "duration": "1 Jahr bis zum Start",
        "staff_effort": "1 Stelle Datenmanagement, Datenpaten in den Ämtern",
        "lessons_learned": (
            "Mit Daten beginnen, die ohnehin angefragt werden. Eine Dienstanweisung zu "
            "Open Data hilft mehr als jede Technik. Datenpatinnen brauchen Zeit im "
            "Stellenplan."
        ),
        "software": [CKAN, GRAFANA],
        "partners": [],
        "contact": DEMIR,
        "featured": True,
        "website": "https://www.kaiserslautern.de",
    },
    {
        "slug": "open-data-region-mainz",
        "network": IKONE,
        "owner": "Mainz",
        "title": "Gemeinsames Open-Data-Portal mit dem Umland",
        "summary": (
            "Die Stadt betreibt ein Datenportal, auf dem auch Nachbarkommunen und "
            "kommunale Unternehmen ihre offenen Daten veröffentlichen können."
        ),
        "problem": (
            "Kleinere Gemeinden und Stadtwerke hatten Daten, aber kein eigenes Portal. "
            "Viele Fragen (Pendler, Verkehr, Umwelt) enden nicht an der Stadtgrenze."
        ),
        "what_it_is": (
            "Ein mandantenfähiges Datenportal auf Basis von piveau mit gemeinsamem "
            "Katalog, eigenen Bereichen je Organisation und Harvesting nach GovData."
        ),
        "benefits": (
            "Kleine Kommunen veröffentlichen ohne eigene Technik; regionale Daten sind an "
            "einem Ort; Kosten werden geteilt."
        ),
        "how_it_works": (
            "Partner unterzeichnen eine Kooperationsvereinbarung, erhalten einen Zugang "
            "und eine Schulung. Die Stadt betreibt Technik und Redaktionsleitfaden."
        ),
        "suits": "Oberzentren und ihre Umlandgemeinden; Landkreise mit kreisangehörigen Gemeinden.",
        "description": """\
Seit 2022 mit neun Partnern, darunter Verbandsgemeinden aus dem Landkreis Mainz-Bingen
und die Stadtwerke.

**Beispiele:** Ladesäulen, Wahlergebnisse, Fahrradzählstellen, Haushaltsdaten.
""",
        "topics": ["open-data"],
        "status": "operation",
        "documented_on": "2022-06-13",
        "costs_one_off": (30000, 50000),
        "costs_yearly": (15000, 25000),
        "funding_source": f"{LANDESMITTEL} und Beiträge der Partner",
        "duration": "10 Monate",
        "staff_effort": "Eine halbe Stelle für Betrieb und Beratung der Partner",
        "lessons_learned": (
            "Eine einfache Kooperationsvereinbarung und ein Redaktionsleitfaden sind "
            "wichtiger als Funktionen. Partner brauchen am Anfang eine Hand am Arm."
        ),
        "software": [
            _oss(
                "piveau",
                "Apache-2.0",
                "https://gitlab.com/piveau/hub/piveau-hub-repo",
                "https://www.piveau.de",
            )
        ],
        "partners": ["Budenheim", "Nieder-Olm", "Ingelheim am Rhein"],
        "contact": FISCHER,
    },
    {
        "slug": "parkplatzsensoren-speyer",
        "network": IKONE,
        "owner": "Speyer",
        "title": "Freie Parkplätze per Sensor und Parkleitsystem",
        "summary": (
            "Bodensensoren in der Altstadt erkennen freie Stellplätze und melden sie per "
            "LoRaWAN; Anzeigetafeln, die Website und offene Daten zeigen die Belegung."
        ),
        "problem": (
            "Parksuchverkehr verstopfte die Altstadt rund um den Dom; Anwohner und "
            "Händler beschwerten sich über Lärm und Abgase."
        ),
        "what_it_is": (
            "Rund 400 Bodensensoren auf Kurzzeitparkplätzen, Gateways der Stadtwerke, "
            "eine Datenplattform mit FROST-Server und Anzeigen an den Einfallstraßen."
        ),
        "benefits": (
            "Weniger Suchverkehr, bessere Auslastung der Parkhäuser, Daten für die "
            "Verkehrsplanung und Parkraumbewirtschaftung."
        ),
        "how_it_works": (
            "Die Sensoren melden Belegungswechsel über das LoRaWAN-Netz der Stadtwerke. "
            "Die Plattform berechnet freie Plätze je Zone und gibt sie an Tafeln und als "
            "offene Daten aus."
        ),
        "suits": "Mittelstädte mit Parkdruck in Altstadt oder Zentrum.",
        "description": """\
In Betrieb seit 2022.

## Technik

- Bodensensoren (Magnetfeld und Radar), Batterie ca. 8 Jahre
- LoRaWAN-Netz der Stadtwerke mit 6 Gateways
- Datenplattform mit **FROST-Server** (SensorThings API)

Der Suchverkehr in der Altstadt ging nach Zählungen um etwa 20 % zurück.
""",
        "topics": ["smart-city", "mobilitaet", "open-data"],
        "status": "operation",
        "documented_on": "2022-09-05",
        "costs_one_off": (150000, 250000),
        "costs_yearly": (15000, 25000),
        "funding_source": f"{LANDESMITTEL} und Stadtwerke",
        "duration": "14 Monate",
        "staff_effort": "Verkehrsplanung und Stadtwerke zusammen etwa 2 Tage pro Monat",
        "lessons_learned": (
            "Sensoren in Pflasterflächen sind aufwendiger als gedacht. Die offenen Daten "
            "wurden schnell von Navigations-Apps übernommen."
        ),
        "software": [CHIRPSTACK, FROST],
        "partners": [],
        "contact": WAGNER,
    },
    {
        "slug": "lorawan-stadtnetz-kaiserslautern",
        "network": IKONE,
        "owner": "Kaiserslautern",
        "title": "Stadtweites LoRaWAN-Netz als offene Infrastruktur",
        "summary": (
            "Ein Funknetz für Sensoren deckt das ganze Stadtgebiet ab; Ämter, Stadtwerke, "
            "Hochschule und Vereine können es für eigene Messungen nutzen."
        ),
        "problem": (
            "Jedes Projekt – Pegel, Parken, Bodenfeuchte, Mülleimer – brachte eigene "
            "Funktechnik mit. Das war teuer und schwer zu betreiben."
        ),
        "what_it_is": (
            "Rund 30 LoRaWAN-Gateways auf städtischen Gebäuden, ein zentraler "
            "Netzwerkserver und eine Datenplattform, über die Sensorwerte als offene "
            "Daten veröffentlicht werden."
        ),
        "benefits": (
            "Einmal aufgebaut, kostet jeder weitere Sensor wenig; Daten landen an einem "
            "Ort; Bürgerinnen und Vereine können eigene Sensoren anbinden."
        ),
        "how_it_works": (
            "Die städtische IT betreibt Gateways und Netzwerkserver. Wer einen Sensor "
            "anbinden will, beantragt einen Zugang; Node-RED verteilt die Werte an die "
            "Fachanwendungen."
        ),
        "suits": (
            "Städte, die mehrere Sensorprojekte planen; kleinere Gemeinden können sich "
            "einem regionalen Netz anschließen."
        ),
        "description": """\
Aufgebaut 2020–2022 im Modellprojekt Smart Cities.

## Anwendungen im Netz

- Füllstände von Altglascontainern
- Bodenfeuchte an Stadtbäumen
- Raumklima in Schulen
- Pegel an Lauter und Nebengewässern

Die Gateways laufen auf Dächern von Schulen, Feuerwachen und Stadtwerken.
""",
        "topics": ["smart-city", "infrastruktur"],
        "status": "operation",
        "documented_on": "2021-01-18",
        "costs_one_off": (60000, 100000),
        "costs_yearly": (8000, 15000),
        "funding_source": "Modellprojekte Smart Cities (Bund)",
        "duration": "2 Jahre bis zur vollen Abdeckung",
        "staff_effort": "IT etwa 2 Tage pro Monat",
        "lessons_learned": (
            "Dachstandorte früh mit dem Gebäudemanagement klären. Ein offenes Netz "
            "weckt Ideen bei Schulen und Vereinen – dafür braucht es eine Anlaufstelle."
        ),
        "software": [CHIRPSTACK, NODE_RED, GRAFANA],
        "partners": [],
        "contact": DEMIR,
    },
    {
        "slug": "baumbewaesserung-sensoren-worms",
        "network": IKONE,
        "owner": "Worms",
        "title": "Bodenfeuchte-Sensoren für Stadtbäume",
        "summary": (
            "Sensoren im Wurzelraum junger Straßenbäume messen die Bodenfeuchte; der "
            "Grünflächenbetrieb gießt nur dort, wo es wirklich nötig ist."
        ),
        "problem": (
            "In den heißen Sommern vertrockneten viele Jungbäume, obwohl der "
            "Gießwagen ständig unterwegs war – nach festem Plan statt nach Bedarf."
        ),
        "what_it_is": (
            "Bodenfeuchte-Sensoren in drei Tiefen an 120 Bäumen, Funk über LoRaWAN, "
            "eine Karte mit Ampelfarben für die Gießtouren."
        ),
        "benefits": (
            "Weniger Ausfälle bei Jungbäumen, weniger Wasser und Fahrten, Bürger können "
            "über die Karte Gießpatenschaften übernehmen."
        ),
        "how_it_works": (
            "Die Sensoren melden stündlich; eine Auswertung berechnet den Wasserbedarf je "
            "Baum. Die Gießtour wird morgens anhand der Karte geplant."
        ),
        "suits": "Städte mit vielen Neupflanzungen und Trockenheitsproblemen.",
        "description": """\
Pilot seit 2024 an 120 Bäumen in drei Stadtteilen.

- Wasserverbrauch der Gießtouren um etwa 30 % gesunken
- Ausfallquote bei Jungbäumen halbiert

Die Messwerte stehen als offene Daten zur Verfügung.
""",
        "topics": ["smart-city", "klima-umwelt"],
        "status": "pilot",
        "documented_on": "2024-06-10",
        "costs_one_off": (25000, 40000),
        "costs_yearly": (3000, 6000),
        "funding_source": f"{LANDESMITTEL} (Klimaanpassung)",
        "duration": "2 Jahre Pilot",
        "staff_effort": "Grünflächenbetrieb 1 Tag pro Monat",
        "lessons_learned": (
            "Sensoren beim Pflanzen einbauen, nicht nachträglich. Die Gießkolonne muss "
            "die Karte auf dem Handy haben, sonst fährt sie die alte Tour."
        ),
        "software": [THINGS_STACK, GRAFANA],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "maengelmelder-andernach",
        "network": IKONE,
        "owner": "Andernach",
        "title": "Schaden melden: der Mängelmelder der Stadt",
        "summary": (
            "Über App und Website melden Bürgerinnen und Bürger Schäden im Stadtgebiet mit "
            "Foto und Standort; die Meldung geht direkt an das zuständige Amt."
        ),
        "problem": (
            "Meldungen zu Schlaglöchern, defekten Ampeln oder Müll kamen über viele "
            "Kanäle an und mussten abgetippt und weitergeleitet werden."
        ),
        "what_it_is": (
            "Ein Mängelmelder als Dienst eines Anbieters, angebunden an das "
            "Ticketsystem der Stadt, mit öffentlicher Karte aller Meldungen."
        ),
        "benefits": (
            "Weniger Anrufe, vollständige Meldungen, Transparenz über die Bearbeitung. "
            "Die Auswertung zeigt Schwerpunkte, z. B. wilden Müll an Containerstandorten."
        ),
        "how_it_works": (
            "Meldungen werden automatisch nach Kategorie zugeordnet. Das Amt setzt den "
            "Status; die Meldenden erhalten eine Nachricht."
        ),
        "suits": "Mittel- und Großstädte; mit Ticketsystem im Hintergrund.",
        "description": """\
Seit 2021 rund 3.000 Meldungen pro Jahr.

**Häufigste Kategorien:** Straßenschäden (31 %), Müll (27 %), Beleuchtung (18 %),
Grünflächen (12 %).
""",
        "topics": ["buergerservice", "beteiligung"],
        "status": "operation",
        "documented_on": "2021-09-06",
        "costs_one_off": (5000, 10000),
        "costs_yearly": (4000, 8000),
        "funding_source": EIGENMITTEL,
        "duration": "4 Monate",
        "staff_effort": "Zentrale Koordination etwa 1 Tag pro Woche",
        "lessons_learned": (
            "Zuständigkeiten vorher sauber klären – sonst bleiben Meldungen liegen und "
            "der Ärger ist größer als vorher."
        ),
        "software": [_product("Mängelmelder (SaaS)")],
        "partners": [],
        "contact": SCHMITT,
    },
    {
        "slug": "beteiligungsplattform-mainz",
        "network": IKONE,
        "owner": "Mainz",
        "title": "Beteiligungsplattform für Stadtplanung und Quartiere",
        "summary": (
            "Auf einer Open-Source-Plattform diskutieren Mainzerinnen und Mainzer Planungen, "
            "reichen Vorschläge ein, kommentieren Entwürfe auf der Karte und stimmen ab."
        ),
        "problem": (
            "Bürgerversammlungen erreichten nur einen kleinen, immer gleichen Kreis. "
            "Einwendungen zu Bebauungsplänen kamen spät und auf Papier."
        ),
        "what_it_is": (
            "Eine Decidim-Instanz mit Prozessen für Bauleitplanung, Quartiersentwicklung "
            "und Umfragen; Pläne und Visualisierungen werden eingebettet."
        ),
        "benefits": (
            "Mehr und vielfältigere Beteiligung, frühere Hinweise, nachvollziehbare "
            "Abwägung – jede Rückmeldung erhält eine Antwort."
        ),
        "how_it_works": (
            "Jedes Verfahren ist ein eigener Prozess mit Phasen. Die Fachämter "
            "beantworten Beiträge; Ergebnisse werden veröffentlicht. Ergänzend gibt es "
            "Präsenztermine vor Ort."
        ),
        "suits": (
            "Städte mit regelmäßigen Planungsverfahren; kleinere Gemeinden über "
            "gemeinsame Instanzen."
        ),
        "description": """\
Seit 2021, bisher 27 Verfahren mit zusammen rund 18.000 Beiträgen.

## Bewährte Bausteine

- Kommentare direkt an Planskizzen und Visualisierungen
- Vorschläge mit Unterstützungen
- Rückmeldung der Verwaltung zu jedem Vorschlag
""",
        "topics": ["beteiligung"],
        "status": "operation",
        "documented_on": "2021-10-11",
        "costs_one_off": (20000, 40000),
        "costs_yearly": (8000, 15000),
        "funding_source": EIGENMITTEL,
        "duration": "6 Monate",
        "staff_effort": "Eine Stelle Beteiligungskoordination",
        "lessons_learned": (
            "Beteiligung nur, wo es etwas zu entscheiden gibt. Antworten der Verwaltung "
            "zeitnah geben – das kostet mehr Zeit als die Technik."
        ),
        "software": [DECIDIM],
        "partners": [],
        "contact": FISCHER,
    },
    {
        "slug": "buergerhaushalt-trier",
        "network": IKONE,
        "owner": "Trier",
        "title": "Bürgerhaushalt online",
        "summary": (
            "Einwohnerinnen und Einwohner schlagen vor, wofür ein Teil des Haushalts "
            "ausgegeben wird, und entscheiden online über ein festes Budget für Projekte "
            "in den Stadtteilen."
        ),
        "problem": (
            "Der Haushalt war für die meisten Menschen eine Blackbox. Kleine Wünsche – "
            "Bänke, Spielgeräte, Beleuchtung – gingen in großen Beratungen unter."
        ),
        "what_it_is": (
            "Ein Bürgerbudget mit Vorschlagsphase, Prüfung durch die Verwaltung und "
            "Abstimmung auf der Plattform CONSUL Democracy."
        ),
        "benefits": (
            "Verständnis für den Haushalt, sichtbare Projekte in den Stadtteilen, "
            "hohe Beteiligung auch junger Menschen."
        ),
        "how_it_works": (
            "Jedes Jahr stehen 150.000 Euro bereit. Vorschläge werden online und im "
            "Bürgerbüro gesammelt, von den Ämtern auf Machbarkeit geprüft und dann zur "
            "Abstimmung gestellt."
        ),
        "suits": "Städte und größere Gemeinden, die ein festes Budget reservieren können.",
        "description": """\
Die Plattform läuft seit 2022.

| Jahr | Vorschläge | Abstimmende | umgesetzt |
|---|---|---|---|
| 2023 | 412 | 5.800 | 14 |
| 2025 | 530 | 7.100 | 17 |

Umgesetzt wurden u. a. Trinkbrunnen, Sitzbänke an der Mosel und ein Bolzplatz.
""",
        "topics": ["beteiligung"],
        "status": "operation",
        "documented_on": "2022-05-09",
        "costs_one_off": (15000, 30000),
        "costs_yearly": (150000, 170000),
        "funding_source": EIGENMITTEL,
        "duration": "Jährlicher Zyklus von 9 Monaten",
        "staff_effort": "Eine halbe Stelle im Büro des Oberbürgermeisters",
        "lessons_learned": (
            "Die Prüfung durch die Ämter muss gut geplant sein, sonst stockt der "
            "Zeitplan. Umgesetzte Projekte sichtbar kennzeichnen (Schild „Bürgerbudget“)."
        ),
        "software": [CONSUL],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "terminbuchung-buergeramt-koblenz",
        "network": IKONE,
        "owner": "Koblenz",
        "title": "Terminbuchung für Bürgeramt und Zulassungsstelle",
        "summary": (
            "Eine Open-Source-Terminverwaltung steuert Termine, Wartenummern und "
            "Aufrufanzeigen für Bürgeramt, Zulassung und Ausländerbehörde."
        ),
        "problem": (
            "Lange Schlangen im Bürgeramt und an der Zulassungsstelle, überlastete "
            "Telefone und ungleich verteilte Arbeit zwischen den Tagen."
        ),
        "what_it_is": (
            "Das Zeitmanagementsystem ZMS, ein Open-Source-Projekt mehrerer Großstädte, "
            "mit Online-Buchung, Wartenummern und Statistik."
        ),
        "benefits": (
            "Wartezeiten unter 15 Minuten, planbare Arbeit, Auswertungen für die "
            "Personalbemessung; keine Lizenzkosten."
        ),
        "how_it_works": (
            "Termine werden online oder telefonisch gebucht; Spontankunden ziehen eine "
            "Nummer. Die Sachbearbeitung ruft über die Anzeige auf."
        ),
        "suits": "Städte mit mehreren Dienststellen und hohem Publikumsverkehr.",
        "description": """\
Seit 2023 in Betrieb an 46 Arbeitsplätzen.

- 82 % der Kundschaft kommt mit Termin
- Nicht wahrgenommene Termine sanken dank Erinnerung auf 6 %
""",
        "topics": ["buergerservice"],
        "status": "operation",
        "documented_on": "2023-07-03",
        "costs_one_off": (30000, 50000),
        "costs_yearly": (8000, 12000),
        "funding_source": EIGENMITTEL,
        "duration": "9 Monate",
        "staff_effort": "IT und Organisation zusammen 1 Tag pro Woche",
        "lessons_learned": (
            "Open Source heißt nicht kostenlos: Betrieb und Anpassungen brauchen Leute "
            "oder einen Dienstleister. Die Community der anderen Städte hilft."
        ),
        "software": [
            _oss(
                "ZMS – Zeitmanagementsystem (eappointment)",
                "EUPL-1.2",
                "https://github.com/it-at-m/eappointment",
            )
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "e-akte-landau",
        "network": IKONE,
        "owner": "Landau in der Pfalz",
        "title": "E-Akte stadtweit mit zentraler Scanstelle",
        "summary": (
            "Die Stadtverwaltung führt alle Akten elektronisch; eine zentrale Scanstelle "
            "digitalisiert den Posteingang am Tag des Eingangs."
        ),
        "problem": (
            "Akten wanderten per Hauspost zwischen Ämtern, Bearbeitungszeiten waren lang, "
            "und Vorgänge gingen verloren."
        ),
        "what_it_is": (
            "Ein Dokumentenmanagementsystem mit elektronischer Vorgangsbearbeitung, "
            "ersetzendem Scannen nach TR-RESISCAN und Anbindung an die Fachverfahren."
        ),
        "benefits": (
            "Paralleles Arbeiten an Vorgängen, Auskunft in Sekunden, mobiles Arbeiten, "
            "Platz in Archiven."
        ),
        "how_it_works": (
            "Der Posteingang wird zentral geöffnet, gescannt und nach Aktenplan zugeordnet. "
            "Papier wird nach drei Monaten vernichtet."
        ),
        "suits": "Städte und Verbandsgemeinden; ersetzendes Scannen lohnt sich ab mittlerer Größe.",
        "description": """\
Eingeführt zwischen 2019 und 2024 in allen Ämtern.

## Meilensteine

1. Aktenplan und Organisationsverfügung
2. Scanstelle mit zwei Hochleistungsscannern
3. Ämterweise Einführung, zuletzt das Bauamt
""",
        "topics": ["verwaltung-intern"],
        "status": "operation",
        "documented_on": "2023-06-12",
        "costs_one_off": (200000, 350000),
        "costs_yearly": (40000, 60000),
        "funding_source": EIGENMITTEL,
        "duration": "5 Jahre",
        "staff_effort": "Projektteam mit 2 Stellen, Scanstelle mit 3 Stellen",
        "lessons_learned": (
            "Scanstelle zuerst aufbauen, dann die Ämter umstellen. Der Personalrat "
            "sollte von Anfang an beteiligt sein."
        ),
        "software": [_product("Dokumentenmanagementsystem (E-Akte)")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "chatbot-website-zweibruecken",
        "network": IKONE,
        "owner": "Zweibrücken",
        "title": "Chatbot auf der Stadtwebsite",
        "summary": (
            "Ein Chatbot sollte rund um die Uhr Fragen zu Verwaltungsleistungen beantworten "
            "und die Telefonzentrale entlasten. Nach zwei Jahren eingestellt."
        ),
        "problem": (
            "Die Telefonzentrale war überlastet; viele Anrufe betrafen Öffnungszeiten, "
            "Unterlagen und Zuständigkeiten."
        ),
        "what_it_is": (
            "Ein regelbasierter Chatbot eines Anbieters, trainiert mit Fragen und "
            "Antworten aus dem Leistungskatalog."
        ),
        "benefits": "Geplant: Erreichbarkeit rund um die Uhr und weniger Anrufe.",
        "how_it_works": (
            "Der Chatbot erkannte Fragen anhand von Schlüsselwörtern und antwortete mit "
            "hinterlegten Texten und Links."
        ),
        "suits": (
            "Nach unserer Erfahrung nur mit dauerhafter Redaktion; eine gute Suche und "
            "aktuelle Leistungsbeschreibungen helfen oft mehr."
        ),
        "description": """\
Betrieben von 2021 bis 2023.

## Warum wir aufgehört haben

- Nur etwa 40 % der Fragen wurden richtig verstanden
- Die Pflege der Antworten kostete mehr Zeit als erwartet
- Die Anrufe in der Zentrale gingen nicht messbar zurück

Stattdessen haben wir die Leistungsbeschreibungen überarbeitet und die Website-Suche verbessert.
""",
        "topics": ["buergerservice", "kommunikation"],
        "status": "discontinued",
        "documented_on": "2021-04-12",
        "discontinued_reason": (
            "Der Chatbot verstand zu viele Fragen falsch, die Pflege war aufwendig, und die "
            "Telefonzentrale wurde nicht spürbar entlastet."
        ),
        "costs_one_off": (10000, 15000),
        "costs_yearly": (6000, 9000),
        "funding_source": EIGENMITTEL,
        "duration": "2 Jahre Betrieb",
        "staff_effort": "Redaktion etwa 1 Tag pro Woche",
        "lessons_learned": (
            "Vorher messen, welche Fragen wirklich kommen. Ohne Redaktion veralten die "
            "Antworten schnell. Neuere Sprachmodelle könnten besser sein, brauchen aber "
            "genauso eine geprüfte Wissensbasis."
        ),
        "software": [_product("Chatbot (SaaS)")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "stadt-app-neuwied",
        "network": IKONE,
        "owner": "Neuwied",
        "title": "Stadt-App mit Push-Nachrichten und Veranstaltungen",
        "summary": (
            "Die Stadt-App bündelt Nachrichten der Verwaltung, Veranstaltungen, "
            "Baustellen, Abfalltermine und Warnmeldungen und informiert per Push."
        ),
        "problem": (
            "Informationen der Stadt verteilten sich auf Website, Presse und soziale "
            "Medien. Viele Einwohner erfuhren von Sperrungen oder Veranstaltungen zu spät."
        ),
        "what_it_is": (
            "Eine App mit Themenabos, Veranstaltungskalender (gespeist aus dem "
            "Stadtmarketing), Baustellenkarte und Anbindung an das Warnsystem."
        ),
        "benefits": (
            "Direkter Kanal zu den Einwohnern ohne Algorithmus sozialer Netzwerke; "
            "jeder abonniert nur, was ihn interessiert."
        ),
        "how_it_works": (
            "Die Pressestelle schreibt Nachrichten einmal und veröffentlicht sie auf "
            "Website und App. Baustellen kommen aus dem Tiefbauamt, Termine vom Stadtmarketing."
        ),
        "suits": "Städte mit Pressestelle und Stadtmarketing.",
        "description": """\
Seit 2022 rund 14.000 Installationen.

**Am meisten abonniert:** Abfallkalender, Verkehr und Baustellen, Veranstaltungen am
Wochenende.
""",
        "topics": ["kommunikation"],
        "status": "operation",
        "documented_on": "2023-11-20",
        "costs_one_off": (20000, 35000),
        "costs_yearly": (8000, 12000),
        "funding_source": EIGENMITTEL,
        "duration": "7 Monate",
        "staff_effort": "Pressestelle etwa 4 Stunden pro Woche",
        "lessons_learned": (
            "Themenabos statt Push an alle. Ein Inhalt, viele Kanäle: Die App darf keine "
            "zusätzliche Redaktion brauchen."
        ),
        "software": [_product("Stadt-App (Plattform eines Anbieters)")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "stadt-dashboard-bad-kreuznach",
        "network": IKONE,
        "owner": "Bad Kreuznach",
        "title": "Stadt-Dashboard mit Echtzeitdaten",
        "summary": (
            "Ein Dashboard führt Daten aus Verkehr, Parken, Umwelt, Bürgerservice und "
            "Energie zusammen, damit Verwaltungsspitze und Öffentlichkeit den Zustand der "
            "Stadt auf einen Blick sehen."
        ),
        "problem": (
            "Kennzahlen lagen in vielen Fachverfahren und Tabellen; Berichte für den "
            "Stadtvorstand wurden von Hand zusammengestellt und waren veraltet."
        ),
        "what_it_is": (
            "Eine urbane Datenplattform auf Basis von FIWARE mit Dashboards in Grafana: "
            "intern für die Steuerung, öffentlich für ausgewählte Kennzahlen."
        ),
        "benefits": (
            "Schnellere Entscheidungen, Probleme werden früher sichtbar (z. B. lange "
            "Wartezeiten im Bürgerbüro), Transparenz nach außen."
        ),
        "how_it_works": (
            "Schnittstellen holen Daten aus Parkhäusern, Sensoren, Terminvergabe und "
            "Energiezählern. Jede Kennzahl hat eine verantwortliche Stelle."
        ),
        "suits": "Mittel- und Großstädte mit mehreren Datenquellen.",
        "description": """\
Pilot seit 2025 mit 18 Kennzahlen.

## Beispiele

- Belegung der Parkhäuser
- Luftqualität und Temperatur
- Wartezeit im Bürgerbüro
- Energieverbrauch der Schulen
""",
        "topics": ["smart-city", "open-data", "verwaltung-intern"],
        "status": "pilot",
        "documented_on": "2025-05-19",
        "costs_one_off": (40000, 70000),
        "costs_yearly": (10000, 20000),
        "funding_source": LANDESMITTEL,
        "duration": "1 Jahr Pilot",
        "staff_effort": "Stabsstelle Digitalisierung 2 Tage pro Woche",
        "lessons_learned": (
            "Wenige, gut erklärte Kennzahlen sind mehr wert als viele bunte Kacheln. Ohne "
            "Verantwortliche für die Daten veraltet das Dashboard."
        ),
        "software": [
            _oss(
                "FIWARE Orion Context Broker",
                "AGPL-3.0-only",
                "https://github.com/telefonicaid/fiware-orion",
            ),
            GRAFANA,
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "schul-it-service-ingelheim",
        "network": IKONE,
        "owner": "Ingelheim am Rhein",
        "title": "Zentraler IT-Service für die Schulen der Stadt",
        "summary": (
            "Ein städtisches Team betreut Netz, WLAN und Geräte aller Schulen, mit "
            "Ticketsystem, festen Vor-Ort-Zeiten und einheitlicher Ausstattung."
        ),
        "problem": (
            "Lehrkräfte kümmerten sich nebenbei um die Technik. Störungen im WLAN und "
            "defekte Geräte blieben oft wochenlang liegen."
        ),
        "what_it_is": (
            "Ein IT-Serviceteam des Schulträgers mit Helpdesk auf Basis von Zammad, "
            "Standards für Netz und Geräte und einem Lager für Ersatzgeräte."
        ),
        "benefits": (
            "Lehrkräfte können unterrichten statt reparieren; Störungen werden in der "
            "Regel in zwei Tagen behoben."
        ),
        "how_it_works": (
            "Schulen melden Störungen per Ticket oder Telefon. Jedes Teammitglied ist "
            "festen Schulen zugeordnet und einmal pro Woche vor Ort."
        ),
        "suits": "Schulträger ab etwa fünf Schulen; kleinere können gemeinsam ein Team aufbauen.",
        "description": """\
Seit 2022 betreut ein Team aus vier Personen elf Schulen mit rund 2.500 Geräten.

**Service-Zusagen:** Reaktion am selben Tag, Behebung in zwei Schultagen, Ersatzgerät
sofort.
""",
        "topics": ["bildung", "infrastruktur"],
        "status": "operation",
        "documented_on": "2024-07-08",
        "costs_one_off": (20000, 40000),
        "costs_yearly": (250000, 320000),
        "funding_source": "DigitalPakt Schule (Administration) und Eigenmittel",
        "duration": "1 Jahr Aufbau",
        "staff_effort": "4 Stellen IT-Service",
        "lessons_learned": (
            "Ein fester Ansprechpartner je Schule schafft Vertrauen. Standards "
            "durchsetzen: Sonderwünsche einzelner Schulen kosten viel Zeit."
        ),
        "software": [
            _oss("Zammad", "AGPL-3.0-only", "https://github.com/zammad/zammad"),
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "makerspace-bibliothek-lahnstein",
        "network": IKONE,
        "owner": "Lahnstein",
        "title": "Makerspace in der Stadtbibliothek",
        "summary": (
            "In der Stadtbibliothek gibt es eine offene Werkstatt mit 3D-Druckern, "
            "Lasercutter, Robotik-Baukästen und Programmierkursen für Kinder und Jugendliche."
        ),
        "problem": (
            "Kinder und Jugendliche hatten kaum Gelegenheit, Technik selbst auszuprobieren; "
            "die Bibliothek suchte neue Angebote für junge Menschen."
        ),
        "what_it_is": (
            "Ein Raum mit Werkbänken und Geräten, offene Werkstattzeiten, Kurse mit "
            "Ehrenamtlichen und Schulklassen, Ausleihe von Robotik-Sets."
        ),
        "benefits": (
            "Digitale Bildung zum Anfassen, die Bibliothek wird Treffpunkt; Kooperation "
            "mit Schulen und Handwerk."
        ),
        "how_it_works": (
            "Zweimal pro Woche offene Werkstatt, vormittags Schulklassen. Ehrenamtliche "
            "aus einem Technikverein betreuen die Geräte."
        ),
        "suits": "Städte und Gemeinden mit Bibliothek, Jugendhaus oder Schulzentrum.",
        "description": """\
Seit 2023; rund 2.000 Besuche pro Jahr.

## Angebote

- Programmieren mit **Scratch** für 8- bis 12-Jährige
- 3D-Druck-Führerschein
- Robotik-AG mit der Realschule plus
- Repair-Café einmal im Monat
""",
        "topics": ["bildung", "jugend", "kreativwirtschaft"],
        "status": "operation",
        "documented_on": "2025-03-10",
        "costs_one_off": (15000, 30000),
        "costs_yearly": (3000, 6000),
        "funding_source": f"{LANDESMITTEL} (Bibliotheksförderung) und Sponsoren",
        "duration": "6 Monate",
        "staff_effort": "Bibliothek 1 Tag pro Woche, Ehrenamtliche",
        "lessons_learned": (
            "Ohne Ehrenamtliche mit Technikverstand geht es nicht. Einfache Geräte "
            "zuerst; der Lasercutter braucht eine Einweisung und Aufsicht."
        ),
        "software": [
            _oss("Scratch", "BSD-3-Clause", "https://github.com/scratchfoundation/scratch-gui"),
            _oss("PrusaSlicer", "AGPL-3.0-only", "https://github.com/prusa3d/PrusaSlicer"),
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "digitaler-stadtgutschein-landau",
        "network": IKONE,
        "owner": "Landau in der Pfalz",
        "title": "Digitaler Stadtgutschein für den Einzelhandel",
        "summary": (
            "Ein Stadtgutschein als Karte oder im Smartphone, einlösbar in über 150 "
            "Geschäften, Restaurants und Dienstleistern – abgerechnet automatisch."
        ),
        "problem": (
            "Die Papiergutscheine der Werbegemeinschaft waren fälschungsanfällig, die "
            "Abrechnung mit den Geschäften aufwendig, und Kaufkraft floss ins Internet ab."
        ),
        "what_it_is": (
            "Ein Gutscheinsystem eines Anbieters mit Online-Kauf, Einlösung per "
            "Kartenterminal oder App und monatlicher Auszahlung an die Geschäfte."
        ),
        "benefits": (
            "Kaufkraft bleibt in der Stadt, auch Arbeitgeber nutzen ihn als steuerfreien "
            "Sachbezug; kein Betrug, keine Zettelwirtschaft."
        ),
        "how_it_works": (
            "Das Stadtmarketing betreibt das System, Geschäfte schließen einen "
            "Akzeptanzvertrag. Gutscheine werden online, in der Tourist-Info und in "
            "Banken verkauft."
        ),
        "suits": "Städte mit aktiver Werbegemeinschaft oder Stadtmarketing.",
        "description": """\
Seit 2021; 2025 wurden Gutscheine für rund 1,2 Mio. Euro verkauft, knapp die Hälfte
über Arbeitgeber.
""",
        "topics": ["wirtschaft-online-handel"],
        "status": "operation",
        "documented_on": "2023-05-22",
        "costs_one_off": (10000, 20000),
        "costs_yearly": (5000, 10000),
        "funding_source": f"{LANDESMITTEL} (Innenstadt-Impulse) und Stadtmarketing",
        "duration": "5 Monate",
        "staff_effort": "Stadtmarketing etwa 1 Tag pro Woche",
        "lessons_learned": (
            "Arbeitgeber sind der größte Hebel – gezielt ansprechen. Einlösung muss für "
            "Geschäfte ohne neue Hardware möglich sein."
        ),
        "software": [_product("Stadtgutschein-System (SaaS)")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "online-schaufenster-woerth",
        "network": IKONE,
        "owner": "Wörth am Rhein",
        "title": "Online-Schaufenster der Wörther Geschäfte",
        "summary": (
            "Eine gemeinsame Website stellt alle Geschäfte, Gastronomen und Dienstleister "
            "der Stadt mit Fotos, Öffnungszeiten und Angeboten vor – ohne Warenkorb."
        ),
        "problem": (
            "Die Geschäfte waren im Netz kaum auffindbar; einen eigenen Onlineshop zu "
            "pflegen, fehlte ihnen die Zeit."
        ),
        "what_it_is": (
            "Ein Schaufenster auf Basis von WordPress, gepflegt vom Citymanagement, mit "
            "Profilen der Betriebe, Aktionen und Hinweisen zu Click & Collect."
        ),
        "benefits": (
            "Sichtbarkeit ohne Aufwand für die Händler, bessere Auffindbarkeit in "
            "Suchmaschinen, ein gemeinsamer Auftritt der Innenstadt."
        ),
        "how_it_works": (
            "Das Citymanagement besucht die Betriebe, fotografiert und legt Profile an. "
            "Aktionen schicken die Geschäfte per E-Mail oder Messenger."
        ),
        "suits": "Klein- und Mittelstädte mit Citymanagement; Alternative zu einem Marktplatz.",
        "description": """\
Seit 2022 mit 96 Betrieben.

**Warum kein Marktplatz:** Wir haben mit Gemeinden gesprochen, deren Online-Marktplätze
wieder eingestellt wurden. Ein Schaufenster braucht keine Warenbestände und wird gepflegt,
weil das Citymanagement es übernimmt.
""",
        "topics": ["wirtschaft-online-handel", "nahversorgung"],
        "status": "operation",
        "documented_on": "2022-04-25",
        "costs_one_off": (8000, 15000),
        "costs_yearly": (2000, 4000),
        "funding_source": f"{LANDESMITTEL} (Innenstadt-Impulse)",
        "duration": "4 Monate",
        "staff_effort": "Citymanagement etwa 4 Stunden pro Woche",
        "lessons_learned": (
            "Die Händler nicht mit Technik belasten – Pflege als Service anbieten. "
            "Profile in Kartendiensten gleich mit aktualisieren."
        ),
        "software": [
            _oss("WordPress", "GPL-2.0-or-later", "https://github.com/WordPress/WordPress")
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "zwischennutzung-leerstand-zweibruecken",
        "network": IKONE,
        "owner": "Zweibrücken",
        "title": "Leerstände für Kreative: Zwischennutzung per Online-Börse",
        "summary": (
            "Eine Börse bringt leere Ladenlokale und Kreative, Start-ups und Vereine "
            "zusammen; die Stadt vermittelt befristete Mietverträge zu günstigen Konditionen."
        ),
        "problem": (
            "Viele Ladenlokale in der Fußgängerzone standen seit Jahren leer. Die "
            "Innenstadt verlor an Leben, Eigentümer fanden keine Mieter."
        ),
        "what_it_is": (
            "Ein Leerstandskataster mit öffentlicher Börse, Musterverträgen für "
            "Zwischennutzungen und einem Zuschuss zur Miete in den ersten Monaten."
        ),
        "benefits": (
            "Belebte Schaufenster, Gründer testen Ideen ohne großes Risiko, Eigentümer "
            "finden langfristige Mieter."
        ),
        "how_it_works": (
            "Das Citymanagement erfasst Leerstände und spricht Eigentümer an. "
            "Interessierte bewerben sich online; eine Jury wählt Konzepte aus."
        ),
        "suits": "Mittelstädte mit Leerstand in der Innenstadt.",
        "description": """\
Seit 2022 wurden 23 Ladenlokale zwischengenutzt, neun davon sind heute regulär vermietet.

**Beispiele:** Atelier einer Keramikerin, Repair-Café, Pop-up-Store regionaler Designer,
Probebühne eines Theatervereins.
""",
        "topics": ["kreativwirtschaft", "wirtschaft-online-handel"],
        "status": "operation",
        "documented_on": "2022-08-08",
        "costs_one_off": (5000, 10000),
        "costs_yearly": (30000, 50000),
        "funding_source": f"{LANDESMITTEL} (Innenstadt-Impulse)",
        "duration": "6 Monate bis zur ersten Zwischennutzung",
        "staff_effort": "Citymanagement etwa 1 Tag pro Woche",
        "lessons_learned": (
            "Eigentümer gewinnt man mit einem Mustervertrag, der die Rückgabe klar regelt. "
            "Mietzuschüsse befristen."
        ),
        "software": [
            _oss("Drupal", "GPL-2.0-or-later", "https://git.drupalcode.org/project/drupal")
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "smarte-strassenbeleuchtung-woerth",
        "network": IKONE,
        "owner": "Wörth am Rhein",
        "title": "LED-Straßenbeleuchtung mit Fernsteuerung und Dimmung",
        "summary": (
            "Die Straßenlaternen wurden auf LED umgestellt und mit Funkmodulen versehen; "
            "nachts wird gedimmt, bei Bewegung hochgeregelt, Störungen melden sich selbst."
        ),
        "problem": (
            "Die Straßenbeleuchtung verursachte einen großen Teil der Stromkosten der Stadt "
            "und brannte die ganze Nacht mit voller Leistung."
        ),
        "what_it_is": (
            "LED-Leuchten mit Steuermodulen, ein Lichtmanagementsystem und "
            "Bewegungsmelder an Fuß- und Radwegen."
        ),
        "benefits": (
            "Rund 70 % weniger Stromverbrauch, weniger Lichtverschmutzung, "
            "Ausfälle werden automatisch gemeldet."
        ),
        "how_it_works": (
            "Das Lichtmanagementsystem steuert Zeitprofile je Straße; Bewegungsmelder "
            "heben die Helligkeit für einige Minuten an."
        ),
        "suits": (
            "Jede Kommune mit eigener Straßenbeleuchtung; gefördert über die Kommunalrichtlinie."
        ),
        "description": """\
Umgestellt 2021–2023: 3.400 Leuchten.

- Stromverbrauch: von 1,3 Mio. kWh auf 0,4 Mio. kWh pro Jahr
- Dimmung auf 30 % zwischen 23 und 5 Uhr
""",
        "topics": ["smart-city", "klima-umwelt", "infrastruktur"],
        "status": "operation",
        "documented_on": "2021-03-22",
        "costs_one_off": (900000, 1300000),
        "costs_yearly": (10000, 20000),
        "funding_source": "Kommunalrichtlinie (Nationale Klimaschutzinitiative)",
        "duration": "2 Jahre",
        "staff_effort": "Tiefbauamt 1 Tag pro Woche während der Umrüstung",
        "lessons_learned": (
            "Anwohner vorab über die Dimmung informieren. Den Netzbetreiber früh "
            "einbinden, wenn ihm die Anlagen gehören."
        ),
        "software": [_product("Lichtmanagementsystem des Leuchtenherstellers")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "energiemonitoring-schulen-mayen",
        "network": IKONE,
        "owner": "Mayen",
        "title": "Energiemonitoring in Schulen und Turnhallen",
        "summary": (
            "Geplant: Strom- und Wärmezähler der städtischen Schulen und Sporthallen "
            "werden digital ausgelesen; Schülerinnen und Schüler werden Energiedetektive."
        ),
        "problem": (
            "Die Energiekosten der Schulgebäude haben sich seit 2021 fast verdoppelt. "
            "Die Stadt weiß nicht, in welchen Gebäuden und zu welchen Zeiten verbraucht wird."
        ),
        "what_it_is": (
            "Digitale Zähler und ein Energiemanagementsystem für 14 Gebäude, "
            "verbunden mit einem Energiesparprojekt in den Schulen."
        ),
        "benefits": (
            "Einsparungen durch Transparenz und Verhalten, Daten für die Sanierungsplanung, "
            "Umweltbildung."
        ),
        "how_it_works": (
            "Ausschreibung der Zähler und Software 2026, Start in drei Pilotgebäuden; "
            "Schulen erhalten einen Teil der Einsparung als Prämie."
        ),
        "suits": "Städte und Schulträger mit vielen Gebäuden.",
        "description": """\
In Planung. Wir haben uns Lösungen in anderen Kommunen angesehen und wollen vom
Netzwerk lernen, wie man die Hausmeister einbindet.
""",
        "topics": ["klima-umwelt", "bildung"],
        "status": "planning",
        "documented_on": "2025-10-06",
        "costs_one_off": (40000, 70000),
        "costs_yearly": (4000, 8000),
        "funding_source": "Kommunalrichtlinie (Nationale Klimaschutzinitiative)",
        "duration": "Geplant 12 Monate",
        "staff_effort": "Klimaschutzmanagement",
        "lessons_learned": "",
        "software": [],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "digitales-stadtmodell-trier",
        "network": IKONE,
        "owner": "Trier",
        "title": "3D-Stadtmodell für Planung und Beteiligung",
        "summary": (
            "Ein digitales 3D-Modell der Stadt zeigt geplante Gebäude im Bestand, mit "
            "Schattenwurf und Sichtachsen – im Browser für Verwaltung, Rat und Bürgerschaft."
        ),
        "problem": (
            "Bei Bauvorhaben konnten sich Anwohner Höhe und Wirkung neuer Gebäude nicht "
            "vorstellen; Pläne auf Papier führten zu Missverständnissen und Streit."
        ),
        "what_it_is": (
            "Ein Stadtmodell aus Vermessungsdaten des Landes (LoD2), gespeichert in der "
            "3DCityDB, dargestellt mit CesiumJS; Planungen werden als Varianten eingeblendet."
        ),
        "benefits": (
            "Verständliche Planung, sachlichere Diskussionen, bessere Entscheidungen "
            "zu Höhen, Abständen und Verschattung."
        ),
        "how_it_works": (
            "Das Vermessungsamt pflegt das Modell; Planungsbüros liefern Entwürfe in "
            "einem festgelegten Format. Bei Bürgerversammlungen wird das Modell gezeigt "
            "und online freigegeben."
        ),
        "suits": "Städte mit Planungsverfahren in dichter Bebauung oder am Denkmal.",
        "description": """\
Pilot seit 2025 bei zwei Bebauungsplänen.

- Schattenwurf zu jeder Jahres- und Tageszeit
- Sichtachsen auf Porta Nigra und Dom
- Varianten nebeneinander vergleichen
""",
        "topics": ["smart-city", "beteiligung", "open-data"],
        "status": "pilot",
        "documented_on": "2025-03-24",
        "costs_one_off": (50000, 90000),
        "costs_yearly": (5000, 10000),
        "funding_source": LANDESMITTEL,
        "duration": "1 Jahr Pilot",
        "staff_effort": "Vermessungsamt 2 Tage pro Woche",
        "lessons_learned": (
            "Die Landesdaten sind ein guter Start; Details (Dachformen, Bäume) braucht man "
            "nur im Planungsgebiet."
        ),
        "software": [
            _oss("3DCityDB", "Apache-2.0", "https://github.com/3dcitydb/3dcitydb"),
            _oss("CesiumJS", "Apache-2.0", "https://github.com/CesiumGS/cesium"),
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "wlan-altstadt-katzenelnbogen",
        "network": IKONE,
        "owner": "Katzenelnbogen",
        "title": "Freies WLAN in der Altstadt und am Freibad",
        "summary": (
            "Kostenloses WLAN auf Marktplatz, an der Burg und im Freibad, finanziert über "
            "den EU-Gutschein WiFi4EU, mit einfacher Anmeldung ohne Registrierung."
        ),
        "problem": (
            "Gäste und Einheimische hatten an beliebten Orten schlechten Mobilfunkempfang; "
            "Veranstalter wünschten sich Internet für Kartenzahlung und Streams."
        ),
        "what_it_is": (
            "Sieben Außen-Access-Points mit Hotspot-Dienst eines Anbieters, "
            "gefördert mit 15.000 Euro aus WiFi4EU."
        ),
        "benefits": (
            "Mehr Aufenthaltsqualität, Gäste finden Informationen vor Ort, Händler und "
            "Veranstalter profitieren."
        ),
        "how_it_works": (
            "Die Stadt hat sich um den Gutschein beworben, ein Dienstleister hat "
            "installiert und betreibt den Hotspot; die Stadt zahlt die Anschlüsse."
        ),
        "suits": "Kleinstädte und Tourismusorte; WiFi4EU-Nachfolger und Landesprogramme prüfen.",
        "description": """\
Seit 2021 im Betrieb, im Sommer bis zu 600 Nutzende am Tag.
""",
        "topics": ["infrastruktur", "tourismus-kultur"],
        "status": "operation",
        "documented_on": "2021-06-28",
        "costs_one_off": (15000, 20000),
        "costs_yearly": (1500, 3000),
        "funding_source": "WiFi4EU (EU) und Eigenmittel",
        "duration": "6 Monate",
        "staff_effort": "Kaum Aufwand, Betrieb durch Dienstleister",
        "lessons_learned": (
            "Standorte für Access Points an denkmalgeschützten Gebäuden brauchen Geduld. "
            "Die Anschlusskosten nach Ende der Förderung einplanen."
        ),
        "software": [_product("WLAN-Hotspot-Dienst")],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "videokonferenzen-eigener-server-bad-kreuznach",
        "network": IKONE,
        "owner": "Bad Kreuznach",
        "title": "Videokonferenzen aus dem eigenen Rechenzentrum",
        "summary": (
            "Besprechungen, Gremiensitzungen und Bürgerberatungen laufen über "
            "selbst betriebene Open-Source-Videokonferenzen statt über Dienste aus Übersee."
        ),
        "problem": (
            "Seit der Pandemie arbeiten viele Beschäftigte mobil. Kostenlose US-Dienste "
            "wurden genutzt, was Datenschutzbeauftragte und Personalrat ablehnten."
        ),
        "what_it_is": (
            "BigBlueButton für Besprechungen und Schulungen, Nextcloud Talk für kurze "
            "Gespräche, betrieben im Rechenzentrum der Stadt."
        ),
        "benefits": (
            "Datenschutzkonforme Videokonferenzen ohne Lizenzkosten pro Person; volle "
            "Kontrolle über Daten und Aufzeichnungen."
        ),
        "how_it_works": (
            "Die IT betreibt zwei Server; Beschäftigte melden sich mit ihrem Dienstkonto "
            "an, externe Gäste über einen Link."
        ),
        "suits": "Städte und Verbandsgemeinden mit eigener IT oder kommunalem Rechenzentrum.",
        "description": """\
Seit 2020 im Einsatz, heute rund 400 Konferenzen pro Monat.

**Auch genutzt für:** Sprechstunden des Bürgerbüros per Video, Schulungen, hybride
Ausschusssitzungen.
""",
        "topics": ["verwaltung-intern"],
        "status": "operation",
        "documented_on": "2020-06-15",
        "costs_one_off": (5000, 10000),
        "costs_yearly": (3000, 6000),
        "funding_source": EIGENMITTEL,
        "duration": "6 Wochen",
        "staff_effort": "IT etwa 2 Tage pro Monat",
        "lessons_learned": (
            "Gute Headsets sind wichtiger als die Software. Für große Veranstaltungen "
            "die Serverleistung vorher testen."
        ),
        "software": [
            _oss(
                "BigBlueButton",
                "LGPL-3.0-or-later",
                "https://github.com/bigbluebutton/bigbluebutton",
            ),
            NEXTCLOUD,
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "pflegeplatzfinder-worms",
        "network": IKONE,
        "owner": "Worms",
        "title": "Freie Pflegeplätze tagesaktuell online",
        "summary": (
            "Pflegeheime, Kurzzeit- und Tagespflege melden freie Plätze in ein Portal; "
            "Angehörige, Sozialdienste der Kliniken und der Pflegestützpunkt sehen sie sofort."
        ),
        "problem": (
            "Angehörige und Kliniksozialdienste telefonierten tagelang Einrichtungen ab, "
            "um einen freien Platz zu finden, oft unter Zeitdruck nach einem Krankenhausaufenthalt."
        ),
        "what_it_is": (
            "Eine Open-Source-Pflegeplatzbörse, entwickelt mit dem Pflegestützpunkt und "
            "veröffentlicht auf openCoDE, betrieben von der Stadt."
        ),
        "benefits": (
            "Schnellere Vermittlung, weniger Anrufe in den Einrichtungen, Überblick für "
            "die Pflegeplanung."
        ),
        "how_it_works": (
            "Einrichtungen aktualisieren ihre freien Plätze mit einem Klick; Einträge "
            "älter als drei Tage werden ausgegraut. Der Pflegestützpunkt berät dazu."
        ),
        "suits": "Städte und Landkreise mit mehreren Pflegeeinrichtungen.",
        "description": """\
Seit 2023 mit 31 Einrichtungen aus Stadt und Umland.

Der Quellcode steht unter **EUPL-1.2** auf openCoDE; zwei Landkreise testen ihn bereits.
""",
        "topics": ["gesundheit-pflege", "senioren"],
        "status": "operation",
        "documented_on": "2023-02-13",
        "costs_one_off": (20000, 35000),
        "costs_yearly": (3000, 5000),
        "funding_source": LANDESMITTEL,
        "duration": "8 Monate",
        "staff_effort": "Pflegestützpunkt etwa 2 Stunden pro Woche",
        "lessons_learned": (
            "Einrichtungen pflegen die Daten nur, wenn es wirklich ein Klick ist. "
            "Erinnerungs-E-Mail bei veralteten Einträgen wirkt."
        ),
        "software": [
            _oss(
                "Pflegeplatzbörse",
                "EUPL-1.2",
                "https://gitlab.opencode.de/stadt-worms/pflegeplatzboerse",
            )
        ],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "on-demand-shuttle-bingen",
        "network": IKONE,
        "owner": "Bingen am Rhein",
        "title": "On-Demand-Shuttle für Stadtteile ohne Busanbindung",
        "summary": (
            "Geplant: Elektro-Kleinbusse fahren auf Bestellung per App oder Telefon zwischen "
            "den Höhenstadtteilen, Bahnhof und Innenstadt – ohne festen Fahrplan."
        ),
        "problem": (
            "Die Höhenstadtteile sind nur selten an den Bus angebunden; abends und am "
            "Wochenende gibt es keine Verbindung."
        ),
        "what_it_is": (
            "Ein Bedarfsverkehr mit virtuellen Haltestellen, gebündelten Fahrten und "
            "Tarif des Verkehrsverbunds."
        ),
        "benefits": ("Anbindung ohne leere Busse, Zubringer zur Bahn, weniger Autofahrten."),
        "how_it_works": (
            "Fahrgäste buchen in der App oder am Telefon; ein Algorithmus bündelt Fahrten. "
            "Start mit drei Fahrzeugen in der Ausschreibung."
        ),
        "suits": "Städte mit schlecht angebundenen Stadtteilen; ländliche Räume mit Rufbus.",
        "description": """\
In Planung mit dem Landkreis Mainz-Bingen, Start frühestens 2027. Wir haben uns den
Rufbus im Nordpfälzer Land angesehen.
""",
        "topics": ["mobilitaet", "klima-umwelt"],
        "status": "planning",
        "documented_on": "2026-05-11",
        "costs_one_off": (50000, 100000),
        "costs_yearly": (300000, 450000),
        "funding_source": f"{LANDESMITTEL} (ÖPNV) und Landkreis",
        "duration": "Geplant 18 Monate",
        "staff_effort": "Mobilitätsmanagement",
        "lessons_learned": "",
        "software": [],
        "partners": [],
        "contact": None,
    },
    {
        "slug": "cloud-mustervertraege-speyer",
        "network": IKONE,
        "owner": "Speyer",
        "title": "Musterverträge und Datenschutzprüfung für Cloud-Dienste",
        "summary": (
            "Eine Sammlung geprüfter Vorlagen – Auftragsverarbeitung, Risikoanalyse, "
            "Checkliste – für den Einsatz von Cloud- und Videodiensten in der Verwaltung."
        ),
        "problem": (
            "Fachämter wollten Cloud-Dienste und Videokonferenzen nutzen; jede Prüfung "
            "durch Datenschutz und IT begann von vorn und dauerte Monate."
        ),
        "what_it_is": (
            "Vorlagen und ein Prüfablauf, abgestimmt mit dem Datenschutzbeauftragten und "
            "dem Personalrat, für Dienste mit und ohne Datenübermittlung in Drittländer."
        ),
        "benefits": (
            "Schnellere, einheitliche Entscheidungen; Rechtssicherheit bei "
            "Drittlandübermittlung; weniger Schatten-IT."
        ),
        "how_it_works": (
            "Das Fachamt füllt die Checkliste aus; IT und Datenschutz prüfen anhand der "
            "Vorlagen. Ergebnisse werden in einer Liste freigegebener Dienste geführt."
        ),
        "suits": (
            "Jede Verwaltung; die Vorlagen sind auf rheinland-pfälzische Kommunen zugeschnitten."
        ),
        "description": """\
Nur für Mitglieder von IKONE-DS, weil die Vorlagen interne Bewertungen enthalten.

## Inhalt

- Muster für Auftragsverarbeitungsverträge
- Checkliste Drittlandübermittlung
- Vorlage Datenschutz-Folgenabschätzung für Videokonferenzen
- Liste freigegebener Dienste (Stand 2026)
""",
        "topics": ["verwaltung-intern"],
        "status": "operation",
        "documented_on": "2024-02-05",
        "visibility": "network",
        "costs_one_off": (2000, 5000),
        "costs_yearly": None,
        "funding_source": EIGENMITTEL,
        "duration": "4 Monate",
        "staff_effort": "Datenschutz und IT je 1 Tag pro Prüfung",
        "lessons_learned": (
            "Den Personalrat früh einbinden; die Liste freigegebener Dienste ist das "
            "meistgenutzte Dokument."
        ),
        "software": [],
        "partners": ["Kaiserslautern"],
        "contact": WAGNER,
    },
    {
        "slug": "audio-stadtfuehrung-speyer",
        "network": IKONE,
        "owner": "Speyer",
        "title": "Audio-Stadtführung per Smartphone",
        "summary": (
            "Gäste erkunden Dom, Judenhof und Altstadt mit einer Audioführung auf dem "
            "eigenen Smartphone – in fünf Sprachen, mit Kinderversion."
        ),
        "problem": (
            "Gruppenführungen gibt es nur zu festen Zeiten; Einzelreisende und Familien "
            "wollten die Stadt in ihrem Tempo entdecken."
        ),
        "what_it_is": (
            "Eine Audioguide-App eines Anbieters mit 24 Stationen, QR-Codes an "
            "bestehenden Schildern und einer Kinderführung als Rätseltour."
        ),
        "benefits": (
            "Führungen jederzeit und mehrsprachig, Kinder werden spielerisch einbezogen, "
            "keine zusätzlichen Tafeln."
        ),
        "how_it_works": (
            "Die Tourist-Information hat Texte geschrieben und professionell vertonen "
            "lassen. Die App ist kostenlos und funktioniert offline."
        ),
        "suits": "Städte und Gemeinden mit Sehenswürdigkeiten und Tourist-Information.",
        "description": """\
Seit 2023, rund 25.000 Nutzungen pro Jahr.

**Stationen u. a.:** Kaiser- und Mariendom, Altpörtel, Judenhof mit Mikwe, Technik-Museum.
""",
        "topics": ["tourismus-kultur"],
        "status": "operation",
        "documented_on": "2023-04-17",
        "costs_one_off": (15000, 25000),
        "costs_yearly": (1500, 3000),
        "funding_source": "Tourismusförderung des Landes",
        "duration": "6 Monate",
        "staff_effort": "Tourist-Information etwa 2 Stunden pro Monat",
        "lessons_learned": (
            "Kurze Stationen (unter zwei Minuten) werden zu Ende gehört. Die "
            "Kinderversion ist der Renner."
        ),
        "software": [_product("Audioguide-App (Anbieter)")],
        "partners": [],
        "contact": WAGNER,
    },
]

# Reuse: (solution, municipality, status, since, until, experience report).
ADOPTIONS = [
    (
        "dorffunk-vg-eisenberg",
        "Göllheim",
        "in_use",
        "2020-05-01",
        None,
        "Wir haben das Vorgehen aus Eisenberg fast eins zu eins übernommen: Auftaktabende "
        "in jeder Ortsgemeinde und zwei Kümmerer pro Ort. Nach einem Jahr hatten wir rund "
        "2.000 Nutzerinnen und Nutzer. Schwieriger als gedacht war es, die Vereine zum "
        "Posten zu bringen – geholfen hat eine Schulung speziell für Vereinsvorstände.",
    ),
    ("dorffunk-vg-eisenberg", "Winnweiler", "in_use", "2021-02-01", None, ""),
    ("dorffunk-vg-eisenberg", "Kirchheimbolanden", "in_use", "2021-09-01", None, ""),
    ("dorffunk-vg-eisenberg", "Nordpfälzer Land", "adopting", "2026-03-01", None, ""),
    ("dorffunk-vg-eisenberg", "Hachenburg", "interested", None, None, ""),
    (
        "dorffunk-vg-eisenberg",
        "Kusel-Altenglan",
        "stopped",
        "2021-04-01",
        "2023-06-30",
        "In unseren kleinen Orten fanden sich zu wenige Menschen, die die App mit Leben "
        "füllen. Nach zwei Jahren haben wir aufgehört. Heute würden wir erst die Kümmerer "
        "suchen und dann starten.",
    ),
    (
        "mitfahrbaenke-vg-goellheim",
        "Kirchheimbolanden",
        "in_use",
        "2022-04-01",
        None,
        "Zwölf Bänke in acht Ortsgemeinden. Die Schilder aus Göllheim haben wir übernommen, "
        "die Standorte mit der Polizei abgestimmt. Am besten funktionieren die Bänke an der "
        "Strecke zur Kreisstadt; in den Seitentälern hält kaum jemand.",
    ),
    ("mitfahrbaenke-vg-goellheim", "Winnweiler", "in_use", "2022-06-01", None, ""),
    ("mitfahrbaenke-vg-goellheim", "Eisenberg (Pfalz)", "in_use", "2022-09-01", None, ""),
    ("mitfahrbaenke-vg-goellheim", "Nordpfälzer Land", "in_use", "2023-05-01", None, ""),
    ("mitfahrbaenke-vg-goellheim", "Prüm", "interested", None, None, ""),
    ("mitfahrbaenke-vg-goellheim", "Gerolstein", "adopting", "2026-05-01", None, ""),
    (
        "mitfahrbaenke-vg-goellheim",
        "Kusel-Altenglan",
        "stopped",
        "2021-05-01",
        "2024-12-31",
        "Bei uns fuhren zu wenige Autos an den Bänken vorbei. Wir haben die Bänke durch "
        "eine Vermittlung per App und Telefon ersetzt (siehe unsere digitale Mitfahrbank).",
    ),
    ("rufbus-buchung-nordpfaelzer-land", "Otterbach-Otterberg", "adopting", "2026-01-01", None, ""),
    ("rufbus-buchung-nordpfaelzer-land", "Bingen am Rhein", "interested", None, None, ""),
    ("dorfladen-rund-um-die-uhr-dreisen", "Ramsen", "adopting", "2026-02-01", None, ""),
    ("dorfladen-rund-um-die-uhr-dreisen", "Sembach", "interested", None, None, ""),
    (
        "dorfladen-rund-um-die-uhr-dreisen",
        "Nastätten",
        "in_use",
        "2024-04-01",
        None,
        "In einer unserer Ortsgemeinden läuft seit April 2024 ein Laden nach dem Vorbild "
        "aus Dreisen. Der Besuch dort hat den Ausschlag gegeben. Anders als in Dreisen ist "
        "der Laden nachts geschlossen – das wollte der Ortsgemeinderat so.",
    ),
    ("dorfladen-rund-um-die-uhr-dreisen", "Westerburg", "interested", None, None, ""),
    ("online-terminvergabe-vg-eisenberg", "Göllheim", "in_use", "2021-10-01", None, ""),
    ("online-terminvergabe-vg-eisenberg", "Weilerbach", "in_use", "2022-03-01", None, ""),
    ("online-terminvergabe-vg-eisenberg", "Landstuhl", "in_use", "2022-05-01", None, ""),
    ("online-terminvergabe-vg-eisenberg", "Hachenburg", "adopting", "2026-09-01", None, ""),
    (
        "e-akte-vg-goellheim",
        "Eisenberg (Pfalz)",
        "in_use",
        "2022-01-01",
        None,
        "Wir haben denselben Dienstleister gewählt und den Aktenplan aus Göllheim als "
        "Vorlage genutzt. Das hat uns Monate gespart. Die Scanstelle haben wir gleich zu "
        "Beginn eingerichtet, nicht erst am Ende.",
    ),
    ("e-akte-vg-goellheim", "Winnweiler", "adopting", "2025-09-01", None, ""),
    ("e-akte-vg-goellheim", "Nieder-Olm", "interested", None, None, ""),
    ("maengelmelder-otterbach-otterberg", "Weilerbach", "in_use", "2024-02-01", None, ""),
    (
        "maengelmelder-otterbach-otterberg",
        "Enkenbach-Alsenborn",
        "in_use",
        "2024-06-01",
        None,
        "Wir nutzen dieselbe Open-Source-Software, gehostet beim selben Dienstleister. "
        "Die Kategorien haben wir übernommen. Nächster Schritt: Meldungen direkt in die "
        "Bauhof-Software übergeben.",
    ),
    (
        "maengelmelder-andernach",
        "Mayen",
        "in_use",
        "2025-10-01",
        None,
        "Start nach drei Monaten, mit den Zuständigkeitslisten aus Andernach. In den "
        "ersten Wochen kamen viele Meldungen zu wildem Müll – wir haben daraufhin die "
        "Leerung der Containerstandorte umgestellt.",
    ),
    ("maengelmelder-andernach", "Lahnstein", "adopting", "2026-06-01", None, ""),
    ("maengelmelder-andernach", "Neuwied", "interested", None, None, ""),
    ("open-data-portal-kaiserslautern", "Zweibrücken", "in_use", "2023-01-01", None, ""),
    ("open-data-portal-kaiserslautern", "Landau in der Pfalz", "interested", None, None, ""),
    ("open-data-portal-kaiserslautern", "Worms", "adopting", "2026-02-01", None, ""),
    (
        "beteiligungsplattform-mainz",
        "Ingelheim am Rhein",
        "in_use",
        "2024-03-01",
        None,
        "Wir nutzen eine eigene Instanz, die Mainz für uns mitbetreibt. Das erste "
        "Verfahren (Neugestaltung des Marktplatzes) brachte 900 Beiträge. Den Aufwand für "
        "die Antworten der Fachämter hatten wir unterschätzt.",
    ),
    ("beteiligungsplattform-mainz", "Koblenz", "interested", None, None, ""),
    ("lorawan-stadtnetz-kaiserslautern", "Zweibrücken", "in_use", "2023-06-01", None, ""),
    (
        "lorawan-stadtnetz-kaiserslautern",
        "Landstuhl",
        "in_use",
        "2024-01-01",
        None,
        "Unsere drei Gateways laufen über den Netzwerkserver der Stadt Kaiserslautern. "
        "Damit haben wir ohne eigenen Server Sensoren in Schulen und am Freibad in Betrieb.",
    ),
    ("lorawan-stadtnetz-kaiserslautern", "Worms", "interested", None, None, ""),
    ("digital-botschafter-hachenburg", "Daaden-Herdorf", "in_use", "2023-03-01", None, ""),
    ("digital-botschafter-hachenburg", "Winnweiler", "in_use", "2023-09-01", None, ""),
    ("digital-botschafter-hachenburg", "Gerolstein", "adopting", "2026-10-01", None, ""),
    (
        "vereinsverwaltung-morbach",
        "Bernkastel-Kues",
        "in_use",
        "2024-01-01",
        None,
        "Zwölf Vereine machen mit. Die Schulungen aus Morbach konnten wir übernehmen; "
        "die Übernahme der Mitgliederlisten hat ein Student für uns erledigt.",
    ),
    ("vereinsverwaltung-morbach", "Prüm", "interested", None, None, ""),
    ("ehrenamtsboerse-westerburg", "Hachenburg", "in_use", "2024-05-01", None, ""),
    ("terminbuchung-buergeramt-koblenz", "Neuwied", "adopting", "2026-04-01", None, ""),
    ("terminbuchung-buergeramt-koblenz", "Andernach", "interested", None, None, ""),
    ("buergerhaushalt-trier", "Landau in der Pfalz", "in_use", "2024-02-01", None, ""),
    ("buergerhaushalt-trier", "Speyer", "interested", None, None, ""),
    ("zaehlerfernauslesung-liegenschaften-hassloch", "Mayen", "interested", None, None, ""),
    (
        "zaehlerfernauslesung-liegenschaften-hassloch",
        "Leiningerland",
        "adopting",
        "2026-07-01",
        None,
        "",
    ),
    ("freifunk-dorfplaetze-kusel-altenglan", "Dahner Felsenland", "in_use", "2026-04-01", None, ""),
    ("freifunk-dorfplaetze-kusel-altenglan", "Gerolstein", "interested", None, None, ""),
    (
        "videokonferenzen-eigener-server-bad-kreuznach",
        "Katzenelnbogen",
        "in_use",
        "2021-01-01",
        None,
        "",
    ),
    ("digitale-gaestekarte-bernkastel-kues", "Dahner Felsenland", "interested", None, None, ""),
    ("digitale-gaestekarte-bernkastel-kues", "Gerolstein", "interested", None, None, ""),
    (
        "pflegeplatzfinder-worms",
        "Speyer",
        "in_use",
        "2024-09-01",
        None,
        "Wir betreiben den Quellcode aus Worms auf unserem eigenen Server. Die Anpassung "
        "an unser Layout hat zwei Wochen gedauert. Die Heime im Umland haben wir über den "
        "Pflegestützpunkt gewonnen.",
    ),
    ("pflegeplatzfinder-worms", "Landau in der Pfalz", "adopting", "2026-03-01", None, ""),
    (
        "online-schaufenster-woerth",
        "Prüm",
        "in_use",
        "2024-03-01",
        None,
        "Nach dem Ende unseres Online-Marktplatzes haben wir das Schaufenster-Modell aus "
        "Wörth übernommen. Ohne Warenkorb und mit Pflege durch das Citymanagement machen "
        "heute mehr Geschäfte mit als beim Marktplatz.",
    ),
    ("smarte-strassenbeleuchtung-woerth", "Haßloch", "in_use", "2023-01-01", None, ""),
]

# Joint projects. `partners`: (municipality, role); the first is the lead.
ALLIANCES = [
    {
        "slug": "mitfahrbaenke-donnersbergkreis",
        "title": "Mitfahrbänke im Donnersbergkreis",
        "network": DD,
        "status": "active",
        "solution": "mitfahrbaenke-vg-goellheim",
        "formed_on": "2022-03-15",
        "description": (
            "Fünf Verbandsgemeinden stimmen Standorte, Schilder und Ziele ihrer "
            "Mitfahrbänke ab, damit man auch über Gemeindegrenzen hinweg mitgenommen "
            "wird. Gemeinsame Öffentlichkeitsarbeit und ein jährlicher Erfahrungsaustausch."
        ),
        "partners": [
            ("Göllheim", "Federführung"),
            ("Kirchheimbolanden", "Partner"),
            ("Winnweiler", "Partner"),
            ("Eisenberg (Pfalz)", "Partner"),
            ("Nordpfälzer Land", "Partner"),
        ],
    },
    {
        "slug": "lorawan-verbund-pfalz",
        "title": "LoRaWAN-Verbund Pfalz",
        "network": IKONE,
        "status": "forming",
        "solution": None,
        "formed_on": None,
        "description": (
            "Städte und Verbandsgemeinden der Pfalz wollen ihre LoRaWAN-Netze verbinden: "
            "ein gemeinsamer Netzwerkserver, gegenseitiges Roaming und einheitliche Regeln "
            "für offene Sensordaten."
        ),
        "partners": [
            ("Kaiserslautern", "Federführung"),
            ("Zweibrücken", "Partner"),
            ("Speyer", "Partner"),
            ("Worms", "Partner"),
            ("Landstuhl", "Partner"),
        ],
    },
    {
        "slug": "ratsinformationssystem-westerwald",
        "title": "Gemeinsame Beschaffung eines Ratsinformationssystems im Westerwald",
        "network": DD,
        "status": "completed",
        "solution": None,
        "formed_on": "2023-05-02",
        "description": (
            "Vier Verbandsgemeinden haben ein Ratsinformationssystem gemeinsam "
            "ausgeschrieben und einen Rahmenvertrag geschlossen. Die Einführung ist "
            "abgeschlossen; Schulungen und Vorlagen werden weiter geteilt."
        ),
        "partners": [
            ("Hachenburg", "Federführung"),
            ("Westerburg", "Partner"),
            ("Daaden-Herdorf", "Partner"),
            ("Betzdorf-Gebhardshain", "Partner"),
        ],
    },
]
