"""Curbside settings: one module, every value from the environment (see README).

``CURBSIDE_ENV`` picks the profile: ``development`` (default: SQLite under ``var/``,
console e-mail, debug), ``test`` (used by the test suite) or ``production`` (strict:
secrets and hosts must be given, HTTPS assumed).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CURBSIDE_VAR_DIR", str(BASE_DIR / "var")))

CURBSIDE_ENV = env_choice(
    "CURBSIDE_ENV", ("development", "test", "production"), "development"
)
PRODUCTION = CURBSIDE_ENV == "production"

DEBUG = env_bool("DEBUG", default=CURBSIDE_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when CURBSIDE_ENV=production.")

SECRET_KEY = env_str(
    "SECRET_KEY",
    "insecure-development-key-never-use-in-production",
    required=PRODUCTION,
)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure")):
    raise ImproperlyConfigured(
        "The environment variable SECRET_KEY must be a random string of at least "
        "50 characters in production."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver", "[::1]"]
)
if PRODUCTION and not env_str("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "The environment variable ALLOWED_HOSTS is required in production "
        "(comma-separated host names, e.g. curbside.example.org)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Curbside")
# Shown when a question reads like an emergency. The defaults are the United
# States' numbers: change them for the country the site serves (e.g. 112, 999).
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "911")
# Shown beside it when a question mentions suicide or self-harm.
CRISIS_LINE = env_str("CRISIS_LINE", "988")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "curbside.core",
    "curbside.accounts",
    "curbside.topics",
    "curbside.physicians",
    "curbside.triage",
    "curbside.questions",
    "curbside.search",
    "curbside.consensus",
    "curbside.api",
    "curbside.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "curbside.web.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "curbside.web.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file under var/ unless DATABASE_URL says otherwise.
_default_db_url = f"sqlite:///{VAR_DIR / 'curbside.sqlite3'}"
_db_url = env_str("DATABASE_URL", _default_db_url)
try:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
except ValueError as exc:
    raise ImproperlyConfigured(
        f"The environment variable DATABASE_URL is not a database URL: {exc}"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000; PRAGMA mmap_size=268435456;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if CURBSIDE_ENV == "test":
    # Argon2 is deliberately slow; the suite hashes thousands of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "curbside" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Cache: local memory unless REDIS_URL is given (shared by all web workers).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "curbside",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "curbside",
        }
    }
# Seconds an anonymous reader's copy of a page may be served from the cache; every
# write to the question, its answers, votes or agreements invalidates it at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# Background work. "immediate" runs tasks in the request that enqueued them (after
# commit); "database" queues them for `curbside db_worker`.
TASKS_BACKEND = env_choice("TASKS_BACKEND", ("immediate", "database"), "immediate")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Search by meaning. "minilm" runs the packaged sentence model on the CPU;
# "hashing" is a model-free stand-in (the test suite uses it). The vector index is a
# derived file under SEARCH_INDEX_DIR, rebuilt by `curbside reindex`.
SEARCH_EMBEDDER = env_choice(
    "SEARCH_EMBEDDER", ("minilm", "hashing"),
    "hashing" if CURBSIDE_ENV == "test" else "minilm",
)  # fmt: skip
SEARCH_EMBED_THREADS = env_int("SEARCH_EMBED_THREADS", 1, minimum=1)
# The worker's background jobs (a consensus embeds a hundred sentences at once)
# may use every core; a web request's one query embeds on one thread.
WORKER_EMBED_THREADS = env_int("WORKER_EMBED_THREADS", os.cpu_count() or 1, minimum=1)
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "search")))

# Consensus rewording: off unless an OpenAI-compatible endpoint is given (its base
# URL, e.g. http://127.0.0.1:8000/v1). Rewordings are checked against the
# physicians' sentences; the extract is kept when one is not backed by them.
CONSENSUS_PHRASING_URL = env_str("CONSENSUS_PHRASING_URL")
CONSENSUS_PHRASING_MODEL = env_str("CONSENSUS_PHRASING_MODEL", "default")
CONSENSUS_PHRASING_API_KEY = env_str("CONSENSUS_PHRASING_API_KEY")

# E-mail: printed to the console unless EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif CURBSIDE_ENV == "test":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Curbside <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Rate limits, per user (or per IP address for visitors), per hour.
RATE_LIMITS = {
    "signup": env_int("RATE_LIMIT_SIGNUP", 10),
    "question": env_int("RATE_LIMIT_QUESTION", 10),
    # Look-ups of similar questions while a patient types (debounced requests).
    "ask_similar": env_int("RATE_LIMIT_ASK_SIMILAR", 600),
    "answer": env_int("RATE_LIMIT_ANSWER", 60),
    "vote": env_int("RATE_LIMIT_VOTE", 300),
    "login": env_int("RATE_LIMIT_LOGIN", 30),
}

# Security. Production assumes HTTPS behind a proxy that sets X-Forwarded-Proto.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 20
