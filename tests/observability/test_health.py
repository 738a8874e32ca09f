"""/healthz, /readyz and the HTTPS-redirect exemption for the probes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_healthz_answers_without_database(client):
    # No `db` fixture: pytest-django refuses every query, so none may happen.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_reports_database_and_cache_ok(db, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "ok"}
    assert [query["sql"] for query in queries.captured_queries] == ["SELECT 1"]
    assert "no-store" in response["Cache-Control"]


def test_readyz_without_database_answers_503(client):
    # Without the `db` fixture every query fails, as with a database that is down.
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "error", "cache": "ok"}


def test_readyz_without_cache_answers_503_without_details(db, client, settings):
    # A Redis that is not there (nothing listens on port 1); the DSN must not leak.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://:geheimes-redis-passwort@127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "cache": "error"}
    assert b"geheim" not in response.content
    assert b"127.0.0.1" not in response.content


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_probes_are_exempt_from_the_https_redirect(db, client, settings, url):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    assert client.get(url).status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.subprocess
def test_production_settings_exempt_the_probes_from_the_redirect():
    import subprocess
    import sys

    code = (
        "from django.conf import settings; import django; django.setup();"
        "print(settings.SECURE_REDIRECT_EXEMPT, settings.LOG_FORMAT)"
    )
    env = {
        "VONEINANDER_ENV": "production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "DJANGO_SETTINGS_MODULE": "voneinander.settings",
        "CACHE_URL": "redis://127.0.0.1:1/0",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['^healthz$', '^readyz$'] json"
