import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from voneinander.core.access import PUBLIC, access


@access(PUBLIC)
def _broken(request):
    raise RuntimeError("database exploded: secret details")


@access(PUBLIC)
def _fine(request):
    return HttpResponse("ok")


urlpatterns = [path("kaputt/", _broken), path("ok/", _fine)]


@pytest.mark.django_db
def test_unknown_page_is_the_german_404(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Seite nicht gefunden" in page
    assert '<html lang="de"' in page


@pytest.mark.django_db
def test_unknown_english_page_is_the_english_404(client):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_forbidden_page_is_the_german_403(world, client_as):
    response = client_as(world.user("user")).get("/verwaltung/protokoll/")
    assert response.status_code == 403
    assert "Zugriff verweigert" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_errors")
def test_server_error_shows_no_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/kaputt/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "secret details" not in page
    assert "Traceback" not in page
    assert "Es ist ein Fehler aufgetreten" in page
    assert "An error occurred" in page
