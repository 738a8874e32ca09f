"""Demo events: the Kommunalkongress 2020, two IKONE-DS meetings of 2020, and upcoming events.

The upcoming ones are placed relative to the day of loading, so that the
registration path can always be tried: next year's Kommunalkongress with open
registration (first come, first served), a monthly Stammtisch series, and a
Werkstatttag in preference mode with preferences open.

An event whose address exists is left alone (a second run changes nothing);
the series only gains the dates of months that have come into reach. Rows are
written directly, not through the services, so that loading sends no e-mail.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.events import services
from voneinander.events.models import (
    AllocationMode,
    Event,
    EventFormat,
    EventKind,
    EventResults,
    EventSeries,
    Licence,
    Material,
    ProgrammePart,
    Question,
    QuestionKind,
    Recording,
    RecordingState,
    Registration,
    Round,
    Session,
    SessionBooking,
    SessionKind,
    Speaker,
    Visibility,
)
from voneinander.networks.models import Network

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
DD, IKONE = "digitale-doerfer-rlp", "ikone-ds"
MINISTRY_EMAIL = "koordination@mdi-rlp.example.org"
KL_DIGITAL = "KL.digital GmbH"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


@dataclass(frozen=True)
class Workshop:
    title: str
    topic: str
    description: str
    speaker: str  # an account's e-mail, or a name for an external guest
    organisation: str = ""
    bio: str = ""


DIGITALE_STADT = Workshop(
    "Digitale Stadt – Wege zur Smart City",
    "Digitale Stadt",
    "Wie eine Stadt ihre Digitalstrategie mit Bürgerschaft, Wirtschaft und Verwaltung "
    "entwickelt: Erfahrungen aus Kaiserslautern.",
    "smartcity@kaiserslautern.example.org",
    bio="Leitet das Referat Digitalisierung der Stadt Kaiserslautern.",
)
HOMEOFFICE = Workshop(
    "Homeoffice und Führung in der Verwaltung",
    "Homeoffice und Führung in der Verwaltung",
    "Führen auf Distanz: Was Teams in Rathäusern und Kreisverwaltungen seit dem Frühjahr "
    "2020 gelernt haben, und was bleiben sollte.",
    "Dr. Miriam Lorenz",
    "Kommunale Verwaltungsakademie (Beispiel)",
    "Berät Verwaltungen zu Personalentwicklung und neuen Arbeitsformen.",
)
ZUKUNFTS_CHECK = Workshop(
    "Zukunfts-Check Dorf",
    "Zukunfts-Check Dorf",
    "Ortsgemeinden prüfen gemeinsam mit ihren Bürgerinnen und Bürgern, wo das Dorf steht "
    "und wohin es will – mit digitalen Werkzeugen für die Beteiligung.",
    "digital@vg-eisenberg.example.org",
    bio="Digitalisierungsbeauftragter der Verbandsgemeinde Eisenberg (Pfalz).",
)
DIGITALE_DOERFER = Workshop(
    "Digitale Dörfer – Smarte Lösungen für den Alltag",
    "Digitale Dörfer – Smarte Lösungen",
    "Dorf-App, Lieferdienst und digitaler Marktplatz: Was sich in den Modellkommunen bewährt "
    "hat und wie andere Gemeinden es übernehmen.",
    "digitalisierung@vg-betzdorf-gebhardshain.example.org",
    bio="Digitalisierungsbeauftragte der VG Betzdorf-Gebhardshain, Transferstelle.",
)
OZG = Workshop(
    "Onlinezugangsgesetz: Leistungen digital anbieten",
    "Onlinezugangsgesetz",
    "Welche Verwaltungsleistungen zuerst online gehen sollten und wie kleine Verwaltungen "
    "die Umsetzung organisieren.",
    "Jan Hofmann",
    "Kommunaler IT-Dienstleister (Beispiel)",
    "Begleitet Kommunen bei der Umsetzung des Onlinezugangsgesetzes.",
)
BETEILIGUNG = Workshop(
    "Bürgerbeteiligung online",
    "Digitale Bürgerbeteiligung",
    "Von der Umfrage bis zum Bürgerhaushalt: Formate, Werkzeuge und Erfahrungen.",
    "gast@hochschule.example.org",
    bio="Forscht zu digitaler Beteiligung in Kommunen.",
)
OPEN_DATA = Workshop(
    "Open Data in Kommunen",
    "Open Data",
    "Daten der Verwaltung offen bereitstellen: erste Schritte, Lizenzen, Nutzen.",
    "digitalisierung@speyer.example.org",
    bio="Digitalisierungsbeauftragter der Stadt Speyer.",
)
IT_SICHERHEIT = Workshop(
    "IT-Sicherheit in der Kommunalverwaltung",
    "IT-Sicherheit",
    "Notfallplan, Schulungen, Zuständigkeiten: ein Grundschutz, den auch kleine Verwaltungen "
    "schaffen.",
    "Sabine Krämer",
    "Landesamt (Beispiel)",
    "Berät Kommunen zur Informationssicherheit.",
)
E_AKTE = Workshop(
    "Die E-Akte einführen",
    "E-Akte",
    "Erfahrungen aus der Einführung der elektronischen Akte in einer Verbandsgemeinde.",
    "digitales@vg-goellheim.example.org",
    bio="Büroleiter der Verbandsgemeinde Göllheim.",
)

CONGRESS_ROUNDS = [
    [DIGITALE_STADT, HOMEOFFICE, ZUKUNFTS_CHECK, DIGITALE_DOERFER, OZG, BETEILIGUNG],
    [DIGITALE_STADT, HOMEOFFICE, DIGITALE_DOERFER, OPEN_DATA, IT_SICHERHEIT, E_AKTE],
]
WERKSTATT_ROUNDS = [
    [DIGITALE_STADT, OZG, E_AKTE, BETEILIGUNG],
    [DIGITALE_STADT, OPEN_DATA, E_AKTE, IT_SICHERHEIT],
]


def _speaker(session: Session, workshop: Workshop) -> None:
    account = _user(workshop.speaker) if "@" in workshop.speaker else None
    if "@" in workshop.speaker and account is None:
        return
    Speaker.objects.create(
        session=session,
        user=account,
        name=account.display_name if account else workshop.speaker,
        organisation=(account.organisation if account else workshop.organisation)
        or _organisation_of(account),
        bio=workshop.bio,
    )


def _organisation_of(account: User | None) -> str:
    if account is None or account.municipality is None:
        return ""
    return str(account.municipality)


def _create(slug: str, networks: list[Network], **values) -> Event | None:
    """The event, unless it exists (then None: nothing is changed)."""
    if Event.objects.filter(slug=slug).exists():
        return None
    ministry = _user(MINISTRY_EMAIL)
    event = Event.objects.create(slug=slug, created_by=ministry, **values)
    event.networks.set(networks)
    return event


def _parts(event: Event, day: datetime.date, parts) -> None:
    for start, end, title, speakers, description in parts:
        ProgrammePart.objects.create(
            event=event,
            title=title,
            starts_at=_at(day, *start),
            ends_at=_at(day, *end),
            speakers_text=speakers,
            description=description,
        )


def _rounds(event: Event, day: datetime.date, rounds, times, capacity: int) -> list[Session]:
    sessions = []
    for number, (workshops, (start, end)) in enumerate(zip(rounds, times, strict=True), 1):
        round_ = Round.objects.create(
            event=event,
            title=f"Workshop-Runde {number}",
            starts_at=_at(day, *start),
            ends_at=_at(day, *end),
        )
        for workshop in workshops:
            session = Session.objects.create(
                event=event,
                round=round_,
                kind=SessionKind.WORKSHOP,
                title=workshop.title,
                topic=workshop.topic,
                description=workshop.description,
                starts_at=round_.starts_at,
                ends_at=round_.ends_at,
                capacity=capacity,
                room=f"Online-Raum {len(sessions) + 1}",
            )
            _speaker(session, workshop)
            sessions.append(session)
    return sessions


CONGRESS_RULES = {
    "max_sessions_per_person": 2,
    "one_session_per_round": True,
    "one_session_per_topic": True,
}
CONGRESS_PARTS = [
    ((9, 30), (9, 45), "Grußwort", "Oberbürgermeister der Stadt Kaiserslautern", ""),
    (
        (9, 45),
        (10, 15),
        "Interview mit dem Minister",
        "Minister des Innern und für Sport Rheinland-Pfalz; Moderation: KL.digital GmbH",
        "Wie geht es weiter mit der Digitalisierung der Kommunen in Rheinland-Pfalz?",
    ),
    (
        (10, 15),
        (11, 0),
        "Keynote: Chancen der Digitalisierung für den ländlichen Raum",
        "Prof. Dr. Helena Brandt (Beispiel), Hochschule",
        "Warum gerade Dörfer und kleine Städte von digitalen Angeboten profitieren.",
    ),
    ((12, 30), (13, 15), "Mittagspause", "", ""),
    (
        (14, 30),
        (15, 0),
        "Ergebnisse der Workshops und Ausblick",
        "Ministerium des Innern und für Sport; KL.digital GmbH",
        "",
    ),
]
CONGRESS_ROUND_TIMES = [((11, 15), (12, 30)), ((13, 15), (14, 30))]


def _congress_description(year: int) -> str:
    return (
        f"Der Kommunalkongress {year} des Ministeriums des Innern und für Sport Rheinland-Pfalz, "
        f"ausgerichtet mit der {KL_DIGITAL}, findet online statt. Nach Grußwort, Interview und "
        "Keynote arbeiten die Teilnehmenden in zwölf Workshops in zwei Runden. Jede Person "
        "meldet sich vorab für höchstens zwei Workshops an, einen je Runde und mit "
        "verschiedenen Themen; einige Workshops werden in beiden Runden angeboten."
    )


def _congress(slug: str, day: datetime.date, networks, **values) -> Event | None:
    event = _create(
        slug,
        networks,
        kind=EventKind.CONGRESS,
        title=f"Kommunalkongress {day.year}",
        summary=(
            f"Online-Kongress des Ministeriums mit der {KL_DIGITAL}: Grußwort, Interview, "
            "Keynote und zwölf Workshops in zwei Runden."
        ),
        description=_congress_description(day.year),
        visibility=Visibility.PUBLIC,
        format=EventFormat.ONLINE,
        starts_at=_at(day, 9, 30),
        ends_at=_at(day, 15, 0),
        meeting_url=f"https://meet.example.org/kommunalkongress-{day.year}",
        **CONGRESS_RULES,
        **values,
    )
    if event is None:
        return None
    _parts(event, day, CONGRESS_PARTS)
    _rounds(event, day, CONGRESS_ROUNDS, CONGRESS_ROUND_TIMES, capacity=25)
    Question.objects.create(
        event=event,
        label="Für welche Kommune oder Einrichtung nehmen Sie teil?",
        kind=QuestionKind.TEXT,
        required=True,
    )
    return event


def _register(event: Event, email: str, sessions: list[Session]) -> None:
    person = _user(email)
    if person is None:
        return
    registration = Registration.objects.create(event=event, user=person, list_consent=True)
    for session in sessions:
        SessionBooking.objects.create(registration=registration, session=session)


def _congress_2020(networks) -> None:
    day = datetime.date(2020, 9, 11)
    event = _congress(
        "kommunalkongress-2020",
        day,
        networks,
        registration_opens_at=_at(datetime.date(2020, 8, 3), 9),
        registration_closes_at=_at(datetime.date(2020, 9, 9), 12),
        cancellation_deadline=_at(datetime.date(2020, 9, 9), 12),
    )
    if event is None:
        return
    sessions = {(s.round.title[-1], s.topic): s for s in event.sessions.select_related("round")}
    _register(
        event,
        "team@andernach.example.org",
        [sessions[("1", "Digitale Stadt")], sessions[("2", "Open Data")]],
    )
    _register(
        event,
        "neu@vg-goellheim.example.org",
        [sessions[("1", "Zukunfts-Check Dorf")], sessions[("2", "E-Akte")]],
    )


CONGRESS_2020_RESULTS = (
    "Rund 200 Teilnehmende aus Verwaltung, Politik und Ehrenamt haben in zwölf Workshops "
    "beraten, wie Kommunen die Erfahrungen aus dem Jahr 2020 nutzen können.\n\n"
    "Vereinbart wurde:\n"
    "- Die Netzwerke Digitale Dörfer und IKONE-DS tauschen Lösungen für digitale "
    "Bürgerdienste künftig in einem gemeinsamen Arbeitskreis aus.\n"
    "- Erfahrungen mit Homeoffice und Führung in der Verwaltung werden in einem "
    "Leitfaden gesammelt.\n"
    "- Der Zukunfts-Check Dorf wird 2021 in weiteren Ortsgemeinden erprobt."
)
CONGRESS_2020_VIDEO = "https://video.example.org/w/kommunalkongress-2020-keynote"


def _congress_2020_followup() -> None:
    """Results, materials and a published recording; each added only if it is missing."""
    event = Event.objects.filter(slug="kommunalkongress-2020").first()
    if event is None:
        return
    ministry = _user(MINISTRY_EMAIL)
    EventResults.objects.get_or_create(
        event=event, defaults={"summary": CONGRESS_2020_RESULTS, "updated_by": ministry}
    )
    stadt = event.sessions.filter(topic="Digitale Stadt").order_by("starts_at", "pk").first()
    for title, session, url in [
        (
            "Dokumentation des Kommunalkongresses 2020",
            None,
            "https://www.example.org/kommunalkongress-2020/dokumentation",
        ),
        (
            "Folien: Digitale Stadt",
            stadt,
            "https://www.example.org/kommunalkongress-2020/digitale-stadt-folien",
        ),
    ]:
        if not Material.objects.filter(event=event, title=title).exists():
            Material.objects.create(
                event=event, session=session, title=title, url=url, uploaded_by=ministry
            )
    title = "Keynote: Chancen der Digitalisierung für den ländlichen Raum"
    if not Recording.objects.filter(event=event, title=title).exists():
        Recording.objects.create(
            event=event,
            title=title,
            video_url=CONGRESS_2020_VIDEO,
            licence=Licence.CC_BY,
            state=RecordingState.PUBLISHED,
            consent_given_by="Alle Vortragenden der Keynote (schriftlich)",
            consent_given_on=datetime.date(2020, 9, 11),
            consent_recorded_by=ministry,
            consent_recorded_at=_at(datetime.date(2020, 9, 14), 10),
            published_at=_at(datetime.date(2020, 9, 18), 10),
            created_by=ministry,
        )


def _ikone_2020(ikone: Network) -> None:
    day = datetime.date(2020, 9, 9)
    event = _create(
        "ikone-ds-videokonferenz-2020-09-09",
        [ikone],
        kind=EventKind.MEETING,
        title="IKONE-DS: Videokonferenz im September 2020",
        summary="Zwei Stunden mit Beiträgen der Mitglieder und Gastvorträgen aus Mainz und "
        "der VG Enkenbach-Alsenborn.",
        description=(
            "Die Mitglieder von IKONE-DS trafen sich per Videokonferenz. 21 Teilnehmende "
            "hörten Beiträge aus den Mitgliedsstädten und zwei Gastvorträge und tauschten "
            "sich zu den nächsten Schritten aus."
        ),
        visibility=Visibility.MEMBERS,
        format=EventFormat.ONLINE,
        starts_at=_at(day, 10),
        ends_at=_at(day, 12),
        meeting_url="https://meet.example.org/ikone-ds-2020-09",
        registration_enabled=False,
    )
    if event is None:
        return
    _parts(
        event,
        day,
        [
            ((10, 0), (10, 10), "Begrüßung", "Koordination des Netzwerks (Ministerium)", ""),
            ((11, 50), (12, 0), "Ausblick auf das nächste Treffen", "", ""),
        ],
    )
    talks = [
        (
            (10, 10),
            (10, 40),
            SessionKind.MEMBER_CONTRIBUTION,
            "Kaiserslautern: Die Smart-City-Strategie in der Umsetzung",
            "smartcity@kaiserslautern.example.org",
            "",
            "Mentorstadt im Netzwerk.",
        ),
        (
            (10, 40),
            (11, 5),
            SessionKind.MEMBER_CONTRIBUTION,
            "Speyer: Digitale Bürgerdienste im Rathaus",
            "digitalisierung@speyer.example.org",
            "",
            "",
        ),
        (
            (11, 5),
            (11, 30),
            SessionKind.GUEST_TALK,
            "Gastvortrag aus Mainz: Das Open-Data-Portal der Landeshauptstadt",
            "smartcity@mainz.example.org",
            "Landeshauptstadt Mainz",
            "Projektleiterin Smart City der Landeshauptstadt Mainz.",
        ),
        (
            (11, 30),
            (11, 50),
            SessionKind.GUEST_TALK,
            "Gastvortrag aus der VG Enkenbach-Alsenborn: Digitale Verwaltung in der "
            "Verbandsgemeinde",
            "Thomas Klein",
            "Verbandsgemeinde Enkenbach-Alsenborn",
            "Leitet die Digitalisierungsprojekte der Verbandsgemeindeverwaltung (Beispiel).",
        ),
    ]
    for start, end, kind, title, speaker, organisation, bio in talks:
        session = Session.objects.create(
            event=event,
            kind=kind,
            title=title,
            starts_at=_at(day, *start),
            ends_at=_at(day, *end),
        )
        _speaker(session, Workshop(title, "", "", speaker, organisation, bio))


def _ikone_november_2020(ikone: Network) -> None:
    day = datetime.date(2020, 11, 19)
    _create(
        "ikone-ds-netzwerktreffen-2020-11-19",
        [ikone],
        kind=EventKind.MEETING,
        title="IKONE-DS: Strukturen für Digitalprojekte in der Verwaltung aufbauen",
        summary="Netzwerktreffen im November 2020: Wer steuert Digitalprojekte, und wie?",
        description=(
            "Beim nächsten Treffen geht es darum, wie Verwaltungen Strukturen für ihre "
            "Digitalprojekte aufbauen: Stabsstelle oder Querschnittsteam, Steuerung, "
            "Zusammenarbeit mit den Fachbereichen."
        ),
        visibility=Visibility.MEMBERS,
        format=EventFormat.ONLINE,
        starts_at=_at(day, 10),
        ends_at=_at(day, 12),
        meeting_url="https://meet.example.org/ikone-ds-2020-11",
    )


def _second_friday_of_september(year: int) -> datetime.date:
    first = datetime.date(year, 9, 1)
    first_friday = first + datetime.timedelta(days=(4 - first.weekday()) % 7)
    return first_friday + datetime.timedelta(days=7)


def _congress_next_year(networks, now: datetime.datetime) -> None:
    day = _second_friday_of_september(timezone.localdate(now).year + 1)
    _congress(
        f"kommunalkongress-{day.year}",
        day,
        networks,
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=_at(day - datetime.timedelta(days=2), 12),
        cancellation_deadline=_at(day - datetime.timedelta(days=3), 12),
        allocation_mode=AllocationMode.FIRST_COME,
        reminder_hours=[24],
    )


def _werkstatttag(networks, now: datetime.datetime) -> None:
    """A congress in preference mode: people rank workshops, then the allocation runs."""
    day = timezone.localdate(now) + datetime.timedelta(days=42)
    event = _create(
        f"werkstatttag-digitale-verwaltung-{day.year}",
        networks,
        kind=EventKind.CONGRESS,
        title=f"Werkstatttag Digitale Verwaltung {day.year}",
        summary="Acht Workshops in zwei Runden; die Plätze werden nach Wünschen fair verteilt.",
        description=(
            "Bis zum Wunschschluss geben alle Angemeldeten an, welche Workshops sie am "
            "liebsten besuchen möchten. Danach verteilt die Koordination die Plätze so, dass "
            "möglichst viele ihre ersten Wünsche bekommen: höchstens zwei Workshops je "
            "Person, einer je Runde, verschiedene Themen."
        ),
        visibility=Visibility.PUBLIC,
        format=EventFormat.ONLINE,
        starts_at=_at(day, 9),
        ends_at=_at(day, 15),
        meeting_url=f"https://meet.example.org/werkstatttag-{day.year}",
        allocation_mode=AllocationMode.PREFERENCES,
        registration_opens_at=now - datetime.timedelta(days=1),
        preferences_close_at=_at(timezone.localdate(now) + datetime.timedelta(days=21), 23, 59),
        registration_closes_at=_at(timezone.localdate(now) + datetime.timedelta(days=21), 23, 59),
        **CONGRESS_RULES,
    )
    if event is None:
        return
    _parts(
        event,
        day,
        [
            ((9, 0), (9, 30), "Begrüßung und Einführung", "Koordination der Netzwerke", ""),
            ((14, 30), (15, 0), "Ergebnisse und Abschluss", "", ""),
        ],
    )
    _rounds(
        event,
        day,
        WERKSTATT_ROUNDS,
        [((9, 45), (11, 45)), ((12, 30), (14, 30))],
        capacity=20,
    )


def _stammtisch(dd: Network, now: datetime.datetime) -> None:
    """A monthly series (fourth Thursday, 17:00); each run adds months come into reach."""
    title = "Digitaler Stammtisch Digitale Dörfer"
    series = EventSeries.objects.filter(title=title).first()
    if series is None:
        today = timezone.localdate(now)
        series = EventSeries.objects.create(
            title=title,
            rrule="FREQ=MONTHLY;BYDAY=+4TH",
            first_start=_at(today.replace(day=1), 17),
            duration_minutes=90,
        )
        series.networks.set([dd])
        template = {
            "kind": EventKind.STAMMTISCH,
            "visibility": Visibility.MEMBERS,
            "format": EventFormat.ONLINE,
            "summary": "Offener Austausch der Mitglieder am vierten Donnerstag im Monat.",
            "description": (
                "Beim digitalen Stammtisch erzählen Mitglieder, woran sie gerade arbeiten, "
                "und fragen in die Runde. Ohne Programm, ohne Folien."
            ),
            "meeting_url": "https://meet.example.org/stammtisch-digitale-doerfer",
        }
        services.generate_occurrences(series=series, by=None, template=template, months=4, now=now)
    else:
        services.generate_occurrences(series=series, by=None, months=4, now=now)


def load(report) -> None:
    networks = {n.slug: n for n in Network.objects.filter(slug__in=[DD, IKONE])}
    if len(networks) < 2:
        return
    dd, ikone = networks[DD], networks[IKONE]
    now = timezone.now()
    _congress_2020([dd, ikone])
    _congress_2020_followup()
    _ikone_2020(ikone)
    _ikone_november_2020(ikone)
    _congress_next_year([dd, ikone], now)
    _werkstatttag([ikone, dd], now)
    _stammtisch(dd, now)
