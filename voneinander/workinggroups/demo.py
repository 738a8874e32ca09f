"""Demo working groups (part of load_demo_data): two in Digitale Dörfer, one in IKONE-DS.

- "AG Dorf-App und digitale Nachbarschaft" (Digitale Dörfer, public) with a
  discussion, a folder of minutes (a text file), a result and a meeting;
- "AG Datenschutz in der Verbandsgemeinde" (Digitale Dörfer, private) with a
  discussion, a folder with a PDF checklist, a result, a meeting and an open
  request to join — only its members see its space;
- "AG Urbane Datenplattformen" (IKONE-DS, public, shared with Digitale Dörfer).
Idempotent: a group that exists is left as it is. Memberships are written
directly (no e-mails are queued); documents go through the services, so they
are checked and their text is extracted like any upload.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF

from voneinander.accounts.models import User
from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.workinggroups import services
from voneinander.workinggroups.models import (
    Discussion,
    GroupMember,
    GroupRole,
    MemberStatus,
    Post,
    WorkingGroup,
)
from voneinander.workinggroups.roles import forget_group_roles

DD, IKONE = "digitale-doerfer-rlp", "ikone-ds"
MINISTRY = "koordination@mdi-rlp.example.org"
EISENBERG = "digital@vg-eisenberg.example.org"
EISENBERG_BS = "buergerservice@vg-eisenberg.example.org"
GOELLHEIM = "digitales@vg-goellheim.example.org"
BETZDORF = "digitalisierung@vg-betzdorf-gebhardshain.example.org"
KAISERSLAUTERN = "smartcity@kaiserslautern.example.org"
SPEYER = "digitalisierung@speyer.example.org"
MAINZ = "smartcity@mainz.example.org"


@dataclass(frozen=True)
class Spec:
    slug: str
    title: str
    network: str
    topic: str
    description: str
    leads: tuple[str, ...]
    members: tuple[str, ...] = ()
    requests: tuple[tuple[str, str], ...] = ()  # (e-mail, message)
    private: bool = False
    shared_with: tuple[str, ...] = ()
    discussion: tuple[str, tuple[tuple[str, str], ...]] | None = None  # title, (author, text)
    folder: str = ""
    document: tuple[str, str, bytes] | None = None  # title, file name, content
    result: tuple[str, str] | None = None
    meeting: dict = field(default_factory=dict)


def _minutes() -> bytes:
    return (
        "Protokoll des Auftakttreffens der AG Dorf-App\n"
        "\n"
        "Teilnehmende: VG Eisenberg (Pfalz), VG Göllheim, VG Betzdorf-Gebhardshain\n"
        "\n"
        "1. Erfahrungen: In Eisenberg nutzen 14 Ortsgemeinden die Dorf-App; die "
        "Dorf-News pflegen Ehrenamtliche.\n"
        "2. Redaktion: Jede Ortsgemeinde benennt zwei Redakteurinnen oder Redakteure.\n"
        "3. Nächste Schritte: Göllheim testet den Marktplatz mit drei Hofläden.\n"
    ).encode()


def _checklist_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="Checkliste Auftragsverarbeitung (Art. 28 DSGVO)")
    pdf.ln(12)
    pdf.set_font("helvetica", size=11)
    for line in (
        "1. Vertrag zur Auftragsverarbeitung liegt unterschrieben vor.",
        "2. Technische und organisatorische Massnahmen sind beschrieben.",
        "3. Unterauftragnehmer sind benannt und genehmigt.",
        "4. Speicherort der Daten: Rechenzentrum in der EU.",
    ):
        pdf.cell(text=line)
        pdf.ln(8)
    return bytes(pdf.output())


def _specs() -> list[Spec]:
    today = timezone.localdate()
    return [
        Spec(
            slug="ag-dorf-app",
            title="AG Dorf-App und digitale Nachbarschaft",
            network=DD,
            topic="nahversorgung",
            description=(
                "Verbandsgemeinden, die eine **Dorf-App** betreiben oder einführen wollen, "
                "tauschen Erfahrungen aus: Redaktion durch Ehrenamtliche, digitaler "
                "Marktplatz für Hofläden, Mitfahrbänke.\n\n"
                "Neue Mitglieder aus dem Netzwerk sind willkommen."
            ),
            leads=(EISENBERG,),
            members=(GOELLHEIM, BETZDORF),
            discussion=(
                "Wer pflegt bei euch die Dorf-News?",
                (
                    (
                        EISENBERG,
                        "Bei uns schreiben Ehrenamtliche aus den Ortsgemeinden. "
                        "Wie organisiert ihr die Freigabe der Beiträge?",
                    ),
                    (
                        GOELLHEIM,
                        "Wir haben pro Ortsgemeinde zwei Redakteure benannt; die "
                        "Ortsbürgermeister geben nur Amtliches frei.",
                    ),
                ),
            ),
            folder="Protokolle",
            document=("Protokoll Auftakttreffen", "protokoll-auftakt.txt", _minutes()),
            result=(
                "Leitfaden: Redaktion der Dorf-App",
                "Jede Ortsgemeinde benennt zwei Redakteurinnen oder Redakteure. "
                "Amtliche Mitteilungen gibt die Ortsbürgermeisterin frei, alles andere "
                "veröffentlicht die Redaktion selbst.",
            ),
            meeting={
                "title": "AG Dorf-App: Marktplatz für Hofläden",
                "summary": "Erfahrungen aus dem Test in Göllheim",
                "day": today + datetime.timedelta(days=21),
            },
        ),
        Spec(
            slug="ag-datenschutz-vg",
            title="AG Datenschutz in der Verbandsgemeinde",
            network=DD,
            topic="verwaltung-intern",
            description=(
                "Geschlossene Runde der Datenschutz- und Digitalisierungsbeauftragten: "
                "Auftragsverarbeitung, Videokonferenzen, Cloud-Dienste. Vertrauliche "
                "Unterlagen bleiben in der Gruppe."
            ),
            leads=(EISENBERG_BS,),
            members=(EISENBERG,),
            requests=((GOELLHEIM, "Wir stellen gerade auf ein neues Ratsinformationssystem um."),),
            private=True,
            discussion=(
                "Auftragsverarbeitung mit dem Dorf-App-Anbieter",
                (
                    (
                        EISENBERG_BS,
                        "Hat jemand schon einen Vertrag zur Auftragsverarbeitung mit dem "
                        "Anbieter abgeschlossen? Unsere Checkliste liegt im Ordner Vorlagen.",
                    ),
                    (EISENBERG, "Ja, wir haben den Mustervertrag des Landes genutzt."),
                ),
            ),
            folder="Vorlagen",
            document=("Checkliste Auftragsverarbeitung", "checkliste-av.pdf", _checklist_pdf()),
            result=(
                "Empfehlung: Mustervertrag des Landes nutzen",
                "Die Gruppe empfiehlt, Verträge zur Auftragsverarbeitung auf Grundlage des "
                "Mustervertrags abzuschließen und die Checkliste beizulegen.",
            ),
            meeting={
                "title": "AG Datenschutz: Videokonferenzen im Rat",
                "summary": "Vertrauliche Sitzung der AG",
                "day": today + datetime.timedelta(days=28),
            },
        ),
        Spec(
            slug="ag-urbane-datenplattformen",
            title="AG Urbane Datenplattformen",
            network=IKONE,
            topic="open-data",
            description=(
                "Städte bauen urbane Datenplattformen und Open-Data-Portale auf. Die AG "
                "vergleicht Architekturen und Betriebsmodelle; sie ist für die Mitglieder "
                "der Digitalen Dörfer geöffnet."
            ),
            leads=(KAISERSLAUTERN,),
            members=(SPEYER, MAINZ),
            shared_with=(DD,),
            discussion=(
                "Open-Source-Plattform oder Betreibermodell?",
                (
                    (
                        KAISERSLAUTERN,
                        "Wir setzen auf eine Open-Source-Plattform. Welche Erfahrungen "
                        "habt ihr mit Betreibermodellen?",
                    ),
                ),
            ),
            result=(
                "Vergleich: Betriebsmodelle urbaner Datenplattformen",
                "Eigenbetrieb, Betrieb durch ein kommunales IT-Unternehmen oder Einkauf als "
                "Dienstleistung: Kosten und Abhängigkeiten im Überblick.",
            ),
        ),
    ]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _member(group, user, *, role=GroupRole.MEMBER, status=MemberStatus.ACTIVE, message=""):
    GroupMember.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "role": role,
            "status": status,
            "message": message,
            "joined_at": timezone.now() if status == MemberStatus.ACTIVE else None,
        },
    )
    forget_group_roles(user)


def _create(spec: Spec, people: dict[str, User], networks: dict[str, Network]) -> None:
    ministry = people.get(MINISTRY)
    leads = [people[email] for email in spec.leads if email in people]
    network = networks.get(spec.network)
    if network is None or ministry is None or not leads:
        return
    group = services.create_group(
        network=network,
        title=spec.title,
        description=spec.description,
        topic=Topic.objects.filter(slug=spec.topic).first(),
        is_private=spec.private,
        shared_with=[networks[slug] for slug in spec.shared_with if slug in networks],
        lead=leads[0],
        by=ministry,
    )
    if group.slug != spec.slug:
        WorkingGroup.objects.filter(pk=group.pk).update(slug=spec.slug)
        group.slug = spec.slug
    for lead in leads[1:]:
        _member(group, lead, role=GroupRole.LEAD)
    for email in spec.members:
        if email in people:
            _member(group, people[email])
    for email, message in spec.requests:
        if email in people:
            _member(group, people[email], status=MemberStatus.REQUESTED, message=message)
    _space(group, spec, people, leads[0])


def _space(group, spec: Spec, people: dict[str, User], lead: User) -> None:
    if spec.discussion:
        title, posts = spec.discussion
        discussion = Discussion.objects.create(
            group=group, title=title, author=people.get(posts[0][0]), last_post_at=timezone.now()
        )
        Post.objects.bulk_create(
            Post(discussion=discussion, author=people.get(email), text=text)
            for email, text in posts
        )
    folder = services.create_folder(group=group, name=spec.folder, by=lead) if spec.folder else None
    document = None
    if spec.document:
        title, name, content = spec.document
        document = services.add_document(
            group=group,
            folder=folder,
            title=title,
            upload=SimpleUploadedFile(name, content),
            comment="Erste Fassung",
            by=lead,
        )
    if spec.result:
        title, text = spec.result
        services.add_result(
            group=group,
            title=title,
            text=text,
            published_on=timezone.localdate() - datetime.timedelta(days=10),
            document=document,
            by=lead,
        )
    if spec.meeting:
        day = spec.meeting["day"]
        services.schedule_meeting(
            group=group,
            values={
                "title": spec.meeting["title"],
                "summary": spec.meeting["summary"],
                "description": "Tagesordnung folgt in der Gruppe.",
                "starts_at": _at(day, 16),
                "ends_at": _at(day, 17),
                "meeting_url": "https://meet.example.org/" + group.slug,
            },
            by=lead,
        )


def load(report) -> None:
    """Idempotent: groups that exist (by address) are left alone."""
    specs = [spec for spec in _specs() if not WorkingGroup.objects.filter(slug=spec.slug).exists()]
    if not specs:
        return
    emails = {MINISTRY} | {
        email
        for spec in specs
        for email in (*spec.leads, *spec.members, *(e for e, _m in spec.requests))
    }
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    networks = Network.objects.in_bulk([DD, IKONE], field_name="slug")
    for spec in specs:
        _create(spec, people, networks)
