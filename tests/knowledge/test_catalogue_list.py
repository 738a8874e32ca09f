"""The catalogue list: what each role sees, filters, order, htmx, query counts."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.knowledge.catalogue_factories import internal_solution_in, solution_in
from tests.knowledge.factories import AdoptionFactory, SolutionFactory, topic
from voneinander.knowledge.models import AdoptionStatus, Solution, SolutionStatus
from voneinander.municipalities.models import MunicipalityKind

URL = reverse("knowledge:catalogue")


def _titles(response) -> list[str]:
    return re.findall(
        r'<a class="kern-link kern-link--stretched" href="/praxisbeispiele/[^/]+/">([^<]+)</a>',
        response.content.decode(),
    )


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


# --- Who sees what -------------------------------------------------------------------------


@pytest.fixture
def planted(world):
    """Public and network-internal solutions in both networks, one archived, one merged."""
    public = solution_in(world, title="A Öffentlich Alpha")
    solution_in(world, title="B Intern Alpha", visibility="network")
    solution_in(world, network="beta", title="C Öffentlich Beta")
    internal_solution_in(world, network="beta", title="D Intern Beta")
    solution_in(world, title="E Archiviert", archived_at=timezone.now())
    solution_in(world, title="F Zusammengeführt", merged_into=public)
    return public


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["A Öffentlich Alpha", "C Öffentlich Beta"]),
        ("user", ["A Öffentlich Alpha", "C Öffentlich Beta"]),
        ("member", ["A Öffentlich Alpha", "B Intern Alpha", "C Öffentlich Beta"]),
        ("contact", ["A Öffentlich Alpha", "B Intern Alpha", "C Öffentlich Beta"]),
        ("coordinator", ["A Öffentlich Alpha", "B Intern Alpha", "C Öffentlich Beta"]),
        (
            "admin",
            ["A Öffentlich Alpha", "B Intern Alpha", "C Öffentlich Beta", "D Intern Beta"],
        ),
    ],
)
def test_catalogue_lists_what_the_role_may_see(world, client_as, planted, role, expected):
    response = _get(client_as(world.user(role)))

    assert _titles(response) == expected
    assert "Zusammengeführt" not in response.content.decode()


def test_catalogue_never_shows_the_planted_internal_solution_to_outsiders(
    world, client_as, planted
):
    for role in ("anonymous", "user"):
        page = _get(client_as(world.user(role)), suche="Intern").content.decode()
        assert "Intern Alpha" not in page and "Intern Beta" not in page
    beta_member = UserFactory(
        municipality=world.other_membership.municipality, municipality_confirmed_at=timezone.now()
    )
    response = _get(client_as(beta_member))
    assert _titles(response) == ["A Öffentlich Alpha", "C Öffentlich Beta", "D Intern Beta"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        # The member sees Altstadt's archived solution, the coordinator alpha's; merged
        # duplicates are never listed.
        ("member", ["A Öffentlich Alpha", "B Intern Alpha", "C Öffentlich Beta", "E Archiviert"]),
        (
            "coordinator",
            [
                "A Öffentlich Alpha",
                "B Intern Alpha",
                "C Öffentlich Beta",
                "E Archiviert",
            ],
        ),
    ],
)
def test_catalogue_shows_archived_solutions_on_request(world, client_as, planted, role, expected):
    response = _get(client_as(world.user(role)), archiviert="1")

    assert _titles(response) == expected


def test_catalogue_offers_archived_solutions_only_to_curators_and_owners(world, client_as):
    solution_in(world, title="Archiviert", archived_at=timezone.now())

    anonymous = _get(client_as(None), archiviert="1")
    user = _get(client_as(world.user("user")), archiviert="1")

    assert 'name="archiviert"' not in anonymous.content.decode()
    assert 'name="archiviert"' not in user.content.decode()
    assert _titles(anonymous) == _titles(user) == []


# --- Filters and order -------------------------------------------------------------------


def test_catalogue_filters_by_topic_status_network_kind_population_and_text(world, client):
    village = MembershipFactory(
        network=world.network,
        municipality__name="Kleindorf",
        municipality__kind=MunicipalityKind.ORTSGEMEINDE,
        municipality__population=800,
    ).municipality
    solution_in(
        world,
        title="Mitfahrbank",
        owner=village,
        topics=[topic("mobilitaet")],
        status=SolutionStatus.PILOT,
        summary="Bänke zum Mitfahren",
    )
    solution_in(world, title="Dorf-App", topics=[topic("kommunikation")])
    solution_in(world, network="beta", title="Rufbus", topics=[topic("mobilitaet")])

    assert _titles(_get(client, thema="mobilitaet")) == ["Mitfahrbank", "Rufbus"]
    assert _titles(_get(client, status="pilot")) == ["Mitfahrbank"]
    assert _titles(_get(client, netzwerk="beta")) == ["Rufbus"]
    assert _titles(_get(client, art="ortsgemeinde")) == ["Mitfahrbank"]
    assert _titles(_get(client, einwohner="unter-1000")) == ["Mitfahrbank"]
    assert _titles(_get(client, einwohner="5000-19999")) == ["Dorf-App", "Rufbus"]
    assert _titles(_get(client, suche="mitfahren")) == ["Mitfahrbank"]
    assert _titles(_get(client, suche="APP")) == ["Dorf-App"]
    assert _titles(_get(client, thema="mobilitaet", netzwerk="alpha")) == ["Mitfahrbank"]


def test_catalogue_reports_and_ignores_an_invalid_filter(world, client):
    solution_in(world, title="Dorf-App")
    solution_in(world, network="beta", title="Rufbus")

    response = _get(client, thema="gibt-es-nicht", netzwerk="beta")

    assert _titles(response) == ["Rufbus"]
    with translation.override("de"):
        expected = _("There is no topic with the address “%(value)s”.") % {"value": "gibt-es-nicht"}
    assert expected in response.content.decode()


def test_catalogue_puts_featured_first_then_sorts(world, client):
    old = solution_in(world, title="Alt", featured=False)
    new = solution_in(world, title="Neu")
    star = solution_in(world, title="Zuletzt hervorgehoben", featured=True)
    Solution.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    Solution.objects.filter(pk=star.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=5)
    )
    for _number in range(2):
        AdoptionFactory(solution=old)
    AdoptionFactory(solution=new, status=AdoptionStatus.IN_USE)
    # Interest alone is not reuse.
    AdoptionFactory(solution=new, status=AdoptionStatus.INTERESTED)
    AdoptionFactory(solution=new, status=AdoptionStatus.INTERESTED)

    assert _titles(_get(client)) == ["Zuletzt hervorgehoben", "Alt", "Neu"]
    assert _titles(_get(client, sortierung="neueste")) == ["Zuletzt hervorgehoben", "Neu", "Alt"]
    assert _titles(_get(client, sortierung="meistgenutzt")) == [
        "Zuletzt hervorgehoben",
        "Alt",
        "Neu",
    ]


def test_catalogue_card_shows_owner_status_topics_and_reuse_count(world, client):
    solution = solution_in(
        world, title="Dorf-App", topics=[topic("kommunikation"), topic("ehrenamt")]
    )
    AdoptionFactory(solution=solution)
    AdoptionFactory(solution=solution)

    page = _get(client).content.decode()

    card = page[page.index("Dorf-App") :]
    card = card[: card.index("</article>")]
    assert "Altstadt" in card
    assert "Kommunikation" in card and "Ehrenamt" in card
    with translation.override("de"):
        assert str(SolutionStatus.OPERATION.label) in card
        reused = ngettext(
            "Reused by %(counter)s municipality", "Reused by %(counter)s municipalities", 2
        ) % {"counter": 2}
    assert reused in card


def test_catalogue_paginates(world, client):
    for number in range(23):
        solution_in(world, title=f"Lösung {number:02d}")

    first = _get(client)
    second = _get(client, seite=2)

    assert len(_titles(first)) == 20
    assert _titles(second) == ["Lösung 20", "Lösung 21", "Lösung 22"]
    assert "seite=2" in first.content.decode()


# --- htmx ----------------------------------------------------------------------------------


def test_catalogue_answers_htmx_with_the_results_only(world, client):
    solution_in(world, title="Dorf-App")

    response = client.get(
        URL,
        {"suche": "Dorf"},
        headers={"HX-Request": "true", "HX-Target": "catalogue-results"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page and 'id="results-heading"' in page
    assert _titles(response) == ["Dorf-App"]
    assert "HX-Request" in response["Vary"] and "HX-Target" in response["Vary"]


def test_catalogue_history_restore_gets_the_whole_page(world, client):
    response = client.get(
        URL,
        headers={
            "HX-Request": "true",
            "HX-Target": "catalogue-results",
            "HX-History-Restore-Request": "true",
        },
    )

    assert "<html" in response.content.decode()


def test_catalogue_filter_form_works_without_javascript(world, client):
    page = _get(client).content.decode()

    assert f'<form method="get" action="{URL}"' in page
    assert 'hx-push-url="true"' in page


# --- Queries ----------------------------------------------------------------------------------


def _many(world, count):
    for number in range(count):
        solution = SolutionFactory(
            network=world.network if number % 2 else world.other_network,
            owner=MunicipalityFactory(),
            topics=[topic("mobilitaet"), topic("ehrenamt")],
        )
        AdoptionFactory(solution=solution)


@pytest.mark.parametrize("role", ["anonymous", "member", "admin"])
def test_catalogue_query_count_does_not_grow_with_the_rows(
    world, client_as, django_assert_max_num_queries, role
):
    client = client_as(world.user(role))
    _many(world, 1)
    with django_assert_max_num_queries(50) as one:
        _get(client)
    _many(world, 29)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = _get(client)

    assert len(_titles(response)) == 20
