"""Seminar pages: programmes, modules, materials, enrolment, progress, and organising."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import LOGIN, PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors, posted, posted_files
from voneinander.core.http import sandboxed
from voneinander.news import files
from voneinander.seminars import selectors, services
from voneinander.seminars.forms import (
    DateForm,
    DecisionForm,
    EnrolForm,
    LinkEventForm,
    MaterialForm,
    ModuleForm,
    ProgrammeForm,
)
from voneinander.seminars.models import EnrolmentMode, EnrolmentStatus, MaterialKind

VIEW = Perm("seminars.view_programme", obj=selectors.programme_for_viewer, login=False)
VIEW_MODULE = Perm("seminars.view_programme", obj=selectors.module_for_viewer, login=False)
VIEW_MATERIAL = Perm("seminars.view_material", obj=selectors.material_for_viewer, login=False)
ENROL = Perm("seminars.enrol", obj=selectors.programme_for_viewer)
WITHDRAW = Perm("seminars.withdraw", obj=selectors.programme_for_viewer)
TRACK = Perm("seminars.track_progress", obj=selectors.module_for_viewer)
MANAGE = Perm("seminars.manage_programme", obj=selectors.programme_for_viewer)
MANAGE_MODULE = Perm("seminars.manage_programme", obj=selectors.module_for_viewer)
CREATE = Perm("seminars.create_programme")


# --- For everyone ----------------------------------------------------------------------------


@access(PUBLIC)
def programme_list(request):
    return render(
        request,
        "seminars/list.html",
        {
            "programmes": selectors.programme_list(request.user),
            "can_create": request.user.has_perm("seminars.create_programme"),
        },
    )


@access(LOGIN)
def my_seminars(request):
    return render(
        request, "seminars/mine.html", {"enrolments": selectors.my_enrolments(request.user)}
    )


@access(VIEW)
def programme_detail(request, slug):
    programme = request.access_object
    user = request.user
    modules = selectors.modules_with_dates(programme, user)
    enrolment = selectors.enrolment_for(user, programme)
    return render(
        request,
        "seminars/programme.html",
        {
            "programme": programme,
            "partners": list(programme.partners.all()),
            "modules": modules,
            "enrolment": enrolment,
            "progress": selectors.progress_of(enrolment, [m.pk for m in modules]),
            "can_manage": user.has_perm("seminars.manage_programme", programme),
            "can_enrol": user.has_perm("seminars.enrol", programme),
            "on_approval": programme.enrolment_mode == EnrolmentMode.APPROVAL,
            "pending_count": (
                selectors.pending_requests(programme).count()
                if user.has_perm("seminars.manage_programme", programme)
                else 0
            ),
        },
    )


@access(VIEW_MODULE)
def module_detail(request, slug, pk):
    module = request.access_object
    programme = module.programme
    user = request.user
    enrolment = selectors.enrolment_for(user, programme)
    progress = selectors.progress_of(enrolment, [module.pk])
    checked = progress.checked.get(module.pk, set()) if progress else set()
    return render(
        request,
        "seminars/module.html",
        {
            "programme": programme,
            "module": module,
            "dates": selectors.dates_of(module, user),
            "progress": progress,
            "is_done": bool(progress and module.pk in progress.completed),
            "can_track": user.has_perm("seminars.track_progress", module),
            "can_manage": user.has_perm("seminars.manage_programme", programme),
            "enrolment": enrolment,
            **selectors.module_materials(user, module, checked),
        },
    )


@access(VIEW_MATERIAL)
@sandboxed
def material_file(request, slug, pk, material):
    item = request.access_object
    if item.kind not in {MaterialKind.DOCUMENT, MaterialKind.SLIDES}:
        raise Http404
    return files.file_response(
        item.file,
        content_type=item.content_type,
        filename=files.download_name(item.original_name, item.title, item.content_type),
        inline=False,
    )


# --- Enrolment and progress ---------------------------------------------------------------


@access(ENROL)
def enrol(request, slug):
    programme = request.access_object
    enrolment = selectors.enrolment_for(request.user, programme)
    form = EnrolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrol(programme=programme, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if enrolment.status == EnrolmentStatus.ACTIVE:
                messages.success(request, _("You are enrolled. Welcome!"))
            else:
                messages.success(
                    request,
                    _("Your request has been sent. The organisers will let you know by e-mail."),
                )
            return redirect(programme)
    return render(
        request,
        "seminars/enrol.html",
        {
            "programme": programme,
            "form": form,
            "enrolment": enrolment,
            "on_approval": programme.enrolment_mode == EnrolmentMode.APPROVAL,
        },
        status=400 if form.errors else 200,
    )


@access(WITHDRAW)
def withdraw(request, slug):
    programme = request.access_object
    enrolment = selectors.enrolment_for(request.user, programme)
    if enrolment is None:  # superusers pass every rule
        raise Http404
    if request.method == "POST":
        services.withdraw(enrolment=enrolment, by=request.user)
        messages.success(request, _("You have withdrawn from “%(title)s”.") % {"title": programme})
        return redirect(programme)
    return render(
        request, "seminars/withdraw.html", {"programme": programme, "enrolment": enrolment}
    )


@access(TRACK)
@require_POST
def progress(request, slug, pk):
    """The participant's checklist and "done" for one module (a plain form; htmx optional)."""
    module = request.access_object
    enrolment = selectors.enrolment_for(request.user, module.programme)
    if enrolment is None or enrolment.status != EnrolmentStatus.ACTIVE:
        raise Http404  # superusers pass every rule, but track nothing
    action = request.POST.get("action")
    if action == "checklist":
        services.save_checklist(
            enrolment=enrolment, module=module, checked=request.POST.getlist("item")
        )
        messages.success(request, _("Your checklist has been saved."))
    elif action in {"done", "undone"}:
        services.mark_module_done(enrolment=enrolment, module=module, done=action == "done")
        if action == "done":
            messages.success(request, _("The module is marked as done."))
        else:
            messages.success(request, _("The module is no longer marked as done."))
    else:
        raise Http404
    return redirect(module)


