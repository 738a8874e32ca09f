"""The Transferstelle's brokering: ask → suggest → consent → introduce → outcome.

States of a request: open → suggested (a coordinator named a match) →
introduced (both sides of a match agreed and were introduced) → closed; the
person who asked may withdraw it until someone has been introduced.

Each suggestion (Introduction) asks both sides for consent. Only when both
agreed does one e-mail introduce them to each other, with names and
addresses; before that nobody's address is passed on. Every transition is a
conditional UPDATE (`... WHERE <still in the expected state>`), so that two
coordinators or two clicks at the same moment cannot introduce twice, answer
twice or reopen an ended request; the loser gets a clear message and nothing
changes. Transitions are audited; e-mails are queued inside the transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.knowledge import alliance_services, brokering_emails
from voneinander.knowledge.brokering_selectors import (
    ACTIVE_STATES,
    WITHDRAWABLE_STATES,
    municipality_of_contact,
)
from voneinander.knowledge.models import (
    Alliance,
    ConsentState,
    ContactRequest,
    Introduction,
    Outcome,
    RequestKind,
    RequestStatus,
)

MAX_CHALLENGE_LENGTH = 4000


def _request_conflict(contact_request: ContactRequest) -> ValidationError:
    contact_request.refresh_from_db(fields=["status", "updated_at"])
    status = contact_request.status
    if status == RequestStatus.WITHDRAWN:
        message = _("The request has been withdrawn; nothing was changed.")
    elif status == RequestStatus.CLOSED:
        message = _("The request has been closed; nothing was changed.")
    elif status == RequestStatus.INTRODUCED:
        message = _(
            "Somebody has already been introduced for this request, so it can no longer be "
            "withdrawn. You can close it instead."
        )
    else:
        message = _("The request cannot be changed in its current state.")
    return ValidationError(message, code="conflict")


def _touch_active_request(contact_request: ContactRequest, **changes) -> None:
    """Check that the request is still active and lock its row for this transaction."""
    updated = ContactRequest.objects.filter(pk=contact_request.pk, status__in=ACTIVE_STATES).update(
        updated_at=timezone.now(), **changes
    )
    if not updated:
        raise _request_conflict(contact_request)


# --- Asking ---------------------------------------------------------------------------


def ask_for_contact(*, network, requester, kind: str, challenge: str, topics=()) -> ContactRequest:
    """A member asks the Transferstelle for a municipality that has done this, or an expert."""
    challenge = (challenge or "").strip()
    if not challenge:
        raise ValidationError(
            _("Please describe your challenge in a few sentences."), code="challenge"
        )
    if kind not in RequestKind.values:
        raise ValidationError(_("Please choose what you are looking for."), code="kind")
    if not (requester.municipality_id and requester.municipality_confirmed_at):
        raise ValidationError(
            _(
                "Your account is not confirmed as working for a municipality, so the "
                "request cannot be made on its behalf. Please ask a contact person of your "
                "municipality to confirm your affiliation."
            ),
            code="no_municipality",
        )
    contact_request = ContactRequest(
        network=network,
        requester=requester,
        municipality=requester.municipality,
        kind=kind,
        challenge=challenge[:MAX_CHALLENGE_LENGTH],
    )
    with transaction.atomic():
        contact_request.full_clean()
        contact_request.save()
        contact_request.topics.set(topics)
        record_event(
            actor=requester,
            action="brokering.requested",
            target=contact_request,
            data={"network": network.slug, "kind": kind},
        )
        brokering_emails.send_new_request(contact_request)
    return contact_request


def withdraw_request(*, contact_request: ContactRequest, by) -> ContactRequest:
    if by is None or by.pk != contact_request.requester_id:
        raise ValidationError(_("Only the person who asked can withdraw the request."))
    with transaction.atomic():
        updated = ContactRequest.objects.filter(
            pk=contact_request.pk, status__in=WITHDRAWABLE_STATES
        ).update(status=RequestStatus.WITHDRAWN, updated_at=timezone.now())
        if not updated:
            raise _request_conflict(contact_request)
        contact_request.status = RequestStatus.WITHDRAWN
        record_event(actor=by, action="brokering.withdrawn", target=contact_request)
        brokering_emails.send_request_ended(contact_request, _still_asked(contact_request))
    return contact_request


def close_request(*, contact_request: ContactRequest, by, note: str = "") -> ContactRequest:
    """The coordinator (or the person who asked) ends the brokering of a request."""
    note = (note or "").strip()
    changes = {"status": RequestStatus.CLOSED, "updated_at": timezone.now()}
    if note:
        changes["outcome_note"] = note
    with transaction.atomic():
        updated = ContactRequest.objects.filter(
            pk=contact_request.pk, status__in=ACTIVE_STATES
        ).update(**changes)
        if not updated:
            raise _request_conflict(contact_request)
        contact_request.status = RequestStatus.CLOSED
        if note:
            contact_request.outcome_note = note
        record_event(
            actor=by, action="brokering.closed", target=contact_request, data={"note": note}
        )
        brokering_emails.send_request_ended(contact_request, _still_asked(contact_request))
    return contact_request


def _still_asked(contact_request: ContactRequest) -> list[Introduction]:
    """Suggested people who have not declined and were not introduced yet."""
    return list(
        contact_request.introductions.filter(
            contact_consent__in=[ConsentState.ASKED, ConsentState.GIVEN],
            introduced_at__isnull=True,
        ).select_related("contact")
    )


# --- Suggesting -----------------------------------------------------------------------


def suggest_introduction(
    *, contact_request: ContactRequest, by, contact, solution=None, note: str = ""
) -> Introduction:
    """A coordinator suggests a person; both sides are asked for their consent."""
    if contact is None or not contact.is_active:
        raise ValidationError(_("Please choose an active account."), code="contact")
    if contact.pk == contact_request.requester_id:
        raise ValidationError(
            _("This is the person who asked; please suggest somebody else."), code="contact"
        )
    if Introduction.objects.filter(request=contact_request, contact=contact).exists():
        raise ValidationError(_duplicate_message(contact), code="duplicate")
    if solution is not None:
        _check_solution_visible(solution, contact=contact, requester=contact_request.requester)
    introduction = Introduction(
        request=contact_request,
        contact=contact,
        solution=solution,
        municipality=municipality_of_contact(contact, contact_request.network),
        note=(note or "").strip(),
        requester_consent=ConsentState.ASKED,
        contact_consent=ConsentState.ASKED,
        suggested_by=by,
    )
    try:
        with transaction.atomic():
            _touch_active_request(
                contact_request,
                status=Case(
                    When(status=RequestStatus.OPEN, then=Value(RequestStatus.SUGGESTED)),
                    default=F("status"),
                ),
            )
            introduction.full_clean(validate_unique=False, validate_constraints=False)
            introduction.save()
            record_event(
                actor=by,
                action="brokering.suggested",
                target=contact_request,
                data={
                    "introduction_id": introduction.pk,
                    "contact_id": contact.pk,
                    "solution_id": solution.pk if solution else None,
                },
            )
            brokering_emails.send_consent_requests(introduction)
    except IntegrityError:  # the same person suggested twice at the same moment
        raise ValidationError(_duplicate_message(contact), code="duplicate") from None
    contact_request.refresh_from_db(fields=["status", "updated_at"])
    return introduction


def _check_solution_visible(solution, *, contact, requester) -> None:
    """Both sides read the solution's title (pages, e-mails): each must be allowed to see it."""
    if not contact.has_perm("knowledge.view_solution", solution):
        raise ValidationError(
            _(
                "%(name)s may not see “%(title)s” (it is for members of its network only, "
                "or archived). Please choose another solution or none."
            )
            % {"name": contact.display_name, "title": solution.title},
            code="solution",
        )
    if requester is not None and not requester.has_perm("knowledge.view_solution", solution):
        raise ValidationError(
            _(
                "The person who asked may not see “%(title)s” (it is for members of its "
                "network only, or archived). Please choose another solution or none."
            )
            % {"title": solution.title},
            code="solution",
        )


