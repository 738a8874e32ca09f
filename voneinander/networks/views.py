from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.networks import selectors, services
from voneinander.networks.forms import AddCoordinatorForm, RemoveCoordinatorForm


@access(PUBLIC)
def network_list(request):
    return render(
        request, "networks/network_list.html", {"networks": selectors.networks_overview()}
    )


@access(PUBLIC)
def network_detail(request, slug):
    network = selectors.network_by_slug(request, slug)
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "memberships": selectors.active_memberships(network),
            "coordinators": selectors.coordinators_of(network),
        },
    )


@access(Perm("networks.view_internal", obj=selectors.network_by_slug))
def network_internal(request, slug):
    network = request.access_object
    # Everyone here may see contacts shared with the network; those who may
    # manage it (coordinators, admins) also see contacts shared with nobody.
    contacts = selectors.contacts_for(
        network, show_all=request.user.has_perm("networks.manage_network", network)
    )
    return render(
        request, "networks/network_internal.html", {"network": network, "contacts": contacts}
    )


@access(Perm("networks.manage_network", obj=selectors.network_by_slug))
def network_manage(request, slug):
    network = request.access_object
    form = AddCoordinatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_coordinator(network=network, user=form.user, by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("%(person)s now coordinates this network.") % {"person": form.user}
            )
            return redirect("networks:manage", slug=network.slug)
    return render(
        request,
        "networks/network_manage.html",
        {"network": network, "form": form, "coordinators": selectors.coordinators_of(network)},
    )


@access(Perm("networks.manage_network", obj=selectors.network_by_slug))
@require_POST
def network_remove_coordinator(request, slug):
    network = request.access_object
    form = RemoveCoordinatorForm(request.POST)
    if form.is_valid():
        user = get_object_or_404(get_user_model(), pk=form.cleaned_data["user_id"])
        try:
            services.remove_coordinator(network=network, user=user, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(person)s no longer coordinates this network.") % {"person": user}
            )
    return redirect("networks:manage", slug=network.slug)
