from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.knowledge.factories import SolutionFactory
from voneinander.search.services import rebuild

URL = reverse("knowledge:who_has_done_this")


def test_matching_page_without_challenge_shows_the_form(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["matches"] is None
    assert b'name="herausforderung"' in response.content


def test_matching_page_lists_matches_and_asks_anonymous_people_to_sign_in(client, world):
    solution = SolutionFactory(
        network=world.network,
        title="Rufbus per App",
        contact=UserFactory(contact_visibility="public"),
    )
    rebuild()

    response = client.get(URL, {"herausforderung": "Wir brauchen einen Rufbus."})

    content = response.content.decode()
    assert [m.solution for m in response.context["matches"]] == [solution]
    assert f'href="{solution.get_absolute_url()}"' in content
    assert reverse("account_login") in content
    assert "mailto:" not in content


def test_members_see_contacts_and_where_to_ask(client, world):
    person = UserFactory(contact_visibility="public", email="rufbus@example.org")
    SolutionFactory(network=world.network, title="Rufbus per App", contact=person)
    rebuild()
    client.force_login(world.user("member"))

    response = client.get(URL, {"herausforderung": "Wir brauchen einen Rufbus."})

    content = response.content.decode()
    assert "mailto:rufbus@example.org" in content
    assert reverse("knowledge:brokering_ask", kwargs={"slug": world.network.slug}) in content


def test_empty_challenge_gets_a_message(client, db):
    response = client.get(URL, {"herausforderung": "   "})

    assert response.status_code == 200
    assert response.context["matches"] is None
    assert response.context["form"].errors["herausforderung"]


def test_too_long_challenge_gets_a_message(client, db):
    response = client.get(URL, {"herausforderung": "Wort " * 1100})

    assert response.context["form"].errors["herausforderung"]


def test_unknown_municipality_gets_a_message(client, db):
    response = client.get(URL, {"herausforderung": "Rufbus", "kommune": "Atlantis"})

    assert response.context["form"].errors["kommune"]
    assert response.context["matches"] is None


def test_members_municipality_is_preselected(client, world):
    member = world.user("member")
    member.municipality_confirmed_at = timezone.now()
    client.force_login(member)

    response = client.get(URL)

    assert response.context["form"].initial["kommune"] == member.municipality
