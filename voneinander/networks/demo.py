"""The two networks of the Rhineland-Palatinate interior ministry, with members and people.

Members joined between 2019 and 2026 (so the figures have a history), one has left.
Everything is created only if missing: a second run changes nothing, and what people
changed in the demo (roles, contacts, topics) stays as it is.
"""

import datetime
import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.municipalities.demo import find
from voneinander.municipalities.models import MunicipalityKind as K
from voneinander.networks.models import (
    ContactPerson,
    Membership,
    MembershipStatus,
    Network,
    NetworkCoordinator,
)
from voneinander.networks.models import MembershipRole as R

MINISTRY = "Ministerium des Innern und für Sport Rheinland-Pfalz"
MINISTRY_ADDRESS = f"{MINISTRY}\nSchillerplatz 3–5\n55116 Mainz"

DONNERSBERG = "Donnersbergkreis"
LK_KAISERSLAUTERN = "Landkreis Kaiserslautern"
LAND = "Rheinland-Pfalz"


@dataclass(frozen=True)
class Member:
    name: str
    kind: str
    parent: str
    since: datetime.date
    role: str = R.MEMBER
    left_on: datetime.date | None = None


def _vg(name, parent, since, role=R.MEMBER):
    return Member(name, K.VERBANDSGEMEINDE, parent, since, role)


def _city(name, since, role=R.MEMBER, left_on=None):
    return Member(name, K.KREISFREIE_STADT, LAND, since, role, left_on)


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


