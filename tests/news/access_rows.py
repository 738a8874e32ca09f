"""Rows of the permission matrix (tests/test_access_matrix.py) for news.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).

Published news are public. Drafts and scheduled items are known only to those
who may edit them (the network's coordinators, admins; platform-wide news:
admins): everyone else gets a 404, before any login redirect. The
"coordinator" role coordinates alpha, not beta.
"""

import datetime

from django.utils import timezone

OWN = {"slug": "alpha"}
UNKNOWN = {"slug": "gibt-es-nicht"}
ALL = "200 200 200 200 200 200"
NONE = "404 404 404 404 404 404"
EDITORS = "302 403 403 403 200 200"
ADMINS = "302 403 403 403 403 200"
EDITORS_ONLY_KNOW = "404 404 404 404 200 200"
ADMINS_ONLY_KNOW = "404 404 404 404 404 200"


def _item(world, *, network="alpha", **fields):
    from tests.news.factories import news_in

    return news_in(world, network=network, **fields)


def published(world):
    return {"slug": _item(world).slug}


def other_published(world):
    return {"slug": _item(world, network="beta").slug}


def draft(world):
    return {"slug": _item(world, published_at=None).slug}


def other_draft(world):
    return {"slug": _item(world, network="beta", published_at=None).slug}


def platform_draft(world):
    return {"slug": _item(world, network=None, published_at=None).slug}


def scheduled(world):
    later = timezone.now() + datetime.timedelta(days=3)
    return {"slug": _item(world, published_at=later).slug}


def _image(world, **fields):
    from tests.news.factories import NewsImageFactory

    image = NewsImageFactory(news=_item(world, **fields))
    return {"slug": image.news.slug, "pk": image.pk}


def image(world):
    return _image(world)


def draft_image(world):
    return _image(world, published_at=None)


def other_image(world):
    return _image(world, network="beta")


def _attachment(world, **fields):
    from tests.news.factories import NewsAttachmentFactory

    attachment = NewsAttachmentFactory(news=_item(world, **fields))
    return {"slug": attachment.news.slug, "pk": attachment.pk}


def attachment(world):
    return _attachment(world)


def draft_attachment(world):
    return _attachment(world, published_at=None)


def mismatched_image(world):
    """A picture of another item under this item's address: no such page."""
    from tests.news.factories import NewsImageFactory

    return {"slug": _item(world).slug, "pk": NewsImageFactory(news=_item(world)).pk}


def membership(world):
    return {"pk": world.membership.pk}


def other_membership(world):
    return {"pk": world.other_membership.pk}


ROWS: dict = {
    "news:list": ({}, ALL),
    "news:feed_atom": ({}, ALL),
    "news:feed_rss": ({}, ALL),
    "news:network": (OWN, ALL),
    "news:network[unknown]": (UNKNOWN, NONE),
    "news:network_feed_atom": (OWN, ALL),
    "news:network_feed_atom[unknown]": (UNKNOWN, NONE),
    "news:network_feed_rss": (OWN, ALL),
    "news:network_feed_rss[unknown]": (UNKNOWN, NONE),
    "news:create": ({}, EDITORS),
    "news:drafts": ({}, EDITORS),
    # POST only: the rule is checked first, then the method.
    "news:from_membership": (membership, "302 403 403 403 405 405"),
    "news:from_membership[other]": (other_membership, "302 403 403 403 403 405"),
    "news:from_membership[unknown]": ({"pk": 999999}, NONE),
    "news:detail": (published, ALL),
    "news:detail[draft]": (draft, EDITORS_ONLY_KNOW),
    "news:detail[scheduled]": (scheduled, EDITORS_ONLY_KNOW),
    "news:detail[other_draft]": (other_draft, ADMINS_ONLY_KNOW),
    "news:detail[platform_draft]": (platform_draft, ADMINS_ONLY_KNOW),
    "news:detail[unknown]": (UNKNOWN, NONE),
    "news:edit": (published, EDITORS),
    "news:edit[draft]": (draft, EDITORS_ONLY_KNOW),
    "news:edit[other]": (other_published, ADMINS),
    "news:edit[other_draft]": (other_draft, ADMINS_ONLY_KNOW),
    "news:publication": (published, EDITORS),
    "news:publication[draft]": (draft, EDITORS_ONLY_KNOW),
    "news:publication[other]": (other_published, ADMINS),
    "news:delete": (published, EDITORS),
    "news:delete[draft]": (draft, EDITORS_ONLY_KNOW),
    "news:delete[other]": (other_published, ADMINS),
    "news:images": (published, EDITORS),
    "news:images[draft]": (draft, EDITORS_ONLY_KNOW),
    "news:images[other]": (other_published, ADMINS),
    "news:image_edit": (image, EDITORS),
    "news:image_edit[other]": (other_image, ADMINS),
    "news:image_edit[mismatched]": (mismatched_image, "302 403 403 403 404 404"),
    "news:image_move": (image, "302 403 403 403 405 405"),
    "news:image_delete": (image, EDITORS),
    "news:image_delete[other]": (other_image, ADMINS),
    "news:image_file": (image, ALL),
    "news:image_file[draft]": (draft_image, EDITORS_ONLY_KNOW),
    "news:image_file[mismatched]": (mismatched_image, NONE),
    "news:attachments": (published, EDITORS),
    "news:attachments[other]": (other_published, ADMINS),
    "news:attachment_delete": (attachment, EDITORS),
    "news:attachment_file": (attachment, ALL),
    "news:attachment_file[draft]": (draft_attachment, EDITORS_ONLY_KNOW),
}
