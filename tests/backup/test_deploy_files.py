"""The shipped deployment files are valid: nginx -t, systemd-analyze verify, and
the promises docs/deployment.md makes about them (TLS, limits, no media location,
one timer per scheduled job)."""

import datetime
import re
import runpy
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import get_commands

REPO = Path(__file__).resolve().parents[2]
NGINX_DIR = REPO / "deploy" / "nginx"
SYSTEMD_DIR = REPO / "deploy" / "systemd"
NGINX = "/usr/sbin/nginx"
PROD_CODE = "/srv/voneinander"


def _nginx_binary() -> str:
    # make test installs nginx-light (scripts/install-test-services.sh): never skip.
    assert Path(NGINX).exists(), (
        "nginx is missing: run scripts/install-test-services.sh (apt-get install nginx-light)"
    )
    return NGINX


def _self_signed(directory: Path) -> None:
    """A throwaway certificate (cryptography comes with allauth's MFA dependencies)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "voneinander.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (directory / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (directory / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def _installed_nginx_conf(tmp_path: Path) -> Path:
    """The shipped file with its absolute paths moved into a temporary prefix."""
    for name in ("tls", "static", "cache", "acme", "buffers", "logs"):
        (tmp_path / name).mkdir()
    _self_signed(tmp_path / "tls")
    text = (NGINX_DIR / "voneinander.conf").read_text()
    for production, test in {
        PROD_CODE: str(REPO),
        "/etc/ssl/voneinander": str(tmp_path / "tls"),
        "/var/lib/voneinander/static": str(tmp_path / "static"),
        "/var/cache/nginx/voneinander": str(tmp_path / "cache"),
        "/var/www/acme": str(tmp_path / "acme"),
        "/var/log/nginx": str(tmp_path / "logs"),
    }.items():
        text = text.replace(production, test)
    site = tmp_path / "voneinander.conf"
    site.write_text(text)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/access.log;
    client_body_temp_path {tmp_path}/buffers/body;
    proxy_temp_path {tmp_path}/buffers/proxy;
    fastcgi_temp_path {tmp_path}/buffers/fastcgi;
    uwsgi_temp_path {tmp_path}/buffers/uwsgi;
    scgi_temp_path {tmp_path}/buffers/scgi;
    include {site};
}}
"""
    )
    return main


