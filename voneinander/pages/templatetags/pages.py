"""Template tags for pages: the footer links, a network's pages, a page's text."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from voneinander.core import markdown
from voneinander.pages import selectors

register = template.Library()


@register.filter
def page_markdown(text: str | None):
    """A page's Markdown as safe HTML: its text is the whole page below the title."""
    return markdown.render_markdown(text, whole_page=True)


@register.simple_tag
def footer_pages():
    """[{slug, title}] of the platform pages linked in the footer (cached)."""
    return selectors.footer_links()


@register.inclusion_tag("pages/_network_pages.html")
def network_pages(network):
    """Links to a network's free pages, e.g. "Mitglied werden" on the network's page."""
    return {"network": network, "pages": list(selectors.pages_of_network(network))}


# URL arguments that are secrets (unsubscribe links, e-mail confirmations, feeds):
# a page carrying one is not named in a barrier report, which many people read.
SECRET_URL_ARGUMENTS = {"token", "key", "uidb36", "uidb64"}


@register.simple_tag(takes_context=True)
def barrier_report_url(context) -> str:
    """The *Barriere melden* address, naming the current page if that is harmless."""
    url = reverse("pages:report_barrier")
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if request is None or match is None or SECRET_URL_ARGUMENTS & set(match.kwargs):
        return url
    return f"{url}?{urlencode({'seite': request.path})}"
