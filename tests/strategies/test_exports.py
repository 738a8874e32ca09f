"""Strategy exports: the document model, PDF, DOCX and ODT content, the views."""

import datetime
import io
import re
import zipfile

import pypdf
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.knowledge.factories import SolutionFactory
from tests.strategies.factories import MeasureFactory, field, strategy_of
from voneinander.knowledge.models import SolutionVisibility
from voneinander.municipalities.models import MunicipalityKind
from voneinander.strategies.exports import clean, paragraphs, strategy_document
from voneinander.strategies.exports_docx import render_docx
from voneinander.strategies.exports_odt import render_odt
from voneinander.strategies.exports_pdf import render_pdf
from voneinander.strategies.models import MeasureStatus, Priority

TODAY = datetime.date(2026, 3, 9)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xlink": "http://www.w3.org/1999/xlink",
}


def german(text: str) -> str:
    """A label as the (German) documents write it."""
    with translation.override("de"):
        return _(text)


@pytest.fixture
def lead(db):
    return UserFactory(first_name="Jürgen", last_name="Weiß")


@pytest.fixture
def strategy(lead):
    municipality = MunicipalityFactory(
        name="Südliche Weinstraße-Öhringen", kind=MunicipalityKind.VERBANDSGEMEINDE
    )
    strategy = strategy_of(
        municipality,
        lead=lead,
        title="Digitale Zukunft für Öhringen",
        strengths="Starke Vereine.\nGlasfaser im Ortskern.\n\nEngagierte Jugend.",
        weaknesses="Wenig Personal im Rathaus.",
        existing_projects="",
        vision="Gemeinsam digital – nah an den Menschen.",
        goals="Alle Anträge online bis 2028.\n\nJede Ortsgemeinde hat einen Digitallotsen.",
    )
    strategy.fields.set([field("mobilitaet"), field("verwaltung-buergerservice")])
    return strategy


@pytest.fixture
def measures(strategy):
    partner = MunicipalityFactory(name="Göllheim", kind=MunicipalityKind.VERBANDSGEMEINDE)
    bus = MeasureFactory(
        strategy=strategy,
        title="Rufbus mit Online-Buchung",
        field=field("mobilitaet"),
        goal="Ältere Menschen kommen ohne Auto zum Arzt.\n\nAuch abends.",
        priority=Priority.HIGH,
        responsible="Bürgermeisterin Müller",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        budget_eur=45000,
        status=MeasureStatus.PLANNED,
    )
    bus.partners.set([partner])
    forms = MeasureFactory(
        strategy=strategy,
        title="Online-Anträge für Gewerbe",
        field=field("verwaltung-buergerservice"),
        status=MeasureStatus.IN_PROGRESS,
        starts_on=datetime.date(2026, 1, 15),
    )
    idea = MeasureFactory(
        strategy=strategy,
        title="Ehrenamtsbörse",
        field=field("ehrenamt-gemeinschaft"),
        goal="",
        status=MeasureStatus.IDEA,
    )
    return bus, forms, idea


def _document(strategy, viewer):
    return strategy_document(strategy, viewer=viewer, today=TODAY)


def _pdf_text(data: bytes) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


# --- The document model -------------------------------------------------------------


def test_paragraphs_keep_line_breaks_inside_and_split_on_blank_lines():
    assert paragraphs("Eins\r\nzwei\n\n\n  Drei  \n\n") == ("Eins\nzwei", "Drei")
    assert paragraphs("") == ()


def test_strategy_document_groups_measures_by_field_in_field_order(strategy, measures, lead):
    document = _document(strategy, lead)

    assert document.title == "Digitale Zukunft für Öhringen"
    assert document.municipality == "VG Südliche Weinstraße-Öhringen"
    assert document.date_text == "9. März 2026"
    assert document.team == ("Jürgen Weiß",)
    assert document.fields == ("Verwaltung & Bürgerservice", "Mobilität")
    assert [(s.name, s.chosen, [m.title for m in s.measures]) for s in document.sections] == [
        ("Verwaltung & Bürgerservice", True, ["Online-Anträge für Gewerbe"]),
        ("Mobilität", True, ["Rufbus mit Online-Buchung"]),
        ("Ehrenamt & Gemeinschaft", False, ["Ehrenamtsbörse"]),
    ]
    assert document.starting_point[0].paragraphs == (
        "Starke Vereine.\nGlasfaser im Ortskern.",
        "Engagierte Jugend.",
    )
    assert document.goals == (
        "Alle Anträge online bis 2028.",
        "Jede Ortsgemeinde hat einen Digitallotsen.",
    )
    assert document.partners == ("VG Göllheim",)
    label = slugify(german("Digital strategy"))
    assert document.filename("pdf") == f"{label}-vg-suedliche-weinstrasse-oehringen.pdf"


