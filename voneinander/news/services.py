"""Writes for news: create, edit, publish, schedule, withdraw, delete; gallery and attachments.

Publishing now notifies the followers of the item's network and topics once
(`notified_at`). Items scheduled for later are announced by
`notify_due_news()` (`manage.py notify_published_news`, run every few
minutes), which claims each item with a conditional UPDATE so that parallel
runs never notify twice.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from voneinander.audit.services import record_event
from voneinander.core.uploads import accept_upload
from voneinander.knowledge import files as knowledge_files
from voneinander.knowledge.models import SolutionFileKind
from voneinander.news.models import NewsAttachment, NewsImage, NewsItem

SLUG_LENGTH = 80
# Words the news URLs use themselves: an item's address must not hide a page.
RESERVED_SLUGS = {"neu", "entwuerfe", "feed", "netzwerk", "aus-aufnahme"}
FIELDS = ("title", "teaser", "text", "video_url", "comments_enabled")
LINKS = ("municipalities", "events", "solutions", "topics")


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "meldung"
    others = NewsItem.objects.exclude(pk=exclude_pk) if exclude_pk else NewsItem.objects.all()
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _set_links(item: NewsItem, data: dict) -> None:
    for name in LINKS:
        if name in data:
            getattr(item, name).set(data[name])


def create_news(*, by, network, data: dict, membership=None) -> NewsItem:
    """A new draft; `data` holds the fields of FIELDS and, optionally, the links of LINKS."""
    item = NewsItem(network=network, author=by, membership=membership)
    for name in FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.title = item.title.strip()
    item.slug = unique_slug(item.title)
    item.full_clean()
    with transaction.atomic():
        item.save()
        _set_links(item, data)
        record_event(actor=by, action="news.created", target=item)
    return item


def update_news(*, item: NewsItem, by, data: dict) -> NewsItem:
    """Change the fields and links; the address stays, so links to the item keep working."""
    for name in FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.title = item.title.strip()
    item.full_clean()
    with transaction.atomic():
        item.save()
        _set_links(item, data)
    return item


# --- Publication ---------------------------------------------------------------------------


def _notify(item: NewsItem) -> None:
    from voneinander.questions.notifications import in_mail_language, notify_followers, site_path

    text = in_mail_language(lambda: gettext("News: %(title)s") % {"title": item.title})
    notify_followers(
        network=item.network,
        topic_ids=list(item.topics.values_list("pk", flat=True)),
        kind="news",
        text=text,
        url=site_path("news:detail", slug=item.slug),
        exclude_user_ids=[item.author_id] if item.author_id else [],
    )


def _claim_and_notify(item_id: int, now: datetime.datetime) -> bool:
    """Notify once: only the caller whose UPDATE set `notified_at` sends."""
    claimed = NewsItem.objects.filter(
        pk=item_id, notified_at__isnull=True, published_at__lte=now
    ).update(notified_at=now)
    if claimed:
        _notify(NewsItem.objects.select_related("network").get(pk=item_id))
    return bool(claimed)


def publish_news(*, item: NewsItem, by) -> NewsItem:
    """Publish now and tell the followers (once per item, even if withdrawn and republished)."""
    now = timezone.now()
    with transaction.atomic():
        item.published_at = now
        item.save(update_fields=["published_at", "updated_at"])
        record_event(actor=by, action="news.published", target=item)
        if _claim_and_notify(item.pk, now):
            item.notified_at = now
    return item


def schedule_news(*, item: NewsItem, by, at: datetime.datetime) -> NewsItem:
    if at <= timezone.now():
        raise ValidationError(
            {"published_at": _("Please choose a time in the future, or publish now.")}
        )
    with transaction.atomic():
        item.published_at = at
        item.save(update_fields=["published_at", "updated_at"])
        record_event(
            actor=by,
            action="news.scheduled",
            target=item,
            data={"published_at": timezone.localtime(at).isoformat(timespec="minutes")},
        )
    return item


def unpublish_news(*, item: NewsItem, by) -> NewsItem:
    """Back to a draft; the item disappears from lists, feeds and the search at once."""
    with transaction.atomic():
        item.published_at = None
        item.save(update_fields=["published_at", "updated_at"])
        record_event(actor=by, action="news.unpublished", target=item)
    return item


def notify_due_news(*, now: datetime.datetime | None = None) -> int:
    """Announce scheduled items whose time has come; safe to run in parallel and repeatedly."""
    from voneinander.search.signals import queue

    now = now or timezone.now()
    due = NewsItem.objects.filter(notified_at__isnull=True, published_at__lte=now).values_list(
        "pk", flat=True
    )
    count = 0
    for item_id in list(due):
        with transaction.atomic():
            if _claim_and_notify(item_id, now):
                count += 1
                # A scheduled item entered the search index as "not yet"; index it now.
                queue("news", [item_id])
    return count


def _stored_names(item: NewsItem) -> list[str]:
    names = []
    for related in (item.images.all(), item.attachments.all(), item.videos.all()):
        names += [part.file.name for part in related if part.file and part.file.name]
    return names


def delete_news(*, item: NewsItem, by) -> None:
    stored = _stored_names(item)
    with transaction.atomic():
        record_event(actor=by, action="news.deleted", target=item, data={"slug": item.slug})
        item.delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in stored])


# --- Admission news ------------------------------------------------------------------------


def draft_from_membership(*, membership, by) -> tuple[NewsItem, bool]:
    """The news draft announcing an admission: created once, then the existing one."""
    existing = NewsItem.objects.filter(membership=membership).first()
    if existing is not None:
        return existing, False
    paragraphs = [p.strip() for p in (membership.news_draft or "").split("\n\n") if p.strip()]
    municipality = str(membership.municipality)
    title = (
        paragraphs[0] if paragraphs else gettext("New member: %(name)s") % {"name": municipality}
    )
    body = paragraphs[1:]
    teaser = body[0] if body else title
    data = {
        "title": title[:200],
        "teaser": teaser[:600],
        "text": "\n\n".join(body[1:]),
        "municipalities": [membership.municipality_id],
    }
    with transaction.atomic():
        item = create_news(by=by, network=membership.network, data=data, membership=membership)
    return item, True


# --- Pictures and attachments --------------------------------------------------------------


def _original_name(upload) -> str:
    return (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]


def add_image(*, item: NewsItem, by, upload, alt_text: str, caption: str = "", credit: str = ""):
    """A gallery picture, checked by its content; the alternative text is required."""
    errors = {}
    if not (alt_text or "").strip():
        errors["alt_text"] = [
            _("Please describe the picture for people who cannot see it (alternative text).")
        ]
    if upload is None:
        errors["file"] = [_("Please choose a file.")]
    else:
        try:
            checked = accept_upload(
                upload,
                partial(knowledge_files.check_upload, kind=SolutionFileKind.IMAGE),
                by=by,
                purpose="news.image",
            )
        except ValidationError as error:
            errors["file"] = error.error_list
    if errors:
        raise ValidationError(errors)
    # imported on use: Pillow is ~3 MB per worker otherwise
    from PIL import Image

    upload.seek(0)
    with Image.open(upload) as picture:
        width, height = picture.size
    upload.seek(0)
    image = NewsImage(
        news=item,
        content_type=checked.content_type,
        size=upload.size,
        width=width,
        height=height,
        alt_text=alt_text.strip(),
        caption=(caption or "").strip(),
        credit=(credit or "").strip(),
    )
    upload.name = f"image.{checked.extension}"
    image.file = upload
    with transaction.atomic():
        last = item.images.aggregate(last=Max("position"))["last"]
        image.position = 0 if last is None else last + 1
        image.full_clean()
        image.save()
    return image


def update_image(*, image: NewsImage, by, alt_text: str, caption: str = "", credit: str = ""):
    if not (alt_text or "").strip():
        raise ValidationError(
            {
                "alt_text": [
                    _(
                        "Please describe the picture for people who cannot see it "
                        "(alternative text)."
                    )
                ]
            }
        )
    image.alt_text = alt_text.strip()
    image.caption = (caption or "").strip()
    image.credit = (credit or "").strip()
    image.full_clean()
    image.save(update_fields=["alt_text", "caption", "credit"])
    return image


def move_image(*, image: NewsImage, by, direction: str) -> None:
    """Swap the picture with its neighbour; positions are renumbered 0, 1, 2 … on the way."""
    with transaction.atomic():
        images = list(
            NewsImage.objects.select_for_update()
            .filter(news_id=image.news_id)
            .order_by("position", "pk")
        )
        index = next(i for i, other in enumerate(images) if other.pk == image.pk)
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(images):
            images[index], images[target] = images[target], images[index]
        for position, other in enumerate(images):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])


def delete_image(*, image: NewsImage, by) -> None:
    stored = image.file.name if image.file else ""
    with transaction.atomic():
        image.delete()
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))


def add_attachment(*, item: NewsItem, by, upload, title: str = "") -> NewsAttachment:
    """A PDF or office document without active content."""
    if upload is None:
        raise ValidationError({"file": [_("Please choose a file.")]})
    try:
        checked = accept_upload(
            upload,
            partial(knowledge_files.check_upload, kind=SolutionFileKind.ATTACHMENT),
            by=by,
            purpose="news.attachment",
        )
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    original = _original_name(upload)
    attachment = NewsAttachment(
        news=item,
        original_name=original,
        content_type=checked.content_type,
        size=upload.size,
        title=(title or "").strip() or original.rsplit(".", 1)[0] or gettext("Attachment"),
    )
    upload.name = f"file.{checked.extension}"
    attachment.file = upload
    attachment.full_clean()
    attachment.save()
    return attachment


def delete_attachment(*, attachment: NewsAttachment, by) -> None:
    stored = attachment.file.name if attachment.file else ""
    with transaction.atomic():
        attachment.delete()
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))
