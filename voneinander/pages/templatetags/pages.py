"""Template tags for pages: the footer links, a network's pages, a page's text."""

from django import template

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
