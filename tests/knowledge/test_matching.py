"""match_challenge: text relevance with German stems, re-ranking, permissions, contacts."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.knowledge.factories import AdoptionFactory, SolutionFactory
from voneinander.knowledge.matching import match_challenge, similarity
from voneinander.knowledge.models import AdoptionStatus, SolutionVisibility
from voneinander.municipalities.models import MunicipalityKind
from voneinander.search.services import rebuild

ANONYMOUS = AnonymousUser()
CHALLENGE = "Ältere Menschen kommen ohne Bus nicht mehr zum Arzt in die Stadt."


def _slugs(matches) -> list[str]:
    return [match.solution.slug for match in matches]


def _bus_solutions(network):
    SolutionFactory(
        slug="mitfahrbank",
        network=network,
        title="Mitfahrbänke zwischen den Dörfern",
        summary="Wer auf der Bank sitzt, wird von Autofahrern in die Stadt mitgenommen.",
        problem="Seit der Busverkehr eingeschränkt wurde, kommen Ältere nicht mehr zum Arzt.",
    )
    SolutionFactory(
        slug="rufbus",
        network=network,
        title="Rufbus per App und Telefon",
        summary="Ein Bus, der nur fährt, wenn jemand ihn bestellt.",
    )
    SolutionFactory(
        slug="ratsinfo",
        network=network,
        title="Ratsinformationssystem",
        summary="Sitzungsunterlagen für den Gemeinderat digital.",
    )


def test_challenge_finds_solutions_by_word_forms_best_first(world):
    _bus_solutions(world.network)
    rebuild()

    matches = match_challenge(text=CHALLENGE, user=ANONYMOUS)

    assert _slugs(matches) == ["mitfahrbank", "rufbus"]
    assert matches[0].score > matches[1].score
    assert matches[0].relevance == 1.0


def test_empty_or_unrelated_challenge_finds_nothing(world):
    _bus_solutions(world.network)
    rebuild()

    assert match_challenge(text="   ", user=ANONYMOUS) == []
    assert match_challenge(text="Raumfahrt auf dem Mond", user=ANONYMOUS) == []


def test_members_only_and_archived_solutions_match_only_for_those_who_see_them(world):
    SolutionFactory(
        slug="intern",
        network=world.network,
        title="Rufbus intern",
        visibility=SolutionVisibility.NETWORK,
    )
    SolutionFactory(
        slug="archiv", network=world.network, title="Rufbus alt", archived_at=timezone.now()
    )
    rebuild()

    assert _slugs(match_challenge(text="Rufbus", user=ANONYMOUS)) == []
    assert _slugs(match_challenge(text="Rufbus", user=world.user("user"))) == []
    assert _slugs(match_challenge(text="Rufbus", user=world.user("member"))) == ["intern"]


def test_similar_municipality_and_reuse_lift_a_solution_with_reasons(world):
    district = MunicipalityFactory(name="Donnersbergkreis", kind=MunicipalityKind.LANDKREIS)
    asking = MunicipalityFactory(
        kind=MunicipalityKind.VERBANDSGEMEINDE, population=20000, parent=district
    )
    neighbour = MunicipalityFactory(
        name="Göllheim", kind=MunicipalityKind.VERBANDSGEMEINDE, population=12000, parent=district
    )
    city = MunicipalityFactory(
        name="Mainz", kind=MunicipalityKind.KREISFREIE_STADT, population=220000
    )
    MembershipFactory(network=world.network, municipality=neighbour)
    MembershipFactory(network=world.network, municipality=city)
    far = SolutionFactory(slug="mainz", network=world.network, owner=city, title="Rufbus Mainz")
    near = SolutionFactory(
        slug="goellheim", network=world.network, owner=neighbour, title="Rufbus Göllheim"
    )
    for _number in range(3):
        AdoptionFactory(solution=near, status=AdoptionStatus.IN_USE)
    AdoptionFactory(solution=far, status=AdoptionStatus.INTERESTED)
    rebuild()

    plain = match_challenge(text="Rufbus", user=ANONYMOUS)
    matches = match_challenge(text="Rufbus", user=ANONYMOUS, municipality=asking)

    assert plain[0].relevance == plain[1].relevance
    assert _slugs(matches) == ["goellheim", "mainz"]
    assert matches[0].similar == neighbour
    assert matches[0].reuse_count == 3
    assert matches[1].reuse_count == 0  # interest is not reuse
    reasons = " | ".join(matches[0].reasons)
    assert "Göllheim" in reasons
    assert "3" in reasons
    assert matches[0].municipalities[0] == neighbour
    assert len(matches[0].municipalities) == 4


def test_similarity_counts_kind_size_and_district():
    district = MunicipalityFactory.build(pk=1, kind=MunicipalityKind.LANDKREIS)
    a = MunicipalityFactory.build(
        pk=2, kind=MunicipalityKind.ORTSGEMEINDE, population=1000, parent=district
    )
    b = MunicipalityFactory.build(
        pk=3, kind=MunicipalityKind.ORTSGEMEINDE, population=800, parent=district
    )
    c = MunicipalityFactory.build(pk=4, kind=MunicipalityKind.KREISFREIE_STADT, population=100000)

    alike, unlike = similarity(a, b), similarity(a, c)

    assert (alike.same_kind, alike.similar_size, alike.same_district) == (True, True, True)
    assert round(alike.score, 2) == round((1 + 0.8 + 1) / 3, 2)
    assert (unlike.same_kind, unlike.similar_size, unlike.same_district) == (False, False, False)
    assert unlike.score < 0.01
    assert similarity(a, a).score == 0


def test_user_municipality_is_the_default_asking_one(world):
    SolutionFactory(slug="rufbus", network=world.network, title="Rufbus")
    rebuild()
    member = world.user("member")

    match = match_challenge(text="Rufbus", user=member)[0]

    assert match.similar is not None


def _contact(visibility, municipality):
    return UserFactory(
        contact_visibility=visibility,
        municipality=municipality,
        municipality_confirmed_at=timezone.now(),
        position="Digitallotse",
    )


def test_contacts_only_for_members_and_as_each_person_chose(world):
    owner = MembershipFactory(network=world.network).municipality
    adopter_membership = MembershipFactory(network=world.other_network)
    public = _contact("public", owner)
    hidden = _contact("nobody", adopter_membership.municipality)
    solution = SolutionFactory(
        slug="rufbus", network=world.network, owner=owner, title="Rufbus", contact=public
    )
    AdoptionFactory(solution=solution, municipality=adopter_membership.municipality, contact=hidden)
    rebuild()

    def contacts(user):
        return match_challenge(text="Rufbus", user=user)[0].contacts

    assert contacts(ANONYMOUS) == []
    assert contacts(world.user("user")) == []  # signed in, but no member
    assert contacts(world.user("member")) == [public]
    assert contacts(world.user("admin")) == [public, hidden]
    assert contacts(world.user("member"))[0].speaks_for == owner
