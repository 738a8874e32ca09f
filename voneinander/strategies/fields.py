"""The default Handlungsfelder of the strategy workbook (editable later by admins).

Used by the data migration that seeds a fresh installation and by tests; names
and texts are German because they are data, not interface text. Each field
names the catalogue topics (knowledge.Topic slugs) its recommendations draw on.
"""

FIELDS = [
    (
        "verwaltung-buergerservice",
        "Verwaltung & Bürgerservice",
        "Digitale Abläufe im Rathaus und Online-Dienste für die Bürgerinnen und Bürger.",
        "Online-Terminbuchung, digitale Antragsstrecken, E-Akte, Mängelmelder",
        ["verwaltung-intern", "buergerservice"],
    ),
    (
        "kommunikation-beteiligung",
        "Kommunikation & Beteiligung",
        "Wie die Gemeinde informiert und wie sich Menschen einbringen.",
        "Gemeinde-App, Dorf-Website, digitale Bürgerversammlung, Ideenplattform",
        ["kommunikation", "beteiligung"],
    ),
    (
        "nahversorgung-wirtschaft",
        "Nahversorgung & lokale Wirtschaft",
        "Einkaufen, Dienstleistungen und Gewerbe vor Ort.",
        "Digitaler Dorfladen, Lieferdienst, lokaler Online-Marktplatz, Coworking",
        ["nahversorgung", "wirtschaft-online-handel", "kreativwirtschaft"],
    ),
    (
        "mobilitaet",
        "Mobilität",
        "Wege ohne eigenes Auto.",
        "Mitfahrbank mit App, Rufbus, E-Carsharing im Dorf",
        ["mobilitaet"],
    ),
    (
        "bildung",
        "Bildung",
        "Lernen in jedem Alter, Medienkompetenz.",
        "Digitale Sprechstunde für Senioren, Tablet-Kurse, Schul-WLAN",
        ["bildung", "senioren", "jugend"],
    ),
    (
        "gesundheit-pflege",
        "Gesundheit & Pflege",
        "Versorgung und Unterstützung im Alltag.",
        "Telemedizin im Gemeindehaus, Pflegenetzwerk, Notfall-App",
        ["gesundheit-pflege"],
    ),
    (
        "ehrenamt-gemeinschaft",
        "Ehrenamt & Gemeinschaft",
        "Vereine, Nachbarschaft und Engagement.",
        "Vereinsplattform, digitale Nachbarschaftshilfe, Ehrenamtsbörse",
        ["ehrenamt"],
    ),
    (
        "tourismus-kultur",
        "Tourismus & Kultur",
        "Gäste informieren, Kultur zugänglich machen.",
        "Digitale Wanderwege, Audioguide, Veranstaltungskalender",
        ["tourismus-kultur"],
    ),
    (
        "infrastruktur",
        "Infrastruktur",
        "Netze, Energie und Daten als Grundlage.",
        "Breitbandausbau, öffentliches WLAN, Sensorik, offene Daten",
        ["infrastruktur", "smart-city", "open-data", "klima-umwelt"],
    ),
]


def seed(field_model, topic_model) -> None:
    """Create the default fields that are missing and link their catalogue topics."""
    for position, (slug, name, description, examples, topic_slugs) in enumerate(FIELDS, 1):
        field, created = field_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "examples": examples,
                "position": position * 10,
            },
        )
        if created:
            field.topics.set(topic_model.objects.filter(slug__in=topic_slugs))
