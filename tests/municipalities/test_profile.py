import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ROLES, enable_totp
from tests.directory.factories import (
    AssociationFactory,
    DistrictFactory,
    LeftMembershipFactory,
    LocalMunicipalityFactory,
)
from tests.factories import (
    ContactPersonFactory,
    CoordinatorFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    UserFactory,
)
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import MembershipRole, NetworkCoordinator


def _page(client, municipality) -> str:
    response = client.get(municipality.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _main(page: str) -> str:
    """The page without header and footer (the header links every network)."""
    return page[page.index('<main id="main"') : page.index("</main>")]


def test_absolute_url_is_the_profile_page(db):
    municipality = MunicipalityFactory()
    assert municipality.get_absolute_url() == f"/kommunen/{municipality.pk}/"


def test_profile_shows_the_registry_facts(client, db):
    land = MunicipalityFactory(name="Rheinland-Pfalz", kind=MunicipalityKind.LAND)
    district = DistrictFactory(name="Donnersbergkreis", parent=land)
    association = AssociationFactory(name="Eisenberg (Pfalz)", parent=district)
    town = MunicipalityFactory(
        name="Eisenberg (Pfalz)",
        official_name="Eisenberg (Pfalz), Stadt",
        kind=MunicipalityKind.STADT,
        parent=association,
        ags="07333019",
        ars="073335008019",
        population=9412,
        area_km2=Decimal("24.25"),
        postcode="67304",
        website="https://www.eisenberg.de/",
    )

    page = _main(_page(client, town))

    assert '<h1 class="kern-heading-x-large">Eisenberg (Pfalz)</h1>' in page
    for text in (
        "Eisenberg (Pfalz), Stadt",
        str(MunicipalityKind.STADT.label),
        "07333019",
        "073335008019",
        "9.412",
        "24,25 km²",
        "67304",
    ):
        assert text in page
    assert '<a class="kern-link" href="https://www.eisenberg.de/" rel="external noopener' in page
    chain = re.search(r'<ol class="vn-chain">(.*?)</ol>', page, re.S).group(1)
    assert re.findall(r'href="(/kommunen/\d+/)">([^<]+)</a>', chain) == [
        (f"/kommunen/{land.pk}/", "Rheinland-Pfalz"),
        (f"/kommunen/{district.pk}/", "Donnersbergkreis"),
        (f"/kommunen/{association.pk}/", "VG Eisenberg (Pfalz)"),
    ]


def test_profile_without_optional_facts_shows_dashes(client, db):
    municipality = MunicipalityFactory(name="Kahl", population=None)
    page = _main(_page(client, municipality))
    assert "vn-chain" not in page
    assert "km²" not in page
    assert "<h1" in page


def test_website_that_is_not_a_web_address_is_not_linked(client, db):
    municipality = MunicipalityFactory(website="javascript:alert(1)")
    page = _page(client, municipality)
    assert "javascript:" not in page


def test_unknown_municipality_is_a_404(client, db):
    assert client.get("/kommunen/424242/").status_code == 404


def test_association_lists_its_municipalities_with_links(client, db):
    association = AssociationFactory(name="Göllheim")
    member = LocalMunicipalityFactory(name="Dreisen", parent=association, population=1234)
    LocalMunicipalityFactory(name="Albisheim", parent=association)
    MembershipFactory(municipality=member)
    LeftMembershipFactory(municipality__name="Andere", municipality__parent=association)

    page = _main(_page(client, association))

    rows = re.findall(
        r'<th class="kern-table__header" scope="row"><a class="kern-link" href="/kommunen/(\d+)/">'
        r"([^<]+)</a></th>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>",
        page,
    )
    assert [(name, population) for _pk, name, population, _in_network in rows] == [
        ("Albisheim", "800"),
        ("Andere", "12.000"),
        ("Dreisen", "1.234"),
    ]
    assert rows[2][0] == str(member.pk)
    assert rows[0][3] == rows[1][3] != rows[2][3]  # only Dreisen is an active member


def test_municipality_without_children_has_no_children_table(client, db):
    page = _main(_page(client, LocalMunicipalityFactory()))
    assert "children-heading" not in page


def test_profile_lists_active_and_past_memberships(client, db):
    municipality = MunicipalityFactory(name="Altstadt")
    alpha = NetworkFactory(name="Netzwerk Alpha", slug="alpha")
    beta = NetworkFactory(name="Netzwerk Beta", slug="beta")
    MembershipFactory(
        network=alpha,
        municipality=municipality,
        role=MembershipRole.MENTOR,
        member_since=datetime.date(2022, 3, 1),
        topic_focuses=["Open Data", "Bürgerservice"],
    )
    LeftMembershipFactory(
        network=beta,
        municipality=municipality,
        member_since=datetime.date(2018, 3, 1),
        left_on=datetime.date(2021, 6, 30),
    )

    page = _main(_page(client, municipality))

    current = page[page.index('id="networks-heading"') : page.index('id="past-heading"')]
    past = page[page.index('id="past-heading"') :]
    assert 'href="/netzwerke/alpha/">Netzwerk Alpha</a>' in current
    assert str(MembershipRole.MENTOR.label) in current
    assert '<time datetime="2022-03-01">01.03.2022</time>' in current
    assert "Open Data, Bürgerservice" in current
    assert "Netzwerk Beta" not in current
    assert 'href="/netzwerke/beta/">Netzwerk Beta</a>' in past
    assert '<time datetime="2018-03-01">' in past
    assert '<time datetime="2021-06-30">30.06.2021</time>' in past


def test_profile_of_a_non_member_says_so(client, db):
    page = _main(_page(client, MunicipalityFactory()))
    assert 'href="/netzwerke/"' in page
    assert "contacts-heading" not in page
    assert "past-heading" not in page


# --- Contact persons and who may see them ------------------------------------------


@pytest.fixture
def contacts(world):
    """Three contact persons of Altstadt in network Alpha, one per visibility.

    The world's own contact person (contact@example.org) shares with the network.
    """
    people = {}
    for number, visibility in enumerate(("public", "network", "nobody")):
        user = UserFactory(
            email=f"{visibility}-kontakt@example.org",
            first_name="Kontakt",
            last_name=visibility.capitalize(),
            phone=f"06131 {number}0{number}",
            contact_visibility=visibility,
        )
        ContactPersonFactory(membership=world.membership, user=user, is_primary=False)
        people[visibility] = user
    return people


# Which of the planted contacts each role may see (network Alpha).
VISIBLE = {
    "anonymous": {"public"},
    "user": {"public"},
    "member": {"public", "network"},
    "contact": {"public", "network"},
    "coordinator": {"public", "network", "nobody"},
    "admin": {"public", "network", "nobody"},
}


@pytest.mark.parametrize("role", ROLES)
def test_contact_persons_are_shown_as_their_visibility_allows(world, contacts, client_as, role):
    page = _main(_page(client_as(world.user(role)), world.membership.municipality))

    for visibility, person in contacts.items():
        shown = visibility in VISIBLE[role]
        assert (person.email in page) is shown, (role, visibility)
        assert (person.phone in page) is shown, (role, visibility)
        assert (f"Kontakt {person.last_name}" in page) is shown, (role, visibility)


def test_coordinator_of_another_network_sees_only_public_contacts(world, contacts, client_as):
    beta_coordinator = NetworkCoordinator.objects.get(network=world.other_network).user
    enable_totp(beta_coordinator)  # coordinators must use two-factor sign-in
    page = _main(_page(client_as(beta_coordinator), world.membership.municipality))

    assert contacts["public"].email in page
    assert contacts["network"].email not in page
    assert contacts["nobody"].email not in page
    assert "contact@example.org" not in page  # the world's contact shares with Alpha only


def test_member_of_a_network_does_not_see_contacts_shared_with_another_network(world, client_as):
    """Altstadt is in Alpha and Beta; a Beta member sees Beta's network contacts only."""
    MembershipFactory(network=world.other_network, municipality=world.membership.municipality)
    beta_member = UserFactory(
        municipality=world.other_membership.municipality,
        municipality_confirmed_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    page = _main(_page(client_as(beta_member), world.membership.municipality))

    assert "contact@example.org" not in page  # shared with Alpha's network only


def test_contacts_of_a_left_membership_are_never_shown(world, client_as):
    left = LeftMembershipFactory(network=world.other_network, municipality__name="Weg")
    ContactPersonFactory(
        membership=left, user__email="weg@example.org", user__contact_visibility="public"
    )

    page = _page(client_as(world.user("admin")), left.municipality)

    assert "weg@example.org" not in page


def test_inactive_people_are_not_shown(world, contacts, client_as):
    contacts["public"].is_active = False
    contacts["public"].save()
    page = _page(client_as(None), world.membership.municipality)
    assert contacts["public"].email not in page


def test_no_visible_contacts_is_said_without_revealing_any(world, client_as):
    page = _main(_page(client_as(None), world.membership.municipality))
    assert 'id="contacts-heading"' in page
    assert "contacts-caption" not in page
    assert "contact@example.org" not in page


# --- Queries ---------------------------------------------------------------


def _queries(client, municipality) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(municipality.get_absolute_url()).status_code == 200
    return len(queries)


def _grow(association, networks, start, count):
    for number in range(start, start + count):
        child = LocalMunicipalityFactory(parent=association, name=f"Ort {number}")
        MembershipFactory(network=networks[number % len(networks)], municipality=child)


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator"])
def test_profile_query_count_does_not_grow(world, client_as, role):
    client = client_as(world.user(role))
    association = AssociationFactory(parent=DistrictFactory())
    networks = [world.network, world.other_network]
    _grow(association, networks, 0, 1)
    MembershipFactory(network=world.network, municipality=association)
    one = _queries(client, association)

    _grow(association, networks, 1, 20)
    for _ in range(3):
        network = NetworkFactory()
        MembershipFactory(network=network, municipality=association)
        LeftMembershipFactory(network=NetworkFactory(), municipality=association)
        CoordinatorFactory(network=network)
    for membership in association.memberships.filter(status="active"):
        for visibility in ("public", "network", "nobody"):
            ContactPersonFactory(
                membership=membership, is_primary=False, user__contact_visibility=visibility
            )

    assert _queries(client, association) == one
