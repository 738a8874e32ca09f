"""A strategy as one plain document, written out as PDF, DOCX or ODT.

`strategy_document()` reads the strategy once (a fixed number of queries, however
many measures) into frozen dataclasses; the writers in `exports_pdf.py`,
`exports_docx.py` and `exports_odt.py` only lay that out, so the three formats
say the same. The documents are written in German (the town hall edits them
further), whatever the language of the person who exports; linked solutions are
only those the person may see in the catalogue.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.strategies.models import Collaborator, Measure, MeasureStatus, Strategy

EXPORT_LANGUAGE = "de"


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class MeasureItem:
    title: str
    field: str
    goal: tuple[str, ...]  # paragraphs
    priority: str
    status: str  # label
    status_key: str  # MeasureStatus value, for the timeline's colours
    responsible: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    timeframe: str
    budget: str
    solutions: tuple[Link, ...]
    partners: tuple[str, ...]

    @property
    def dated(self) -> bool:
        return self.starts_on is not None or self.ends_on is not None

    @property
    def span(self) -> tuple[datetime.date, datetime.date] | None:
        """First and last day on the timeline; a single date stands for its month."""
        first = self.starts_on or self.ends_on
        last = self.ends_on or self.starts_on
        if first is None or last is None:
            return None
        return first, last


@dataclass(frozen=True)
class FieldSection:
    name: str
    description: str
    chosen: bool
    measures: tuple[MeasureItem, ...]


@dataclass(frozen=True)
class TextSection:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Labels:
    """Every fixed text of the documents, translated once."""

    document: str
    date_line: str
    made_with: str
    contents: str
    contents_hint: str
    team: str
    starting_point: str
    strengths: str
    weaknesses: str
    existing_projects: str
    vision: str
    goals: str
    fields: str
    field: str
    fields_intro: str
    no_fields: str
    measures: str
    no_measures: str
    field_not_chosen: str
    measure: str
    goal: str
    priority: str
    responsible: str
    timeframe: str
    budget: str
    status: str
    solutions: str
    partners: str
    timeline: str
    timeline_intro: str
    without_dates: str
    no_dates: str
    partner_municipalities: str
    page: str  # with %(page)s and %(pages)s
    empty: str


@dataclass(frozen=True)
class StrategyDocument:
    title: str
    municipality: str
    date: datetime.date
    date_text: str
    site_name: str
    team: tuple[str, ...]
    starting_point: tuple[TextSection, ...]
    vision: tuple[str, ...]
    goals: tuple[str, ...]
    fields: tuple[str, ...]  # names of the chosen Handlungsfelder
    sections: tuple[FieldSection, ...]  # chosen fields and fields that have measures
    partners: tuple[str, ...]  # every partner municipality of any measure
    labels: Labels

    @property
    def measures(self) -> list[MeasureItem]:
        return [measure for section in self.sections for measure in section.measures]

    def filename(self, extension: str) -> str:
        return f"{file_slug(self.labels.document)}-{file_slug(self.municipality)}.{extension}"


_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def file_slug(text: str) -> str:
    """A file name part; German umlauts spelt out rather than dropped."""
    return slugify(text.translate(_UMLAUTS))


# Characters XML 1.0 does not allow (DOCX and ODT are XML; the PDF gets the same text).
# Vertical tab and form feed come with text pasted from word processors: line breaks.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def clean(text: str | None) -> str:
    """`text` without the characters that would break the documents' XML."""
    return _NOT_XML.sub("", (text or "").translate(_BREAKS))


def paragraphs(text: str) -> tuple[str, ...]:
    """Plain text with line breaks: blank lines separate paragraphs, single line
    breaks stay inside a paragraph."""
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    blocks = (block.strip() for block in text.split("\n\n"))
    return tuple(block for block in blocks if block)


def german_date(value: datetime.date) -> str:
    with translation.override(EXPORT_LANGUAGE):
        return formats.date_format(value, "DATE_FORMAT")


def month(value: datetime.date) -> str:
    return f"{value.month:02d}/{value.year}"


def timeframe(starts_on: datetime.date | None, ends_on: datetime.date | None) -> str:
    if starts_on and ends_on:
        return f"{month(starts_on)} – {month(ends_on)}"
    if starts_on:
        return _("from %(month)s") % {"month": month(starts_on)}
    if ends_on:
        return _("until %(month)s") % {"month": month(ends_on)}
    return ""


def euros(amount: int | None) -> str:
    if amount is None:
        return ""
    with translation.override(EXPORT_LANGUAGE):
        return f"{formats.number_format(amount, use_l10n=True, force_grouping=True)} €"


