"""The floor: a bare Flask app doing the same INSERT as POST /v1/bench/notes.

No smorest, no SQLAlchemy, no auth, no idempotency: what is left is gunicorn, Flask
routing, JSON and one autocommitted INSERT. bench/overhead.py compares the API with it.

    DATABASE_URL=postgresql://... gunicorn -w 4 bench.floor_app:app
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import psycopg
from flask import Flask, jsonify, request
from ulid import ULID

app = Flask(__name__)

# One connection per worker process, opened on first use (after gunicorn forks).
_connection: psycopg.Connection | None = None


def _dsn() -> str:
    url = os.environ["DATABASE_URL"]
    # Accept SQLAlchemy's spelling too; psycopg wants a plain libpq URL.
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _db() -> psycopg.Connection:
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(_dsn(), autocommit=True)
    return _connection


@app.post("/floor/notes")
def create_note() -> tuple[Any, int]:
    body = (request.get_json(silent=True) or {}).get("body")
    if not isinstance(body, str) or not body:
        return jsonify(error="body is required"), 422
    note_id, created_at = f"note_{ULID()}", datetime.now(UTC)
    _db().execute(
        "INSERT INTO bench_notes (id, body, created_at) VALUES (%s, %s, %s)",
        (note_id, body, created_at),
    )
    created = created_at.isoformat().replace("+00:00", "Z")
    return jsonify(id=note_id, body=body, created_at=created), 201


@app.get("/floor/ping")
def ping() -> Any:
    return jsonify(status="ok")
