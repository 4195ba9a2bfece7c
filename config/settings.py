"""Gongkai settings: one env-driven file with safe embedded defaults.

Nothing set → SQLite, local-memory cache, database-backed job queue, console e-mail.
DATABASE_URL / REDIS_URL / EMAIL_URL switch to production parts. See docs/deployment.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-dev-key-only-for-local-use-never-in-production"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# addresses of reverse proxies whose X-Real-IP header names the client (nginx in front)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.catalog",
    "gongkai.publishing",
    "gongkai.search",
    "gongkai.foi",
    "gongkai.interaction",
    "gongkai.opendata",
    "gongkai.services",
    "gongkai.ledgers",
    "gongkai.calculators",
    "gongkai.supervision",
    "gongkai.laws",
    "gongkai.portal",
    "gongkai.staticsite",
    "gongkai.demo",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai.core.middleware.RejectNulMiddleware",
    "gongkai.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.site",
            ],
        },
    },
]

_default_db = f"sqlite:///{BASE_DIR / 'var' / 'gongkai.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_db)
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # dj_database_url raises several types; all mean the same to an operator
    raise ImproperlyConfigured(f"DATABASE_URL is invalid: {exc}") from exc
# a kept-open connection is checked before reuse, so a restarted PostgreSQL costs no request
# on a connection that died with it (bench/fault_bench.py)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A burst of writes queues for the one write lock instead of failing: WAL lets reads go on
    # during a write, IMMEDIATE takes the lock at BEGIN (no deadlock on upgrade), and a writer
    # waits up to SQLITE_BUSY_SECONDS — under the web timeout, far over any write (issue 10).
    _busy = env_int("SQLITE_BUSY_SECONDS", 20)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={_busy * 1000};",
        "timeout": _busy,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["gongkai.accounts.backends.EmailOrPhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/manage/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {  # a Redis that is down means "nothing cached", not a 500 (core/cache.py)
        "default": {
            "BACKEND": "gongkai.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {
    "default": {
        "BACKEND": env_choice(
            "TASK_BACKEND",
            "django_tasks_db.DatabaseBackend",
            {"django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"},
        ),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "zh-hans"
# Only Chinese: the UI is written in Chinese, so a browser asking for English must not get
# English weekday names and Django messages mixed into Chinese pages.
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# the demo county's 中间库 (a department system's middle database; gongkai/demo/services.py)
DEMO_MIDDLE_DB = env_str("DEMO_MIDDLE_DB", str(MEDIA_ROOT.parent / "demo-middle.sqlite3"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)  # a stuck mail server fails fast
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# 政府公报 PDF font: a CJK TrueType face a package ships (publishing/gazette.py)
GAZETTE_FONT = env_str("GAZETTE_FONT", "/usr/share/fonts/truetype/arphic/uming.ttc")
SMS_BACKEND = env_str("SMS_BACKEND", "gongkai.core.sms.LoggingSmsSender")  # core/sms.py

CSRF_FAILURE_VIEW = "gongkai.core.views_errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind TLS (HTTPS=true): secure cookies, redirect plain HTTP, HSTS (a year, subdomains too
# unless HSTS_SUBDOMAINS=false); the proxy tells Django the scheme (docs/deployment.md).
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_SUBDOMAINS", True)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "gongkai.core.api_schema.AutoSchema",
    # JSON only: one request format to document, validate and fuzz (files go up by web form)
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # API clients send a personal access token; the browser uses its session (docs/api.md)
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "gongkai.accounts.tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "gongkai.core.api_base.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "600/minute"),
        "user": env_str("API_USER_RATE", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "gongkai.core.api_base.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongkai 政务公开平台 API",
    "DESCRIPTION": "公开数据读取接口与工作日计算器。文档：docs/api.md",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # choice sets whose field names ("status", "kind") other apps use too
    "ENUM_NAME_OVERRIDES": {
        "MessageStatusEnum": "gongkai.interaction.choices.Status",
        "ApplyChannelEnum": "gongkai.services.choices.ApplyChannel",
        "DisclosureChannelEnum": "gongkai.catalog.choices.Channel",
        "MessageKindEnum": "gongkai.interaction.choices.Kind",
        "MessageChannelEnum": "gongkai.interaction.choices.Channel",
        "IntakeChannelEnum": "gongkai.interaction.choices.INTAKE_CHANNELS",
        "MessageActionEnum": "gongkai.interaction.choices.Action",
        "ActionsEnum": "gongkai.foi.models.STAFF_ACTION_VALUES",
        "ChannelEnum": "gongkai.foi.law.OFFLINE_CHANNELS",
        "ConsultationStatusEnum": "gongkai.interaction.consult_rules.ConsultStatus",
        "SurveyStatusEnum": "gongkai.interaction.survey_rules.SurveyStatus",
        "QuestionKindEnum": "gongkai.interaction.survey_rules.QuestionKind",
        "LevelEnum": "gongkai.accounts.models.OrgLevel",
        "AlertLevelEnum": "gongkai.supervision.monitor_rules.AlertLevel",
        "ComplianceCheckEnum": "gongkai.supervision.monitor_rules.Check",
    },
}

# Search (docs/search.md): embedded tantivy index on disk, or PostgreSQL full-text search.
SEARCH_ENGINE = env_choice("SEARCH_ENGINE", "tantivy", {"tantivy", "postgres"})
# Public pages published as files (docs/static-site.md): written here, read by the server.
SITE_ROOT = env_str("SITE_ROOT", str(BASE_DIR / "var" / "site"))
STATIC_SITE = env_bool("STATIC_SITE", not TESTING)
SEARCH_INDEX_DIR = env_str("SEARCH_INDEX_DIR", str(BASE_DIR / "var" / "search-index"))
# Search records are personal data: how long they are kept, and how many different visitors
# must have typed a query before it is suggested to others (docs/search.md).
SEARCH_LOG_RETENTION_DAYS = env_int("SEARCH_LOG_RETENTION_DAYS", 180, minimum=1)
SEARCH_SUGGEST_MIN_VISITORS = env_int("SEARCH_SUGGEST_MIN_VISITORS", 5, minimum=2)
# searches per minute from one address on the public page (an office behind one NAT: raise it)
SEARCH_RATE_PER_MINUTE = env_int("SEARCH_RATE_PER_MINUTE", 120, minimum=10)

# 法律法规库 (docs/laws.md): the folder of legal texts the demo imports; missing = no library
LAW_CORPUS_DIR = env_str("LAW_CORPUS_DIR", str(BASE_DIR.parent / "shared" / "corpus" / "laws"))

# Site identity for the government-site meta tags (cn-rules §3.1); editable in SiteConfig too.
SITE_NAME = env_str("SITE_NAME", "如皋市人民政府")
SITE_DOMAIN = env_str("SITE_DOMAIN", "www.rugao.gov.cn")
# 网站自查 (docs/supervision.md#inspection): also check the external links pages carry (HEAD,
# 5 s each, at most 50); off by default, as a machine without the internet would report all
INSPECTION_CHECK_EXTERNAL = env_bool("INSPECTION_CHECK_EXTERNAL", False)
SITE_ID_CODE = env_str("SITE_ID_CODE", "3206820001")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_pii": {"()": "gongkai.core.logging.MaskPersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_pii"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

if TESTING:
    # Fast, deterministic tests (docs/testing.md): cheap hashing, no real outbound e-mail.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    MEDIA_ROOT = BASE_DIR / "var" / "test-media"
    DEMO_MIDDLE_DB = str(BASE_DIR / "var" / f"test-demo-middle-{os.getpid()}.sqlite3")
    SITE_ROOT = str(BASE_DIR / "var" / f"test-site-{os.getpid()}")
    SEARCH_INDEX_DIR = str(BASE_DIR / "var" / f"test-search-index-{os.getpid()}")
