from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.search.indexers import REGISTRY

MAX_QUERY = 200


def status_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for indexer in REGISTRY.values():
        for value, label in indexer.status_labels.items():
            seen.setdefault(value, label)
    return list(seen.items())


class SearchForm(forms.Form):
    """The search and its filters. Field names are the (German) URL parameters.

    An unknown filter value (typed into the address) is reported and ignored;
    the rest of the search still runs.
    """

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY,
        widget=forms.SearchInput,
        error_messages={
            "max_length": _(
                "Please use at most %(limit_value)d characters (you used %(show_value)d)."
            )
        },
    )
    art = forms.MultipleChoiceField(
        label=_("Kind"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not a kind of result.")},
    )
    netzwerk = forms.MultipleChoiceField(
        label=_("Network"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("There is no network with the address “%(value)s”.")},
    )
    thema = forms.MultipleChoiceField(
        label=_("Topic"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("There is no topic with the address “%(value)s”.")},
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not a status.")},
    )

    def __init__(self, data=None, *, networks, topics):
        super().__init__(data)
        self.networks = {network.slug: network for network in networks}
        self.topics = {topic.slug: topic for topic in topics}
        self.fields["art"].choices = [(kind, i.label) for kind, i in REGISTRY.items()]
        self.fields["netzwerk"].choices = [(n.slug, n.name) for n in networks]
        self.fields["thema"].choices = [(t.slug, t.name) for t in topics]
        self.fields["status"].choices = status_choices()

    def _valid(self, name: str):
        """A field's cleaned value, or nothing if it was invalid (each field stands alone)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    @property
    def query(self) -> str:
        return (self._valid("q") or "").strip()

    @property
    def kinds(self) -> list[str]:
        return self._valid("art") or []

    @property
    def network_ids(self) -> list[int]:
        return [self.networks[slug].pk for slug in self._valid("netzwerk") or []]

    @property
    def topic_ids(self) -> list[int]:
        return [self.topics[slug].pk for slug in self._valid("thema") or []]

    @property
    def statuses(self) -> list[str]:
        return self._valid("status") or []

    @property
    def is_filtered(self) -> bool:
        return bool(self.kinds or self.network_ids or self.topic_ids or self.statuses)
