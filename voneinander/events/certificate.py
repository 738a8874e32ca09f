"""The certificate of attendance (Teilnahmebescheinigung) as a PDF document.

Laid out like the admission notice (admissions/notice.py): the wording comes
from the template `events/attendance_certificate.txt`, rendered in German, and
this module sets it on an A4 page in Fira Sans with fpdf2. Template lines:
"# " the title, "! " an emphasised line (the person, the event), "- " an item
of the list of sessions; paragraphs are separated by blank lines.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from voneinander.admissions.notice import FONT, FONTS, german_date
from voneinander.events.models import EventFormat, Registration, Session

CERTIFICATE_LANGUAGE = "de"
_LEFT, _RIGHT, _TOP = 25, 20, 22
_TEXT_SIZE = 11
_LINE = 5.5


def _time(value) -> str:
    return formats.time_format(timezone.localtime(value), "TIME_FORMAT")


def when(starts_at, ends_at) -> str:
    """ "11. September 2020, 9:00–16:00" or across days with both dates (in German)."""
    with translation.override(CERTIFICATE_LANGUAGE):
        start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
        if start.date() == end.date():
            return f"{german_date(start)}, {_time(start)}–{_time(end)}"
        return f"{german_date(start)}, {_time(start)} – {german_date(end)}, {_time(end)}"


def _session_when(session: Session, event) -> str:
    """Only the times when the session is on the (one) day of the event."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    event_days = {
        timezone.localtime(event.starts_at).date(),
        timezone.localtime(event.ends_at).date(),
    }
    if event_days == {start.date()} and start.date() == end.date():
        return f"{_time(start)}–{_time(end)}"
    return when(session.starts_at, session.ends_at)


def certificate_filename(registration: Registration) -> str:
    """A German name, like the certificate itself (whatever the catalogue holds)."""
    name = slugify(registration.user.display_name) or "person"
    return f"teilnahmebescheinigung-{registration.event.slug}-{name}.pdf"


def _page_pdf(site_name: str):
    """An empty A4 document whose footer carries `site_name`."""
    # imported on use: fpdf2 + fontTools are ~59 MB per worker otherwise
    from fpdf import FPDF

    class Page(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font(FONT, "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, site_name, align="L")

    return Page(orientation="portrait", unit="mm", format="A4")


def certificate_context(registration: Registration, sessions: list[Session]) -> dict:
    event = registration.event
    user = registration.user
    networks = list(event.networks.order_by("name"))
    with translation.override(CERTIFICATE_LANGUAGE):
        place = str(EventFormat(event.format).label)
        if event.format != EventFormat.ONLINE and event.location:
            place = f"{place}, {event.location}"
        return {
            "name": user.get_full_name() or user.email,
            "affiliation": user.organisation
            or (user.municipality.name if user.municipality_id and user.municipality else ""),
            "event": event,
            "kind": event.get_kind_display(),
            "when": when(event.starts_at, event.ends_at),
            "place": place,
            "sessions": [
                {"title": s.title, "when": _session_when(s, event), "topic": s.topic}
                for s in sessions
            ],
            "networks": ", ".join(network.name for network in networks),
            "issued": german_date(timezone.localdate()),
        }


def _blocks(text: str) -> list[str]:
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def render_certificate(registration: Registration, sessions: list[Session]) -> bytes:
    """The certificate for a person who attended, listing the sessions they attended."""
    context = certificate_context(registration, sessions)
    with translation.override(CERTIFICATE_LANGUAGE):
        text = render_to_string("events/attendance_certificate.txt", context)
        title = _("Certificate of attendance")

    pdf = _page_pdf(settings.SITE_NAME)
    from fpdf.enums import XPos, YPos  # fpdf2 is loaded by now (see _page_pdf)

    pdf.set_margins(_LEFT, _TOP, _RIGHT)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_font(FONT, "", str(FONTS / "FiraSans-Regular.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "FiraSans-SemiBold.ttf"))
    pdf.set_lang("de-DE")
    pdf.set_title(f"{title}: {context['name']} – {registration.event.title}")
    pdf.set_author(context["networks"] or settings.SITE_NAME)
    pdf.set_subject(title)
    pdf.set_creator(settings.SITE_NAME)
    pdf.add_page()

    # Head: the organising networks.
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 6, context["networks"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(150, 150, 150)
    pdf.line(_LEFT, pdf.get_y() + 2, pdf.w - _RIGHT, pdf.get_y() + 2)
    pdf.ln(18)

    for block in _blocks(text):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("# "):
                pdf.set_font(FONT, "B", 22)
                pdf.multi_cell(0, 10, line[2:], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(6)
            elif line.startswith("! "):
                pdf.set_font(FONT, "B", 15)
                pdf.multi_cell(0, 8, line[2:], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            elif line.startswith("- "):
                pdf.set_font(FONT, "", _TEXT_SIZE)
                pdf.set_x(_LEFT + 5)
                pdf.multi_cell(
                    0, _LINE, "• " + line[2:], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
            else:
                pdf.set_font(FONT, "", _TEXT_SIZE)
                pdf.multi_cell(0, _LINE, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    return bytes(pdf.output())
