"""Permission predicates for the strategy workbook; PERMISSIONS is merged into
voneinander/policy.py. Objects: a strategy (the selectors already return 404 for
strategies the person may not read) or, for starting one, nothing."""

import rules

from voneinander.networks import roles
from voneinander.networks.roles import COORDINATOR, network_roles
from voneinander.strategies import selectors


@rules.predicate
def on_team(user, strategy) -> bool:
    return strategy is not None and selectors.is_on_team(user, strategy)


@rules.predicate
def leads_team(user, strategy) -> bool:
    return strategy is not None and selectors.leads(user, strategy)


@rules.predicate
def reads_strategy(user, strategy) -> bool:
    return strategy is not None and (
        selectors.is_on_team(user, strategy) or selectors.is_shared_with(user, strategy)
    )


@rules.predicate
def speaks_for_a_member_municipality(user) -> bool:
    return selectors.municipalities_spoken_for(user).exists()


@rules.predicate
def coordinates_network(user, network) -> bool:
    return network is not None and network_roles(user).has(network.pk, COORDINATOR)


is_admin = rules.predicate(roles.is_platform_admin, name="strategies.is_platform_admin")


PERMISSIONS = {
    # Start a strategy for a member municipality one speaks for (obj: None).
    "strategies.start_strategy": speaks_for_a_member_municipality,
    # Read a strategy: its team, or members of the network it is shared with.
    "strategies.view_strategy": reads_strategy,
    # Write in the workbook (steps, measures): the team.
    "strategies.edit_strategy": on_team,
    # Invite/remove collaborators, share with a network, stop sharing: the team's leads.
    "strategies.lead_strategy": leads_team,
    # Anonymised figures of a network's strategies (obj: the network).
    "strategies.view_network_figures": coordinates_network | is_admin,
    # Edit the list of Handlungsfelder: platform admins.
    "strategies.manage_fields": is_admin,
}
