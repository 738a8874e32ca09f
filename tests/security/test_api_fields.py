"""API: who sees contact data, and that clients cannot set what they may not.

Field access: contact persons choose who sees them (public / the network's
members / nobody but the network's coordinators). The members endpoint is the
only one that returns contact details; every other read endpoint is scanned for
the planted addresses and numbers, too.

Mass assignment: the write schemas forbid unknown fields (`extra="forbid"`), so
a field that cannot be written through the API (featured, network, created_by,
merged_into, ids, dates, a registration's status …) is answered with 422 naming
the field, and nothing of the request is saved. Silently ignoring it (ninja's
default) would tell the client "200, done" for a change that never happened.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.test import Client
from django.utils import timezone

from tests.api.factories import ApiTokenFactory
from tests.conftest import enable_totp
from tests.events.factories import EventFactory, SessionFactory, SpeakerFactory
from tests.factories import (
    ContactPersonFactory,
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
)
from voneinander.accounts.models import ContactVisibility
from voneinander.api.routers.events import RegistrationIn
from voneinander.api.routers.solutions import SolutionCreateIn, SolutionUpdateIn
from voneinander.events.models import Registration
from voneinander.knowledge import services as knowledge_services
from voneinander.knowledge.models import Solution

pytestmark = [pytest.mark.django_db, pytest.mark.trust("API field access")]

SOLUTIONS = "/api/v1/solutions/"
REGISTRATIONS = "/api/v1/registrations/"
PUBLIC = ("public@example.org", "+49 6131 100")
NETWORK = ("network-only@example.org", "+49 6131 200")
NOBODY = ("nobody-else@example.org", "+49 6131 300")


def _bearer(user, *, write=False) -> dict:
    token = ApiTokenFactory(user=user, can_write=write)
    return {"Authorization": f"Bearer {token.raw}"}


@pytest.fixture
def contacts(world):
    """Three member municipalities of alpha, each with a contact person of one visibility."""
    for (email, phone), visibility in (
        (PUBLIC, ContactVisibility.PUBLIC),
        (NETWORK, ContactVisibility.NETWORK),
        (NOBODY, ContactVisibility.NOBODY),
    ):
        ContactPersonFactory(
            membership=MembershipFactory(network=world.network, municipality__name=visibility),
            user__email=email,
            user__phone=phone,
            user__position="Digitallotse",
            user__contact_visibility=visibility,
        )
    # The secret one also appears elsewhere: as a speaker.
    hidden = type(world.user("member")).objects.get(email=NOBODY[0])
    event = EventFactory(networks=[world.network], title="Offenes Treffen")
    SpeakerFactory(session=SessionFactory(event=event), user=hidden, name="Referentin")
    return hidden


def _callers(world):
    beta_member = UserFactory(
        municipality=world.other_membership.municipality,
        municipality_confirmed_at=timezone.now(),
    )
    beta_coordinator = CoordinatorFactory(network=world.other_network).user
    enable_totp(beta_coordinator)  # else its session is sent to set up MFA first
    return {
        "anonymous": None,
        "user": world.user("user"),
        "member_of_other_network": beta_member,
        "coordinator_of_other_network": beta_coordinator,
        "member": world.user("member"),
        "contact": world.user("contact"),
        "coordinator": world.user("coordinator"),
        "admin": world.user("admin"),
    }


EXPECTED = {
    "anonymous": {PUBLIC},
    "user": {PUBLIC},
    "member_of_other_network": {PUBLIC},
    "coordinator_of_other_network": {PUBLIC},
    "member": {PUBLIC, NETWORK},
    "contact": {PUBLIC, NETWORK},
    "coordinator": {PUBLIC, NETWORK, NOBODY},
    "admin": {PUBLIC, NETWORK, NOBODY},
}


def test_member_contacts_only_as_each_person_allows(world, contacts):
    planted = {PUBLIC, NETWORK, NOBODY}
    for role, caller in _callers(world).items():
        for how in ("token", "session"):
            client, headers = Client(), {}
            if caller is not None and how == "token":
                headers = _bearer(caller)
            elif caller is not None:
                client.force_login(caller)

            response = client.get("/api/v1/networks/alpha/members?status=all", headers=headers)

            assert response.status_code == 200
            shown = {
                (contact["email"], contact["phone"])
                for item in response.json()["items"]
                for contact in item["contacts"]
            } & planted
            assert shown == EXPECTED[role], (role, how)
            for email, phone in planted - EXPECTED[role]:
                assert email not in response.content.decode(), (role, how)
                assert phone not in response.content.decode(), (role, how)


def _read_urls(world) -> list[str]:
    solution = Solution.objects.filter(network=world.network).first()
    event = world.network.events.first()
    urls = [
        "/api/",
        "/api/v1/networks/",
        "/api/v1/networks/alpha",
        "/api/v1/municipalities/",
        f"/api/v1/municipalities/{world.membership.municipality.pk}",
        "/api/v1/news/",
        "/api/v1/events/",
        f"/api/v1/events/{event.slug}",
        f"/api/v1/events/{event.slug}/sessions",
        SOLUTIONS,
        REGISTRATIONS,
    ]
    if solution is not None:
        urls.append(f"{SOLUTIONS}{solution.slug}")
    return urls


def test_no_endpoint_leaks_hidden_contact_data(world, contacts, record_property):
    hidden_person = contacts
    callers = _callers(world)
    checked = 0
    for role in ("anonymous", "user", "member_of_other_network", "member", "contact"):
        caller = callers[role]
        headers = _bearer(caller) if caller is not None else {}
        secrets = list(NOBODY) if role in ("member", "contact") else [*NOBODY, *NETWORK]
        for url in _read_urls(world):
            response = Client().get(url, headers=headers)
            if caller is None and url == REGISTRATIONS:
                assert response.status_code == 401
                continue
            assert response.status_code == 200, (role, url, response.content[:300])
            body = response.content.decode()
            checked += 1
            for secret in [*secrets, hidden_person.email]:
                assert secret not in body, (role, url, secret)
    assert checked >= 50
    record_property("pages", checked)


# --- Mass assignment ------------------------------------------------------------------------


def _value_for(field) -> object:
    """A plausible JSON value for a model field a client might try to set."""
    if isinstance(field, models.ManyToManyField):
        return [1]
    if isinstance(field, models.ForeignKey):
        return 1
    if isinstance(field, models.BooleanField):
        return True
    if isinstance(field, models.DateTimeField):
        return "2001-01-01T00:00:00Z"
    if isinstance(field, models.DateField):
        return "2001-01-01"
    if isinstance(field, models.IntegerField | models.AutoField | models.BigAutoField):
        return 999
    if isinstance(field, models.JSONField):
        return {"x": "y"}
    return "geaendert"


def _not_writable(model, schema) -> list[tuple[str, object]]:
    writable = set(schema.model_fields)
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    tried = []
    for field in fields:
        if field.name in writable:
            continue
        tried.append((field.name, _value_for(field)))
        if isinstance(field, models.ForeignKey):
            tried.append((field.attname, _value_for(field)))
    return tried


def _row(obj) -> dict:
    obj.refresh_from_db()
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for m2m in obj._meta.many_to_many:
        values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return values


@pytest.fixture
def solution(world):
    return knowledge_services.create_solution(
        by=world.user("member"),
        network=world.network,
        owner=world.membership.municipality,
        data={"title": "Dorf-App", "summary": "Eine App für das Dorf."},
    )


def test_patch_refuses_every_field_that_is_not_writable(world, solution):
    headers = _bearer(world.user("member"), write=True)
    before = _row(solution)
    tried = _not_writable(Solution, SolutionUpdateIn)
    assert {"featured", "network", "created_by", "merged_into", "id", "created_at"} <= {
        name for name, _ in tried
    }
    for name, value in tried:
        response = Client().patch(
            f"{SOLUTIONS}{solution.slug}",
            {name: value, "title": "Gekapert"},
            content_type="application/json",
            headers=headers,
        )

        assert response.status_code == 422, (name, response.content[:300])
        details = response.json()["error"]["details"]
        assert [(d["field"], d["code"]) for d in details] == [(name, "extra_forbidden")]
        assert _row(solution) == before, name


def test_post_refuses_every_field_that_is_not_writable(world):
    headers = _bearer(world.user("member"), write=True)
    base = {"network": "alpha", "title": "Neue App", "summary": "Kurz."}
    for name, value in _not_writable(Solution, SolutionCreateIn):
        response = Client().post(
            SOLUTIONS, {**base, name: value}, content_type="application/json", headers=headers
        )

        assert response.status_code == 422, (name, response.content[:300])
        assert not Solution.objects.exists(), name
    # The same request without the extra field works.
    response = Client().post(SOLUTIONS, base, content_type="application/json", headers=headers)
    assert response.status_code == 201
    assert Solution.objects.get().featured is False


def test_patch_cannot_move_a_solution_to_another_owner_than_ones_own(world, solution):
    before = _row(solution)

    response = Client().patch(
        f"{SOLUTIONS}{solution.slug}",
        {"owner": world.other_membership.municipality.pk},
        content_type="application/json",
        headers=_bearer(world.user("member"), write=True),
    )

    # `owner` is writable for coordinators only; for others the form has no owner
    # field, so the value is ignored (200, the body shows the unchanged owner).
    assert response.status_code in (200, 422)
    assert response.json().get("owner", {}).get("id", solution.owner_id) == solution.owner_id
    assert _row(solution) == before


def test_registration_refuses_status_user_and_dates(world):
    event = EventFactory(
        networks=[world.network],
        registration_enabled=True,
        capacity=1,
        requires_approval=True,
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=2),
    )
    other = world.user("contact")
    headers = _bearer(world.user("member"), write=True)
    tried = _not_writable(Registration, RegistrationIn)
    assert {"status", "user", "checked_in_at", "created_at"} <= {name for name, _ in tried}
    for name, value in [*tried, ("user", other.pk), ("status", "confirmed")]:
        response = Client().post(
            REGISTRATIONS,
            {"event": event.slug, name: value},
            content_type="application/json",
            headers=headers,
        )

        assert response.status_code == 422, (name, response.content[:300])
        assert not Registration.objects.exists(), name
