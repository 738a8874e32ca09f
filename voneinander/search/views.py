from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from voneinander.core.access import PUBLIC, access
from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.search.backends import PAGE_SIZE, get_backend
from voneinander.search.forms import SearchForm, status_choices
from voneinander.search.indexers import REGISTRY


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    name: str  # the URL parameter
    legend: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class Row:
    """One result as the page shows it."""

    hit: object
    url: str
    kind_label: str
    status_label: str


def link_of(link: dict) -> str:
    """The stored link reversed in the current language ("" if it no longer resolves)."""
    for candidate in (link, link.get("fallback") or {}):
        if not candidate.get("name"):
            continue
        try:
            url = reverse(candidate["name"], kwargs=candidate.get("kwargs") or {})
        except NoReverseMatch:
            continue
        anchor = candidate.get("anchor")
        return f"{url}#{anchor}" if anchor else url
    return ""


def _facets(form: SearchForm, results, networks, topics) -> list[FacetGroup]:
    """The filters as checkbox groups: values with matches, and whatever is chosen."""
    counts = results.facets
    chosen = {
        "art": set(form.kinds),
        "netzwerk": {str(pk) for pk in form.network_ids},
        "thema": {str(pk) for pk in form.topic_ids},
        "status": set(form.statuses),
    }
    groups = [
        FacetGroup(
            "art",
            _("Kind"),
            [
                FacetOption(kind, str(i.label), counts["kind"].get(kind, 0), kind in chosen["art"])
                for kind, i in REGISTRY.items()
            ],
        ),
        FacetGroup(
            "netzwerk",
            _("Network"),
            [
                FacetOption(
                    n.slug,
                    n.name,
                    counts["network"].get(str(n.pk), 0),
                    str(n.pk) in chosen["netzwerk"],
                )
                for n in networks
            ],
        ),
        FacetGroup(
            "thema",
            _("Topic"),
            [
                FacetOption(
                    t.slug, t.name, counts["topic"].get(str(t.pk), 0), str(t.pk) in chosen["thema"]
                )
                for t in topics
            ],
        ),
        FacetGroup(
            "status",
            _("Status"),
            [
                FacetOption(
                    value, str(label), counts["status"].get(value, 0), value in chosen["status"]
                )
                for value, label in status_choices()
            ],
        ),
    ]
    for group in groups:
        group.options = [o for o in group.options if o.count or o.checked]
    return [group for group in groups if group.options]


@access(PUBLIC)
def search(request):
    networks = list(Network.objects.only("pk", "name", "slug").order_by("name"))
    topics = list(
        Topic.objects.only("pk", "name", "slug", "position").order_by(
            "-is_field", "position", "name"
        )
    )
    form = SearchForm(request.GET or None, networks=networks, topics=topics)
    context = {"form": form, "query": form.query}
    if form.query:
        try:
            page_number = int(request.GET.get("seite", 1))
        except ValueError:
            page_number = 1
        results = get_backend().query(
            form.query,
            request.user,
            kinds=form.kinds,
            networks=form.network_ids,
            topics=form.topic_ids,
            statuses=form.statuses,
            page=page_number,
        )
        statuses = dict(status_choices())
        page = Paginator(range(results.total), PAGE_SIZE).get_page(results.page)
        context.update(
            results=results,
            rows=[
                Row(
                    hit,
                    link_of(hit.link),
                    str(REGISTRY[hit.kind].label) if hit.kind in REGISTRY else hit.kind,
                    str(statuses.get(hit.status, "")),
                )
                for hit in results.hits
            ],
            facet_groups=_facets(form, results, networks, topics),
            page=page,
            page_links=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            reset_url=f"{reverse('search:search')}?{urlencode({'q': form.query})}",
        )
    return render(request, "search/search.html", context)