def _duplicate_message(contact) -> str:
    return _("%(name)s has already been suggested for this request.") % {
        "name": contact.display_name
    }


# --- Consent and introduction -----------------------------------------------------------


def side_of(introduction: Introduction, user) -> str | None:
    """ "contact" or "requester": which side of the introduction `user` is on."""
    if user is None or not user.is_authenticated:
        return None
    if user.pk == introduction.contact_id:
        return "contact"
    if user.pk == introduction.request.requester_id:
        return "requester"
    return None


def answer_introduction(*, introduction: Introduction, by, agree: bool) -> Introduction:
    """One side agrees or declines; when both agreed, the introduction e-mail goes out."""
    side = side_of(introduction, by)
    if side is None:
        raise ValidationError(_("Only the two people concerned can answer."))
    field = f"{side}_consent"
    answer = ConsentState.GIVEN if agree else ConsentState.REFUSED
    with transaction.atomic():
        _touch_active_request(introduction.request)
        updated = Introduction.objects.filter(
            pk=introduction.pk, **{field: ConsentState.ASKED}
        ).update(**{field: answer})
        if not updated:
            raise ValidationError(
                _("You have already answered this suggestion; nothing was changed."),
                code="conflict",
            )
        setattr(introduction, field, answer)
        record_event(
            actor=by,
            action="brokering.consent_given" if agree else "brokering.consent_refused",
            target=introduction.request,
            data={"introduction_id": introduction.pk, "side": side},
        )
        if agree:
            _introduce_if_both_agreed(introduction)
        else:
            brokering_emails.send_declined(introduction, by=by)
    introduction.refresh_from_db()
    return introduction


