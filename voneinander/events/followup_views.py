"""After the event: feedback, materials, recordings, the results page and the archive."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.core.forms import posted, posted_files
from voneinander.core.http import private_download, sandboxed
from voneinander.events import followup, selectors, video
from voneinander.events.followup_forms import (
    ArchiveForm,
    ConsentForm,
    FeedbackForm,
    MaterialForm,
    RecordingForm,
    ResultsForm,
)
from voneinander.events.models import RecordingState

PAGE_SIZE = 20

VIEW = Perm("events.view_event", obj=selectors.event_for_viewer, login=False)
MANAGE = Perm("events.manage_event", obj=selectors.event_for_viewer)
FEEDBACK = Perm("events.give_feedback", obj=selectors.event_for_viewer)
ADD_MATERIAL = Perm("events.add_material", obj=selectors.event_for_viewer)
DELETE_MATERIAL = Perm("events.delete_material", obj=followup.material_for_viewer)


# --- Feedback ------------------------------------------------------------------------------


@access(FEEDBACK)
def feedback(request, slug):
    event = request.access_object
    return render(
        request,
        "events/feedback.html",
        {"event": event, "choices": followup.feedback_choices(event, request.user)},
    )


@access(FEEDBACK)
@require_http_methods(["GET", "POST"])
def feedback_give(request, slug, session):
    event = request.access_object
    session = followup.session_of(event, session)
    refusal = followup.feedback_refusal(session, request.user)
    if refusal is not None and refusal.code == "already_given":
        messages.info(request, " ".join(refusal.messages))
        return redirect("events:feedback", slug=event.slug)
    form = FeedbackForm(posted(request))
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            followup.give_feedback(
                session=session,
                user=request.user,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "already_given":
                messages.info(request, " ".join(error.messages))
                return redirect("events:feedback", slug=event.slug)
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("events:feedback", slug=event.slug)
    return render(
        request,
        "events/feedback_form.html",
        {
            "event": event,
            "session": session,
            "form": form,
            "refusal": " ".join(refusal.messages) if refusal else "",
        },
    )


@access(MANAGE)
def feedback_summary(request, slug):
    event = request.access_object
    return render(
        request,
        "events/feedback_summary.html",
        {"event": event, "summary": followup.feedback_summary(event)},
    )


# --- Materials -----------------------------------------------------------------------------


@access(VIEW)
def materials(request, slug):
    event = request.access_object
    groups = followup.materials_by_session(event)
    for group in groups:
        for material in group.materials:
            material.can_delete = request.user.has_perm("events.delete_material", material)
    return render(
        request,
        "events/materials.html",
        {
            "event": event,
            "groups": groups,
            "can_add": request.user.has_perm("events.add_material", event),
        },
    )


@access(ADD_MATERIAL)
def material_add(request, slug):
    event = request.access_object
    sessions, whole_event = followup.upload_sessions(event, request.user)
    initial = {}
    if request.GET.get("sitzung", "").isdigit():
        initial["session"] = request.GET["sitzung"]
    form = MaterialForm(
        posted(request),
        posted_files(request),
        sessions=sessions,
        whole_event=whole_event,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            followup.add_material(
                event=event,
                by=request.user,
                title=form.cleaned_data["title"],
                session=form.chosen_session(),
                upload=form.cleaned_data["file"] or None,
                url=form.cleaned_data["url"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The material has been added."))
            return redirect("events:materials", slug=event.slug)
    return render(
        request, "events/materials_form.html", {"event": event, "form": form, "sessions": sessions}
    )


@access(VIEW)
@sandboxed
def material_file(request, slug, pk):
    event = request.access_object
    material = followup.material_of(event, pk)
    if material.is_link:
        return HttpResponseRedirect(material.url)
    try:
        with material.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type=material.content_type)
    return private_download(response, followup.download_name(material))


@access(DELETE_MATERIAL)
def material_delete(request, slug, pk):
    material = request.access_object
    event = material.event
    if request.method == "POST":
        followup.delete_material(material=material, by=request.user)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": material.title})
        return redirect("events:materials", slug=event.slug)
    return render(request, "events/materials_delete.html", {"event": event, "material": material})


# --- Recordings: visitors --------------------------------------------------------------------


@access(VIEW)
def recordings(request, slug):
    event = request.access_object
    return render(
        request,
        "events/recordings.html",
        {
            "event": event,
            "recordings": followup.recordings_of(event),
            "organiser": request.user.has_perm("events.manage_event", event),
        },
    )


@access(VIEW)
def recording(request, slug, pk):
    event = request.access_object
    item = followup.with_embeds([followup.recording_for(request.user, event, pk)])[0]
    return render(
        request,
        "events/recording.html",
        {"event": event, "recording": item, "transcript": followup.transcript(item)},
    )


@access(VIEW)
@sandboxed
def recording_captions(request, slug, pk):
    event = request.access_object
    item = followup.recording_for(request.user, event, pk)
    if not item.captions:
        raise Http404
    response = HttpResponse(item.captions.encode(), content_type="text/vtt; charset=utf-8")
    return private_download(response, f"{event.slug}-{item.pk}.vtt")


# --- Recordings: organisers --------------------------------------------------------------------


@access(MANAGE)
def recordings_manage(request, slug):
    event = request.access_object
    return render(
        request,
        "events/recordings_manage.html",
        {"event": event, "recordings": followup.recordings_of(event, published_only=False)},
    )


def _recording_form_page(request, event, item):
    form = RecordingForm(
        posted(request),
        posted_files(request),
        event=event,
        recording=item,
        hosts=video.allowed_hosts(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "title": data["title"],
            "video_url": data["video_url"],
            "licence": data["licence"],
            "session": data["session"],
            "captions_upload": data["captions_file"] or None,
        }
        try:
            if item is None:
                item = followup.add_recording(event=event, by=request.user, **values)
                text = _("The recording has been added. Record the speakers' consent next.")
            else:
                back_to_draft = followup.update_recording(
                    recording=item,
                    by=request.user,
                    remove_captions=data.get("remove_captions", False),
                    **values,
                )
                text = (
                    _(
                        "The recording has been saved. The video or licence changed, so it is a "
                        "draft again: please record the speakers' consent anew."
                    )
                    if back_to_draft
                    else _("The recording has been saved.")
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, text)
            return redirect("events:recordings_manage", slug=event.slug)
    return render(
        request,
        "events/recording_form.html",
        {"event": event, "form": form, "recording": item},
    )


@access(MANAGE)
def recording_add(request, slug):
    return _recording_form_page(request, request.access_object, None)


@access(MANAGE)
def recording_edit(request, slug, pk):
    event = request.access_object
    return _recording_form_page(request, event, followup.recording_of(event, pk))


@access(MANAGE)
def recording_consent(request, slug, pk):
    event = request.access_object
    item = followup.recording_of(event, pk)
    initial = {"given_by": item.consent_given_by, "given_on": item.consent_given_on}
    form = ConsentForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            followup.record_consent(
                recording=item,
                by=request.user,
                given_by=form.cleaned_data["given_by"],
                given_on=form.cleaned_data["given_on"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The consent has been recorded. The recording can now be published.")
            )
            return redirect("events:recordings_manage", slug=event.slug)
    return render(
        request,
        "events/recording_consent.html",
        {"event": event, "form": form, "recording": item},
    )


@access(MANAGE)
def recording_publish(request, slug, pk):
    event = request.access_object
    item = followup.recording_of(event, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw":
                followup.withdraw_recording(recording=item, by=request.user)
                messages.success(request, _("The recording is no longer shown to visitors."))
            else:
                followup.publish_recording(recording=item, by=request.user)
                messages.success(request, _("The recording has been published."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("events:recordings_manage", slug=event.slug)
    return render(
        request,
        "events/recording_publish.html",
        {
            "event": event,
            "recording": followup.with_embeds([item])[0],
            "published": item.state == RecordingState.PUBLISHED,
        },
    )


@access(MANAGE)
def recording_delete(request, slug, pk):
    event = request.access_object
    item = followup.recording_of(event, pk)
    if request.method == "POST":
        followup.delete_recording(recording=item, by=request.user)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": item.title})
        return redirect("events:recordings_manage", slug=event.slug)
    return render(request, "events/recording_delete.html", {"event": event, "recording": item})


# --- The results page and the archive -------------------------------------------------------------


@access(VIEW)
def results(request, slug):
    event = request.access_object
    return render(
        request,
        "events/results.html",
        {
            "event": event,
            "page": followup.results_page(event),
            "organiser": request.user.has_perm("events.manage_event", event),
        },
    )


@access(MANAGE)
def results_edit(request, slug):
    event = request.access_object
    current = followup.results_of(event)
    form = ResultsForm(posted(request), initial={"summary": current.summary if current else ""})
    if request.method == "POST" and form.is_valid():
        followup.save_results(event=event, summary=form.cleaned_data["summary"], by=request.user)
        messages.success(request, _("The results page has been saved."))
        return redirect("events:results", slug=event.slug)
    return render(request, "events/results_form.html", {"event": event, "form": form})


@access(PUBLIC)
def archive(request):
    form = ArchiveForm(
        request.GET or None,
        networks=list(selectors.networks_for_filter()),
        years=followup.archive_years(request.user),
    )
    values = form.values()
    words = followup.search_words(values["query"])
    events = followup.archive(
        request.user,
        words=words,
        network=values["network"],
        year=values["year"],
        kind=values["kind"],
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "events/results_archive.html",
        {
            "form": form,
            "page": page,
            "page_links": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "searched": bool(request.GET),
            "words": words,
        },
    )
