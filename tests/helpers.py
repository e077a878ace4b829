"""Helpers shared by the test modules of every domain.

Fixtures live in conftest.py (the root one for what every domain uses); test data in
factories.py; everything else a test module needs from outside itself is here: checking a
problem answer; logging in as each kind of caller (citizens here; staff and couriers through
the `as_` fixture or factories.login; API clients through factories.make_api_client and
factories.signed); a courier taking a task (on shift, assigned, accepted, arrived); scans,
uploads and the handheld's events; what the app recorded; real processes and races.
A test module never imports another test module or a conftest.py.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
import pypdfium2
import redis
import sqlalchemy as sa
from flask import Flask
from werkzeug.serving import make_server

from courier_api.core import clock
from courier_api.core.crypto import decrypt
from courier_api.core.outbox import OutboxEvent, dispatch_pending
from courier_api.custody.models import CustodyEvent
from courier_api.delivery.models import DeliveryAttempt
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.notify.jobs import deliver_due, http_sender
from courier_api.proof import pins
from courier_api.shipments.models import Shipment
from tests.factories import PASSWORD, PHOTO, PICKUP, RECIPIENT, make_pickup_task

PROBLEM = "application/problem+json"
CELERY = str(Path(sys.executable).with_name("celery"))
POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
REDIS_URL = "redis://127.0.0.1:6379/15"
SHANGHAI = ZoneInfo("Asia/Shanghai")
T = TypeVar("T")
Handler = Callable[[httpx.Request], httpx.Response]
_claim_keys = itertools.count()


@contextmanager
def celery_worker(
    database_url: str, instance_dir: Path, broker_url: str
) -> Iterator[subprocess.Popen]:
    """The production worker command (with beat) against the test database."""
    env = {
        **os.environ,
        "COURIER_ENV": "testing",
        "DATABASE_URL": database_url,
        "COURIER_INSTANCE_DIR": str(instance_dir),
        "CELERY_BROKER_URL": broker_url,
    }
    worker = subprocess.Popen(
        [
            CELERY,
            "-A",
            "courier_api.worker:celery",
            "worker",
            "-B",
            "-P",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield worker
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.communicate()


def wait_for(
    check: Callable[[], T], *, seconds: float, worker: subprocess.Popen | None = None
) -> T:
    """Poll `check` until it returns something truthy (or time runs out); returns its last value."""
    deadline = time.monotonic() + seconds
    value = check()
    while not value and time.monotonic() < deadline and (worker is None or worker.poll() is None):
        time.sleep(0.25)
        value = check()
    return value


def race(count: int, attempt: Callable[[int], Any]) -> list[Any]:
    """Run `attempt(n)` in `count` threads released at the same instant; their results."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(n: int) -> None:
        barrier.wait()
        results[n] = attempt(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status
    assert body["code"] == code
    for member in ("type", "title", "detail", "instance", "request_id"):
        assert body[member], member
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def mock_http(handler: Handler) -> httpx.Client:
    """An httpx client whose every request is answered by `handler` (recorded payloads)."""
    return httpx.Client(transport=httpx.MockTransport(handler))


def at_local(hour: int, minute: int = 0, day: int = 23) -> datetime:
    """A wall-clock time in Shanghai (23 November 2026 is a Monday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def count_rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def pdf_text(data: bytes) -> str:
    """A PDF's text as a viewer reads it (PDFium, Chrome's engine; pypdf misreads the
    two-byte codes of an embedded CID font), pages separated by a form feed."""
    document = pypdfium2.PdfDocument(data)
    try:
        pages = (page.get_textpage().get_text_range() for page in document)
        return "\f".join(text.replace("\r\n", "\n") for text in pages)
    finally:
        document.close()


# --- callers --------------------------------------------------------------------------------


def login_citizen(client, code: str = "demo-sender") -> dict[str, str]:
    """Authorization headers of the citizen behind the WeChat login `code`."""
    return login_owner(client, code).headers


@dataclass
class Owner:
    """A caller who owns shipments: their headers and the owner they are recorded as."""

    headers: dict[str, str]
    owner: tuple[str, str]
    code: str = ""

    def relogin(self, client) -> None:
        """A fresh token after the test moved the clock past the old one's 15 minutes."""
        self.headers = login_owner(client, self.code).headers


