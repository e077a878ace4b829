"""Every Idempotency-Key rule, on POST /v1/couriers (DESIGN.md "Idempotency")."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import conflict
from courier_api.core.idempotency import IdempotencyKey, lock_keys
from courier_api.extensions import db
from courier_api.identity import service
from courier_api.identity.models import Courier
from tests.factories import courier_body, login
from tests.helpers import assert_problem, count_rows, post_courier, race


def test_missing_key_is_400_and_creates_nothing(client, as_, world, app):
    response = client.post("/v1/couriers", json=courier_body(world), headers=as_("admin"))
    assert_problem(response, 400, "idempotency_key_missing")
    assert count_rows(app, Courier) == 2


def test_same_key_same_body_replays_the_first_answer(client, as_, world, app):
    admin = as_("admin")
    first = post_courier(client, admin, courier_body(world))
    # Same data, keys in another order: still the same request.
    again = post_courier(client, admin, dict(reversed(list(courier_body(world).items()))))
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert count_rows(app, Courier) == 3


def test_same_key_other_body_is_422(client, as_, world, app):
    admin = as_("admin")
    post_courier(client, admin, courier_body(world))
    response = post_courier(client, admin, courier_body(world, name="Someone Else"))
    assert_problem(response, 422, "idempotency_key_reused")
    assert count_rows(app, Courier) == 3


def test_keys_are_per_caller(client, as_, world, app):
    post_courier(client, as_("admin"), courier_body(world))
    other = post_courier(client, as_("dispatcher_a"), courier_body(world, employee_no="E9002"))
    assert other.status_code == 201
    assert "Idempotent-Replayed" not in other.headers


def test_key_in_flight_is_409(client, as_, world, app):
    """Another worker is still processing this key: the duplicate waits its turn."""
    admin_headers = as_("admin")
    with app.app_context():
        db.session.add(
            IdempotencyKey(
                caller_id=world.staff["admin"],
                key="busy",
                fingerprint=_fingerprint_of(app, courier_body(world)),
                created_at=clock.now(),
            )
        )
        db.session.commit()
    response = post_courier(client, admin_headers, courier_body(world), key="busy")
    assert_problem(response, 409, "idempotency_key_in_flight")
    assert response.headers["Retry-After"] == "1"
    other_body = post_courier(client, admin_headers, courier_body(world, name="X"), key="busy")
    assert_problem(other_body, 422, "idempotency_key_reused")
    assert count_rows(app, Courier) == 2
    # A claim abandoned by a crashed worker (over a minute old) is taken over.
    clock.freeze(clock.now() + timedelta(seconds=61))
    assert post_courier(client, admin_headers, courier_body(world), key="busy").status_code == 201


def _fingerprint_of(app, body) -> str:
    from courier_api.core.idempotency import fingerprint_request

    with app.test_request_context("/v1/couriers", method="POST", json=body):
        return fingerprint_request()


def test_failed_request_releases_its_key(client, as_, world, app):
    admin = as_("admin")
    refused = post_courier(client, admin, courier_body(world, employee_no="E0001"))
    assert refused.status_code == 409
    fixed = post_courier(client, admin, courier_body(world, employee_no="E0001"))
    assert fixed.status_code == 409  # run again, not replayed: nothing was stored
    assert "Idempotent-Replayed" not in fixed.headers


def test_replay_window_is_24_hours(client, as_, world, app):
    admin = as_("admin")
    first = post_courier(client, admin, courier_body(world)).get_json()
    clock.freeze(clock.now() + timedelta(hours=23))
    admin = as_("admin")  # the morning's access token has long expired
    assert post_courier(client, admin, courier_body(world)).get_json()["id"] == first["id"]
    clock.freeze(clock.now() + timedelta(hours=2))
    admin = as_("admin")
    # Past the window the key is new again: the request runs (and meets the taken number).
    assert_problem(post_courier(client, admin, courier_body(world)), 409, "employee_no_taken")


@pytest.mark.postgres
def test_concurrent_duplicates_create_exactly_one_courier(app, world):
    """Eight handheld-style retries of one request at once, on real connections."""
    client = app.test_client()
    token = login(client, world, "admin")
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "race-1"}
    body = courier_body(world)

    def attempt(_: int) -> tuple[int, dict]:
        response = app.test_client().post("/v1/couriers", json=body, headers=headers)
        return response.status_code, response.get_json()

    results = race(8, attempt)

    statuses = sorted(status for status, _ in results)
    assert set(statuses) <= {201, 409}, results
    created_ids = {body["id"] for status, body in results if status == 201}
    assert len(created_ids) == 1
    assert all(b["code"] == "idempotency_key_in_flight" for s, b in results if s == 409)
    with app.app_context():
        rows = db.session.scalar(
            sa.select(sa.func.count()).select_from(Courier).where(Courier.employee_no == "E9001")
        )
    assert rows == 1
    # Once the first finished, a retry replays it.
    replay = client.post("/v1/couriers", json=body, headers=headers)
    assert replay.get_json()["id"] in created_ids


@pytest.mark.postgres
def test_duplicate_of_a_request_holding_its_key_is_409_at_once(client, as_, world, app):
    """PostgreSQL holds a key with an advisory lock while its work runs: a duplicate that
    finds the lock taken answers 409 straight away instead of queueing behind it."""
    admin = as_("admin")
    with app.app_context():
        holder = db.engine.connect()  # another worker, in the middle of this key's work
        holder.execute(
            sa.select(sa.func.pg_advisory_xact_lock(*lock_keys(world.staff["admin"], "held")))
        )
    answers = []
    duplicate = threading.Thread(
        target=lambda: answers.append(post_courier(client, admin, courier_body(world), "held"))
    )
    duplicate.start()
    duplicate.join(timeout=10)
    holder.rollback()  # the first request failed: its key is free again
    holder.close()
    assert answers, "the duplicate waited for the lock"
    assert_problem(answers[0], 409, "idempotency_key_in_flight")
    assert answers[0].headers["Retry-After"] == "1"
    assert post_courier(client, admin, courier_body(world), "held").status_code == 201


def _meanwhile(monkeypatch, app, world, key: str, body: dict, **stored) -> None:
    """While our request works, another one with the same body stores its row for the
    admin's `key` (`stored`: its answer, if any) and commits."""
    create = service.create_courier
    row = {
        "caller_id": world.staff["admin"],
        "key": key,
        "fingerprint": _fingerprint_of(app, body),
        "created_at": clock.now(),
        **stored,
    }

    def create_after_another(**kwargs):
        with app.app_context(), db.engine.begin() as other:
            other.execute(sa.insert(IdempotencyKey), row)
        return create(**kwargs)

    monkeypatch.setattr(service, "create_courier", create_after_another)


