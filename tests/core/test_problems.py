"""Every error is problem+json with a stable code, and bad input changes nothing."""

from __future__ import annotations

import base64
import json

import pytest
import sqlalchemy as sa
from flask import Flask

from courier_api import create_app
from courier_api.core.pg import roundtrip
from courier_api.extensions import db
from courier_api.identity.models import Courier
from tests import factories
from tests.factories import PICKUP, courier_body
from tests.helpers import assert_problem, count_rows


def test_malformed_json_is_400(client, as_):
    response = client.post(
        "/v1/couriers",
        data='{"employee_no": ',
        headers=as_("admin", **{"Content-Type": "application/json", "Idempotency-Key": "k1"}),
    )
    assert_problem(response, 400, "malformed_json")


def test_wrong_types_list_each_field(client, as_, world, app):
    before = count_rows(app, Courier)
    response = client.post(
        "/v1/couriers",
        json=courier_body(world, capacity="five", name=7),
        headers=as_("admin", **{"Idempotency-Key": "k2"}),
    )
    body = assert_problem(response, 422, "validation_failed")
    fields = {e["field"]: e["code"] for e in body["errors"]}
    assert fields == {"capacity": "invalid_type", "name": "invalid_type"}
    assert count_rows(app, Courier) == before


def test_unknown_and_missing_fields(client, as_, world):
    body = {k: v for k, v in courier_body(world, nickname="x").items() if k != "phone"}
    response = client.post(
        "/v1/couriers", json=body, headers=as_("admin", **{"Idempotency-Key": "k3"})
    )
    problem = assert_problem(response, 422, "validation_failed")
    assert {"field": "nickname", "message": "Unknown field.", "code": "unknown_field"} in problem[
        "errors"
    ]
    assert any(e["field"] == "phone" and e["code"] == "required" for e in problem["errors"])


def test_oversized_body_is_413(client, as_, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        "/v1/couriers",
        data=b'{"name": "' + b"x" * limit + b'"}',
        headers=as_("admin", **{"Content-Type": "application/json", "Idempotency-Key": "k4"}),
    )
    assert_problem(response, 413, "payload_too_large")


def test_wrong_content_type_is_415(client, as_, world, app):
    response = client.post(
        "/v1/couriers",
        data="employee_no=E1&name=x",
        headers=as_(
            "admin",
            **{"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": "k5"},
        ),
    )
    assert_problem(response, 415, "unsupported_media_type")


def test_unknown_route_and_method(client, as_):
    assert_problem(client.get("/v1/nowhere"), 404, "not_found")
    response = client.delete("/v1/products")
    body = assert_problem(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]
    assert body["instance"] == "/v1/products"


def test_no_or_bad_credentials_is_401_and_wrong_role_403(client, as_):
    response = client.get("/v1/couriers")
    assert_problem(response, 401, "unauthenticated")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_problem(
        client.get("/v1/couriers", headers={"Authorization": "Bearer not-a-token"}),
        401,
        "invalid_token",
    )
    assert_problem(client.get("/v1/couriers", headers=as_("courier_a")), 403, "forbidden")


def test_request_id_is_echoed_or_generated(client):
    response = client.get("/healthz", headers={"X-Request-ID": "pda-42.retry-1"})
    assert response.headers["X-Request-ID"] == "pda-42.retry-1"
    generated = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert generated.headers["X-Request-ID"] != "bad id with spaces"
    problem = client.get("/v1/nowhere", headers={"X-Request-ID": "trace-7"}).get_json()
    assert problem["request_id"] == "trace-7"


def test_unreachable_database_is_503_problem(tmp_path):
    # Port 9 (discard) on loopback refuses connections: the database is "down".
    app = create_app(
        {
            "COURIER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:9/none",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
            "INSTANCE_DIR": str(tmp_path),
        }
    )
    client = app.test_client()
    response = client.post(
        "/v1/auth/staff/login", json={"username": "admin", "password": "whatever pass"}
    )
    body = assert_problem(response, 503, "database_unavailable")
    assert response.headers["Retry-After"]
    assert "psycopg" not in body["detail"]
    ready = client.get("/readyz")
    body = assert_problem(ready, 503, "not_ready")
    assert int(ready.headers["Retry-After"]) > 0
    assert body["checks"]["database"] == "unavailable"
    assert body["background"]["broker"] == "ok"  # reported, but not why it is not ready
    assert client.get("/healthz").status_code == 200


DOOMED_APP = "courier-test-doomed"


def app_without_checkout_ping(database_url: str, tmp_path) -> Flask:
    """As in production: no ping on checkout (the suite's app pings, to survive the
    tables being truncated between tests)."""
    return create_app(
        {
            "COURIER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SQLALCHEMY_ENGINE_OPTIONS": {
                "pool_size": 4,
                "connect_args": {"application_name": DOOMED_APP},
            },
            "INSTANCE_DIR": str(tmp_path),
        }
    )


def end_the_apps_connections(database_url: str) -> None:
    """What a restart or failover does to the connections of `app_without_checkout_ping`."""
    admin = sa.create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE application_name = :name"
            ),
            {"name": DOOMED_APP},
        )
    admin.dispose()