NETWORKS = [
    {
        "slug": "digitale-doerfer-rlp",
        "name": "Netzwerk Digitale Dörfer RLP",
        "short_name": "Digitale Dörfer",
        "description": (
            "Im Netzwerk Digitale Dörfer lernen Verbands- und Ortsgemeinden in "
            "Rheinland-Pfalz voneinander, wie Digitalisierung im ländlichen Raum gelingt. "
            "Modellkommunen geben als Transferstelle ihre Erfahrungen weiter: nicht jede "
            "Gemeinde muss dieselbe digitale Lösung noch einmal erfinden."
        ),
        "target_group": "Verbandsgemeinden und Ortsgemeinden in Rheinland-Pfalz",
        "target_kinds": [K.VERBANDSGEMEINDE, K.ORTSGEMEINDE, K.VERBANDSFREIE_GEMEINDE],
        "topics": ["Verwaltungsorganisation", "Kreativwirtschaft", "Online-Handel", "Ehrenamt"],
        "contact_email": "digitale-doerfer@mdi-rlp.example.org",
        "members": [
            _vg("Eisenberg (Pfalz)", DONNERSBERG, _d("2019-03-01"), R.TRANSFER),
            _vg("Göllheim", DONNERSBERG, _d("2019-03-01"), R.TRANSFER),
            _vg(
                "Betzdorf-Gebhardshain",
                "Landkreis Altenkirchen (Westerwald)",
                _d("2019-03-01"),
                R.TRANSFER,
            ),
            _vg("Winnweiler", DONNERSBERG, _d("2019-11-04")),
            _vg("Kirchheimbolanden", DONNERSBERG, _d("2020-02-10")),
            Member("Dreisen", K.ORTSGEMEINDE, "Göllheim", _d("2020-03-01")),
            _vg("Enkenbach-Alsenborn", LK_KAISERSLAUTERN, _d("2020-06-15")),
            _vg("Nordpfälzer Land", DONNERSBERG, _d("2020-09-01")),
            _vg("Otterbach-Otterberg", LK_KAISERSLAUTERN, _d("2021-03-15")),
            _vg("Weilerbach", LK_KAISERSLAUTERN, _d("2021-05-03")),
            Member("Ramsen", K.ORTSGEMEINDE, "Eisenberg (Pfalz)", _d("2021-06-01")),
            _vg("Landstuhl", LK_KAISERSLAUTERN, _d("2021-10-18")),
            _vg("Kusel-Altenglan", "Landkreis Kusel", _d("2022-01-17")),
            _vg("Daaden-Herdorf", "Landkreis Altenkirchen (Westerwald)", _d("2022-04-01")),
            Member("Sembach", K.ORTSGEMEINDE, "Enkenbach-Alsenborn", _d("2022-06-01")),
            _vg("Hachenburg", "Westerwaldkreis", _d("2022-09-12")),
            _vg("Westerburg", "Westerwaldkreis", _d("2023-02-06")),
            _vg("Nastätten", "Rhein-Lahn-Kreis", _d("2023-06-19")),
            Member("Haßloch", K.VERBANDSFREIE_GEMEINDE, "Landkreis Bad Dürkheim", _d("2023-09-01")),
            _vg("Kastellaun", "Rhein-Hunsrück-Kreis", _d("2023-11-06")),
            _vg("Bernkastel-Kues", "Landkreis Bernkastel-Wittlich", _d("2024-03-04")),
            _vg("Gerolstein", "Landkreis Vulkaneifel", _d("2024-07-01")),
            Member(
                "Morbach",
                K.VERBANDSFREIE_GEMEINDE,
                "Landkreis Bernkastel-Wittlich",
                _d("2024-10-01"),
            ),
            _vg("Nieder-Olm", "Landkreis Mainz-Bingen", _d("2024-11-11")),
            _vg("Prüm", "Eifelkreis Bitburg-Prüm", _d("2025-01-13")),
            Member(
                "Budenheim", K.VERBANDSFREIE_GEMEINDE, "Landkreis Mainz-Bingen", _d("2025-03-03")
            ),
            _vg("Wörrstadt", "Landkreis Alzey-Worms", _d("2025-05-05")),
            _vg("Leiningerland", "Landkreis Bad Dürkheim", _d("2025-09-01")),
            _vg("Dahner Felsenland", "Landkreis Südwestpfalz", _d("2026-02-02")),
            _vg("Annweiler am Trifels", "Landkreis Südliche Weinstraße", _d("2026-06-15")),
        ],
    },
    {
        "slug": "ikone-ds",
        "name": "Interkommunales Netzwerk Digitale Stadt (IKONE-DS)",
        "short_name": "IKONE-DS",
        "description": (
            "IKONE-DS verbindet große und mittlere Städte in Rheinland-Pfalz. Unter der "
            "Mentorschaft der Stadt Kaiserslautern tauschen sie sich in regelmäßigen "
            "Videokonferenzen und Arbeitsgruppen über ihre Projekte zur digitalen Stadt aus."
        ),
        "target_group": "Große und mittlere Städte in Rheinland-Pfalz",
        "target_kinds": [K.KREISFREIE_STADT, K.GROSSE_KREISANGEHOERIGE_STADT, K.STADT],
        "topics": ["Digitale Stadt", "Smart City", "Verwaltungsdigitalisierung", "Open Data"],
        "contact_email": "ikone-ds@mdi-rlp.example.org",
        "members": [
            _city("Kaiserslautern", _d("2019-09-01"), R.MENTOR),
            Member(
                "Andernach",
                K.GROSSE_KREISANGEHOERIGE_STADT,
                "Landkreis Mayen-Koblenz",
                _d("2019-09-01"),
            ),
            _city("Speyer", _d("2019-09-01")),
            Member("Wörth am Rhein", K.STADT, "Landkreis Germersheim", _d("2019-09-01")),
            _city("Pirmasens", _d("2019-09-01"), left_on=_d("2024-06-30")),
            _city("Zweibrücken", _d("2020-01-15")),
            Member(
                "Bad Kreuznach",
                K.GROSSE_KREISANGEHOERIGE_STADT,
                "Landkreis Bad Kreuznach",
                _d("2020-05-04"),
            ),
            Member("Katzenelnbogen", K.STADT, "Aar-Einrich", _d("2020-08-20")),
            _city("Mainz", _d("2021-02-01")),
            _city("Trier", _d("2021-09-13")),
            _city("Koblenz", _d("2022-03-07")),
            _city("Worms", _d("2022-10-10")),
            _city("Landau in der Pfalz", _d("2023-04-03")),
            Member(
                "Neuwied", K.GROSSE_KREISANGEHOERIGE_STADT, "Landkreis Neuwied", _d("2023-10-02")
            ),
            Member(
                "Ingelheim am Rhein",
                K.GROSSE_KREISANGEHOERIGE_STADT,
                "Landkreis Mainz-Bingen",
                _d("2024-05-06"),
            ),
            Member(
                "Lahnstein", K.GROSSE_KREISANGEHOERIGE_STADT, "Rhein-Lahn-Kreis", _d("2025-02-03")
            ),
            Member(
                "Mayen",
                K.GROSSE_KREISANGEHOERIGE_STADT,
                "Landkreis Mayen-Koblenz",
                _d("2025-08-18"),
            ),
            Member(
                "Bingen am Rhein",
                K.GROSSE_KREISANGEHOERIGE_STADT,
                "Landkreis Mainz-Bingen",
                _d("2026-03-02"),
            ),
            Member(
                "Idar-Oberstein",
                K.GROSSE_KREISANGEHOERIGE_STADT,
                "Landkreis Birkenfeld",
                _d("2026-09-07"),
            ),
        ],
    },
]

