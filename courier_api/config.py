"""Settings, read from the environment in one place.

`COURIER_ENV` picks the profile: `development` (default; secrets are generated once
and kept under `instance/`), `testing`, or `production` (every secret must come from
the environment, or the app refuses to start and says which setting is wrong).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Settings that hold keys. Production refuses to start unless each is set, long
#: enough and not one of the development values.
SECRET_SETTINGS = ("SECRET_KEY", "TOKEN_KEY", "DATA_KEY", "HASH_KEY", "CUSTODY_KEY")
MIN_SECRET_LENGTH = 32
#: The production address the committed contract lists until a deployment sets its own.
PUBLIC_URL_PLACEHOLDER = "https://api.courier.example"
#: What the connectors to outside systems read (integrations/registry.py checks them),
#: passed through from the environment.
CONNECTOR_SETTINGS = (
    "WECHAT_PROVIDER",
    "WECHAT_APP_ID",
    "WECHAT_APP_SECRET",
    "WECHAT_API_BASE",
    "SMS_PROVIDER",
    "SMS_API_URL",
    "SMS_API_KEY",
    "SMS_SIGN_NAME",
    "VIRTUAL_NUMBER_PROVIDER",
    "VIRTUAL_NUMBER_API_URL",
    "VIRTUAL_NUMBER_API_KEY",
    "CONNECTOR_TIMEOUT_S",
)


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message names the setting."""


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


def _env_flag(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "on", "yes"):
        return True
    if raw in ("0", "false", "off", "no"):
        return False
    raise ConfigError(f"{name} must be on or off, got {raw!r}")


def _instance_dir() -> Path:
    return Path(os.environ.get("COURIER_INSTANCE_DIR", Path.cwd() / "instance")).resolve()


def _default_database_url() -> str:
    return f"sqlite:///{_instance_dir() / 'courier.db'}"


