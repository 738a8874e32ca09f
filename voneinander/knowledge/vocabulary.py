"""The default vocabulary of Handlungsfelder and topics (editable later by coordinators).

Used by the data migration that seeds a fresh installation; names are German
because they are data, not interface text.
"""

FIELDS = [
    (
        "verwaltung-intern",
        "Verwaltung intern",
        "Digitale Abläufe, E-Akte, Zusammenarbeit im Rathaus",
    ),
    ("buergerservice", "Bürgerservice", "Online-Dienste, Terminbuchung, Onlinezugangsgesetz"),
    ("beteiligung", "Beteiligung", "Bürgerbeteiligung, Umfragen, Ideenplattformen"),
    ("kommunikation", "Kommunikation", "Gemeinde-App, Website, soziale Medien, Newsletter"),
    ("nahversorgung", "Nahversorgung", "Dorfladen, Lieferdienste, digitale Marktplätze"),
    ("mobilitaet", "Mobilität", "Mitfahrbänke, Rufbus, Carsharing"),
    ("bildung", "Bildung", "Schulen, Medienkompetenz, digitale Lernorte"),
    ("wirtschaft-online-handel", "Wirtschaft / Online-Handel", "Lokale Händler, Onlineshops"),
    ("kreativwirtschaft", "Kreativwirtschaft", "Coworking, Kultur- und Kreativschaffende"),
    ("ehrenamt", "Ehrenamt", "Vereine, Nachbarschaftshilfe, Engagement"),
    ("smart-city", "Smart City", "Sensorik, Datenplattformen, vernetzte Infrastruktur"),
    ("open-data", "Open Data", "Offene Daten, Datenportale"),
]

TOPICS = [
    ("gesundheit-pflege", "Gesundheit & Pflege", "Telemedizin, Pflegenetzwerke"),
    ("tourismus-kultur", "Tourismus & Kultur", "Digitale Gästeinformation, Kulturangebote"),
    ("infrastruktur", "Infrastruktur", "Breitband, WLAN, Energie"),
    ("senioren", "Senioren", "Digitale Teilhabe im Alter"),
    ("jugend", "Jugend", "Jugendbeteiligung, Jugendräume"),
    ("klima-umwelt", "Klima & Umwelt", "Energie sparen, Umweltdaten"),
]


def seed(topic_model) -> None:
    """Create the default entries that are missing (the data migration and tests use it)."""
    position = 0
    for is_field, entries in ((True, FIELDS), (False, TOPICS)):
        for slug, name, description in entries:
            position += 10
            topic_model.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "is_field": is_field,
                    "position": position,
                },
            )
