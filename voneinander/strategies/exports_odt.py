"""The strategy as an OpenDocument text (odfpy), for further editing in the town hall.

Headings are `text:h` with outline levels and LibreOffice's heading styles; the
table of contents is a real index (its entries are written in already, the page
numbers appear when LibreOffice updates the index); the measures tables repeat
their header rows on every page.
"""

from __future__ import annotations

import io

from odf import dc, meta, teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    Footer,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    A,
    H,
    IndexBody,
    IndexEntryLinkEnd,
    IndexEntryLinkStart,
    IndexEntryPageNumber,
    IndexEntryTabStop,
    IndexEntryText,
    IndexTitle,
    IndexTitleTemplate,
    List,
    ListItem,
    P,
    PageCount,
    PageNumber,
    Span,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from voneinander.strategies.exports import MeasureItem, StrategyDocument

_GREY = "#5a5a5a"
_TEXT_WIDTH_CM = 16.6
_MEASURE_COLUMNS = (5.2, 1.9, 3.3, 2.6, 1.7, 1.9)
_TIMELINE_COLUMNS = (6.5, 4.1, 3.0, 3.0)


class _Writer:
    def __init__(self, document: StrategyDocument):
        self.document = document
        self.odt = OpenDocumentText()
        self.tables = 0
        self._styles()

    # --- styles --------------------------------------------------------------------

    def _styles(self):
        odt = self.odt
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(
                fontsize="10.5pt",
                language="de",
                country="DE",
                fontfamily="'Liberation Sans', Arial, sans-serif",
            )
        )
        default.addElement(ParagraphProperties(margintop="0cm", marginbottom="0.2cm"))
        odt.styles.addElement(default)

        def paragraph_style(name, display, *, size=None, bold=False, colour=None, **extra):
            style = Style(name=name, displayname=display, family="paragraph", **extra)
            text = {}
            if size:
                text["fontsize"] = size
            if bold:
                text["fontweight"] = "bold"
            if colour:
                text["color"] = colour
            if text:
                style.addElement(TextProperties(**text))
            odt.styles.addElement(style)
            return style

        self.body = paragraph_style("Text_20_body", "Text Body", attributes={"class": "text"})
        self.headings = {
            level: paragraph_style(
                f"Heading_20_{level}",
                f"Heading {level}",
                size=size,
                bold=True,
                defaultoutlinelevel=str(level),
                nextstylename="Text_20_body",
                attributes={"class": "text"},
            )
            for level, size in ((1, "17pt"), (2, "13.5pt"), (3, "11.5pt"))
        }
        for style in self.headings.values():
            style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
        self.title = paragraph_style("Title", "Title", size="26pt", bold=True)
        self.subtitle = paragraph_style("Subtitle", "Subtitle", size="15pt")
        self.muted = paragraph_style("Muted", "Muted", colour=_GREY)
        self.strong = paragraph_style("Strong_20_paragraph", "Strong paragraph", bold=True)
        self.contents_heading = paragraph_style(
            "Contents_20_Heading", "Contents Heading", size="17pt", bold=True
        )
        self.contents_styles = {}
        for level in (1, 2):
            style = paragraph_style(f"Contents_20_{level}", f"Contents {level}")
            properties = ParagraphProperties(marginleft=f"{(level - 1) * 0.5}cm")
            stops = TabStops()
            stops.addElement(
                TabStop(
                    position=f"{_TEXT_WIDTH_CM}cm",
                    type="right",
                    leaderstyle="dotted",
                    leadertext=".",
                )
            )
            properties.addElement(stops)
            style.addElement(properties)
            self.contents_styles[level] = style
        self.table_heading = paragraph_style("Table_20_Heading", "Table Heading", bold=True)
        self.table_contents = paragraph_style("Table_20_Contents", "Table Contents")

        self.page_break = Style(name="PageBreak", family="paragraph", parentstylename=self.body)
        self.page_break.addElement(ParagraphProperties(breakbefore="page"))
        odt.automaticstyles.addElement(self.page_break)
        self.cell = Style(name="Cell", family="table-cell")
        self.cell.addElement(TableCellProperties(border="0.5pt solid #999999", padding="0.1cm"))
        odt.automaticstyles.addElement(self.cell)
        self.head_cell = Style(name="HeadCell", family="table-cell")
        self.head_cell.addElement(
            TableCellProperties(
                border="0.5pt solid #999999", padding="0.1cm", backgroundcolor="#e1e9f1"
            )
        )
        odt.automaticstyles.addElement(self.head_cell)
        self.link = Style(name="Link", family="text")
        self.link.addElement(TextProperties(color="#005ea8", textunderlinestyle="solid"))
        odt.automaticstyles.addElement(self.link)

        layout = PageLayout(name="A4")
        layout.addElement(
            PageLayoutProperties(
                pagewidth="21cm",
                pageheight="29.7cm",
                printorientation="portrait",
                margintop="2cm",
                marginbottom="1.6cm",
                marginleft="2.2cm",
                marginright="2.2cm",
            )
        )
        odt.automaticstyles.addElement(layout)
        self.footer_style = paragraph_style("Footer", "Footer", size="8pt", colour=_GREY)
        master = MasterPage(name="Standard", pagelayoutname=layout)
        footer = Footer()
        line = P(stylename=self.footer_style)
        line.addText(f"{self.document.title} · {self.document.municipality} · ")
        self._page_numbers(line)
        footer.addElement(line)
        master.addElement(footer)
        odt.masterstyles.addElement(master)

    def _page_numbers(self, paragraph):
        text = self.document.labels.page
        before, _, rest = text.partition("%(page)s")
        middle, _, after = rest.partition("%(pages)s")
        paragraph.addText(before)
        paragraph.addElement(PageNumber(selectpage="current", text="1"))
        paragraph.addText(middle)
        paragraph.addElement(PageCount(text="1"))
        paragraph.addText(after)

    # --- content -------------------------------------------------------------------

    def add(self, element):
        self.odt.text.addElement(element)
        return element

    def paragraph(self, text: str = "", style=None):
        element = P(stylename=style or self.body)
        teletype.addTextToElement(element, text)
        return self.add(element)

    def heading(self, text: str, level: int):
        element = H(outlinelevel=level, stylename=self.headings[level])
        teletype.addTextToElement(element, text)
        return self.add(element)

    def paragraphs(self, paragraphs: tuple[str, ...]):
        if not paragraphs:
            self.paragraph(self.document.labels.empty, self.muted)
        for text in paragraphs:
            self.paragraph(text)

    def bullets(self, items: list[str]):
        bullet_list = List()
        for item in items:
            entry = ListItem()
            paragraph = P(stylename=self.body)
            teletype.addTextToElement(paragraph, item)
            entry.addElement(paragraph)
            bullet_list.addElement(entry)
        return self.add(bullet_list)

    def table(self, headings: list[str], rows: list[list[str]], widths: tuple[float, ...]):
        self.tables += 1
        name = f"Tabelle{self.tables}"
        table_style = Style(name=name, family="table")
        table_style.addElement(TableProperties(width=f"{sum(widths)}cm", align="left"))
        self.odt.automaticstyles.addElement(table_style)
        table = Table(name=name, stylename=table_style)
        for index, width in enumerate(widths, 1):
            column_style = Style(name=f"{name}.C{index}", family="table-column")
            column_style.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
            self.odt.automaticstyles.addElement(column_style)
            table.addElement(TableColumn(stylename=column_style))
        header = TableHeaderRows()
        header.addElement(self._row(headings, self.head_cell, self.table_heading))
        table.addElement(header)
        for values in rows:
            table.addElement(self._row(values, self.cell, self.table_contents))
        self.add(table)
        self.paragraph()

    def _row(self, values: list[str], cell_style, paragraph_style):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string", stylename=cell_style)
            paragraph = P(stylename=paragraph_style)
            teletype.addTextToElement(paragraph, value)
            cell.addElement(paragraph)
            row.addElement(cell)
        return row

    def contents(self, entries: list[tuple[int, str]]):
        labels = self.document.labels
        toc = TableOfContent(name=labels.contents, protected="true")
        source = TableOfContentSource(outlinelevel=2)
        source.addElement(IndexTitleTemplate(stylename=self.contents_heading, text=labels.contents))
        for level in (1, 2):
            template = TableOfContentEntryTemplate(
                outlinelevel=level, stylename=self.contents_styles[level]
            )
            template.addElement(IndexEntryLinkStart())
            template.addElement(IndexEntryText())
            template.addElement(IndexEntryTabStop(type="right", leaderchar="."))
            template.addElement(IndexEntryPageNumber())
            template.addElement(IndexEntryLinkEnd())
            source.addElement(template)
        toc.addElement(source)
        body = IndexBody()
        title = IndexTitle(name=f"{labels.contents}_Head")
        title.addElement(P(stylename=self.contents_heading, text=labels.contents))
        body.addElement(title)
        for level, text in entries:
            body.addElement(P(stylename=self.contents_styles[level], text=text))
        toc.addElement(body)
        self.add(toc)


