import datetime

from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from tests.news.factories import news_in

ATOM = "{http://www.w3.org/2005/Atom}"


def _plant(world):
    news_in(world, title="Alpha veröffentlicht", teaser="Der Anreißer von Alpha.")
    news_in(world, network="beta", title="Beta veröffentlicht")
    news_in(world, network=None, title="Plattform veröffentlicht")
    news_in(world, title="Alpha Entwurf", published_at=None)
    news_in(world, title="Alpha geplant", published_at=timezone.now() + datetime.timedelta(days=1))


def test_atom_feed_lists_only_published_items_with_absolute_links(world, client, settings):
    settings.SITE_URL = "https://voneinander.example.org"
    _plant(world)

    response = client.get(reverse("news:feed_atom"))

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    titles = {entry.findtext(f"{ATOM}title") for entry in entries}
    assert titles == {"Alpha veröffentlicht", "Beta veröffentlicht", "Plattform veröffentlicht"}
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith("https://voneinander.example.org/")
    alpha = next(e for e in entries if e.findtext(f"{ATOM}title") == "Alpha veröffentlicht")
    assert alpha.findtext(f"{ATOM}summary") == "Der Anreißer von Alpha."
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "https://voneinander.example.org" + reverse("news:feed_atom")


def test_rss_feed_of_a_network_lists_only_its_published_items(world, client, settings):
    settings.SITE_URL = "https://voneinander.example.org"
    _plant(world)

    response = client.get(reverse("news:network_feed_rss", kwargs={"slug": "alpha"}))

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Alpha veröffentlicht"]
    assert items[0].findtext("description") == "Der Anreißer von Alpha."
    assert items[0].findtext("link").startswith("https://voneinander.example.org/aktuelles/")
    assert channel.findtext("link") == "https://voneinander.example.org/aktuelles/netzwerk/alpha/"


def test_network_list_links_its_feeds(world, client):
    response = client.get(reverse("news:network", kwargs={"slug": "alpha"}))

    content = response.content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in content
    assert reverse("news:network_feed_rss", kwargs={"slug": "alpha"}) in content