def kept_once(path: Path, fresh: bytes) -> bytes:
    """The file's content, written from `fresh` first if there is none: whole or not at
    all, so that gunicorn workers starting at once all read the one written first. (A file
    created with O_EXCL and then filled was read empty or cut short by the worker that
    lost the race: it refused to boot on half a key, and gunicorn stopped altogether.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(fresh)
        os.link(draft, path)  # atomic, and refused if another worker's file is there
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_bytes()


def _development_secrets() -> dict[str, str]:
    """Random secrets kept in instance/dev-secrets.json, shared by every local worker."""
    fresh = {name: secrets.token_urlsafe(48) for name in SECRET_SETTINGS}
    stored = json.loads(kept_once(_instance_dir() / "dev-secrets.json", json.dumps(fresh).encode()))
    return {name: stored.get(name) or fresh[name] for name in SECRET_SETTINGS}


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the settings dict for `create_app` from the environment plus `overrides`."""
    overrides = dict(overrides or {})
    env = overrides.get("COURIER_ENV") or os.environ.get("COURIER_ENV", "development")
    config: dict[str, Any] = {
        "COURIER_ENV": env,
        "TESTING": env == "testing",
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or _default_database_url(),
        "INSTANCE_DIR": str(_instance_dir()),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "BUSINESS_TIMEZONE": os.environ.get("BUSINESS_TIMEZONE", "Asia/Shanghai"),
        # Tokens: access tokens are short; refresh tokens rotate on every use.
        "ACCESS_TOKEN_TTL_S": _env_int("ACCESS_TOKEN_TTL_S", 15 * 60),
        "REFRESH_TOKEN_TTL_S": _env_int("REFRESH_TOKEN_TTL_S", 12 * 3600),
        # Citizens stay logged in to the mini-program longer than a courier's shift.
        "CITIZEN_REFRESH_TOKEN_TTL_S": _env_int("CITIZEN_REFRESH_TOKEN_TTL_S", 30 * 86400),
        # Requests: bodies over this are refused with 413 before they are read.
        # Signed requests: allowed clock difference, either way (DESIGN.md: +-300 s).
        "SIGNATURE_MAX_SKEW_S": _env_int("SIGNATURE_MAX_SKEW_S", 300),
        # How far a handheld's clock may run ahead of the server's: a courier's action
        # counts at the device's occurred_at, within this and the task's previous step.
        "DEVICE_CLOCK_SKEW_S": _env_int("DEVICE_CLOCK_SKEW_S", 120),
        # Blobs (photos, signatures, PDFs): their own, larger size limit and storage.
        "BLOB_MAX_BYTES": _env_int("BLOB_MAX_BYTES", 5 * 1024 * 1024),
        "BLOB_STORAGE": os.environ.get("BLOB_STORAGE", "local"),
        "BLOB_DIR": os.environ.get("BLOB_DIR") or None,
        "S3_BUCKET": os.environ.get("S3_BUCKET") or None,
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL") or None,
        "S3_REGION": os.environ.get("S3_REGION") or None,
        # The custody log's outside anchor (blobs/storage.py build_anchor): local or s3.
        "CUSTODY_ANCHOR": os.environ.get("CUSTODY_ANCHOR", "local"),
        "CUSTODY_ANCHOR_DIR": os.environ.get("CUSTODY_ANCHOR_DIR") or None,
        "CUSTODY_ANCHOR_BUCKET": os.environ.get("CUSTODY_ANCHOR_BUCKET") or None,
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 1024 * 1024),
        "IDEMPOTENCY_TTL_S": _env_int("IDEMPOTENCY_TTL_S", 24 * 3600),
        # Rate limits as "count/seconds", per key; see core/ratelimit.py.
        "RATE_LIMITS": {
            "login_ip": os.environ.get("RATE_LIMIT_LOGIN_IP", "60/60"),
            "login_account": os.environ.get("RATE_LIMIT_LOGIN_ACCOUNT", "10/300"),
            "refresh": os.environ.get("RATE_LIMIT_REFRESH", "60/60"),
            "api_client": os.environ.get("RATE_LIMIT_API_CLIENT", "1200/60"),
            "wechat_login": os.environ.get("RATE_LIMIT_WECHAT_LOGIN", "30/60"),
            "public_tracking": os.environ.get("RATE_LIMIT_PUBLIC_TRACKING", "30/60"),
            # The mini-program's directory of hospitals (public, per client address).
            "public_directory": os.environ.get("RATE_LIMIT_PUBLIC_DIRECTORY", "60/60"),
            # Per delivery task: a new PIN costs an SMS and may bother the recipient.
            "pin_resend": os.environ.get("RATE_LIMIT_PIN_RESEND", "3/600"),
        },
        # argon2id costs; production keeps the library's defaults (t=3, 64 MiB).
        "ARGON2": {"time_cost": 3, "memory_cost_kib": 65536},
        "PROXY_FIX_X_FOR": _env_int("PROXY_FIX_X_FOR", 0),
        # Webhooks: plain http:// receivers only outside production; per-attempt timeout.
        "WEBHOOK_ALLOW_HTTP": env != "production",
        "WEBHOOK_TIMEOUT_S": _env_int("WEBHOOK_TIMEOUT_S", 5),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL") or None,
        # Dispatch: how long a courier has to answer an offer.
        "DISPATCH_OFFER_TTL_S": _env_int("DISPATCH_OFFER_TTL_S", 90),
        # WeChat subscribe-message templates (ids from the mini-program's console).
        "WECHAT_TEMPLATES": {
            "pickup_accepted": os.environ.get("WECHAT_TEMPLATE_PICKUP_ACCEPTED", "pickup-accepted"),
            "pickup_late": os.environ.get("WECHAT_TEMPLATE_PICKUP_LATE", "pickup-late"),
            "delivery_pin": os.environ.get("WECHAT_TEMPLATE_DELIVERY_PIN", "delivery-pin"),
            "claim_update": os.environ.get("WECHAT_TEMPLATE_CLAIM_UPDATE", "claim-update"),
            "cod_remitted": os.environ.get("WECHAT_TEMPLATE_COD_REMITTED", "cod-remitted"),
            "complaint_answered": os.environ.get(
                "WECHAT_TEMPLATE_COMPLAINT_ANSWERED", "complaint-answered"
            ),
            "hospital_progress": os.environ.get(
                "WECHAT_TEMPLATE_HOSPITAL_PROGRESS", "hospital-progress"
            ),
        },
        # COD: the daily remittance pays what was handed in by this local time (HH:MM).
        "COD_REMITTANCE_CUTOFF": os.environ.get("COD_REMITTANCE_CUTOFF", "16:00"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        # Who may scrape /metrics: this bearer token; unset, only the server itself.
        "METRICS_SCRAPE_TOKEN": os.environ.get("METRICS_SCRAPE_TOKEN") or None,
        # The staff console's cookie (docs/console.md): its own name and path, never read
        # by script, Secure outside development and the suite (both serve plain http).
        "SESSION_COOKIE_NAME": "courier_console",
        "SESSION_COOKIE_PATH": "/console",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": env == "production",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PAGE_LIMIT_DEFAULT": 50,
        "PAGE_LIMIT_MAX": 200,
        # flask-smorest: OpenAPI document and offline docs (assets served locally).
        "API_TITLE": "courier_api",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.1.0",
        # The production server the contract lists (next to a relative "/"); the committed
        # contract carries the placeholder, a deployment's /openapi.json its own address.
        "API_PUBLIC_URL": os.environ.get("API_PUBLIC_URL") or PUBLIC_URL_PLACEHOLDER,
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
        # No ping on every checkout (it costs a round trip per request): a connection the
        # database dropped fails one request with 503, and SQLAlchemy then renews the pool.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": False, "pool_recycle": 1800},
        # Off behind a pooler in transaction mode (PgBouncer < 1.21): docs/deploy.md.
        "DATABASE_PREPARED_STATEMENTS": _env_flag("DATABASE_PREPARED_STATEMENTS", True),
        # The sandbox (docs/integrators/sandbox.md): in production only the API clients
        # named here (key ids, comma-separated) may be sandbox clients; in development
        # every fake-sent message is readable by any caller; the robo-courier's pace.
        "SANDBOX_CLIENTS": frozenset(
            key.strip() for key in os.environ.get("SANDBOX_CLIENTS", "").split(",") if key.strip()
        ),
        "SANDBOX_OPEN_INBOX": env == "development",
        "SANDBOX_STEP_S": _env_int("SANDBOX_STEP_S", 30),
    }
    for name in SECRET_SETTINGS:
        config[name] = os.environ.get(name) or None
    config.update({key: os.environ[key] for key in CONNECTOR_SETTINGS if os.environ.get(key)})
    if env == "testing":
        config.update({name: f"testing-{name.lower()}-" + "x" * 32 for name in SECRET_SETTINGS})
        config["RATE_LIMITS"] = {k: "1000/60" for k in config["RATE_LIMITS"]}
        config["ARGON2"] = {"time_cost": 1, "memory_cost_kib": 1024}
        config["API_PUBLIC_URL"] = PUBLIC_URL_PLACEHOLDER  # the committed contract's
    config.update(overrides)
    _check_time_zone(config["BUSINESS_TIMEZONE"])
    _fill_or_check_secrets(config)
    _custody_signing_key(config)
    return config