@pytest.mark.postgres
def test_connection_dropped_by_the_database_is_503_then_recovers(database_url, world, tmp_path):
    # The first statement meets the dead connection: the session check, which runs on
    # the driver connection directly.
    app = app_without_checkout_ping(database_url, tmp_path)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {factories.login(client, world, 'admin')}"}
    assert client.get("/v1/couriers", headers=headers).status_code == 200
    with app.app_context():  # several connections in the pool, as after a busy minute
        held = [db.engine.connect() for _ in range(3)]
        for connection in held:
            connection.close()

    # A restart or failover: the server ends the app's connections.
    end_the_apps_connections(database_url)

    # One 503 for the request that met the dead connection; the pool renews the others.
    assert_problem(client.get("/v1/couriers", headers=headers), 503, "database_unavailable")
    for _ in range(3):
        assert client.get("/v1/couriers", headers=headers).status_code == 200
    with app.app_context():
        db.engine.dispose()


@pytest.mark.postgres
def test_database_lost_at_commit_is_503_and_the_key_is_free(
    database_url, world, tmp_path, monkeypatch
):
    # The work is done and the answer stored; the server goes away before COMMIT. The
    # client hears 503 (not a 500, not a 201 for nothing written), and its retry with
    # the same key does the work once.
    app = app_without_checkout_ping(database_url, tmp_path)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {factories.login(client, world, 'admin')}"}
    admin = sa.create_engine(database_url)
    run = roundtrip._Pipeline.run
    lost = []

    def terminated_before_commit(pipeline, driver):
        # The answer row goes with the COMMIT, in one round trip (core.pg.roundtrip).
        if pipeline.commit and not lost:
            lost.append(driver.info.backend_pid)
            with admin.begin() as other:
                other.execute(sa.text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": lost[0]})
        return run(pipeline, driver)

    monkeypatch.setattr(roundtrip._Pipeline, "run", terminated_before_commit)

    body = courier_body(world, employee_no="E9002")
    retried = {**headers, "Idempotency-Key": "commit-lost"}
    before = count_rows(app, Courier)
    assert_problem(
        client.post("/v1/couriers", json=body, headers=retried), 503, "database_unavailable"
    )
    assert lost and count_rows(app, Courier) == before
    response = client.post("/v1/couriers", json=body, headers=retried)
    assert response.status_code == 201, response.get_json()
    assert "Idempotent-Replayed" not in response.headers
    assert count_rows(app, Courier) == before + 1
    admin.dispose()
    with app.app_context():
        db.engine.dispose()


@pytest.mark.postgres
def test_database_lost_after_the_view_answered_keeps_the_answer(database_url, world, tmp_path):
    # The view has read and answered; the database goes away before the request's
    # transaction is ended. The client keeps its 200, and the next request gets a new
    # connection (not the bare 500 an error in a teardown would otherwise produce).
    app = app_without_checkout_ping(database_url, tmp_path)
    admin = sa.create_engine(database_url)

    @app.after_request
    def _database_goes_away(response):
        pid = db.session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with admin.begin() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
        return response

    client = app.test_client()
    headers = {"Authorization": f"Bearer {factories.login(client, world, 'admin')}"}
    assert client.get("/v1/couriers", headers=headers).status_code == 200
    assert client.get("/v1/couriers", headers=headers).status_code == 200
    admin.dispose()
    with app.app_context():
        db.engine.dispose()


def test_forged_cursors_nul_characters_and_huge_amounts_are_4xx(client, as_, citizen):
    admin = as_("admin")
    for value in ({"x": 1}, [1], None, True, 5):
        cursor = base64.urlsafe_b64encode(json.dumps({"after": value}).encode()).decode()
        assert_problem(
            client.get(f"/v1/couriers?cursor={cursor}", headers=admin), 400, "invalid_cursor"
        )
    assert_problem(client.get("/v1/shipments/%00", headers=admin), 400, "invalid_value")
    login = client.post("/v1/auth/staff/login", json={"username": "a\u0000", "password": "x"})
    assert login.status_code in (400, 401)
    huge = client.post(
        "/v1/quotes",
        headers=citizen,
        json={"pickup": PICKUP, "recipient": PICKUP, "weight_g": 1000, "cod_amount_fen": 10**19},
    )
    assert_problem(huge, 422, "validation_failed")


@pytest.mark.postgres
def test_a_poll_answered_304_meets_a_lost_database_as_503_then_recovers(
    database_url, world, tmp_path, monkeypatch
):
    # The 304 road reads on a bare pooled connection, outside the request's Session
    # (core.pg HotStatement.read_alone): a dead connection, or none to be had, is the
    # same 503 problem as everywhere, and the next poll is answered again.
    app = app_without_checkout_ping(database_url, tmp_path)
    client = app.test_client()
    token = factories.login(client, world, "courier_a")
    poll = {"Authorization": f"Bearer {token}"}
    poll["If-None-Match"] = client.get("/v1/courier/tasks", headers=poll).headers["ETag"]
    assert client.get("/v1/courier/tasks", headers=poll).status_code == 304

    end_the_apps_connections(database_url)
    assert_problem(client.get("/v1/courier/tasks", headers=poll), 503, "database_unavailable")
    assert client.get("/v1/courier/tasks", headers=poll).status_code == 304

    with app.app_context():
        refused = db.engine.dialect.loaded_dbapi.OperationalError("connection refused")

    def unreachable(_engine):
        raise refused

    monkeypatch.setattr(sa.Engine, "raw_connection", unreachable)
    assert_problem(client.get("/v1/courier/tasks", headers=poll), 503, "database_unavailable")
    monkeypatch.undo()
    assert client.get("/v1/courier/tasks", headers=poll).status_code == 304
    with app.app_context():
        db.engine.dispose()
