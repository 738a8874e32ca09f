"""The participant list (for others, with consent), the organisers' list with exports and
check-in, attendance per session, self check-in and certificates of attendance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import Perm, access
from voneinander.events import attendance, participants, selectors
from voneinander.events.certificate import certificate_filename, render_certificate
from voneinander.events.models import Registration, Session, SessionBooking
from voneinander.events.participants_forms import (
    AttendedForm,
    CheckInForm,
    ConsentForm,
    ParticipantSettingsForm,
    SelfCheckInForm,
)

VIEW_LIST = Perm("events.view_participants", obj=selectors.event_for_viewer)
REGISTER = Perm("events.register", obj=selectors.event_for_viewer)
MANAGE = Perm("events.manage_event", obj=selectors.event_for_viewer)

PDF_TYPE = "application/pdf"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def _event_section(event) -> str:
    return event.get_absolute_url() + "#teilnahme"


# --- The list for others ---------------------------------------------------------------


@access(VIEW_LIST)
def participant_list(request, slug):
    event = request.access_object
    return render(
        request,
        "events/participants_list.html",
        {
            "event": event,
            "listing": participants.public_list(event),
            "own": selectors.registration_of(event, request.user),
            "organiser": request.user.has_perm("events.manage_event", event),
        },
    )


@access(REGISTER)
@require_POST
def participant_consent(request, slug):
    event = request.access_object
    registration = selectors.registration_of(event, request.user)
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
        return redirect(event)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether your name may appear in the list."))
    else:
        consent = form.cleaned_data["consent"]
        participants.set_list_consent(registration=registration, consent=consent)
        if consent:
            messages.success(request, _("Your name now appears in the participant list."))
        else:
            messages.success(request, _("Your name no longer appears in the participant list."))
    if request.user.has_perm("events.view_participants", event):
        return redirect("events:participants", slug=event.slug)
    return redirect(_event_section(event))


# --- Self check-in and the own certificate ------------------------------------------------


@access(REGISTER)
@require_POST
def self_check_in(request, slug):
    event = request.access_object
    form = SelfCheckInForm(request.POST)
    session = None
    if not form.is_valid():
        messages.error(request, _("Please use the check-in button on the event page."))
        return redirect(_event_section(event))
    if form.cleaned_data["session"]:
        session = Session.objects.filter(event=event, pk=form.cleaned_data["session"]).first()
        if session is None:
            messages.error(request, _("This session does not belong to the event."))
            return redirect(_event_section(event))
    try:
        attendance.self_check_in(event=event, user=request.user, session=session)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        if session is None:
            messages.success(request, _("You are checked in. Welcome!"))
        else:
            messages.success(
                request,
                _("Your presence in “%(session)s” is confirmed.") % {"session": session.title},
            )
    return redirect(_event_section(event))


@access(REGISTER)
def certificate(request, slug):
    event = request.access_object
    registration = attendance.registration_with_attendance(event, request.user)
    if registration is None or not attendance.has_attended(registration):
        messages.info(
            request,
            _("The certificate of attendance is available once you have been checked in."),
        )
        return redirect(_event_section(event))
    content = render_certificate(registration, attendance.attended_sessions(registration))
    return _download(content, PDF_TYPE, certificate_filename(registration))


# --- Organisers: the list, exports, settings ---------------------------------------------


@access(MANAGE)
def participants_manage(request, slug):
    event = request.access_object
    registrations, questions = participants.organiser_list(event)
    return render(
        request,
        "events/participants_manage.html",
        {
            "event": event,
            "registrations": registrations,
            "questions": questions,
            "counts": participants.counts(registrations),
            "sessions": participants.sessions_with_attendance(event),
            "retained": event.retained_figures if event.personal_data_purged_at else None,
            "purge_due_at": participants.purge_due_at(event),
        },
    )


@access(MANAGE)
def participants_export_xlsx(request, slug):
    event = request.access_object
    return _download(
        participants.xlsx_export(event),
        participants.XLSX_TYPE,
        participants.export_filename(event, "xlsx"),
    )


@access(MANAGE)
def participants_settings(request, slug):
    event = request.access_object
    form = ParticipantSettingsForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            changed = participants.update_participant_settings(
                event=event, values=form.values(), by=request.user
            )
        except ValidationError as error:
            for name, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            if changed:
                messages.success(request, _("The settings have been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("events:participants_manage", slug=event.slug)
    return render(
        request,
        "events/participants_settings.html",
        {"event": event, "form": form, "purge_due_at": participants.purge_due_at(event)},
    )


# --- Organisers: check-in and attendance ------------------------------------------------


def _row_response(request, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@access(MANAGE)
@require_POST
def check_in(request, slug, pk):
    event = request.access_object
    registration = get_object_or_404(
        Registration.objects.select_related("user"), pk=pk, event=event
    )
    form = CheckInForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Please choose whether to check the person in or to undo it.")
    else:
        try:
            if form.cleaned_data["action"] == "in":
                attendance.check_in(registration=registration, by=request.user)
            else:
                attendance.undo_check_in(registration=registration, by=request.user)
        except ValidationError as exc:
            error = _messages_of(exc)
    if request.htmx:
        registrations, questions = participants.organiser_list(event)
        row = next(r for r in registrations if r.pk == registration.pk)
        return _row_response(
            request,
            "events/_attendance_person_row.html",
            {"event": event, "registration": row, "questions": questions, "error": error},
        )
    if error:
        messages.error(request, error)
    elif form.cleaned_data["action"] == "in":
        messages.success(
            request, _("%(name)s is checked in.") % {"name": registration.user.display_name}
        )
    else:
        messages.success(
            request,
            _("%(name)s is no longer checked in.") % {"name": registration.user.display_name},
        )
    url = reverse("events:participants_manage", kwargs={"slug": event.slug})
    return redirect(f"{url}#person-{registration.pk}")


@access(MANAGE)
def session_attendance(request, slug, pk):
    event = request.access_object
    session = get_object_or_404(Session.objects.select_related("round"), pk=pk, event=event)
    bookings = attendance.session_bookings(session)
    return render(
        request,
        "events/attendance_session.html",
        {
            "event": event,
            "session": session,
            "bookings": bookings,
            "attended": sum(1 for booking in bookings if booking.attended),
        },
    )


@access(MANAGE)
@require_POST
def booking_attendance(request, slug, pk):
    event = request.access_object
    booking = get_object_or_404(
        SessionBooking.objects.select_related("session", "registration__user"),
        pk=pk,
        session__event=event,
    )
    form = AttendedForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Please choose whether the person was present.")
    else:
        try:
            booking = attendance.set_attended(
                booking=booking, attended=form.cleaned_data["attended"], by=request.user
            )
        except ValidationError as exc:
            error = _messages_of(exc)
    name = booking.registration.user.display_name
    if request.htmx:
        return _row_response(
            request,
            "events/_attendance_booking_row.html",
            {"event": event, "booking": booking, "error": error},
        )
    if error:
        messages.error(request, error)
    elif booking.attended:
        messages.success(request, _("%(name)s was present.") % {"name": name})
    else:
        messages.success(request, _("%(name)s is no longer marked as present.") % {"name": name})
    url = reverse(
        "events:session_attendance", kwargs={"slug": event.slug, "pk": booking.session_id}
    )
    return redirect(f"{url}#booking-{booking.pk}")


@access(MANAGE)
def certificate_for(request, slug, pk):
    event = request.access_object
    registration = attendance.registration_for_certificate(event, pk)
    if registration is None:
        raise Http404
    if not attendance.has_attended(registration):
        messages.error(
            request,
            _("%(name)s has not been checked in, so there is no certificate of attendance.")
            % {"name": registration.user.display_name},
        )
        url = reverse("events:participants_manage", kwargs={"slug": event.slug})
        return redirect(f"{url}#person-{registration.pk}")
    content = render_certificate(registration, attendance.attended_sessions(registration))
    return _download(content, PDF_TYPE, certificate_filename(registration))
