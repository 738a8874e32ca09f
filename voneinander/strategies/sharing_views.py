from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from voneinander.core.access import LOGIN, Perm, access
from voneinander.core.forms import add_service_errors, posted
from voneinander.strategies import sharing_selectors as selectors
from voneinander.strategies import sharing_services as services
from voneinander.strategies.models import MeasureStatus, StrategyField
from voneinander.strategies.selectors import is_on_team, strategy_for_team, team_strategies
from voneinander.strategies.sharing_forms import BrowseForm, CompareForm, CopyForm, ShareForm

PAGE_SIZE = 24


@access(Perm("strategies.lead_strategy", obj=strategy_for_team))
def share(request, pk):
    strategy = request.access_object
    form = ShareForm(posted(request), strategy=strategy)
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            try:
                services.stop_sharing(strategy=strategy, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The strategy is private to your team again."))
                return redirect("strategies:share", pk=strategy.pk)
        elif form.is_valid():
            network = form.cleaned_data["network"]
            try:
                services.share_strategy(strategy=strategy, network=network, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The strategy is now shared with %(network)s.") % {"network": network.name},
                )
                return redirect("strategies:share", pk=strategy.pk)
    strategy.refresh_from_db(fields=["shared_with", "shared_at"])
    return render(
        request,
        "strategies/sharing/share.html",
        {"strategy": strategy, "form": form, "networks": form.fields["network"].queryset},
    )


@access(LOGIN)
def browse(request):
    form = BrowseForm(request.GET or None, user=request.user)
    strategies = selectors.browse_shared(request.user, **form.values())
    page = Paginator(strategies, PAGE_SIZE).get_page(request.GET.get("seite"))
    fields = list(StrategyField.objects.all())
    per_field = selectors.measures_per_field(page.object_list, fields)
    for strategy in page.object_list:
        strategy.field_counts = per_field.get(strategy.pk, [])
        strategy.size_class = selectors.size_class_of(strategy.municipality.population)
    return render(
        request,
        "strategies/sharing/browse.html",
        {
            "form": form,
            "page": page,
            "page_links": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "compare_max": selectors.COMPARE_MAX,
        },
    )


@access(LOGIN)
def compare(request):
    form = CompareForm(request.GET or None, user=request.user)
    strategies, rows = [], []
    if form.is_bound and form.is_valid():
        strategies = form.cleaned_data["s"]
        for strategy in strategies:
            strategy.size_class = selectors.size_class_of(strategy.municipality.population)
        rows = selectors.comparison(strategies)
    return render(
        request,
        "strategies/sharing/compare.html",
        {"form": form, "strategies": strategies, "rows": rows},
    )


@access(Perm("strategies.view_strategy", obj=selectors.shared_strategy_for_reader))
def shared_detail(request, pk):
    strategy = selectors.strategy_for_display(request.access_object, request.user)
    own = is_on_team(request.user, strategy)
    groups: dict[int, dict] = {}
    for measure in strategy.measure_list:
        groups.setdefault(measure.field_id, {"field": measure.field, "measures": []})
        groups[measure.field_id]["measures"].append(measure)
    return render(
        request,
        "strategies/sharing/detail.html",
        {
            "strategy": strategy,
            "groups": sorted(groups.values(), key=lambda g: (g["field"].position, g["field"].name)),
            "own": own,
            "can_copy": not own
            and strategy.shared_with_id is not None
            and team_strategies(request.user).exists(),
            "size_class": selectors.size_class_of(strategy.municipality.population),
        },
    )


@access(Perm("strategies.view_strategy", obj=selectors.strategy_to_copy_from))
def copy(request, pk, measure_pk):
    source = request.access_object
    measure = get_object_or_404(source.measures.select_related("field"), pk=measure_pk)
    form = CopyForm(posted(request), user=request.user, source=source)
    targets = form.fields["into"].queryset
    if len(targets) == 1 and request.method != "POST":
        form.fields["into"].initial = targets[0].pk
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        try:
            copied = services.copy_measure(measure=measure, into=into, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                format_html(
                    _("The measure was copied into {strategy} as an idea. {link}"),
                    strategy=into.title,
                    link=format_html(
                        '<a class="kern-link" href="{}">{}</a>',
                        reverse(
                            "strategies:measure_edit",
                            kwargs={"pk": into.pk, "measure_pk": copied.pk},
                        ),
                        _("Show the copy"),
                    ),
                ),
            )
            return redirect("strategies:shared_detail", pk=source.pk)
    return render(
        request,
        "strategies/sharing/copy.html",
        {
            "strategy": source,
            "measure": measure,
            "form": form,
            "has_targets": bool(targets),
            "idea": MeasureStatus.IDEA.label,
        },
    )