def test_nginx_configuration_passes_nginx_t(tmp_path):
    main = _installed_nginx_conf(tmp_path)

    result = subprocess.run(
        [
            _nginx_binary(),
            "-t",
            "-q",
            "-p",
            str(tmp_path),
            "-e",
            str(tmp_path / "error.log"),
            "-c",
            str(main),
        ],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "emerg" not in result.stderr and "warn" not in result.stderr, result.stderr


def _directives(text: str, name: str) -> list[str]:
    return [
        match.group(1).strip()
        for match in re.finditer(rf"^\s*{name}\s+([^;]*);", text, flags=re.MULTILINE)
    ]


def test_nginx_configuration_keeps_the_documented_promises():
    text = (NGINX_DIR / "voneinander.conf").read_text()
    proxy = (NGINX_DIR / "voneinander-proxy.conf").read_text()

    assert _directives(text, "ssl_protocols") == ["TLSv1.2 TLSv1.3"]
    assert "max-age=31536000" in " ".join(_directives(text, "add_header"))
    # Uploads never from a location: no path of MEDIA_ROOT, no root/alias but static's.
    assert "media" not in " ".join(_directives(text, "alias") + _directives(text, "root"))
    assert _directives(text, "alias") == ["/var/lib/voneinander/static/"]
    assert _directives(text, "root") == ["/var/www/acme"]
    assert _directives(text, "client_max_body_size") == ["22m", "205m"]
    assert f"{PROD_CODE}/deploy/nginx/anonymous-cache.conf" in _directives(text, "include")
    for probe in ("/healthz", "/readyz"):
        block = text.split(f"location = {probe} {{", 1)[1].split("}", 1)[0]
        assert "proxy_cache off;" in block
    # Never the default `combined` format (query strings, tokens in paths).
    assert (
        _directives(text, "access_log")
        == ["/var/log/nginx/voneinander-access.log voneinander"] * 2 + ["off"] * 3
    )
    assert f"{PROD_CODE}/deploy/nginx/access-log-http.conf" in _directives(text, "include")
    cached = text.split("location / {", 2)[2].split("}", 1)[0]
    assert "proxy_hide_header X-Request-ID;" in cached
    assert "add_header X-Request-ID $request_id always;" in cached
    assert _directives(proxy, "proxy_set_header") == [
        'Connection ""',
        "Host $host",
        "X-Forwarded-For $proxy_add_x_forwarded_for",
        "X-Forwarded-Proto $scheme",
        "X-Request-ID $request_id",
    ]


def _unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """systemd unit syntax: sections, keys that may repeat (configparser cannot)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{path.name}: {line!r} outside a section"
        key, separator, value = line.partition("=")
        assert separator, f"{path.name}: {line!r} is not key=value"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


SERVICES = sorted(SYSTEMD_DIR.glob("*.service"))
TIMERS = sorted(SYSTEMD_DIR.glob("*.timer"))


def _executable(command_line: str) -> tuple[Path, list[str]]:
    words = command_line.lstrip("-@:+!").split()
    return Path(words[0].replace(PROD_CODE, str(REPO))), words[1:]


@pytest.mark.parametrize("path", SERVICES, ids=lambda path: path.name)
def test_systemd_service_starts_existing_programs_hardened(path):
    unit = _unit(path)
    service = unit["Service"]

    for key in ("ExecStart", "ExecStartPost", "ExecReload"):
        for command_line in service.get(key, []):
            program, arguments = _executable(command_line)
            assert program.exists(), f"{path.name}: {program} does not exist"
            if "manage.py" in arguments:
                command = arguments[arguments.index("manage.py") + 1]
                assert command in get_commands(), f"{path.name}: no command {command}"
    assert service["WorkingDirectory"] == [PROD_CODE]
    assert service["User"] == ["voneinander"]
    for option in ("NoNewPrivileges", "PrivateTmp", "ProtectHome"):
        assert service[option] == ["yes"], option
    assert service["ProtectSystem"] == ["strict"]
    assert service["StateDirectory"] == ["voneinander"]


def test_every_scheduled_job_of_the_guide_has_a_timer():
    guide = (REPO / "docs" / "deployment.md").read_text()
    cron = guide.split("```cron", 1)[1].split("```", 1)[0]
    jobs = {
        line.split("manage.py", 1)[1].split()[0]
        for line in cron.splitlines()
        if "manage.py" in line
    }
    timed = set()
    for timer in TIMERS:
        assert _unit(timer)["Timer"]["OnCalendar"], timer.name
        service = timer.with_suffix(".service")
        assert service.exists(), f"{timer.name} has no {service.name}"
        _program, arguments = _executable(_unit(service)["Service"]["ExecStart"][0])
        timed.update(word for word in " ".join(arguments).split() if word in jobs)

    assert jobs >= {"send_event_reminders", "purge_event_data", "notify_published_news"}
    assert timed == jobs
    assert (SYSTEMD_DIR / "voneinander-backup.timer").exists()


def test_systemd_analyze_verify_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (the units are parsed by the test above)")
    for path in [*SERVICES, *TIMERS]:
        text = path.read_text().replace(PROD_CODE, str(REPO))
        # Users, environment file and backup directory of a production host do not exist here.
        text = re.sub(r"^(User|Group)=.*$", r"\1=root", text, flags=re.MULTILINE)
        text = text.replace("EnvironmentFile=/", "EnvironmentFile=-/")
        (tmp_path / path.name).write_text(text)
    names = [str(tmp_path / path.name) for path in [*SERVICES, *TIMERS]]

    result = subprocess.run(
        [analyze, "verify", *names], capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


def test_gunicorn_config_reads_environment_and_clears_metrics(tmp_path, monkeypatch):
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    (metrics / "counter_123.db").write_bytes(b"left over")
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.12:8000")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics))

    config = runpy.run_path(str(REPO / "deploy" / "gunicorn.conf.py"))
    config["on_starting"](None)

    assert config["bind"] == ["10.0.0.12:8000"]
    assert config["workers"] == 3
    assert config["worker_class"] == "sync"
    assert config["accesslog"] is None
    assert list(metrics.iterdir()) == []
    assert callable(config["child_exit"])


SECRET_PATHS = {
    "/konto/password/reset/key/4-c8k2n1-a1b2c3d4e5/": "/konto/password/reset/key/[redacted]",
    "/en/konto/password/reset/key/4-set-password/": "/konto/password/reset/key/[redacted]",
    "/konto/confirm-email/MQ:1tSecretKey:abcdef/": "/konto/confirm-email/[redacted]",
    "/veranstaltungen/kalender/FeedTokenSecret123.ics": "/veranstaltungen/kalender/[redacted].ics",
    "/benachrichtigungen/abmelden/UnsubTokenSecret/": "/benachrichtigungen/abmelden/[redacted]",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_nginx_access_log_has_no_query_strings_and_no_secrets_in_paths():
    # Not under pytest's 0700 tmp_path: nginx's workers may run as another user.
    state = Path(tempfile.mkdtemp(prefix="vn-nginx-log-"))
    state.chmod(0o755)
    port = _free_port()
    (state / "nginx.conf").write_text(
        f"""
daemon off;
pid {state}/nginx.pid;
error_log {state}/error.log;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {state}/body;
    proxy_temp_path {state}/proxy;
    fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi;
    scgi_temp_path {state}/scgi;
    include {NGINX_DIR}/access-log-http.conf;
    server {{
        listen 127.0.0.1:{port};
        access_log {state}/access.log voneinander;
        location / {{ return 204; }}
    }}
}}
"""
    )
    command = [_nginx_binary(), "-c", str(state / "nginx.conf"), "-p", str(state)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, (state / "error.log").read_text()
                time.sleep(0.05)
        paths = [*SECRET_PATHS, "/suche/?q=mayor@example.org&next=/konto/"]
        for path in paths:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(
                    f"GET {path} HTTP/1.1\r\nHost: localhost\r\n"
                    "X-Request-ID: client-chosen\r\nConnection: close\r\n\r\n".encode()
                )
                assert sock.recv(1024).startswith(b"HTTP/1.1 204")
        # nginx writes the line after the answer: wait for the last one.
        for _ in range(100):
            lines = (state / "access.log").read_text().splitlines()
            if len(lines) == len(paths):
                break
            time.sleep(0.02)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(state, ignore_errors=True)

    assert len(lines) == len(paths)
    logged = [line.split(" ")[2].strip('"') for line in lines]
    assert logged == [*SECRET_PATHS.values(), "/suche/"]
    for line in lines:
        fields = line.split(" ")
        assert fields[1] == "GET" and fields[3] == "204"
        assert re.fullmatch(r"[0-9a-f]{32}", fields[6]), line
    text = "\n".join(lines)
    for secret in ("c8k2n1", "SecretKey", "FeedTokenSecret", "UnsubTokenSecret", "mayor", "?"):
        assert secret not in text
