"""Pages for reuse: record, edit and remove an adoption of a solution."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from voneinander.core.access import Perm, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.knowledge import adoption_selectors as selectors
from voneinander.knowledge import adoption_services as services
from voneinander.knowledge.adoption_forms import AdoptionForm
from voneinander.knowledge.selectors import solution_for_viewer


@access(Perm("knowledge.record_adoption", obj=solution_for_viewer))
def adoption_create(request, slug):
    solution = request.access_object
    municipalities = selectors.municipalities_user_speaks_for(request.user, solution)
    choices = list(municipalities)
    existing = selectors.existing_adoption(solution, [m.pk for m in choices])
    if existing is not None and len(choices) == 1:
        # Only one municipality to speak for, and it has already recorded reuse.
        messages.info(
            request,
            _("%(municipality)s has already recorded reuse of this solution; you can edit it here.")
            % {"municipality": existing.municipality},
        )
        return redirect("knowledge:adoption_edit", pk=existing.pk)
    form = None
    if choices and solution.is_active:
        form = AdoptionForm(
            request.POST or None,
            municipalities=municipalities,
            people=selectors.contact_candidates(
                user=request.user, municipality_ids=[m.pk for m in choices]
            ),
            user=request.user,
        )
    duplicate = None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.record_adoption(
                solution=solution,
                municipality=form.cleaned_data["municipality"],
                by=request.user,
                **form.values(),
            )
        except services.DuplicateAdoptionError as error:
            duplicate = error.existing
            form.add_error("municipality", error)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you: the reuse has been recorded."))
            return redirect(solution.get_absolute_url())
    return render(
        request,
        "knowledge/reuse/adoption_form.html",
        {
            "solution": solution,
            "form": form,
            "duplicate": duplicate,
            "only_municipality": choices[0] if len(choices) == 1 else None,
            "is_owner_only": not choices and request.user.municipality_id == solution.owner_id,
        },
    )


@access(Perm("knowledge.edit_adoption", obj=selectors.adoption_for_viewer))
def adoption_edit(request, pk):
    adoption = request.access_object
    solution = adoption.solution
    form = AdoptionForm(
        request.POST or None,
        municipalities=None,
        people=selectors.contact_candidates(
            user=request.user, municipality_ids=[adoption.municipality_id], current=adoption.contact
        ),
        adoption=adoption,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_adoption(adoption=adoption, by=request.user, **form.values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The reuse record has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(solution.get_absolute_url())
    return render(
        request,
        "knowledge/reuse/adoption_form.html",
        {"solution": solution, "adoption": adoption, "form": form},
    )


@access(Perm("knowledge.edit_adoption", obj=selectors.adoption_for_viewer))
def adoption_delete(request, pk):
    adoption = request.access_object
    solution = adoption.solution
    if request.method == "POST":
        services.delete_adoption(adoption=adoption, by=request.user)
        messages.success(
            request,
            _("The reuse record of %(municipality)s has been removed.")
            % {"municipality": adoption.municipality},
        )
        return redirect(solution.get_absolute_url())
    return render(
        request,
        "knowledge/reuse/adoption_delete.html",
        {
            "solution": solution,
            "adoption": adoption,
            "cancel_url": reverse("knowledge:adoption_edit", kwargs={"pk": adoption.pk}),
        },
    )
