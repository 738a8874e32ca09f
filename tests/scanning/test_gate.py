"""core.uploads.accept_upload: the content check, then clamd; refused, held or passed."""

import logging

import pytest
from django.core.exceptions import ValidationError

from tests.admissions.pdfs import letter_pdf
from tests.factories import UserFactory
from tests.processes import run_project_process
from tests.scanning.clamd import EICAR, SIGNATURE
from tests.scanning.payloads import eicar_pdf, upload
from voneinander.audit.models import AuditEvent
from voneinander.core.uploads import MESSAGES, accept_upload
from voneinander.events.uploads import check_material

pytestmark = pytest.mark.trust("Upload scanning")


def _records(caplog, event):
    return [r for r in caplog.records if r.name == "voneinander.security" and r.event == event]


def test_accept_upload_passes_a_clean_file_with_the_check_result(db):
    checked = accept_upload(
        upload(letter_pdf(), "bericht.pdf"), check_material, by=None, purpose="test"
    )

    assert checked.kind == "pdf"
    assert not AuditEvent.objects.exists()


def test_accept_upload_refuses_a_flagged_file_with_audit_and_security_log(db, caplog):
    person = UserFactory()
    data = eicar_pdf()
    caplog.set_level(logging.INFO, logger="voneinander.security")

    with pytest.raises(ValidationError) as refused:
        accept_upload(upload(data, "bericht.pdf"), check_material, by=person, purpose="test.x")

    assert refused.value.code == "infected"
    assert refused.value.messages == [str(MESSAGES["infected"])]
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == ("upload.rejected", person)
    assert event.data["purpose"] == "test.x"
    assert event.data["signature"].startswith(SIGNATURE)
    assert event.data["size"] == len(data)
    [record] = _records(caplog, "upload_rejected")
    assert record.levelno == logging.WARNING
    assert (record.user_id, record.reason, record.purpose) == (person.pk, "infected", "test.x")
    assert record.signature.startswith(SIGNATURE)
    # Never the file's contents, in the message or any field.
    logged = record.getMessage() + repr(vars(record)) + repr(event.data)
    assert EICAR.decode() not in logged
    assert "EICAR-STANDARD" not in logged


def test_accept_upload_holds_the_file_when_clamd_is_unreachable(db, settings, tmp_path, caplog):
    settings.CLAMD_SOCKET = str(tmp_path / "gone.sock")
    person = UserFactory()
    caplog.set_level(logging.INFO, logger="voneinander.security")

    with pytest.raises(ValidationError) as held:
        accept_upload(upload(letter_pdf(), "b.pdf"), check_material, by=person, purpose="t")

    assert held.value.code == "scanner_unavailable"
    assert held.value.messages == [str(MESSAGES["scanner_unavailable"])]
    [record] = _records(caplog, "upload_held")
    assert (record.levelno, record.user_id) == (logging.ERROR, person.pk)
    assert not AuditEvent.objects.exists()


def test_accept_upload_runs_the_content_check_first(db):
    # Plain EICAR is no accepted type: the content check's message, and no scan.
    with pytest.raises(ValidationError) as refused:
        accept_upload(upload(EICAR, "eicar.pdf"), check_material, by=None, purpose="t")

    assert refused.value.code == "unknown"


def test_accept_upload_does_not_scan_when_scanning_is_off(db, settings):
    settings.SCAN_UPLOADS = False

    checked = accept_upload(upload(eicar_pdf(), "b.pdf"), check_material, by=None, purpose="t")

    assert checked.kind == "pdf"


def test_accept_upload_scans_one_file_object_once(db, settings, tmp_path):
    file = upload(letter_pdf(), "b.pdf")
    accept_upload(file, check_material, by=None, purpose="form")
    settings.CLAMD_SOCKET = str(tmp_path / "gone.sock")  # a second scan would be held

    assert accept_upload(file, check_material, by=None, purpose="service").kind == "pdf"


@pytest.mark.subprocess
def test_deploy_check_warns_when_production_does_not_scan_uploads(tmp_path):
    from tests.core.test_settings import PRODUCTION_ENV

    # With scanning on (the production default) tests/core/test_settings.py's deploy
    # check passes without warnings; off, it warns.
    not_scanning = run_project_process(
        ["manage.py", "check", "--deploy"],
        tmp_path=tmp_path,
        env=PRODUCTION_ENV | {"SCAN_UPLOADS": "0"},
    )

    assert "voneinander.W010" in not_scanning.stdout + not_scanning.stderr