def _labels() -> Labels:
    return Labels(
        document=_("Digital strategy"),
        date_line=_("As of: %(date)s"),
        made_with=_("Written in the workbook of %(site)s"),
        contents=_("Contents"),
        contents_hint=_("Update this field to build the table of contents from the headings."),
        team=_("Team"),
        starting_point=_("Starting point"),
        strengths=_("Strengths"),
        weaknesses=_("Weaknesses"),
        existing_projects=_("Existing projects"),
        vision=_("Vision"),
        goals=_("Goals"),
        fields=_("Handlungsfelder"),
        field=_("Handlungsfeld"),
        fields_intro=_("The strategy works in these Handlungsfelder:"),
        no_fields=_("No Handlungsfelder chosen yet."),
        measures=_("Measures"),
        no_measures=_("No measures in this Handlungsfeld yet."),
        field_not_chosen=_("Not among the chosen Handlungsfelder."),
        measure=_("Measure"),
        goal=_("Goal"),
        priority=_("Priority"),
        responsible=_("Responsible"),
        timeframe=_("Timeframe"),
        budget=_("Budget"),
        status=_("Status"),
        solutions=_("Solutions from the catalogue"),
        partners=_("Partner municipalities"),
        timeline=_("Timeline"),
        timeline_intro=_("Each bar shows a measure from its start to its end."),
        without_dates=_("Measures without dates"),
        no_dates=_("No measure has dates yet."),
        partner_municipalities=_("Partner municipalities"),
        page=_("Page %(page)s of %(pages)s"),
        empty=_("Not filled in yet."),
    )


def _measures_queryset(viewer):
    solutions = solutions_visible_to(viewer).only("slug", "title").order_by("title", "pk")
    return (
        Measure.objects.select_related("field")
        .prefetch_related(
            Prefetch("solutions", queryset=solutions),
            Prefetch("partners", queryset=_partner_queryset()),
        )
        .order_by("field__position", "field__name", "position", "pk")
    )


def _partner_queryset():
    from voneinander.municipalities.models import Municipality

    return Municipality.objects.only("name", "kind").order_by("name", "pk")


def _measure_item(measure: Measure) -> MeasureItem:
    return MeasureItem(
        title=clean(measure.title),
        field=clean(measure.field.name),
        goal=paragraphs(measure.goal),
        priority=str(measure.get_priority_display()),
        status=str(measure.get_status_display()),
        status_key=measure.status,
        responsible=clean(measure.responsible),
        starts_on=measure.starts_on,
        ends_on=measure.ends_on,
        timeframe=timeframe(measure.starts_on, measure.ends_on),
        budget=euros(measure.budget_eur),
        solutions=tuple(
            Link(clean(solution.title), settings.SITE_URL + solution.get_absolute_url())
            for solution in measure.solutions.all()
        ),
        partners=tuple(clean(str(municipality)) for municipality in measure.partners.all()),
    )


def strategy_document(strategy: Strategy, *, viewer, today: datetime.date | None = None):
    """The strategy as `viewer` may export it (solutions they cannot see are left out)."""
    strategy = (
        Strategy.objects.select_related("municipality")
        .prefetch_related(
            "fields",
            Prefetch("measures", queryset=_measures_queryset(viewer)),
            Prefetch(
                "collaborators",
                queryset=Collaborator.objects.select_related("user").order_by("added_at", "pk"),
            ),
        )
        .get(pk=strategy.pk)
    )
    date = today or timezone.localdate()
    with translation.override(EXPORT_LANGUAGE):
        labels = _labels()
        chosen = list(strategy.fields.all())
        measures = list(strategy.measures.all())
        fields = {field.pk: field for field in chosen}
        fields.update({measure.field_id: measure.field for measure in measures})
        ordered = sorted(fields.values(), key=lambda field: (field.position, field.name))
        chosen_ids = {field.pk for field in chosen}
        items = [(measure.field_id, _measure_item(measure)) for measure in measures]
        sections = tuple(
            FieldSection(
                name=clean(field.name),
                description=clean(field.description),
                chosen=field.pk in chosen_ids,
                measures=tuple(item for field_id, item in items if field_id == field.pk),
            )
            for field in ordered
        )
        partners = sorted({p for _id, item in items for p in item.partners}, key=str.casefold)
        # The team is named to the team only, never by e-mail address.
        collaborators = list(strategy.collaborators.all())
        on_team = any(collaborator.user_id == viewer.pk for collaborator in collaborators)
        team = (
            tuple(clean(collaborator.user.display_name) for collaborator in collaborators)
            if on_team
            else ()
        )
        starting_point = (
            TextSection(labels.strengths, paragraphs(strategy.strengths)),
            TextSection(labels.weaknesses, paragraphs(strategy.weaknesses)),
            TextSection(labels.existing_projects, paragraphs(strategy.existing_projects)),
        )
        return StrategyDocument(
            title=clean(strategy.title),
            municipality=clean(str(strategy.municipality)),
            date=date,
            date_text=german_date(date),
            site_name=settings.SITE_NAME,
            team=team,
            starting_point=starting_point,
            vision=paragraphs(strategy.vision),
            goals=paragraphs(strategy.goals),
            fields=tuple(
                clean(field.name) for field in sorted(chosen, key=lambda f: (f.position, f.name))
            ),
            sections=sections,
            partners=tuple(partners),
            labels=labels,
        )


# Colours of the timeline's bars (RGB), by measure status.
STATUS_COLOURS = {
    MeasureStatus.IDEA: (176, 190, 197),
    MeasureStatus.PLANNED: (100, 149, 237),
    MeasureStatus.IN_PROGRESS: (0, 94, 168),
    MeasureStatus.DONE: (46, 125, 50),
    MeasureStatus.DROPPED: (200, 200, 200),
}
