"""Pages of the solutions catalogue (Praxisbeispiele): list, detail, create and edit,
history, images and attachments, curation and the vocabulary of topics."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import LOGIN, PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.core.forms import posted
from voneinander.core.http import sandboxed
from voneinander.knowledge import files, selectors, services
from voneinander.knowledge.forms import (
    CatalogueFilterForm,
    MergeForm,
    SolutionFileForm,
    SolutionForm,
    TopicForm,
    software_formset,
    software_rows,
)

PAGE_SIZE = 20
RESULTS_ID = "catalogue-results"

VIEW = Perm("knowledge.view_solution", obj=selectors.solution_for_viewer, login=False)
DETAIL = Perm("knowledge.view_solution", obj=selectors.solution_for_detail, login=False)
CREATE = Perm("knowledge.create_solution", obj=selectors.network_for_creating)
EDIT = Perm("knowledge.edit_solution", obj=selectors.solution_for_viewer)
CURATE = Perm("knowledge.curate_solution", obj=selectors.solution_for_viewer)
TOPICS = Perm("knowledge.manage_topics")
TOPIC = Perm("knowledge.manage_topics", obj=selectors.topic_by_pk)


# --- The list ----------------------------------------------------------------------------


def _wants_results_only(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and htmx.target == RESULTS_ID and not htmx.history_restore_request


@access(PUBLIC)
def catalogue(request):
    user = request.user
    form = CatalogueFilterForm(
        request.GET or None,
        topics=selectors.topics_for_filter(),
        networks=list(selectors.networks_for_filter()),
        archive_option=selectors.may_include_inactive(user),
    )
    filters = form.catalogue_filter()
    page = Paginator(selectors.catalogue_rows(user, filters), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "results_id": RESULTS_ID,
        "can_create": user.is_authenticated and selectors.networks_for_creating(user).exists(),
        "can_manage_topics": user.has_perm("knowledge.manage_topics"),
    }
    template = "knowledge/catalogue/catalogue.html"
    if _wants_results_only(request):
        template += "#results"
    response = render(request, template, context)
    # The same address answers with a whole page or with the results only.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


# --- One solution ------------------------------------------------------------------------


@access(DETAIL)
def solution_detail(request, slug):
    solution = request.access_object
    if solution.slug != slug:  # a merged duplicate: its content lives on there for good
        return redirect(solution.get_absolute_url(), permanent=True)
    user = request.user
    return render(
        request,
        "knowledge/catalogue/solution_detail.html",
        {
            "solution": solution,
            "parts": selectors.parts_of(solution),
            "contact": selectors.solution_contact_for(user, solution),
            "can_edit": user.has_perm("knowledge.edit_solution", solution),
            "can_curate": user.has_perm("knowledge.curate_solution", solution),
        },
    )


@access(VIEW)
def solution_history(request, slug):
    solution = request.access_object
    return render(
        request,
        "knowledge/catalogue/history.html",
        {
            "solution": solution,
            "revisions": selectors.history_of(solution, viewer=request.user),
            "values_shown": selectors.history_values_shown(request.user, solution),
        },
    )


# --- Creating and editing ----------------------------------------------------------------


@access(LOGIN)
def solution_create_start(request):
    """First step: the network whose catalogue the solution goes into."""
    networks = list(selectors.networks_for_creating(request.user))
    chosen = request.GET.get("netzwerk", "")
    by_slug = {network.slug: network for network in networks}
    if chosen in by_slug:
        return redirect("knowledge:solution_create", network=chosen)
    if len(networks) == 1:
        return redirect("knowledge:solution_create", network=networks[0].slug)
    return render(request, "knowledge/catalogue/create_start.html", {"networks": networks})


def _form_page(request, *, form, formset, network, solution=None, status=200):
    return render(
        request,
        "knowledge/catalogue/solution_form.html",
        {"form": form, "formset": formset, "network": network, "solution": solution},
        status=status,
    )


@access(CREATE)
def solution_create(request, network):
    network = request.access_object
    user = request.user
    if not selectors.owner_choices(user, network).exists():
        return render(request, "knowledge/catalogue/create_not_possible.html", {"network": network})
    form = SolutionForm(posted(request), network=network, user=user)
    formset = software_formset(posted(request))
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        data = {**form.values(), "software": software_rows(formset)}
        try:
            solution = services.create_solution(
                by=user, network=network, owner=form.chosen_owner(), data=data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now in the catalogue. You can add images and attachments.")
                % {"title": solution.title},
            )
            return redirect(solution.get_absolute_url())
    return _form_page(request, form=form, formset=formset, network=network)


@access(EDIT)
def solution_edit(request, slug):
    solution = request.access_object
    user = request.user
    form = SolutionForm(posted(request), network=solution.network, user=user, solution=solution)
    formset = software_formset(posted(request), solution=solution)
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        changes = {**form.values(), "software": software_rows(formset)}
        if "owner" in form.fields:
            changes["owner"] = form.cleaned_data["owner"]
        try:
            revision = services.update_solution(
                solution=solution, by=user, changes=changes, note=form.cleaned_data.get("note", "")
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if revision is None:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("Your changes have been saved."))
            return redirect(solution.get_absolute_url())
    return _form_page(
        request, form=form, formset=formset, network=solution.network, solution=solution
    )


# --- Images and attachments --------------------------------------------------------------


@access(EDIT)
def solution_files(request, slug):
    solution = request.access_object
    form = SolutionFileForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.add_solution_file(
                solution=solution,
                by=request.user,
                upload=data["file"],
                kind=data["kind"],
                title=data["title"],
                alt_text=data.get("alt_text", ""),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” has been added.") % {"title": item.title})
            return redirect("knowledge:solution_files", slug=solution.slug)
    return render(
        request,
        "knowledge/catalogue/files.html",
        {"solution": solution, "parts": selectors.parts_of(solution), "form": form},
    )


@access(VIEW)
@sandboxed
def solution_file(request, slug, pk):
    solution = request.access_object
    return files.file_response(selectors.file_of(solution, pk))


@access(EDIT)
def solution_file_delete(request, slug, pk):
    solution = request.access_object
    item = selectors.file_of(solution, pk)
    if request.method == "POST":
        services.delete_solution_file(item=item, by=request.user)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": item.title})
        return redirect("knowledge:solution_files", slug=solution.slug)
    return render(
        request, "knowledge/catalogue/file_delete.html", {"solution": solution, "item": item}
    )


# --- Curation ----------------------------------------------------------------------------


def _curate_page(request, solution, *, merge_form=None, status=200):
    return render(
        request,
        "knowledge/catalogue/curate.html",
        {
            "solution": solution,
            "merge_form": merge_form or MergeForm(user=request.user, solution=solution),
        },
        status=status,
    )


@access(CURATE)
def solution_curate(request, slug):
    return _curate_page(request, request.access_object)


@access(CURATE)
@require_POST
def solution_feature(request, slug):
    solution = request.access_object
    featured = request.POST.get("featured") == "1"
    services.set_featured(solution=solution, by=request.user, featured=featured)
    if featured:
        messages.success(request, _("The solution is now featured at the top of the catalogue."))
    else:
        messages.success(request, _("The solution is no longer featured."))
    return redirect("knowledge:solution_curate", slug=solution.slug)


@access(CURATE)
@require_POST
def solution_archive(request, slug):
    solution = request.access_object
    if request.POST.get("archive") == "1":
        services.archive_solution(solution=solution, by=request.user)
        messages.success(
            request,
            _(
                "The solution has been archived. Only its municipality and the network's "
                "coordinators see it now."
            ),
        )
    else:
        services.restore_solution(solution=solution, by=request.user)
        messages.success(request, _("The solution is back in the catalogue."))
    return redirect("knowledge:solution_curate", slug=solution.slug)


@access(CURATE)
@require_POST
def solution_merge(request, slug):
    """Merge a duplicate: the form on the curation page, then a confirmation page."""
    solution = request.access_object
    form = MergeForm(request.POST, user=request.user, solution=solution)
    if not form.is_valid():
        return _curate_page(request, solution, merge_form=form)
    into = form.cleaned_data["into"]
    if not form.cleaned_data.get("confirmed"):
        return render(
            request,
            "knowledge/catalogue/merge_confirm.html",
            {"solution": solution, "into": into, "form": form},
        )
    try:
        services.merge_solution(duplicate=solution, into=into, by=request.user)
    except ValidationError as error:
        _add_errors(form, error)
        return _curate_page(request, solution, merge_form=form)
    messages.success(
        request,
        _("“%(duplicate)s” has been merged into “%(title)s”. Its address now leads here.")
        % {"duplicate": solution.title, "title": into.title},
    )
    return redirect(into.get_absolute_url())


# --- The vocabulary ----------------------------------------------------------------------


@access(TOPICS)
def topic_list(request):
    form = TopicForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.create_topic(
                by=request.user,
                name=data["name"],
                description=data["description"],
                is_field=data["is_field"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": topic.name})
            return redirect("knowledge:topics")
    return render(
        request,
        "knowledge/catalogue/topics.html",
        {"topics": selectors.topics_for_management(), "form": form},
    )


@access(TOPIC)
def topic_edit(request, pk):
    topic = request.access_object
    initial = {
        "name": topic.name,
        "description": topic.description,
        "is_field": topic.is_field,
        "active": topic.active,
    }
    form = TopicForm(posted(request), initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_topic(
                topic=topic,
                by=request.user,
                name=data["name"],
                description=data["description"],
                is_field=data["is_field"],
                active=data["active"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The topic has been saved."))
            return redirect("knowledge:topics")
    return render(request, "knowledge/catalogue/topic_edit.html", {"topic": topic, "form": form})
