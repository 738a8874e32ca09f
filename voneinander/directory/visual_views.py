"""The map of members and the figures page: pictures drawn on the server."""

import datetime

from django import forms
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from voneinander.core.access import PUBLIC, access
from voneinander.core.caching import memoized_drawing
from voneinander.directory import charts, maps, statistics
from voneinander.networks.models import MembershipRole
from voneinander.networks.selectors import network_by_slug


class MapFilterForm(forms.Form):
    """The map's only filter; named like the directory's, so links carry over."""

    netzwerk = forms.ChoiceField(
        label=gettext_lazy("Network"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("There is no network with the address “%(value)s”.")
        },
    )

    def __init__(self, data=None, *, networks):
        super().__init__(data)
        self.networks = {network.slug: network for network in networks}
        self.fields["netzwerk"].choices = [
            ("", _("all networks")),
            *((network.slug, network.name) for network in networks),
        ]

    def network(self):
        if self.is_bound and self.is_valid():
            return self.networks.get(self.cleaned_data["netzwerk"])
        return None


LEGEND = [
    (MembershipRole.MEMBER, gettext_lazy("Member (circle)")),
    (MembershipRole.TRANSFER, gettext_lazy("Transferstelle (diamond)")),
    (MembershipRole.MENTOR, gettext_lazy("Mentor (triangle)")),
]


@access(PUBLIC)
def member_map(request):
    networks = list(statistics.networks_for_filter())
    form = MapFilterForm(request.GET or None, networks=networks)
    network = form.network()
    members = statistics.map_members(network)
    states = maps.states_to_show(m.state for m in members if m.has_coordinates)
    on_map, not_on_map = [], []
    for member in members:
        drawable = maps.can_draw(states, member.longitude, member.latitude)
        (on_map if drawable else not_on_map).append(member)
    with_network = network is None
    state_names = ", ".join(maps.state_outlines()[code].name for code in states)
    if network:
        title = _("Member municipalities of %(network)s") % {"network": network.name}
    else:
        title = _("Member municipalities of all networks")
    description = ngettext(
        "Map of %(states)s with %(count)s member municipality. Circle: member, "
        "diamond: Transferstelle, triangle: mentor. Each marker links to the "
        "municipality's page; the same municipalities are listed below the map.",
        "Map of %(states)s with %(count)s member municipalities. Circle: member, "
        "diamond: Transferstelle, triangle: mentor. Each marker links to the "
        "municipality's page; the same municipalities are listed below the map.",
        len(on_map),
    ) % {"states": state_names, "count": len(on_map)}
    query = QueryDict(mutable=True)
    if network:
        query["netzwerk"] = network.slug
    directory_url = reverse("directory:index") + (f"?{query.urlencode()}" if query else "")
    # Drawing is the expensive part and the same for every visitor: kept in the
    # shared cache under a fingerprint of its inputs, so any change of a member
    # (by whatever path) draws anew.
    drawn = memoized_drawing(
        "member-map",
        (on_map, states, title, description, with_network, get_language()),
        lambda: maps.member_map(
            on_map, states=states, title=title, description=description, with_network=with_network
        ),
    )
    return render(
        request,
        "directory/map.html",
        {
            "form": form,
            "network": network,
            "map_svg": drawn.svg,
            "on_map_rows": drawn.rows,
            "not_on_map_rows": maps.member_rows_html(not_on_map, with_network=with_network),
            "map_title": title,
            "state_names": state_names,
            "on_map": on_map,
            "not_on_map": not_on_map,
            "with_network": with_network,
            "legend": [(role, label, maps.legend_symbol_svg(role)) for role, label in LEGEND],
            "directory_url": directory_url,
        },
    )


def _history_steps(history: statistics.History) -> list[charts.Step]:
    steps = []
    for point in history.points:
        if history.period == "year":
            start = datetime.date(point.day.year, 1, 1)
        else:
            start = point.day.replace(day=1)
        steps.append(charts.Step(start=start, end=point.day, value=point.count))
    return steps


@access(PUBLIC)
def network_figures(request, slug):
    network = network_by_slug(request, slug)
    today = timezone.localdate()
    history = statistics.membership_history(network, today=today)
    by_kind = statistics.members_by_kind(network)
    by_district = statistics.members_by_district(network)
    coverage = statistics.population_coverage(network)
    context = {
        "network": network,
        "today": today,
        "history": history,
        "by_kind": by_kind,
        "by_district": by_district,
        "coverage": coverage,
        "knowledge": statistics.knowledge_counts(network),
    }
    if history.points:
        context["history_chart"] = charts.step_chart(
            _history_steps(history),
            title=_("Members of %(network)s over time") % {"network": network.name},
            description=_(
                "Step chart of the number of member municipalities, from %(first)s "
                "(%(first_count)s) to today (%(count)s). The table below gives every value."
            )
            % {
                "first": date_format(history.points[0].day, "SHORT_DATE_FORMAT"),
                "first_count": history.points[0].count,
                "count": history.points[-1].count,
            },
            ident="chart-history",
            period=history.period,
        )
    if by_kind:
        context["kind_chart"] = charts.bar_chart(
            [(share.label, share.count) for share in by_kind],
            title=_("Members by kind of municipality"),
            description=_("Bar chart; the table next to it gives the same numbers."),
            ident="chart-kind",
        )
    if by_district:
        context["district_chart"] = charts.bar_chart(
            [(share.label, share.count) for share in by_district],
            title=_("Members by district"),
            description=_("Bar chart; the table next to it gives the same numbers."),
            ident="chart-district",
        )
    return render(request, "directory/figures.html", context)
