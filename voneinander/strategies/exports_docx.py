"""The strategy as a Word document (python-docx), for further editing in the town hall.

Headings use Word's built-in Heading styles, so the table-of-contents field
(filled in when the document's fields are updated) and the navigation pane work;
the measures tables repeat their header row on every page.
"""

from __future__ import annotations

import datetime
import io
import re

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from voneinander.strategies.exports import MeasureItem, StrategyDocument

_GREY = RGBColor(0x5A, 0x5A, 0x5A)
_LINK = RGBColor(0x00, 0x5E, 0xA8)
_WIDTHS = (Cm(5.2), Cm(1.9), Cm(3.3), Cm(2.6), Cm(1.9), Cm(2.0))


def render_docx(document: StrategyDocument) -> bytes:
    labels = document.labels
    docx = Document()
    _page_setup(docx)
    _properties(docx, document)
    _footer(docx, document)

    # Title page.
    _muted(docx.add_paragraph(), document.site_name)
    for _ in range(6):
        docx.add_paragraph()
    docx.add_paragraph(labels.document, style="Subtitle")
    docx.add_paragraph(document.title, style="Title")
    docx.add_paragraph(document.municipality, style="Subtitle")
    docx.add_paragraph(labels.date_line % {"date": document.date_text})
    if document.team:
        docx.add_paragraph(f"{labels.team}: {', '.join(document.team)}")
    _muted(docx.add_paragraph(), labels.made_with % {"site": document.site_name})
    _page_break(docx)

    # Table of contents: a field that Word and LibreOffice fill in from the headings.
    docx.add_paragraph(labels.contents, style="TOC Heading")
    _toc_field(docx.add_paragraph(), labels.contents_hint)
    _page_break(docx)

    docx.add_heading(labels.starting_point, level=1)
    for section in document.starting_point:
        docx.add_heading(section.heading, level=2)
        _paragraphs(docx, section.paragraphs, labels.empty)
    docx.add_heading(labels.vision, level=1)
    _paragraphs(docx, document.vision, labels.empty)
    docx.add_heading(labels.goals, level=1)
    _paragraphs(docx, document.goals, labels.empty)
    docx.add_heading(labels.fields, level=1)
    if document.fields:
        docx.add_paragraph(labels.fields_intro)
        for name in document.fields:
            docx.add_paragraph(name, style="List Bullet")
    else:
        _muted(docx.add_paragraph(), labels.no_fields)

    _page_break(docx)
    docx.add_heading(labels.measures, level=1)
    for section in document.sections:
        docx.add_heading(section.name, level=2)
        if section.description:
            _muted(docx.add_paragraph(), section.description)
        if not section.chosen:
            _muted(docx.add_paragraph(), labels.field_not_chosen)
        if not section.measures:
            _muted(docx.add_paragraph(), labels.no_measures)
            continue
        _measures_table(docx, document, section.measures)
        for measure in section.measures:
            _measure_details(docx, document, measure)

    _page_break(docx)
    docx.add_heading(labels.timeline, level=1)
    _timeline(docx, document)

    if document.partners:
        docx.add_heading(labels.partner_municipalities, level=1)
        for name in document.partners:
            docx.add_paragraph(name, style="List Bullet")

    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _page_setup(docx):
    section = docx.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2)
    # The document's language, for spelling, hyphenation and screen readers.
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), "de-DE")
    docx.styles["Normal"].font.size = Pt(10.5)


def _footer(docx, document: StrategyDocument):
    """ "<title> · <municipality>" and "Page n of m" with Word's page fields."""
    footer = docx.sections[0].footer.paragraphs[0]
    footer.add_run(f"{document.title} · {document.municipality}\t")
    for part in re.split(r"(%\((?:page|pages)\)s)", document.labels.page):
        if part == "%(page)s":
            _field(footer, "PAGE", "1")
        elif part == "%(pages)s":
            _field(footer, "NUMPAGES", "1")
        elif part:
            footer.add_run(part)


