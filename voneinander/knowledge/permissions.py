"""Permission predicates for the knowledge exchange (combined in voneinander/policy.py).

`can_see_solution` must agree with `selectors.solutions_visible_to(user)`:
- everyone: public solutions that are neither archived nor merged;
- members of the solution's network: its network-internal solutions;
- coordinators of the network and platform admins: every solution, archived too;
- people of the owning municipality (confirmed affiliation): their own, archived too.
"""

import rules

from voneinander.knowledge.models import SolutionVisibility
from voneinander.networks.roles import COORDINATOR, MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin


def belongs_to(user, municipality_id) -> bool:
    """A confirmed affiliation with this municipality."""
    return bool(
        user.is_authenticated
        and user.is_active
        and municipality_id is not None
        and user.municipality_id == municipality_id
        and user.municipality_confirmed_at
    )


@rules.predicate
def can_see_solution(user, solution) -> bool:
    if solution is None:
        return False
    if _is_admin(user) or network_roles(user).has(solution.network_id, COORDINATOR):
        return True
    if belongs_to(user, solution.owner_id):
        return True
    if not solution.is_active:
        return False
    if solution.visibility == SolutionVisibility.PUBLIC:
        return True
    return network_roles(user).has(solution.network_id, MEMBER)


@rules.predicate
def coordinates_solution_network(user, solution) -> bool:
    return solution is not None and network_roles(user).has(solution.network_id, COORDINATOR)


@rules.predicate
def edits_own_solution(user, solution) -> bool:
    """People of the owning municipality who are members of the solution's network."""
    return (
        solution is not None
        and belongs_to(user, solution.owner_id)
        and network_roles(user).has(solution.network_id, MEMBER)
    )


@rules.predicate
def is_member_of_any_network(user) -> bool:
    """A confirmed person of an active member municipality (or a coordinator) anywhere."""
    return bool(user.is_authenticated and user.is_active and network_roles(user).by_network)


@rules.predicate
def speaks_for_adoption(user, adoption) -> bool:
    return adoption is not None and belongs_to(user, adoption.municipality_id)


@rules.predicate
def coordinates_adoption_network(user, adoption) -> bool:
    return adoption is not None and network_roles(user).has(
        adoption.solution.network_id, COORDINATOR
    )


@rules.predicate
def is_requester(user, request) -> bool:
    return request is not None and user.is_authenticated and request.requester_id == user.pk


@rules.predicate
def coordinates_request_network(user, request) -> bool:
    return request is not None and network_roles(user).has(request.network_id, COORDINATOR)


@rules.predicate
def is_introduced_party(user, introduction) -> bool:
    """The contact person named in an introduction, or the person who asked."""
    return (
        introduction is not None
        and user.is_authenticated
        and user.pk in (introduction.contact_id, introduction.request.requester_id)
    )


@rules.predicate
def coordinates_alliance_network(user, alliance) -> bool:
    return alliance is not None and network_roles(user).has(alliance.network_id, COORDINATOR)


@rules.predicate
def partners_in_alliance(user, alliance) -> bool:
    if alliance is None or not user.is_authenticated or not user.municipality_confirmed_at:
        return False
    return alliance.partner_links.filter(municipality_id=user.municipality_id).exists()