# --- Organising -------------------------------------------------------------------------------


@access(CREATE)
def programme_create(request):
    form = ProgrammeForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(
                by=request.user,
                values=form.values(),
                partners=form.cleaned_data["partners"],
                organisers=form.cleaned_data["organisers"] or (),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme has been created. Now add its modules."))
            return redirect(programme)
    return render(
        request,
        "seminars/programme_form.html",
        {"form": form, "programme": None},
        status=400 if form.errors else 200,
    )


@access(MANAGE)
def programme_edit(request, slug):
    programme = request.access_object
    form = ProgrammeForm(posted(request), user=request.user, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.update_programme(
                programme=programme,
                by=request.user,
                values=form.values(),
                partners=form.cleaned_data["partners"],
                organisers=form.cleaned_data["organisers"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(programme)
    return render(
        request,
        "seminars/programme_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@access(MANAGE)
def requests_inbox(request, slug):
    programme = request.access_object
    return render(
        request,
        "seminars/requests.html",
        {"programme": programme, "requests": selectors.pending_requests(programme)},
    )


@access(MANAGE)
def decide(request, slug, pk):
    programme = request.access_object
    enrolment = selectors.enrolment_of_programme(programme, pk)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.approve_enrolment(enrolment=enrolment, by=request.user)
                messages.success(
                    request, _("%(person)s has been admitted.") % {"person": enrolment.user}
                )
            elif action == "decline":
                services.decline_enrolment(
                    enrolment=enrolment, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _("The request of %(person)s was declined.") % {"person": enrolment.user},
                )
            else:
                raise Http404
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("seminars:requests", slug=programme.slug)
    return render(
        request,
        "seminars/decide.html",
        {"programme": programme, "enrolment": enrolment, "form": form},
        status=400 if form.errors else 200,
    )


@access(MANAGE)
def participants(request, slug):
    programme = request.access_object
    modules, rows = selectors.participant_table(programme)
    return render(
        request,
        "seminars/participants.html",
        {"programme": programme, "modules": modules, "rows": rows},
    )


@access(MANAGE)
def module_create(request, slug):
    programme = request.access_object
    form = ModuleForm(posted(request), programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            module = services.create_module(
                programme=programme, by=request.user, values=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The module has been added. Now add materials and dates."))
            return redirect("seminars:materials", slug=programme.slug, pk=module.pk)
    return render(
        request,
        "seminars/module_form.html",
        {"programme": programme, "module": None, "form": form},
        status=400 if form.errors else 200,
    )


@access(MANAGE_MODULE)
def module_edit(request, slug, pk):
    module = request.access_object
    programme = module.programme
    form = ModuleForm(posted(request), programme=programme, module=module)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_module(module=module, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(module)
    return render(
        request,
        "seminars/module_form.html",
        {"programme": programme, "module": module, "form": form},
        status=400 if form.errors else 200,
    )


@access(MANAGE_MODULE)
@require_POST
def module_move(request, slug, pk):
    module = request.access_object
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise Http404
    services.move_module(module=module, by=request.user, direction=direction)
    return redirect(module.programme)


@access(MANAGE_MODULE)
def module_delete(request, slug, pk):
    module = request.access_object
    programme = module.programme
    if request.method == "POST":
        services.delete_module(module=module, by=request.user)
        messages.success(request, _("“%(title)s” has been deleted.") % {"title": module.title})
        return redirect(programme)
    return render(
        request, "seminars/module_delete.html", {"programme": programme, "module": module}
    )


@access(MANAGE_MODULE)
def materials(request, slug, pk):
    """The module's materials for organisers: add (upload, link, video, checklist), remove."""
    module = request.access_object
    programme = module.programme
    form = MaterialForm(posted(request), posted_files(request))
    if request.method == "POST" and request.POST.get("action") == "delete":
        material = selectors.material_of(module, request.POST.get("material") or 0)
        services.delete_material(material=material, by=request.user)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": material.title})
        return redirect("seminars:materials", slug=programme.slug, pk=module.pk)
    if request.method == "POST" and form.is_valid():
        try:
            material = services.add_material(module=module, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” has been added.") % {"title": material.title})
            return redirect("seminars:materials", slug=programme.slug, pk=module.pk)
    return render(
        request,
        "seminars/materials.html",
        {
            "programme": programme,
            "module": module,
            "form": form,
            "materials": list(module.materials.order_by("position", "pk")),
        },
        status=400 if form.errors else 200,
    )


@access(MANAGE_MODULE)
def module_dates(request, slug, pk):
    """A module's dates: create a new seminar date, link an existing event, or unlink one."""
    module = request.access_object
    programme = module.programme
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    date_form = DateForm(request.POST if action == "create" else None)
    link_form = LinkEventForm(
        request.POST if action == "link" else None,
        events=selectors.linkable_events(user),
    )
    if action == "create" and date_form.is_valid():
        try:
            event = services.add_module_date(module=module, by=user, values=date_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(date_form, error)
        else:
            messages.success(
                request,
                _("The date “%(title)s” has been created. Set its registration on the event page.")
                % {"title": event.title},
            )
            return redirect("seminars:dates", slug=programme.slug, pk=module.pk)
    elif action == "link" and link_form.is_valid():
        try:
            services.link_event(module=module, event=link_form.cleaned_data["event"], by=user)
        except ValidationError as error:
            add_service_errors(link_form, error)
        else:
            messages.success(request, _("The event is now a date of the module."))
            return redirect("seminars:dates", slug=programme.slug, pk=module.pk)
    elif action == "unlink":
        event = next(
            (e for e in selectors.dates_of(module, user) if str(e.pk) == request.POST.get("event")),
            None,
        )
        if event is None:
            raise Http404
        services.unlink_event(module=module, event=event, by=user)
        messages.success(request, _("The event is no longer a date of the module."))
        return redirect("seminars:dates", slug=programme.slug, pk=module.pk)
    elif action not in {None, "create", "link"}:
        raise Http404
    has_errors = bool(date_form.errors or link_form.errors)
    return render(
        request,
        "seminars/dates.html",
        {
            "programme": programme,
            "module": module,
            "dates": selectors.dates_of(module, user),
            "date_form": date_form,
            "link_form": link_form,
        },
        status=400 if has_errors else 200,
    )
