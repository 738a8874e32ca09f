import datetime

import pytest
from django.utils import timezone

from tests.api.factories import ApiTokenFactory, PublishedNewsFactory
from tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
)
from voneinander.knowledge.models import Topic

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"Authorization": f"Bearer {ApiTokenFactory(user=user).raw}"}


def _contacts(world):
    """One contact person per visibility choice for alpha's member Altstadt."""
    people = {}
    for visibility in ("public", "network", "nobody"):
        people[visibility] = ContactPersonFactory(
            membership=world.membership,
            is_primary=False,
            user__email=f"{visibility}@altstadt.example",
            user__contact_visibility=visibility,
        ).user
    return people


def _emails(response):
    assert response.status_code == 200, response.content
    return {
        contact["email"] for member in response.json()["items"] for contact in member["contacts"]
    }


# --- networks -------------------------------------------------------------------------


def test_networks_list_gives_public_fields_and_page_url(client, world):
    response = client.get("/api/v1/networks/")

    items = response.json()["items"]
    assert [item["slug"] for item in items] == ["alpha", "beta"]
    assert items[0]["member_count"] == 1
    assert items[0]["url"] == "http://testserver/netzwerke/alpha/"
    assert items[0]["members_url"] == "http://testserver/api/v1/networks/alpha/members"


def test_networks_list_filters_by_name(client, world):
    response = client.get("/api/v1/networks/", {"q": "beta"})

    assert [item["slug"] for item in response.json()["items"]] == ["beta"]


def test_networks_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/networks/")
    NetworkFactory.create_batch(8)
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/networks/").json()["items"]) == 10


def test_network_detail(client, world):
    body = client.get("/api/v1/networks/alpha").json()

    assert body["name"] == "Netzwerk Alpha"
    assert body["short_name"] == "Alpha"


# --- members: contact persons only as each person allows -------------------------------


def test_members_anonymous_sees_only_public_contacts(client, world):
    _contacts(world)

    response = client.get("/api/v1/networks/alpha/members")

    assert _emails(response) == {"public@altstadt.example"}
    member = response.json()["items"][0]
    assert member["municipality"]["name"] == "Altstadt"
    assert member["status"] == "active"
    assert member["role"] == "member"


def test_members_token_of_member_sees_network_contacts(client, world):
    _contacts(world)

    response = client.get("/api/v1/networks/alpha/members", headers=bearer(world.user("member")))

    assert _emails(response) == {
        "public@altstadt.example",
        "network@altstadt.example",
        "contact@example.org",
    }


def test_members_session_of_coordinator_sees_all_contacts(client, world):
    _contacts(world)
    client.force_login(world.user("coordinator"))

    response = client.get("/api/v1/networks/alpha/members")

    assert "nobody@altstadt.example" in _emails(response)


def test_members_private_contacts_never_reach_outsiders(client, world):
    _contacts(world)

    for headers in ({}, bearer(world.user("user"))):
        emails = _emails(client.get("/api/v1/networks/alpha/members", headers=headers))
        assert "nobody@altstadt.example" not in emails
        assert "network@altstadt.example" not in emails


def test_members_of_other_network_token_sees_only_public(client, world):
    _contacts(world)
    beta_coordinator = world.other_network.coordinators.get()

    response = client.get("/api/v1/networks/alpha/members", headers=bearer(beta_coordinator))

    assert _emails(response) == {"public@altstadt.example"}


def test_members_left_members_only_when_asked(client, world):
    MembershipFactory(
        network=world.network,
        municipality__name="Zeltingen",
        status="left",
        left_on=datetime.date(2024, 1, 1),
    )

    active = client.get("/api/v1/networks/alpha/members").json()["items"]
    left = client.get("/api/v1/networks/alpha/members", {"status": "left"}).json()["items"]
    both = client.get("/api/v1/networks/alpha/members", {"status": "all"}).json()["items"]

    assert [m["municipality"]["name"] for m in active] == ["Altstadt"]
    assert [(m["municipality"]["name"], m["contacts"]) for m in left] == [("Zeltingen", [])]
    assert [(m["municipality"]["name"], m["status"]) for m in both] == [
        ("Altstadt", "active"),
        ("Zeltingen", "left"),
    ]


def test_members_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.user("member"))
    url = "/api/v1/networks/alpha/members"
    with django_assert_max_num_queries(9):
        client.get(url)
    for _ in range(6):
        membership = MembershipFactory(network=world.network)
        ContactPersonFactory(membership=membership, user__contact_visibility="public")

    with django_assert_max_num_queries(9):
        assert len(client.get(url).json()["items"]) == 7


