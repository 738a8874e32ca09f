"""Pages of the brokering workflow (Vermittlung durch die Transferstelle)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import LOGIN, Perm, access
from voneinander.knowledge import brokering_selectors as selectors
from voneinander.knowledge import brokering_services as services
from voneinander.knowledge.alliance_selectors import alliances_for_outcome
from voneinander.knowledge.brokering_forms import (
    AnswerForm,
    AskForm,
    CloseForm,
    OutcomeForm,
    RequestFilterForm,
    SuggestForm,
)
from voneinander.knowledge.matching import match_challenge
from voneinander.knowledge.models import ConsentState
from voneinander.networks.selectors import network_by_slug

MATCHES_SHOWN = 5

# Service errors that concern one form field rather than the whole form.
_FIELD_OF_CODE = {
    "challenge": "challenge",
    "kind": "kind",
    "contact": "contact",
    "duplicate": "contact",
    "solution": "solution",
    "outcome": "outcome",
    "alliance": "alliance",
}


def _add_service_error(form, error: ValidationError) -> None:
    code = error.error_list[0].code if error.error_list else None
    field = _FIELD_OF_CODE.get(code or "")
    form.add_error(field if field in form.fields else None, error)


def _message_error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- Asking --------------------------------------------------------------------------


@access(Perm("knowledge.ask_for_contact", obj=network_by_slug))
def ask(request, slug):
    network = request.access_object
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact_request = services.ask_for_contact(
                network=network,
                requester=request.user,
                kind=data["kind"],
                challenge=data["challenge"],
                topics=data["topics"],
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent to the coordinators of %(network)s. They will "
                    "suggest contacts and ask you before anybody is introduced to you."
                )
                % {"network": network.name},
            )
            return redirect("knowledge:brokering_request", pk=contact_request.pk)
    return render(request, "knowledge/brokering/ask.html", {"network": network, "form": form})


@access(LOGIN)
def my_requests(request):
    introductions = list(selectors.introductions_for_contact(request.user))
    return render(
        request,
        "knowledge/brokering/mine.html",
        {
            "contact_requests": selectors.requests_of(request.user),
            "introductions": introductions,
            "waiting": selectors.waiting_for_answer(introductions),
        },
    )


# --- The coordinators' inbox -------------------------------------------------------------


@access(Perm("knowledge.view_brokering_inbox", obj=network_by_slug))
def inbox(request, slug):
    network = request.access_object
    counts = selectors.status_counts(network)
    filter_form = RequestFilterForm(request.GET or None, counts=counts)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    return render(
        request,
        "knowledge/brokering/inbox.html",
        {
            "network": network,
            "contact_requests": selectors.inbox(network, status=status),
            "filter_form": filter_form,
            "status": status,
            "counts": counts,
        },
    )


# --- One request ---------------------------------------------------------------------------


def _matches(contact_request, user) -> list:
    return match_challenge(
        text=contact_request.challenge,
        user=user,
        municipality=contact_request.municipality,
        limit=MATCHES_SHOWN,
    )


@access(Perm("knowledge.view_contact_request", obj=selectors.request_for_viewer))
def request_detail(request, pk):
    contact_request = request.access_object
    user = request.user
    can_broker = user.has_perm("knowledge.broker_request", contact_request)
    active = contact_request.status in selectors.ACTIVE_STATES
    is_requester = contact_request.requester_id == user.pk
    return render(
        request,
        "knowledge/brokering/request.html",
        {
            "contact_request": contact_request,
            "network": contact_request.network,
            "introductions": selectors.introductions_of(contact_request),
            "topics": contact_request.topics.all(),
            "can_broker": can_broker,
            "is_requester": is_requester,
            "active": active,
            "can_withdraw": is_requester
            and contact_request.status in selectors.WITHDRAWABLE_STATES,
            "matches": _matches(contact_request, user) if can_broker and active else [],
            "close_form": CloseForm(),
            "asked": ConsentState.ASKED,
        },
    )


@access(Perm("knowledge.broker_request", obj=selectors.request_for_viewer))
def suggest(request, pk):
    contact_request = request.access_object
    network = contact_request.network
    matches = _matches(contact_request, request.user)
    candidates = selectors.contact_candidates(
        network, matches=matches, exclude_user_id=contact_request.requester_id
    )
    solutions = selectors.solutions_to_suggest(request.user, network, matches=matches)
    if request.method == "POST":
        form = SuggestForm(request.POST, candidates=candidates, solutions=solutions)
        if form.is_valid():
            data = form.cleaned_data
            try:
                introduction = services.suggest_introduction(
                    contact_request=contact_request,
                    by=request.user,
                    contact=data["contact_user"],
                    solution=data["solution_object"],
                    note=data["note"],
                )
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s has been suggested. Both sides have been asked for their "
                        "consent by e-mail."
                    )
                    % {"name": introduction.contact.display_name},
                )
                return redirect("knowledge:brokering_request", pk=contact_request.pk)
    else:
        form = SuggestForm(
            initial={
                "contact": request.GET.get("contact", ""),
                "solution": request.GET.get("solution", ""),
            },
            candidates=candidates,
            solutions=solutions,
        )
    return render(
        request,
        "knowledge/brokering/suggest.html",
        {
            "contact_request": contact_request,
            "network": network,
            "form": form,
            "active": contact_request.status in selectors.ACTIVE_STATES,
        },
    )


@access(Perm("knowledge.withdraw_contact_request", obj=selectors.request_for_viewer))
@require_POST
def withdraw(request, pk):
    contact_request = request.access_object
    try:
        services.withdraw_request(contact_request=contact_request, by=request.user)
    except ValidationError as error:
        _message_error(request, error)
    else:
        messages.success(request, _("Your request has been withdrawn."))
    return redirect("knowledge:brokering_request", pk=contact_request.pk)


@access(Perm("knowledge.view_contact_request", obj=selectors.request_for_viewer))
@require_POST
def close(request, pk):
    contact_request = request.access_object
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect("knowledge:brokering_request", pk=contact_request.pk)
    try:
        services.close_request(
            contact_request=contact_request, by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        _message_error(request, error)
    else:
        messages.success(request, _("The request has been closed."))
    return redirect("knowledge:brokering_request", pk=contact_request.pk)


@access(Perm("knowledge.view_contact_request", obj=selectors.request_for_viewer))
def outcome(request, pk, introduction_pk):
    """The coordinator or the person who asked records what came of an introduction."""
    contact_request = request.access_object
    introduction = selectors.introduction_of_request(contact_request, introduction_pk)
    introduction.request = contact_request
    user = request.user
    # Alliances are public: only coordinators link an outcome to one or create one.
    can_link = user.has_perm("knowledge.create_alliance", contact_request.network)
    alliances = alliances_for_outcome(contact_request.network) if can_link else None
    initial = {"outcome": introduction.outcome or None, "alliance": introduction.alliance_id}
    form = OutcomeForm(request.POST or None, initial=initial, alliances=alliances)
    if introduction.introduced_at is None:
        messages.error(
            request,
            _("The two sides have not been introduced yet; there is no outcome to record."),
        )
        return redirect("knowledge:brokering_request", pk=contact_request.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_outcome(
                introduction=introduction,
                by=user,
                outcome=data["outcome"],
                alliance=data.get("alliance"),
                new_alliance_title=data.get("new_alliance_title", ""),
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect("knowledge:brokering_request", pk=contact_request.pk)
    return render(
        request,
        "knowledge/brokering/outcome.html",
        {
            "contact_request": contact_request,
            "network": contact_request.network,
            "introduction": introduction,
            "form": form,
            "can_link": can_link,
        },
    )


# --- Consent -------------------------------------------------------------------------------


@access(Perm("knowledge.answer_introduction", obj=selectors.introduction_for_party))
def introduction_detail(request, pk):
    """Where each side agrees to be introduced, or declines."""
    introduction = request.access_object
    side = services.side_of(introduction, request.user)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            agree = form.cleaned_data["answer"] == AnswerForm.AGREE
            try:
                services.answer_introduction(
                    introduction=introduction, by=request.user, agree=agree
                )
            except ValidationError as error:
                _message_error(request, error)
            else:
                if introduction.introduced_at:
                    done = _(
                        "Thank you. You have both agreed; the introduction e-mail with the "
                        "contact details is on its way to both of you."
                    )
                elif agree:
                    done = _(
                        "Thank you for agreeing. We will introduce you once the other side "
                        "agrees too."
                    )
                else:
                    done = _("You have declined. The coordinators have been told.")
                messages.success(request, done)
        else:
            messages.error(request, _("Please choose whether you agree or decline."))
        return redirect("knowledge:brokering_introduction", pk=introduction.pk)
    own_consent = getattr(introduction, f"{side}_consent")
    return render(
        request,
        "knowledge/brokering/introduction.html",
        {
            "introduction": introduction,
            "contact_request": introduction.request,
            "network": introduction.request.network,
            "side": side,
            "can_answer": own_consent == ConsentState.ASKED
            and introduction.request.status in selectors.ACTIVE_STATES,
            "own_consent": own_consent,
        },
    )