def _outline(document: StrategyDocument) -> list[tuple[int, str]]:
    """The headings of levels 1 and 2, in order (written into the table of contents)."""
    labels = document.labels
    entries = [(1, labels.starting_point)]
    entries += [(2, section.heading) for section in document.starting_point]
    entries += [(1, labels.vision), (1, labels.goals), (1, labels.fields), (1, labels.measures)]
    entries += [(2, section.name) for section in document.sections]
    entries.append((1, labels.timeline))
    if any(not measure.span for measure in document.measures):
        entries.append((2, labels.without_dates))
    if document.partners:
        entries.append((1, labels.partner_municipalities))
    return entries


def render_odt(document: StrategyDocument) -> bytes:
    labels = document.labels
    writer = _Writer(document)
    _metadata(writer.odt, document)

    writer.paragraph(document.site_name, writer.muted)
    for _ in range(6):
        writer.paragraph()
    writer.paragraph(labels.document, writer.subtitle)
    writer.paragraph(document.title, writer.title)
    writer.paragraph(document.municipality, writer.subtitle)
    writer.paragraph(labels.date_line % {"date": document.date_text})
    if document.team:
        writer.paragraph(f"{labels.team}: {', '.join(document.team)}")
    writer.paragraph(labels.made_with % {"site": document.site_name}, writer.muted)

    writer.paragraph("", writer.page_break)
    writer.contents(_outline(document))

    writer.heading(labels.starting_point, 1)
    for section in document.starting_point:
        writer.heading(section.heading, 2)
        writer.paragraphs(section.paragraphs)
    writer.heading(labels.vision, 1)
    writer.paragraphs(document.vision)
    writer.heading(labels.goals, 1)
    writer.paragraphs(document.goals)
    writer.heading(labels.fields, 1)
    if document.fields:
        writer.paragraph(labels.fields_intro)
        writer.bullets(list(document.fields))
    else:
        writer.paragraph(labels.no_fields, writer.muted)

    writer.paragraph("", writer.page_break)
    writer.heading(labels.measures, 1)
    for section in document.sections:
        writer.heading(section.name, 2)
        if section.description:
            writer.paragraph(section.description, writer.muted)
        if not section.chosen:
            writer.paragraph(labels.field_not_chosen, writer.muted)
        if not section.measures:
            writer.paragraph(labels.no_measures, writer.muted)
            continue
        writer.table(
            [
                labels.measure,
                labels.priority,
                labels.responsible,
                labels.timeframe,
                labels.budget,
                labels.status,
            ],
            [
                [m.title, m.priority, m.responsible, m.timeframe, m.budget, m.status]
                for m in section.measures
            ],
            _MEASURE_COLUMNS,
        )
        for measure in section.measures:
            _measure_details(writer, measure)

    writer.paragraph("", writer.page_break)
    writer.heading(labels.timeline, 1)
    dated = sorted(
        (m for m in document.measures if m.span), key=lambda m: (m.span[0], m.span[1], m.title)
    )
    if dated:
        writer.table(
            [labels.measure, labels.field, labels.timeframe, labels.status],
            [[m.title, m.field, m.timeframe, m.status] for m in dated],
            _TIMELINE_COLUMNS,
        )
    else:
        writer.paragraph(labels.no_dates, writer.muted)
    undated = [m for m in document.measures if not m.span]
    if undated:
        writer.heading(labels.without_dates, 2)
        writer.bullets([f"{m.title} ({m.field} · {m.status})" for m in undated])

    if document.partners:
        writer.heading(labels.partner_municipalities, 1)
        writer.bullets(list(document.partners))

    buffer = io.BytesIO()
    writer.odt.write(buffer)
    return buffer.getvalue()


