"""Rows of the permission matrix (tests/test_access_matrix.py) for the API, API
tokens and open data.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).
API operations authenticate on their own (token or session); the rows show
what a signed-in browser session gets.
"""

from tests.api.factories import ApiTokenFactory, PublishedNewsFactory


def _municipality(world):
    return {"pk": world.membership.municipality_id}


def _published_news(world):
    return {"slug": PublishedNewsFactory(network=world.network).slug}


def _draft_news(world):
    return {"slug": PublishedNewsFactory(network=world.network, published_at=None).slug}


def _token(world):
    return {"pk": ApiTokenFactory(user=world.user("user")).pk}


# --- Events, registrations, solutions (API write helper) ---


def _event(world, **fields):
    from tests.events.factories import EventFactory

    return {"slug": EventFactory(networks=[world.network], **fields).slug}


def _members_event(world):
    return _event(world, visibility="members")


def _members_registration(world):
    from tests.events.factories import RegistrationFactory

    return {"pk": RegistrationFactory(user=world.user("member")).pk}


def _solution(world, **fields):
    from tests.knowledge.factories import SolutionFactory

    owner = world.membership.municipality
    return {"slug": SolutionFactory(network=world.network, owner=owner, **fields).slug}


def _internal_solution(world):
    return _solution(world, visibility="network")


ROWS: dict = {
    "api:openapi-json": ({}, "200 200 200 200 200 200"),
    "api:openapi-view": ({}, "200 200 200 200 200 200"),
    # API core (auth, read endpoints); drafts never appear in the API, not even for editors.
    "api:api-root": ({}, "200 200 200 200 200 200"),
    "api:network-list": ({}, "200 200 200 200 200 200"),
    "api:network-detail": ({"slug": "alpha"}, "200 200 200 200 200 200"),
    "api:network-detail[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "api:member-list": ({"slug": "alpha"}, "200 200 200 200 200 200"),
    "api:member-list[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "api:municipality-list": ({}, "200 200 200 200 200 200"),
    "api:municipality-detail": (_municipality, "200 200 200 200 200 200"),
    "api:municipality-detail[unknown]": ({"pk": 987654}, "404 404 404 404 404 404"),
    "api:news-list": ({}, "200 200 200 200 200 200"),
    "api:news-detail": (_published_news, "200 200 200 200 200 200"),
    "api:news-detail[draft]": (_draft_news, "404 404 404 404 404 404"),
    # Events: members-only ones only for members of the organising network (and organisers).
    "api:event-list": ({}, "200 200 200 200 200 200"),
    "api:event-detail": (_event, "200 200 200 200 200 200"),
    "api:event-detail[members]": (_members_event, "404 404 200 200 200 200"),
    "api:event-detail[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "api:event-sessions": (_event, "200 200 200 200 200 200"),
    "api:event-sessions[members]": (_members_event, "404 404 200 200 200 200"),
    # Own registrations (GET; writing needs a token): nobody else's, not even for admins.
    "api:registration-list": ({}, "401 200 200 200 200 200"),
    "api:registration-detail": (_members_registration, "401 404 200 404 404 404"),
    # Solutions: the catalogue's gate; internal ones for the network's members.
    "api:solution-list": ({}, "200 200 200 200 200 200"),
    "api:solution-detail": (_solution, "200 200 200 200 200 200"),
    "api:solution-detail[internal]": (_internal_solution, "404 404 200 200 200 200"),
    "api:solution-detail[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    # Open data: public, no personal data.
    "opendata:index": ({}, "200 200 200 200 200 200"),
    "opendata:members_csv": ({}, "200 200 200 200 200 200"),
    "opendata:members_json": ({}, "200 200 200 200 200 200"),
    "opendata:solutions_csv": ({}, "200 200 200 200 200 200"),
    "opendata:solutions_json": ({}, "200 200 200 200 200 200"),
    "api_tokens:list": ({}, "302 200 200 200 200 200"),
    # POST only: the rule is checked first, then the method.
    "api_tokens:revoke": (_token, "302 405 405 405 405 405"),
}
