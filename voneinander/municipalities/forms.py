"""Choosing a municipality from the registry of thousands: a search field.

Without JavaScript it is a text input. On submit the server takes an exact
name or AGS, or the single municipality the text matches; several matches
come back as radio buttons to choose from. With JavaScript (htmx and
`municipalities/search.js`) it becomes a combobox with a live list of
suggestions (ARIA 1.2 combobox pattern): picking one fills a hidden field
with its id.

Submitted names: `<name>` (the text), `<name>_pick` (hidden, id picked in the
live list, counts only while the text still shows that municipality) and
`<name>_choice` (a radio button among the candidates; wins over both).
"""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voneinander.municipalities import selectors
from voneinander.municipalities.models import Municipality

PICK_SUFFIX = "_pick"
CHOICE_SUFFIX = "_choice"
MAX_CANDIDATES = 10


def describe(municipality: Municipality) -> str:
    """What tells two municipalities of the same name apart: kind, district, key."""
    parts = [municipality.get_kind_display()]
    if municipality.parent_id and municipality.parent:
        parts.append(str(municipality.parent))
    if municipality.ags:
        parts.append(_("AGS %(ags)s") % {"ags": municipality.ags})
    return ", ".join(str(part) for part in parts)


class MunicipalitySearchWidget(forms.Widget):
    template_name = "municipalities/widgets/search.html"

    class Media:
        # Pages render `{{ form.media }}` in their `extra_head` block.
        css = {"all": ["municipalities/search.css"]}
        js = [forms.Script("municipalities/search.js", type="module")]

    def __init__(self, attrs=None, kinds=()):
        super().__init__(attrs)
        self.kinds = list(kinds)
        self.candidates: list[Municipality] = []
        self.more_candidates = False
        self.resolved: Municipality | None = None

    def value_from_datadict(self, data, files, name):
        return {
            "query": data.get(name, ""),
            "pick": data.get(name + PICK_SUFFIX, ""),
            "choice": data.get(name + CHOICE_SUFFIX, ""),
        }

    def value_omitted_from_data(self, data, files, name):
        return not any(key in data for key in (name, name + PICK_SUFFIX, name + CHOICE_SUFFIX))

    def format_value(self, value):
        if self.resolved is not None:
            value = self.resolved
        if isinstance(value, dict):
            return {"query": value.get("query", ""), "pick": value.get("pick", "")}
        if value in (None, ""):
            return {"query": "", "pick": ""}
        if not isinstance(value, Municipality):
            value = selectors.municipality_by_pk(value)
            if value is None:
                return {"query": "", "pick": ""}
        return {"query": str(value), "pick": str(value.pk)}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        hx_vals = {"field": name, "target": context["widget"]["attrs"].get("id", "")}
        if self.kinds:
            hx_vals["kinds"] = ",".join(self.kinds)
        context["widget"].update(
            {
                "hx_vals": json.dumps(hx_vals),
                "pick_name": name + PICK_SUFFIX,
                "choice_name": name + CHOICE_SUFFIX,
                "candidates": [(m, describe(m)) for m in self.candidates],
                "more_candidates": self.more_candidates,
            }
        )
        return context


class MunicipalityField(forms.Field):
    """A municipality from the registry, found by name, key or a pick from the list.

    `kinds` narrows the suggestions and candidates (for example to the kinds
    a network accepts); an exact name or key of another kind is still
    resolved, so that the caller can say clearly why it does not fit.
    """

    widget = MunicipalitySearchWidget
    default_error_messages = {
        "required": _("Please enter the name or the official key (AGS) of the municipality."),
        "not_found": _(
            "No municipality in the registry matches “%(query)s”. Please check the spelling "
            "or enter the official municipality key (AGS)."
        ),
        "ambiguous": _(
            "Several municipalities match “%(query)s”. Please choose one from the list below."
        ),
    }

    def __init__(self, *, kinds=(), **kwargs):
        self.kinds = list(kinds)
        super().__init__(**kwargs)
        self.widget.kinds = self.kinds

    def to_python(self, value):
        if isinstance(value, Municipality) or value in (None, ""):
            return value or None
        if not isinstance(value, dict):
            return selectors.municipality_by_pk(value)
        query = " ".join(str(value.get("query", "")).split())
        for key, must_match_text in (("choice", False), ("pick", True)):
            picked = selectors.municipality_by_pk(value.get(key) or None)
            if picked is not None and (
                not must_match_text
                or query.casefold() in {str(picked).casefold(), picked.name.casefold()}
            ):
                return picked
        if not query:
            return None
        return self._resolve(query)

    def _resolve(self, query: str) -> Municipality:
        exact = selectors.exact_municipalities(query)
        if len(exact) > 1 and self.kinds:
            exact = [m for m in exact if m.kind in self.kinds] or exact
        if len(exact) == 1:
            return exact[0]
        candidates = exact or list(
            selectors.search_municipalities(query, kinds=self.kinds, limit=MAX_CANDIDATES + 1)
        )
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise ValidationError(
                self.error_messages["not_found"], code="not_found", params={"query": query}
            )
        self.widget.candidates = candidates[:MAX_CANDIDATES]
        self.widget.more_candidates = len(candidates) > MAX_CANDIDATES
        raise ValidationError(
            self.error_messages["ambiguous"], code="ambiguous", params={"query": query}
        )

    def clean(self, value):
        self.widget.candidates = []
        self.widget.more_candidates = False
        self.widget.resolved = None
        municipality = super().clean(value)
        self.widget.resolved = municipality
        return municipality

    def has_changed(self, initial, data):
        try:
            municipality = self.to_python(data)
        except ValidationError:
            return True
        initial_pk = initial.pk if isinstance(initial, Municipality) else initial
        new_pk = municipality.pk if municipality else None
        return str(initial_pk or "") != str(new_pk or "")
