"""The e-mails of the brokering workflow, in German (formal "Sie").

Each mail is two templates, `knowledge/brokering/email/<name>_subject.txt` and
`<name>_message.txt` (English msgids, translated through gettext). They leave
through the queued backend (core/mail.py) inside the service's transaction.

Privacy: until both sides have agreed, no mail carries the other side's e-mail
address; only the introduction itself names both addresses.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from voneinander.networks.selectors import coordinators_of

MAIL_LANGUAGE = "de"


def absolute(name: str, **kwargs) -> str:
    with translation.override(MAIL_LANGUAGE):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _message(name: str, context: dict, to: list[str], *, reply_to: str = "") -> EmailMessage:
    with translation.override(MAIL_LANGUAGE):
        context = {"site_name": settings.SITE_NAME, **context}
        subject = render_to_string(f"knowledge/brokering/email/{name}_subject.txt", context)
        body = render_to_string(f"knowledge/brokering/email/{name}_message.txt", context)
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] " + " ".join(subject.split()),
        body=body.strip() + "\n",
        to=to,
        reply_to=[reply_to] if reply_to else None,
    )


def _request_context(contact_request) -> dict:
    return {
        "contact_request": contact_request,
        "network": contact_request.network,
        "municipality": contact_request.municipality,
        "requester": contact_request.requester,
        "request_url": absolute("knowledge:brokering_request", pk=contact_request.pk),
    }


def _reachable(user) -> bool:
    return user is not None and user.is_active and bool(user.email)


def _coordinators(network) -> list:
    return [role.user for role in coordinators_of(network) if _reachable(role.user)]


def send_new_request(contact_request) -> None:
    context = _request_context(contact_request) | {
        "inbox_url": absolute("knowledge:brokering_inbox", slug=contact_request.network.slug)
    }
    for coordinator in _coordinators(contact_request.network):
        _message("new_request", context | {"coordinator": coordinator}, [coordinator.email]).send()


def _introduction_context(introduction) -> dict:
    return _request_context(introduction.request) | {
        "introduction": introduction,
        "contact": introduction.contact,
        "solution": introduction.solution,
        "contact_municipality": introduction.municipality,
        "introduction_url": absolute("knowledge:brokering_introduction", pk=introduction.pk),
    }


def send_consent_requests(introduction) -> None:
    """Ask both sides whether they agree to be introduced (no addresses exchanged)."""
    context = _introduction_context(introduction)
    reply_to = introduction.request.network.contact_email
    if _reachable(introduction.contact):
        _message("ask_contact", context, [introduction.contact.email], reply_to=reply_to).send()
    if _reachable(introduction.request.requester):
        _message(
            "ask_requester", context, [introduction.request.requester.email], reply_to=reply_to
        ).send()


def send_declined(introduction, *, by) -> None:
    """Tell the coordinator who suggested the match (or all of them) that a side declined."""
    network = introduction.request.network
    suggested_by = introduction.suggested_by
    coordinators = _coordinators(network)
    if suggested_by is not None and suggested_by.pk in {user.pk for user in coordinators}:
        coordinators = [suggested_by]
    side = "contact" if by.pk == introduction.contact_id else "requester"
    context = _introduction_context(introduction) | {"side": side, "declined_by": by}
    for coordinator in coordinators:
        _message("declined", context | {"coordinator": coordinator}, [coordinator.email]).send()


def send_introduction(introduction) -> None:
    """One message to both sides at once, with both names and e-mail addresses."""
    requester, contact = introduction.request.requester, introduction.contact
    recipients = [user.email for user in (requester, contact) if _reachable(user)]
    if not recipients:
        return
    context = _introduction_context(introduction)
    _message("introduction", context, recipients).send()


def send_request_ended(contact_request, introductions) -> None:
    """Tell people still asked for their consent that no answer is needed any more."""
    context = _request_context(contact_request)
    for introduction in introductions:
        if _reachable(introduction.contact):
            _message(
                "request_ended",
                context | {"introduction": introduction, "contact": introduction.contact},
                [introduction.contact.email],
            ).send()
