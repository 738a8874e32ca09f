"""Rows of the permission matrix (tests/test_access_matrix.py) for pages.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).

Pages are public, so an existing page answers 403 (or the login page) to those
who may not change it; unknown addresses are 404 for everyone. Barrier reports
are handled by the coordinators of any network and by platform admins.
"""

from tests.pages.factories import BarrierReportFactory, PageFactory
from voneinander.pages import legal_texts
from voneinander.pages.models import Page

OWN = {"network_slug": "alpha"}
OTHER = {"network_slug": "beta"}
UNKNOWN_NETWORK = {"network_slug": "gibt-es-nicht"}
ADMINS = "302 403 403 403 403 200"
COORDINATORS = "302 403 403 403 200 200"
NOBODY = "404 404 404 404 404 404"
EVERYONE = "200 200 200 200 200 200"


def platform_page(world):
    return {"slug": PageFactory().slug}


def imprint(world):
    legal_texts.seed(Page)
    return {"slug": legal_texts.IMPRINT_SLUG}


def own_page(world):
    page = PageFactory(network=world.network)
    return {"network_slug": "alpha", "slug": page.slug}


def other_page(world):
    page = PageFactory(network=world.other_network)
    return {"network_slug": "beta", "slug": page.slug}


def report(world):
    return {"pk": BarrierReportFactory().pk}


ROWS = {
    "pages:list": ({}, ADMINS),
    "pages:create": ({}, ADMINS),
    "pages:page": (platform_page, EVERYONE),
    "pages:page[unknown]": ({"slug": "gibt-es-nicht"}, NOBODY),
    "pages:edit": (platform_page, ADMINS),
    "pages:edit[legal]": (imprint, ADMINS),
    "pages:edit[unknown]": ({"slug": "gibt-es-nicht"}, NOBODY),
    "pages:delete": (platform_page, ADMINS),
    "pages:delete[unknown]": ({"slug": "gibt-es-nicht"}, NOBODY),
    "pages:network_list": (OWN, COORDINATORS),
    "pages:network_list[other]": (OTHER, ADMINS),
    "pages:network_list[unknown]": (UNKNOWN_NETWORK, NOBODY),
    "pages:network_create": (OWN, COORDINATORS),
    "pages:network_create[other]": (OTHER, ADMINS),
    "pages:network_create[unknown]": (UNKNOWN_NETWORK, NOBODY),
    "pages:network_page": (own_page, EVERYONE),
    "pages:network_page[unknown]": ({**OWN, "slug": "gibt-es-nicht"}, NOBODY),
    "pages:network_edit": (own_page, COORDINATORS),
    "pages:network_edit[other]": (other_page, ADMINS),
    "pages:network_delete": (own_page, COORDINATORS),
    "pages:network_delete[other]": (other_page, ADMINS),
    # *Barriere melden* is for everyone; the reports only for those who handle them.
    "pages:report_barrier": ({}, EVERYONE),
    "pages:reports": ({}, COORDINATORS),
    "pages:report_detail": (report, COORDINATORS),
    "pages:report_detail[unknown]": ({"pk": 999999}, NOBODY),
}
