import datetime

from django.urls import reverse
from django.utils import timezone

from tests.events.factories import EventFactory
from tests.events.followup_factories import docx_bytes, image_bytes, upload
from tests.knowledge.catalogue_factories import internal_solution_in, solution_in
from tests.news.factories import NewsImageFactory, news_in
from voneinander.events import uploads
from voneinander.events.models import Visibility
from voneinander.knowledge.files import MESSAGES
from voneinander.news import files as news_files
from voneinander.news.forms import ImageForm
from voneinander.news.models import NewsAttachment, NewsImage, NewsItem

ALT_TEXT_REQUIRED = str(ImageForm.base_fields["alt_text"].error_messages["required"])


def _images_url(item):
    return reverse("news:images", kwargs={"slug": item.slug})


# --- Writing -------------------------------------------------------------------------------


def test_create_offers_only_coordinated_networks_to_a_coordinator(world, client_as):
    response = client_as(world.user("coordinator")).get(reverse("news:create"))

    choices = [value for value, _label in response.context["form"].fields["network"].choices]
    assert choices == ["", "alpha"]


def test_create_offers_platform_wide_news_to_admins(world, client_as):
    response = client_as(world.user("admin")).get(reverse("news:create"))

    choices = [value for value, _label in response.context["form"].fields["network"].choices]
    assert choices == ["", "alpha", "beta", "platform"]


def test_create_refuses_another_network_for_a_coordinator(world, client_as):
    response = client_as(world.user("coordinator")).post(
        reverse("news:create"), {"network": "beta", "title": "Hallo", "teaser": "Kurz."}
    )

    assert response.status_code == 200
    assert "network" in response.context["form"].errors
    assert not NewsItem.objects.exists()


def test_create_saves_a_draft_with_links_and_opens_it(world, client_as):
    solution = solution_in(world)
    event = EventFactory(networks=[world.network])
    response = client_as(world.user("coordinator")).post(
        reverse("news:create"),
        {
            "network": "alpha",
            "title": "Bericht vom Treffen",
            "teaser": "Kurz.",
            "text": "Text",
            "municipalities": [world.membership.municipality.pk],
            "events": [event.pk],
            "solutions": f"https://voneinander.example.org{solution.get_absolute_url()}\n",
            "comments_enabled": "on",
        },
    )

    item = NewsItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("news:detail", kwargs={"slug": item.slug})
    assert item.network == world.network
    assert item.published_at is None
    assert list(item.solutions.all()) == [solution]
    assert list(item.events.all()) == [event]
    assert list(item.municipalities.all()) == [world.membership.municipality]


def test_create_names_unknown_solution_addresses(world, client_as):
    response = client_as(world.user("coordinator")).post(
        reverse("news:create"),
        {
            "network": "alpha",
            "title": "T",
            "teaser": "K",
            "solutions": "/praxisbeispiele/gibts-nicht/",
        },
    )

    assert "gibts-nicht" in str(response.context["form"].errors["solutions"])


def test_edit_keeps_what_was_typed_when_invalid(world, client_as):
    item = news_in(world, title="Alt")
    response = client_as(world.user("coordinator")).post(
        reverse("news:edit", kwargs={"slug": item.slug}),
        {"title": "Neuer Titel", "teaser": "", "text": "Viel Text"},
    )

    assert response.status_code == 200
    assert "teaser" in response.context["form"].errors
    assert response.context["form"]["text"].value() == "Viel Text"
    item.refresh_from_db()
    assert item.title == "Alt"


