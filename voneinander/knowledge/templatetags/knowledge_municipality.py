"""`{% municipality_solutions municipality %}`: what a municipality shares and reuses.

Shown on the municipality's profile; both lists go through the solutions gate,
so internal solutions appear only for those who may see them.
"""

from django import template

from voneinander.knowledge.models import Adoption
from voneinander.knowledge.selectors import solutions_visible_to

register = template.Library()


@register.inclusion_tag("knowledge/municipality_solutions.html", takes_context=True)
def municipality_solutions(context, municipality):
    user = context["request"].user
    visible = solutions_visible_to(user)
    owned = list(
        visible.filter(owner=municipality).order_by("title").only("title", "slug", "status")
    )
    adopted = list(
        Adoption.objects.filter(municipality=municipality, solution__in=visible)
        .select_related("solution")
        .order_by("solution__title")
    )
    return {"municipality": municipality, "owned": owned, "adopted": adopted}
