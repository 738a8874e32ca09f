import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.factories import NetworkFactory
from tests.pages.factories import PageFactory
from voneinander.audit.models import AuditEvent
from voneinander.pages import demo
from voneinander.pages.models import Page


def _edit_url(page):
    if page.network_id:
        return reverse(
            "pages:network_edit", kwargs={"network_slug": page.network.slug, "slug": page.slug}
        )
    return reverse("pages:edit", kwargs={"slug": page.slug})


def test_admin_edits_a_legal_page_and_the_change_is_audited(client_as, world, legal_pages):
    admin = world.user("admin")
    imprint = legal_pages["imprint"]

    response = client_as(admin).post(
        _edit_url(imprint), {"title": "Impressum", "body": "## Anbieter\n\nNeue Anschrift"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/impressum/"
    imprint.refresh_from_db()
    assert imprint.body == "## Anbieter\n\nNeue Anschrift"
    assert imprint.updated_by == admin
    event = AuditEvent.objects.get(action="page.changed")
    assert event.actor == admin
    assert event.target_id == str(imprint.pk)
    assert event.data == {"fields": ["body"]}


def test_legal_page_form_offers_no_address_and_no_footer_choice(client_as, world, legal_pages):
    response = client_as(world.user("admin")).get(_edit_url(legal_pages["privacy"]))

    assert list(response.context["form"].fields) == ["title", "body"]


@pytest.mark.parametrize("role", ["member", "contact", "coordinator"])
def test_legal_pages_are_edited_by_admins_only(client_as, world, legal_pages, role):
    imprint = legal_pages["imprint"]

    response = client_as(world.user(role)).post(
        _edit_url(imprint), {"title": "Gehackt", "body": "Gehackt"}
    )

    assert response.status_code == 403
    imprint.refresh_from_db()
    assert imprint.title == "Impressum"


def test_coordinator_edits_a_page_of_their_network(client_as, world):
    page = PageFactory(network=world.network, slug="mitglied-werden", title="Mitglied werden")
    coordinator = world.user("coordinator")

    response = client_as(coordinator).post(
        _edit_url(page), {"title": "So werden Sie Mitglied", "body": "Schritt 1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/seiten/netzwerk/alpha/mitglied-werden/"
    page.refresh_from_db()
    assert (page.title, page.body, page.updated_by) == (
        "So werden Sie Mitglied",
        "Schritt 1",
        coordinator,
    )


def test_coordinator_may_not_edit_another_networks_page(client_as, world):
    page = PageFactory(network=world.other_network, title="Beta-Seite")

    response = client_as(world.user("coordinator")).post(
        _edit_url(page), {"title": "Gehackt", "body": "Gehackt"}
    )

    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title == "Beta-Seite"


def test_coordinator_creates_a_network_page(client_as, world):
    response = client_as(world.user("coordinator")).post(
        reverse("pages:network_create", kwargs={"network_slug": "alpha"}),
        {"title": "Mitglied werden", "slug": "mitglied-werden", "body": "So geht es."},
    )

    page = Page.objects.get(network=world.network, slug="mitglied-werden")
    assert response["Location"] == page.get_absolute_url()
    assert page.kind == "free"
    assert page.show_in_footer is False
    assert AuditEvent.objects.filter(action="page.created", target_id=str(page.pk)).exists()


@pytest.mark.parametrize(
    ("url_name", "kwargs", "slug"),
    [
        ("pages:create", {}, "barriere-melden"),
        ("pages:create", {}, "netzwerk"),
        ("pages:create", {}, "impressum"),
        ("pages:network_create", {"network_slug": "alpha"}, "neu"),
    ],
)
def test_reserved_addresses_are_refused_with_a_clear_message(
    client_as, world, url_name, kwargs, slug
):
    response = client_as(world.user("admin")).post(
        reverse(url_name, kwargs=kwargs), {"title": "Titel", "slug": slug, "body": "Mein Text"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [
        f"Die Adresse „{slug}“ ist für die Plattform reserviert. Bitte wählen Sie eine andere."
    ] or response.context["form"].errors["slug"] == [
        f"The address “{slug}” is reserved for the platform. Please choose another one."
    ]
    assert response.context["form"]["body"].value() == "Mein Text"  # nothing typed is lost
    assert not Page.objects.filter(slug=slug, kind="free").exists()


def test_an_address_in_use_is_refused(client_as, world):
    PageFactory(network=world.network, slug="mitglied-werden")

    response = client_as(world.user("coordinator")).post(
        reverse("pages:network_create", kwargs={"network_slug": "alpha"}),
        {"title": "Noch einmal", "slug": "mitglied-werden", "body": "Text"},
    )

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert Page.objects.filter(network=world.network).count() == 1


def test_the_same_address_may_exist_in_two_networks(client_as, world):
    PageFactory(network=world.other_network, slug="mitglied-werden")

    client_as(world.user("coordinator")).post(
        reverse("pages:network_create", kwargs={"network_slug": "alpha"}),
        {"title": "Mitglied werden", "slug": "mitglied-werden", "body": "Text"},
    )

    assert Page.objects.filter(slug="mitglied-werden").count() == 2


def test_preview_shows_the_rendered_text_and_saves_nothing(client_as, world):
    page = PageFactory(network=world.network, body="Alt")

    response = client_as(world.user("coordinator")).post(
        _edit_url(page),
        {"title": page.title, "body": "Neu mit **fett** <script>x</script>", "preview": "1"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Neu mit <strong>fett</strong>" in html
    assert "<script>x</script>" not in html
    page.refresh_from_db()
    assert page.body == "Alt"


def test_footer_links_the_platform_pages_marked_for_it(client_as, world):
    admin = world.user("admin")
    client = client_as(admin)
    client.post(
        reverse("pages:create"),
        {
            "title": "Hilfe zur Plattform",
            "slug": "hilfe",
            "body": "Text",
            "show_in_footer": "on",
        },
    )
    PageFactory(slug="versteckt", title="Nicht im Fuß")

    html = client_as(None).get(reverse("core:home")).content.decode()
    footer = html.split('<footer class="vn-footer">', 1)[1]

    assert '<a class="kern-link" href="/seiten/hilfe/">Hilfe zur Plattform</a>' in footer
    assert "Nicht im Fuß" not in footer


def _footer(client) -> str:
    return client.get(reverse("core:home")).content.decode().split('<footer class="vn-footer">')[1]


def test_footer_link_disappears_when_the_page_is_deleted(client_as, world):
    page = PageFactory(slug="hilfe", title="Hilfe zur Plattform", show_in_footer=True)
    client = client_as(world.user("admin"))
    assert "Hilfe zur Plattform" in _footer(client)

    response = client.post(reverse("pages:delete", kwargs={"slug": page.slug}))

    assert response["Location"] == reverse("pages:list")
    assert not Page.objects.filter(pk=page.pk).exists()
    assert "Hilfe zur Plattform" not in _footer(client)
    assert AuditEvent.objects.filter(action="page.deleted").count() == 1


def test_network_page_form_offers_no_footer_link(client_as, world):
    response = client_as(world.user("coordinator")).get(
        reverse("pages:network_create", kwargs={"network_slug": "alpha"})
    )

    assert "show_in_footer" not in response.context["form"].fields


def test_legal_pages_cannot_be_deleted(client_as, world, legal_pages):
    response = client_as(world.user("admin")).post(
        reverse("pages:delete", kwargs={"slug": "impressum"})
    )

    assert response["Location"] == "/impressum/"
    assert Page.objects.filter(kind="imprint").exists()


def test_coordinator_deletes_a_page_of_their_network(client_as, world):
    page = PageFactory(network=world.network)

    response = client_as(world.user("coordinator")).post(
        reverse("pages:network_delete", kwargs={"network_slug": "alpha", "slug": page.slug})
    )

    assert response["Location"] == reverse("pages:network_list", kwargs={"network_slug": "alpha"})
    assert not Page.objects.filter(pk=page.pk).exists()


def test_network_pages_tag_links_the_pages_of_one_network(world):
    PageFactory(network=world.network, slug="mitglied-werden", title="Mitglied werden")
    PageFactory(network=world.other_network, slug="beta-seite", title="Beta-Seite")
    PageFactory(slug="plattform", title="Plattformseite")

    html = Template("{% load pages %}{% network_pages network %}").render(
        Context({"network": world.network})
    )

    assert (
        '<a class="kern-link" href="/seiten/netzwerk/alpha/mitglied-werden/">Mitglied werden</a>'
        in html
    )
    assert "Beta-Seite" not in html
    assert "Plattformseite" not in html


def test_network_pages_tag_renders_nothing_without_pages(world):
    html = Template("{% load pages %}{% network_pages network %}").render(
        Context({"network": world.network})
    )

    assert html.strip() == ""


@pytest.mark.parametrize("count", [1, 12])
def test_network_page_list_queries_do_not_grow(
    client_as, world, django_assert_max_num_queries, count
):
    coordinator = world.user("coordinator")
    for _number in range(count):
        PageFactory(network=world.network, updated_by=coordinator)
    client = client_as(coordinator)
    url = reverse("pages:network_list", kwargs={"network_slug": "alpha"})
    client.get(url)  # warm up session and caches

    with django_assert_max_num_queries(11):
        response = client.get(url)

    assert len(response.context["pages"]) == count


@pytest.mark.parametrize("count", [1, 12])
def test_platform_page_list_queries_do_not_grow(
    client_as, world, legal_pages, django_assert_max_num_queries, count
):
    admin = world.user("admin")
    for _number in range(count):
        PageFactory(updated_by=admin)
    client = client_as(admin)
    client.get(reverse("pages:list"))

    with django_assert_max_num_queries(9):
        response = client.get(reverse("pages:list"))

    # + the three legal pages and the two in Leichte Sprache and Gebärdensprache
    assert len(response.context["pages"]) == count + 5


def test_demo_creates_a_membership_page_per_network_once(db):
    NetworkFactory(slug="digitale-doerfer-rlp", name="Netzwerk Digitale Dörfer RLP")
    NetworkFactory(slug="ikone-ds", name="IKONE-DS")

    demo.load(report=None)
    demo.load(report=None)

    pages = Page.objects.filter(slug="mitglied-werden").order_by("network__slug")
    assert [page.network.slug for page in pages] == ["digitale-doerfer-rlp", "ikone-ds"]
    body = pages[0].body
    assert "Bürgermeister" in body
    assert "Ansprechperson" in body
    assert "Ministerium des Innern und für Sport nimmt" in body
    assert "/netzwerke/digitale-doerfer-rlp/" in body or "beantragen" in body
