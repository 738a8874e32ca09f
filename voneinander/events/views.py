"""Event pages, calendar files and feeds, and organising (details, rules, programme, series)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import LOGIN, PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.core.forms import posted
from voneinander.events import bbb, feeds, programme_html, recurrence, selectors, services
from voneinander.events.forms import (
    PROGRAMME_FORMS,
    CancelEventForm,
    EventFilterForm,
    EventForm,
    EventRulesForm,
    ExdatesForm,
    SeriesForm,
)
from voneinander.events.models import CalendarFeedToken, Session, Speaker
from voneinander.networks.models import Network

PAGE_SIZE = 20
CALENDAR_TYPE = "text/calendar; charset=utf-8"

VIEW = Perm("events.view_event", obj=selectors.event_for_viewer, login=False)
MANAGE = Perm("events.manage_event", obj=selectors.event_for_viewer)


def _calendar_response(content: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


# --- Pages -----------------------------------------------------------------------------


@access(PUBLIC)
def event_list(request):
    form = EventFilterForm(request.GET or None, networks=list(selectors.networks_for_filter()))
    network, kind = form.values()
    past = request.GET.get("vergangen") == "1"
    events = selectors.event_list(request.user, past=past, network=network, kind=kind)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "page": page,
            "page_links": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "past": past,
            "network": network,
            "can_create": request.user.has_perm("events.create_event"),
        },
    )


@access(VIEW)
def event_detail(request, slug):
    event = request.access_object
    organiser = request.user.has_perm("events.manage_event", event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "networks": list(event.networks.all()),
            "programme_html": programme_html.render(selectors.programme(event)),
            "link": selectors.meeting_link(event, request.user, organiser=organiser),
            "organiser": organiser,
        },
    )


@access(VIEW)
def event_ics(request, slug):
    event = request.access_object
    return _calendar_response(feeds.event_calendar(event), f"{event.slug}.ics")


@access(Perm("events.register", obj=selectors.event_for_viewer))
def event_join(request, slug):
    """Into the meeting: to its link, or signed into the BigBlueButton room."""
    event = request.access_object
    organiser = request.user.has_perm("events.manage_event", event)
    link = selectors.meeting_link(event, request.user, organiser=organiser)
    if not link.visible:
        if link.reason == "not_yet":
            opens = date_format(localtime(link.opens_at), "DATETIME_FORMAT")
            messages.info(request, _("The meeting can be joined from %(time)s.") % {"time": opens})
        else:
            messages.info(
                request, _("The meeting is open only to confirmed participants during the event.")
            )
        return redirect(event)
    if not event.bbb_meeting_id:
        return HttpResponseRedirect(event.meeting_url)
    try:
        url = services.bbb_join_url(event=event, user=request.user, moderator=organiser)
    except bbb.BBBError:
        messages.error(
            request,
            _("The video conference server cannot be reached. Please try again in a moment."),
        )
        return redirect(event)
    return HttpResponseRedirect(url)


# --- Calendar feeds ------------------------------------------------------------------------


def _active_token(user):
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def _feed_url(request, token: CalendarFeedToken) -> str:
    return request.build_absolute_uri(
        reverse("events:personal_feed", kwargs={"token": token.token})
    )


@access(LOGIN)
def feed_tokens(request):
    """The personal subscription address: create a new one, or revoke it."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            services.create_feed_token(user=request.user)
            messages.success(
                request,
                _("Your new calendar address is ready. Any previous address no longer works."),
            )
        elif action == "revoke" and services.revoke_feed_token(user=request.user):
            messages.success(request, _("Your calendar address no longer works."))
        return redirect("events:feed_tokens")
    token = _active_token(request.user)
    return render(
        request,
        "events/event_feed_tokens.html",
        {"token": token, "feed_url": _feed_url(request, token) if token else ""},
    )


@access(PUBLIC)  # The secret token in the address is the credential.
def personal_feed(request, token):
    found = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    return _calendar_response(
        feeds.personal_calendar(found.user), "veranstaltungen.ics", private=True
    )


