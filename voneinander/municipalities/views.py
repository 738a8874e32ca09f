import re

from django.shortcuts import render

from voneinander.core.access import LOGIN, PUBLIC, access
from voneinander.municipalities import selectors
from voneinander.municipalities.forms import describe

# --- Search (autocomplete over the registry) ---------------------------------


_FIELD_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")


def _safe_name(value: str) -> str:
    return value if _FIELD_NAME.fullmatch(value or "") else ""


@access(LOGIN)
def municipality_search(request):
    """Search the registry: a list of suggestions for htmx, else a page of results.

    The search field (municipalities/forms.py) sends its own value under its
    name (`field`), the id of its element (`target`) and optional `kinds`;
    the page without JavaScript sends `q`.
    """
    field = _safe_name(request.GET.get("field", ""))
    query = request.GET.get("q") or (request.GET.get(field, "") if field else "")
    kinds = [kind for kind in request.GET.get("kinds", "").split(",") if kind]
    results = list(selectors.search_municipalities(query, kinds=kinds, limit=10))
    context = {
        "query": query,
        "searched": len(selectors.parse_query(query)[0]) >= 2,
        "results": [(municipality, describe(municipality)) for municipality in results],
    }
    if request.htmx:
        context["target"] = _safe_name(request.GET.get("target", "")) or "municipality"
        return render(request, "municipalities/_search_results.html", context)
    return render(request, "municipalities/municipality_search.html", context)


# --- Public profile page of a municipality ----------------------------------


@access(PUBLIC)
def municipality_detail(request, pk):
    municipality = selectors.municipality_for_profile(request, pk)
    active, past = selectors.memberships_of(municipality)
    return render(
        request,
        "municipalities/municipality_detail.html",
        {
            "municipality": municipality,
            "ancestors": selectors.ancestors_of(municipality),
            "children": selectors.children_of(municipality),
            "memberships": active,
            "past_memberships": past,
            "contacts": selectors.contacts_visible_to(request.user, active),
            # Link only to web addresses, whatever an import may have stored.
            "website": municipality.website
            if municipality.website.lower().startswith(("https://", "http://"))
            else "",
        },
    )
