"""Operations endpoints (health, readiness, metrics) and the offline docs assets.

Readiness fails only on what the API cannot serve without (the database, Redis when
configured): taking every node out of the load balancer because the broker or the worker
is down would turn a background outage into a full one. Those two are reported in the
body, and as metrics.

Who may scrape /metrics: with METRICS_SCRAPE_TOKEN set, whoever sends it as a bearer
token; without, only a request made on the machine itself (loopback, not relayed by a
proxy). See docs/operations.md.
"""

from __future__ import annotations

import hmac
import ipaddress
from pathlib import Path
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
import swagger_ui_bundle
from flask import Blueprint as FlaskBlueprint
from flask import Response, current_app, request, send_from_directory

from courier_api.core import heartbeat
from courier_api.core.blueprint import Blueprint
from courier_api.core.errors import Problem
from courier_api.core.fields import one_of
from courier_api.core.observability import metrics_response
from courier_api.core.redis import get_redis
from courier_api.core.security import PUBLIC, requires
from courier_api.extensions import db

#: What a node or a dependency of it is.
HEALTH = ("ok", "unavailable")
#: Seconds a load balancer should wait before asking a node that is not ready again.
READY_RETRY_AFTER_S = 5

blp = Blueprint("operations", __name__, description="Liveness, readiness and metrics.")


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata=one_of(HEALTH))
    checks = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())


class BackgroundSchema(ma.Schema):
    """The background work's state: reported, never a reason to fail readiness."""

    broker = ma.fields.String(required=True, metadata=one_of(HEALTH))
    queue_depth = ma.fields.Integer(
        allow_none=True, metadata={"description": "jobs waiting for the worker"}
    )
    worker_last_heartbeat = ma.fields.AwareDateTime(allow_none=True)
    worker_heartbeat_age_s = ma.fields.Float(allow_none=True)


class ReadinessSchema(HealthSchema):
    background = ma.fields.Nested(BackgroundSchema)


#: Swagger UI's files from the swagger-ui-bundle wheel: /docs needs no CDN.
docs_assets = FlaskBlueprint("docs_assets", __name__)
SWAGGER_UI_DIR = Path(swagger_ui_bundle.swagger_ui_path)


@docs_assets.get("/docs/assets/<path:filename>")
def swagger_ui_asset(filename: str) -> Response:
    return send_from_directory(SWAGGER_UI_DIR, filename, max_age=86400)


@blp.get("/healthz")
@requires(PUBLIC)
@blp.response(200, HealthSchema)
@blp.named("checkHealth")
def healthz() -> dict:
    """The process is up (no dependencies are checked)."""
    return {"status": "ok"}


@blp.get("/readyz")
@requires(PUBLIC)
@blp.response(200, ReadinessSchema)
@blp.named("checkReadiness")
def readyz() -> dict[str, Any]:
    """Ready to serve: the database answers (and Redis, when configured).

    503 (problem+json, `code` not_ready, with Retry-After) when not. The broker and the
    worker's last heartbeat are reported under `background` either way.
    """
    checks = {"database": "ok"}
    try:
        db.session.execute(sa.text("SELECT 1"))
    except Exception:
        db.session.rollback()
        checks["database"] = "unavailable"
    client = get_redis()
    if client is not None:
        try:
            client.ping()
            checks["redis"] = "ok"
        except Exception:
            checks["redis"] = "unavailable"
    background = _background(database_up=checks["database"] == "ok")
    if any(value != "ok" for value in checks.values()):
        down = ", ".join(name for name, value in checks.items() if value != "ok")
        raise Problem(
            503,
            "not_ready",
            f"Not ready: {down} unavailable.",
            retry_after=READY_RETRY_AFTER_S,
            checks=checks,
            background=BackgroundSchema().dump(background),
        )
    return {"status": "ok", "checks": checks, "background": background}


def _background(*, database_up: bool) -> dict[str, Any]:
    depth = heartbeat.probe_broker(current_app.extensions["celery"])
    mark = heartbeat.marks().get(heartbeat.WORKER) if database_up else None
    return {
        "broker": "unavailable" if depth is None else "ok",
        "queue_depth": depth,
        "worker_last_heartbeat": mark.beat_at if mark else None,
        "worker_heartbeat_age_s": heartbeat.worker_age_s(mark),
    }


@blp.get("/metrics")
@requires(PUBLIC)
@blp.problems(401, 403)
@blp.doc(
    responses={"200": {"description": "Prometheus text exposition format"}},
    description=(
        "With METRICS_SCRAPE_TOKEN configured: `Authorization: Bearer <token>`. Without: "
        "only requests made on the server itself."
    ),
)
@blp.named("getMetrics")
def metrics() -> Response:
    """Prometheus text format, summed over every gunicorn worker."""
    _check_scraper()
    return metrics_response()


def _check_scraper() -> None:
    token = current_app.config.get("METRICS_SCRAPE_TOKEN")
    if token:
        offered = request.headers.get("Authorization", "")
        if not hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
            raise Problem(
                401,
                "unauthenticated",
                "Send the scrape token: Authorization: Bearer <METRICS_SCRAPE_TOKEN>.",
                headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
            )
        return
    if not _from_this_machine():
        raise Problem(
            403,
            "metrics_forbidden",
            "Without METRICS_SCRAPE_TOKEN, /metrics answers only on the server itself.",
        )


def _from_this_machine() -> bool:
    # A request relayed by a proxy on this machine comes from loopback too: its
    # forwarding header gives it away.
    if request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded"):
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False