@pytest.mark.postgres
@pytest.mark.parametrize("ours_refused", [False, True], ids=["ours_done", "ours_refused"])
def test_key_completed_meanwhile_replays_that_answer_and_undoes_ours(
    client, as_, world, app, monkeypatch, ours_refused
):
    """A request that completed the key after our lookup but before our lock (the lookup's
    snapshot predates the lock): our work is rolled back and its answer is replayed. Also
    when it did the same work, so that ours was refused (employee number taken): the
    client hears the first answer, not that 409."""
    body = courier_body(world)
    _meanwhile(
        monkeypatch,
        app,
        world,
        "late",
        body,
        completed_at=clock.now(),
        response_status=201,
        response_headers={"Content-Type": "application/json"},
        response_body='{"id": "cou_first"}',
    )
    if ours_refused:
        create_after_another = service.create_courier

        def refused_as_taken(**kwargs):
            create_after_another(**kwargs)
            raise conflict("employee_no_taken", "A courier with this employee number exists.")

        monkeypatch.setattr(service, "create_courier", refused_as_taken)
    response = post_courier(client, as_("admin"), body, "late")
    assert response.status_code == 201, response.get_json()
    assert response.headers["Idempotent-Replayed"] == "true"
    assert response.get_json() == {"id": "cou_first"}
    assert count_rows(app, Courier) == 2


@pytest.mark.postgres
def test_key_claimed_meanwhile_by_a_committed_row_is_409(client, as_, world, app, monkeypatch):
    """A worker of the previous release (claims by committing an in-flight row, takes no
    lock) claimed the key meanwhile: ours gives way."""
    body = courier_body(world)
    _meanwhile(monkeypatch, app, world, "legacy", body)  # in flight: no answer yet
    assert_problem(
        post_courier(client, as_("admin"), body, "legacy"), 409, "idempotency_key_in_flight"
    )
    assert count_rows(app, Courier) == 2


@pytest.mark.postgres
def test_claim_of_a_vanished_worker_ends_after_60_s_idle(client, as_, world, app, monkeypatch):
    """A worker whose host vanished leaves its connection open and its lock held; the
    transaction that holds a key is ended by the database after 60 s idle, freeing it."""
    create = service.create_courier
    seen = []

    def create_and_look(**kwargs):
        seen.append(db.session.scalar(sa.text("SHOW idle_in_transaction_session_timeout")))
        return create(**kwargs)

    def setting() -> str:
        with app.app_context():
            return db.session.scalar(sa.text("SHOW idle_in_transaction_session_timeout"))

    before = setting()
    monkeypatch.setattr(service, "create_courier", create_and_look)
    assert post_courier(client, as_("admin"), courier_body(world)).status_code == 201
    assert seen == ["1min"]
    assert setting() == before  # local to that transaction: other work is not cut short
