"""Registering for events, changing sessions, cancelling; the organiser's list of registrations."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import LOGIN, Perm, access
from voneinander.events import booking_rules as rules
from voneinander.events import participants
from voneinander.events import registration_selectors as selectors
from voneinander.events import registration_services as services
from voneinander.events.models import (
    ACTIVE_BOOKING,
    Registration,
    RegistrationStatus,
    SessionBooking,
)
from voneinander.events.registration_forms import (
    DecisionForm,
    RegistrationForm,
    SessionChoiceForm,
    form_context,
)

REGISTER = Perm("events.register", obj=selectors.event_for_registration)
MANAGE = Perm("events.manage_event", obj=selectors.event_for_registration)


def event_page(event) -> str:
    return event.get_absolute_url() + "#anmeldung"


def _success_message(request, registration: Registration) -> None:
    if registration.status == RegistrationStatus.WAITLISTED:
        messages.info(
            request,
            _(
                "The event is fully booked: you are on its waiting list. We will write to you "
                "when a place becomes free."
            ),
        )
        return
    if registration.status == RegistrationStatus.PENDING:
        text = _(
            "Thank you for registering. The organisers confirm registrations for this event; "
            "we will write to you when they have decided."
        )
    else:
        text = _("You are registered. We have sent you a confirmation by e-mail.")
    if registration.new_waits:  # set by services.register
        text += " " + _(
            "Where a session was full, you are on its waiting list; "
            "you get a free place automatically."
        )
    messages.success(request, text)


@access(REGISTER)
def register(request, slug):
    event = request.access_object
    if selectors.registration_with_bookings(event, request.user) is not None:
        messages.info(request, _("You are already registered for this event."))
        return redirect(event_page(event))
    closed = rules.window_violations(rules.EventRules.of(event), timezone.now())
    sessions = (
        selectors.bookable_sessions(event) if selectors.books_sessions_directly(event) else []
    )
    questions = selectors.questions_of(event)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        sessions=sessions,
        questions=questions,
    )
    if request.method == "POST" and not closed and form.is_valid():
        try:
            registration = services.register(
                event=event,
                user=request.user,
                sessions=form.chosen,
                answers=form.answers,
                join_waitlist=form.cleaned_data.get("join_waitlist", False),
                list_consent=form.cleaned_data["list_consent"],
                questions=questions,
            )
        except services.TryAgainError as error:
            form.add_error(None, error.messages)
        except services.RegistrationRefusedError as error:
            if services.ALREADY_REGISTERED in error.rules:
                messages.info(request, _("You are already registered for this event."))
                return redirect(event_page(event))
            form.add_refusal(error)
            if form.fields.get("join_waitlist") is not None and error.offers_waitlist:
                form.offer_waitlist = True
        else:
            _success_message(request, registration)
            return redirect(event_page(event))
    elif request.method == "POST" and not closed and form.cleaned_data.get("sessions"):
        # Other fields are missing: name the session rules' problems too, all at once.
        problems = services.check_selection(
            event=event,
            sessions=form.chosen,
            join_waitlist=form.cleaned_data.get("join_waitlist", False),
        )
        form.add_refusal(services.RegistrationRefusedError(problems))
        form.offer_waitlist = any(v.rule == rules.SESSION_FULL for v in problems)
    elif request.method == "POST" and closed:
        form.is_valid()
        for violation in closed:
            form.add_error(None, violation.message)
    context = form_context(event, form, user=request.user) | {"closed": closed}
    return render(request, "events/registration_form.html", context)


@access(REGISTER)
def registration_change(request, slug):
    event = request.access_object
    registration = selectors.registration_with_bookings(event, request.user)
    if registration is None:
        return redirect("events:register", slug=event.slug)
    if not selectors.books_sessions_directly(event):
        messages.info(request, _("Sessions are allocated by preference. Please rank them instead."))
        return redirect(event_page(event))
    current = [b.session_id for b in registration.active_bookings]
    form = SessionChoiceForm(
        request.POST if request.method == "POST" else None,
        sessions=selectors.bookable_sessions(event),
        initial={"sessions": current},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_sessions(
                registration=registration,
                sessions=form.chosen,
                join_waitlist=form.cleaned_data.get("join_waitlist", False),
            )
        except services.TryAgainError as error:
            form.add_error(None, error.messages)
        except services.RegistrationRefusedError as error:
            form.add_refusal(error)
            form.offer_waitlist = error.offers_waitlist
        else:
            messages.success(request, _("Your sessions have been saved."))
            return redirect(event_page(event))
    context = form_context(event, form, user=request.user) | {
        "registration": registration,
        "closed": rules.window_violations(rules.EventRules.of(event), timezone.now()),
    }
    return render(request, "events/registration_change.html", context)


@access(REGISTER)
def registration_cancel(request, slug):
    event = request.access_object
    registration = selectors.registration_with_bookings(event, request.user)
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
        return redirect(event.get_absolute_url())
    refused = []
    if registration.status != RegistrationStatus.WAITLISTED:
        refused = rules.cancellation_violations(rules.EventRules.of(event), timezone.now())
    if request.method == "POST" and not refused:
        try:
            services.cancel_registration(registration=registration, by=request.user)
        except services.TryAgainError as error:
            refused = [rules.Violation("try_again", error.messages[0])]
        except services.RegistrationRefusedError as error:
            refused = error.violations
        else:
            messages.success(request, _("Your registration has been cancelled."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "events/registration_cancel.html",
        {"event": event, "registration": registration, "refused": refused},
        status=200,
    )


@access(REGISTER)
@require_POST
def booking_cancel(request, slug, pk):
    event = request.access_object
    booking = get_object_or_404(
        SessionBooking.objects.select_related("session", "registration__event"),
        pk=pk,
        registration__event=event,
        registration__user=request.user,
    )
    if booking.status not in ACTIVE_BOOKING:
        messages.info(request, _("This booking is no longer active."))
    else:
        try:
            services.cancel_booking(booking=booking, by=request.user)
        except (services.TryAgainError, services.RegistrationRefusedError) as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You have given up your place in %(session)s.")
                % {"session": rules.quoted(booking.session.title)},
            )
    return redirect(_next_or(request, "events:my_registrations"))


def _next_or(request, default: str) -> str:
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@access(LOGIN)
def my_registrations(request):
    upcoming, past = selectors.my_registrations(request.user)
    return render(request, "events/registration_mine.html", {"upcoming": upcoming, "past": past})


# --- Organisers -----------------------------------------------------------------------------


@access(MANAGE)
def registration_list(request, slug):
    event = request.access_object
    registrations = selectors.registrations_for_organiser(event)
    questions = selectors.questions_of(event)
    for registration in registrations:
        registration.answer_list = [registration.answers.get(str(q.pk), "") for q in questions]
    return render(
        request,
        "events/registration_list.html",
        {
            "event": event,
            "registrations": registrations,
            "counts": selectors.status_counts(registrations),
            "sessions": selectors.bookable_sessions(event),
            "questions": questions,
        },
    )


@access(MANAGE)
@require_POST
def registration_decide(request, slug, pk):
    event = request.access_object
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), pk=pk, event=event
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        if "decision" in form.errors:
            messages.error(request, _("Please choose whether to approve or decline."))
        else:
            messages.error(request, _("The reason may be at most 500 characters long."))
        return redirect("events:registration_list", slug=event.slug)
    try:
        if form.cleaned_data["decision"] == "approve":
            services.approve_registration(registration=registration, by=request.user)
            text = _("%(person)s's registration has been approved.")
        else:
            services.decline_registration(
                registration=registration, by=request.user, reason=form.cleaned_data["reason"]
            )
            text = _("%(person)s's registration has been declined.")
    except (services.TryAgainError, services.RegistrationRefusedError) as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, text % {"person": registration.user.display_name})
    return redirect("events:registration_list", slug=event.slug)


@access(MANAGE)
def registration_export(request, slug):
    """The same columns as the XLSX export (participants.export_rows), as CSV."""
    event = request.access_object
    response = HttpResponse(participants.csv_export(event), content_type="text/csv; charset=utf-8")
    filename = participants.export_filename(event, "csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal data: no cache may keep it
    return response
