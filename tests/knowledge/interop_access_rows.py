"""Rows of the permission matrix (tests/test_access_matrix.py) for reuse, interop and figures.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs.

In the world, "member" works for Altstadt (member of alpha); "contact" is a
contact person of Altstadt without a confirmed affiliation, so it may reach
the pages but has no municipality to speak for; "coordinator" coordinates alpha.
Solutions and adoptions a role may not see answer 404 before any login redirect.
"""

from tests.knowledge.factories import AdoptionFactory, SolutionFactory
from voneinander.knowledge.models import SolutionVisibility


def _solution(world, *, network="alpha", visibility=SolutionVisibility.PUBLIC, owner=None):
    chosen = world.network if network == "alpha" else world.other_network
    extra = {"owner": owner} if owner is not None else {}
    return SolutionFactory(network=chosen, visibility=visibility, **extra)


def public_solution(world):
    return {"slug": _solution(world).slug}


def already_adopted(world):
    """Altstadt (the member's municipality) has already recorded reuse."""
    solution = _solution(world)
    AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    return {"slug": solution.slug}


def internal_other(world):
    return {"slug": _solution(world, network="beta", visibility=SolutionVisibility.NETWORK).slug}


def internal_alpha(world):
    return {"slug": _solution(world, visibility=SolutionVisibility.NETWORK).slug}


def altstadt_adoption(world):
    adoption = AdoptionFactory(
        solution=_solution(world), municipality=world.membership.municipality
    )
    return {"pk": adoption.pk}


def other_adoption(world):
    adoption = AdoptionFactory(
        solution=_solution(world, network="beta"),
        municipality=world.other_membership.municipality,
    )
    return {"pk": adoption.pk}


def hidden_adoption(world):
    adoption = AdoptionFactory(
        solution=_solution(world, network="beta", visibility=SolutionVisibility.NETWORK),
        municipality=world.other_membership.municipality,
    )
    return {"pk": adoption.pk}


UNKNOWN_SLUG = {"slug": "gibt-es-nicht"}
UNKNOWN_PK = {"pk": 999999}

ROWS: dict = {
    # Recording reuse: people of member municipalities (and coordinators, admins).
    "knowledge:adoption_create": (public_solution, "302 403 200 200 200 200"),
    # Only Altstadt to speak for, and it has a record: sent to edit it.
    "knowledge:adoption_create[adopted]": (already_adopted, "302 403 302 200 302 302"),
    "knowledge:adoption_create[hidden]": (internal_other, "404 404 404 404 404 200"),
    "knowledge:adoption_create[unknown]": (UNKNOWN_SLUG, "404 404 404 404 404 404"),
    # Editing: the municipality's own people, the network's coordinators, admins.
    "knowledge:adoption_edit": (altstadt_adoption, "302 403 200 403 200 200"),
    "knowledge:adoption_edit[other]": (other_adoption, "302 403 403 403 403 200"),
    "knowledge:adoption_edit[hidden]": (hidden_adoption, "404 404 404 404 404 200"),
    "knowledge:adoption_edit[unknown]": (UNKNOWN_PK, "404 404 404 404 404 404"),
    "knowledge:adoption_delete": (altstadt_adoption, "302 403 200 403 200 200"),
    "knowledge:adoption_delete[other]": (other_adoption, "302 403 403 403 403 200"),
    "knowledge:adoption_delete[hidden]": (hidden_adoption, "404 404 404 404 404 200"),
    # Exports: the catalogue is public (public solutions only); one solution's
    # publiccode.yml for whoever may see the solution.
    "knowledge:export_catalogue": ({}, "200 200 200 200 200 200"),
    "knowledge:export_publiccode": (public_solution, "200 200 200 200 200 200"),
    "knowledge:export_publiccode[internal]": (internal_alpha, "404 404 200 200 200 200"),
    "knowledge:export_publiccode[hidden]": (internal_other, "404 404 404 404 404 200"),
    "knowledge:export_publiccode[unknown]": (UNKNOWN_SLUG, "404 404 404 404 404 404"),
    # Import into a network's catalogue: as creating a solution there.
    "knowledge:import_publiccode": ({"network": "alpha"}, "302 403 200 200 200 200"),
    "knowledge:import_publiccode[other]": ({"network": "beta"}, "302 403 403 403 403 200"),
    "knowledge:import_publiccode[unknown]": (
        {"network": "gibt-es-nicht"},
        "404 404 404 404 404 404",
    ),
    # Programme figures: members, coordinators and admins of the network.
    "knowledge:programme_figures": ({"slug": "alpha"}, "302 403 200 200 200 200"),
    "knowledge:programme_figures[other]": ({"slug": "beta"}, "302 403 403 403 403 200"),
    "knowledge:programme_figures[unknown]": (UNKNOWN_SLUG, "404 404 404 404 404 404"),
    "knowledge:programme_figures_csv": ({"slug": "alpha"}, "302 403 200 200 200 200"),
    "knowledge:programme_figures_csv[other]": ({"slug": "beta"}, "302 403 403 403 403 200"),
}