_NETWORK_FIELDS = [
    "name",
    "short_name",
    "description",
    "target_group",
    "target_kinds",
    "topics",
    "contact_email",
]


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str
    position: str
    role_text: str  # printed next to the password
    visibility: str = "network"
    # (name, kind, parent) of the municipality the person works for
    municipality: tuple[str, str, str] | None = None
    confirmed: bool = True
    # (network slug, municipality name) of the memberships the person is contact for;
    # the first contact named for a membership is its primary contact.
    contact_for: tuple[tuple[str, str], ...] = ()
    extra: tuple[tuple[str, object], ...] = ()


DD, IKONE = "digitale-doerfer-rlp", "ikone-ds"
VG_EISENBERG = ("Eisenberg (Pfalz)", K.VERBANDSGEMEINDE, DONNERSBERG)
VG_GOELLHEIM = ("Göllheim", K.VERBANDSGEMEINDE, DONNERSBERG)

PEOPLE = [
    Person(
        "admin@voneinander.example.org",
        "Petra",
        "Admin",
        "Plattformbetrieb",
        "Plattform-Admin",
        extra=(("is_staff", True), ("is_superuser", True)),
    ),
    Person(
        "koordination@mdi-rlp.example.org",
        "Martina",
        "Keller",
        "Referentin Digitalisierung der Kommunen",
        "Koordination beider Netzwerke (Ministerium)",
        visibility="public",
        extra=(("organisation", MINISTRY),),
    ),
    Person(
        "digital@vg-eisenberg.example.org",
        "Jonas",
        "Becker",
        "Digitalisierungsbeauftragter",
        "Ansprechperson VG Eisenberg (Pfalz), Transferstelle",
        municipality=VG_EISENBERG,
        contact_for=((DD, "Eisenberg (Pfalz)"),),
    ),
    Person(
        "buergerservice@vg-eisenberg.example.org",
        "Sabine",
        "Hoffmann",
        "Sachgebietsleiterin Bürgerservice",
        "Zweite Ansprechperson VG Eisenberg (Pfalz), Kontaktdaten nur für die Koordination",
        visibility="nobody",
        municipality=VG_EISENBERG,
        contact_for=((DD, "Eisenberg (Pfalz)"),),
    ),
    Person(
        "digitales@vg-goellheim.example.org",
        "Markus",
        "Schneider",
        "Büroleiter",
        "Ansprechperson VG Göllheim, bestätigt Zugehörigkeiten",
        visibility="public",
        municipality=VG_GOELLHEIM,
        contact_for=((DD, "Göllheim"),),
    ),
    Person(
        "digitalisierung@vg-betzdorf-gebhardshain.example.org",
        "Katrin",
        "Weber",
        "Digitalisierungsbeauftragte",
        "Ansprechperson VG Betzdorf-Gebhardshain, Transferstelle",
        municipality=(
            "Betzdorf-Gebhardshain",
            K.VERBANDSGEMEINDE,
            "Landkreis Altenkirchen (Westerwald)",
        ),
        contact_for=((DD, "Betzdorf-Gebhardshain"),),
    ),
    Person(
        "smartcity@kaiserslautern.example.org",
        "Aylin",
        "Demir",
        "Leiterin Referat Digitalisierung",
        "Ansprechperson Kaiserslautern, Mentorstadt IKONE-DS",
        visibility="public",
        municipality=("Kaiserslautern", K.KREISFREIE_STADT, LAND),
        contact_for=((IKONE, "Kaiserslautern"),),
    ),
    Person(
        "digitalisierung@speyer.example.org",
        "Stefan",
        "Wagner",
        "Digitalisierungsbeauftragter",
        "Ansprechperson Speyer",
        municipality=("Speyer", K.KREISFREIE_STADT, LAND),
        contact_for=((IKONE, "Speyer"),),
    ),
    Person(
        "smartcity@mainz.example.org",
        "Nina",
        "Fischer",
        "Projektleiterin Smart City",
        "Ansprechperson Mainz, Kontaktdaten nur für die Koordination",
        visibility="nobody",
        municipality=("Mainz", K.KREISFREIE_STADT, LAND),
        contact_for=((IKONE, "Mainz"),),
    ),
    Person(
        "team@andernach.example.org",
        "Laura",
        "Schmitt",
        "Sachbearbeiterin E-Government",
        "Mitglied (Stadtverwaltung Andernach)",
        municipality=("Andernach", K.GROSSE_KREISANGEHOERIGE_STADT, "Landkreis Mayen-Koblenz"),
    ),
    Person(
        "neu@vg-goellheim.example.org",
        "Felix",
        "Braun",
        "Verwaltungsfachangestellter",
        "Neu: Zugehörigkeit zur VG Göllheim noch nicht bestätigt",
        municipality=VG_GOELLHEIM,
        confirmed=False,
    ),
    Person(
        "gast@hochschule.example.org",
        "Tobias",
        "Neumann",
        "Wissenschaftlicher Mitarbeiter",
        "Registrierter Gast (Referent)",
        extra=(("organisation", "Hochschule für Verwaltung (Gast)"),),
    ),
]


