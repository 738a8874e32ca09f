"""German demo data for seminars (idempotent): the series "Digitale Kommune".

Rows are written directly, not through the services, so that loading sends no
e-mail; a programme whose address exists is left alone.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.events.models import Event, EventFormat, EventKind, Visibility
from voneinander.networks.models import Network
from voneinander.seminars.models import (
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    Material,
    MaterialKind,
    Module,
    ModuleProgress,
    Partner,
    Programme,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SLUG = "digitale-kommune"
PARTNERS = [
    ("Gemeinde- und Städtebund Rheinland-Pfalz", "GStB", "https://www.gstbrp.de"),
    ("Kommunal-Akademie Rheinland-Pfalz", "Kommunal-Akademie", "https://www.kommunal-akademie.de"),
    ("Hochschule für Verwaltung Mayen", "HöV Mayen", ""),
    ("Entwicklungsagentur Rheinland-Pfalz", "EA RLP", "https://www.ea-rlp.de"),
]
START_MODULE = "Startworkshop: Ausgangslage und Vision"
MODULES = [
    (
        START_MODULE,
        "- die Ausgangslage der eigenen Kommune einschätzen: Stärken, Schwächen, laufende "
        "Projekte\n- eine Vision für das digitale Leben vor Ort formulieren\n- wissen, wer in "
        "Gemeinderat, Verwaltung, Vereinen und Wirtschaft mitwirken sollte",
        "Der Beta-Workshop mit hauptamtlichen Bürgermeisterinnen und Bürgermeistern: Wir "
        "klären, was eine Digitalstrategie für eine kleine Kommune leisten kann – nicht "
        "E-Government, sondern Projekte, bei denen sich Bürgerschaft, lokale Wirtschaft und "
        "Kommunalpolitik begegnen.",
        "Gemeinde- und Städtebund Rheinland-Pfalz",
    ),
    (
        "Handlungsfelder & Ziele",
        "- die Handlungsfelder der eigenen Kommune auswählen\n- messbare Ziele je "
        "Handlungsfeld formulieren",
        "Von Verwaltung & Bürgerservice bis Tourismus & Kultur: Welche Felder sind für uns "
        "wichtig, und woran erkennen wir Fortschritt?",
        "Kommunal-Akademie Rheinland-Pfalz",
    ),
    (
        "Maßnahmen planen",
        "- Maßnahmen mit Verantwortlichen, Zeitplan und Budget planen\n- Lösungen anderer "
        "Kommunen aus dem Katalog nachnutzen",
        "Aus Zielen werden Maßnahmen: priorisieren, Partner finden, Fördermittel prüfen.",
        "Hochschule für Verwaltung Mayen",
    ),
    (
        "Umsetzung & Beteiligung",
        "- Bürgerinnen und Bürger an der Umsetzung beteiligen\n- Fortschritt sichtbar machen "
        "und die Strategie fortschreiben",
        "Beteiligungsformate, Kommunikation und das Dranbleiben über Jahre.",
        "Entwicklungsagentur Rheinland-Pfalz",
    ),
]
CHECKLIST = (
    "Stärken der Kommune notiert\n"
    "Schwächen und Engpässe notiert\n"
    "Laufende Digitalprojekte aufgelistet\n"
    "Mitwirkende aus Rat, Verwaltung, Vereinen und Wirtschaft benannt\n"
    "Erste Sätze der Vision formuliert"
)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _start_date() -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=28)
    return datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=BERLIN)


def load(report) -> None:
    if Programme.objects.filter(slug=SLUG).exists():
        return
    partners = {
        name: Partner.objects.get_or_create(
            name=name, defaults={"short_name": short, "website": website}
        )[0]
        for name, short, website in PARTNERS
    }
    today = timezone.localdate()
    programme = Programme.objects.create(
        slug=SLUG,
        title="Digitale Kommune – Digitalstrategien für kleine Kommunen",
        summary=(
            "Bürgermeisterinnen und Bürgermeister kleiner und mittlerer Kommunen im ländlichen "
            "Raum schreiben in mehreren Modulen ihre eigene Digitalstrategie."
        ),
        description=(
            "Die Seminarreihe läuft über mehrere Jahre. Sie beginnt mit einem Beta-Workshop "
            "für hauptamtliche Bürgermeisterinnen und Bürgermeister; ihre Rückmeldungen fließen "
            "in die überarbeitete Fassung ein.\n\nZu jedem Modul gibt es Materialien, Videos und "
            "Checklisten. Die Arbeitsmappe **Digitalstrategie** auf dieser Plattform begleitet "
            "die Module."
        ),
        network=Network.objects.filter(slug="digitale-doerfer-rlp").first(),
        starts_on=today.replace(day=1),
        ends_on=today.replace(year=today.year + 2, day=1),
        version_label="Beta",
        enrolment_mode=EnrolmentMode.APPROVAL,
        audience="hauptamtliche Bürgermeisterinnen und Bürgermeister",
        is_published=True,
    )
    programme.partners.set(partners.values())
    organiser = _user("koordination@mdi-rlp.example.org")
    if organiser is not None:
        programme.organisers.add(organiser)
    modules = [
        Module.objects.create(
            programme=programme,
            position=position,
            title=title,
            learning_goals=goals,
            description=description,
            partner=partners[partner],
        )
        for position, (title, goals, description, partner) in enumerate(MODULES)
    ]
    start = modules[0]
    Material.objects.create(
        module=start,
        kind=MaterialKind.CHECKLIST,
        title="Checkliste: Ausgangslage",
        checklist=CHECKLIST,
        position=0,
    )
    Material.objects.create(
        module=start,
        kind=MaterialKind.LINK,
        title="Digitalstrategie Rheinland-Pfalz",
        url="https://www.digital.rlp.de",
        members_only=False,
        position=1,
    )
    Material.objects.create(
        module=start,
        kind=MaterialKind.VIDEO,
        title="Video: Warum eine Digitalstrategie für kleine Kommunen?",
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        description="Ein kurzer Einstieg in die Seminarreihe (Beispielvideo).",
        members_only=False,
        position=2,
    )
    starts = _start_date()
    slug = f"startworkshop-digitale-kommune-{starts.date().isoformat()}"
    event = Event.objects.filter(slug=slug).first() or Event.objects.create(
        slug=slug,
        title="Startworkshop Digitale Kommune (Beta)",
        summary="Ausgangslage und Vision – der erste Workshop der Seminarreihe.",
        kind=EventKind.SEMINAR_DATE,
        visibility=Visibility.PUBLIC,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6, minutes=30),
        format=EventFormat.ONSITE,
        location="Kommunal-Akademie Rheinland-Pfalz, Mainz",
        capacity=20,
        seminar_module=start,
        created_by=organiser,
    )
    if programme.network_id:
        event.networks.add(programme.network_id)
    if organiser is not None:
        event.organisers.add(organiser)
    people = [
        ("digital@vg-eisenberg.example.org", EnrolmentStatus.ACTIVE, "Beigeordneter"),
        (
            "digitalisierung@vg-betzdorf-gebhardshain.example.org",
            EnrolmentStatus.ACTIVE,
            "Hauptamtliche Bürgermeisterin (Vertretung)",
        ),
        ("digitales@vg-goellheim.example.org", EnrolmentStatus.REQUESTED, "Büroleiter"),
    ]
    for email, status, role in people:
        user = _user(email)
        if user is None:
            continue
        enrolment = Enrolment.objects.create(
            programme=programme,
            user=user,
            municipality_id=user.municipality_id if user.municipality_confirmed_at else None,
            role=role,
            status=status,
            message=""
            if status == EnrolmentStatus.ACTIVE
            else "Ich vertrete unseren Bürgermeister.",
            decided_by=organiser if status == EnrolmentStatus.ACTIVE else None,
            decided_at=timezone.now() if status == EnrolmentStatus.ACTIVE else None,
        )
        if email.startswith("digital@"):
            ModuleProgress.objects.create(
                enrolment=enrolment,
                module=start,
                completed_at=timezone.now(),
                checked_items=[f"{start.materials.get(kind=MaterialKind.CHECKLIST).pk}:0"],
            )
