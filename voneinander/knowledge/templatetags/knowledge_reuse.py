"""`{% adopters_box solution %}`: who reuses a solution (list, map, the record-reuse button).

The catalogue's detail page includes it. A fixed number of queries whatever
the number of adopters: the adoptions with their municipalities and contacts,
and (if contacts are shown) the networks of the adopting municipalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from voneinander.directory import maps
from voneinander.directory.statistics import municipality_url_maker
from voneinander.knowledge import adoption_selectors
from voneinander.knowledge.models import AdoptionStatus
from voneinander.knowledge.permissions import belongs_to
from voneinander.networks.roles import COORDINATOR, network_roles

register = template.Library()

# Map symbols (shapes from directory/maps.py): the owner is a diamond, reusing
# municipalities are circles, the interested and those who stopped triangles.
OWNER, REUSING, OTHER = "transfer", "member", "mentor"
LEGEND = [
    (OWNER, gettext_lazy("Runs the solution (diamond)")),
    (REUSING, gettext_lazy("Uses or is adopting it (circle)")),
    (OTHER, gettext_lazy("Interested or stopped (triangle)")),
]


@dataclass
class Marker:
    """A municipality as directory/maps.py draws it."""

    name: str
    kind_label: str
    url: str
    latitude: float | None
    longitude: float | None
    role: str
    roles: list[tuple[str, str, str]] = field(default_factory=list)


def _marker(municipality, role: str, label: str, url) -> Marker:
    return Marker(
        name=str(municipality),
        kind_label=municipality.get_kind_display(),
        url=url(municipality.pk),
        latitude=municipality.latitude,
        longitude=municipality.longitude,
        role=role,
        roles=[(role, label, "")],
    )


def adopters_map(solution, adoptions) -> dict | None:
    """The map of the owner and the adopters, or None if nobody can be placed on it."""
    url = municipality_url_maker()
    markers = [_marker(solution.owner, OWNER, _("runs the solution"), url)]
    for adoption in adoptions:
        role = (
            REUSING
            if adoption.status in (AdoptionStatus.IN_USE, AdoptionStatus.ADOPTING)
            else OTHER
        )
        markers.append(_marker(adoption.municipality, role, adoption.get_status_display(), url))
    states = maps.states_to_show(
        [m.state for m in [solution.owner, *(a.municipality for a in adoptions)] if m.latitude]
    )
    drawable = [m for m in markers if maps.can_draw(states, m.longitude, m.latitude)]
    if not drawable:
        return None
    state_names = ", ".join(maps.state_outlines()[code].name for code in states)
    description = ngettext(
        "Map of %(states)s with %(owner)s, which runs the solution (diamond), and "
        "%(count)s municipality that reuses it or is interested. Each marker links to the "
        "municipality's page; the list below names every municipality.",
        "Map of %(states)s with %(owner)s, which runs the solution (diamond), and "
        "%(count)s municipalities that reuse it or are interested. Each marker links to the "
        "municipality's page; the list below names every municipality.",
        len(adoptions),
    ) % {"states": state_names, "owner": solution.owner, "count": len(adoptions)}
    drawn = maps.member_map(
        drawable,
        states=states,
        title=_("Where %(solution)s is used") % {"solution": solution.title},
        description=description,
        with_network=False,
    )
    return {
        "svg": drawn.svg,
        "legend": [(role, label, maps.legend_symbol_svg(role)) for role, label in LEGEND],
        "missing": len(markers) - len(drawable),
    }


def _may_record(user, solution, own_adoption) -> bool:
    if not solution.is_active or own_adoption is not None:
        return False
    if not user.has_perm("knowledge.record_adoption", solution):
        return False
    # People of the owner municipality may not adopt it; its coordinators (and
    # admins) still record for other members.
    if belongs_to(user, solution.owner_id):
        return user.is_superuser or network_roles(user).has(solution.network_id, COORDINATOR)
    return True


@register.inclusion_tag("knowledge/reuse/adopters_box.html", takes_context=True)
def adopters_box(context, solution):
    request = context.get("request")
    user = request.user
    adoptions = adoption_selectors.adoptions_of(solution)
    viewer = adoption_selectors.ContactViewer.of(user)
    with_contact = [a for a in adoptions if a.contact_id]
    networks = (
        adoption_selectors.networks_of_municipalities({a.municipality_id for a in with_contact})
        if with_contact
        else {}
    )
    own = None
    for adoption in adoptions:
        adoption.can_edit = user.has_perm("knowledge.edit_adoption", adoption)
        adoption.visible_contact = (
            adoption.contact
            if viewer.may_see(adoption.contact, networks.get(adoption.municipality_id, set()))
            else None
        )
        if belongs_to(user, adoption.municipality_id):
            own = adoption
    reusing = sum(1 for a in adoptions if a.status in adoption_selectors.REUSE_STATUSES)
    return {
        "solution": solution,
        "request": request,
        "adoptions": adoptions,
        "reusing": reusing,
        "interested": len(adoptions) - reusing,
        "own_adoption": own,
        "may_record": _may_record(user, solution, own),
        "map": adopters_map(solution, adoptions) if adoptions else None,
    }
