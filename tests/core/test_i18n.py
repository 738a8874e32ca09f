from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "voneinander" / "locale"


@pytest.mark.django_db
def test_german_is_the_default(client):
    page = client.get("/").content.decode()
    assert '<html lang="de"' in page
    assert "Anmelden" in page
    assert "Sign in" not in page


@pytest.mark.django_db
def test_english_lives_under_en(client):
    page = client.get("/en/").content.decode()
    assert '<html lang="en"' in page
    assert "Sign in" in page
    assert "Anmelden" not in page


@pytest.mark.django_db
def test_language_switch_links_to_the_same_page(client):
    german = client.get("/netzwerke/").content.decode()
    assert 'href="/en/netzwerke/"' in german
    english = client.get("/en/netzwerke/").content.decode()
    assert 'href="/netzwerke/"' in english


@pytest.mark.django_db
def test_switching_language_sets_no_cookie(client):
    response = client.get("/en/netzwerke/")
    assert response.cookies == {}


@pytest.mark.parametrize(
    "po_file", sorted(LOCALE.glob("de/LC_MESSAGES/*.po")), ids=lambda p: p.name
)
def test_german_catalogue_is_complete(po_file):
    catalogue = polib.pofile(str(po_file))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_there_is_a_german_catalogue():
    assert (LOCALE / "de" / "LC_MESSAGES" / "django.po").exists()


def test_form_errors_follow_the_language(world, client_as):
    client = client_as(world.user("user"))
    data = {"first_name": "A", "last_name": "B", "phone": "nope", "contact_visibility": "public"}
    german = client.post("/konto/profil/", data).content.decode()
    assert "Bitte geben Sie eine Telefonnummer" in german
    english = client.post("/en/konto/profil/", data).content.decode()
    assert "Please enter a phone number" in english