def test_strategy_document_measure_columns(strategy, measures, lead):
    bus = _document(strategy, lead).sections[1].measures[0]
    assert bus.goal == ("Ältere Menschen kommen ohne Auto zum Arzt.", "Auch abends.")
    assert bus.timeframe == "04/2026 – 03/2027"
    assert bus.budget == "45.000 €"
    assert bus.priority == german("High")
    assert bus.status == german("Planned")
    assert bus.responsible == "Bürgermeisterin Müller"
    assert bus.partners == ("VG Göllheim",)
    forms = _document(strategy, lead).sections[0].measures[0]
    assert forms.timeframe == german("from %(month)s") % {"month": "01/2026"}
    assert forms.budget == ""


def test_strategy_document_leaves_out_solutions_the_viewer_cannot_see(strategy, measures, lead):
    bus = measures[0]
    public = SolutionFactory(title="Rufbus-App Nordpfalz", visibility=SolutionVisibility.PUBLIC)
    hidden = SolutionFactory(title="Geheime Lösung", visibility=SolutionVisibility.NETWORK)
    bus.solutions.set([public, hidden])

    item = _document(strategy, lead).sections[1].measures[0]

    assert [link.title for link in item.solutions] == ["Rufbus-App Nordpfalz"]
    assert item.solutions[0].url.endswith(public.get_absolute_url())
    assert item.solutions[0].url.startswith("http")


def test_strategy_document_of_an_empty_strategy(lead):
    strategy = strategy_of(MunicipalityFactory(), lead=lead, strengths="", vision="")
    document = _document(strategy, lead)
    assert document.sections == ()
    assert document.measures == []
    assert document.vision == ()
    for render in (render_pdf, render_docx, render_odt):
        assert render(document)


def test_strategy_document_names_the_team_only_to_the_team(strategy, measures, lead):
    nameless = UserFactory(first_name="", last_name="", email="heimlich.mitglied@example.org")
    strategy_of(strategy.municipality, lead=lead, editors=[nameless])
    outsider = UserFactory()

    assert _document(strategy, lead).team == ("Jürgen Weiß", "heimlich.mitglied")
    assert _document(strategy, outsider).team == ()
    for render in (render_docx, render_odt):
        assert b"heimlich" not in _all_parts(render(_document(strategy, outsider)))


def test_export_file_for_a_network_member_leaves_out_the_team(client, shared):
    strategy, lead, reader = shared
    lead.first_name, lead.last_name = "Greta", "Geheim"
    lead.save()
    client.force_login(reader)

    response = client.get(
        reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": "docx"})
    )

    assert response.status_code == 200
    document_xml = _docx_parts(response.content)["word/document.xml"].decode()
    assert "Geheim" not in document_xml
    assert lead.email not in document_xml
    assert german("Team") + ":" not in document_xml


def test_clean_drops_characters_xml_does_not_allow():
    assert clean("a\x00b\x01c\x08d\x1fe\ufffef\uffff") == "abcdef"
    assert clean("Zeile\x0bneue\x0cSeite") == "Zeile\nneue\nSeite"
    assert clean("Tab\tund\nÄ€😀") == "Tab\tund\nÄ€😀"
    assert clean(None) == ""


def _all_parts(data: bytes) -> bytes:
    return b"".join(_docx_parts(data).values())


def test_exports_survive_control_characters_in_texts(strategy, measures, lead):
    strategy.title = "Digital\x0bstrategie\x01 2030"
    strategy.strengths = "Starke\x0bVereine\x1f.\ufffe"
    strategy.save()
    bus = measures[0]
    bus.title = "Rufbus\x08 mit App"
    bus.goal = "Ältere\x0bMenschen\x02 fahren mit."
    bus.responsible = "Bürgermeisterin\x1b Müller"
    bus.save()
    bus.solutions.set([SolutionFactory(title="Rufbus\x0b-App", visibility="public")])

    document = _document(strategy, lead)

    assert document.title == "Digital\nstrategie 2030"
    assert document.starting_point[0].paragraphs == ("Starke\nVereine.",)
    item = document.sections[1].measures[0]
    assert (item.title, item.goal, item.responsible) == (
        "Rufbus mit App",
        ("Ältere\nMenschen fahren mit.",),
        "Bürgermeisterin Müller",
    )
    assert item.solutions[0].title == "Rufbus\n-App"
    assert render_pdf(document).startswith(b"%PDF-")
    docx = _docx_parts(render_docx(document))
    texts = [text for _style, text in _docx_paragraphs(docx["word/document.xml"])]
    assert any("Rufbus mit App" in text for text in texts)
    with zipfile.ZipFile(io.BytesIO(render_odt(document))) as archive:
        assert "Rufbus mit App" in archive.read("content.xml").decode()


