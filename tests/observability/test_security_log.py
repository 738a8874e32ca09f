"""Security logging (issue 9): who, when, which request — never a secret.

Each test plants what must never be logged (a password, a token, file bytes and
a file name with a person's name) and checks every record of the test, of every
logger, for it.
"""

import json
import logging

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.api.factories import ApiTokenFactory
from tests.factories import PASSWORD, UserFactory
from voneinander.core.observability import JsonFormatter
from voneinander.core.security_log import email_hash
from voneinander.knowledge import files as knowledge_files
from voneinander.knowledge.models import SolutionFileKind

pytestmark = pytest.mark.trust("Security logging")

SECURITY = "voneinander.security"
PLANTED_PASSWORD = "Mein-geheimes-Passwort-99!"
# factory_boy logs the arguments of set_password while the test builds its data.
TEST_TOOLS = {"factory", "faker"}


@pytest.fixture
def seclog(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def _events(caplog, event):
    return [r for r in caplog.records if r.name == SECURITY and r.event == event]


def _assert_nowhere(caplog, *secrets):
    """None of `secrets` in any record: message, fields or the JSON line."""
    formatter = JsonFormatter()
    for record in caplog.records:
        if record.name.split(".")[0] in TEST_TOOLS:
            continue
        rendered = " ".join([record.getMessage(), repr(record.__dict__), formatter.format(record)])
        for secret in secrets:
            assert secret not in rendered, (record.name, secret)


def _assert_context(record, response, user=None):
    assert record.created > 0
    assert record.request_id == response["X-Request-ID"]
    assert record.user_id == (user.pk if user else None)
    assert record.ip == "127.0.0.1"
    data = json.loads(JsonFormatter().format(record))
    assert data["event"] == record.event
    assert data["timestamp"]


def test_login_is_logged_with_user_and_request(db, client, seclog):
    user = UserFactory(email="anna@example.org")
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    (record,) = _events(seclog, "login")
    _assert_context(record, response, user)
    _assert_nowhere(seclog, PASSWORD)


def test_failed_login_logs_a_hash_never_password_or_address(db, client, seclog):
    UserFactory(email="opfer@example.org")
    response = client.post(
        "/konto/login/", {"login": "Opfer@example.org", "password": PLANTED_PASSWORD}
    )
    assert response.status_code == 200
    (record,) = _events(seclog, "login_failed")
    _assert_context(record, response)
    assert record.levelno == logging.WARNING
    assert record.email_hash == email_hash("opfer@example.org")
    assert len(record.email_hash) == 16
    _assert_nowhere(seclog, PLANTED_PASSWORD, "opfer@example.org", "Opfer@example.org")


def test_logout_is_logged(db, client, seclog):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    (record,) = _events(seclog, "logout")
    _assert_context(record, response, user)


def test_wrong_second_factor_is_logged(db, client, seclog):
    user = UserFactory(email="zwei@example.org")
    TOTP.activate(user, generate_totp_secret())
    client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    (record,) = _events(seclog, "mfa_failed")
    # Not signed in yet: the person is known from the pending login.
    assert record.user_id == user.pk
    assert record.request_id == response["X-Request-ID"]
    assert record.authenticator == "totp"
    _assert_nowhere(seclog, PASSWORD)


def test_denied_access_names_the_permission_and_view(world, client_as, seclog):
    user = world.user("user")
    response = client_as(user).get(reverse("networks:manage", kwargs={"slug": "alpha"}))
    assert response.status_code == 403
    (record,) = _events(seclog, "access_denied")
    _assert_context(record, response, user)
    assert record.permission == "networks.manage_network"
    assert record.view == "networks:manage"


def test_hidden_object_is_logged_without_object_data(world, client_as, seclog):
    member = world.user("member")
    response = client_as(member).get(
        reverse("networks:internal", kwargs={"slug": "geheimes-netzwerk"})
    )
    assert response.status_code == 404
    (record,) = _events(seclog, "access_hidden")
    _assert_context(record, response, member)
    assert record.permission == "networks.view_internal"
    assert record.view == "networks:internal"
    assert "geheimes-netzwerk" not in record.getMessage()


@pytest.mark.urls("tests.test_access_matrix")
def test_view_without_rule_is_logged(db, client, seclog):
    response = client.get("/rogue/")
    assert response.status_code == 403
    (record,) = _events(seclog, "access_no_rule")
    _assert_context(record, response)


def test_rejected_upload_logs_reason_size_and_type_never_content(world, client_as, seclog):
    from tests.factories import MunicipalityFactory

    MunicipalityFactory(name="Neudorf", ags="07111222")
    user = world.user("user")
    content = b"MZ\x90\x00GEHEIMER-DATEIINHALT" + b"\x00" * 100
    letter = SimpleUploadedFile(
        "Personalakte Max Mustermann.pdf", content, content_type="application/pdf"
    )
    response = client_as(user).post(
        reverse("admissions:apply", kwargs={"slug": "alpha"}),
        {"municipality": "Neudorf", "letter": letter, "applicant_is_contact": "on"},
    )
    assert response.status_code == 200  # the form again, with its message
    (record,) = _events(seclog, "upload_rejected")
    _assert_context(record, response, user)
    assert record.reason == "not_pdf"
    assert record.size == len(content)
    assert record.detected_type == "windows-executable"
    assert record.extension == "pdf"
    assert record.check == "letters.check_letter"
    _assert_nowhere(seclog, "GEHEIMER-DATEIINHALT", "Mustermann", "Personalakte")


def test_rejected_upload_is_logged_once_when_checks_nest(seclog):
    upload = SimpleUploadedFile("a.png", b"\x7fELF" + b"\x00" * 50)
    with pytest.raises(ValidationError) as refused:
        knowledge_files.check_upload(upload, SolutionFileKind.IMAGE)
    assert refused.value.code == "executable"
    (record,) = _events(seclog, "upload_rejected")
    assert record.reason == "executable"
    assert record.check == "uploads.check_material"
    assert record.request_id == ""
    assert record.user_id is None


def test_rejected_upload_claimed_type_cannot_forge_log_lines(seclog):
    upload = SimpleUploadedFile(
        "a.png", b"\x7fELF" + b"\x00" * 50, content_type="image/png\nINFO login user=1"
    )
    with pytest.raises(ValidationError):
        knowledge_files.check_upload(upload, SolutionFileKind.IMAGE)

    (record,) = _events(seclog, "upload_rejected")
    assert record.claimed_type == "image/pngINFOloginuser=1"


def test_refused_api_token_is_logged_without_the_token(db, client, seclog):
    planted = "vnd_GeheimesTokenDasNieImLogStehtDarf1234567"
    response = client.get("/api/v1/networks/", headers={"Authorization": f"Bearer {planted}"})
    assert response.status_code == 401
    (record,) = _events(seclog, "api_token_refused")
    _assert_context(record, response)
    assert record.reason == "invalid_token"
    _assert_nowhere(seclog, planted, planted[4:20])


def test_read_only_api_token_refused_for_writes_is_logged(db, seclog):
    from django.test import RequestFactory

    from voneinander.api.auth import TokenAuth, TokenReadOnlyError

    token = ApiTokenFactory(can_write=False)
    request = RequestFactory().post("/api/v1/x/", headers={"Authorization": f"Bearer {token.raw}"})
    with pytest.raises(TokenReadOnlyError):
        TokenAuth()(request)
    (record,) = _events(seclog, "api_token_refused")
    assert record.reason == "token_read_only"
    assert record.user_id == token.user.pk
    _assert_nowhere(seclog, token.raw)
