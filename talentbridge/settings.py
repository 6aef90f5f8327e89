"""Talentbridge settings.

Every setting that an operator may change is read from the environment through the typed
helpers below, declared once with its default. ``docs/configuration.md`` lists them, and
``talentbridge/tests/test_settings_documented.py`` fails if one is missing there.

SQLite is the default database; set ``DATABASE_URL`` to use PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_ROOT = env_str("SITE_ROOT", "http://127.0.0.1:8000")
VAR_DIR = Path(env_str("TALENTBRIDGE_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "talentbridge.core",
    "talentbridge.accounts",
    "talentbridge.privacy",
    "talentbridge.taxonomy",
    "talentbridge.municipalities",
    "talentbridge.candidates",
    "talentbridge.employers",
    "talentbridge.pipeline",
    "talentbridge.pathways",
    "talentbridge.placement",
    "talentbridge.reports",
    "talentbridge.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "talentbridge.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "talentbridge.privacy.middleware.AuditChannelMiddleware",
]

ROOT_URLCONF = "talentbridge.urls"
WSGI_APPLICATION = "talentbridge.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

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
                "django.template.context_processors.i18n",
                "talentbridge.core.context_processors.navigation",
            ],
        },
    }
]

# SQLite unless DATABASE_URL names another database (PostgreSQL in production).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'talentbridge.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets the web server and the task worker use one file at the same time.
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work runs in the database-backed worker: `talentbridge worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Staff pages are Danish (default) and English; pages that candidates read are
# also offered in the languages of the main groups of arrivals.
LANGUAGE_CODE = "da"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# Django has no locale data for Sorani (ckb) and Tigrinya (ti); without these entries the
# language switch ignores them. Dari is written "prs" (ISO 639-3).
LANG_INFO.update(
    {
        "ckb": {
            "bidi": True,
            "code": "ckb",
            "name": "Central Kurdish",
            "name_local": "کوردیی ناوەندی",
        },
        "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
        "prs": {"bidi": True, "code": "prs", "name": "Dari", "name_local": "دری"},
        "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
        "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    }
)

STAFF_LANGUAGES = ("da", "en")
LANGUAGES = [
    ("da", _("Danish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Farsi")),
    ("prs", _("Dari")),
    ("ps", _("Pashto")),
    ("ckb", _("Sorani")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("uk", _("Ukrainian")),
]
RTL_LANGUAGES = ("ar", "fa", "prs", "ps", "ckb")
# get_language_bidi() reads this list, not LANG_INFO: Django's default lacks Dari and Pashto.
LANGUAGES_BIDI = ["he", "ar", "ar-dz", "ckb", "fa", "ur", "prs", "ps"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
try:  # WhiteNoise warns about a missing STATIC_ROOT before collectstatic has run.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
# The project's own stylesheet and script (talentbridge/static) are not in an app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Taxonomy suggest: the multilingual embedding model is used when lexical matching finds
# nothing convincing (another language, another script). Turn it off to save memory.
TAXONOMY_EMBEDDINGS = env_bool("TAXONOMY_EMBEDDINGS", True)

# How long a candidate's one-time self-assessment code stays valid, in hours.
SELF_ASSESSMENT_CODE_HOURS = env_int("SELF_ASSESSMENT_CODE_HOURS", 72)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