def test_publication_publishes_now(world, client_as):
    item = news_in(world, published_at=None)
    response = client_as(world.user("coordinator")).post(
        reverse("news:publication", kwargs={"slug": item.slug}), {"action": "publish"}
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_published


def test_publication_refuses_a_past_schedule_with_a_message(world, client_as):
    item = news_in(world, published_at=None)
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_as(world.user("coordinator")).post(
        reverse("news:publication", kwargs={"slug": item.slug}),
        {"action": "schedule", "published_at": past},
    )

    assert response.status_code == 400
    assert "published_at" in response.context["form"].errors
    item.refresh_from_db()
    assert item.published_at is None


def test_delete_removes_the_item(world, client_as):
    item = news_in(world)
    response = client_as(world.user("coordinator")).post(
        reverse("news:delete", kwargs={"slug": item.slug})
    )

    assert response.status_code == 302
    assert not NewsItem.objects.exists()


# --- Pictures and attachments ---------------------------------------------------------------


def test_image_upload_stores_size_and_texts(world, client_as):
    item = news_in(world)
    response = client_as(world.user("coordinator")).post(
        _images_url(item),
        {
            "file": upload(image_bytes(size=(40, 30)), "foto.png"),
            "alt_text": "Der Minister überreicht die Urkunde",
            "caption": "Übergabe in Mainz",
        },
    )

    assert response.status_code == 302
    image = NewsImage.objects.get()
    assert (image.width, image.height, image.content_type) == (40, 30, "image/png")
    assert image.alt_text == "Der Minister überreicht die Urkunde"
    assert image.caption == "Übergabe in Mainz"


def test_image_upload_without_alt_text_is_refused(world, client_as):
    item = news_in(world)
    response = client_as(world.user("coordinator")).post(
        _images_url(item), {"file": upload(image_bytes(), "foto.png"), "alt_text": "  "}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["alt_text"] == [ALT_TEXT_REQUIRED]
    assert not NewsImage.objects.exists()


def test_image_upload_refuses_a_file_that_is_not_an_image(world, client_as):
    item = news_in(world)
    response = client_as(world.user("coordinator")).post(
        _images_url(item), {"file": upload(docx_bytes(), "foto.png"), "alt_text": "Ein Bild"}
    )

    assert response.status_code == 400
    assert str(MESSAGES["not_an_image"]) in str(response.context["form"].errors["file"])
    assert not NewsImage.objects.exists()


def test_image_upload_refuses_a_fake_image(world, client_as):
    item = news_in(world)
    fake = b"\x89PNG\r\n\x1a\n" + b"kein bild" * 20
    response = client_as(world.user("coordinator")).post(
        _images_url(item), {"file": upload(fake, "foto.png"), "alt_text": "Ein Bild"}
    )

    assert response.status_code == 400
    assert str(uploads.MESSAGES["unreadable"]) in str(response.context["form"].errors["file"])


def test_image_upload_refuses_an_oversized_image(world, client_as, settings):
    item = news_in(world)
    big = image_bytes() + b"\0" * (10 * 1024 * 1024)
    response = client_as(world.user("coordinator")).post(
        _images_url(item), {"file": upload(big, "riesig.png"), "alt_text": "Ein Bild"}
    )

    assert response.status_code == 400
    assert str(MESSAGES["image_too_large"]) in str(response.context["form"].errors["file"])


def test_image_move_reorders_with_plain_forms(world, client_as):
    item = news_in(world)
    first, second = NewsImageFactory(news=item, position=0), NewsImageFactory(news=item, position=1)
    response = client_as(world.user("coordinator")).post(
        reverse("news:image_move", kwargs={"slug": item.slug, "pk": second.pk}),
        {"direction": "up"},
    )

    assert response.status_code == 302
    assert list(item.images.order_by("position")) == [second, first]


def test_image_file_is_served_sandboxed(world, client):
    image = NewsImageFactory(news=news_in(world))
    response = client.get(
        reverse("news:image_file", kwargs={"slug": image.news.slug, "pk": image.pk})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_upload_refuses_an_image_and_accepts_a_pdf(world, client_as):
    from tests.admissions.pdfs import letter_pdf

    item = news_in(world)
    client = client_as(world.user("coordinator"))
    url = reverse("news:attachments", kwargs={"slug": item.slug})
    refused = client.post(url, {"file": upload(image_bytes(), "bild.png")})
    accepted = client.post(url, {"file": upload(letter_pdf(), "Pressemitteilung.pdf")})

    assert refused.status_code == 400
    assert accepted.status_code == 302
    attachment = NewsAttachment.objects.get()
    assert attachment.title == "Pressemitteilung"
    download = client.get(
        reverse("news:attachment_file", kwargs={"slug": item.slug, "pk": attachment.pk})
    )
    assert download["Content-Disposition"].startswith("attachment;")
    assert news_files.download_name("a.pdf", "x", "application/pdf") == "a.pdf"


# --- Reading -------------------------------------------------------------------------------


def test_detail_cleans_script_from_markdown(world, client):
    item = news_in(
        world,
        text="Hallo <script>alert(1)</script>\n\n[klick](javascript:alert(2)) **fett**",
    )
    response = client.get(item.get_absolute_url())

    content = response.content.decode()
    assert "<script>alert" not in content
    assert 'href="javascript' not in content
    assert "<strong>fett</strong>" in content


def test_detail_shows_only_linked_objects_the_viewer_may_see(world, client_as):
    public_solution = solution_in(world, title="Offene Lösung")
    internal_solution = internal_solution_in(world, title="Interne Lösung")
    members_event = EventFactory(
        networks=[world.network], visibility=Visibility.MEMBERS, title="Internes Treffen"
    )
    item = news_in(world)
    item.solutions.set([public_solution, internal_solution])
    item.events.set([members_event])

    anonymous = client_as(None).get(item.get_absolute_url()).content.decode()
    member = client_as(world.user("member")).get(item.get_absolute_url()).content.decode()

    assert "Offene Lösung" in anonymous
    assert "Interne Lösung" not in anonymous
    assert "Internes Treffen" not in anonymous
    assert "Interne Lösung" in member
    assert "Internes Treffen" in member


def test_draft_detail_says_it_is_a_draft_to_the_coordinator(world, client_as):
    item = news_in(world, published_at=None)
    response = client_as(world.user("coordinator")).get(item.get_absolute_url())

    assert "This is a draft." in response.content.decode() or "Entwurf" in response.content.decode()


def test_list_filters_by_network_and_topic(world, client):
    from tests.knowledge.factories import topic

    mobility = topic("mobilitaet")
    alpha = news_in(world, title="Alpha-Meldung", topics=[mobility])
    news_in(world, network="beta", title="Beta-Meldung")
    news_in(world, title="Entwurf", published_at=None)

    by_network = client.get(reverse("news:list"), {"netzwerk": "beta"})
    by_topic = client.get(reverse("news:list"), {"thema": "mobilitaet"})
    everything = client.get(reverse("news:list"))

    assert [i.title for i in by_network.context["page"].object_list] == ["Beta-Meldung"]
    assert list(by_topic.context["page"].object_list) == [alpha]
    assert {i.title for i in everything.context["page"].object_list} == {
        "Alpha-Meldung",
        "Beta-Meldung",
    }
    assert 'type="application/atom+xml"' in everything.content.decode()


def test_list_query_count_does_not_grow_with_items(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    item = news_in(world)
    NewsImageFactory(news=item)
    overall_one = count(reverse("news:list"))
    network_one = count(reverse("news:network", kwargs={"slug": "alpha"}))
    for _ in range(8):
        NewsImageFactory(news=news_in(world))

    assert count(reverse("news:list")) == overall_one
    assert count(reverse("news:network", kwargs={"slug": "alpha"})) == network_one


def test_drafts_lists_only_editable_unpublished_items(world, client_as):
    own = news_in(world, published_at=None, title="Eigener Entwurf")
    later = news_in(world, published_at=timezone.now() + datetime.timedelta(days=2))
    news_in(world, network="beta", published_at=None)
    news_in(world)

    response = client_as(world.user("coordinator")).get(reverse("news:drafts"))

    assert list(response.context["items"]) == [later, own]
