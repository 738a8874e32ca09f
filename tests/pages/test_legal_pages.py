import importlib

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.urls import reverse

from tests.pages.factories import PageFactory
from voneinander.pages.models import Page, PageKind

LEGAL_URLS = {
    PageKind.IMPRINT: "/impressum/",
    PageKind.PRIVACY: "/datenschutz/",
    PageKind.ACCESSIBILITY: "/barrierefreiheit/",
}


def test_legal_page_urls_keep_their_addresses():
    assert reverse("core:imprint") == LEGAL_URLS[PageKind.IMPRINT]
    assert reverse("core:privacy") == LEGAL_URLS[PageKind.PRIVACY]
    assert reverse("core:accessibility") == LEGAL_URLS[PageKind.ACCESSIBILITY]


def test_data_migration_seeds_the_three_legal_pages_with_the_operator(db):
    Page.objects.all().delete()
    migration = importlib.import_module("voneinander.pages.migrations.0002_pages_seed_legal")

    migration.seed_legal_pages(django_apps, None)
    migration.seed_legal_pages(django_apps, None)  # a second run adds nothing

    pages = {page.kind: page for page in Page.objects.all()}
    assert sorted(pages) == ["accessibility", "imprint", "privacy"]
    assert {page.network for page in pages.values()} == {None}
    assert pages["imprint"].title == "Impressum"
    assert pages["imprint"].slug == "impressum"
    assert settings.OPERATOR_NAME in pages["imprint"].body
    assert "§ 5 Digitale-Dienste-Gesetz" in pages["imprint"].body
    assert "Art. 77 DSGVO" in pages["privacy"].body
    assert "Schlichtungsstelle" in pages["accessibility"].body
    assert f"<{settings.ACCESSIBILITY_CONTACT_EMAIL}>" in pages["accessibility"].body


def test_seeding_never_overwrites_an_edited_legal_page(legal_pages):
    imprint = legal_pages["imprint"]
    imprint.body = "Geänderter Text"
    imprint.save()
    migration = importlib.import_module("voneinander.pages.migrations.0002_pages_seed_legal")

    migration.seed_legal_pages(django_apps, None)

    imprint.refresh_from_db()
    assert imprint.body == "Geänderter Text"


@pytest.mark.parametrize("kind", list(LEGAL_URLS))
def test_legal_pages_render_from_the_database(client, legal_pages, kind):
    page = legal_pages[kind]
    page.title = f"Titel {kind}"
    page.body = f"## Abschnitt {kind}\n\nText aus der **Datenbank**."
    page.save()

    response = client.get(LEGAL_URLS[kind])

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="kern-heading-x-large">Titel {kind}</h1>' in html
    assert f"<h2>Abschnitt {kind}</h2>" in html
    assert "Text aus der <strong>Datenbank</strong>." in html


def test_seeded_imprint_renders_the_operator_address_as_links(client, legal_pages):
    html = client.get("/impressum/").content.decode()

    assert "<h2>Anbieter</h2>" in html
    assert f'<a href="mailto:{settings.OPERATOR_EMAIL}"' in html
    assert "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)." in html


def test_legal_page_missing_in_the_database_shows_a_notice(client, db):
    Page.objects.filter(kind=PageKind.PRIVACY).delete()

    response = client.get("/datenschutz/")

    assert response.status_code == 200
    assert "Datenschutzerklärung" in response.content.decode()  # the German fallback title
    assert response.context["page"] is None


def test_page_text_with_script_is_rendered_harmless(client, legal_pages):
    imprint = legal_pages["imprint"]
    imprint.body = (
        "<script>alert(1)</script>\n\n"
        "[Klick](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n"
        "# Große Überschrift"
    )
    imprint.save()

    html = client.get("/impressum/").content.decode()
    body = html.split('<div class="kern-body">', 1)[1].split("</div>", 1)[0]

    assert "<script" not in body
    assert 'href="javascript' not in body
    assert "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # shown as text, not run
    assert "<h2>Große Überschrift</h2>" in body  # h1 belongs to the page title


def test_legal_page_under_the_pages_address_redirects_to_its_own_address(client, legal_pages):
    response = client.get(reverse("pages:page", kwargs={"slug": "impressum"}))

    assert response.status_code == 302
    assert response["Location"] == "/impressum/"


def test_accessibility_statement_offers_the_barrier_report_form(client, legal_pages):
    response = client.get("/barrierefreiheit/")

    html = response.content.decode()
    assert f'action="{reverse("pages:report_barrier")}"' in html
    assert 'name="description"' in html
    assert "report_form" not in client.get("/impressum/").context


def test_editors_see_who_changed_the_page_last(client_as, world, legal_pages):
    admin = world.user("admin")
    imprint = legal_pages["imprint"]
    imprint.updated_by = admin
    imprint.save()

    for_admin = client_as(admin).get("/impressum/").content.decode()
    for_member = client_as(world.user("member")).get("/impressum/").content.decode()

    assert f"Last changed by {admin.display_name}" in for_admin or (
        f"Zuletzt geändert von {admin.display_name}" in for_admin
    )
    assert reverse("pages:edit", kwargs={"slug": "impressum"}) in for_admin
    assert admin.display_name not in for_member
    assert reverse("pages:edit", kwargs={"slug": "impressum"}) not in for_member


def test_platform_free_page_is_public(client, db):
    PageFactory(slug="ueber-uns", title="Über uns", body="Wir sind **viele**.")

    response = client.get(reverse("pages:page", kwargs={"slug": "ueber-uns"}))

    assert response.status_code == 200
    assert "Wir sind <strong>viele</strong>." in response.content.decode()
