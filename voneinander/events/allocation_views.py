"""Preference mode pages: the participant's ranking; the organisers' allocation pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import Perm, access
from voneinander.core.forms import posted
from voneinander.events import allocation_selectors as selectors
from voneinander.events import allocation_services as services
from voneinander.events.allocation_forms import AdjustForm, PublishForm, RankingForm, RunForm
from voneinander.events.selectors import event_for_viewer

RANK = Perm("events.register", obj=event_for_viewer)
MANAGE = Perm("events.manage_event", obj=event_for_viewer)


def _event_page(event) -> str:
    return event.get_absolute_url() + "#praeferenzen"


# --- the participant's ranking ------------------------------------------------------------


@access(RANK)
def preferences(request, slug):
    event = request.access_object
    if not selectors.in_preference_mode(event):
        messages.info(
            request,
            _("This event books sessions first come, first served; there is nothing to rank."),
        )
        return redirect(event)
    registration = selectors.ranking_registration(event, request.user)
    if registration is None:
        messages.info(
            request, _("Please register for the event first; then you can rank its sessions.")
        )
        return redirect(event.get_absolute_url() + "#anmeldung")
    state = selectors.ranking_state(event, published=selectors.published_run(event))
    sessions = selectors.rankable_sessions(event)
    current = selectors.ranking_of(registration)
    form = RankingForm(
        posted(request), sessions=sessions, ranks={p.session_id: p.rank for p in current}
    )
    if request.method == "POST":
        if state != selectors.OPEN:
            form.is_valid()
            form.add_error(None, services.ranking_refusal(state, event))
        elif form.is_valid():
            try:
                saved = services.save_ranking(registration=registration, ranking=form.ranking())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if saved:
                    messages.success(request, _("Your ranking has been saved."))
                else:
                    messages.info(request, _("You have not ranked any session."))
                return redirect(_event_page(event))
    return render(
        request,
        "events/preferences.html",
        {
            "event": event,
            "form": form,
            "state": state,
            "ranking": current,
            "open": state == selectors.OPEN,
        },
    )


# --- the organisers' allocation -------------------------------------------------------------


@access(MANAGE)
def allocation(request, slug):
    event = request.access_object
    runs = selectors.runs_of(event)
    return render(
        request,
        "events/allocation.html",
        {
            "event": event,
            "preference_mode": selectors.in_preference_mode(event),
            "runs": runs,
            "published": next((run for run in runs if run.published_at), None),
            "counts": selectors.participation_counts(event),
            "state": selectors.ranking_state(event),
            "form": RunForm(),
        },
    )


@access(MANAGE)
@require_POST
def allocation_run(request, slug):
    event = request.access_object
    form = RunForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("events:allocation", slug=event.slug)
    try:
        run = services.run_allocation(event=event, by=request.user, seed=form.cleaned_data["seed"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("events:allocation", slug=event.slug)
    messages.success(
        request,
        _("The allocation has been calculated (seed %(seed)s). Check it, adjust it, publish it.")
        % {"seed": run.seed},
    )
    return redirect("events:allocation_result", slug=event.slug, pk=run.pk)


@access(MANAGE)
def allocation_result(request, slug, pk):
    event = request.access_object
    run = selectors.run_of_event(event, pk)
    run.event = event
    view = selectors.result_view(
        run, shown=request.GET.get("zeigen", "all"), page=request.GET.get("seite")
    )
    return render(
        request,
        "events/allocation_result.html",
        {
            "event": event,
            "run": run,
            "view": view,
            "summary": run.summary,
            "page_links": view.page.paginator.get_elided_page_range(
                view.page.number, on_each_side=2, on_ends=1
            ),
            "still_open": event.preferences_close_at is not None
            and timezone.now() < event.preferences_close_at,
        },
    )


@access(MANAGE)
def allocation_adjust(request, slug, pk, registration):
    event = request.access_object
    run = selectors.run_of_event(event, pk)
    run.event = event
    person = selectors.person_in_run(run, registration)
    sessions = selectors.rankable_sessions(event)
    by_pk = {s.pk: s for s in sessions}
    seats = [by_pk[s] for s in run.assignments[str(person.pk)] if s in by_pk]
    form = AdjustForm(posted(request), seats=seats, sessions=sessions)
    if request.method == "POST" and run.published_at is not None:
        form.is_valid()
        form.add_error(None, _("This allocation has been published; it can no longer be changed."))
    elif request.method == "POST" and form.is_valid():
        try:
            services.adjust_allocation(
                run=run,
                registration=person,
                remove=form.cleaned_data["remove"],
                add=form.cleaned_data["add"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The allocation of %(person)s has been changed.")
                % {"person": person.user.display_name},
            )
            return redirect(
                "events:allocation_adjust", slug=event.slug, pk=run.pk, registration=person.pk
            )
    ranking = selectors.ranking_of(person)
    ranks = {p.session_id: p.rank for p in ranking}
    return render(
        request,
        "events/allocation_adjust.html",
        {
            "event": event,
            "run": run,
            "person": person,
            "seats": [(s, ranks.get(s.pk)) for s in seats],
            "ranking": ranking,
            "rows": selectors.session_rows(run, sessions),
            "form": form,
        },
    )


@access(MANAGE)
def allocation_publish(request, slug, pk):
    event = request.access_object
    run = selectors.run_of_event(event, pk)
    run.event = event
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            bookings = services.publish_allocation(run=run, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "The allocation has been published: %(count)d places booked. "
                    "Every participant is being told by e-mail."
                )
                % {"count": len(bookings)},
            )
            return redirect("events:allocation_result", slug=event.slug, pk=run.pk)
    return render(
        request,
        "events/allocation_publish.html",
        {
            "event": event,
            "run": run,
            "summary": run.summary,
            "form": form,
            "published": selectors.published_run(event),
            "still_open": event.preferences_close_at is not None
            and timezone.now() < event.preferences_close_at,
        },
    )
