"""Uploaded videos of a news item: adding and removing them, and serving them.

The file is served by `video_file` with HTTP range requests (the <video>
element seeks with them), the captions by `video_captions` as text/vtt for the
player's <track>. Both check `news.view_news` first, so a draft's videos stay
with its editors.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from voneinander.core.access import Perm, access
from voneinander.core.forms import add_service_errors
from voneinander.core.http import sandboxed
from voneinander.core.ranges import ranged_file_response
from voneinander.news import selectors, video_services
from voneinander.news.models import NewsVideo
from voneinander.news.video_forms import NewsVideoForm

VIEW = Perm("news.view_news", obj=selectors.news_for_viewer, login=False)
EDIT = Perm("news.change_news", obj=selectors.news_for_viewer)


def _video_of(item, pk: int) -> NewsVideo:
    return get_object_or_404(NewsVideo.objects.defer("captions"), news=item, pk=pk)


@access(EDIT)
def videos(request, slug):
    item = request.access_object
    posted = request.method == "POST"
    form = NewsVideoForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"captions_language": "de"},
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            video = video_services.add_news_video(
                item=item,
                by=request.user,
                title=data["title"],
                upload=data["file"],
                captions_upload=data["captions_file"],
                captions_language=data["captions_language"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” has been added.") % {"title": video.title})
            return redirect("news:videos", slug=item.slug)
    return render(
        request,
        "media/news_videos.html",
        {"item": item, "videos": list(item.videos.defer("captions")), "form": form},
    )


@access(EDIT)
def video_delete(request, slug, pk):
    item = request.access_object
    video = _video_of(item, pk)
    if request.method == "POST":
        video_services.delete_news_video(video=video, by=request.user)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": video.title})
        return redirect("news:videos", slug=item.slug)
    return render(request, "media/news_video_delete.html", {"item": item, "video": video})


@access(VIEW)
@require_safe
@sandboxed
def video_file(request, slug, pk):
    item = request.access_object
    video = _video_of(item, pk)
    if not video.file or not video.file.name:
        raise Http404
    try:
        return ranged_file_response(
            request,
            video.file,
            content_type=video.content_type,
            filename=f"{item.slug}-{video.pk}.{video.content_type.rsplit('/', 1)[-1]}",
            etag=f'"{video.pk}-{video.size}-{int(video.created_at.timestamp())}"',
        )
    except FileNotFoundError:
        raise Http404 from None


@access(VIEW)
@require_safe
@sandboxed
def video_captions(request, slug, pk):
    item = request.access_object
    video = get_object_or_404(NewsVideo.objects.only("pk", "captions"), news=item, pk=pk)
    response = HttpResponse(video.captions.encode(), content_type="text/vtt; charset=utf-8")
    # A download when opened directly; <track> loads it all the same (issue 9).
    response["Content-Disposition"] = content_disposition_header(
        True, f"{item.slug}-{video.pk}.vtt"
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=0)
    return response
