"""A real Celery worker (with beat) drains the outbox, on Redis and on the embedded SQLite
transport that `make run` uses: the same command as in production, in a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from courier_api.core.outbox import OutboxEvent, emit
from courier_api.extensions import db
from tests.core.test_ratelimit import _redis_up

CELERY = str(Path(sys.executable).with_name("celery"))


@pytest.mark.parametrize("transport", ["embedded", "redis"])
def test_worker_and_beat_dispatch_outbox_events(app, database_url, tmp_path, transport):
    if transport == "redis" and not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    env = {
        **os.environ,
        "COURIER_ENV": "testing",
        "DATABASE_URL": database_url,
        "COURIER_INSTANCE_DIR": str(tmp_path),
        "CELERY_BROKER_URL": (
            f"sqla+sqlite:///{tmp_path / 'broker.sqlite'}"
            if transport == "embedded"
            else "redis://127.0.0.1:6379/14"
        ),
    }
    with app.app_context():
        event_id = emit(
            "shipment.created", subject_type="shipment", subject_id="shp_w", payload={}
        ).id
        db.session.commit()
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
        status = "pending"
        deadline = time.monotonic() + 45
        while status != "dispatched" and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.25)
            with app.app_context():
                status = db.session.get(OutboxEvent, event_id).status
                db.session.remove()
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            _, errors = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            _, errors = worker.communicate()
    assert status == "dispatched", errors.decode()[-2000:]
