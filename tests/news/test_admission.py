from django.urls import reverse

from tests.news.factories import news_in
from voneinander.news.models import NewsItem

DRAFT = (
    "Neues Mitglied: Altstadt\n\n"
    "Altstadt ist dem Netzwerk Alpha beigetreten. Wir begrüßen unser neues Mitglied!\n\n"
    "Mit Altstadt hat das Netzwerk nun 2 Mitgliedskommunen."
)


def _membership(world):
    membership = world.membership
    membership.news_draft = DRAFT
    membership.save(update_fields=["news_draft"])
    return membership


def test_publish_as_news_creates_a_draft_from_the_prepared_text(world, client_as):
    membership = _membership(world)

    response = client_as(world.user("coordinator")).post(
        reverse("news:from_membership", kwargs={"pk": membership.pk})
    )

    item = NewsItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("news:edit", kwargs={"slug": item.slug})
    assert item.title == "Neues Mitglied: Altstadt"
    assert item.teaser.startswith("Altstadt ist dem Netzwerk Alpha beigetreten.")
    assert item.text == "Mit Altstadt hat das Netzwerk nun 2 Mitgliedskommunen."
    assert item.membership == membership
    assert item.network == world.network
    assert item.published_at is None
    assert list(item.municipalities.all()) == [membership.municipality]


def test_publish_as_news_a_second_time_opens_the_existing_item(world, client_as):
    membership = _membership(world)
    existing = news_in(world, published_at=None, membership=membership)

    response = client_as(world.user("coordinator")).post(
        reverse("news:from_membership", kwargs={"pk": membership.pk})
    )

    assert response["Location"] == reverse("news:edit", kwargs={"slug": existing.slug})
    assert NewsItem.objects.count() == 1


def test_application_page_offers_publish_as_news_then_the_item(world, client_as):
    from voneinander.admissions.models import Application, ApplicationState

    membership = _membership(world)
    application = Application.objects.create(
        network=world.network,
        municipality=membership.municipality,
        applicant=world.user("user"),
        state=ApplicationState.ADMITTED,
        membership=membership,
    )
    client = client_as(world.user("coordinator"))
    url = reverse("admissions:detail", kwargs={"pk": application.pk})
    action = reverse("news:from_membership", kwargs={"pk": membership.pk})

    assert action in client.get(url).content.decode()
    client.post(action)
    page = client.get(url).content.decode()
    assert action not in page
    assert reverse("news:edit", kwargs={"slug": NewsItem.objects.get().slug}) in page
