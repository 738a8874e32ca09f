"""The strategy as a PDF (fpdf2): title page, table of contents, sections, a
measures table per Handlungsfeld, and a timeline drawn as a Gantt chart.

Headings go through `start_section`, which gives the PDF its outline (bookmarks)
and tagged headings; the document carries title, language and author, and all
text is real text (Fira Sans, embedded), so it can be searched and read aloud.
"""

from __future__ import annotations

import calendar
import datetime
import math

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace, TextStyle
from fpdf.outline import TableOfContents
from fpdf.prefs import ViewerPreferences

from voneinander.admissions.notice import FONTS
from voneinander.strategies.exports import (
    STATUS_COLOURS,
    FieldSection,
    MeasureItem,
    StrategyDocument,
)

FONT = "FiraSans"
_MARGIN = 20
_BOTTOM = 20
_TEXT = 10.5
_LINE = 5.2
_SMALL = 8.5
_GREY = (90, 90, 90)
_HEAD_FILL = (225, 233, 241)
_GRID = (215, 215, 215)

# Measures table: fractions of the text width.
_COLUMNS = (32, 11, 20, 15, 10, 12)

# Timeline geometry (mm).
_LABEL_WIDTH = 58
_ROW = 6.0
_BAR = 3.6
_AXIS = 10.0


class _Document(FPDF):
    document: StrategyDocument

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*_GREY)
        labels = self.document.labels
        page = labels.page % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, f"{self.document.title} · {self.document.municipality}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, page, align="R")
        self.set_text_color(0, 0, 0)


