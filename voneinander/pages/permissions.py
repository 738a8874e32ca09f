"""Permission predicates for pages; PERMISSIONS is merged into voneinander/policy.py.

Platform admins edit every page. Coordinators edit the free pages of the networks
they coordinate, and - like admins - handle barrier reports, which concern the
whole platform.
"""

import rules

from voneinander.networks import roles
from voneinander.networks.roles import COORDINATOR, network_roles

is_admin = rules.predicate(roles.is_platform_admin, name="pages.is_platform_admin")


@rules.predicate
def coordinates_network(user, network) -> bool:
    return network is not None and network_roles(user).has(network.pk, COORDINATOR)


@rules.predicate
def coordinates_page_network(user, page) -> bool:
    return (
        page is not None
        and page.network_id is not None
        and network_roles(user).has(page.network_id, COORDINATOR)
    )


@rules.predicate
def coordinates_some_network(user) -> bool:
    return bool(network_roles(user).coordinated)


PERMISSIONS: dict = {
    # Platform pages: the list, new free pages (no obj).
    "pages.manage_platform_pages": is_admin,
    # One page (obj: the page): legal and platform pages for admins, network pages
    # also for that network's coordinators.
    "pages.edit_page": coordinates_page_network | is_admin,
    # A network's free pages: the list and new pages (obj: the network).
    "pages.manage_network_pages": coordinates_network | is_admin,
    # Barrier reports: the list (no obj) and one report (obj: the report).
    "pages.view_barrier_reports": coordinates_some_network | is_admin,
    "pages.handle_barrier_report": coordinates_some_network | is_admin,
}
