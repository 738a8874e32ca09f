"""The admission notice (Aufnahmebescheid) as a PDF document.

The wording comes from the template `admissions/notice.txt` (paragraphs
separated by blank lines, a first line starting with "# " is the subject),
rendered in German; this module only lays it out on an A4 letter with the
network's letterhead, in Fira Sans (fonts/, SIL Open Font License).
fpdf2 is pure Python, see docs/decisions.md.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

NOTICE_LANGUAGE = "de"
FONTS = Path(__file__).parent / "fonts"
FONT = "FiraSans"

_LEFT, _RIGHT, _TOP = 25, 20, 18
_ADDRESS_TOP = 50
_TEXT_SIZE = 11
_LINE = 5.5


def german_date(value) -> str:
    with translation.override(NOTICE_LANGUAGE):
        return formats.date_format(value, "DATE_FORMAT")


def primary_contact_name(application) -> str:
    if application.applicant_is_contact and application.applicant is not None:
        return application.applicant.get_full_name() or application.applicant.email
    if application.contacts:
        return application.contacts[0].get("name", "")
    return ""


def notice_filename(application) -> str:
    with translation.override(NOTICE_LANGUAGE):
        label = _("Admission notice")
    return f"{slugify(label)}-{slugify(application.municipality.name)}.pdf"


def _letter_pdf(site_name: str):
    """An empty A4 letter whose footer carries `site_name` and the page number."""
    # imported on use: fpdf2 + fontTools are ~59 MB per worker otherwise
    from fpdf import FPDF

    class Letter(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font(FONT, "", 8)
            self.set_text_color(90, 90, 90)
            with translation.override(NOTICE_LANGUAGE):
                page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
            self.cell(0, 5, site_name, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, page, align="R")

    return Letter(orientation="portrait", unit="mm", format="A4")


def _paragraphs(text: str) -> list[str]:
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def notice_context(application) -> dict:
    decided = timezone.localdate(application.decided_at or timezone.now())
    membership = application.membership
    return {
        "application": application,
        "network": application.network,
        "municipality": application.municipality,
        "ags": application.municipality.ags or "",
        "date": german_date(decided),
        "submitted": german_date(timezone.localdate(application.submitted_at)),
        "member_since": german_date(membership.member_since if membership else decided),
        "contact": primary_contact_name(application),
        "signer": application.decided_by.get_full_name() if application.decided_by else "",
    }


def render_notice(application) -> bytes:
    """The admission notice of an admitted application, as PDF bytes."""
    network = application.network
    municipality = application.municipality
    context = notice_context(application)
    with translation.override(NOTICE_LANGUAGE):
        text = render_to_string("admissions/notice.txt", context)
        ags_line = _("Official municipality key (AGS): %(ags)s") % {"ags": context["ags"]}
        attention = _("For the attention of %(name)s") % {"name": context["contact"]}
        title = _("Admission notice")

    pdf = _letter_pdf(settings.SITE_NAME)
    from fpdf.enums import XPos, YPos  # fpdf2 is loaded by now (see _letter_pdf)

    pdf.set_margins(_LEFT, _TOP, _RIGHT)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_font(FONT, "", str(FONTS / "FiraSans-Regular.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "FiraSans-SemiBold.ttf"))
    pdf.set_lang("de-DE")
    pdf.set_title(f"{title}: {municipality} – {network.name}")
    pdf.set_author(network.name)
    pdf.set_subject(title)
    pdf.set_creator(settings.SITE_NAME)
    pdf.add_page()

    # Letterhead: network, operator, postal address, contact address.
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 7, network.name, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(70, 70, 70)
    head = [network.operator, *network.postal_address.splitlines(), network.contact_email]
    lines = [line.strip() for line in head if line.strip()]
    # The postal address often starts with the operator's name again.
    for line in [line for index, line in enumerate(lines) if line not in lines[:index]]:
        pdf.cell(0, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(150, 150, 150)
    pdf.line(_LEFT, pdf.get_y() + 2, pdf.w - _RIGHT, pdf.get_y() + 2)

    # Recipient and date.
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(max(_ADDRESS_TOP, pdf.get_y() + 8))
    pdf.set_font(FONT, "", _TEXT_SIZE)
    recipient = [str(municipality)]
    if context["ags"]:
        recipient.append(ags_line)
    if context["contact"]:
        recipient.append(attention)
    for line in recipient:
        pdf.cell(0, _LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.cell(0, _LINE, context["date"], align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)

    # The letter's text.
    for paragraph in _paragraphs(text):
        if paragraph.startswith("# "):
            pdf.set_font(FONT, "B", 12)
            pdf.multi_cell(
                0, 6, paragraph[2:].strip(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.set_font(FONT, "", _TEXT_SIZE)
        else:
            pdf.multi_cell(0, _LINE, paragraph, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
    return bytes(pdf.output())
