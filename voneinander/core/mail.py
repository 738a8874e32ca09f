"""All e-mail leaves through a background task.

`QueuedEmailBackend` is Django's `EMAIL_BACKEND`: whoever sends mail (allauth,
our services, the admin) only enqueues a `deliver_email` task holding the
message as JSON. The worker then hands it to `EMAIL_DELIVERY_BACKEND` (SMTP in
production). A slow or unreachable mail server therefore never slows down or
breaks a request, and a failed delivery stays visible as a failed task.

The task is enqueued inside the caller's transaction, not in `on_commit`: the
database task backend writes the task row in that same transaction, so the
e-mail is sent exactly when the action commits, and is never lost between
commit and callback (a transactional outbox). See docs/decisions.md.
"""

from __future__ import annotations

import base64
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from voneinander.core.tasks import deliver_email


def serialize_message(message: EmailMessage) -> dict:
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise TypeError("MIME attachments cannot be queued; pass (name, content, type).")
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append(
            {"filename": filename, "content": base64.b64encode(raw).decode(), "mimetype": mimetype}
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def deserialize_message(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


def deliver_now(data: dict) -> int:
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    return connection.send_messages([deserialize_message(data)])


class QueuedEmailBackend(BaseEmailBackend):
    """Enqueue each message; the worker delivers it once the transaction commits."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(serialize_message(message))
            count += 1
        return count
