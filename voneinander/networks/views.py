from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.networks import selectors, services
from voneinander.networks.forms import (
    AddContactForm,
    AddCoordinatorForm,
    AddMemberForm,
    ClaimDecisionForm,
    ContactChoiceForm,
    EndMembershipForm,
    MembershipForm,
    NetworkForm,
    RemoveCoordinatorForm,
)
from voneinander.networks.models import ContactPerson, MembershipStatus


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
            "memberships": selectors.newest_memberships(network),
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
        request,
        "networks/network_internal.html",
        {
            "network": network,
            "contacts": contacts,
            "represented": selectors.memberships_represented_by(request.user, network),
        },
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


def _add_errors(form, error: ValidationError, field: str | None = None) -> None:
    """Put a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error)


@access(Perm("networks.manage_network", obj=selectors.network_by_slug))
def network_edit(request, slug):
    network = request.access_object
    form = NetworkForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_network(
                network=network, values=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The network's details have been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("networks:manage", slug=network.slug)
    return render(request, "networks/network_edit.html", {"network": network, "form": form})


@access(Perm("networks.manage_network", obj=selectors.network_by_slug))
def network_members(request, slug):
    """The members in the management area; the form adds one without an application."""
    network = request.access_object
    form = AddMemberForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.add_member(
                network=network,
                municipality=form.municipality,
                role=data["role"],
                member_since=data["member_since"],
                topic_focuses=data.get("topic_focuses", []),
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error, field="municipality")
        else:
            messages.success(
                request,
                _("%(municipality)s is now a member of the network.")
                % {"municipality": membership.municipality},
            )
            return redirect("networks:members", slug=network.slug)
    return render(
        request,
        "networks/network_members.html",
        {
            "network": network,
            "form": form,
            "memberships": selectors.memberships_for_management(network),
        },
    )


def _membership_page(request, membership, *, edit_form=None, contact_form=None):
    """The membership page; a form with errors is shown as it was sent."""
    can_manage = request.user.has_perm("networks.manage_membership", membership)
    active = membership.status == MembershipStatus.ACTIVE
    return render(
        request,
        "networks/membership.html",
        {
            "network": membership.network,
            "membership": membership,
            "active": active,
            "can_manage": can_manage,
            "contacts": selectors.contacts_of(membership),
            "claims": selectors.claims_for(membership) if active else [],
            "edit_form": edit_form or MembershipForm(membership=membership, manage=can_manage),
            "contact_form": contact_form or AddContactForm(),
            "has_errors": bool(
                (edit_form is not None and edit_form.errors)
                or (contact_form is not None and contact_form.errors)
            ),
        },
    )


def _back_to(membership):
    return redirect("networks:membership", slug=membership.network.slug, pk=membership.pk)


@access(Perm("networks.edit_membership_profile", obj=selectors.membership_of_network))
def membership_detail(request, slug, pk):
    return _membership_page(request, request.access_object)


@access(Perm("networks.edit_membership_profile", obj=selectors.membership_of_network))
@require_POST
def membership_edit(request, slug, pk):
    """Coordinators change role, start and topics; contact persons only the topics."""
    membership = request.access_object
    manage = request.user.has_perm("networks.manage_membership", membership)
    form = MembershipForm(request.POST, membership=membership, manage=manage)
    if form.is_valid():
        try:
            changed = services.update_membership(
                membership=membership,
                topic_focuses=form.cleaned_data.get("topic_focuses"),
                role=form.cleaned_data.get("role"),
                member_since=form.cleaned_data.get("member_since"),
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The membership has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return _back_to(membership)
    return _membership_page(request, membership, edit_form=form)


@access(Perm("networks.manage_membership", obj=selectors.membership_of_network))
def membership_end(request, slug, pk):
    """Mark a member as left (never deleted); coming back takes a new application."""
    membership = request.access_object
    if membership.status != MembershipStatus.ACTIVE:
        messages.info(
            request,
            _("%(municipality)s has already left this network.")
            % {"municipality": membership.municipality},
        )
        return _back_to(membership)
    form = EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(
                membership=membership, left_on=form.cleaned_data["left_on"], by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error, field="left_on")
        else:
            messages.success(
                request,
                _("%(municipality)s is now listed as having left the network.")
                % {"municipality": membership.municipality},
            )
            return redirect("networks:members", slug=membership.network.slug)
    return render(
        request,
        "networks/membership_end.html",
        {"network": membership.network, "membership": membership, "form": form},
    )


@access(Perm("networks.edit_membership_profile", obj=selectors.membership_of_network))
@require_POST
def contact_add(request, slug, pk):
    membership = request.access_object
    form = AddContactForm(request.POST)
    if form.is_valid():
        try:
            services.add_contact_person(
                membership=membership,
                user=form.user,
                primary=form.cleaned_data["primary"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error, field="email")
        else:
            messages.success(
                request, _("%(person)s is now a contact person.") % {"person": form.user}
            )
            return _back_to(membership)
    return _membership_page(request, membership, contact_form=form)


def _chosen_contact(request, membership):
    form = ContactChoiceForm(request.POST)
    if not form.is_valid():
        return None
    return (
        ContactPerson.objects.select_related("user")
        .filter(membership=membership, pk=form.cleaned_data["contact_id"])
        .first()
    )


@access(Perm("networks.edit_membership_profile", obj=selectors.membership_of_network))
@require_POST
def contact_remove(request, slug, pk):
    membership = request.access_object
    contact = _chosen_contact(request, membership)
    if contact is None:
        messages.error(request, _("This person is no longer a contact person."))
        return _back_to(membership)
    try:
        services.remove_contact_person(contact=contact, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to(membership)
    messages.success(
        request, _("%(person)s is no longer a contact person.") % {"person": contact.user}
    )
    if not request.user.has_perm("networks.edit_membership_profile", membership):
        return redirect("networks:detail", slug=membership.network.slug)  # removed oneself
    return _back_to(membership)


@access(Perm("networks.edit_membership_profile", obj=selectors.membership_of_network))
@require_POST
def contact_primary(request, slug, pk):
    membership = request.access_object
    contact = _chosen_contact(request, membership)
    if contact is None:
        messages.error(request, _("This person is no longer a contact person."))
        return _back_to(membership)
    try:
        services.set_primary_contact(contact=contact, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(person)s is now the primary contact.") % {"person": contact.user}
        )
    return _back_to(membership)


@access(Perm("networks.edit_membership_profile", obj=selectors.membership_of_network))
@require_POST
def claim_decide(request, slug, pk):
    """Confirm or reject that someone works for this member municipality.

    Open to whoever may keep the membership's profile: its contact persons, the
    network's coordinators and admins.
    """
    membership = request.access_object
    form = ClaimDecisionForm(request.POST)
    claimant = None
    if form.is_valid():
        claimant = get_user_model().objects.filter(pk=form.cleaned_data["user_id"]).first()
    if claimant is None:
        messages.error(request, _("Please choose a person and a decision."))
        return _back_to(membership)
    confirm = form.cleaned_data["decision"] == ClaimDecisionForm.CONFIRM
    decide = services.confirm_affiliation_claim if confirm else services.reject_affiliation_claim
    try:
        decide(membership=membership, user=claimant, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if confirm:
            text = _("%(person)s's affiliation with %(municipality)s is confirmed.")
        else:
            text = _("%(person)s's claim to work for %(municipality)s has been rejected.")
        messages.success(
            request, text % {"person": claimant, "municipality": membership.municipality}
        )
    return _back_to(membership)