class _Contents(TableOfContents):
    def __init__(self, heading: str):
        super().__init__(
            text_style=TextStyle(font_family=FONT, font_style="", font_size_pt=_TEXT),
            level_indent=7,
            line_spacing=1.6,
        )
        self.heading = heading

    def render_toc(self, pdf, outline):
        pdf.set_x(pdf.l_margin)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT, "B", 18)
        pdf.multi_cell(0, 9, self.heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
        super().render_toc(pdf, outline)


def _outline_size(document: StrategyDocument) -> int:
    """How many entries the table of contents will have (to reserve its pages)."""
    undated = any(not measure.span for measure in document.measures)
    return (
        len(document.starting_point)
        + len(document.sections)
        + 6  # starting point, vision, goals, fields, measures, timeline
        + undated
        + bool(document.partners)
    )


def render_pdf(document: StrategyDocument) -> bytes:
    labels = document.labels
    pdf = _Document(orientation="portrait", unit="mm", format="A4")
    pdf.document = document
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=_BOTTOM)
    pdf.add_font(FONT, "", str(FONTS / "FiraSans-Regular.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "FiraSans-SemiBold.ttf"))
    pdf.set_lang("de-DE")
    pdf.set_title(f"{document.title} – {document.municipality}")
    pdf.set_subject(labels.document)
    pdf.set_author(document.municipality)
    pdf.set_creator(document.site_name)
    pdf.set_keywords([labels.document, document.municipality, *document.fields])
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_section_title_styles(
        TextStyle(font_family=FONT, font_style="B", font_size_pt=17, t_margin=4, b_margin=3),
        TextStyle(font_family=FONT, font_style="B", font_size_pt=13, t_margin=3, b_margin=2),
    )

    _title_page(pdf, document)
    entries = _outline_size(document)
    pages = max(1, math.ceil((entries * _TEXT * 0.3528 * 1.6 + 20) / (297 - 2 * _MARGIN - 10)))
    pdf.add_page()
    pdf.insert_toc_placeholder(_Contents(labels.contents).render_toc, pages=pages)
    pdf.set_font(FONT, "", _TEXT)

    pdf.start_section(labels.starting_point)
    for section in document.starting_point:
        pdf.start_section(section.heading, level=1)
        _paragraphs(pdf, section.paragraphs, labels.empty)
    pdf.start_section(labels.vision)
    _paragraphs(pdf, document.vision, labels.empty)
    pdf.start_section(labels.goals)
    _paragraphs(pdf, document.goals, labels.empty)
    pdf.start_section(labels.fields)
    if document.fields:
        _text(pdf, labels.fields_intro)
        for name in document.fields:
            _text(pdf, f"•  {name}")
    else:
        _muted(pdf, labels.no_fields)

    pdf.add_page()
    pdf.start_section(labels.measures)
    for section in document.sections:
        _field_section(pdf, document, section)

    pdf.add_page()
    pdf.start_section(labels.timeline)
    _timeline(pdf, document)

    if document.partners:
        pdf.start_section(labels.partner_municipalities)
        for name in document.partners:
            _text(pdf, f"•  {name}")
    return bytes(pdf.output())


# --- Building blocks ---------------------------------------------------------------------


def _text(pdf: FPDF, text: str, *, size: float = _TEXT, style: str = "", line: float = _LINE):
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, line, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _muted(pdf: FPDF, text: str):
    pdf.set_text_color(*_GREY)
    _text(pdf, text)
    pdf.set_text_color(0, 0, 0)


def _paragraphs(pdf: FPDF, paragraphs: tuple[str, ...], empty: str):
    if not paragraphs:
        _muted(pdf, empty)
        return
    for paragraph in paragraphs:
        _text(pdf, paragraph)
        pdf.ln(2)


def _title_page(pdf: _Document, document: StrategyDocument):
    labels = document.labels
    pdf.add_page()
    pdf.set_text_color(*_GREY)
    _text(pdf, document.site_name, size=11)
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(85)
    _text(pdf, labels.document, size=14)
    pdf.ln(2)
    _text(pdf, document.title, size=26, style="B", line=11)
    pdf.ln(4)
    _text(pdf, document.municipality, size=16, line=8)
    pdf.ln(10)
    _text(pdf, labels.date_line % {"date": document.date_text}, size=12)
    if document.team:
        pdf.ln(2)
        _text(pdf, f"{labels.team}: {', '.join(document.team)}", size=11)
    pdf.set_y(-40)
    pdf.set_draw_color(*_GRID)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)
    pdf.set_text_color(*_GREY)
    _text(pdf, labels.made_with % {"site": document.site_name}, size=9)
    pdf.set_text_color(0, 0, 0)


def _field_section(pdf: _Document, document: StrategyDocument, section: FieldSection):
    labels = document.labels
    pdf.start_section(section.name, level=1)
    if section.description:
        _muted(pdf, section.description)
    if not section.chosen:
        _muted(pdf, labels.field_not_chosen)
    if not section.measures:
        pdf.ln(1)
        _muted(pdf, labels.no_measures)
        pdf.ln(3)
        return
    pdf.ln(2)
    _measures_table(pdf, document, section.measures)
    pdf.ln(3)
    for measure in section.measures:
        _measure_details(pdf, document, measure)
    pdf.ln(2)


def _measures_table(pdf: FPDF, document: StrategyDocument, measures: tuple[MeasureItem, ...]):
    labels = document.labels
    pdf.set_font(FONT, "", _SMALL)
    heading = FontFace(family=FONT, emphasis="BOLD", fill_color=_HEAD_FILL)
    with pdf.table(
        col_widths=_COLUMNS,
        text_align="LEFT",
        line_height=4.2,
        padding=1.2,
        headings_style=heading,
        repeat_headings=1,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        head = table.row()
        for label in (
            labels.measure,
            labels.priority,
            labels.responsible,
            labels.timeframe,
            labels.budget,
            labels.status,
        ):
            head.cell(label)
        for measure in measures:
            row = table.row()
            row.cell(measure.title, style=FontFace(family=FONT, emphasis="BOLD"))
            row.cell(measure.priority)
            row.cell(measure.responsible)
            row.cell(measure.timeframe)
            row.cell(measure.budget)
            row.cell(measure.status)
    pdf.set_font(FONT, "", _TEXT)


def _measure_details(pdf: FPDF, document: StrategyDocument, measure: MeasureItem):
    if not (measure.goal or measure.solutions or measure.partners):
        return
    labels = document.labels
    _text(pdf, measure.title, size=_TEXT, style="B")
    if measure.goal:
        _text(pdf, f"{labels.goal}:", size=_SMALL + 0.5, style="B", line=4.6)
        for paragraph in measure.goal:
            _text(pdf, paragraph, size=_SMALL + 0.5, line=4.6)
    if measure.solutions:
        _text(pdf, f"{labels.solutions}:", size=_SMALL + 0.5, style="B", line=4.6)
        for link in measure.solutions:
            pdf.set_font(FONT, "", _SMALL + 0.5)
            pdf.multi_cell(
                0,
                4.6,
                f"•  {link.title} – {link.url}",
                align=Align.L,
                link=link.url,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
    if measure.partners:
        _text(
            pdf,
            f"{labels.partners}: {', '.join(measure.partners)}",
            size=_SMALL + 0.5,
            line=4.6,
        )
    pdf.ln(3)


# --- The timeline ------------------------------------------------------------------------


def _month_index(day: datetime.date, origin: datetime.date) -> int:
    return (day.year - origin.year) * 12 + day.month - origin.month


def _position(day: datetime.date, origin: datetime.date, *, end: bool) -> float:
    """Months from the origin to the start (or the end) of `day`."""
    days = calendar.monthrange(day.year, day.month)[1]
    fraction = (day.day if end else day.day - 1) / days
    return _month_index(day, origin) + fraction


def _fit(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _Chart:
    def __init__(self, pdf: FPDF, first: datetime.date, last: datetime.date):
        self.pdf = pdf
        self.origin = first.replace(day=1)
        self.months = _month_index(last, self.origin) + 1
        self.x0 = pdf.l_margin + _LABEL_WIDTH + 2
        self.width = pdf.epw - _LABEL_WIDTH - 2
        self.unit = self.width / self.months

    def x(self, day: datetime.date, *, end: bool = False) -> float:
        return self.x0 + _position(day, self.origin, end=end) * self.unit

    def month_starts(self):
        year, month = self.origin.year, self.origin.month
        for index in range(self.months):
            yield index, datetime.date(year, month, 1)
            month += 1
            if month > 12:
                year, month = year + 1, 1

    def axis(self):
        pdf = self.pdf
        top = pdf.get_y()
        pdf.set_font(FONT, "B", 7.5)
        pdf.set_draw_color(*_GRID)
        # Year row: each year's label centred over its months.
        years: dict[int, list[int]] = {}
        for index, day in self.month_starts():
            years.setdefault(day.year, []).append(index)
        for year, indexes in years.items():
            left = self.x0 + indexes[0] * self.unit
            width = len(indexes) * self.unit
            pdf.set_xy(left, top)
            label = str(year) if pdf.get_string_width(str(year)) < width else str(year)[2:]
            pdf.cell(width, 4.5, label if pdf.get_string_width(label) < width else "", align="C")
            pdf.line(left, top, left, top + _AXIS)
        # Month row: numbers where there is room, else quarters only.
        pdf.set_font(FONT, "", 6.5)
        step = 1 if self.unit >= 4.2 else (3 if self.unit * 3 >= 4.2 else 12)
        for index, day in self.month_starts():
            if (day.month - 1) % step:
                continue
            pdf.set_xy(self.x0 + index * self.unit, top + 4.5)
            pdf.cell(self.unit * step, 4.5, f"{day.month:02d}", align="C")
        pdf.line(self.x0, top + _AXIS, self.x0 + self.width, top + _AXIS)
        pdf.set_xy(pdf.l_margin, top + _AXIS + 1)

    def gridlines(self, top: float, height: float):
        pdf = self.pdf
        pdf.set_draw_color(*_GRID)
        for index, day in self.month_starts():
            if day.month == 1 or index == 0:
                x = self.x0 + index * self.unit
                pdf.line(x, top, x, top + height)
        pdf.line(self.x0 + self.width, top, self.x0 + self.width, top + height)

    def room_for(self, height: float) -> bool:
        return self.pdf.get_y() + height <= self.pdf.page_break_trigger

    def new_page_if_needed(self, height: float):
        if not self.room_for(height):
            self.pdf.add_page()
            self.axis()

    def field_row(self, name: str):
        pdf = self.pdf
        self.new_page_if_needed(_ROW * 2)
        pdf.set_font(FONT, "B", _SMALL)
        pdf.cell(pdf.epw, _ROW, _fit(pdf, name, pdf.epw), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def measure_row(self, measure: MeasureItem):
        pdf = self.pdf
        self.new_page_if_needed(_ROW)
        top = pdf.get_y()
        self.gridlines(top, _ROW)
        pdf.set_font(FONT, "", _SMALL - 0.5)
        pdf.set_x(pdf.l_margin + 2)
        pdf.cell(_LABEL_WIDTH - 2, _ROW, _fit(pdf, measure.title, _LABEL_WIDTH - 3))
        first, last = measure.span
        left = self.x(first)
        right = max(self.x(last, end=True), left + 1.2)
        pdf.set_fill_color(*STATUS_COLOURS.get(measure.status_key, (120, 120, 120)))
        pdf.rect(left, top + (_ROW - _BAR) / 2, right - left, _BAR, style="F")
        pdf.set_xy(pdf.l_margin, top + _ROW)


def _timeline(pdf: _Document, document: StrategyDocument):
    labels = document.labels
    dated = [measure for measure in document.measures if measure.span]
    undated = [measure for measure in document.measures if not measure.span]
    if dated:
        _muted(pdf, labels.timeline_intro)
        pdf.ln(3)
        first = min(measure.span[0] for measure in dated)
        last = max(measure.span[1] for measure in dated)
        chart = _Chart(pdf, first, last)
        chart.axis()
        for section in document.sections:
            rows = [measure for measure in section.measures if measure.span]
            if not rows:
                continue
            chart.field_row(section.name)
            for measure in rows:
                chart.measure_row(measure)
        pdf.ln(4)
        _legend(pdf, document, dated)
    else:
        _muted(pdf, labels.no_dates)
    if undated:
        pdf.ln(4)
        pdf.start_section(labels.without_dates, level=1)
        for measure in undated:
            _text(pdf, f"•  {measure.title} ({measure.field} · {measure.status})", size=_SMALL + 1)


def _legend(pdf: FPDF, document: StrategyDocument, measures: list[MeasureItem]):
    shown: dict[str, str] = {}
    for measure in measures:
        shown.setdefault(measure.status_key, measure.status)
    if pdf.get_y() + 8 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(FONT, "", _SMALL - 0.5)
    x, y = pdf.l_margin, pdf.get_y()
    for key in STATUS_COLOURS:
        if key not in shown:
            continue
        pdf.set_fill_color(*STATUS_COLOURS[key])
        pdf.rect(x, y + 1.2, 4, 3, style="F")
        pdf.set_xy(x + 5, y)
        width = pdf.get_string_width(shown[key]) + 2
        pdf.cell(width, 5.4, shown[key])
        x += width + 8
    pdf.set_xy(pdf.l_margin, y + 7)
