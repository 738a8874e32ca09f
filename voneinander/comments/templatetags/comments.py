"""`{% comments_for target %}`: the comments of a news item or solution, with the form.
`{{ comment.text|comment_text }}`: a comment's plain text as safe HTML.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import SafeString, mark_safe

from voneinander.comments.section import section_context

register = template.Library()


class _CommentUrlizer(Urlizer):
    """Links in comments: visible as links, but no endorsement and no access to our page."""

    url_template = '<a class="kern-link" rel="nofollow noopener ugc" href="{href}"{attrs}>{url}</a>'


_urlize = _CommentUrlizer()


@register.filter
def comment_text(text: str) -> SafeString:
    """Escape everything the person typed; web addresses become links, line breaks stay.

    Comments are plain text: HTML in them is shown as typed and never interpreted.
    """
    linked = _urlize(text or "", trim_url_limit=60, nofollow=False, autoescape=True)
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 — escaped by urlize


@register.simple_tag(takes_context=True)
def comments_for(context, target):
    request = context["request"]
    return render_to_string(
        "comments/_section.html", section_context(request, target), request=request
    )
