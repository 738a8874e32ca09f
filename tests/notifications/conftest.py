"""A real local SMTP server for notification e-mails (the fixture of tests/core/test_mail.py)."""

import pytest
from aiosmtpd.controller import Controller

from tests.core.test_mail import _Collect, _free_port, _smtp_settings


@pytest.fixture
def smtp_server(settings):
    """(handler with `.envelopes`): mail is delivered by SMTP while the fixture is active."""
    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    with _smtp_settings(controller):
        yield handler
    controller.stop()
