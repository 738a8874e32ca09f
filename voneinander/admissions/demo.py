"""Two open membership applications, with a letter PDF made at load time.

Looks networks and municipalities up by slug and name and skips what is
missing, so it works with whatever the other demo modules provide. An
application that exists for a (network, municipality) pair, in any state, is
left alone: a second run changes nothing. The rows are created directly, not
through the service, so that loading demo data sends no e-mails.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from voneinander.accounts.models import User
from voneinander.admissions.models import Application, ApplicationState
from voneinander.admissions.notice import FONT, FONTS
from voneinander.municipalities.models import Municipality
from voneinander.municipalities.models import MunicipalityKind as K
from voneinander.networks.models import Membership, MembershipStatus, Network


@dataclass(frozen=True)
class DemoApplication:
    network: str
    municipality: str
    kind: str
    email: str
    first_name: str
    last_name: str
    position: str
    mayor: str
    state: str
    message: str
    topics: tuple[str, ...]


APPLICATIONS = [
    DemoApplication(
        network="digitale-doerfer-rlp",
        municipality="Aar-Einrich",
        kind=K.VERBANDSGEMEINDE,
        email="digital@vg-aar-einrich.example.org",
        first_name="Lena",
        last_name="Krüger",
        position="Digitalisierungsbeauftragte",
        mayor="Bürgermeister der Verbandsgemeinde Aar-Einrich",
        state=ApplicationState.SUBMITTED,
        message=(
            "Wir möchten von den Transferstellen lernen, wie der digitale Bürgerservice in "
            "unseren Ortsgemeinden ankommt, und unsere Erfahrungen mit dem Ehrenamtsportal teilen."
        ),
        topics=("Verwaltungsorganisation", "Ehrenamt"),
    ),
    DemoApplication(
        network="ikone-ds",
        municipality="Frankenthal (Pfalz)",
        kind=K.KREISFREIE_STADT,
        email="digitalisierung@frankenthal.example.org",
        first_name="Daniel",
        last_name="Schäfer",
        position="Leiter Stabsstelle Digitalisierung",
        mayor="Oberbürgermeister der Stadt Frankenthal (Pfalz)",
        state=ApplicationState.IN_REVIEW,
        message="Unsere Smart-City-Strategie ist beschlossen; wir suchen den Austausch.",
        topics=("Smart City", "Open Data"),
    ),
]


def letter_pdf(spec: DemoApplication, municipality: Municipality, network: Network) -> bytes:
    """A plausible signed letter of the mayor (German, like the real ones)."""
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONTS / "FiraSans-Regular.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "FiraSans-SemiBold.ttf"))
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 7, str(municipality), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 5, spec.mayor, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(20)
    pdf.set_font(FONT, "", 11)
    for line in [network.operator, *network.postal_address.splitlines()]:
        if line.strip():
            pdf.cell(0, 5.5, line.strip(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(12)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(
        0, 6, f"Antrag auf Mitgliedschaft im {network.name}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(4)
    pdf.set_font(FONT, "", 11)
    body = (
        "Sehr geehrte Damen und Herren,\n\n"
        f"hiermit beantrage ich für {municipality} die Aufnahme in das {network.name}. "
        f"Als Ansprechperson benennen wir {spec.first_name} {spec.last_name} "
        f"({spec.position}).\n\n"
        "Mit freundlichen Grüßen\n\n\n"
        f"(gez.) {spec.mayor}"
    )
    pdf.multi_cell(0, 5.5, body, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _applicant(report, spec: DemoApplication, municipality: Municipality) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is not None:
        return user
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        email=spec.email,
        password=password,
        first_name=spec.first_name,
        last_name=spec.last_name,
        position=spec.position,
        municipality=municipality,  # claimed; admission confirms it
    )
    EmailAddress.objects.create(user=user, email=spec.email, verified=True, primary=True)
    report.account(spec.email, password, f"Antragstellerin/Antragsteller {municipality}")
    return user


def load(report) -> None:
    for spec in APPLICATIONS:
        network = Network.objects.filter(slug=spec.network).first()
        municipality = (
            Municipality.objects.filter(name=spec.municipality, kind=spec.kind)
            .order_by("pk")
            .first()
        )
        if network is None or municipality is None or not network.accepts(municipality.kind):
            continue
        if Application.objects.filter(network=network, municipality=municipality).exists():
            continue
        if Membership.objects.filter(
            network=network, municipality=municipality, status=MembershipStatus.ACTIVE
        ).exists():
            continue
        coordinator = network.coordinators.order_by("pk").first()
        application = Application(
            network=network,
            municipality=municipality,
            applicant=_applicant(report, spec, municipality),
            state=spec.state,
            letter_name="Antrag_Mitgliedschaft.pdf",
            message=spec.message,
            topics=[topic for topic in network.topics if topic in spec.topics],
        )
        if spec.state == ApplicationState.IN_REVIEW:
            application.review_started_at = timezone.now()
            application.reviewed_by = coordinator
        application.letter = _demo_letter(spec, municipality, network)
        application.save()


def _demo_letter(spec: DemoApplication, municipality: Municipality, network: Network) -> str:
    """The stored letter's name; a fixed one, so that loading again writes no new file."""
    name = f"admissions/letters/demo-{network.slug}-{slugify(municipality.name)}.pdf"
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(letter_pdf(spec, municipality, network)))