@pytest.mark.parametrize("format", ["pdf", "docx", "odt"])
def test_export_file_with_a_vertical_tab_downloads(client, shared, format):
    strategy, lead, _reader = shared
    strategy.vision = "Gemeinsam\x0bdigital."
    strategy.save()
    strategy.measures.update(title="Mängel\x0bmelder\x01")
    client.force_login(lead)

    response = client.get(
        reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": format})
    )

    assert response.status_code == 200


# --- PDF ------------------------------------------------------------------------------


def test_pdf_has_title_page_contents_and_all_sections(strategy, measures, lead):
    data = render_pdf(_document(strategy, lead))
    _reader, pages = _pdf_text(data)

    assert data.startswith(b"%PDF-")
    assert "Digitale Zukunft für Öhringen" in pages[0]
    assert "VG Südliche Weinstraße-Öhringen" in pages[0]
    assert german("As of: %(date)s") % {"date": "9. März 2026"} in pages[0]
    assert "Jürgen Weiß" in pages[0]
    assert german("Contents") in pages[1]
    for heading in ("Starting point", "Vision", "Goals", "Measures", "Timeline"):
        assert german(heading) in pages[1]
    text = "\n".join(pages)
    for expected in (
        "Glasfaser im Ortskern.",
        "Jede Ortsgemeinde hat einen Digitallotsen.",
        "Rufbus mit Online-Buchung",
        "Ältere Menschen kommen ohne Auto zum Arzt.",
        "Bürgermeisterin Müller",
        "45.000 €",
        "04/2026 – 03/2027",
        "VG Göllheim",
        german("Measures without dates"),
        "Ehrenamtsbörse",
        german("Page %(page)s of %(pages)s") % {"page": 2, "pages": len(pages)},
    ):
        assert expected in text, expected


def test_pdf_metadata_outline_and_language(strategy, measures, lead):
    reader, _pages = _pdf_text(render_pdf(_document(strategy, lead)))

    assert (
        reader.metadata.title == "Digitale Zukunft für Öhringen – VG Südliche Weinstraße-Öhringen"
    )
    assert reader.metadata.author == "VG Südliche Weinstraße-Öhringen"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [
        german("Starting point"),
        german("Vision"),
        german("Goals"),
        german("Handlungsfelder"),
        german("Measures"),
        german("Timeline"),
        german("Partner municipalities"),
    ]


def test_pdf_timeline_draws_dated_measures_and_lists_the_rest(strategy, measures, lead):
    reader, pages = _pdf_text(render_pdf(_document(strategy, lead)))
    timeline = next(
        index for index, text in enumerate(pages) if german("Timeline") in text.splitlines()[:2]
    )
    text = "\n".join(pages[timeline:])
    assert "2026" in text and "2027" in text
    assert "Rufbus mit Online-Buchung" in text
    assert "Online-Anträge für Gewerbe" in text
    without = text.split(german("Measures without dates"), 1)[1]
    assert "Ehrenamtsbörse" in without
    assert "Rufbus" not in without
    # Bars are filled rectangles on the timeline page (one per dated measure, plus legend).
    operations = reader.pages[timeline].get_contents().get_data().decode("latin-1")
    assert len(re.findall(r" re f", operations)) >= 2