def _measure_details(writer: _Writer, measure: MeasureItem):
    labels = writer.document.labels
    writer.heading(measure.title, 3)
    if measure.goal:
        writer.paragraph(f"{labels.goal}:", writer.strong)
        writer.paragraphs(measure.goal)
    if measure.solutions:
        writer.paragraph(f"{labels.solutions}:", writer.strong)
        links = List()
        for link in measure.solutions:
            paragraph = P(stylename=writer.body)
            paragraph.addText(f"{link.title} – ")
            anchor = A(type="simple", href=link.url)
            anchor.addElement(Span(stylename=writer.link, text=link.url))
            paragraph.addElement(anchor)
            item = ListItem()
            item.addElement(paragraph)
            links.addElement(item)
        writer.add(links)
    if measure.partners:
        paragraph = writer.paragraph(f"{labels.partners}: ", writer.body)
        paragraph.addText(", ".join(measure.partners))


def _metadata(odt, document: StrategyDocument):
    labels = document.labels
    odt.meta.addElement(dc.Title(text=f"{document.title} – {document.municipality}"))
    odt.meta.addElement(dc.Subject(text=labels.document))
    odt.meta.addElement(dc.Description(text=labels.made_with % {"site": document.site_name}))
    odt.meta.addElement(dc.Language(text="de-DE"))
    odt.meta.addElement(meta.InitialCreator(text=document.municipality))
    odt.meta.addElement(meta.CreationDate(text=f"{document.date.isoformat()}T12:00:00"))
    for keyword in (labels.document, *document.fields):
        odt.meta.addElement(meta.Keyword(text=keyword))
