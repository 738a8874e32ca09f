"""Configuration from the environment, and the production profile."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tests.processes import run_project_process
from voneinander.envconfig import cache_config, email_config, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "VONEINANDER_ENV": "production",
    "SECRET_KEY": "x" * 20 + "-production-key-with-enough-entropy-0123456789abcdefghijk",
    "ALLOWED_HOSTS": "voneinander.example.org",
}


def _manage(*args, env_extra, tmp_path):
    return run_project_process(["manage.py", *args], tmp_path=tmp_path, env=env_extra)


@pytest.mark.subprocess
def test_production_profile_passes_the_deploy_check(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.subprocess
def test_deploy_check_fails_on_warnings_it_would_otherwise_pass(tmp_path):
    """The test above can fail: switching HSTS off makes the same check fail."""
    env = PRODUCTION_ENV | {"SECURE_HSTS_SECONDS": "0"}
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", env_extra=env, tmp_path=tmp_path
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is required"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is required"),
        ({"CACHE_URL": "locmem://"}, "shared by all app processes"),
        ({"DEBUG": "1"}, "DEBUG must be off"),
    ],
)
def test_production_refuses_unsafe_configuration(tmp_path, env, message):
    result = _manage("check", env_extra=PRODUCTION_ENV | env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_sqlite_waits_for_the_write_lock_instead_of_failing():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        assert database["ENGINE"] == "django.db.backends.postgresql"
        return
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5


def test_email_urls():
    smtp = email_config("smtp+tls://user%40x:geheim@mail.example.org:2525")
    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert (smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"], smtp["EMAIL_USE_SSL"]) == (2525, True, False)
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("user@x", "geheim")
    assert email_config("smtps://mail.example.org")["EMAIL_PORT"] == 465
    assert email_config("console://")["DELIVERY_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        email_config("carrier-pigeon://x")


def test_cache_urls():
    assert cache_config("redis://127.0.0.1:6379/1")["BACKEND"].endswith("RedisCache")
    assert cache_config("db://my_cache") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "my_cache",
    }
    with pytest.raises(ImproperlyConfigured):
        cache_config("memcached://x")


def test_malformed_values_name_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "vielleicht")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")
    monkeypatch.setenv("SQLITE_BUSY_TIMEOUT", "zwanzig")
    with pytest.raises(ImproperlyConfigured, match="SQLITE_BUSY_TIMEOUT"):
        env_int("SQLITE_BUSY_TIMEOUT", 20)


def test_default_cache_is_shared_between_processes():
    """Outside tests the default cache is the database cache, not a per-process one."""
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "REDIS_URL"}}
    env["VONEINANDER_ENV"] = "development"
    code = "import voneinander.settings as s; print(s.CACHES['default']['BACKEND'])"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