def test_pdf_with_sixty_measures_and_long_texts_repeats_the_table_header(strategy, lead):
    strategy.weaknesses = "Zu wenig Zeit für Digitales. " * 300
    strategy.save()
    for number in range(60):
        MeasureFactory(
            strategy=strategy,
            title=f"Maßnahme {number:02d}: Dorfplatz-WLAN für Grünstadt",
            field=field("infrastruktur" if number % 2 else "bildung"),
            goal="Ein ausführliches Ziel mit Umlauten: Öffentlichkeit, Übergänge. " * 20,
            starts_on=datetime.date(2026, 1 + number % 12, 1) if number % 5 else None,
            ends_on=datetime.date(2028, 1 + number % 12, 28) if number % 5 else None,
        )

    _reader, pages = _pdf_text(render_pdf(_document(strategy, lead)))

    text = "\n".join(pages)
    assert len(pages) > 15
    for number in range(60):
        assert f"Maßnahme {number:02d}: Dorfplatz-WLAN für Grünstadt" in text
    header = german("Responsible")
    table_pages = [page for page in pages if "Dorfplatz-WLAN" in page and header in page]
    assert len(table_pages) >= 3  # the header row repeats where a table breaks
    assert german("Contents") in pages[1]


# --- DOCX -----------------------------------------------------------------------------


def _docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def _docx_paragraphs(xml: bytes) -> list[tuple[str, str]]:
    root = etree.fromstring(xml)
    result = []
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
        result.append((style.get(f"{W}val") if style is not None else "", text))
    return result


def test_docx_has_headings_tables_links_and_properties(strategy, measures, lead):
    solution = SolutionFactory(title="Rufbus-App Nordpfalz")
    measures[0].solutions.set([solution])

    parts = _docx_parts(render_docx(_document(strategy, lead)))

    paragraphs = _docx_paragraphs(parts["word/document.xml"])
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert headings[:5] == [
        ("Heading1", german("Starting point")),
        ("Heading2", german("Strengths")),
        ("Heading2", german("Weaknesses")),
        ("Heading2", german("Existing projects")),
        ("Heading1", german("Vision")),
    ]
    assert ("Heading2", "Mobilität") in headings
    assert ("Heading3", "Rufbus mit Online-Buchung") in headings
    assert ("Title", "Digitale Zukunft für Öhringen") in paragraphs
    document_xml = parts["word/document.xml"].decode()
    assert 'TOC \\o "1-2"' in document_xml
    assert "Ältere Menschen kommen ohne Auto zum Arzt." in document_xml
    assert "45.000 €" in document_xml
    root = etree.fromstring(parts["word/document.xml"])
    tables = root.findall(f".//{W}tbl")
    assert len(tables) == 4  # three fields with measures, and the timeline
    assert all(t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None for t in tables)
    rows = tables[1].findall(f"{W}tr")
    assert ["".join(rows[1].itertext())][0].startswith("Rufbus mit Online-Buchung")
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert f'Target="{settings.SITE_URL}{solution.get_absolute_url()}" TargetMode="External"' in (
        rels
    )
    assert "Rufbus-App Nordpfalz" in document_xml
    core = etree.fromstring(parts["docProps/core.xml"])
    ns = {"dc": ODF["dc"]}
    assert core.findtext("dc:title", namespaces=ns) == (
        "Digitale Zukunft für Öhringen – VG Südliche Weinstraße-Öhringen"
    )
    assert core.findtext("dc:language", namespaces=ns) == "de-DE"
    assert 'w:lang w:val="de-DE"' in parts["word/styles.xml"].decode()


# --- ODT ------------------------------------------------------------------------------


def test_odt_has_headings_tables_contents_and_metadata(strategy, measures, lead):
    measures[0].solutions.set([SolutionFactory(title="Rufbus-App Nordpfalz")])
    data = render_odt(_document(strategy, lead))

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = etree.fromstring(archive.read("content.xml"))
        meta = etree.fromstring(archive.read("meta.xml"))
        styles = archive.read("styles.xml").decode()

    headings = [
        (h.get(f"{{{ODF['text']}}}outline-level"), "".join(h.itertext()))
        for h in content.iterfind(".//text:h", ODF)
    ]
    assert headings[:3] == [
        ("1", german("Starting point")),
        ("2", german("Strengths")),
        ("2", german("Weaknesses")),
    ]
    assert ("2", "Mobilität") in headings
    assert ("3", "Rufbus mit Online-Buchung") in headings
    toc = content.find(".//text:table-of-content", ODF)
    entries = ["".join(p.itertext()) for p in toc.iterfind("text:index-body/text:p", ODF)]
    assert entries[0] == german("Starting point")
    assert "Mobilität" in entries
    tables = content.findall(".//table:table", ODF)
    assert len(tables) == 4
    assert all(t.find("table:table-header-rows", ODF) is not None for t in tables)
    text = "".join(content.find(".//office:text", ODF).itertext())
    for expected in ("Digitale Zukunft für Öhringen", "Glasfaser im Ortskern.", "45.000 €"):
        assert expected in text
    links = [a.get(f"{{{ODF['xlink']}}}href") for a in content.iterfind(".//text:a", ODF)]
    assert len(links) == 1 and links[0].startswith("http")
    assert meta.findtext(".//dc:title", namespaces=ODF) == (
        "Digitale Zukunft für Öhringen – VG Südliche Weinstraße-Öhringen"
    )
    assert meta.findtext(".//dc:language", namespaces=ODF) == "de-DE"
    assert 'fo:language="de"' in styles
    assert "text:page-number" in styles


