"""The API with routes that exist only for bench/overhead.py, which serves it with
`gunicorn 'bench.app:create_bench_app()'` (from the repository's root).

It is the app `wsgi.py` serves (`create_app`), plus a blueprint of two routes that go
through the same decorator stack as a real create endpoint, so the bench measures what
the framework (auth, idempotency, parsing, serialisation, metrics, logs) costs on top of
one INSERT, compared with a bare Flask app doing the same INSERT. Nothing in the app
package knows of them.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import Flask

from courier_api import create_app
from courier_api.core import clock, pg
from courier_api.core.blueprint import Blueprint
from courier_api.core.db import UTCDateTime
from courier_api.core.fields import UTCDateTime as UTCDateTimeField
from courier_api.core.ids import ID_LENGTH, new_id
from courier_api.core.security import ROLES, principal, requires
from courier_api.extensions import api

blp = Blueprint("bench", __name__, url_prefix="/v1/bench", description="Bench only.")

# A metadata of its own: the table must stay out of db.metadata, so that migrations and
# the models-vs-migrations check never see it. The bench script creates it.
bench_metadata = sa.MetaData()
bench_notes = sa.Table(
    "bench_notes",
    bench_metadata,
    sa.Column("id", sa.String(ID_LENGTH), primary_key=True),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)


class NoteSchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    body = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=1000))
    created_at = UTCDateTimeField(dump_only=True)


class WhoAmISchema(ma.Schema):
    id = ma.fields.String(required=True)


@blp.post("/notes")
@requires(*ROLES, idempotent=True)
@blp.arguments(NoteSchema)
@blp.response(201, NoteSchema)
def create_note(body: dict[str, Any]) -> dict[str, Any]:
    """One INSERT; the Idempotency-Key's guard commits it with the stored answer."""
    note = {"id": new_id("note"), "body": body["body"], "created_at": clock.now()}
    pg.insert_rows(bench_notes, [note])
    return note


@blp.get("/whoami")
@requires(*ROLES)
@blp.response(200, WhoAmISchema)
def whoami() -> dict[str, str]:
    """The cheapest authenticated read: token check and session lookup only."""
    return {"id": principal().id}


def create_bench_app(config: dict[str, Any] | None = None) -> Flask:
    """`create_app`, with the bench routes mounted."""
    app = create_app(config)
    api.register_blueprint(blp)
    return app