def _person(report, spec: Person) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is not None:
        return user
    extra = dict(spec.extra)
    if spec.municipality is not None:
        extra["municipality"] = find(*spec.municipality)
        if spec.confirmed:
            extra["municipality_confirmed_at"] = timezone.now()
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        email=spec.email,
        password=password,
        first_name=spec.first_name,
        last_name=spec.last_name,
        position=spec.position,
        contact_visibility=spec.visibility,
        phone="+49 6131 16-0" if spec.contact_for else "",
        **extra,
    )
    EmailAddress.objects.create(user=user, email=spec.email, verified=True, primary=True)
    report.account(spec.email, password, spec.role_text)
    return user


def _topics(topics: list[str], index: int) -> list[str]:
    """One or two of the network's topics, varied from member to member."""
    chosen = [topics[index % len(topics)]]
    if index % 3:
        chosen.append(topics[(index * 2 + 1) % len(topics)])
    return sorted(set(chosen), key=topics.index)


def load(report) -> None:
    networks = {}
    memberships = {}
    for spec in NETWORKS:
        network, _new = Network.objects.get_or_create(
            slug=spec["slug"],
            defaults={key: spec[key] for key in _NETWORK_FIELDS}
            | {"operator": MINISTRY, "postal_address": MINISTRY_ADDRESS},
        )
        networks[spec["slug"]] = network
        existing = {m.municipality_id: m for m in Membership.objects.filter(network=network)}
        for index, member in enumerate(spec["members"]):
            municipality = find(member.name, member.kind, member.parent)
            membership = existing.get(municipality.pk)
            if membership is None:
                membership = Membership.objects.create(
                    network=network,
                    municipality=municipality,
                    role=member.role,
                    member_since=member.since,
                    topic_focuses=_topics(spec["topics"], index),
                    status=MembershipStatus.LEFT if member.left_on else MembershipStatus.ACTIVE,
                    left_on=member.left_on,
                )
            memberships[(spec["slug"], member.name)] = membership
    dd, ikone = networks[DD], networks[IKONE]
    dd.sister_networks.add(ikone)

    people = {spec.email: _person(report, spec) for spec in PEOPLE}
    ministry = people["koordination@mdi-rlp.example.org"]
    for network in (dd, ikone):
        NetworkCoordinator.objects.get_or_create(network=network, user=ministry)
    for spec in PEOPLE:
        for slug, name in spec.contact_for:
            membership = memberships[(slug, name)]
            has_primary = membership.contact_persons.filter(is_primary=True).exists()
            ContactPerson.objects.get_or_create(
                membership=membership,
                user=people[spec.email],
                defaults={"is_primary": not has_primary},
            )