def test_odt_keeps_line_breaks_inside_a_paragraph(strategy, measures, lead):
    data = render_odt(_document(strategy, lead))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml").decode()
    assert "Starke Vereine.<text:line-break/>Glasfaser im Ortskern." in content


# --- Views ----------------------------------------------------------------------------


@pytest.fixture
def shared(db):
    """A strategy shared with a network, its lead, and a member of that network."""
    membership = MembershipFactory(municipality__name="Kirchheimbolanden")
    lead = UserFactory()
    strategy = strategy_of(
        membership.municipality,
        lead=lead,
        shared_with=membership.network,
        shared_at=timezone.now(),
    )
    MeasureFactory(strategy=strategy, title="Mängelmelder")
    other = MembershipFactory(network=membership.network)
    reader = UserFactory(municipality=other.municipality, municipality_confirmed_at=timezone.now())
    return strategy, lead, reader


@pytest.mark.parametrize(
    ("format", "mime_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("odt", "application/vnd.oasis.opendocument.text", b"PK"),
    ],
)
def test_export_file_downloads_as_attachment(client, shared, format, mime_type, magic):
    strategy, lead, _reader = shared
    client.force_login(lead)

    response = client.get(
        reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": format})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == mime_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith(f'-kirchheimbolanden.{format}"')
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(magic)


def test_export_file_for_a_network_member_of_a_shared_strategy(client, shared):
    strategy, _lead, reader = shared
    client.force_login(reader)
    response = client.get(
        reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": "pdf"})
    )
    assert response.status_code == 200
    _reader, pages = _pdf_text(response.content)
    assert "Mängelmelder" in "\n".join(pages)


def test_export_file_of_a_private_strategy_is_unknown_to_others(client, shared):
    strategy, _lead, reader = shared
    strategy.shared_with = None
    strategy.save()
    client.force_login(reader)
    for format in ("pdf", "docx", "odt"):
        url = reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": format})
        assert client.get(url).status_code == 404
    assert client.get(reverse("strategies:export", kwargs={"pk": strategy.pk})).status_code == 404


def test_export_file_unknown_format_is_404(client, shared):
    strategy, lead, _reader = shared
    client.force_login(lead)
    url = reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": "rtf"})
    assert client.get(url).status_code == 404


def test_export_page_lists_the_three_formats(client, shared):
    strategy, lead, _reader = shared
    client.force_login(lead)

    response = client.get(reverse("strategies:export", kwargs={"pk": strategy.pk}))

    assert response.status_code == 200
    html = response.content.decode()
    for format in ("pdf", "docx", "odt"):
        assert (
            reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": format}) in html
        )
    assert strategy.title in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("format", ["pdf", "docx", "odt"])
def test_export_file_query_count_does_not_grow_with_measures(client, shared, format):
    strategy, lead, _reader = shared
    client.force_login(lead)
    url = reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": format})
    client.get(url)  # warm caches (roles, site)
    one = _queries(client, url)

    partner = MunicipalityFactory()
    for number in range(8):
        measure = MeasureFactory(
            strategy=strategy,
            title=f"Maßnahme {number}",
            field=field(["mobilitaet", "bildung", "infrastruktur"][number % 3]),
        )
        measure.partners.set([partner])
        measure.solutions.set([SolutionFactory()])
    strategy.fields.set([field("mobilitaet"), field("bildung")])

    assert _queries(client, url) == one


def test_export_page_query_count_is_constant(client, shared, django_assert_max_num_queries):
    strategy, lead, _reader = shared
    client.force_login(lead)
    url = reverse("strategies:export", kwargs={"pk": strategy.pk})
    client.get(url)
    one = _queries(client, url)
    for _number in range(5):
        MeasureFactory(strategy=strategy)
    with django_assert_max_num_queries(one):
        client.get(url)
