"""German demo data for strategies: two example strategies of demo Verbandsgemeinden
of the Netzwerk Digitale Dörfer (idempotent).

VG Eisenberg (Pfalz) writes with two people and shares its strategy with the
network; VG Göllheim keeps its strategy private. A strategy that exists for the
municipality is left alone, so a second run changes nothing and what people
changed in the demo stays. Rows are written directly, not through the services,
so that loading records no audit events; dates are set afterwards, so that the
history and the progress over time look lived in.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.knowledge.models import Solution
from voneinander.networks.models import Membership, Network
from voneinander.strategies.models import (
    Collaborator,
    CollaboratorRole,
    Measure,
    MeasureStatus,
    MeasureStatusChange,
    Strategy,
    StrategyChange,
    StrategyField,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NETWORK = "digitale-doerfer-rlp"
S = MeasureStatus


def _d(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


STRATEGIES = [
    {
        "municipality": "Eisenberg (Pfalz)",
        "title": "Digitale Verbandsgemeinde Eisenberg 2030",
        "team": [
            ("digital@vg-eisenberg.example.org", CollaboratorRole.OWNER),
            ("buergerservice@vg-eisenberg.example.org", CollaboratorRole.EDITOR),
        ],
        "shared": True,
        "started": "2025-09-15",
        "strengths": (
            "Aktive Vereine und Ortsgemeinden, die gern etwas ausprobieren.\n"
            "Der Dorffunk läuft seit 2021 und wird gut genutzt.\n\n"
            "Als Transferstelle im Netzwerk Digitale Dörfer haben wir Kontakte zu vielen "
            "Kommunen, die schon Erfahrungen gesammelt haben."
        ),
        "weaknesses": (
            "Wenig Personal für Digitalisierung in der Verwaltung.\n"
            "Lücken im Mobilfunk in den Ortsgemeinden am Rand der Verbandsgemeinde.\n\n"
            "Ältere Menschen erreichen wir digital bisher kaum."
        ),
        "existing_projects": (
            "Dorffunk (seit 2021), Online-Terminvergabe im Bürgerbüro, "
            "IT-Notfallhandbuch für die Verwaltung."
        ),
        "vision": (
            "Im Jahr 2030 erledigen die Menschen in der Verbandsgemeinde Eisenberg ihre "
            "Behördengänge von zu Hause aus, wenn sie wollen – und bekommen im Bürgerbüro "
            "Hilfe, wenn sie sie brauchen.\n\n"
            "Digitale Angebote bringen die Ortsgemeinden näher zusammen: beim Einkaufen, "
            "bei der Mobilität und im Ehrenamt."
        ),
        "goals": (
            "Die 20 meistgenutzten Verwaltungsleistungen sind bis Ende 2027 online.\n\n"
            "Jede Ortsgemeinde hat eine Ansprechperson für digitale Fragen.\n\n"
            "Niemand muss für den Wocheneinkauf mehr als 15 Minuten fahren."
        ),
        "fields": [
            "verwaltung-buergerservice",
            "kommunikation-beteiligung",
            "nahversorgung-wirtschaft",
            "mobilitaet",
            "ehrenamt-gemeinschaft",
            "infrastruktur",
        ],
        "measures": [
            {
                "title": "Online-Anträge für die 20 häufigsten Leistungen",
                "field": "verwaltung-buergerservice",
                "goal": (
                    "Meldebescheinigung, Gewerbeanmeldung, Hundesteuer und weitere Leistungen "
                    "lassen sich online beantragen und bezahlen."
                ),
                "priority": "high",
                "responsible": "Sabine Hoffmann, Bürgerservice",
                "starts_on": "2025-10-01",
                "ends_on": "2027-12-31",
                "budget_eur": 60000,
                "history": [
                    (S.IDEA, "2025-09-15"),
                    (S.PLANNED, "2025-10-01"),
                    (S.IN_PROGRESS, "2026-01-12"),
                ],
                "solutions": ["online-antraege-budenheim"],
                "partners": [],
            },
            {
                "title": "Mängelmelder für Straßen und Grünflächen",
                "field": "verwaltung-buergerservice",
                "goal": "Schäden werden per App oder Website gemeldet und der Bauhof "
                "meldet zurück, wann sie behoben sind.",
                "priority": "medium",
                "responsible": "Bauamt",
                "starts_on": "2026-03-01",
                "ends_on": "2026-09-30",
                "budget_eur": 8000,
                "history": [(S.IDEA, "2025-09-15"), (S.PLANNED, "2026-01-20")],
                "solutions": ["maengelmelder-otterbach-otterberg"],
                "partners": ["Otterbach-Otterberg"],
            },
            {
                "title": "Bestellplattform mit Lieferdienst für die Ortsgemeinden",
                "field": "nahversorgung-wirtschaft",
                "goal": (
                    "Örtliche Händler nehmen Bestellungen online und per Telefon an; "
                    "Ehrenamtliche liefern einmal pro Woche in jede Ortsgemeinde.\n\n"
                    "Vorbild ist die Plattform in Betzdorf-Gebhardshain."
                ),
                "priority": "high",
                "responsible": "Wirtschaftsförderung mit Gewerbeverein",
                "starts_on": "2026-05-01",
                "ends_on": "2027-04-30",
                "budget_eur": 25000,
                "history": [(S.IDEA, "2025-09-15"), (S.PLANNED, "2026-02-02")],
                "solutions": ["bestellplattform-lieferdienst-betzdorf-gebhardshain"],
                "partners": ["Betzdorf-Gebhardshain", "Göllheim"],
            },
            {
                "title": "Rufbus mit Online-Buchung",
                "field": "mobilitaet",
                "goal": "Ein Rufbus fährt die Ortsgemeinden ohne Linienverkehr an; "
                "Fahrten werden online, per App oder telefonisch gebucht.",
                "priority": "medium",
                "responsible": "Ordnungsamt mit dem Landkreis",
                "starts_on": "2026-09-01",
                "ends_on": "2028-08-31",
                "budget_eur": 120000,
                "history": [(S.IDEA, "2025-09-15")],
                "solutions": ["rufbus-buchung-nordpfaelzer-land"],
                "partners": ["Nordpfälzer Land"],
            },
            {
                "title": "Dorffunk in allen Ortsgemeinden",
                "field": "kommunikation-beteiligung",
                "goal": "Alle Ortsgemeinden nutzen den Dorffunk für Neuigkeiten, "
                "Veranstaltungen und Nachbarschaftshilfe.",
                "priority": "medium",
                "responsible": "Jonas Becker, Digitalisierung",
                "starts_on": "2025-09-15",
                "ends_on": "2026-03-31",
                "budget_eur": 3000,
                "history": [
                    (S.PLANNED, "2025-09-15"),
                    (S.IN_PROGRESS, "2025-10-06"),
                    (S.DONE, "2026-03-27"),
                ],
                "solutions": ["dorffunk-vg-eisenberg"],
                "partners": [],
            },
            {
                "title": "Digitallotsen für Seniorinnen und Senioren",
                "field": "ehrenamt-gemeinschaft",
                "goal": "Ehrenamtliche helfen in offenen Sprechstunden beim Umgang mit "
                "Smartphone, Tablet und den Online-Diensten der Verwaltung.",
                "priority": "low",
                "responsible": "Seniorenbeirat",
                "starts_on": None,
                "ends_on": None,
                "budget_eur": None,
                "history": [(S.IDEA, "2025-11-03")],
                "solutions": ["digital-botschafter-hachenburg"],
                "partners": ["Hachenburg"],
            },
        ],
    },
    {
        "municipality": "Göllheim",
        "title": "Digitalstrategie der Verbandsgemeinde Göllheim",
        "team": [("digitales@vg-goellheim.example.org", CollaboratorRole.OWNER)],
        "shared": False,
        "started": "2026-01-19",
        "strengths": (
            "Die E-Akte ist in der Verwaltung eingeführt.\n"
            "Mitfahrbänke in mehreren Ortsgemeinden werden angenommen."
        ),
        "weaknesses": "Kein öffentliches WLAN an den Dorfplätzen.\n\n"
        "Viele Vereine verwalten Mitglieder noch auf Papier.",
        "existing_projects": "E-Akte (seit 2022), Mitfahrbänke mit App.",
        "vision": (
            "Göllheim ist eine Verbandsgemeinde, in der Digitales das Miteinander stärkt "
            "und niemand abgehängt wird."
        ),
        "goals": (
            "Alle Dorfplätze haben bis 2027 freies WLAN.\n\n"
            "Vereine nutzen eine gemeinsame Plattform für Mitglieder und Termine."
        ),
        "fields": [
            "verwaltung-buergerservice",
            "mobilitaet",
            "ehrenamt-gemeinschaft",
            "infrastruktur",
        ],
        "measures": [
            {
                "title": "Freies WLAN an allen Dorfplätzen",
                "field": "infrastruktur",
                "goal": "Zugangspunkte an Dorfgemeinschaftshäusern und Plätzen, "
                "betrieben mit einer Freifunk-Initiative.",
                "priority": "high",
                "responsible": "Bauamt",
                "starts_on": "2026-04-01",
                "ends_on": "2027-06-30",
                "budget_eur": 35000,
                "history": [(S.IDEA, "2026-01-19"), (S.PLANNED, "2026-02-23")],
                "solutions": ["freifunk-dorfplaetze-kusel-altenglan"],
                "partners": ["Kusel-Altenglan"],
            },
            {
                "title": "Vereinsplattform für Mitglieder und Termine",
                "field": "ehrenamt-gemeinschaft",
                "goal": "Eine gemeinsame Plattform entlastet die Vorstände bei "
                "Mitgliederverwaltung, Beiträgen und Terminen.",
                "priority": "medium",
                "responsible": "Markus Schneider, Büroleitung",
                "starts_on": "2026-06-01",
                "ends_on": "2026-12-31",
                "budget_eur": 6000,
                "history": [(S.IDEA, "2026-01-19")],
                "solutions": ["vereinsverwaltung-morbach"],
                "partners": ["Morbach"],
            },
            {
                "title": "Mitfahrbänke an das Rufbus-Angebot anbinden",
                "field": "mobilitaet",
                "goal": "Wer an der Mitfahrbank wartet, sieht auch die nächste Rufbus-Fahrt.",
                "priority": "medium",
                "responsible": "Ordnungsamt",
                "starts_on": "2026-02-01",
                "ends_on": "2026-07-31",
                "budget_eur": 4500,
                "history": [
                    (S.IDEA, "2026-01-19"),
                    (S.PLANNED, "2026-01-26"),
                    (S.IN_PROGRESS, "2026-02-09"),
                ],
                "solutions": ["mitfahrbaenke-vg-goellheim"],
                "partners": ["Eisenberg (Pfalz)"],
            },
            {
                "title": "E-Akte auch in den Ortsgemeinden",
                "field": "verwaltung-buergerservice",
                "goal": "Ortsbürgermeisterinnen und -bürgermeister arbeiten mit denselben "
                "digitalen Akten wie die Verbandsgemeindeverwaltung.",
                "priority": "low",
                "responsible": "",
                "starts_on": None,
                "ends_on": None,
                "budget_eur": None,
                "history": [(S.IDEA, "2026-01-19")],
                "solutions": ["e-akte-vg-goellheim"],
                "partners": [],
            },
            {
                "title": "Online-Terminvergabe im Bürgerbüro",
                "field": "verwaltung-buergerservice",
                "goal": "Termine im Bürgerbüro werden online gebucht; Wartezeiten sinken.",
                "priority": "high",
                "responsible": "Bürgerbüro",
                "starts_on": "2026-03-01",
                "ends_on": None,
                "budget_eur": 2500,
                "history": [(S.PLANNED, "2026-01-19")],
                "solutions": ["online-terminvergabe-vg-eisenberg"],
                "partners": ["Eisenberg (Pfalz)"],
            },
        ],
    },
]


def _moment(text: str) -> datetime.datetime:
    """Ten in the morning of that day, but never later than now."""
    day = datetime.date.fromisoformat(text)
    return min(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN), timezone.now())


def _create(spec, municipality, network, members, people, fields, solutions) -> None:
    lead = people.get(spec["team"][0][0])
    started = _moment(spec["started"])
    strategy = Strategy.objects.create(
        municipality=municipality,
        title=spec["title"],
        strengths=spec["strengths"],
        weaknesses=spec["weaknesses"],
        existing_projects=spec["existing_projects"],
        vision=spec["vision"],
        goals=spec["goals"],
        shared_with=network if spec["shared"] else None,
        shared_at=_moment("2026-02-16") if spec["shared"] else None,
        created_by=lead,
    )
    Strategy.objects.filter(pk=strategy.pk).update(created_at=started)
    strategy.fields.set([fields[slug] for slug in spec["fields"]])
    Collaborator.objects.bulk_create(
        Collaborator(strategy=strategy, user=people[email], role=role)
        for email, role in spec["team"]
        if email in people
    )
    changes = [(spec["started"], "Strategie begonnen")]
    for position, item in enumerate(spec["measures"], 1):
        history = item["history"]
        measure = Measure.objects.create(
            strategy=strategy,
            title=item["title"],
            field=fields[item["field"]],
            goal=item["goal"],
            priority=item["priority"],
            responsible=item["responsible"],
            starts_on=_d(item["starts_on"]),
            ends_on=_d(item["ends_on"]),
            budget_eur=item["budget_eur"],
            status=history[-1][0],
            position=position,
        )
        measure.solutions.set([solutions[s] for s in item["solutions"] if s in solutions])
        measure.partners.set([members[name] for name in item["partners"] if name in members])
        for status, day in history:
            change = MeasureStatusChange.objects.create(
                measure=measure, status=status, changed_by=lead
            )
            MeasureStatusChange.objects.filter(pk=change.pk).update(changed_at=_moment(day))
        changes.append((history[0][1], f"Maßnahme „{item['title']}“ angelegt"))
    if spec["shared"]:
        changes.append(("2026-02-16", "Mit dem Netzwerk geteilt"))
    for day, summary in changes:
        change = StrategyChange.objects.create(strategy=strategy, author=lead, summary=summary)
        StrategyChange.objects.filter(pk=change.pk).update(created_at=_moment(day))


def load(report) -> None:
    network = Network.objects.filter(slug=NETWORK).first()
    if network is None:
        return
    members = {
        m.municipality.name: m.municipality
        for m in Membership.objects.filter(network=network).select_related("municipality")
    }
    emails = [email for spec in STRATEGIES for email, _role in spec["team"]]
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    fields = StrategyField.objects.in_bulk(field_name="slug")
    slugs = [s for spec in STRATEGIES for item in spec["measures"] for s in item["solutions"]]
    solutions = Solution.objects.in_bulk(slugs, field_name="slug")
    existing = set(
        Strategy.objects.filter(municipality__in=members.values()).values_list(
            "municipality_id", flat=True
        )
    )
    for spec in STRATEGIES:
        municipality = members.get(spec["municipality"])
        if municipality is None or municipality.pk in existing:
            continue
        if spec["team"][0][0] not in people:
            continue
        _create(spec, municipality, network, members, people, fields, solutions)
