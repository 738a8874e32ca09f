"""`{% featured_solutions %}`: the catalogue's featured solutions on the start page."""

from django import template

from voneinander.knowledge.selectors import CatalogueFilter, catalogue_rows

register = template.Library()

LIMIT = 3


@register.inclusion_tag("knowledge/featured_solutions.html", takes_context=True)
def featured_solutions(context):
    user = context["request"].user
    rows = catalogue_rows(user, CatalogueFilter(sort="neueste")).filter(featured=True)
    return {"solutions": list(rows[:LIMIT])}