def _introduce_if_both_agreed(introduction: Introduction) -> bool:
    """Send the introduction once: only the transaction that sets `introduced_at` does."""
    now = timezone.now()
    updated = Introduction.objects.filter(
        pk=introduction.pk,
        requester_consent=ConsentState.GIVEN,
        contact_consent=ConsentState.GIVEN,
        introduced_at__isnull=True,
    ).update(introduced_at=now)
    if not updated:
        return False
    introduction.refresh_from_db()
    contact_request = introduction.request
    ContactRequest.objects.filter(
        pk=contact_request.pk, status__in=[RequestStatus.OPEN, RequestStatus.SUGGESTED]
    ).update(status=RequestStatus.INTRODUCED, updated_at=now)
    contact_request.refresh_from_db(fields=["status", "updated_at"])
    record_event(
        actor=None,
        action="brokering.introduced",
        target=contact_request,
        data={"introduction_id": introduction.pk, "contact_id": introduction.contact_id},
    )
    brokering_emails.send_introduction(introduction)
    return True


# --- Outcome ------------------------------------------------------------------------------


def record_outcome(
    *,
    introduction: Introduction,
    by,
    outcome: str,
    alliance: Alliance | None = None,
    new_alliance_title: str = "",
) -> Introduction:
    """What came of an introduction; a joint project links or creates an alliance.

    Alliances are public and name their partners, so only those who may create
    one (the network's coordinators) link an outcome to an alliance; for anyone
    else (the person who asked) the outcome is recorded without touching alliances.
    """
    if outcome not in Outcome.values or not outcome:
        raise ValidationError(_("Please choose an outcome."), code="outcome")
    contact_request = introduction.request
    if contact_request.status == RequestStatus.WITHDRAWN:
        raise _request_conflict(contact_request)
    new_alliance_title = " ".join((new_alliance_title or "").split())
    may_link = by.has_perm("knowledge.create_alliance", contact_request.network)
    if not may_link and (alliance is not None or new_alliance_title):
        raise ValidationError(
            _("Only the coordinators of the network can link an outcome to an alliance."),
            code="alliance",
        )
    if (
        may_link
        and outcome == Outcome.JOINT_PROJECT
        and alliance is None
        and not new_alliance_title
    ):
        raise ValidationError(
            _("Please choose the alliance or give the title of a new one."), code="alliance"
        )
    if alliance is not None and alliance.network_id != contact_request.network_id:
        raise ValidationError(_("Please choose an alliance of this network."), code="alliance")
    changes = {"outcome": outcome}
    with transaction.atomic():
        if outcome != Outcome.JOINT_PROJECT:
            changes["alliance"] = None
        elif may_link:
            changes["alliance"] = _alliance_for(introduction, by, alliance, new_alliance_title)
        # else: a joint project keeps the alliance a coordinator may have linked.
        updated = Introduction.objects.filter(
            pk=introduction.pk, introduced_at__isnull=False
        ).update(**changes)
        if not updated:
            raise ValidationError(
                _("The two sides have not been introduced yet; there is no outcome to record."),
                code="not_introduced",
            )
        record_event(
            actor=by,
            action="brokering.outcome_recorded",
            target=contact_request,
            data={
                "introduction_id": introduction.pk,
                "outcome": outcome,
                "alliance_id": changes["alliance"].pk if changes.get("alliance") else None,
            },
        )
    introduction.refresh_from_db()
    return introduction


def _alliance_for(introduction: Introduction, by, alliance, title: str) -> Alliance:
    municipalities = [introduction.request.municipality]
    if introduction.municipality is not None:
        municipalities.append(introduction.municipality)
    if alliance is None:
        return alliance_services.create_alliance(
            network=introduction.request.network,
            by=by,
            title=title,
            solution=introduction.solution,
            partners=[(municipality, "") for municipality in municipalities],
        )
    for municipality in municipalities:
        alliance_services.add_partner(
            alliance=alliance, by=by, municipality=municipality, if_missing=True
        )
    return alliance
