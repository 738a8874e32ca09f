"""Nothing is found by someone who may not see it: private content planted for every role.

Each planted object carries the word "Zauberwort"; the expected finders per role
come from the apps' own rules, and the search must agree with their selectors.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.conftest import ROLES
from tests.events.factories import EventFactory, SessionFactory
from tests.knowledge.factories import SolutionFactory
from tests.questions.factories import QuestionFactory
from tests.workinggroups.factories import (
    DocumentFactory,
    DocumentVersionFactory,
    GroupMemberFactory,
    WorkingGroupFactory,
)
from voneinander.events.models import Visibility
from voneinander.events.selectors import events_visible_to
from voneinander.knowledge.models import SolutionVisibility
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.questions.selectors import questions_visible_to
from voneinander.search.backends import get_backend
from voneinander.search.services import rebuild
from voneinander.workinggroups.selectors import space_visible_to

WORD = "Zauberwort"

# title → roles that find it (anonymous, user, member, contact, coordinator, admin)
EXPECTED = {
    "Öffentliches Praxisbeispiel": set(ROLES),
    "Internes Praxisbeispiel Alpha": {"member", "contact", "coordinator", "admin"},
    "Internes Praxisbeispiel Beta": {"admin"},
    "Archiviertes Praxisbeispiel": set(),
    "Mitgliedertreffen Alpha": {"member", "contact", "coordinator", "admin"},
    "Workshop im Mitgliedertreffen": {"member", "contact", "coordinator", "admin"},
    "Treffen nur mit Einladung": {"user", "coordinator", "admin"},
    "Sitzung der privaten Arbeitsgruppe": {"member", "admin"},
    "Geheimes Protokoll": {"member"},
    "Offenes Protokoll": set(ROLES),
    "Frage im Netzwerk Alpha": {"member", "contact", "coordinator", "admin"},
}


def _plant(world):
    alpha, beta = world.network, world.other_network
    SolutionFactory(title="Öffentliches Praxisbeispiel", network=alpha, summary=WORD)
    SolutionFactory(
        title="Internes Praxisbeispiel Alpha",
        network=alpha,
        summary=WORD,
        visibility=SolutionVisibility.NETWORK,
    )
    SolutionFactory(
        title="Internes Praxisbeispiel Beta",
        network=beta,
        summary=WORD,
        visibility=SolutionVisibility.NETWORK,
    )
    SolutionFactory(
        title="Archiviertes Praxisbeispiel", network=alpha, summary=WORD, archived_at=timezone.now()
    )
    members_event = EventFactory(
        title="Mitgliedertreffen Alpha",
        networks=[alpha],
        visibility=Visibility.MEMBERS,
        description=WORD,
    )
    SessionFactory(event=members_event, title="Workshop im Mitgliedertreffen", description=WORD)
    EventFactory(
        title="Treffen nur mit Einladung",
        networks=[alpha],
        visibility=Visibility.INVITED,
        invited=[world.user("user")],
        description=WORD,
    )
    private = WorkingGroupFactory(network=alpha, is_private=True, lead=world.user("member"))
    EventFactory(
        title="Sitzung der privaten Arbeitsgruppe",
        networks=[alpha],
        visibility=Visibility.PUBLIC,
        working_group=private,
        description=WORD,
        # Still named from when they led the group: no member, so they must not find it.
        organisers=[world.user("contact")],
    )
    DocumentVersionFactory(
        document=DocumentFactory(group=private, title="Geheimes Protokoll"), text=WORD
    )
    public_group = WorkingGroupFactory(network=alpha, is_private=False)
    DocumentVersionFactory(
        document=DocumentFactory(group=public_group, title="Offenes Protokoll"), text=WORD
    )
    QuestionFactory(network=alpha, title="Frage im Netzwerk Alpha", text=WORD)
    rebuild()


def _found(user, **filters) -> set[str]:
    results = get_backend().query(WORD, user or AnonymousUser(), page_size=100, **filters)
    assert results.total == len(results.hits)
    return {str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in results.hits}


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_exactly_what_the_role_may_see(world, role):
    _plant(world)

    found = _found(world.user(role))

    assert found == {title for title, roles in EXPECTED.items() if role in roles}


@pytest.mark.parametrize("role", ROLES)
def test_search_agrees_with_the_apps_selectors(world, role):
    _plant(world)
    user = world.user(role) or AnonymousUser()
    visible = (
        set(solutions_visible_to(user).filter(summary=WORD).values_list("title", flat=True))
        | set(events_visible_to(user).filter(description=WORD).values_list("title", flat=True))
        | set(questions_visible_to(user).filter(text=WORD).values_list("title", flat=True))
    )
    groups = space_visible_to(user)
    visible |= {
        title
        for title, group_id in DocumentFactory._meta.model.objects.values_list("title", "group_id")
        if groups.filter(pk=group_id).exists()
    }

    found = _found(world.user(role)) - {"Workshop im Mitgliedertreffen"}

    assert found == visible


@pytest.mark.parametrize("role", ROLES)
def test_facet_counts_count_only_what_the_role_may_see(world, role):
    _plant(world)
    expected = sum(1 for roles in EXPECTED.values() if role in roles)

    results = get_backend().query(WORD, world.user(role) or AnonymousUser())

    assert sum(results.facets["kind"].values()) == expected
    assert results.total == expected


def test_private_group_member_who_left_the_network_no_longer_finds_its_documents(world):
    _plant(world)
    member = world.user("member")
    world.membership.status = "left"
    world.membership.save()

    assert "Geheimes Protokoll" not in _found(type(member).objects.get(pk=member.pk))


def test_group_member_who_left_the_group_no_longer_finds_its_documents(world):
    _plant(world)
    outsider = world.user("contact")
    GroupMemberFactory(
        group=DocumentFactory._meta.model.objects.get(title="Geheimes Protokoll").group,
        user=outsider,
        status="left",
    )

    assert "Geheimes Protokoll" not in _found(outsider)
