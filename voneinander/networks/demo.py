"""The two networks of the Rhineland-Palatinate interior ministry, with demo people."""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.municipalities.demo import by_name
from voneinander.municipalities.models import MunicipalityKind as K
from voneinander.networks.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkCoordinator,
)
from voneinander.networks.models import (
    MembershipRole as R,
)

MINISTRY = "Ministerium des Innern und für Sport Rheinland-Pfalz"

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
            ("Eisenberg (Pfalz)", K.VERBANDSGEMEINDE, R.TRANSFER, datetime.date(2019, 3, 1)),
            ("Göllheim", K.VERBANDSGEMEINDE, R.TRANSFER, datetime.date(2019, 3, 1)),
            ("Betzdorf-Gebhardshain", K.VERBANDSGEMEINDE, R.TRANSFER, datetime.date(2019, 3, 1)),
            ("Enkenbach-Alsenborn", K.VERBANDSGEMEINDE, R.MEMBER, datetime.date(2020, 6, 15)),
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
            ("Kaiserslautern", K.KREISFREIE_STADT, R.MENTOR, datetime.date(2019, 9, 1)),
            ("Andernach", K.GROSSE_KREISANGEHOERIGE_STADT, R.MEMBER, datetime.date(2019, 9, 1)),
            ("Speyer", K.KREISFREIE_STADT, R.MEMBER, datetime.date(2019, 9, 1)),
            ("Wörth am Rhein", K.STADT, R.MEMBER, datetime.date(2019, 9, 1)),
            ("Zweibrücken", K.KREISFREIE_STADT, R.MEMBER, datetime.date(2020, 1, 15)),
            ("Bad Kreuznach", K.GROSSE_KREISANGEHOERIGE_STADT, R.MEMBER, datetime.date(2020, 5, 4)),
            ("Katzenelnbogen", K.STADT, R.MEMBER, datetime.date(2020, 8, 20)),
        ],
    },
]

# email, first name, last name, position, role text, extra
PEOPLE = [
    ("admin@voneinander.example.org", "Petra", "Admin", "Plattformbetrieb", "Plattform-Admin"),
    (
        "koordination@mdi-rlp.example.org",
        "Martina",
        "Keller",
        "Referentin Digitalisierung der Kommunen",
        "Koordination beider Netzwerke (Ministerium)",
    ),
    (
        "digital@vg-eisenberg.example.org",
        "Jonas",
        "Becker",
        "Digitalisierungsbeauftragter",
        "Ansprechperson VG Eisenberg (Pfalz), Transferstelle",
    ),
    (
        "smartcity@kaiserslautern.example.org",
        "Aylin",
        "Demir",
        "Leiterin Referat Digitalisierung",
        "Ansprechperson Kaiserslautern, Mentorstadt IKONE-DS",
    ),
    (
        "digitalisierung@speyer.example.org",
        "Stefan",
        "Wagner",
        "Digitalisierungsbeauftragter",
        "Ansprechperson Speyer",
    ),
    (
        "team@andernach.example.org",
        "Laura",
        "Schmitt",
        "Sachbearbeiterin E-Government",
        "Mitglied (Stadtverwaltung Andernach)",
    ),
    (
        "gast@hochschule.example.org",
        "Tobias",
        "Neumann",
        "Wissenschaftlicher Mitarbeiter",
        "Registrierter Gast (Referent)",
    ),
]


def _person(report, email, first, last, position, role_text, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        email=email, password=password, first_name=first, last_name=last, position=position, **extra
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    report.account(email, password, role_text)
    return user


def load(report) -> None:
    networks = {}
    for spec in NETWORKS:
        network, _new = Network.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                key: spec[key]
                for key in [
                    "name",
                    "short_name",
                    "description",
                    "target_group",
                    "target_kinds",
                    "topics",
                    "contact_email",
                ]
            }
            | {"operator": MINISTRY},
        )
        networks[spec["slug"]] = network
        for name, kind, role, since in spec["members"]:
            Membership.objects.get_or_create(
                network=network,
                municipality=by_name(name, kind),
                status="active",
                defaults={"role": role, "member_since": since},
            )
    dd, ikone = networks["digitale-doerfer-rlp"], networks["ikone-ds"]
    dd.sister_networks.add(ikone)

    people = {spec[0]: spec for spec in PEOPLE}

    def person(email, **extra):
        return _person(report, *people[email], **extra)

    person("admin@voneinander.example.org", is_staff=True, is_superuser=True)
    ministry = person(
        "koordination@mdi-rlp.example.org", organisation=MINISTRY, contact_visibility="public"
    )
    for network in (dd, ikone):
        NetworkCoordinator.objects.get_or_create(network=network, user=ministry)

    contacts = [
        ("digital@vg-eisenberg.example.org", dd, "Eisenberg (Pfalz)", K.VERBANDSGEMEINDE),
        ("smartcity@kaiserslautern.example.org", ikone, "Kaiserslautern", K.KREISFREIE_STADT),
        ("digitalisierung@speyer.example.org", ikone, "Speyer", K.KREISFREIE_STADT),
    ]
    for email, network, name, kind in contacts:
        municipality = by_name(name, kind)
        user = person(
            email,
            municipality=municipality,
            municipality_confirmed_at=timezone.now(),
            phone="+49 6131 16-0",
        )
        membership = Membership.objects.get(
            network=network, municipality=municipality, status="active"
        )
        ContactPerson.objects.get_or_create(
            membership=membership, user=user, defaults={"is_primary": True}
        )
    person(
        "team@andernach.example.org",
        municipality=by_name("Andernach", K.GROSSE_KREISANGEHOERIGE_STADT),
        municipality_confirmed_at=timezone.now(),
    )
    person("gast@hochschule.example.org", organisation="Hochschule für Verwaltung (Gast)")
