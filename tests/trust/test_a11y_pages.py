"""BITV extras: the pages in Leichte Sprache and Gebärdensprache, linked from the start page."""

import pytest
from django.urls import reverse

from tests.media.factories import NewsVideoFactory
from tests.news.factories import NewsItemFactory
from voneinander.pages.a11y_texts import (
    EASY_LANGUAGE_SLUG,
    SIGN_LANGUAGE_NEWS_SLUG,
    SIGN_LANGUAGE_SLUG,
)
from voneinander.pages.models import Page

pytestmark = pytest.mark.trust("Leichte Sprache and DGS")

EASY_URL = f"/seiten/{EASY_LANGUAGE_SLUG}/"
SIGN_URL = f"/seiten/{SIGN_LANGUAGE_SLUG}/"


@pytest.mark.django_db
def test_migration_seeds_both_pages_linked_in_the_footer():
    pages = Page.objects.filter(network=None, slug__in=[EASY_LANGUAGE_SLUG, SIGN_LANGUAGE_SLUG])

    assert sorted(pages.values_list("title", "kind", "show_in_footer")) == [
        ("Gebärdensprache", "free", True),
        ("Leichte Sprache", "free", True),
    ]


@pytest.mark.django_db
def test_start_page_links_easy_language_and_sign_language(client, record_property):
    record_property("pages", 1)
    html = client.get(reverse("core:home")).content.decode()

    # once in the start page's own links, once in the footer
    assert html.count(f'href="{EASY_URL}"') == 2
    assert html.count(f'href="{SIGN_URL}"') == 2


@pytest.mark.django_db
def test_easy_language_page_explains_the_platform_in_short_sentences(client, record_property):
    record_property("pages", 1)
    response = client.get(EASY_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="kern-heading-x-large">Leichte Sprache</h1>' in html
    for heading in ["Was ist ein Netzwerk?", "Wie finden Sie etwas?", "Brauchen Sie Hilfe?"]:
        assert heading in html
    body = Page.objects.get(slug=EASY_LANGUAGE_SLUG).body
    sentences = [s for s in body.replace("\\\n", "\n").split("\n") if s and not s.startswith("#")]
    assert max(len(s.split()) for s in sentences) <= 15


@pytest.mark.django_db
def test_sign_language_page_without_video_shows_note_and_transcript(client, record_property):
    record_property("pages", 1)
    html = client.get(SIGN_URL).content.decode()

    assert "<video" not in html
    assert 'id="sign-video-heading"' in html
    assert "Was im Video gesagt wird" in html


@pytest.mark.django_db
def test_sign_language_page_plays_uploaded_video_with_captions(client, record_property):
    record_property("pages", 1)
    news = NewsItemFactory(slug=SIGN_LANGUAGE_NEWS_SLUG, network=None)
    video = NewsVideoFactory(news=news, title="Voneinander in Gebärdensprache")

    html = client.get(SIGN_URL).content.decode()

    file_url = reverse("news:video_file", kwargs={"slug": news.slug, "pk": video.pk})
    assert f'<source src="{file_url}"' in html
    assert 'kind="captions"' in html
    assert "Was im Video gesagt wird" in html


@pytest.mark.django_db
def test_sign_language_page_ignores_video_of_unpublished_item(client):
    news = NewsItemFactory(slug=SIGN_LANGUAGE_NEWS_SLUG, network=None, published_at=None)
    NewsVideoFactory(news=news)

    html = client.get(SIGN_URL).content.decode()

    assert "<video" not in html


@pytest.mark.django_db
def test_accessibility_statement_no_longer_says_the_explanations_are_missing(client):
    html = client.get(reverse("core:accessibility")).content.decode()

    assert "noch keine Erklärungen" not in html
