"""Pages for the measures of a strategy and the recommendations per Handlungsfeld.

Reads (the list, the recommendations) are open to everyone who may read the
strategy; writes to its team. Every form works without JavaScript; the solution
search answers htmx with its results only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import Perm, access
from voneinander.core.forms import add_service_errors, posted
from voneinander.knowledge.matching import may_see_contacts
from voneinander.strategies import measure_selectors as selectors
from voneinander.strategies import measure_services as services
from voneinander.strategies.measure_forms import MeasureForm, PartnerForm, SolutionSearchForm
from voneinander.strategies.models import StrategyField
from voneinander.strategies.recommendations import recommend, recommend_for_fields
from voneinander.strategies.selectors import strategy_for_reader, strategy_for_team
from voneinander.strategies.steps import STEPS

READ = Perm("strategies.view_strategy", obj=strategy_for_reader)
EDIT = Perm("strategies.edit_strategy", obj=strategy_for_team)

RESULTS_ID = "solution-results"
RECOMMENDATIONS_IN_BOX = 3


def _list_url(strategy) -> str:
    return reverse("strategies:measures", kwargs={"pk": strategy.pk})


def _measure_url(strategy, measure) -> str:
    return reverse("strategies:measure_edit", kwargs={"pk": strategy.pk, "measure_pk": measure.pk})


def _frame(strategy, *, on_team: bool) -> dict:
    """The team sees the workbook's frame with its steps; readers a plain page."""
    if not on_team:
        return {"frame": "strategies/measures/_reader_frame.html"}
    return {
        "frame": "strategies/_workbook.html",
        "steps": [(step, step.is_done(strategy)) for step in STEPS],
        "measures_url": _list_url(strategy),
    }


def _field_by_slug(slug: str) -> StrategyField:
    try:
        return selectors.active_fields().get(slug=slug)
    except StrategyField.DoesNotExist:
        raise Http404 from None


# --- The list ------------------------------------------------------------------------------


@access(READ)
def measures(request, pk):
    strategy = request.access_object
    can_edit = request.user.has_perm("strategies.edit_strategy", strategy)
    groups = selectors.measure_groups(strategy, viewer=request.user)
    if can_edit:
        found = recommend_for_fields(
            strategy=strategy,
            fields=[g.field for g in groups],
            user=request.user,
            limit=RECOMMENDATIONS_IN_BOX,
        )
        for group in groups:
            group.recommendations = found.get(group.field.pk, [])
    return render(
        request,
        "strategies/measures/list.html",
        {
            "strategy": strategy,
            "groups": groups,
            "count": sum(len(g.measures) for g in groups),
            "can_edit": can_edit,
            **_frame(strategy, on_team=can_edit),
        },
    )


# --- One measure ---------------------------------------------------------------------------


def _measure_form(request, strategy, measure=None, initial=None):
    return MeasureForm(
        posted(request),
        fields=selectors.active_fields()
        if measure is None
        else StrategyField.objects.filter(Q(is_active=True) | Q(pk=measure.field_id)).order_by(
            "position", "name"
        ),
        chosen=list(strategy.fields.all()),
        measure=measure,
        initial=initial,
    )


