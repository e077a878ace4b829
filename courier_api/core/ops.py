"""Operations endpoints (health, readiness, metrics) and the offline docs assets."""

from __future__ import annotations

from pathlib import Path

import marshmallow as ma
import sqlalchemy as sa
import swagger_ui_bundle
from flask import Blueprint as FlaskBlueprint
from flask import Response, jsonify, send_from_directory

from courier_api.core.blueprint import Blueprint
from courier_api.core.observability import metrics_response
from courier_api.core.redis import get_redis
from courier_api.core.security import PUBLIC, requires
from courier_api.extensions import db

blp = Blueprint("operations", __name__, description="Liveness, readiness and metrics.")


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"description": "ok | unavailable"})
    checks = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())


#: Swagger UI's files from the swagger-ui-bundle wheel: /docs needs no CDN.
docs_assets = FlaskBlueprint("docs_assets", __name__)
SWAGGER_UI_DIR = Path(swagger_ui_bundle.swagger_ui_path)


@docs_assets.get("/docs/assets/<path:filename>")
def swagger_ui_asset(filename: str) -> Response:
    return send_from_directory(SWAGGER_UI_DIR, filename, max_age=86400)


@blp.get("/healthz")
@requires(PUBLIC)
@blp.response(200, HealthSchema)
def healthz() -> dict:
    """The process is up (no dependencies are checked)."""
    return {"status": "ok"}


@blp.get("/readyz")
@requires(PUBLIC)
@blp.response(200, HealthSchema)
@blp.alt_response(503, schema=HealthSchema, description="Not ready: a dependency is down.")
def readyz() -> Response:
    """Ready to serve: the database answers (and Redis, when configured)."""
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
    ready = all(value == "ok" for value in checks.values())
    response = jsonify(status="ok" if ready else "unavailable", checks=checks)
    response.status_code = 200 if ready else 503
    return response


@blp.get("/metrics")
@requires(PUBLIC)
@blp.doc(responses={"200": {"description": "Prometheus text exposition format"}})
def metrics() -> Response:
    """Prometheus text format, summed over every gunicorn worker."""
    return metrics_response()
