"""Two-click video embeds and uploaded videos.

`{% video_embed url title %}` shows a video from YouTube, Vimeo or PeerTube as a
placeholder that loads nothing from the provider before the click (or a plain
link when the host may not be embedded); `{% uploaded_video video %}` plays a
video from our own server with captions. Both bring their stylesheet and
script (static/core/media.css, video.js) the first time they appear on a page;
`{% media_assets %}` in a template's `extra_head` block loads them there instead.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info

from voneinander.core import video as videos

register = template.Library()

_ASSETS_DONE = "_media_assets_done"
_COUNTER = "_media_embed_count"


def _holder(context):
    """Where the "once per page" state lives: the request, else the render context."""
    request = context.get("request")
    return request if request is not None else context.render_context


def _get(holder, name, default=None):
    if isinstance(holder, template.context.RenderContext):
        return holder.get(name, default)
    return getattr(holder, name, default)


def _set(holder, name, value) -> None:
    if isinstance(holder, template.context.RenderContext):
        holder[name] = value
    else:
        setattr(holder, name, value)


def _assets_once(context) -> SafeString:
    holder = _holder(context)
    if _get(holder, _ASSETS_DONE):
        return SafeString()
    _set(holder, _ASSETS_DONE, True)
    return render_to_string("media/_assets.html")


def _next_uid(context) -> int:
    holder = _holder(context)
    number = _get(holder, _COUNTER, 0) + 1
    _set(holder, _COUNTER, number)
    return number


@register.simple_tag(takes_context=True)
def media_assets(context) -> SafeString:
    """The stylesheet and script of the video tags (once per page)."""
    return _assets_once(context)


@register.simple_tag(takes_context=True)
def video_embed(context, url, title="") -> SafeString:
    url = (url or "").strip()
    if not url.lower().startswith(("https://", "http://")):
        return SafeString()
    embed = videos.embed_for(url)
    html = render_to_string(
        "media/_video_embed.html",
        {
            "embed": embed,
            "url": url,
            "title": title,
            "host": videos.origin_of(url).split("://", 1)[-1],
            "uid": _next_uid(context),
        },
    )
    # Rendered templates are SafeStrings, and so is their sum.
    return (_assets_once(context) if embed else SafeString()) + html


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def uploaded_video(context, video) -> SafeString:
    """`video`: a news.NewsVideo (its `news` is read for the addresses)."""
    kwargs = {"slug": video.news.slug, "pk": video.pk}
    html = render_to_string(
        "media/_uploaded_video.html",
        {
            "video": video,
            "file_url": reverse("news:video_file", kwargs=kwargs),
            "captions_url": reverse("news:video_captions", kwargs=kwargs),
            "language": video.captions_language,
            "language_name": _language_name(video.captions_language),
        },
    )
    return _assets_once(context) + html