@access(EDIT)
def measure_add(request, pk):
    strategy = request.access_object
    initial = {}
    wanted = request.GET.get("feld")
    if wanted:
        initial["field"] = selectors.active_fields().filter(slug=wanted).first()
    form = _measure_form(request, strategy, initial=initial)
    if form.is_valid():
        try:
            measure = services.add_measure(strategy=strategy, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Measure “%(title)s” added.") % {"title": measure.title})
            return redirect(_measure_url(strategy, measure))
    return render(
        request,
        "strategies/measures/add.html",
        {"strategy": strategy, "form": form, **_frame(strategy, on_team=True)},
    )


def _measure_page(request, strategy, measure, *, form=None, partner_form=None, status=200):
    search = SolutionSearchForm(request.GET or None)
    query = search.cleaned_data["suche"] if search.is_valid() else ""
    hits = selectors.linkable_solutions(
        request.user, query, exclude=[s.pk for s in measure.solutions.all()]
    )
    context = {
        "strategy": strategy,
        "measure": measure,
        "form": form or _measure_form(request, strategy, measure),
        "search": search,
        "query": query,
        "hits": hits,
        "searched": len(query) >= selectors.MIN_QUERY,
        "results_id": RESULTS_ID,
        "partner_form": partner_form or PartnerForm(),
        "history": selectors.status_history(measure),
        **_frame(strategy, on_team=True),
    }
    template = "strategies/measures/measure.html"
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == RESULTS_ID and not htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@access(EDIT)
def measure_edit(request, pk, measure_pk):
    strategy = request.access_object
    measure = selectors.measure_in(strategy, measure_pk)
    if request.method != "POST":
        return _measure_page(request, strategy, measure)
    form = _measure_form(request, strategy, measure)
    if form.is_valid():
        try:
            services.update_measure(measure=measure, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Measure saved."))
            return redirect(_list_url(strategy) + f"#measure-{measure.pk}")
    return _measure_page(request, strategy, measure, form=form)


@access(EDIT)
def measure_delete(request, pk, measure_pk):
    strategy = request.access_object
    measure = selectors.measure_in(strategy, measure_pk)
    if request.method == "POST":
        services.delete_measure(measure=measure, by=request.user)
        messages.success(request, _("Measure “%(title)s” deleted.") % {"title": measure.title})
        return redirect(_list_url(strategy))
    return render(
        request,
        "strategies/measures/delete.html",
        {"strategy": strategy, "measure": measure, **_frame(strategy, on_team=True)},
    )


@access(EDIT)
@require_POST
def measure_move(request, pk, measure_pk):
    strategy = request.access_object
    measure = selectors.measure_in(strategy, measure_pk)
    services.move_measure(measure=measure, by=request.user, up=request.POST.get("richtung") == "up")
    return redirect(_list_url(strategy) + f"#measure-{measure.pk}")


# --- Linked solutions and partners -----------------------------------------------------------


@access(EDIT)
@require_POST
def measure_link_solution(request, pk, measure_pk):
    strategy = request.access_object
    measure = selectors.measure_in(strategy, measure_pk)
    solution = selectors.visible_solution(request.user, request.POST.get("loesung"))
    if solution is None:
        messages.error(request, _("This solution cannot be linked."))
    else:
        services.link_solution(measure=measure, solution=solution, by=request.user)
        messages.success(request, _("Solution “%(title)s” linked.") % {"title": solution.title})
    return redirect(_measure_url(strategy, measure) + "#solutions-heading")


@access(EDIT)
@require_POST
def measure_unlink_solution(request, pk, measure_pk, solution_pk):
    strategy = request.access_object
    measure = selectors.measure_in(strategy, measure_pk)
    # Linked solutions may since have become invisible; unlinking them is still allowed.
    solution = next((s for s in measure.solutions.all() if s.pk == solution_pk), None)
    if solution is None:
        raise Http404
    services.unlink_solution(measure=measure, solution=solution, by=request.user)
    messages.success(
        request, _("Solution “%(title)s” no longer linked.") % {"title": solution.title}
    )
    return redirect(_measure_url(strategy, measure) + "#solutions-heading")


@access(EDIT)
@require_POST
def measure_add_partner(request, pk, measure_pk):
    strategy = request.access_object
    measure = selectors.measure_in(strategy, measure_pk)
    form = PartnerForm(request.POST)
    if form.is_valid():
        municipality = form.cleaned_data["kommune"]
        try:
            services.add_partner(measure=measure, municipality=municipality, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s added as partner.") % {"name": municipality})
            return redirect(_measure_url(strategy, measure) + "#partners-heading")
    return _measure_page(request, strategy, measure, partner_form=form, status=200)


@access(EDIT)
@require_POST
def measure_remove_partner(request, pk, measure_pk, municipality_pk):
    strategy = request.access_object
    measure = selectors.measure_in(strategy, measure_pk)
    municipality = next((m for m in measure.partners.all() if m.pk == municipality_pk), None)
    if municipality is None:
        raise Http404
    services.remove_partner(measure=measure, municipality=municipality, by=request.user)
    messages.success(request, _("%(name)s is no longer a partner.") % {"name": municipality})
    return redirect(_measure_url(strategy, measure) + "#partners-heading")


# --- Recommendations ------------------------------------------------------------------------


@access(READ)
def recommendations(request, pk, field_slug):
    strategy = request.access_object
    field = _field_by_slug(field_slug)
    can_edit = request.user.has_perm("strategies.edit_strategy", strategy)
    return render(
        request,
        "strategies/measures/recommendations.html",
        {
            "strategy": strategy,
            "field": field,
            "recommendations": recommend(strategy=strategy, field=field, user=request.user),
            "can_edit": can_edit,
            "show_contacts": may_see_contacts(request.user),
            **_frame(strategy, on_team=can_edit),
        },
    )


@access(EDIT)
@require_POST
def recommendation_adopt(request, pk, field_slug):
    """“Add as measure”: a new measure titled like the solution, linked to it."""
    strategy = request.access_object
    field = _field_by_slug(field_slug)
    solution = selectors.visible_solution(request.user, request.POST.get("loesung"))
    if solution is None:
        messages.error(request, _("This solution cannot be linked."))
        return redirect(_list_url(strategy))
    measure = services.add_measure_from_solution(
        strategy=strategy, field=field, solution=solution, by=request.user
    )
    messages.success(
        request,
        _("Measure “%(title)s” added and linked to the solution. Fill in the rest now.")
        % {"title": measure.title},
    )
    return redirect(_measure_url(strategy, measure))
