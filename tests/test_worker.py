"""A real Celery worker (with beat) drains the outbox, on Redis and on the embedded SQLite
transport that `make run` uses: the same command as in production, in a subprocess."""

from __future__ import annotations

import pytest

from courier_api.core.outbox import OutboxEvent, emit
from courier_api.extensions import db
from tests.helpers import celery_worker, redis_up, wait_for


@pytest.mark.parametrize("transport", ["embedded", "redis"])
def test_worker_and_beat_dispatch_outbox_events(app, database_url, tmp_path, transport):
    if transport == "redis" and not redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    broker = (
        f"sqla+sqlite:///{tmp_path / 'broker.sqlite'}"
        if transport == "embedded"
        else "redis://127.0.0.1:6379/14"
    )
    with app.app_context():
        event_id = emit(
            "shipment.created", subject_type="shipment", subject_id="shp_w", payload={}
        ).id
        db.session.commit()
    with celery_worker(database_url, tmp_path, broker) as worker:

        def dispatched() -> bool:
            with app.app_context():
                done = db.session.get(OutboxEvent, event_id).status == "dispatched"
                db.session.remove()
                return done

        assert wait_for(dispatched, seconds=45, worker=worker)
