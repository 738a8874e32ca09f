"""Curation through the pages (feature, archive, merge) and the vocabulary of topics."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests.factories import CoordinatorFactory, MembershipFactory
from tests.knowledge.catalogue_factories import (
    SolutionFileFactory,
    internal_solution_in,
    solution_in,
)
from tests.knowledge.factories import AdoptionFactory, TopicFactory, topic
from voneinander.knowledge.models import Solution, Topic


def _de(message: str, **params) -> str:
    with translation.override("de"):
        return _(message) % params if params else _(message)


def _url(name, solution) -> str:
    return reverse(f"knowledge:{name}", kwargs={"slug": solution.slug})


# --- Feature and archive ---------------------------------------------------------------------


def test_coordinator_features_and_unfeatures(world, client_as):
    solution = solution_in(world)
    client = client_as(world.user("coordinator"))

    client.post(_url("solution_feature", solution), {"featured": "1"})
    solution.refresh_from_db()
    assert solution.featured is True
    page = client.get(_url("solution_curate", solution)).content.decode()
    assert 'name="featured" value="0"' in page

    client.post(_url("solution_feature", solution), {"featured": "0"})
    solution.refresh_from_db()
    assert solution.featured is False


def test_coordinator_archives_and_brings_back(world, client_as):
    solution = solution_in(world, title="Zum Archivieren")
    client = client_as(world.user("coordinator"))

    response = client.post(_url("solution_archive", solution), {"archive": "1"}, follow=True)
    solution.refresh_from_db()
    assert solution.archived_at is not None
    assert _de("This solution is archived.") not in response.content.decode()  # curate page
    listed = client_as(None).get(reverse("knowledge:catalogue")).content.decode()
    assert "Zum Archivieren" not in listed
    assert client_as(None).get(solution.get_absolute_url()).status_code == 404

    client = client_as(world.user("coordinator"))
    client.post(_url("solution_archive", solution), {"archive": "0"})
    solution.refresh_from_db()
    assert solution.archived_at is None


def test_member_may_not_curate_their_own_solution(world, client_as):
    solution = solution_in(world)

    response = client_as(world.user("member")).post(
        _url("solution_feature", solution), {"featured": "1"}
    )

    assert response.status_code == 403
    solution.refresh_from_db()
    assert solution.featured is False


# --- Merge ---------------------------------------------------------------------------------------


def test_merge_asks_for_confirmation_then_merges(world, client_as):
    into = solution_in(world, title="Dorf-App")
    owner = MembershipFactory(network=world.network, municipality__name="Bachdorf").municipality
    duplicate = solution_in(world, title="Dorf App doppelt", owner=owner)
    AdoptionFactory(solution=duplicate, municipality__name="Nutzerort")
    SolutionFileFactory(solution=duplicate)
    client = client_as(world.user("coordinator"))

    curate = client.get(_url("solution_curate", duplicate)).content.decode()
    assert f'<option value="{into.pk}">Dorf-App (Altstadt)</option>' in curate
    confirm = client.post(_url("solution_merge", duplicate), {"target": str(into.pk)})
    assert confirm.status_code == 200
    assert 'name="confirmed" value="1"' in confirm.content.decode()
    assert Solution.objects.get(pk=duplicate.pk).merged_into is None

    response = client.post(
        _url("solution_merge", duplicate), {"target": str(into.pk), "confirmed": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == into.get_absolute_url()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == into
    assert list(into.adoptions.values_list("municipality__name", flat=True)) == ["Nutzerort"]
    assert into.files.count() == 1
    assert list(into.partners.values_list("name", flat=True)) == ["Bachdorf"]
    assert client_as(None).get(duplicate.get_absolute_url())["Location"] == (
        into.get_absolute_url()
    )


def test_merge_into_a_solution_of_another_network_by_address(world, client_as):
    into = solution_in(world, network="beta", title="Rufbus Beta")
    duplicate = solution_in(world, title="Rufbus")
    coordinator = world.user("coordinator")
    CoordinatorFactory(network=world.other_network, user=coordinator)  # curates both
    client = client_as(coordinator)

    response = client.post(
        _url("solution_merge", duplicate),
        {"address": f"https://example.org{into.get_absolute_url()}", "confirmed": "1"},
    )

    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == into


def test_merge_into_another_network_needs_curating_the_target_too(world, client_as):
    into = solution_in(world, network="beta", title="Rufbus Beta")  # public: alpha sees it
    duplicate = internal_solution_in(world, title="Rufbus intern")
    SolutionFileFactory(solution=duplicate, title="Interner Fahrplan")
    client = client_as(world.user("coordinator"))

    response = client.post(
        _url("solution_merge", duplicate), {"address": into.slug, "confirmed": "1"}
    )

    assert response.status_code == 200
    assert (
        _de(
            "You can merge only into solutions of networks you coordinate; “%(title)s” is not.",
            title="Rufbus Beta",
        )
        in response.content.decode()
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert into.files.count() == 0
    assert not into.revisions.exists()


@pytest.mark.parametrize("target", ["public_same_network", "internal_other_network"])
def test_merge_of_an_internal_duplicate_where_more_people_look_is_refused(world, client_as, target):
    coordinator = world.user("coordinator")
    CoordinatorFactory(network=world.other_network, user=coordinator)
    if target == "public_same_network":
        into = solution_in(world, title="Dorf-App")
    else:
        into = internal_solution_in(world, network="beta", title="Dorf-App")
    duplicate = internal_solution_in(world, title="Geheime Dorf-App")
    client = client_as(coordinator)

    response = client.post(
        _url("solution_merge", duplicate), {"address": into.slug, "confirmed": "1"}
    )

    assert response.status_code == 200
    assert (
        _de(
            "“%(duplicate)s” is for members of its network only, but more people see "
            "“%(title)s”. Make the duplicate public first, or merge it into a solution of "
            "the same network that is for members only.",
            duplicate="Geheime Dorf-App",
            title="Dorf-App",
        )
        in response.content.decode()
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    history = client_as(None).get(_url("solution_history", into))
    assert "Geheime Dorf-App" not in history.content.decode()


def test_merge_of_an_internal_duplicate_from_the_list_is_refused_on_the_list(world, client_as):
    into = solution_in(world, title="Dorf-App")
    duplicate = internal_solution_in(world, title="Geheime Dorf-App")

    response = client_as(world.user("coordinator")).post(
        _url("solution_merge", duplicate), {"target": str(into.pk), "confirmed": "1"}
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert Solution.objects.get(pk=duplicate.pk).merged_into is None


def test_merge_of_an_internal_duplicate_into_an_internal_one_of_the_network(world, client_as):
    into = internal_solution_in(world, title="Dorf-App intern")
    duplicate = internal_solution_in(world, title="Dorf-App intern doppelt")

    response = client_as(world.user("coordinator")).post(
        _url("solution_merge", duplicate), {"target": str(into.pk), "confirmed": "1"}
    )

    assert response.status_code == 302
    assert Solution.objects.get(pk=duplicate.pk).merged_into == into


def test_merge_refuses_unknown_invisible_and_ambiguous_targets(world, client_as):
    duplicate = solution_in(world)
    other = solution_in(world)
    hidden = internal_solution_in(world, network="beta")
    client = client_as(world.user("coordinator"))

    unknown = client.post(_url("solution_merge", duplicate), {"address": "gibt-es-nicht"})
    invisible = client.post(_url("solution_merge", duplicate), {"address": hidden.slug})
    both = client.post(
        _url("solution_merge", duplicate), {"target": str(other.pk), "address": other.slug}
    )
    itself = client.post(_url("solution_merge", duplicate), {"address": duplicate.slug})

    for response in (unknown, invisible):
        assert response.status_code == 200
        assert (
            _de(
                "There is no solution you may see at the address “%(address)s”.",
                address="gibt-es-nicht" if response is unknown else hidden.slug,
            )
            in response.content.decode()
        )
    assert (
        _de("Please choose a solution from the list or enter an address (one of the two).")
        in both.content.decode()
    )
    assert _de("A solution cannot be merged into itself.") in itself.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_merge_needs_post(world, client_as):
    duplicate = solution_in(world)

    response = client_as(world.user("coordinator")).get(_url("solution_merge", duplicate))

    assert response.status_code == 405


# --- Topics --------------------------------------------------------------------------------------


def test_coordinator_adds_a_topic_that_forms_then_offer(world, client_as):
    client = client_as(world.user("coordinator"))

    response = client.post(
        reverse("knowledge:topics"), {"name": "Digitale Schule", "is_field": "on"}
    )

    created = Topic.objects.get(name="Digitale Schule")
    assert response.status_code == 302
    assert created.is_field is True and created.active is True
    form = client.get(reverse("knowledge:solution_create", kwargs={"network": "alpha"}))
    assert "Digitale Schule" in form.content.decode()


def test_adding_a_topic_twice_is_refused_with_a_message(world, client_as):
    response = client_as(world.user("coordinator")).post(
        reverse("knowledge:topics"), {"name": "MOBILITÄT"}
    )

    assert response.status_code == 200
    assert _de("There is already a topic with this name.") in response.content.decode()
    assert Topic.objects.filter(name__iexact="mobilität").count() == 1


def test_coordinator_renames_and_deactivates_a_topic(world, client_as):
    mobility = topic("mobilitaet")
    solution = solution_in(world, topics=[mobility])
    client = client_as(world.user("coordinator"))
    url = reverse("knowledge:topic_edit", kwargs={"pk": mobility.pk})

    page = client.get(url).content.decode()
    response = client.post(url, {"name": "Mobilität & Verkehr", "description": "Neu"})

    assert 'value="Mobilität"' in page
    assert response.status_code == 302
    mobility.refresh_from_db()
    assert (mobility.name, mobility.active, mobility.slug) == (
        "Mobilität & Verkehr",
        False,
        "mobilitaet",
    )
    catalogue = client_as(None).get(reverse("knowledge:catalogue")).content.decode()
    assert 'value="mobilitaet"' not in catalogue  # no longer offered as a filter
    detail = client_as(None).get(solution.get_absolute_url()).content.decode()
    assert "Mobilität &amp; Verkehr" in detail  # still on the solution


def test_topic_list_shows_usage_without_growing_queries(
    world, client_as, django_assert_max_num_queries
):
    client = client_as(world.user("coordinator"))
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("knowledge:topics"))
    for number in range(5):
        TopicFactory(name=f"Zusatz {number}")
        solution_in(world, topics=[topic("mobilitaet")])

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("knowledge:topics"))

    page = response.content.decode()
    assert "Zusatz 4" in page
    row = page[page.index(">Mobilität<") :]
    assert (
        '<td class="kern-table__cell kern-table__cell--numeric">5</td>' in row[: row.index("</tr>")]
    )