@access(PUBLIC)
def network_feed(request, slug):
    network = get_object_or_404(Network, slug=slug)
    return _calendar_response(feeds.network_calendar(network), f"{network.slug}.ics")


# --- Organising: the event --------------------------------------------------------------


@access(Perm("events.create_event"))
def event_create(request):
    form = EventForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                networks=form.cleaned_data["networks"],
                by=request.user,
                values=form.event_values(),
                organisers=form.cleaned_data["organisers"],
                invited=form.cleaned_data["invited"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The event has been created. Now set the registration rules and the programme."),
            )
            return redirect("events:manage", slug=event.slug)
    return render(request, "events/manage_event_form.html", {"form": form, "event": None})


@access(MANAGE)
def event_manage(request, slug):
    event = request.access_object
    return render(
        request,
        "events/manage_overview.html",
        {
            "event": event,
            "networks": list(event.networks.all()),
            "counts": selectors.registration_counts(event),
            "bbb_configured": bool(settings.BBB_URL and settings.BBB_SECRET),
            "link": selectors.meeting_link(event, request.user, organiser=True),
        },
    )


@access(MANAGE)
def event_edit(request, slug):
    event = request.access_object
    form = EventForm(posted(request), user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_event(
                event=event,
                values=form.event_values(),
                by=request.user,
                networks=form.cleaned_data["networks"],
                organisers=form.cleaned_data["organisers"],
                invited=form.cleaned_data["invited"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if not changed:
                messages.info(request, _("Nothing was changed."))
            elif services.TIME_FIELDS & set(changed) and not event.cancelled_at:
                messages.success(
                    request,
                    _("The event has been saved; everyone registered was told the new time."),
                )
            else:
                messages.success(request, _("The event has been saved."))
            return redirect("events:manage", slug=event.slug)
    return render(request, "events/manage_event_form.html", {"form": form, "event": event})


@access(MANAGE)
def event_rules(request, slug):
    event = request.access_object
    form = EventRulesForm(posted(request), event=event)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_event(event=event, values=form.rule_values(), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The registration rules have been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("events:manage", slug=event.slug)
    return render(request, "events/manage_rules.html", {"form": form, "event": event})


@access(MANAGE)
def event_cancel(request, slug):
    event = request.access_object
    if event.cancelled_at:
        messages.info(request, _("This event has already been cancelled."))
        return redirect("events:manage", slug=event.slug)
    form = CancelEventForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(event=event, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The event has been cancelled; everyone registered has been told.")
            )
            return redirect("events:manage", slug=event.slug)
    return render(
        request,
        "events/manage_cancel.html",
        {"form": form, "event": event, "counts": selectors.registration_counts(event)},
    )


@access(MANAGE)
@require_POST
def event_bbb_room(request, slug):
    event = request.access_object
    try:
        services.create_bbb_room(event=event, by=request.user)
    except bbb.BBBNotConfiguredError:
        messages.error(request, _("No BigBlueButton server is configured for this platform."))
    except bbb.BBBError:
        messages.error(
            request,
            _("The video conference server cannot be reached. Please try again in a moment."),
        )
    else:
        messages.success(
            request,
            _("The video conference room is ready. Participants join it through the event page."),
        )
    return redirect("events:manage", slug=event.slug)


# --- Organising: the programme ------------------------------------------------------------


@access(MANAGE)
def event_programme(request, slug):
    event = request.access_object
    return render(
        request,
        "events/manage_programme.html",
        {
            "event": event,
            "programme": selectors.programme(event),
            "questions": list(event.questions.all()),
        },
    )


def _item_heading(kind: str, *, new: bool) -> str:
    headings = {
        "teil": (_("Add a programme item"), _("Change a programme item")),
        "runde": (_("Add a round"), _("Change a round")),
        "sitzung": (_("Add a session"), _("Change a session")),
        "referent": (_("Add a speaker"), _("Change a speaker")),
        "frage": (_("Add a question"), _("Change a question")),
    }
    return headings[kind][0 if new else 1]


def _programme_item(event, kind: str, pk: int):
    model = PROGRAMME_FORMS[kind]._meta.model
    if model is Speaker:
        return get_object_or_404(
            Speaker.objects.select_related("session", "user"), pk=pk, session__event=event
        )
    return get_object_or_404(model, pk=pk, event=event)


def _programme_url(event, kind: str) -> str:
    return reverse("events:programme", kwargs={"slug": event.slug}) + f"#{kind}"


def _item_form_page(request, event, kind: str, item, *, new: bool):
    form_class = PROGRAMME_FORMS[kind]
    initial = {}
    if new and kind == "referent" and request.GET.get("sitzung", "").isdigit():
        initial["session"] = request.GET["sitzung"]
    form = form_class(posted(request), instance=item, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_programme_item(event=event, item=form.save(commit=False), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect(_programme_url(event, kind))
    return render(
        request,
        "events/manage_item_form.html",
        {
            "event": event,
            "form": form,
            "kind": kind,
            "heading": _item_heading(kind, new=new),
            "item": item,
            "new": new,
        },
    )


@access(MANAGE)
def programme_item_add(request, slug, kind):
    event = request.access_object
    model = PROGRAMME_FORMS[kind]._meta.model
    item = model() if model is Speaker else model(event=event)
    if model is Speaker and not Session.objects.filter(event=event).exists():
        messages.info(request, _("Please add a session first; speakers belong to a session."))
        return redirect(_programme_url(event, "sitzung"))
    return _item_form_page(request, event, kind, item, new=True)


@access(MANAGE)
def programme_item_edit(request, slug, kind, pk):
    event = request.access_object
    return _item_form_page(request, event, kind, _programme_item(event, kind, pk), new=False)


@access(MANAGE)
def programme_item_delete(request, slug, kind, pk):
    event = request.access_object
    item = _programme_item(event, kind, pk)
    if request.method == "POST":
        try:
            services.delete_programme_item(event=event, item=item, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(item)s” has been removed.") % {"item": item})
        return redirect(_programme_url(event, kind))
    return render(
        request, "events/manage_item_delete.html", {"event": event, "item": item, "kind": kind}
    )


# --- Organising: series -------------------------------------------------------------------


@access(Perm("events.create_event"))
def series_create(request):
    form = SeriesForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series, created = services.create_series(
                title=data["title"],
                networks=data["networks"],
                rrule=form.rrule(),
                first_start=form.first_start(),
                duration_minutes=data["duration_minutes"],
                until=data["until"],
                template=form.template(),
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The series has been created with %(count)s dates.") % {"count": len(created)},
            )
            return redirect("events:series", pk=series.pk)
    return render(request, "events/manage_series_form.html", {"form": form})


@access(Perm("events.manage_series", obj=selectors.series_by_pk))
def series_detail(request, pk):
    series = request.access_object
    form = ExdatesForm(
        request.POST if "exdates" in request.POST else None,
        initial={"exdates": "\n".join(_german_date(day) for day in series.exdates)},
    )
    if request.method == "POST":
        if "generate" in request.POST:
            created = services.generate_occurrences(series=series, by=request.user)
            messages.success(
                request, _("%(count)s new dates have been created.") % {"count": len(created)}
            )
            return redirect("events:series", pk=series.pk)
        if form.is_valid():
            cancelled = services.update_series_exdates(
                series=series, exdates=form.cleaned_data["exdates"], by=request.user
            )
            text = _("The dates left out have been saved.")
            if cancelled:
                text += " " + _("%(count)s planned meetings were cancelled.") % {
                    "count": len(cancelled)
                }
            messages.success(request, text)
            return redirect("events:series", pk=series.pk)
    return render(
        request,
        "events/manage_series.html",
        {
            "series": series,
            "rule": recurrence.describe(series.rrule),
            "events": selectors.occurrences_of(series),
            "form": form,
        },
    )


def _german_date(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"
