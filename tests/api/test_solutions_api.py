"""The solutions catalogue through the API: the site's visibility, permissions and services."""

import pytest

from tests.api.factories import ApiTokenFactory
from tests.knowledge.factories import AdoptionFactory, SoftwareFactory, SolutionFactory, topic
from voneinander.knowledge.models import (
    Solution,
    SolutionRevision,
    SolutionStatus,
    SolutionVisibility,
)

pytestmark = pytest.mark.django_db

SOLUTIONS = "/api/v1/solutions/"


def bearer(token):
    return {"Authorization": f"Bearer {token.raw}"}


def writer(user):
    return ApiTokenFactory(user=user, can_write=True)


def post(client, token, data):
    return client.post(SOLUTIONS, data, content_type="application/json", headers=bearer(token))


def patch(client, token, solution, data):
    return client.patch(
        f"{SOLUTIONS}{solution.slug}", data, content_type="application/json", headers=bearer(token)
    )


def fields_of(response) -> list[str]:
    return [detail["field"] for detail in response.json()["error"]["details"]]


@pytest.fixture
def catalogue(world):
    owner = world.membership.municipality
    public = SolutionFactory(
        title="Dorf-App",
        summary="Eine App für das Dorf.",
        network=world.network,
        owner=owner,
        topics=[topic("mobilitaet")],
    )
    internal = SolutionFactory(
        title="Interne Lösung",
        network=world.network,
        owner=owner,
        visibility=SolutionVisibility.NETWORK,
        status=SolutionStatus.PILOT,
    )
    other = SolutionFactory(
        title="Beta-Lösung",
        network=world.other_network,
        owner=world.other_membership.municipality,
        visibility=SolutionVisibility.NETWORK,
    )
    return public, internal, other


# --- Reading --------------------------------------------------------------------------------


def test_solution_list_anonymous_sees_public_solutions_only(client, catalogue):
    response = client.get(SOLUTIONS)

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Dorf-App"]


def test_solution_list_member_token_sees_its_networks_internal_solutions(client, world, catalogue):
    token = ApiTokenFactory(user=world.user("member"))

    response = client.get(SOLUTIONS, headers=bearer(token))

    assert [item["title"] for item in response.json()["items"]] == ["Dorf-App", "Interne Lösung"]


def test_solution_list_filters(client, world, catalogue):
    token = ApiTokenFactory(user=world.user("admin"))

    def titles(**params):
        response = client.get(SOLUTIONS, params, headers=bearer(token))
        assert response.status_code == 200
        return [item["title"] for item in response.json()["items"]]

    assert titles(topic="mobilitaet") == ["Dorf-App"]
    assert titles(status="pilot") == ["Interne Lösung"]
    assert titles(network="beta") == ["Beta-Lösung"]
    assert titles(q="dorf") == ["Dorf-App"]
    assert titles(network="gibt-es-nicht") == []
    assert titles(topic="gibt-es-nicht") == []


def test_solution_list_unknown_status_answers_422(client, db):
    response = client.get(SOLUTIONS, {"status": "fertig"})

    assert response.status_code == 422
    assert fields_of(response) == ["status"]


def test_solution_detail_has_topics_owner_software_and_adopters(client, catalogue):
    public = catalogue[0]
    SoftwareFactory(solution=public, name="Dorf-App Server")
    AdoptionFactory(solution=public)

    response = client.get(f"{SOLUTIONS}{public.slug}")

    data = response.json()
    assert response.status_code == 200
    assert data["topics"] == ["mobilitaet"]
    assert data["owner"]["name"] == "Altstadt"
    assert data["network"] == "alpha"
    assert data["adopters"] == 1
    assert [s["name"] for s in data["software"]] == ["Dorf-App Server"]
    assert data["url"] == "http://testserver" + public.get_absolute_url()


def test_solution_detail_members_only_is_404_anonymous_and_200_with_token(client, world, catalogue):
    internal = catalogue[1]

    assert client.get(f"{SOLUTIONS}{internal.slug}").status_code == 404
    member = ApiTokenFactory(user=world.user("member"))
    assert client.get(f"{SOLUTIONS}{internal.slug}", headers=bearer(member)).status_code == 200
    outsider = ApiTokenFactory(user=world.user("user"))
    assert client.get(f"{SOLUTIONS}{internal.slug}", headers=bearer(outsider)).status_code == 404


def test_solution_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            solution = SolutionFactory(
                network=world.network,
                owner=world.membership.municipality,
                topics=[topic("mobilitaet")],
            )
            AdoptionFactory(solution=solution)

    add(1)
    with django_assert_num_queries(2):  # the solutions, their topics
        assert len(client.get(SOLUTIONS).json()["items"]) == 1
    add(6)
    with django_assert_num_queries(2):
        assert len(client.get(SOLUTIONS).json()["items"]) == 7


# --- Creating -------------------------------------------------------------------------------

NEW = {"network": "alpha", "title": "Bürger-App", "summary": "Anliegen digital melden."}


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("user", 403),  # no member of the network
        ("member", 201),
        ("contact", 403),  # a contact person without a confirmed municipality has no owner
        ("coordinator", 201),
        ("admin", 201),
    ],
)
def test_create_solution_per_role(client, world, role, status):
    response = post(client, writer(world.user(role)), NEW)

    assert response.status_code == status
    assert Solution.objects.filter(title="Bürger-App").exists() == (status == 201)


def test_create_solution_without_a_token_is_401(client, world):
    client.force_login(world.user("member"))  # a browser session cannot write

    response = client.post(SOLUTIONS, NEW, content_type="application/json")

    assert response.status_code == 401
    assert not Solution.objects.exists()


