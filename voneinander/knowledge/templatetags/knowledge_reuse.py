"""`{% adopters_box solution %}`: who reuses a solution (list, map, the record-reuse button).

Owned by the reuse helper; the catalogue's detail page includes it.
"""

from django import template

register = template.Library()


@register.inclusion_tag("knowledge/reuse/adopters_box.html", takes_context=True)
def adopters_box(context, solution):
    return {"solution": solution, "request": context.get("request")}
