from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.knowledge.factories import SolutionFactory, topic
from voneinander.search.services import rebuild

URL = reverse("search:search")


def test_search_page_without_query_shows_the_form(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert b'role="search"' in response.content
    assert "results" not in response.context


def test_search_page_shows_highlighted_results_with_links(client, db):
    solution = SolutionFactory(title="Digitaler Bauhof", summary="Der Bauhof plant Touren.")
    rebuild()

    response = client.get(URL, {"q": "bauhof"})

    content = response.content.decode()
    assert f'href="{solution.get_absolute_url()}"' in content
    assert "Digitaler <mark>Bauhof</mark>" in content
    assert "<mark>Bauhof</mark> plant Touren" in content
    assert "1 Treffer" in content or "1 result" in content


def test_search_page_filters_by_checked_facets(client, db):
    mobility = topic("mobilitaet")
    SolutionFactory(title="Rufbus planen", topics=[mobility])
    SolutionFactory(title="Rufbus abrechnen")
    rebuild()

    response = client.get(URL, {"q": "Rufbus", "thema": mobility.slug})

    titles = [
        row.hit.title.replace("<mark>", "").replace("</mark>", "")
        for row in response.context["rows"]
    ]
    assert titles == ["Rufbus planen"]
    topic_group = next(g for g in response.context["facet_groups"] if g.name == "thema")
    assert [(o.value, o.count, o.checked) for o in topic_group.options] == [
        (mobility.slug, 1, True)
    ]
    assert f'value="{mobility.slug}" id="facet-thema-1" checked' in response.content.decode()


def test_unknown_filter_values_are_reported_and_ignored(client, db):
    SolutionFactory(title="Rufbus")
    rebuild()

    response = client.get(URL, {"q": "Rufbus", "netzwerk": "gibt-es-nicht", "art": "raumschiff"})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 1
    assert response.context["form"].errors.keys() == {"netzwerk", "art"}
    assert "gibt-es-nicht" in response.content.decode()


def test_too_long_query_is_reported(client, db):
    response = client.get(URL, {"q": "Wort " * 60})

    assert response.status_code == 200
    assert "q" in response.context["form"].errors
    assert "results" not in response.context


def test_no_results_page_helps(client, db):
    response = client.get(URL, {"q": "Raumschiff"})

    content = response.content.decode()
    assert response.context["results"].total == 0
    assert reverse("knowledge:who_has_done_this") in content
    assert reverse("account_login") in content


def test_search_page_links_to_further_pages(client, db):
    for number in range(25):
        SolutionFactory(title=f"Bauhof {number}")
    rebuild()

    first = client.get(URL, {"q": "Bauhof"})
    second = client.get(URL, {"q": "Bauhof", "seite": "2"})

    assert len(first.context["rows"]) == 20
    assert "seite=2" in first.content.decode()
    assert len(second.context["rows"]) == 5
    assert client.get(URL, {"q": "Bauhof", "seite": "x"}).status_code == 200


def test_search_page_query_count_does_not_grow_with_results(
    client, world, django_assert_num_queries
):
    SolutionFactory(title="Bauhof 0", network=world.network, topics=[topic("mobilitaet")])
    rebuild()
    client.force_login(world.user("member"))
    client.get(URL, {"q": "Bauhof"})
    with CaptureQueriesContext(connection) as one:
        client.get(URL, {"q": "Bauhof"})
    for number in range(1, 15):
        SolutionFactory(
            title=f"Bauhof {number}",
            network=world.network if number % 2 else world.other_network,
            topics=[topic("mobilitaet"), topic("bildung")],
        )
    rebuild()

    with django_assert_num_queries(len(one)):
        response = client.get(URL, {"q": "Bauhof"})
    assert len(response.context["rows"]) == 15
