"""Which responses a shared cache (nginx) may keep: only anonymous public pages."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from tests.events.factories import EventFactory
from tests.knowledge.factories import SolutionFactory
from tests.news.factories import news_in
from voneinander.core.caching import AnonymousCacheMiddleware, is_shareable


def _public_pages(world) -> list[str]:
    event = EventFactory(networks=[world.network])
    solution = SolutionFactory(network=world.network)
    news = news_in(world)
    return [
        "/",
        "/en/",
        "/netzwerke/",
        "/netzwerke/alpha/",
        solution.get_absolute_url(),
        "/aktuelles/",
        news.get_absolute_url(),
        "/veranstaltungen/",
        event.get_absolute_url(),
        "/mitglieder/",
        "/mitglieder/karte/?netzwerk=alpha",
        "/mitglieder/kennzahlen/alpha/",
    ]


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.django_db
def test_public_pages_anonymous_are_public_for_sixty_seconds(client, world):
    for url in _public_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _directives(response) == {"public", "max-age=60"}, url
        vary = {part.strip() for part in response["Vary"].split(",")}
        assert {"Cookie", "HX-Request"} <= vary and "Accept-Language" not in vary, url
        assert not response.cookies, url
        assert b"csrfmiddlewaretoken" not in response.content, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["user", "member", "coordinator", "admin"])
def test_public_pages_signed_in_are_private(client_as, world, role):
    user = world.user(role)
    client = client_as(user)
    for url in _public_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in _directives(response), url
        assert "public" not in _directives(response), url


@pytest.mark.django_db
def test_other_pages_anonymous_are_private(client, world):
    for url in ["/konto/login/", "/suche/?q=Alpha", "/impressum/", "/netzwerke/gibt-es-nicht/"]:
        response = client.get(url)
        assert "public" not in _directives(response), url
        assert "private" in _directives(response), url


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken"])
def test_anonymous_with_session_or_csrf_cookie_is_private(client, world, cookie):
    client.cookies[cookie] = "x" * 32
    response = client.get("/netzwerke/")
    assert response.status_code == 200
    assert "public" not in _directives(response)


@pytest.mark.django_db
def test_htmx_request_is_private(client, world):
    response = client.get("/netzwerke/", headers={"HX-Request": "true"})
    assert "public" not in _directives(response)


@pytest.mark.django_db
def test_api_token_request_is_private(client, world):
    response = client.get("/netzwerke/", headers={"Authorization": "Bearer x"})
    assert "public" not in _directives(response)


@pytest.mark.django_db
def test_cache_seconds_zero_turns_public_caching_off(client, world, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 0
    response = client.get("/netzwerke/")
    assert _directives(response) == {"private"}


@pytest.mark.django_db
def test_cache_seconds_setting_is_the_max_age(client, world, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 15
    response = client.get("/")
    assert _directives(response) == {"public", "max-age=15"}


def _anonymous_request(path="/"):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
def test_page_with_csrf_token_is_never_shared():
    html = '<form method="post"><input name="csrfmiddlewaretoken" value="abc"></form>'
    response = HttpResponse(html)
    assert not is_shareable(_anonymous_request(), response)
    assert is_shareable(_anonymous_request(), HttpResponse("<p>Hallo</p>"))


@pytest.mark.django_db
def test_response_setting_a_cookie_is_never_shared():
    response = HttpResponse("<p>Hallo</p>")
    response.set_cookie("anything", "1")
    assert not is_shareable(_anonymous_request(), response)


@pytest.mark.django_db
def test_view_that_sets_its_own_cache_control_keeps_it():
    def view(request):
        response = HttpResponse("<p>Hallo</p>")
        response["Cache-Control"] = "private, no-store"
        return response

    response = AnonymousCacheMiddleware(view)(_anonymous_request())
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_error_pages_are_not_public(client, world):
    response = client.get("/veranstaltungen/gibt-es-nicht/")
    assert response.status_code == 404
    assert "public" not in _directives(response)


@pytest.mark.django_db
def test_cached_anonymous_page_names_no_signed_in_person(client, world):
    """The anonymous version of a page a coordinator just saw holds nothing of theirs."""
    coordinator = world.user("coordinator")
    client.force_login(coordinator)
    signed_in = client.get("/netzwerke/alpha/").content.decode()
    assert "Manage network" in signed_in or "Netzwerk verwalten" in signed_in
    client.logout()
    client.cookies.clear()
    response = client.get("/netzwerke/alpha/")
    assert "public" in _directives(response)
    html = response.content.decode()
    assert coordinator.email not in html
    assert "csrfmiddlewaretoken" not in html
    assert "/verwalten/" not in html
