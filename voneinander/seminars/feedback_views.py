"""Module feedback (participants rate, organisers read and export) and programme versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from voneinander.core.access import Perm, access
from voneinander.core.forms import add_service_errors, posted
from voneinander.core.http import private_download
from voneinander.seminars import feedback_exports, feedback_selectors, feedback_services
from voneinander.seminars.feedback_forms import ModuleFeedbackForm, ProgrammeVersionForm
from voneinander.seminars.selectors import module_for_viewer, programme_for_viewer
from voneinander.seminars.templatetags.seminar_feedback import box_context

RATE = Perm("seminars.rate_module", obj=module_for_viewer)
VIEW = Perm("seminars.view_programme", obj=programme_for_viewer, login=False)
READ_FEEDBACK = Perm("seminars.view_module_feedback", obj=programme_for_viewer)
NEW_VERSION = Perm("seminars.create_programme_version", obj=programme_for_viewer)


@access(RATE)
@require_http_methods(["GET", "POST"])
def rate(request, slug, pk):
    """A plain POST answers with a redirect to the module page (or this page with the
    form's errors); an htmx request from the module page with the box alone."""
    module = request.access_object
    programme = module.programme
    enrolled = feedback_selectors.takes_part(request.user, programme)
    given = feedback_selectors.own_feedback(module, request.user, programme.version_label)
    initial = {"rating": given.rating, "comment": given.comment} if given else None
    form = ModuleFeedbackForm(posted(request), initial=initial, module=module)
    notice = ""
    if request.method == "POST" and enrolled and form.is_valid():
        try:
            given = feedback_services.rate_module(
                module=module,
                user=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            notice = (
                _("Your rating has been changed.") if initial else _("Thank you for your rating.")
            )
            if not request.htmx:
                messages.success(request, notice)
                return redirect(module.get_absolute_url())
            form = ModuleFeedbackForm(
                initial={"rating": given.rating, "comment": given.comment}, module=module
            )
    context = box_context(request, module, form=form, given=given, enrolled=enrolled)
    context["notice"] = notice
    if request.htmx:
        return render(request, "seminars/feedback/_box.html", context)
    return render(request, "seminars/feedback/rate.html", context)


@access(READ_FEEDBACK)
def summary(request, slug):
    programme = request.access_object
    return render(
        request,
        "seminars/feedback/summary.html",
        {
            "programme": programme,
            "summary": feedback_selectors.feedback_summary(programme),
            "may_revise": request.user.has_perm("seminars.create_programme_version", programme),
        },
    )


@access(READ_FEEDBACK)
def export(request, slug):
    programme = request.access_object
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(programme.title)[:60] or "seminar"
    stamp = timezone.localdate().isoformat()
    private_download(response, f"{name}-feedback-{stamp}.csv")
    feedback_exports.write_feedback_csv(feedback_selectors.feedback_summary(programme), response)
    return response


@access(VIEW)
def versions(request, slug):
    programme = request.access_object
    return render(
        request,
        "seminars/feedback/versions.html",
        {
            "programme": programme,
            "versions": feedback_selectors.version_history(programme),
            "may_revise": request.user.has_perm("seminars.create_programme_version", programme),
        },
    )


@access(NEW_VERSION)
@require_http_methods(["GET", "POST"])
def version_create(request, slug):
    programme = request.access_object
    form = ProgrammeVersionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = feedback_services.create_programme_version(
                programme=programme, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The programme is now version “%(label)s”.") % {"label": version.label},
            )
            return redirect("seminars:versions", slug=programme.slug)
    return render(
        request,
        "seminars/feedback/version_form.html",
        {"programme": programme, "form": form},
    )
