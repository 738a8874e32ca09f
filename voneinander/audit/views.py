from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from voneinander.audit.actions import ACTIONS
from voneinander.audit.selectors import audit_events
from voneinander.core.access import Perm, access


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("all actions"))] + [(key, label) for key, label in ACTIONS.items()],
    )
    q = forms.CharField(label=_("Person or object"), required=False, max_length=100)


@access(Perm("core.view_audit_log"))
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(action=filters.get("action", ""), query=filters.get("q", ""))
    page = Paginator(events, 50).get_page(request.GET.get("seite"))
    page_links = page.paginator.get_elided_page_range(page.number)
    return render(
        request, "audit/audit_log.html", {"form": form, "page": page, "page_links": page_links}
    )
