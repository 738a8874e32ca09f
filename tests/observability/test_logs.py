"""Request ids, the access log and the JSON log format."""

import json
import logging
import re

import pytest
from django.urls import reverse

from voneinander.core.observability import ContextFilter, JsonFormatter

ACCESS = "voneinander.request"


def _access_records(caplog):
    return [record for record in caplog.records if record.name == ACCESS]


def test_request_id_from_a_sane_header_is_echoed_and_logged(db, client, caplog):
    caplog.set_level(logging.INFO, logger=ACCESS)
    response = client.get("/", headers={"X-Request-ID": "lb-4711.abc_DEF"})
    assert response["X-Request-ID"] == "lb-4711.abc_DEF"
    (record,) = _access_records(caplog)
    assert record.request_id == "lb-4711.abc_DEF"


@pytest.mark.parametrize(
    "incoming", ["a" * 65, "mit leerzeichen", "<script>", "id\nX-Injected: 1", ""]
)
def test_request_id_from_an_odd_header_is_replaced(db, client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_access_log_line_has_method_path_status_duration_and_user(world, client_as, caplog):
    caplog.set_level(logging.INFO, logger=ACCESS)
    member = world.user("member")
    response = client_as(member).get("/netzwerke/alpha/?token=geheimes-token-123")
    (record,) = _access_records(caplog)
    assert record.method == "GET"
    assert record.path == "/netzwerke/alpha/"
    assert record.status == 200
    assert record.view == "networks:detail"
    assert record.duration_ms > 0
    assert record.user_id == member.pk
    assert record.request_id == response["X-Request-ID"]
    assert "geheimes-token-123" not in record.getMessage()


def test_access_log_hides_secrets_in_the_path(db, client, caplog):
    caplog.set_level(logging.INFO, logger=ACCESS)
    url = reverse("notifications:unsubscribe", kwargs={"token": "geheimes-abmelde-token"})
    client.get(url)
    (record,) = _access_records(caplog)
    assert "geheimes-abmelde-token" not in record.path
    assert "geheimes-abmelde-token" not in record.getMessage()
    assert record.path == url.replace("geheimes-abmelde-token", "…")


def test_probes_are_logged_at_debug_only(db, client, caplog):
    caplog.set_level(logging.INFO, logger=ACCESS)
    client.get("/healthz")
    client.get("/readyz")
    assert _access_records(caplog) == []


def test_json_formatter_writes_one_object_with_the_context(db, client, caplog):
    caplog.set_level(logging.INFO, logger=ACCESS)
    client.get("/", headers={"X-Request-ID": "json-test-1"})
    (record,) = _access_records(caplog)
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert "\n" not in line
    assert data["level"] == "INFO"
    assert data["logger"] == ACCESS
    assert data["request_id"] == "json-test-1"
    assert data["user_id"] is None
    assert data["method"] == "GET"
    assert data["path"] == "/"
    assert data["status"] == 200
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", data["timestamp"])
    assert data["message"].startswith("GET / 200 ")
    assert "task_id" not in data


def test_records_outside_a_request_have_empty_context():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    ContextFilter().filter(record)
    data = json.loads(JsonFormatter().format(record))
    assert data["request_id"] == ""
    assert data["user_id"] is None
    assert data["message"] == "hello"


def test_records_inside_a_task_carry_the_task_id(caplog):
    from tests.observability.tasks import log_something

    caplog.set_level(logging.WARNING, logger="voneinander.tests.task")
    result = log_something.enqueue()
    (record,) = [r for r in caplog.records if r.name == "voneinander.tests.task"]
    ContextFilter().filter(record)
    assert record.task_id == str(result.id)
    assert json.loads(JsonFormatter().format(record))["task_id"] == str(result.id)
