import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory
from tests.knowledge.factories import topic
from tests.news.factories import news_in
from voneinander.audit.models import AuditEvent
from voneinander.news import selectors, services
from voneinander.news.models import NewsItem
from voneinander.questions.models import Follow, Notification
from voneinander.search.models import SearchEntry


def FollowFactory(**fields):  # noqa: N802 - reads like a factory
    return Follow.objects.create(**fields)


def _data(**fields):
    return {"title": "Neues aus dem Netzwerk", "teaser": "Kurz gesagt.", "text": "", **fields}


def test_create_news_makes_a_draft_with_a_unique_address(world):
    by = world.user("coordinator")
    first = services.create_news(by=by, network=world.network, data=_data())
    second = services.create_news(by=by, network=world.network, data=_data())

    assert (first.slug, second.slug) == ("neues-aus-dem-netzwerk", "neues-aus-dem-netzwerk-2")
    assert first.published_at is None
    assert first.author == by
    assert AuditEvent.objects.filter(action="news.created", target_id=str(first.pk)).exists()


def test_create_news_avoids_the_words_of_the_news_addresses(world):
    item = services.create_news(by=world.user("admin"), network=None, data=_data(title="Neu"))

    assert item.slug == "neu-2"


def test_create_news_refuses_an_empty_title(world):
    with pytest.raises(ValidationError) as error:
        services.create_news(by=world.user("admin"), network=None, data=_data(title="  "))

    assert "title" in error.value.message_dict
    assert not NewsItem.objects.exists()


def test_news_visible_to_shows_drafts_only_to_editors(world):
    published = news_in(world)
    draft = news_in(world, published_at=None)
    other_draft = news_in(world, network="beta", published_at=None)

    def visible(role):
        return set(selectors.news_visible_to(world.user(role) or _anonymous()))

    assert visible("anonymous") == {published}
    assert visible("member") == {published}
    assert visible("coordinator") == {published, draft}
    assert visible("admin") == {published, draft, other_draft}


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_scheduled_item_appears_when_its_time_comes(world):
    at = timezone.now() + datetime.timedelta(hours=2)
    item = news_in(world, published_at=None)
    services.schedule_news(item=item, by=world.user("coordinator"), at=at)

    assert item not in selectors.news_visible_to(_anonymous())
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert item in selectors.news_visible_to(_anonymous())
        assert list(selectors.news_list()) == [item]


def test_schedule_news_refuses_a_time_in_the_past(world):
    item = news_in(world, published_at=None)

    with pytest.raises(ValidationError) as error:
        services.schedule_news(
            item=item, by=world.user("coordinator"), at=timezone.now() - datetime.timedelta(1)
        )

    assert "published_at" in error.value.message_dict
    item.refresh_from_db()
    assert item.published_at is None


def test_publish_news_notifies_followers_once_and_not_the_author(
    world, django_capture_on_commit_callbacks
):
    mobility = topic("mobilitaet")
    network_follower = FollowFactory(user=UserFactory(), network=world.network).user
    topic_follower = FollowFactory(user=UserFactory(), topic=mobility).user
    author = world.user("coordinator")
    FollowFactory(user=author, network=world.network)
    FollowFactory(user=UserFactory(), network=world.other_network)
    item = news_in(world, published_at=None, author=author, topics=[mobility])

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_news(item=item, by=author)
    services.unpublish_news(item=item, by=author)
    services.publish_news(item=item, by=author)

    notified = set(Notification.objects.filter(kind="news").values_list("user", flat=True))
    assert notified == {network_follower.pk, topic_follower.pk}
    notification = Notification.objects.filter(kind="news").first()
    assert notification.url == f"/aktuelles/{item.slug}/"
    assert item.title in notification.text
    item.refresh_from_db()
    assert item.notified_at is not None
    assert item.is_published


def test_unpublish_news_makes_a_draft_again(world):
    item = news_in(world)

    services.unpublish_news(item=item, by=world.user("coordinator"))

    item.refresh_from_db()
    assert item.published_at is None
    assert item not in selectors.news_visible_to(world.user("member"))
    assert AuditEvent.objects.filter(action="news.unpublished").count() == 1


def test_notify_published_news_announces_due_items_once(world, django_capture_on_commit_callbacks):
    follower = FollowFactory(user=UserFactory(), network=world.network).user
    at = timezone.now() + datetime.timedelta(hours=1)
    item = news_in(world, published_at=None)
    services.schedule_news(item=item, by=world.user("coordinator"), at=at)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_published_news")
    assert not Notification.objects.exists()
    assert not SearchEntry.objects.filter(kind="news", object_id=item.pk).exists()

    with (
        time_machine.travel(at + datetime.timedelta(minutes=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("notify_published_news")
        call_command("notify_published_news")

    assert list(Notification.objects.values_list("user", flat=True)) == [follower.pk]
    item.refresh_from_db()
    assert item.notified_at is not None
    assert SearchEntry.objects.filter(kind="news", object_id=item.pk).exists()


def test_notify_due_news_skips_an_item_claimed_elsewhere(world):
    item = news_in(world, published_at=timezone.now() - datetime.timedelta(minutes=1))
    FollowFactory(user=UserFactory(), network=world.network)
    # Another run claimed it between our read and our UPDATE.
    NewsItem.objects.filter(pk=item.pk).update(notified_at=timezone.now())

    assert services.notify_due_news() == 0
    assert not Notification.objects.exists()


def test_published_item_is_indexed_and_withdrawn_item_removed(
    world, django_capture_on_commit_callbacks
):
    item = news_in(world, published_at=None, title="Glasfaser für alle")
    by = world.user("coordinator")

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_news(item=item, by=by)
    entry = SearchEntry.objects.get(kind="news", object_id=item.pk)
    assert entry.title == "Glasfaser für alle"
    assert entry.audience == ["public"]

    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_news(item=item, by=by)
    assert not SearchEntry.objects.filter(kind="news", object_id=item.pk).exists()


def test_delete_news_removes_the_item_and_its_files(world, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from tests.news.factories import NewsImageFactory

    image = NewsImageFactory(news=news_in(world))
    stored = image.file.name
    assert default_storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_news(item=image.news, by=world.user("coordinator"))

    assert not NewsItem.objects.exists()
    assert not default_storage.exists(stored)
    assert AuditEvent.objects.filter(action="news.deleted").count() == 1


def test_move_image_swaps_neighbours(world):
    from tests.news.factories import NewsImageFactory

    item = news_in(world)
    first, second, third = (NewsImageFactory(news=item, position=n) for n in (0, 1, 2))

    services.move_image(image=third, by=None, direction="up")
    assert list(item.images.order_by("position")) == [first, third, second]
    services.move_image(image=first, by=None, direction="up")  # already first: no change
    assert list(item.images.order_by("position")) == [first, third, second]
    services.move_image(image=first, by=None, direction="down")
    assert list(item.images.order_by("position")) == [third, first, second]
