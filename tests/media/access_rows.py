"""Permission-matrix rows for uploaded news videos (format: see tests/events/access_rows.py).

Roles: anonymous, user, member, contact, coordinator, admin; the coordinator
coordinates network alpha. A draft is known only to those who may edit it
(404 for everyone else, before any login redirect).
"""

from tests.media.factories import NewsItemFactory, NewsVideoFactory

EDITORS = "302 403 403 403 200 200"
EDITORS_OTHER = "302 403 403 403 403 200"
HIDDEN = "404 404 404 404 200 200"
EVERYONE = "200 200 200 200 200 200"


def _item(world, *, network="alpha", draft=False):
    chosen = world.network if network == "alpha" else world.other_network
    extra = {"published_at": None} if draft else {}
    return NewsItemFactory(network=chosen, **extra)


def _item_kwargs(**options):
    return lambda world: {"slug": _item(world, **options).slug}


def _video_kwargs(**options):
    def make(world):
        video = NewsVideoFactory(news=_item(world, **options))
        return {"slug": video.news.slug, "pk": video.pk}

    return make


def _other_items_video(world):
    """A video of another item under this item's address."""
    return {"slug": _item(world).slug, "pk": NewsVideoFactory(news=_item(world)).pk}


ROWS = {
    "news:videos": (_item_kwargs(), EDITORS),
    "news:videos[draft]": (_item_kwargs(draft=True), HIDDEN),
    "news:videos[other]": (_item_kwargs(network="beta"), EDITORS_OTHER),
    "news:videos[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "news:video_delete": (_video_kwargs(), EDITORS),
    "news:video_delete[draft]": (_video_kwargs(draft=True), HIDDEN),
    "news:video_delete[other]": (_video_kwargs(network="beta"), EDITORS_OTHER),
    "news:video_delete[mismatched]": (_other_items_video, "302 403 403 403 404 404"),
    "news:video_file": (_video_kwargs(), EVERYONE),
    "news:video_file[draft]": (_video_kwargs(draft=True), HIDDEN),
    "news:video_file[mismatched]": (_other_items_video, "404 404 404 404 404 404"),
    "news:video_captions": (_video_kwargs(), EVERYONE),
    "news:video_captions[draft]": (_video_kwargs(draft=True), HIDDEN),
    "news:video_captions[other]": (_video_kwargs(network="beta"), EVERYONE),
}
