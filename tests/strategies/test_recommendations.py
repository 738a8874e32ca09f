"""Recommendations per Handlungsfeld: what municipalities like the strategy's own run."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.knowledge.factories import AdoptionFactory, SolutionFactory, topic
from tests.strategies.factories import field, strategy_of
from voneinander.accounts.models import ContactVisibility
from voneinander.knowledge.models import AdoptionStatus, SolutionStatus, SolutionVisibility
from voneinander.municipalities.models import MunicipalityKind
from voneinander.strategies.models import Measure
from voneinander.strategies.recommendations import recommend, recommend_for_fields


@pytest.fixture
def strategy(world):
    municipality = world.membership.municipality  # a Stadt of 12,000
    return strategy_of(municipality, lead=world.user("member"))


def _member(world, **municipality):
    return MembershipFactory(
        network=world.network, **{f"municipality__{k}": v for k, v in municipality.items()}
    ).municipality


def _solution(world, owner, *, slug="mobilitaet", **extra):
    return SolutionFactory(network=world.network, owner=owner, topics=[topic(slug)], **extra)


def test_recommend_puts_solutions_of_similar_municipalities_first(strategy, world):
    city = _member(
        world, name="Großstadt", kind=MunicipalityKind.KREISFREIE_STADT, population=200000
    )
    town = _member(world, name="Kleinstadt", kind=MunicipalityKind.STADT, population=11000)
    far = _solution(world, city, title="Aaa Rufbus der Großstadt")
    near = _solution(world, town, title="Zzz Mitfahrbank")

    found = recommend(strategy=strategy, field=field("mobilitaet"), user=world.user("member"))

    assert [r.solution for r in found] == [near, far]
    assert found[0].alike == [town]
    assert found[0].reasons[0].startswith("1 ")


def test_recommend_counts_adopters_that_use_it(strategy, world):
    owner = _member(world, kind=MunicipalityKind.KREISFREIE_STADT, population=200000)
    solution = _solution(world, owner)
    users = [_member(world, kind=MunicipalityKind.STADT, population=10000 + n) for n in range(3)]
    for municipality in users:
        AdoptionFactory(solution=solution, municipality=municipality)
    AdoptionFactory(
        solution=solution,
        municipality=_member(world, kind=MunicipalityKind.STADT, population=12000),
        status=AdoptionStatus.INTERESTED,
    )

    [found] = recommend(strategy=strategy, field=field("mobilitaet"), user=world.user("member"))

    assert set(found.alike) == set(users)
    assert len(found.runners) == 4  # the owner and three that use it


def test_recommend_leaves_out_what_nobody_runs_and_what_is_ones_own(strategy, world):
    town = _member(world)
    _solution(world, town, status=SolutionStatus.IDEA)  # nobody runs an idea
    _solution(world, world.membership.municipality)  # the strategy's own
    used = _solution(world, town)
    AdoptionFactory(solution=used, municipality=world.membership.municipality)
    _solution(world, town, slug="bildung")  # another field

    found = recommend(strategy=strategy, field=field("mobilitaet"), user=world.user("member"))

    assert found == []


def test_recommend_hides_solutions_the_person_may_not_see(strategy, world):
    beta = MembershipFactory(network=world.other_network).municipality
    SolutionFactory(
        network=world.other_network,
        owner=beta,
        topics=[topic("mobilitaet")],
        visibility=SolutionVisibility.NETWORK,
    )

    found = recommend(strategy=strategy, field=field("mobilitaet"), user=world.user("member"))

    assert found == []


def test_recommend_contacts_as_each_person_allows(strategy, world):
    town = _member(world)
    visible = UserFactory(contact_visibility=ContactVisibility.NETWORK)
    hidden = UserFactory(contact_visibility=ContactVisibility.NOBODY)
    solution = _solution(world, town, contact=visible)
    AdoptionFactory(solution=solution, municipality=_member(world), contact=hidden)

    [found] = recommend(strategy=strategy, field=field("mobilitaet"), user=world.user("member"))
    [for_outsider] = recommend(strategy=strategy, field=field("mobilitaet"), user=UserFactory())

    assert found.contacts == [visible]
    assert for_outsider.contacts == []


def _catalogue(world, count):
    for n in range(count):
        owner = _member(world, population=5000 + n)
        solution = _solution(
            world, owner, slug=["mobilitaet", "bildung"][n % 2], contact=UserFactory()
        )
        AdoptionFactory(solution=solution, municipality=_member(world), contact=UserFactory())


def test_recommend_queries_do_not_grow_with_the_catalogue(
    strategy, world, django_assert_max_num_queries
):
    fields = [field("mobilitaet"), field("bildung")]
    user = world.user("member")
    _catalogue(world, 1)
    recommend_for_fields(strategy=strategy, fields=fields, user=user)  # warm the role cache
    with django_assert_max_num_queries(30) as few:
        recommend_for_fields(strategy=strategy, fields=fields, user=user)
    _catalogue(world, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        found = recommend_for_fields(strategy=strategy, fields=fields, user=user)
    assert len(found[fields[0].pk]) == 5


def test_measures_page_queries_do_not_grow_with_the_catalogue(
    client_as, strategy, world, django_assert_max_num_queries
):
    strategy.fields.set([field("mobilitaet"), field("bildung")])
    client = client_as(world.user("member"))
    url = reverse("strategies:measures", kwargs={"pk": strategy.pk})
    _catalogue(world, 1)
    client.get(url)
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    _catalogue(world, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert [len(g.recommendations) for g in response.context["groups"]] == [3, 3]


def test_recommendations_page_shows_reasons_and_contacts(client_as, strategy, world):
    town = _member(world, name="Kleinstadt", population=11000)
    person = UserFactory(
        first_name="Rita", last_name="Ruf", contact_visibility=ContactVisibility.NETWORK
    )
    _solution(world, town, title="Mitfahrbank", contact=person)
    url = reverse(
        "strategies:recommendations", kwargs={"pk": strategy.pk, "field_slug": "mobilitaet"}
    )

    content = client_as(world.user("member")).get(url).content.decode()

    assert "Mitfahrbank" in content
    assert "Kleinstadt" in content
    assert person.email in content
    assert (
        reverse(
            "strategies:recommendation_adopt",
            kwargs={"pk": strategy.pk, "field_slug": "mobilitaet"},
        )
        in content
    )


def test_recommendation_adopt_creates_linked_measure(client_as, strategy, world):
    solution = _solution(world, _member(world), title="Mitfahrbank mit App")
    url = reverse(
        "strategies:recommendation_adopt", kwargs={"pk": strategy.pk, "field_slug": "mobilitaet"}
    )

    response = client_as(world.user("member")).post(url, {"loesung": solution.pk})

    measure = Measure.objects.get(strategy=strategy)
    assert response["Location"] == reverse(
        "strategies:measure_edit", kwargs={"pk": strategy.pk, "measure_pk": measure.pk}
    )
    assert (measure.title, measure.field) == ("Mitfahrbank mit App", field("mobilitaet"))
    assert list(measure.solutions.all()) == [solution]
    [again] = recommend(strategy=strategy, field=field("mobilitaet"), user=world.user("member"))
    assert again.in_workbook


def test_recommendation_adopt_refuses_invisible_solution(client_as, strategy, world):
    hidden = SolutionFactory(
        network=world.other_network,
        owner=MembershipFactory(network=world.other_network).municipality,
        visibility=SolutionVisibility.NETWORK,
    )
    url = reverse(
        "strategies:recommendation_adopt", kwargs={"pk": strategy.pk, "field_slug": "mobilitaet"}
    )

    client_as(world.user("member")).post(url, {"loesung": hidden.pk})

    assert not Measure.objects.exists()