def login_owner(client, code: str) -> Owner:
    """The citizen behind the WeChat login `code`, as an owner of shipments."""
    body = client.post("/v1/auth/wechat/login", json={"code": code}).get_json()
    return Owner(
        {"Authorization": f"Bearer {body['access_token']}"},
        ("citizen", body["principal"]["id"]),
        code,
    )


def file_claim(client, owner: Owner, shipment_id: str, key: str | None = None, **body):
    """The owner claims for a shipment (a loss of 1,000 yuan unless `body` says otherwise)."""
    payload = {"shipment_id": shipment_id, "kind": "loss", "claimed_fen": 100_000, **body}
    headers = {**owner.headers, "Idempotency-Key": key or f"claim-{next(_claim_keys)}"}
    return client.post("/v1/claims", json=payload, headers=headers)


def post_courier(client, headers, body, key="key-1"):
    """POST /v1/couriers (the endpoint the Idempotency-Key rules are tested on)."""
    return client.post("/v1/couriers", json=body, headers={**headers, "Idempotency-Key": key})


# --- a pickup order and its task ------------------------------------------------------------


def quote(client, headers, **overrides):
    body = {
        "product": "express",
        "pickup": PICKUP,
        "recipient": RECIPIENT,
        "weight_g": 2500,
        "declared_value_fen": 300_000,
        "insured_amount_fen": 200_000,
        **overrides,
    }
    return client.post("/v1/quotes", json=body, headers=headers)


def order_pickup(client, citizen, key="o") -> dict:
    """The citizen quotes and orders a pickup; the order's answer."""
    q = quote(client, citizen).get_json()
    return client.post(
        "/v1/pickups", json={"quote_id": q["id"]}, headers={**citizen, "Idempotency-Key": key}
    ).get_json()


_STEPS = ("assigned", "accepted", "arrived")


def take_task(
    client,
    as_,
    world,
    task_id: str,
    *,
    until: str = "arrived",
    courier: str = "courier_a",
    assigner: str = "dispatcher_a",
) -> dict[str, str]:
    """`courier` goes on shift, `assigner` gives them the task, and they accept it and
    arrive, as far as `until` ("assigned", "accepted" or "arrived"); each step must succeed.
    Returns the courier's headers."""
    headers, staff = as_(courier), as_(assigner)
    shift = client.post("/v1/courier/shift", json={"on_shift": True}, headers=headers)
    assert shift.status_code == 200, shift.get_json()
    etag = client.get(f"/v1/dispatch/tasks/{task_id}", headers=staff).headers["ETag"]
    assigned = client.post(
        f"/v1/dispatch/tasks/{task_id}/assign",
        json={"courier_id": world.couriers[courier]},
        headers={**staff, "If-Match": etag},
    )
    assert assigned.status_code == 200, assigned.get_json()
    for action in ("accept", "arrive")[: _STEPS.index(until)]:
        moved = client.post(f"/v1/courier/tasks/{task_id}/{action}", json={}, headers=headers)
        assert moved.status_code == 200, moved.get_json()
    return headers


def pick_up(client, as_, world, task_id: str, items: list[dict]) -> dict:
    """Courier A takes the pickup task to its place and scans `items` ([{waybill, …}]);
    returns the scan's answer."""
    headers = take_task(client, as_, world, task_id)
    scanned = client.post(
        f"/v1/courier/tasks/{task_id}/pickup", json={"items": items}, headers=headers
    )
    assert scanned.status_code == 200, scanned.get_json()
    return scanned.get_json()


# --- hand-overs, uploads, the handheld ------------------------------------------------------


def station_in(client, headers, world, items, courier="courier_a", **fields):
    """A station A in-scan of what `courier` hands over (`fields`: e.g. occurred_at)."""
    return client.post(
        "/v1/handovers",
        json={
            "kind": "station_in",
            "station_id": world.stations["A"],
            "from": {"kind": "courier", "id": world.couriers[courier]},
            "items": items,
            **fields,
        },
        headers=headers,
    )


def upload(client, headers, data: bytes = PHOTO, content_type: str = "image/png") -> str:
    """PUT a blob; its name (the SHA-256 of `data`)."""
    sha = hashlib.sha256(data).hexdigest()
    response = client.put(
        f"/v1/blobs/{sha}", data=data, headers={**headers, "Content-Type": content_type}
    )
    assert response.status_code in (200, 201), response.get_json()
    return sha