def _custody_signing_key(config: dict[str, Any]) -> None:
    """CUSTODY_SIGNING_KEY: an Ed25519 private key (PEM). Outside production one is made
    once into instance/custody-signing-key.pem; production refuses to start without it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = config.get("CUSTODY_SIGNING_KEY") or os.environ.get("CUSTODY_SIGNING_KEY")
    if not pem and config["COURIER_ENV"] == "production":
        raise ConfigError("CUSTODY_SIGNING_KEY is not set; production needs it (Ed25519, PEM)")
    if not pem:
        fresh = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path = Path(config["INSTANCE_DIR"]) / "custody-signing-key.pem"
        pem = kept_once(path, fresh).decode()
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except ValueError as exc:
        raise ConfigError("CUSTODY_SIGNING_KEY is not a PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError("CUSTODY_SIGNING_KEY must be an Ed25519 private key")
    config["CUSTODY_SIGNING_KEY"] = pem


def _check_time_zone(name: str) -> None:
    """A zone the app cannot load stops it at start-up, not at the first promise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"BUSINESS_TIMEZONE {name!r} is not a known time zone") from exc


def _fill_or_check_secrets(config: dict[str, Any]) -> None:
    missing = [name for name in SECRET_SETTINGS if not config.get(name)]
    if config["COURIER_ENV"] != "production":
        if missing:
            generated = _development_secrets()
            for name in missing:
                config[name] = generated[name]
        return
    for name in SECRET_SETTINGS:
        value = config.get(name) or ""
        if not value:
            raise ConfigError(f"{name} is not set; production needs it from the environment")
        if len(value) < MIN_SECRET_LENGTH or value.startswith("testing-"):
            raise ConfigError(
                f"{name} is a default or too short; set a random value of at least "
                f"{MIN_SECRET_LENGTH} characters"
            )
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        raise ConfigError("DATABASE_URL must point at PostgreSQL in production")
    # Generated clients take their base address from the served contract's servers.
    if config.get("API_PUBLIC_URL") in (None, "", PUBLIC_URL_PLACEHOLDER):
        raise ConfigError("API_PUBLIC_URL is not set; production serves it in its contract")
