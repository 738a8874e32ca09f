"""The privacy statement tells people about the self-service export and deletion."""

import importlib

import pytest
from django.apps import apps

from voneinander.pages.models import Page

update = importlib.import_module("voneinander.pages.migrations.0004_pages_privacy_self_service")


@pytest.mark.django_db
def test_privacy_statement_as_seeded_names_export_and_deletion(client):
    body = client.get("/datenschutz/").content.decode()

    assert "Konto löschen" in body
    assert "Meine Daten herunterladen" in body
    assert "löschen lassen" not in body


@pytest.mark.django_db
def test_privacy_statement_update_replaces_only_the_seeded_sentences():
    page = Page.objects.get(kind="privacy")
    page.body = f"Eigener Text.\n\n{update.OLD_DELETION}\n{update.OLD_RIGHTS}"
    page.save()

    update.update(apps, None)
    update.update(apps, None)  # a second run changes nothing more

    page.refresh_from_db()
    assert page.body == f"Eigener Text.\n\n{update.NEW_DELETION}\n{update.NEW_RIGHTS}"
