"""Forms of the solutions catalogue: filter, solution, software, files, curation, topics.

The rules (owner, cost ranges, the reason for discontinuing, file contents)
are checked by the services, which put their messages on the fields named here.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from voneinander.directory.forms import KIND_CHOICES, POPULATION_CHOICES
from voneinander.events.forms import web_address
from voneinander.knowledge import selectors
from voneinander.knowledge.models import (
    Solution,
    SolutionFileKind,
    SolutionStatus,
    SolutionVisibility,
)
from voneinander.knowledge.selectors import DEFAULT_SORT, CatalogueFilter
from voneinander.municipalities.models import Municipality

SORT_CHOICES = [
    ("titel", _("Title (A–Z)")),
    ("neueste", _("Newest first")),
    ("meistgenutzt", _("Most reused first")),
]


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters. Field names are the (German) URL parameters.

    An invalid value (e.g. an unknown topic typed into the URL) is reported and
    that one filter is ignored; the valid ones still apply.
    """

    suche = forms.CharField(
        label=_("Title or summary contains"),
        required=False,
        max_length=100,
        widget=forms.SearchInput,
    )
    thema = forms.ChoiceField(
        label=_("Handlungsfeld or topic"),
        required=False,
        error_messages={"invalid_choice": _("There is no topic with the address “%(value)s”.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any status")), *SolutionStatus.choices],
        error_messages={"invalid_choice": _("“%(value)s” is not a status of a solution.")},
    )
    netzwerk = forms.ChoiceField(
        label=_("Network"),
        required=False,
        error_messages={"invalid_choice": _("There is no network with the address “%(value)s”.")},
    )
    art = forms.ChoiceField(
        label=_("Kind of municipality"),
        required=False,
        choices=[("", _("all kinds")), *KIND_CHOICES],
        error_messages={"invalid_choice": _("“%(value)s” is not a known kind of municipality.")},
    )
    einwohner = forms.ChoiceField(
        label=_("Population of the municipality"),
        required=False,
        choices=[("", pgettext_lazy("population", "any")), *POPULATION_CHOICES],
        error_messages={"invalid_choice": _("“%(value)s” is not a population class.")},
    )
    sortierung = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": _("“%(value)s” is not a sort order; sorted by title.")},
    )
    archiviert = forms.BooleanField(
        label=_("Include archived solutions"),
        required=False,
        help_text=_("Archived solutions of your municipality and of the networks you coordinate."),
    )

    def __init__(self, data=None, *, topics, networks, archive_option: bool = False):
        super().__init__(data)
        self.topics = {topic.slug: topic for topic in topics}
        self.networks = {network.slug: network for network in networks}
        fields = [(t.slug, t.name) for t in topics if t.is_field]
        others = [(t.slug, t.name) for t in topics if not t.is_field]
        choices: list = [("", _("all topics"))]
        if fields:
            choices.append((_("Handlungsfelder"), fields))
        if others:
            choices.append((_("Topics"), others))
        self.fields["thema"].choices = choices
        self.fields["netzwerk"].choices = [("", _("all networks"))] + [
            (network.slug, network.name) for network in networks
        ]
        if not archive_option:
            del self.fields["archiviert"]

    @property
    def valid_data(self) -> dict:
        """The values that passed validation (all fields are optional)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def catalogue_filter(self) -> CatalogueFilter:
        data = self.valid_data
        return CatalogueFilter(
            topic=self.topics.get(data.get("thema") or ""),
            status=data.get("status") or "",
            network=self.networks.get(data.get("netzwerk") or ""),
            kind=data.get("art") or "",
            population=data.get("einwohner") or "",
            query=(data.get("suche") or "").strip(),
            sort=data.get("sortierung") or DEFAULT_SORT,
            include_inactive=bool(data.get("archiviert")),
        )

    def query_string(self) -> str:
        query = QueryDict(mutable=True)
        for name, value in self.valid_data.items():
            if value in (None, "", False) or (name == "sortierung" and value == DEFAULT_SORT):
                continue
            query[name] = "1" if value is True else str(value).strip()
        return query.urlencode()

    @property
    def is_filtered(self) -> bool:
        return any(
            value not in (None, "", False)
            for name, value in self.valid_data.items()
            if name != "sortierung"
        )


# --- A solution --------------------------------------------------------------------------


def _text(label, *, rows=4, help_text="", max_length=None, required=False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _euros(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=2_000_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Please enter a whole number of euros, without a point.")},
    )


class _Field:
    """A model field's verbose name (capitalised, as Django's model forms do) and help text."""

    def __init__(self, name: str):
        self.field = Solution._meta.get_field(name)

    @property
    def verbose_name(self):
        return capfirst(self.field.verbose_name)

    @property
    def help_text(self):
        return self.field.help_text


_field = _Field


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.municipality_id:
            return f"{obj.get_full_name() or obj.email} ({obj.municipality})"
        return obj.get_full_name() or obj.email


class SolutionForm(forms.Form):
    """A solution's own fields. Software comes in its own formset (SoftwareFormSet)."""

    title = forms.CharField(label=_field("title").verbose_name, max_length=200)
    summary = _text(
        _field("summary").verbose_name,
        rows=3,
        max_length=400,
        required=True,
        help_text=_("Two or three sentences for the list of solutions (at most 400 characters)."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder and topics"),
        queryset=selectors.topics_for_form(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_field("status").verbose_name,
        choices=SolutionStatus.choices,
        initial=SolutionStatus.IDEA,
    )
    discontinued_reason = _text(
        _field("discontinued_reason").verbose_name,
        rows=3,
        help_text=_("Only if the status is “Discontinued”: what others can learn from it."),
    )
    visibility = forms.ChoiceField(
        label=_field("visibility").verbose_name,
        choices=SolutionVisibility.choices,
        initial=SolutionVisibility.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_("Solutions for members only are not shown to the public."),
    )
    problem = _text(_field("problem").verbose_name)
    what_it_is = _text(_field("what_it_is").verbose_name)
    benefits = _text(_field("benefits").verbose_name)
    how_it_works = _text(_field("how_it_works").verbose_name)
    suits = _text(
        _field("suits").verbose_name,
        rows=3,
        help_text=_("For example size, kind or situation of the municipality."),
    )
    description = _text(
        _field("description").verbose_name,
        rows=10,
        help_text=_(
            "Markdown: a blank line starts a new paragraph, “## ” a heading, “- ” a list "
            "item, [text](https://…) a link."
        ),
    )
    owner = forms.ModelChoiceField(
        label=_("Municipality that runs it"),
        queryset=Municipality.objects.none(),
        empty_label=None,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_field("partners").verbose_name,
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Member municipalities of the network that run it together with you."),
    )
    contact = PersonChoiceField(
        label=_field("contact").verbose_name,
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("nobody named"),
        help_text=_(
            "Whether others see the contact details depends on the person's own setting "
            "in their profile."
        ),
    )
    costs_one_off_min = _euros(_field("costs_one_off_min").verbose_name)
    costs_one_off_max = _euros(_field("costs_one_off_max").verbose_name)
    costs_yearly_min = _euros(_field("costs_yearly_min").verbose_name)
    costs_yearly_max = _euros(_field("costs_yearly_max").verbose_name)
    funding_source = forms.CharField(
        label=_field("funding_source").verbose_name,
        max_length=200,
        required=False,
        help_text=_("For example a funding programme, own budget."),
    )
    duration = forms.CharField(
        label=_field("duration").verbose_name,
        max_length=100,
        required=False,
        help_text=_field("duration").help_text,
    )
    staff_effort = forms.CharField(
        label=_field("staff_effort").verbose_name,
        max_length=200,
        required=False,
        help_text=_field("staff_effort").help_text,
    )
    lessons_learned = _text(_field("lessons_learned").verbose_name, rows=6)
    website = forms.URLField(
        label=_field("website").verbose_name,
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[web_address],
    )
    note = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=300,
        help_text=_("A short note for the history of changes."),
    )

    SECTIONS = [
        (_("Overview"), ["title", "summary", "topics", "status", "discontinued_reason"]),
        (
            _("The solution"),
            ["problem", "what_it_is", "benefits", "how_it_works", "suits", "description"],
        ),
        (_("Municipalities and contact"), ["owner", "partners", "contact", "visibility"]),
        (
            _("Costs and effort"),
            [
                "costs_one_off_min",
                "costs_one_off_max",
                "costs_yearly_min",
                "costs_yearly_max",
                "funding_source",
                "duration",
                "staff_effort",
            ],
        ),
        (_("Experience"), ["lessons_learned", "website"]),
    ]

    def __init__(self, data=None, *, network, user, solution: Solution | None = None, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        if solution is not None:
            initial = {**self.initial_from(solution), **initial}
        super().__init__(data, initial=initial, **kwargs)
        self.network, self.solution = network, solution
        owners = selectors.owner_choices(user, network)
        current_owner = solution.owner if solution is not None else None
        self.owner_fixed = (
            current_owner if solution is not None and current_owner not in owners else None
        )
        if self.owner_fixed is None and owners.count() == 1:
            self.owner_fixed = owners.first()
        if self.owner_fixed is not None:
            del self.fields["owner"]
            contact_owners = [self.owner_fixed]
        else:
            self.fields["owner"].queryset = owners
            contact_owners = list(owners)
        keep_partners = list(solution.partners.all()) if solution is not None else []
        self.fields["partners"].queryset = selectors.partner_choices(network, keep=keep_partners)
        keep_topics = list(solution.topics.all()) if solution is not None else []
        self.fields["topics"].queryset = selectors.topics_for_form(keep=keep_topics)
        self.fields["contact"].queryset = selectors.contact_choices(
            network,
            contact_owners,
            keep=[solution.contact_id] if solution is not None and solution.contact_id else [],
        )
        if solution is None:
            del self.fields["note"]

    @staticmethod
    def initial_from(solution: Solution) -> dict:
        initial = {
            name: getattr(solution, name)
            for name in (
                "title",
                "summary",
                "status",
                "discontinued_reason",
                "visibility",
                "problem",
                "what_it_is",
                "benefits",
                "how_it_works",
                "suits",
                "description",
                "costs_one_off_min",
                "costs_one_off_max",
                "costs_yearly_min",
                "costs_yearly_max",
                "funding_source",
                "duration",
                "staff_effort",
                "lessons_learned",
                "website",
            )
        }
        initial["owner"] = solution.owner_id
        initial["contact"] = solution.contact_id
        initial["topics"] = [topic.pk for topic in solution.topics.all()]
        initial["partners"] = [m.pk for m in solution.partners.all()]
        return initial

    def sections(self):
        """(legend, bound fields) per fieldset, for the template."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.SECTIONS
        ]

    def chosen_owner(self):
        return self.owner_fixed or self.cleaned_data.get("owner")

    def values(self) -> dict:
        """The cleaned values as the services take them (without owner and note)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"owner", "note"}
        }


class SoftwareForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name of the software"), max_length=150, required=False)
    vendor = forms.CharField(label=_("Vendor"), max_length=150, required=False)
    licence = forms.CharField(
        label=_("Licence"),
        max_length=80,
        required=False,
        help_text=_("SPDX identifier, e.g. EUPL-1.2, or “proprietary”."),
    )
    is_open_source = forms.BooleanField(label=_("Open source"), required=False)
    repository_url = forms.URLField(
        label=_("Code repository"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[web_address],
        help_text=_("Where the source code can be found, if it is open source."),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[web_address],
    )

    def clean(self):
        data = super().clean()
        deleting = self.cleaned_data.get("DELETE")
        if self.has_changed() and not deleting and not (data.get("name") or "").strip():
            self.add_error("name", _("Please enter the name of the software."))
        return data


SoftwareFormSet = forms.formset_factory(SoftwareForm, extra=2, can_delete=True, max_num=30)


def software_formset(data=None, *, solution: Solution | None = None):
    initial = []
    if solution is not None:
        initial = [
            {
                "id": item.pk,
                "name": item.name,
                "vendor": item.vendor,
                "licence": item.licence,
                "is_open_source": item.is_open_source,
                "repository_url": item.repository_url,
                "website": item.website,
            }
            for item in solution.software.order_by("name", "pk")
        ]
    formset = SoftwareFormSet(data, initial=initial, prefix="software")
    for form in formset:
        form.fields["DELETE"].label = _("Remove this software")
    return formset


def software_rows(formset) -> list[dict]:
    """The software as the services take it: filled rows not marked for removal."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not (data.get("name") or "").strip():
            continue
        rows.append({key: value for key, value in data.items() if key != "DELETE"})
    return rows


# --- Files -------------------------------------------------------------------------------


class SolutionFileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (SolutionFileKind.IMAGE, _("Image (PNG, JPEG, GIF or WebP, at most 10 MB)")),
            (
                SolutionFileKind.ATTACHMENT,
                _(
                    "Attachment (PDF or office document: Word, Excel, PowerPoint, OpenDocument; "
                    "at most 20 MB)"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        initial=SolutionFileKind.IMAGE,
    )
    file = forms.FileField(label=_("File"))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Shown as the caption of an image or the name of the download."),
    )
    alt_text = forms.CharField(
        label=_("Alternative text (for images)"),
        max_length=300,
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it, e.g. “Screenshot of the "
            "app's start page with the week's events”."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == SolutionFileKind.IMAGE and not (data.get("alt_text") or "").strip():
            self.add_error(
                "alt_text",
                _("Please describe the image for people who cannot see it (alternative text)."),
            )
        return data


# --- Curation ----------------------------------------------------------------------------


class MergeForm(forms.Form):
    """Which solution a duplicate is merged into: one of the network's, or any by address."""

    target = forms.ChoiceField(label=_("Merge into a solution of the same network"), required=False)
    address = forms.CharField(
        label=_("… or into another solution, by its address"),
        required=False,
        max_length=300,
        help_text=_("The address of its page, e.g. /praxisbeispiele/dorf-app/."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, user, solution, **kwargs):
        super().__init__(data, **kwargs)
        self.user, self.solution = user, solution
        candidates = selectors.merge_candidates(user, solution)
        self.candidates = {str(candidate.pk): candidate for candidate in candidates}
        self.fields["target"].choices = [("", _("choose a solution"))] + [
            (pk, f"{candidate.title} ({candidate.owner})")
            for pk, candidate in self.candidates.items()
        ]

    def clean(self):
        data = super().clean()
        chosen, address = data.get("target"), (data.get("address") or "").strip()
        if bool(chosen) == bool(address):
            raise forms.ValidationError(
                _("Please choose a solution from the list or enter an address (one of the two).")
            )
        field = "target" if chosen else "address"
        if chosen:
            into = self.candidates[chosen]
        else:
            into = selectors.solution_by_address(self.user, address)
            if into is None:
                self.add_error(
                    "address",
                    _("There is no solution you may see at the address “%(address)s”.")
                    % {"address": address},
                )
                return data
        refusal = selectors.merge_refusal(self.user, self.solution, into)
        if refusal:
            self.add_error(field, refusal)
        else:
            data["into"] = into
        return data


# --- The vocabulary ----------------------------------------------------------------------


class TopicForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    is_field = forms.BooleanField(
        label=_("Handlungsfeld"),
        required=False,
        help_text=_("A broad field of action rather than a narrow topic."),
    )
    active = forms.BooleanField(
        label=_("In use"),
        required=False,
        initial=True,
        help_text=_(
            "Topics not in use are no longer offered in forms and filters, but stay on the "
            "solutions that have them."
        ),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["active"]