def test_create_solution_with_a_read_only_token_is_403(client, world):
    response = post(client, ApiTokenFactory(user=world.user("member")), NEW)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "token_read_only"


def test_create_solution_saves_through_the_service_with_history(client, world):
    member = world.user("member")

    response = post(
        client,
        writer(member),
        {
            **NEW,
            "topics": ["mobilitaet"],
            "status": "pilot",
            "visibility": "network",
            "costs_one_off_min": 1000,
            "software": [{"name": "Mängelmelder", "licence": "EUPL-1.2", "is_open_source": True}],
        },
    )

    assert response.status_code == 201
    data = response.json()
    solution = Solution.objects.get(slug=data["slug"])
    assert solution.owner == world.membership.municipality
    assert solution.created_by == member
    assert data["topics"] == ["mobilitaet"]
    assert data["visibility"] == "network"
    assert [s["name"] for s in data["software"]] == ["Mängelmelder"]
    (revision,) = SolutionRevision.objects.filter(solution=solution)
    assert revision.author == member
    assert revision.changed["created"] == [None, "Bürger-App"]


def test_create_solution_refuses_bad_values_with_field_messages(client, world):
    token = writer(world.user("member"))

    response = post(
        client,
        token,
        {
            **NEW,
            "title": "   ",
            "topics": ["gibt-es-nicht"],
            "status": "discontinued",
            "website": "javascript:alert(1)",
            "costs_yearly_min": 500,
            "costs_yearly_max": 100,
            "software": [{"name": "", "website": "kein link"}],
        },
    )

    assert response.status_code == 422
    fields = set(fields_of(response))
    assert {"title", "topics", "website", "software.0.name", "software.0.website"} <= fields
    assert not Solution.objects.exists()


def test_create_solution_refuses_a_discontinued_one_without_reason(client, world):
    response = post(client, writer(world.user("member")), {**NEW, "status": "discontinued"})

    assert response.status_code == 422
    assert fields_of(response) == ["discontinued_reason"]


def test_create_solution_missing_title_is_422(client, world):
    response = post(client, writer(world.user("member")), {"network": "alpha"})

    assert response.status_code == 422
    # ninja's own validation names the fields as the form does: no `payload.` before them.
    assert sorted(fields_of(response)) == ["summary", "title"]
    assert {detail["location"] for detail in response.json()["error"]["details"]} == {"body"}


def test_create_solution_bad_nested_value_names_its_path(client, world):
    response = post(
        client, writer(world.user("member")), {**NEW, "software": [{"vendor": "Ohne Namen"}]}
    )

    assert response.status_code == 422
    assert fields_of(response) == ["software.0.name"]
    assert not Solution.objects.exists()


def test_create_solution_unknown_network_is_404(client, world):
    response = post(client, writer(world.user("member")), {**NEW, "network": "gibt-es-nicht"})

    assert response.status_code == 404


def test_create_solution_member_cannot_name_another_owner(client, world):
    response = post(
        client,
        writer(world.user("member")),
        {**NEW, "owner": world.other_membership.municipality_id},
    )

    # The form has no choice of owner for a member: their own municipality is taken.
    assert response.status_code == 201
    assert Solution.objects.get().owner == world.membership.municipality


# --- Updating -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("user", 403),
        ("member", 200),  # a person of the owning municipality
        ("contact", 403),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_update_solution_per_role(client, world, catalogue, role, status):
    public = catalogue[0]

    response = patch(client, writer(world.user(role)), public, {"title": "Dorf-App 2"})

    assert response.status_code == status
    public.refresh_from_db()
    assert (public.title == "Dorf-App 2") == (status == 200)


def test_update_solution_hidden_from_the_caller_is_404(client, world, catalogue):
    internal = catalogue[1]

    response = patch(client, writer(world.user("user")), internal, {"title": "Gekapert"})

    assert response.status_code == 404
    internal.refresh_from_db()
    assert internal.title == "Interne Lösung"


def test_update_solution_changes_only_what_is_sent_and_records_it(client, world, catalogue):
    public = catalogue[0]
    SoftwareFactory(solution=public, name="Dorf-App Server")
    member = world.user("member")

    response = patch(
        client,
        writer(member),
        public,
        {"status": "pilot", "costs_yearly_max": 900, "note": "Pilotphase begonnen"},
    )

    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "pilot"
    assert data["costs_yearly_max"] == 900
    assert data["title"] == "Dorf-App"
    assert data["topics"] == ["mobilitaet"]
    assert [s["name"] for s in data["software"]] == ["Dorf-App Server"]
    revision = SolutionRevision.objects.get(solution=public)
    assert revision.author == member
    assert revision.note == "Pilotphase begonnen"
    assert revision.changed == {"status": ["operation", "pilot"], "costs_yearly_max": [None, 900]}


def test_update_solution_replaces_topics_and_software(client, world, catalogue):
    public = catalogue[0]
    SoftwareFactory(solution=public, name="Alt")

    response = patch(
        client,
        writer(world.user("coordinator")),
        public,
        {"topics": [], "software": [{"name": "Neu", "website": "https://neu.example.org"}]},
    )

    assert response.status_code == 200
    assert response.json()["topics"] == []
    assert [s["name"] for s in response.json()["software"]] == ["Neu"]


def test_update_solution_bad_value_keeps_the_solution(client, world, catalogue):
    public = catalogue[0]

    response = patch(
        client, writer(world.user("member")), public, {"status": "discontinued", "title": "X"}
    )

    assert response.status_code == 422
    assert fields_of(response) == ["discontinued_reason"]
    public.refresh_from_db()
    assert (public.title, public.status) == ("Dorf-App", SolutionStatus.OPERATION)
    assert not SolutionRevision.objects.filter(solution=public).exists()
