"""The municipality search: the htmx listbox, the page without JavaScript, the profile field."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory
from voneinander.municipalities.models import MunicipalityKind
from voneinander.municipalities.selectors import exact_municipalities, search_municipalities

SEARCH = reverse("municipalities:search")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def registry(db):
    district = MunicipalityFactory(name="Donnersbergkreis", kind=MunicipalityKind.LANDKREIS)
    return {
        "vg": MunicipalityFactory(
            name="Göllheim", kind=MunicipalityKind.VERBANDSGEMEINDE, parent=district
        ),
        "village": MunicipalityFactory(
            name="Göllheim", kind=MunicipalityKind.ORTSGEMEINDE, ags="07333029"
        ),
        "city": MunicipalityFactory(
            name="Zweibrücken", kind=MunicipalityKind.KREISFREIE_STADT, ags="07320000"
        ),
        "other": MunicipalityFactory(name="Altgöllheimer Au", kind=MunicipalityKind.ORTSGEMEINDE),
    }


def test_search_ranks_exact_names_first(registry):
    result = list(search_municipalities("göllheim"))
    assert result[:2] == sorted([registry["vg"], registry["village"]], key=lambda m: m.pk)
    assert result[2] == registry["other"]


def test_search_by_key_spelt_out_umlauts_and_vg_prefix(registry):
    assert list(search_municipalities("07320")) == [registry["city"]]
    assert list(search_municipalities("Zweibruecken")) == [registry["city"]]
    assert list(search_municipalities("VG Göllheim")) == [registry["vg"]]
    assert exact_municipalities("VG Göllheim") == [registry["vg"]]


def test_search_limits_to_kinds(registry):
    result = list(search_municipalities("Göllheim", kinds=["verbandsgemeinde", "erfunden"]))
    assert result == [registry["vg"]]


def test_search_needs_two_characters(registry):
    assert list(search_municipalities("G")) == []


def test_search_fragment_for_htmx_is_an_accessible_listbox(world, client_as, registry):
    response = client_as(world.user("user")).get(
        SEARCH,
        {"apply-municipality": "Göllh", "field": "apply-municipality", "target": "id_x"},
        headers=HTMX,
    )
    page = response.content.decode()
    assert "<html" not in page
    assert page.count('role="option"') == 3
    assert f'id="id_x_option_{registry["vg"].pk}"' in page
    assert f'data-value="{registry["vg"].pk}"' in page
    assert 'data-label="VG Göllheim"' in page
    assert "Donnersbergkreis" in page  # tells the namesakes apart
    assert 'id="id_x_status" hx-swap-oob="innerHTML"' in page


def test_search_fragment_says_when_nothing_is_found(world, client_as, registry):
    page = (
        client_as(world.user("user"))
        .get(SEARCH, {"q": "Atlantis", "target": "id_x"}, headers=HTMX)
        .content.decode()
    )
    assert 'aria-disabled="true"' in page
    assert 'role="option"' in page


def test_search_fragment_ignores_unsafe_parameters(world, client_as, registry):
    page = (
        client_as(world.user("user"))
        .get(SEARCH, {"q": "Göllheim", "target": '"><script>'}, headers=HTMX)
        .content.decode()
    )
    assert "<script>" not in page
    assert 'id="municipality_status"' in page


def test_search_page_without_javascript(world, client_as, registry):
    response = client_as(world.user("user")).get(SEARCH, {"q": "Zweibrücken"})
    page = response.content.decode()
    assert "<html" in page
    assert 'name="q" value="Zweibrücken"' in page
    assert reverse("municipalities:detail", kwargs={"pk": registry["city"].pk}) in page


def test_search_for_anonymous_htmx_requests_redirects_to_login(client, registry):
    response = client.get(SEARCH, {"q": "Göllheim"}, headers=HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


@pytest.mark.parametrize("count", [1, 10])
def test_search_query_count_does_not_grow(world, client_as, django_assert_max_num_queries, count):
    for _ in range(count):
        MunicipalityFactory(name="Musterdorf")
    client = client_as(world.user("user"))
    with django_assert_max_num_queries(4):
        response = client.get(SEARCH, {"q": "Musterdorf"}, headers=HTMX)
    assert response.content.decode().count('role="option"') == count


# --- The profile's municipality field -------------------------------------------------------


def _profile(client, **fields):
    data = {"first_name": "M", "last_name": "M", "contact_visibility": "network", **fields}
    return client.post(reverse("accounts:profile"), data)


def test_profile_shows_the_search_field_with_the_current_municipality(world, client_as):
    member = world.user("member")
    page = client_as(member).get(reverse("accounts:profile")).content.decode()
    assert 'value="Altstadt"' in page
    assert f'name="municipality_pick" value="{member.municipality.pk}"' in page
    assert "municipalities/search.js" in page


def test_profile_keeping_the_municipality_keeps_the_confirmation(world, client_as):
    member = world.user("member")
    confirmed_at = member.municipality_confirmed_at
    response = _profile(
        client_as(member), municipality="Altstadt", municipality_pick=member.municipality.pk
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.municipality_confirmed_at == confirmed_at


def test_profile_changing_the_municipality_by_name_needs_a_new_confirmation(
    world, client_as, registry
):
    member = world.user("member")
    response = _profile(client_as(member), municipality="Zweibrücken")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.municipality == registry["city"]
    assert member.municipality_confirmed_at is None


def test_profile_ambiguous_municipality_offers_a_choice(world, client_as, registry):
    member = world.user("member")
    page = _profile(client_as(member), municipality="Göllheim").content.decode()
    assert f'name="municipality_choice" value="{registry["vg"].pk}"' in page
    assert f'name="municipality_choice" value="{registry["village"].pk}"' in page
    response = _profile(
        client_as(member), municipality="Göllheim", municipality_choice=registry["vg"].pk
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.municipality == registry["vg"]


def test_profile_empty_municipality_clears_it(world, client_as):
    user = world.user("user")
    user.municipality = world.membership.municipality
    user.municipality_confirmed_at = timezone.now()
    user.save()
    assert _profile(client_as(user), municipality="").status_code == 302
    user.refresh_from_db()
    assert user.municipality is None


def test_profile_stale_pick_does_not_override_new_text(world, client_as, registry):
    """Without JavaScript the hidden pick stays; the changed text decides."""
    member = world.user("member")
    _profile(
        client_as(member), municipality="Zweibrücken", municipality_pick=member.municipality.pk
    )
    member.refresh_from_db()
    assert member.municipality == registry["city"]
