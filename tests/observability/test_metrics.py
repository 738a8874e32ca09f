"""/metrics: bearer token, bounded labels, queue length and database state."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

TOKEN = "metrics-token-for-tests-5f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _sample(text: str, name: str, **labels) -> float | None:
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        metric, _sep, value = line.rpartition(" ")
        if metric.split("{")[0] != name:
            continue
        if all(f'{key}="{wanted}"' in metric for key, wanted in labels.items()):
            return float(value)
    return None


def test_metrics_without_configured_token_do_not_exist(db, client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize(
    "header", [None, "Bearer falsch", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"]
)
def test_metrics_refuse_a_wrong_token(db, client, settings, caplog, header):
    settings.METRICS_TOKEN = TOKEN
    headers = {"Authorization": header} if header is not None else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"voneinander_" not in response.content
    (record,) = [r for r in caplog.records if r.name == "voneinander.security"]
    assert record.event == "metrics_token_refused"
    assert TOKEN not in str(record.__dict__)


def test_metrics_count_requests_by_view_name_not_path(world, client, settings):
    settings.METRICS_TOKEN = TOKEN
    before = client.get("/metrics", headers=AUTH).content.decode()
    start = _sample(before, "voneinander_http_requests_total", view="networks:detail") or 0
    client.get("/netzwerke/alpha/")
    client.get("/netzwerke/beta/")
    client.get("/gibt-es-nicht/irgendwo/")
    text = client.get("/metrics", headers=AUTH).content.decode()
    counted = _sample(
        text, "voneinander_http_requests_total", method="GET", status="2xx", view="networks:detail"
    )
    assert counted == start + 2
    assert _sample(text, "voneinander_http_requests_total", view="<unresolved>") >= 1
    assert "/netzwerke/alpha" not in text
    assert "gibt-es-nicht" not in text
    assert (
        _sample(text, "voneinander_http_request_duration_seconds_count", view="networks:detail")
        >= 2
    )
    assert _sample(text, "voneinander_database_up") == 1


def test_metrics_report_the_task_queue_length(db, client, settings):
    from tests.observability.tasks import log_something

    settings.METRICS_TOKEN = TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    log_something.enqueue()
    log_something.enqueue()
    text = client.get("/metrics", headers=AUTH).content.decode()
    assert _sample(text, "voneinander_task_queue_length", queue="default") == 2


def test_metrics_without_database_report_it_down(client, settings):
    # Without the `db` fixture every query fails, as with a database that is down.
    settings.METRICS_TOKEN = TOKEN
    response = client.get("/metrics", headers=AUTH)
    assert response.status_code == 200
    assert _sample(response.content.decode(), "voneinander_database_up") == 0


COUNT_REQUESTS = """
from voneinander.core.observability import REQUESTS
for _ in range({n}):
    REQUESTS.labels(method="GET", status="2xx", view="core:home").inc()
"""
SCRAPE = """
from voneinander.core.observability import render_metrics
print(render_metrics()[0].decode())
"""


@pytest.mark.subprocess
def test_metrics_in_multiprocess_mode_sum_all_workers(tmp_path):
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    root = Path(__file__).resolve().parents[2]
    for n in (2, 3):  # two "workers", each its own process
        subprocess.run(
            [sys.executable, "-c", COUNT_REQUESTS.format(n=n)], env=env, cwd=root, check=True
        )
    scrape = subprocess.run(
        [sys.executable, "-c", SCRAPE],
        env=env,
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    text = scrape.stdout
    assert _sample(text, "voneinander_http_requests_total", view="core:home") == 5
    # Without Django settings the database cannot be asked: reported down, not an error.
    assert _sample(text, "voneinander_database_up") == 0


def test_metrics_scrape_is_not_logged_at_info(db, client, settings, caplog):
    settings.METRICS_TOKEN = TOKEN
    caplog.set_level(logging.INFO, logger="voneinander.request")
    client.get("/metrics", headers=AUTH)
    assert [r for r in caplog.records if r.name == "voneinander.request"] == []
