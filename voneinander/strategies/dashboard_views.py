from django.shortcuts import render
from django.utils.translation import gettext as _

from voneinander.core.access import Perm, access
from voneinander.networks.selectors import network_by_slug
from voneinander.strategies import dashboard
from voneinander.strategies.selectors import strategy_for_team


@access(Perm("strategies.edit_strategy", obj=strategy_for_team))
def progress(request, pk):
    strategy = request.access_object
    figures = dashboard.strategy_progress(strategy)
    chart = None
    if figures.months:
        chart = dashboard.progress_chart(
            figures.months,
            title=_("Measures in progress and done, by month"),
            description=_(
                "Two step lines: the dashed line shows measures in progress, the solid line "
                "measures done, at the end of each month. The table below has the numbers."
            ),
        )
    return render(
        request,
        "strategies/dashboard/progress.html",
        {
            "strategy": strategy,
            "figures": figures,
            "chart": chart,
            "statuses": [status.label for status in dashboard.STATUSES],
            "upcoming_days": dashboard.UPCOMING_DAYS,
        },
    )


@access(Perm("strategies.view_network_figures", obj=network_by_slug))
def network_figures(request, slug):
    network = request.access_object
    return render(
        request,
        "strategies/dashboard/network_figures.html",
        {
            "network": network,
            "figures": dashboard.network_figures(network, viewer=request.user),
            "statuses": [status.label for status in dashboard.STATUSES],
            "min_strategies": dashboard.MIN_STRATEGIES,
        },
    )
