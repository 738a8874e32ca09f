"""The shipped nginx configuration in front of a live app.

deploy/cluster/nginx.conf with deploy/nginx/anonymous-cache*.conf keeps anonymous
public pages for their max-age and nothing else.

Needs Debian's nginx (`scripts/install-test-services.sh`); fails clearly without it.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
NGINX = Path("/usr/sbin/nginx")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(live_server):
    assert NGINX.exists(), "nginx is missing: run scripts/install-test-services.sh"
    # Not under pytest's 0700 tmp_path: nginx's workers may run as another user.
    state = Path(tempfile.mkdtemp(prefix="vn-nginx-cache-"))
    state.chmod(0o755)
    port = _free_port()
    app_port = str(urlsplit(live_server.url).port)
    config = (ROOT / "deploy/cluster/nginx.conf").read_text()
    for placeholder, value in {
        "@STATE@": str(state),
        "@REPO@": str(ROOT),
        "@PORT@": str(port),
        "@APP_A@": app_port,
        "@APP_B@": app_port,
    }.items():
        config = config.replace(placeholder, value)
    (state / "nginx.conf").write_text(config)
    (state / "nginx-tmp").mkdir()
    command = [str(NGINX), "-c", str(state / "nginx.conf"), "-p", str(state)]
    command += ["-e", str(state / "nginx-error.log")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, (state / "nginx-error.log").read_text()
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(state, ignore_errors=True)


def _get(base, path, **headers):
    return requests.get(base + path, headers=headers, timeout=30, allow_redirects=False)


@pytest.mark.django_db(transaction=True)
def test_anonymous_public_page_is_served_from_the_cache(nginx, world):
    first = _get(nginx, "/netzwerke/alpha/")
    second = _get(nginx, "/netzwerke/alpha/")
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.content == first.content
    assert "Set-Cookie" not in second.headers


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc"},
        {"Cookie": "theme=1; __Host-sessionid=abc"},
        {"Cookie": "csrftoken=abc"},
        {"Cookie": "__Host-csrftoken=abc"},
        {"Authorization": "Bearer abc"},
        {"HX-Request": "true"},
    ],
)
def test_personal_requests_bypass_the_cache(nginx, world, headers):
    _get(nginx, "/netzwerke/")
    assert _get(nginx, "/netzwerke/").headers["X-Cache-Status"] == "HIT"
    assert _get(nginx, "/netzwerke/", **headers).headers["X-Cache-Status"] == "BYPASS"


@pytest.mark.django_db(transaction=True)
def test_private_pages_are_never_cached(nginx, world):
    for _ in range(3):
        response = _get(nginx, "/konto/login/")
        assert response.status_code == 200
        assert response.headers["X-Cache-Status"] == "MISS"


@pytest.mark.django_db(transaction=True)
def test_signed_in_page_is_fresh_and_never_shared(nginx, world, client):
    _get(nginx, "/netzwerke/alpha/")
    assert _get(nginx, "/netzwerke/alpha/").headers["X-Cache-Status"] == "HIT"
    client.force_login(world.user("coordinator"))
    session = client.cookies["sessionid"].value
    signed_in = _get(nginx, "/netzwerke/alpha/", Cookie=f"sessionid={session}")
    assert signed_in.headers["X-Cache-Status"] == "BYPASS"
    assert "/netzwerke/alpha/verwalten/" in signed_in.text
    anonymous = _get(nginx, "/netzwerke/alpha/")
    assert anonymous.headers["X-Cache-Status"] == "HIT"
    assert "/netzwerke/alpha/verwalten/" not in anonymous.text
    assert "coordinator@example.org" not in anonymous.text


@pytest.mark.django_db(transaction=True)
def test_change_reaches_anonymous_visitors_after_max_age(nginx, world, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 1
    assert "Altes Profil" not in _get(nginx, "/netzwerke/alpha/").text
    world.network.description = "Altes Profil"  # after the first fetch: not in the cache
    world.network.save(update_fields=["description"])
    assert _get(nginx, "/netzwerke/alpha/").headers["X-Cache-Status"] == "HIT"
    # nginx counts in whole seconds: an entry of max-age N lives N to N+1 seconds.
    time.sleep(2.1)
    fresh = _get(nginx, "/netzwerke/alpha/")
    assert fresh.headers["X-Cache-Status"] in {"EXPIRED", "MISS"}
    assert "Altes Profil" in fresh.text