def sync_event(kind: str, task_id: str | None, minutes_ago: float, **payload) -> dict:
    """One event as the handheld records it offline, `minutes_ago` before now."""
    occurred = clock.now() - timedelta(minutes=minutes_ago)
    body = {
        "client_event_id": str(uuid.uuid4()),
        "kind": kind,
        "occurred_at": clock.to_rfc3339(occurred),
        "lat": 22.52,
        "lng": 113.45,
        "payload": payload,
    }
    if task_id:
        body["task_id"] = task_id
    return body


def later(minutes: int = 20) -> None:
    """The handheld uploads a while after loading (its events fall in between)."""
    clock.freeze(clock.now() + timedelta(minutes=minutes))


def sync(client, as_, events, courier="courier_a"):
    return client.post("/v1/courier/sync", json={"events": events}, headers=as_(courier))


# --- what the app recorded ------------------------------------------------------------------


def shipment_of(app, waybill):
    """(shipment, its custody events, its delivery attempts), readable after the context."""
    with app.app_context():
        shipment = db.session.scalars(sa.select(Shipment).where(Shipment.waybill == waybill)).one()
        events = db.session.scalars(
            sa.select(CustodyEvent)
            .where(CustodyEvent.shipment_id == shipment.id)
            .order_by(CustodyEvent.seq)
        ).all()
        attempts = db.session.scalars(
            sa.select(DeliveryAttempt).where(DeliveryAttempt.shipment_id == shipment.id)
        ).all()
        db.session.expunge_all()
        return shipment, events, attempts


def waybill_of(app, shipment_id: str) -> str:

    with app.app_context():
        return db.session.get(Shipment, shipment_id).waybill


def pin_events(app, shipment_id) -> list[dict]:

    with app.app_context():
        return [
            event.payload
            for event in db.session.scalars(
                sa.select(OutboxEvent)
                .where(OutboxEvent.kind == pins.PIN_ISSUED, OutboxEvent.subject_id == shipment_id)
                .order_by(OutboxEvent.id)
            )
        ]


def latest_pin(app, shipment_id) -> str:
    """The PIN as the recipient gets it (decrypted from the newest event)."""

    payload = pin_events(app, shipment_id)[-1]
    with app.app_context():
        return decrypt(payload["pin_encrypted"], context=pins.event_context(shipment_id))


def other_than(pin: str) -> str:
    return f"{(int(pin) + 1) % 1_000_000:06d}"


def run_worker_once(app) -> dict[str, int]:
    """What the worker does on one beat: dispatch the outbox, deliver due webhooks."""
    with app.app_context():
        dispatch_pending()
        return deliver_due(http_sender(2.0))


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """The SQL statements sent through the engine while the block runs."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


# --- the staff console ----------------------------------------------------------------------

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token a console page's forms carry."""
    return CSRF_FIELD.search(html).group(1)


def console_login(client, who: str) -> str:
    """Log `who` in through the console's login form; returns a CSRF token for its forms."""
    answer = client.post(
        "/console/login",
        data={
            "username": who,
            "password": PASSWORD,
            "csrf_token": csrf_of(client.get("/console/login").get_data(as_text=True)),
        },
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return csrf_of(client.get("/console/login").get_data(as_text=True))


def waiting_task(app, world, minutes: int) -> str:
    """A pickup task at station A whose promise started `minutes` ago, still unassigned."""
    with app.app_context():
        clock.freeze(clock.now() - timedelta(minutes=minutes))
        task = make_pickup_task(world)
        clock.freeze(None)
        db.session.commit()
        return task.id


def courier_on_shift(app, world, name: str, lat: float = 22.53, lng: float = 113.37) -> None:
    """`name` is on shift and was seen at (lat, lng) just now."""
    with app.app_context():
        courier = db.session.get(Courier, world.couriers[name])
        courier.on_shift, courier.last_lat, courier.last_lng = True, lat, lng
        courier.last_seen_at = clock.now()
        db.session.commit()


@contextmanager
def served_in_thread(app: Flask, port: int = 0) -> Iterator[str]:
    """The app served over HTTP on 127.0.0.1 (a free port unless given); its base address.
    Closing waits for requests still in flight, so no database connection is left checked
    out when the suite disposes the engine and drops its database."""
    server = make_server("127.0.0.1", port, app, threaded=True)
    server.daemon_threads = False  # socketserver joins only non-daemon request threads
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
