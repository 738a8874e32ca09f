"""Rows of the permission matrix (tests/test_access_matrix.py): brokering and alliances.

Format as in tests/events/access_rows.py. A contact request is known only to
the person who asked ("member" below), the coordinators of its network and
admins; anyone else gets a 404, anonymous visitors the login page (the links
in the e-mails), without learning whether the request exists. An introduction
page is for its two parties only ("member" asked, "contact" was suggested).
"""

from django.utils import timezone

from tests.knowledge.factories import (
    AllianceFactory,
    AlliancePartnerFactory,
    ContactRequestFactory,
    IntroductionFactory,
)
from voneinander.knowledge.models import ConsentState

OWN = {"slug": "alpha"}
OTHER = {"slug": "beta"}
UNKNOWN = {"slug": "gibt-es-nicht"}


def _request(world, *, other=False):
    if other:
        return ContactRequestFactory(
            network=world.other_network, municipality=world.other_membership.municipality
        )
    return ContactRequestFactory(
        network=world.network,
        requester=world.user("member"),
        municipality=world.membership.municipality,
    )


def own_request(world):
    return {"pk": _request(world).pk}


def other_request(world):
    return {"pk": _request(world, other=True).pk}


def introduced(world):
    introduction = IntroductionFactory(
        request=_request(world),
        contact=world.user("contact"),
        requester_consent=ConsentState.GIVEN,
        contact_consent=ConsentState.GIVEN,
        introduced_at=timezone.now(),
    )
    return {"pk": introduction.request_id, "introduction_pk": introduction.pk}


def introduction(world):
    introduction = IntroductionFactory(
        request=_request(world),
        contact=world.user("contact"),
        requester_consent=ConsentState.ASKED,
        contact_consent=ConsentState.ASKED,
    )
    return {"pk": introduction.pk}


def other_introduction(world):
    return {"pk": IntroductionFactory(request=_request(world, other=True)).pk}


def own_alliance(world):
    alliance = AllianceFactory(network=world.network)
    AlliancePartnerFactory(alliance=alliance, municipality=world.membership.municipality)
    return {"slug": alliance.slug}


def other_alliance(world):
    alliance = AllianceFactory(network=world.other_network)
    AlliancePartnerFactory(alliance=alliance, municipality=world.other_membership.municipality)
    return {"slug": alliance.slug}


ROWS: dict = {
    # Asking: members and coordinators of the network (and admins, as for every permission).
    "knowledge:brokering_ask": (OWN, "302 403 200 200 200 200"),
    "knowledge:brokering_ask[other]": (OTHER, "302 403 403 403 403 200"),
    "knowledge:brokering_ask[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "knowledge:brokering_inbox": (OWN, "302 403 403 403 200 200"),
    "knowledge:brokering_inbox[other]": (OTHER, "302 403 403 403 403 200"),
    "knowledge:brokering_inbox[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "knowledge:brokering_mine": ({}, "302 200 200 200 200 200"),
    "knowledge:brokering_request": (own_request, "302 404 200 404 200 200"),
    "knowledge:brokering_request[other]": (other_request, "302 404 404 404 404 200"),
    "knowledge:brokering_request[unknown]": ({"pk": 999999}, "302 404 404 404 404 404"),
    "knowledge:brokering_suggest": (own_request, "302 404 403 404 200 200"),
    "knowledge:brokering_suggest[other]": (other_request, "302 404 404 404 404 200"),
    # POST only: the rule is checked first, then the method.
    "knowledge:brokering_withdraw": (own_request, "302 404 405 404 403 405"),
    "knowledge:brokering_close": (own_request, "302 404 405 404 405 405"),
    "knowledge:brokering_close[other]": (other_request, "302 404 404 404 404 405"),
    "knowledge:brokering_outcome": (introduced, "302 404 200 404 200 200"),
    "knowledge:brokering_introduction": (introduction, "302 404 200 200 404 404"),
    "knowledge:brokering_introduction[other]": (other_introduction, "302 404 404 404 404 404"),
    # Alliances are public; coordinators create, partners (of Altstadt: "member") edit.
    "knowledge:alliances": ({}, "200 200 200 200 200 200"),
    "knowledge:alliance": (own_alliance, "200 200 200 200 200 200"),
    "knowledge:alliance[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "knowledge:alliance_create": (OWN, "302 403 403 403 200 200"),
    "knowledge:alliance_create[other]": (OTHER, "302 403 403 403 403 200"),
    "knowledge:alliance_edit": (own_alliance, "302 403 200 403 200 200"),
    "knowledge:alliance_edit[other]": (other_alliance, "302 403 403 403 403 200"),
    "knowledge:alliance_edit[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
}
