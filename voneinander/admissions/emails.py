"""The e-mails of the admission workflow, in German (formal "Sie").

Each mail is two templates, `admissions/email/<name>_subject.txt` and
`<name>_message.txt`, with English msgids translated through gettext. Mails
leave through the queued backend (core/mail.py): sent inside a service's
transaction, they go out exactly when it commits.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from voneinander.networks.selectors import coordinators_of

MAIL_LANGUAGE = "de"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _message(name: str, context: dict, to: list[str], *, reply_to: str = "") -> EmailMessage:
    with translation.override(MAIL_LANGUAGE):
        context = {"site_name": settings.SITE_NAME, **context}
        subject = render_to_string(f"admissions/email/{name}_subject.txt", context)
        body = render_to_string(f"admissions/email/{name}_message.txt", context)
    subject = f"[{settings.SITE_NAME}] " + " ".join(subject.split())
    return EmailMessage(
        subject=subject,
        body=body.strip() + "\n",
        to=to,
        reply_to=[reply_to] if reply_to else None,
    )


def _application_context(application) -> dict:
    with translation.override(MAIL_LANGUAGE):
        url = absolute(reverse("admissions:detail", kwargs={"pk": application.pk}))
        mine = absolute(reverse("admissions:mine"))
    return {
        "application": application,
        "network": application.network,
        "municipality": application.municipality,
        "applicant": application.applicant,
        "url": url,
        "mine_url": mine,
    }


def send_to_applicant(application, name: str, **extra) -> None:
    applicant = application.applicant
    if applicant is None or not applicant.email:
        return
    context = _application_context(application) | extra
    reply_to = application.network.contact_email
    _message(name, context, [applicant.email], reply_to=reply_to).send()


def send_to_coordinators(application, name: str) -> None:
    context = _application_context(application)
    for role in coordinators_of(application.network):
        if role.user.is_active and role.user.email:
            _message(name, context | {"coordinator": role.user}, [role.user.email]).send()


def send_admission_notice(application, pdf: bytes, filename: str) -> None:
    applicant = application.applicant
    recipients = [applicant.email] if applicant is not None and applicant.email else []
    if not recipients:
        return
    with translation.override(MAIL_LANGUAGE):
        internal = absolute(reverse("networks:internal", kwargs={"slug": application.network.slug}))
    context = _application_context(application) | {"internal_url": internal}
    message = _message("admitted", context, recipients, reply_to=application.network.contact_email)
    message.attach(filename, pdf, "application/pdf")
    message.send()


def send_invitation(*, user, application, set_password_url: str) -> None:
    context = _application_context(application) | {
        "user": user,
        "set_password_url": set_password_url,
        "timeout_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    reply_to = application.network.contact_email
    _message("invitation", context, [user.email], reply_to=reply_to).send()
