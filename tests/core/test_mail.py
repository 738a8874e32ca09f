"""E-mail leaves through a background task and reaches a real SMTP server."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from voneinander.core.mail import deserialize_message, serialize_message


class _Collect:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def _smtp_settings(controller):
    return override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=controller.hostname,
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
    )


@pytest.mark.django_db
def test_email_is_delivered_over_smtp_through_the_task(smtp_server):
    controller, handler = smtp_server
    with _smtp_settings(controller):
        message = EmailMessage(
            subject="Aufnahme in das Netzwerk",
            body="Sehr geehrte Damen und Herren, …",
            from_email="netzwerk@example.org",
            to=["buergermeister@example.org"],
        )
        message.attach("bescheid.txt", "Inhalt des Bescheids", "text/plain")
        assert message.send() == 1
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.rcpt_tos == ["buergermeister@example.org"]
    raw = envelope.content.decode()
    assert "Subject: Aufnahme in das Netzwerk" in raw
    assert 'filename="bescheid.txt"' in raw


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_action_queues_no_mail():
    class AbortError(Exception):
        pass

    def failing_action():
        with transaction.atomic():
            send_mail("Betreff", "Text", "a@example.org", ["b@example.org"])
            assert DBTaskResult.objects.count() == 1  # queued inside the transaction …
            raise AbortError

    with override_settings(TASKS=DATABASE_TASKS):
        with pytest.raises(AbortError):
            failing_action()
        assert DBTaskResult.objects.count() == 0  # … and gone with it
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_database_queue_holds_mail_until_the_worker_runs(smtp_server):
    controller, handler = smtp_server
    with _smtp_settings(controller), override_settings(TASKS=DATABASE_TASKS):
        send_mail("Erinnerung", "Morgen ist Netzwerktreffen.", "a@example.org", ["b@example.org"])
        assert DBTaskResult.objects.count() == 1
        assert handler.envelopes == []
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert len(handler.envelopes) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_message_survives_serialisation():
    message = EmailMessage(
        "Betreff ä",
        "Text ö",
        "a@example.org",
        ["b@example.org"],
        cc=["c@example.org"],
        reply_to=["r@example.org"],
        headers={"List-Id": "netz"},
    )
    message.attach("a.pdf", b"%PDF-1.7 bytes\x00\xff", "application/pdf")
    restored = deserialize_message(serialize_message(message))
    assert (restored.subject, restored.body, restored.cc) == (
        "Betreff ä",
        "Text ö",
        ["c@example.org"],
    )
    assert restored.reply_to == ["r@example.org"]
    assert restored.extra_headers == {"List-Id": "netz"}
    assert restored.attachments[0][1] == b"%PDF-1.7 bytes\x00\xff"
