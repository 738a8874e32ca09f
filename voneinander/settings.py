"""Django settings for Voneinander.

Defaults are safe for development; production reads everything that differs
from environment variables and refuses to start without its secrets. See
`docs/deployment.md` for the full list and `.env.example` for a template.

Profiles (`VONEINANDER_ENV`):
- ``development`` (default): SQLite under `var/`, a generated secret key in
  `var/`, e-mail printed to the console, DEBUG only when `DEBUG=1`.
- ``production``: requires `SECRET_KEY` and `ALLOWED_HOSTS`; HTTPS-only cookies
  with the `__Host-` prefix, HSTS, and a cache shared by all app processes.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from voneinander.envconfig import (
    PER_PROCESS_CACHES,
    cache_config,
    development_secret_key,
    email_config,
    env_bool,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
PROFILE = env_str("VONEINANDER_ENV", "development")
if PROFILE not in {"development", "production", "test"}:
    raise ImproperlyConfigured("VONEINANDER_ENV must be development, production or test.")
PRODUCTION = PROFILE == "production"
VAR_DIR = Path(env_str("VONEINANDER_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
else:
    SECRET_KEY = env_str("SECRET_KEY") or development_secret_key(VAR_DIR)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The public name and base URL are used in e-mails, feeds and documents.
SITE_NAME = env_str("SITE_NAME", "Voneinander")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Ours first, so that our templates override those of the libraries.
    "voneinander.core",
    "voneinander.accounts",
    "voneinander.audit",
    "voneinander.municipalities",
    "voneinander.networks",
    "voneinander.admissions",
    "voneinander.directory",
    "voneinander.events",
    "voneinander.knowledge",
    "voneinander.workinggroups",
    "voneinander.questions",
    "voneinander.surveys",
    "voneinander.search",
    "voneinander.news",
    "voneinander.pages",
    "voneinander.comments",
    "voneinander.api",
    "voneinander.seminars",
    "voneinander.strategies",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "rules",
]

MIDDLEWARE = [
    # Request id, access log and request metrics (issue 8): first, so it sees every answer.
    "voneinander.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Caching of anonymous pages (issue 8): above session/CSRF, sees their cookies.
    "voneinander.core.caching.AnonymousCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "voneinander.core.http.RefuseNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "voneinander.core.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "voneinander.core.access.AccessMiddleware",
    "voneinander.accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "voneinander.urls"
WSGI_APPLICATION = "voneinander.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "voneinander" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "voneinander.core.context_processors.platform",
            ],
        },
    }
]

# Forms render in KERN UX markup, with error summaries and aria-describedby.
FORM_RENDERER = "voneinander.core.forms.KernFormRenderer"

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'voneinander.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so concurrent writers
    # queue behind the busy timeout instead of failing with "database is locked"
    # when a read transaction tries to upgrade. WAL lets readers run meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------
# Login rate limits and sessions rely on the cache being shared by every app
# process: the database cache by default, Redis when configured.
_cache_url = env_str("CACHE_URL") or env_str("REDIS_URL") or "db://voneinander_cache"
CACHES = {"default": cache_config(_cache_url)}
if PRODUCTION and CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
    raise ImproperlyConfigured(
        "Production needs a cache shared by all app processes (database or Redis); "
        f"{_cache_url!r} keeps a separate cache in every process."
    )

# --- Caching of anonymous pages (issue 8) -------------------------------------
# Seconds a shared cache (nginx) may keep an anonymous public page; 0 turns it off.
# Signed-in people always get fresh pages; see docs/caching.md.
ANONYMOUS_CACHE_SECONDS = env_int("ANONYMOUS_CACHE_SECONDS", 60)

# --- Background tasks ---------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- E-mail -------------------------------------------------------------------
_email = email_config(env_str("EMAIL_URL", "console://"))
EMAIL_BACKEND = "voneinander.core.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = _email.pop("DELIVERY_BACKEND")
globals().update(_email)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Voneinander <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "voneinander.accounts.backends.StaffModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "voneinander.accounts.hashers.Argon2RFC9106PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_ADAPTER = "voneinander.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Failed logins per e-mail address and per IP: counted in the shared cache.
    "login_failed": "5/5m/key,20/5m/ip",
    "login": "30/m/ip",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/10m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"

# --- Sessions, cookies and security headers -----------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "voneinander.core.views.csrf_failure"
# W003 only knows Django's CSRF middleware by name; voneinander.W003 checks ours.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix makes browsers refuse the cookie unless it is Secure,
    # has Path=/ and no Domain: no subdomain can overwrite it.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe the app servers over plain HTTP (core/health.py).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("TRUST_X_FORWARDED_PROTO", True):
        # Behind the shipped nginx configuration, which sets this header itself.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The client's address for rate limits (sign-in, API, barrier reports) is read
# by allauth: with N trusted proxies in front, the N-th address from the right
# of X-Forwarded-For. Without a proxy every client would share the proxy's address
# (and one client could use up everybody's limits); with a wrong count, clients
# could choose their own address. Production sits behind one nginx by default.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0)

# Video players that recordings may embed (only after the visitor's click, see
# events/video.py): origins without a path. A self-hosted PeerTube is added as
# e.g. "https://video.example.org". They are the only entries of the CSP's frame-src.
VIDEO_EMBED_HOSTS = [
    origin.rstrip("/").lower()
    for origin in env_list(
        "VIDEO_EMBED_HOSTS", ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    )
]
for _origin in VIDEO_EMBED_HOSTS:
    _scheme, _sep, _rest = _origin.partition("://")
    if (
        _scheme not in {"https", "http"}
        or not _rest
        or "/" in _rest
        or (PRODUCTION and _scheme != "https")
    ):
        raise ImproperlyConfigured(
            f"VIDEO_EMBED_HOSTS: {_origin!r} must be an origin such as https://video.example.org."
        )

_csp_directives = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    # KERN UX draws its icons as data: SVG images in its stylesheet.
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": list(VIDEO_EMBED_HOSTS) or [NONE],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
if PRODUCTION:
    _csp_directives["upgrade-insecure-requests"] = True
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp_directives}

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "voneinander" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
if not PRODUCTION:
    # Development serves static files from the apps (WHITENOISE_USE_FINDERS);
    # WhiteNoise still warns when STATIC_ROOT does not exist.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads are never served from a public URL: permission-checked views stream them.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Videos uploaded to news items (core/video.py); the proxy must accept a little more.
NEWS_VIDEO_MAX_BYTES = env_int("NEWS_VIDEO_MAX_BYTES", 200 * 1024 * 1024)
# --- Virus scanning (issue 9) ----------------------------------------------------
# Every upload is scanned by clamd (core/uploads.py) before it is stored; when
# clamd is unreachable the upload is refused ("try again later"), never passed.
# Debian's unix socket by default; with CLAMD_HOST set, TCP to CLAMD_HOST:CLAMD_PORT.
# clamd's StreamMaxLength must exceed NEWS_VIDEO_MAX_BYTES (docs/deployment.md).
SCAN_UPLOADS = env_bool("SCAN_UPLOADS", PRODUCTION)
CLAMD_HOST = env_str("CLAMD_HOST", "")
CLAMD_SOCKET = env_str("CLAMD_SOCKET", "" if CLAMD_HOST else "/run/clamav/clamd.ctl")
CLAMD_PORT = env_int("CLAMD_PORT", 3310)
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30)  # below GUNICORN_TIMEOUT (60)
# clamd's StreamMaxLength: larger files would be scanned only in part, so they are held.
CLAMD_STREAM_MAX_BYTES = env_int("CLAMD_STREAM_MAX_BYTES", 25 * 1024 * 1024)
# How long the one-click unsubscribe link of a notification e-mail works (seconds).
NOTIFICATION_UNSUBSCRIBE_MAX_AGE = env_int("NOTIFICATION_UNSUBSCRIBE_MAX_AGE", 90 * 24 * 60 * 60)

# --- Operator details shown in the legal pages --------------------------------
OPERATOR_NAME = env_str(
    "OPERATOR_NAME", "Ministerium des Innern und für Sport Rheinland-Pfalz (Demo-Betrieb)"
)
OPERATOR_ADDRESS = env_str("OPERATOR_ADDRESS", "Schillerplatz 3–5, 55116 Mainz")
OPERATOR_EMAIL = env_str("OPERATOR_EMAIL", "poststelle@example.org")
OPERATOR_PHONE = env_str("OPERATOR_PHONE", "")
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", OPERATOR_EMAIL)

# --- BigBlueButton (optional) ---------------------------------------------------
# Organisers can create video-conference rooms when both are set (`bbb-conf --secret`).
BBB_URL = env_str("BBB_URL", "")
BBB_SECRET = env_str("BBB_SECRET", "")

# --- Events: personal data of past events ---------------------------------------
# Registrations, bookings, answers and preferences are deleted this many days
# after an event ended (`manage.py purge_event_data`); an event may set its own period.
EVENTS_RETENTION_DAYS = env_int("EVENTS_RETENTION_DAYS", 365)
if EVENTS_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("EVENTS_RETENTION_DAYS must be at least 1 (day).")
# Feedback figures of a session are shown only from this many ratings (anonymity).
EVENTS_FEEDBACK_MIN_RATINGS = env_int("EVENTS_FEEDBACK_MIN_RATINGS", 3)
if EVENTS_FEEDBACK_MIN_RATINGS < 1:
    raise ImproperlyConfigured("EVENTS_FEEDBACK_MIN_RATINGS must be at least 1.")
# Seminar modules: figures and comments of a version only from this many ratings.
SEMINARS_FEEDBACK_MIN_RATINGS = env_int(
    "SEMINARS_FEEDBACK_MIN_RATINGS", EVENTS_FEEDBACK_MIN_RATINGS
)
if SEMINARS_FEEDBACK_MIN_RATINGS < 1:
    raise ImproperlyConfigured("SEMINARS_FEEDBACK_MIN_RATINGS must be at least 1.")

# --- REST API (voneinander/api) ----------------------------------------------------
# Requests per minute, counted in the shared cache: reads per IP without a token,
# reads per token (or signed-in person), writes per token, and requests refused
# for a missing or bad token (401) per IP.
API_RATE_LIMITS = {
    "anonymous": env_int("API_RATE_LIMIT_ANONYMOUS", 120),
    "token": env_int("API_RATE_LIMIT_TOKEN", 600),
    "write": env_int("API_RATE_LIMIT_WRITE", 60),
    "refused": env_int("API_RATE_LIMIT_REFUSED", 30),
}
API_RATE_LIMIT_WINDOW = 60

# --- Logs, request ids and metrics (issue 8; voneinander/core/observability.py) ---
# One JSON object per line in production (LOG_FORMAT=json), readable lines in
# development (plain). Every record carries request_id and user_id (and task_id
# in the worker); "voneinander.request" writes one line per request,
# "voneinander.security" the security events (core/security_log.py).
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "plain")
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "voneinander.core.observability.ContextFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {"()": "voneinander.core.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
        # The filter also on these loggers, so that every handler (a test's too) sees the ids.
        "voneinander.request": {
            "level": env_str("ACCESS_LOG_LEVEL", "INFO"),
            "filters": ["context"],
        },
        "voneinander.security": {"level": "INFO", "filters": ["context"]},
        # fpdf2 subsets fonts through fontTools, which logs every table at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
# /metrics answers only with "Authorization: Bearer <METRICS_TOKEN>"; unset: 404.
# Several gunicorn workers: set PROMETHEUS_MULTIPROC_DIR (read by prometheus_client
# itself) to an empty directory, see docs/deployment.md.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
