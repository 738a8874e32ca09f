"""`{% latest_news %}` / `{% latest_news network %}`: the three newest published items.

For the start page and the network pages; the page includes news/news.css
itself if it wants the list's layout (`{% include "news/_head.html" %}`).
"""

from django import template
from django.template.loader import render_to_string

from voneinander.news.selectors import latest_news as _latest

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_news(context, network=None, limit: int = 3):
    return render_to_string(
        "news/_latest.html",
        {"items": _latest(network=network, limit=limit), "network": network},
        request=context.get("request"),
    )
