"""Alliances: the public list and pages; creating and keeping them current."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.knowledge import alliance_selectors as selectors
from voneinander.knowledge import alliance_services as services
from voneinander.knowledge.brokering_forms import (
    AddPartnerForm,
    AllianceFilterForm,
    AllianceForm,
    PartnerFormSet,
)
from voneinander.networks.selectors import network_by_slug


@access(PUBLIC)
def alliance_list(request):
    networks = selectors.networks_with_alliances()
    filter_form = AllianceFilterForm(request.GET or None, networks=networks)
    chosen = filter_form.cleaned_data if filter_form.is_valid() else {}
    alliance_list = list(
        selectors.alliances(
            network_slug=chosen.get("netzwerk", ""), status=chosen.get("status", "")
        )
    )
    return render(
        request,
        "knowledge/alliances/list.html",
        {
            "alliances": alliance_list,
            "visible_solution_ids": selectors.visible_solution_ids(request.user, alliance_list),
            "filter_form": filter_form,
            "filtered": bool(chosen.get("netzwerk") or chosen.get("status")),
        },
    )


@access(PUBLIC)
def alliance_detail(request, slug):
    alliance = selectors.alliance_by_slug(request, slug)
    return render(
        request,
        "knowledge/alliances/detail.html",
        {
            "alliance": alliance,
            "network": alliance.network,
            "solution": selectors.visible_solution(request.user, alliance),
            "can_manage": request.user.has_perm("knowledge.manage_alliance", alliance),
        },
    )


@access(Perm("knowledge.create_alliance", obj=network_by_slug))
def alliance_create(request, slug):
    network = request.access_object
    solutions = selectors.solutions_for_alliance(request.user, network)
    form = AllianceForm(request.POST or None, solutions=solutions)
    partner_form = AddPartnerForm(request.POST or None, prefix="add")
    if request.method == "POST" and form.is_valid() and partner_form.is_valid():
        data, partner = form.cleaned_data, partner_form.cleaned_data
        partners = [(partner["municipality"], partner["role"])] if partner["municipality"] else []
        try:
            alliance = services.create_alliance(
                network=network,
                by=request.user,
                title=data["title"],
                description=data["description"],
                status=data["status"],
                formed_on=data["formed_on"],
                solution=data["solution"],
                partners=partners,
            )
        except ValidationError as error:
            _add_error(form, partner_form, error)
        else:
            messages.success(
                request, _("The alliance has been created. You can add further partners here.")
            )
            return redirect("knowledge:alliance_edit", slug=alliance.slug)
    return render(
        request,
        "knowledge/alliances/form.html",
        {"network": network, "form": form, "partner_form": partner_form, "alliance": None},
    )


@access(Perm("knowledge.manage_alliance", obj=selectors.alliance_by_slug))
def alliance_edit(request, slug):
    """Coordinators change everything, partners; partner municipalities description and status."""
    alliance = request.access_object
    network = alliance.network
    full = request.user.has_perm("knowledge.create_alliance", network)
    partners = list(alliance.partner_links.all())
    initial = {
        "title": alliance.title,
        "description": alliance.description,
        "status": alliance.status,
        "formed_on": alliance.formed_on,
        "solution": alliance.solution_id,
    }
    solutions = selectors.solutions_for_alliance(request.user, network)
    data = request.POST if request.method == "POST" else None
    form = AllianceForm(data, initial=initial, solutions=solutions, full=full)
    formset = partner_form = None
    if full:
        formset = PartnerFormSet(
            data,
            prefix="partners",
            initial=[{"partner": p.pk, "role": p.role, "joined_on": p.joined_on} for p in partners],
        )
        partner_form = AddPartnerForm(data, prefix="add")
    if request.method == "POST":
        valid = form.is_valid()
        if full:
            valid = formset.is_valid() and partner_form.is_valid() and valid
        if valid:
            try:
                _save(request, alliance, form, formset, partner_form, partners)
            except ValidationError as error:
                _add_error(form, partner_form, error)
            else:
                messages.success(request, _("The alliance has been saved."))
                if partner_form and partner_form.cleaned_data.get("municipality"):
                    return redirect("knowledge:alliance_edit", slug=alliance.slug)
                return redirect("knowledge:alliance", slug=alliance.slug)
    partner_rows = []
    if formset is not None:
        by_pk = {partner.pk: partner for partner in partners}
        for partner_row in formset:
            pk = partner_row["partner"].value()
            partner_rows.append((by_pk.get(_int(pk)), partner_row))
    return render(
        request,
        "knowledge/alliances/form.html",
        {
            "network": network,
            "alliance": alliance,
            "form": form,
            "formset": formset,
            "partner_rows": partner_rows,
            "partner_form": partner_form,
            "full": full,
        },
    )


def _add_error(form, partner_form, error: ValidationError) -> None:
    """A duplicate partner belongs to the partner field; anything else to the whole form."""
    code = getattr(error, "code", None)
    if partner_form is not None and code == "duplicate":
        partner_form.add_error("municipality", error)
    else:
        form.add_error(None, ValidationError(error.messages))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _save(request, alliance, form, formset, partner_form, partners) -> None:
    """Everything in one transaction: a failing partner leaves the alliance unchanged."""
    with transaction.atomic():
        services.update_alliance(alliance=alliance, by=request.user, **form.cleaned_data)
        if formset is None:
            return
        by_pk = {partner.pk: partner for partner in partners}
        for row in formset.cleaned_data:
            partner = by_pk.get(row.get("partner"))
            if partner is None:
                continue  # removed by somebody else meanwhile
            if row.get("remove"):
                services.remove_partner(partner=partner, by=request.user)
            else:
                services.change_partner(
                    partner=partner, by=request.user, role=row["role"], joined_on=row["joined_on"]
                )
        added = partner_form.cleaned_data
        if added.get("municipality"):
            services.add_partner(
                alliance=alliance,
                by=request.user,
                municipality=added["municipality"],
                role=added["role"],
                joined_on=added["joined_on"],
            )