# --- municipalities -------------------------------------------------------------------


def test_municipalities_filter_by_kind_key_district_and_name(client, world):
    district = MunicipalityFactory(name="Kreis Süd", kind="landkreis")
    vg = MunicipalityFactory(name="VG Tal", kind="verbandsgemeinde", parent=district)
    village = MunicipalityFactory(name="Talheim", kind="ortsgemeinde", parent=vg, ags="07123001")
    MunicipalityFactory(name="Bergheim", kind="ortsgemeinde")

    def names(**params):
        return [m["name"] for m in client.get("/api/v1/municipalities/", params).json()["items"]]

    assert names(kind="ortsgemeinde") == ["Bergheim", "Talheim"]
    assert names(key="07123001") == ["Talheim"]
    assert names(district=district.pk) == ["Kreis Süd", "Talheim", "VG Tal"]
    assert names(q="talh") == ["Talheim"]
    assert names(member="true") == ["Altstadt", "Bergdorf"]
    detail = client.get(f"/api/v1/municipalities/{village.pk}").json()
    assert (detail["district"], detail["parent"]) == (district.pk, vg.pk)


def test_municipality_detail_lists_active_memberships(client, world):
    pk = world.membership.municipality_id

    body = client.get(f"/api/v1/municipalities/{pk}").json()

    assert [m["network"] for m in body["memberships"]] == ["alpha"]
    assert body["url"] == f"http://testserver/kommunen/{pk}/"


def test_municipalities_query_count_does_not_grow(client, db, django_assert_max_num_queries):
    MunicipalityFactory()
    with django_assert_max_num_queries(2):
        client.get("/api/v1/municipalities/")
    MunicipalityFactory.create_batch(10)
    with django_assert_max_num_queries(2):
        assert len(client.get("/api/v1/municipalities/").json()["items"]) == 11


# --- news -----------------------------------------------------------------------------


def test_news_lists_published_only_newest_first(client, world):
    now = timezone.now()
    older = PublishedNewsFactory(network=world.network, published_at=now - datetime.timedelta(2))
    newer = PublishedNewsFactory(published_at=now - datetime.timedelta(1))
    PublishedNewsFactory(network=world.network, published_at=None)  # draft
    PublishedNewsFactory(published_at=now + datetime.timedelta(1))  # scheduled

    client.force_login(world.user("coordinator"))  # an editor of alpha's drafts
    items = client.get("/api/v1/news/").json()["items"]

    assert [item["slug"] for item in items] == [newer.slug, older.slug]
    assert items[0]["network"] is None
    assert items[1]["network"] == "alpha"


def test_news_filters_by_network_topic_and_platform(client, world):
    topic = Topic.objects.order_by("pk").first()
    tagged = PublishedNewsFactory(network=world.network)
    tagged.topics.add(topic)
    platform = PublishedNewsFactory()
    PublishedNewsFactory(network=world.other_network)

    def slugs(**params):
        return [n["slug"] for n in client.get("/api/v1/news/", params).json()["items"]]

    assert slugs(network="alpha") == [tagged.slug]
    assert slugs(topic=topic.slug) == [tagged.slug]
    assert slugs(platform="true") == [platform.slug]
    assert client.get(f"/api/v1/news/{tagged.slug}").json()["topics"] == [topic.slug]


def test_news_draft_detail_is_404_even_for_coordinator(client, world):
    draft = PublishedNewsFactory(network=world.network, published_at=None)
    client.force_login(world.user("coordinator"))

    assert client.get(f"/api/v1/news/{draft.slug}").status_code == 404


def test_news_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    topics = list(Topic.objects.all()[:2])
    PublishedNewsFactory(network=world.network).topics.add(*topics)
    with django_assert_max_num_queries(3):
        client.get("/api/v1/news/")
    for _ in range(6):
        PublishedNewsFactory(network=world.other_network).topics.add(*topics)
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/news/").json()["items"]) == 7


def test_api_index_links_docs_and_schema(client, db):
    body = client.get("/api/").json()

    assert body["docs"] == "http://testserver/api/docs"
    assert body["openapi"] == "http://testserver/api/openapi.json"
    assert body["endpoints"] == {
        name: f"http://testserver/api/v1/{name}/"
        for name in (
            "networks",
            "municipalities",
            "news",
            "events",
            "registrations",
            "solutions",
        )
    }