def _properties(docx, document: StrategyDocument):
    properties = docx.core_properties
    properties.title = f"{document.title} – {document.municipality}"
    properties.subject = document.labels.document
    properties.author = document.municipality
    properties.keywords = ", ".join([document.labels.document, *document.fields])
    properties.language = "de-DE"
    properties.comments = document.labels.made_with % {"site": document.site_name}
    moment = datetime.datetime.combine(document.date, datetime.time(12, 0))
    properties.created = properties.modified = moment
    properties.last_modified_by = document.site_name
    properties.revision = 1


def _page_break(docx):
    docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _muted(paragraph, text: str):
    run = paragraph.add_run(text)
    run.font.color.rgb = _GREY
    return paragraph


def _paragraphs(docx, paragraphs: tuple[str, ...], empty: str):
    if not paragraphs:
        _muted(docx.add_paragraph(), empty)
    for paragraph in paragraphs:
        docx.add_paragraph(paragraph)  # line breaks inside become <w:br/>


def _field(paragraph, instruction: str, placeholder: str):
    """A Word field (begin, instruction, separate, cached result, end), marked dirty
    so that Word updates it when the document opens."""

    def char(kind: str):
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run.append(element)
        return run

    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.append(text)
    paragraph._p.append(char("begin"))
    paragraph._p.append(code)
    paragraph._p.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph._p.append(char("end"))


def _toc_field(paragraph, hint: str):
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', hint)


def _hyperlink(paragraph, url: str, text: str):
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = paragraph.add_run(text)
    run.font.color.rgb = _LINK
    run.font.underline = True
    link.append(run._r)  # moves the run into the hyperlink
    paragraph._p.append(link)


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(docx, headings: list[str], rows: list[list[str]], widths=None):
    table = docx.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    head = table.rows[0]
    _repeat_as_header(head)
    for cell, label in zip(head.cells, headings, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    docx.add_paragraph()
    return table


def _measures_table(docx, document: StrategyDocument, measures: tuple[MeasureItem, ...]):
    labels = document.labels
    _table(
        docx,
        [
            labels.measure,
            labels.priority,
            labels.responsible,
            labels.timeframe,
            labels.budget,
            labels.status,
        ],
        [[m.title, m.priority, m.responsible, m.timeframe, m.budget, m.status] for m in measures],
        widths=_WIDTHS,
    )


def _measure_details(docx, document: StrategyDocument, measure: MeasureItem):
    labels = document.labels
    docx.add_heading(measure.title, level=3)
    if measure.goal:
        docx.add_paragraph().add_run(f"{labels.goal}:").bold = True
        for paragraph in measure.goal:
            docx.add_paragraph(paragraph)
    if measure.solutions:
        docx.add_paragraph().add_run(f"{labels.solutions}:").bold = True
        for link in measure.solutions:
            paragraph = docx.add_paragraph(f"{link.title} – ", style="List Bullet")
            _hyperlink(paragraph, link.url, link.url)
    if measure.partners:
        paragraph = docx.add_paragraph()
        paragraph.add_run(f"{labels.partners}: ").bold = True
        paragraph.add_run(", ".join(measure.partners))


def _timeline(docx, document: StrategyDocument):
    labels = document.labels
    dated = sorted(
        (m for m in document.measures if m.span), key=lambda m: (m.span[0], m.span[1], m.title)
    )
    undated = [m for m in document.measures if not m.span]
    if dated:
        _table(
            docx,
            [labels.measure, labels.field, labels.timeframe, labels.status],
            [[m.title, m.field, m.timeframe, m.status] for m in dated],
            widths=(Cm(6.5), Cm(4.0), Cm(3.1), Cm(3.0)),
        )
    else:
        _muted(docx.add_paragraph(), labels.no_dates)
    if undated:
        docx.add_heading(labels.without_dates, level=2)
        for measure in undated:
            docx.add_paragraph(
                f"{measure.title} ({measure.field} · {measure.status})", style="List Bullet"
            )
