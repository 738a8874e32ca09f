"""Videos uploaded to a news item: checked by content, with captions, audited.

The video must be MP4 or WebM (`core.video.check_video`, by its bytes) and
come with WebVTT captions (`events.uploads.check_captions`): a video without
captions is not accessible, so there is no way to add one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from voneinander.audit.services import record_event
from voneinander.core.uploads import accept_upload
from voneinander.core.video import check_video
from voneinander.events.uploads import check_captions
from voneinander.news.models import NewsItem, NewsVideo


def add_news_video(
    *,
    item: NewsItem,
    by,
    title: str,
    upload,
    captions_upload,
    captions_language: str = "de",
) -> NewsVideo:
    errors: dict[str, list] = {}
    if not (title or "").strip():
        errors["title"] = [_("Please give the video a title.")]
    if upload is None:
        errors["file"] = [_("Please choose a video file.")]
    else:
        try:
            checked = accept_upload(upload, check_video, by=by, purpose="news.video")
        except ValidationError as error:
            errors["file"] = error.error_list
    if captions_upload is None:
        errors["captions_file"] = [
            _("Please add captions (a WebVTT file): videos need captions to be accessible.")
        ]
    else:
        try:
            captions = accept_upload(
                captions_upload, check_captions, by=by, purpose="news.captions"
            )
        except ValidationError as error:
            errors["captions_file"] = error.error_list
    if errors:
        raise ValidationError(errors)
    video = NewsVideo(
        news=item,
        title=title.strip(),
        content_type=checked.content_type,
        size=upload.size,
        captions=captions,
        captions_language=captions_language,
    )
    upload.name = f"video.{checked.extension}"
    video.file = upload
    video.full_clean()
    with transaction.atomic():
        video.save()
        record_event(
            actor=by,
            action="news.video_added",
            target=item,
            data={"video": video.pk, "title": video.title, "size": video.size},
        )
    return video


def delete_news_video(*, video: NewsVideo, by) -> None:
    stored = video.file.name if video.file else ""
    item = video.news
    with transaction.atomic():
        record_event(
            actor=by,
            action="news.video_removed",
            target=item,
            data={"video": video.pk, "title": video.title},
        )
        video.delete()
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))
