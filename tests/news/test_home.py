from django.template import Context, Template

from tests.news.factories import news_in
from voneinander.news import demo
from voneinander.news.models import NewsItem


def _render(text, **context):
    return Template("{% load news_home %}" + text).render(Context(context))


def test_latest_news_shows_the_three_newest_published_items(world):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    for days in range(1, 6):
        news_in(world, title=f"Vor {days} Tagen", published_at=now - datetime.timedelta(days=days))
    news_in(world, title="Entwurf", published_at=None)

    html = _render("{% latest_news %}")

    assert "Vor 1 Tagen" in html and "Vor 3 Tagen" in html
    assert "Vor 4 Tagen" not in html
    assert "Entwurf" not in html


def test_latest_news_of_a_network(world):
    news_in(world, title="Alpha-Meldung")
    news_in(world, network="beta", title="Beta-Meldung")

    html = _render("{% latest_news network %}", network=world.other_network)

    assert "Beta-Meldung" in html and "Alpha-Meldung" not in html


def test_latest_news_renders_nothing_without_news(db):
    assert _render("{% latest_news %}").strip() == ""


def test_demo_news_load_twice_without_duplicates(db):
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    count = NewsItem.objects.count()
    demo.load(None)

    assert count == len(demo.ITEMS)
    assert NewsItem.objects.count() == count
    assert NewsItem.objects.filter(published_at__isnull=True).count() == 1
    assert NewsItem.objects.filter(images__isnull=False).distinct().count() == 3
