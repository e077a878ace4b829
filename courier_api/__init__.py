"""courier_api: the REST backend of a postal courier network."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from courier_api.config import load_config


def create_app(config: dict[str, Any] | None = None, *, migrations: bool = True) -> Flask:
    """Application factory: config -> extensions -> registries -> blueprints -> errors -> cli.

    `migrations=False` for the processes that serve (gunicorn's workers, Celery's): they
    never migrate, and Flask-Migrate brings Alembic, about 10 MB of each of them."""
    from courier_api import api as url_map
    from courier_api import cli, console, ops_metrics, wiring
    from courier_api.core import observability, security, transaction
    from courier_api.core.errors import register_error_handlers
    from courier_api.extensions import api, db
    from courier_api.identity import passwords
    from courier_api.identity.api_clients import authenticate_signed_request
    from courier_api.identity.auth import authenticate_bearer
    from courier_api.identity.service import SESSION_CHECK
    from courier_api.integrations.registry import build_connectors
    from courier_api.tasks import scans
    from courier_api.worker import init_celery

    app = Flask(__name__, static_folder=None)
    app.config.from_mapping(load_config(config))
    app.json.sort_keys = False
    if app.config.get("PROXY_FIX_X_FOR"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(app.config["PROXY_FIX_X_FOR"]))

    # Bound parameters (names, phones, addresses) must never reach logs in error messages.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
        "hide_parameters": True,
    }
    app.extensions["connectors"] = build_connectors(app.config)
    db.init_app(app)
    transaction.end_sessions_quietly(app)
    if migrations:
        from flask_migrate import Migrate

        directory = app.config.get("MIGRATIONS_DIR", "migrations")
        Migrate(app, db, directory=directory, render_as_batch=True, compare_type=True)
    api.init_app(app, spec_kwargs=_spec_kwargs(app.config["API_PUBLIC_URL"]))
    with app.app_context():
        _tune_connections(db.engine, prepared_statements=app.config["DATABASE_PREPARED_STATEMENTS"])
    passwords.configure(**app.config["ARGON2"])
    scans.configure(skew_s=app.config["DEVICE_CLOCK_SKEW_S"])
    observability.init_app(app)
    ops_metrics.init_app(app)
    security.register_authenticator(authenticate_bearer)
    security.register_session_check(SESSION_CHECK)
    security.register_authenticator(authenticate_signed_request)

    wiring.connect()
    wiring.custody_log(app)
    url_map.register_blueprints(app)
    console.init_app(app)
    register_error_handlers(app)
    security.check_every_endpoint_has_a_rule(
        app, url_map.NON_API_ENDPOINTS | console.NON_API_ENDPOINTS
    )
    init_celery(app)
    cli.init_app(app)
    return app


def _spec_kwargs(public_url: str) -> dict[str, Any]:
    from courier_api.core.security import SECURITY_SCHEMES

    return {
        "info": {
            "description": (
                "REST API of a postal courier network: on-demand pickups with a 1-hour "
                "promise, hospital orders, court and archive jobs, proof of delivery, "
                "insurance and claims. Errors are RFC 9457 problem+json with a stable `code`."
            ),
            # Not open source: integrators use it under their service agreement.
            "license": {"name": "Proprietary", "identifier": "LicenseRef-Proprietary"},
        },
        "servers": [
            {"url": "/", "description": "The server that serves this document"},
            {"url": public_url, "description": "Production (API_PUBLIC_URL)"},
        ],
        "components": {"securitySchemes": SECURITY_SCHEMES},
    }


def _tune_connections(engine: sa.Engine, *, prepared_statements: bool) -> None:
    from courier_api.core import pg

    pg.tune_engine(engine, prepared_statements=prepared_statements)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_shared_by_workers)


def _sqlite_shared_by_workers(dbapi_connection, _record) -> None:
    """Several gunicorn workers share the SQLite file: WAL, a busy timeout, foreign keys."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
