from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.admissions import letters, selectors, services
from voneinander.admissions.forms import ApplicationForm, DecisionForm, InboxFilterForm
from voneinander.admissions.notice import notice_filename
from voneinander.core.access import LOGIN, Perm, access
from voneinander.core.http import sandboxed
from voneinander.networks.selectors import network_by_slug

# Service errors that concern one form field rather than the whole form.
_FIELD_OF_CODE = {
    "kind": "municipality",
    "member": "municipality",
    "open": "municipality",
    "no_contact": "applicant_is_contact",
    **dict.fromkeys(letters.MESSAGES, "letter"),
}


def _add_service_error(form, error: ValidationError) -> None:
    code = error.error_list[0].code if error.error_list else None
    field = _FIELD_OF_CODE.get(code or "")
    form.add_error(field if field in form.fields else None, error)


@access(Perm("admissions.apply", obj=network_by_slug))
def apply(request, slug):
    network = request.access_object
    form = ApplicationForm(
        request.POST or None, request.FILES or None, network=network, user=request.user
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                application = services.submit_application(
                    network=network,
                    municipality=data["municipality"],
                    applicant=request.user,
                    letter=data["letter"],
                    message=data["message"],
                    topics=data.get("topics", []),
                    applicant_is_contact=data["applicant_is_contact"],
                    contacts=form.contacts,
                )
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your application has been submitted. The coordinators of %(network)s "
                        "will inform you of their decision by e-mail."
                    )
                    % {"network": network.name},
                )
                return redirect("admissions:detail", pk=application.pk)
        form.ask_for_letter_again()
    return render(request, "admissions/apply.html", {"network": network, "form": form})


@access(LOGIN)
def my_applications(request):
    return render(
        request,
        "admissions/mine.html",
        {"applications": selectors.applications_of(request.user)},
    )


@access(Perm("admissions.view_application", obj=selectors.application_for))
def application_detail(request, pk):
    application = request.access_object
    return render(
        request,
        "admissions/detail.html",
        {"application": application, "network": application.network, "form": DecisionForm()},
    )


@access(Perm("admissions.withdraw_application", obj=selectors.application_for))
@require_POST
def withdraw(request, pk):
    application = request.access_object
    try:
        services.withdraw_application(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("admissions:detail", pk=application.pk)


@access(Perm("admissions.decide_application", obj=selectors.application_for))
def decide(request, pk):
    """Start the review, admit or decline (POST); the decision form on its own (GET)."""
    application = request.access_object
    form = DecisionForm()
    if request.method == "POST":
        if request.POST.get("step") == "review":
            try:
                services.start_review(application=application, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The review has started; the applicant was told."))
            return redirect("admissions:detail", pk=application.pk)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == DecisionForm.ADMIT:
                    services.admit_application(application=application, by=request.user)
                    done = _(
                        "%(municipality)s has been admitted. The admission notice is being "
                        "sent to the applicant."
                    )
                else:
                    services.decline_application(
                        application=application, by=request.user, reason=form.cleaned_data["reason"]
                    )
                    done = _("The application of %(municipality)s has been declined.")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, done % {"municipality": application.municipality})
            return redirect("admissions:detail", pk=application.pk)
    return render(
        request,
        "admissions/decide.html",
        {"application": application, "network": application.network, "form": form},
    )


def _serve_pdf(field_file, filename: str) -> HttpResponse:
    """The stored PDF, shown inline by the browser's PDF viewer.

    Read whole (at most 10 MB) rather than streamed, so that no file handle
    outlives the request.
    """
    if not field_file or not field_file.name:
        raise Http404
    try:
        with field_file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    patch_cache_control(response, private=True, max_age=0)
    return response


@access(Perm("admissions.view_application", obj=selectors.application_for))
@sandboxed
def letter(request, pk):
    application = request.access_object
    name = f"{slugify(_('letter'))}-{slugify(application.municipality.name)}.pdf"
    return _serve_pdf(application.letter, name)


@access(Perm("admissions.view_application", obj=selectors.application_for))
@sandboxed
def notice(request, pk):
    application = request.access_object
    return _serve_pdf(application.notice, notice_filename(application))


@access(Perm("admissions.view_inbox", obj=network_by_slug))
def inbox(request, slug):
    network = request.access_object
    counts = selectors.state_counts(network)
    filter_form = InboxFilterForm(request.GET or None, counts=counts)
    state = filter_form.cleaned_data["state"] if filter_form.is_valid() else ""
    return render(
        request,
        "admissions/inbox.html",
        {
            "network": network,
            "applications": selectors.inbox(network, state=state),
            "filter_form": filter_form,
            "state": state,
            "counts": counts,
        },
    )
