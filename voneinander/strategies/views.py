from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import LOGIN, Perm, access
from voneinander.core.forms import add_service_errors, posted
from voneinander.strategies import selectors, services, steps
from voneinander.strategies.forms import (
    STEP_FORMS,
    InviteForm,
    RoleForm,
    StartForm,
    TitleForm,
    startable_municipalities,
)
from voneinander.strategies.models import Collaborator, CollaboratorRole, StrategyField

HISTORY_PAGE_SIZE = 25


def _page(name: str, strategy) -> str:
    return reverse(f"strategies:{name}", kwargs={"pk": strategy.pk})


@access(LOGIN)
def index(request):
    strategies = (
        selectors.team_strategies(request.user).select_related("municipality").order_by("title")
    )
    return render(
        request,
        "strategies/index.html",
        {
            "strategies": strategies,
            "startable": startable_municipalities(request.user),
        },
    )


@access(Perm("strategies.start_strategy"))
def start(request):
    form = StartForm(posted(request), user=request.user)
    if form.is_valid():
        try:
            strategy = services.start_strategy(
                municipality=form.cleaned_data["municipality"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your strategy has been started."))
            return redirect(strategy)
    return render(request, "strategies/start.html", {"form": form})


def _step_states(strategy):
    return [(step, step.is_done(strategy)) for step in steps.STEPS]


def _frame(strategy) -> dict:
    """What every workbook page's frame (the steps beside the content) needs."""
    return {
        "strategy": strategy,
        "steps": _step_states(strategy),
        "measures_url": _page("measures", strategy),
    }


@access(Perm("strategies.edit_strategy", obj=selectors.strategy_for_team))
def overview(request, pk):
    strategy = request.access_object
    form = TitleForm(posted(request), strategy=strategy, prefix="title")
    if form.is_valid():
        try:
            services.save_step(
                strategy=strategy,
                step=steps.TITLE,
                values=form.values(),
                by=request.user,
                base_version=form.cleaned_data["version"],
            )
        except services.EditConflictError as conflict:
            form.add_error(
                "title",
                _("Someone changed the title meanwhile to “%(title)s”.")
                % {"title": conflict.theirs["title"]},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The title has been saved."))
            return redirect(strategy)
    fields = list(strategy.fields.all())
    return render(
        request,
        "strategies/overview.html",
        {
            "strategy": strategy,
            "form": form,
            "steps": _step_states(strategy),
            "chosen_fields": fields,
            "measure_count": strategy.measures.count(),
            "measures_url": _page("measures", strategy),
            "share_url": _page("share", strategy),
            "export_url": _page("export", strategy),
            "progress_url": _page("progress", strategy),
            "is_lead": request.user.has_perm("strategies.lead_strategy", strategy),
        },
    )


def _step_form_class(step_slug: str):
    try:
        return STEP_FORMS[step_slug]
    except KeyError:
        raise Http404 from None


def _conflict_message(conflict) -> str:
    if conflict.authors:
        return _(
            "%(people)s saved this step after you opened it. Your text has not been saved yet: "
            "compare it with theirs, then save again to keep yours."
        ) % {"people": ", ".join(conflict.authors)}
    return _(
        "This step was saved elsewhere after you opened it. Your text has not been saved yet: "
        "compare it with the saved text, then save again to keep yours."
    )


def _theirs_for_display(conflict) -> dict:
    theirs = dict(conflict.theirs)
    if "fields" in theirs:
        names = StrategyField.objects.filter(pk__in=theirs["fields"]).values_list("name", flat=True)
        theirs["fields"] = ", ".join(names)
    return theirs


@access(Perm("strategies.edit_strategy", obj=selectors.strategy_for_team))
def step(request, pk, step):
    strategy = request.access_object
    form_class = _step_form_class(step)
    current = form_class.step
    form = form_class(posted(request), strategy=strategy)
    conflict = None
    if form.is_valid():
        try:
            services.save_step(
                strategy=strategy,
                step=current,
                values=form.values(),
                by=request.user,
                base_version=form.cleaned_data["version"],
            )
        except services.EditConflictError as error:
            conflict = error
            # Saving again now keeps this person's text: it starts from the current version.
            data = request.POST.copy()
            data["version"] = str(error.version)
            form = form_class(data, strategy=strategy)
            form.is_valid()
            form.add_error(None, _conflict_message(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            following = _following_step(current)
            if "weiter" in request.POST:
                if following is not None:
                    return redirect("strategies:step", pk=strategy.pk, step=following.slug)
                return redirect(strategy)
            return redirect("strategies:step", pk=strategy.pk, step=current.slug)
    return render(
        request,
        f"strategies/step_{current.slug.replace('-', '_')}.html",
        {
            "strategy": strategy,
            "step": current,
            "steps": _step_states(strategy),
            "form": form,
            "conflict": conflict,
            "theirs": _theirs_for_display(conflict) if conflict else None,
            "next_step": _following_step(current),
            "measures_url": _page("measures", strategy),
            "autosave_url": reverse(
                "strategies:autosave", kwargs={"pk": strategy.pk, "step": current.slug}
            ),
            "updated_ms": int(strategy.updated_at.timestamp() * 1000),
        },
    )


def _following_step(current):
    later = [candidate for candidate in steps.STEPS if candidate.number > current.number]
    return later[0] if later else None


def _saved_at(strategy) -> dict:
    moment = timezone.localtime(strategy.updated_at)
    return {
        "version": strategy.version,
        "saved_at": formats.time_format(moment, "H:i"),
        "saved_at_iso": moment.isoformat(),
        "saved_at_ms": int(moment.timestamp() * 1000),
    }


@access(Perm("strategies.edit_strategy", obj=selectors.strategy_for_team))
@require_POST
def autosave(request, pk, step):
    """The step's form sent by workbook.js: JSON with the new version, or 409 with theirs."""
    strategy = request.access_object
    form_class = _step_form_class(step)
    form = form_class(request.POST, strategy=strategy)
    if not form.is_valid():
        return JsonResponse(
            {"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400
        )
    try:
        saved = services.save_step(
            strategy=strategy,
            step=form_class.step,
            values=form.values(),
            by=request.user,
            base_version=form.cleaned_data["version"],
            autosave=True,
        )
    except services.EditConflictError as conflict:
        return JsonResponse(
            {
                "conflict": True,
                "message": _conflict_message(conflict),
                "version": conflict.version,
                "fields": conflict.fields,
                "theirs": conflict.theirs,
            },
            status=409,
        )
    except ValidationError as error:
        return JsonResponse({"errors": {"__all__": error.messages}}, status=400)
    return JsonResponse(_saved_at(saved))


# --- The team ------------------------------------------------------------------------


def _team_page(request, strategy, invite_form=None, status=200):
    is_lead = request.user.has_perm("strategies.lead_strategy", strategy)
    collaborators = sorted(
        Collaborator.objects.filter(strategy=strategy)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email"),
        key=lambda member: member.role != CollaboratorRole.OWNER,  # leads first
    )
    return render(
        request,
        "strategies/team.html",
        {
            **_frame(strategy),
            "collaborators": collaborators,
            "is_lead": is_lead,
            "invite_form": invite_form or (InviteForm() if is_lead else None),
            "roles": CollaboratorRole.choices,
            "lead_count": sum(1 for c in collaborators if c.role == CollaboratorRole.OWNER),
        },
        status=status,
    )


@access(Perm("strategies.edit_strategy", obj=selectors.strategy_for_team))
def team(request, pk):
    return _team_page(request, request.access_object)


@access(Perm("strategies.lead_strategy", obj=selectors.strategy_for_team))
@require_POST
def invite(request, pk):
    strategy = request.access_object
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            collaborator = services.invite_collaborator(
                strategy=strategy,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now on the team and has been told.")
                % {"person": collaborator.user.display_name},
            )
            return redirect("strategies:team", pk=strategy.pk)
    return _team_page(request, strategy, invite_form=form)


@access(Perm("strategies.lead_strategy", obj=selectors.strategy_for_team))
@require_POST
def collaborator(request, pk, collaborator):
    strategy = request.access_object
    member = (
        Collaborator.objects.filter(strategy=strategy, pk=collaborator)
        .select_related("user", "strategy")
        .first()
    )
    if member is None:
        raise Http404
    try:
        if request.POST.get("action") == "remove":
            services.remove_collaborator(collaborator=member, by=request.user)
            messages.success(
                request,
                _("%(person)s is no longer on the team.") % {"person": member.user.display_name},
            )
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a role."))
            services.change_collaborator_role(
                collaborator=member, role=form.cleaned_data["role"], by=request.user
            )
            messages.success(
                request,
                _("The role of %(person)s has been saved.") % {"person": member.user.display_name},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if member.user_id == request.user.pk and not selectors.is_on_team(request.user, strategy):
        return redirect("strategies:index")
    return redirect("strategies:team", pk=strategy.pk)


@access(Perm("strategies.edit_strategy", obj=selectors.strategy_for_team))
def history(request, pk):
    strategy = request.access_object
    changes = strategy.changes.select_related("author").order_by("-created_at", "-pk")
    page = Paginator(changes, HISTORY_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "strategies/history.html",
        {
            **_frame(strategy),
            "page": page,
            "page_links": page.paginator.get_elided_page_range(page.number),
        },
    )
