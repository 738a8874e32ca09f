from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from voneinander.directory.selectors import DEFAULT_SORT, DirectoryFilter
from voneinander.municipalities.models import MunicipalityKind

POPULATION_CHOICES = [
    ("unter-1000", _("under 1,000")),
    ("1000-4999", _("1,000 to 4,999")),
    ("5000-19999", _("5,000 to 19,999")),
    ("20000-99999", _("20,000 to 99,999")),
    ("ab-100000", _("100,000 and more")),
]

SORT_CHOICES = [
    ("name", _("Name (A–Z)")),
    ("-name", _("Name (Z–A)")),
    ("-einwohner", _("Population (largest first)")),
    ("einwohner", _("Population (smallest first)")),
    ("mitglied-seit", _("Member since (longest first)")),
    ("-mitglied-seit", _("Member since (newest first)")),
]

# Kinds a member can have; the state itself is not a member.
KIND_CHOICES = [
    (value, label) for value, label in MunicipalityKind.choices if value != MunicipalityKind.LAND
]


class DirectoryFilterForm(forms.Form):
    """The directory's filters. Field names are the (German) URL parameters.

    An invalid value (e.g. an unknown network address typed into the URL) is
    reported and that one filter is ignored; the valid ones still apply.
    """

    suche = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.SearchInput,
    )
    netzwerk = forms.ChoiceField(
        label=_("Network"),
        required=False,
        error_messages={"invalid_choice": _("There is no network with the address “%(value)s”.")},
    )
    art = forms.ChoiceField(
        label=_("Kind of municipality"),
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not a known kind of municipality.")},
    )
    landkreis = forms.TypedChoiceField(
        label=_("District (Landkreis)"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("There is no district with the number “%(value)s”.")},
    )
    thema = forms.ChoiceField(
        label=_("Topic focus"),
        required=False,
        error_messages={"invalid_choice": _("No network has the topic focus “%(value)s”.")},
    )
    einwohner = forms.ChoiceField(
        label=_("Population"),
        required=False,
        choices=[("", pgettext_lazy("population", "any")), *POPULATION_CHOICES],
        error_messages={"invalid_choice": _("“%(value)s” is not a population class.")},
    )
    sortierung = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": _("“%(value)s” is not a sort order; sorted by name.")},
    )

    def __init__(self, data=None, *, networks, districts):
        super().__init__(data)
        self.networks = {network.slug: network for network in networks}
        self.fields["netzwerk"].choices = [("", _("all networks"))] + [
            (network.slug, network.name) for network in networks
        ]
        self.fields["art"].choices = [("", _("all kinds")), *KIND_CHOICES]
        self.fields["landkreis"].choices = [("", _("all districts"))] + [
            (str(pk), name) for pk, name in districts
        ]
        topics = sorted(
            {topic for network in networks for topic in network.topics if isinstance(topic, str)},
            key=str.casefold,
        )
        self.fields["thema"].choices = [("", _("all topics"))] + [(t, t) for t in topics]

    @property
    def valid_data(self) -> dict:
        """The values that passed validation (all fields are optional)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def directory_filter(self) -> DirectoryFilter:
        data = self.valid_data
        return DirectoryFilter(
            network=self.networks.get(data.get("netzwerk") or ""),
            kind=data.get("art") or "",
            district_id=data.get("landkreis"),
            topic=data.get("thema") or "",
            population=data.get("einwohner") or "",
            query=(data.get("suche") or "").strip(),
            sort=data.get("sortierung") or DEFAULT_SORT,
        )

    def query_string(self) -> str:
        """The valid, non-empty filters as a query string (for export links)."""
        query = QueryDict(mutable=True)
        for name, value in self.valid_data.items():
            if value not in (None, "") and not (name == "sortierung" and value == DEFAULT_SORT):
                query[name] = str(value).strip()
        return query.urlencode()

    @property
    def is_filtered(self) -> bool:
        return any(
            value not in (None, "")
            for name, value in self.valid_data.items()
            if name != "sortierung"
        )
