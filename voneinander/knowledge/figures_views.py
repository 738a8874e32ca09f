"""Programme figures of a network for the funder: the page with charts, and CSV."""

import csv
import datetime

from django import forms
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.core.access import Perm, access
from voneinander.core.forms import date_input
from voneinander.core.spreadsheets import BOM, Echo, no_formula
from voneinander.knowledge import figures
from voneinander.networks.selectors import network_by_slug


class PeriodForm(forms.Form):
    """The period; named in German like the other filters, so links are readable."""

    von = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=date_input(),
        error_messages={"invalid": gettext_lazy("Please enter the date as DD.MM.YYYY.")},
    )
    bis = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=date_input(),
        error_messages={"invalid": gettext_lazy("Please enter the date as DD.MM.YYYY.")},
    )

    def __init__(self, data=None, *, today: datetime.date):
        super().__init__(data)
        self.default = figures.year(today.year)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        start = data.get("von") or self.default.start
        end = data.get("bis") or self.default.end
        if start > end:
            self.add_error("bis", _("The end of the period lies before its start."))
        elif end.year - start.year >= figures.MAX_YEARS:
            self.add_error(
                "bis",
                _("Please choose a period of at most %(years)s years.")
                % {"years": figures.MAX_YEARS},
            )
        else:
            data["period"] = figures.Period(start, end)
        return data

    def period(self) -> figures.Period:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period"]
        return self.default


def _query(period: figures.Period) -> str:
    query = QueryDict(mutable=True)
    query["von"], query["bis"] = period.start.isoformat(), period.end.isoformat()
    return query.urlencode()


def _period_label(period: figures.Period) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(period.start, "SHORT_DATE_FORMAT"),
        "end": date_format(period.end, "SHORT_DATE_FORMAT"),
    }


def _figures(request):
    network = request.access_object
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    period = form.period()
    return network, today, form, period, figures.programme_figures(network, period, today=today)


@access(Perm("knowledge.view_programme_figures", obj=network_by_slug))
def programme_figures(request, slug):
    network, today, form, period, result = _figures(request)
    unit = _("per month") if result.granularity == "month" else _("per quarter")
    charts = []
    for key, label in figures.METRICS:
        if key == "members":
            description = (
                _(
                    "Column chart of the active member municipalities at the end of each "
                    "month; the table below gives every value."
                )
                if result.granularity == "month"
                else _(
                    "Column chart of the active member municipalities at the end of each "
                    "quarter; the table below gives every value."
                )
            )
        else:
            description = _(
                "Column chart of the number %(unit)s; the table below gives every value."
            )
        chart = None
        if result.buckets:
            chart = figures.column_chart(
                result.series(key),
                title=f"{label} ({_period_label(period)})",
                description=description % {"unit": unit},
                ident=f"chart-{key}",
            )
        charts.append({"key": key, "label": label, "chart": chart, "total": result.totals[key]})
    return render(
        request,
        "knowledge/figures/programme.html",
        {
            "network": network,
            "form": form,
            "period": period,
            "period_label": _period_label(period),
            "result": result,
            "charts": charts,
            "metrics": figures.METRICS,
            "unit": unit,
            "presets": [
                (label, _query(preset), preset == period)
                for label, preset in figures.presets(today)
            ],
            "query": _query(period),
            "today": today,
        },
    )


def _csv_rows(result: figures.ProgrammeFigures):
    writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")
    yield BOM + writer.writerow(
        [_("Period"), _("From"), _("To"), *(str(label) for _key, label in figures.METRICS)]
    )
    for bucket in result.buckets:
        yield writer.writerow(
            [
                no_formula(bucket.label),
                bucket.start.isoformat(),
                bucket.end.isoformat(),
                *(getattr(bucket, key) for key, _label in figures.METRICS),
            ]
        )
    yield writer.writerow(
        [
            no_formula(_("Total")),
            result.period.start.isoformat(),
            result.as_of.isoformat(),
            *(result.totals[key] for key, _label in figures.METRICS),
        ]
    )


@access(Perm("knowledge.view_programme_figures", obj=network_by_slug))
def programme_figures_csv(request, slug):
    network, _today, _form, period, result = _figures(request)
    response = StreamingHttpResponse(_csv_rows(result), content_type="text/csv; charset=utf-8")
    filename = f"kennzahlen-{network.slug}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
