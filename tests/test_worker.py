"""A real Celery worker (with beat) drains the outbox, on Redis and on the embedded SQLite
transport that `make run` uses: the same command as in production, in a subprocess. And
the periodic jobs with two beats and two workers: each job's work done once, the dispatch
rounds partitioned by region."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from courier_api import worker
from courier_api.core import clock
from courier_api.core.ids import new_id
from courier_api.core.outbox import OutboxEvent, emit
from courier_api.custody.models import CustodyEvent, CustodyTreeHead
from courier_api.dispatch.rounds import run_round
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.network.models import Region
from courier_api.shipments.models import Shipment
from courier_api.tasks.models import SlaBreach, Task, TaskOffer
from tests.helpers import celery_worker, order_pickup, race, redis_up, wait_for


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
            "test.worker_dispatch", subject_type="shipment", subject_id="shp_w", payload={}
        ).id
        db.session.commit()
    with celery_worker(database_url, tmp_path, broker) as worker:

        def dispatched() -> bool:
            with app.app_context():
                done = db.session.get(OutboxEvent, event_id).status == "dispatched"
                db.session.remove()
                return done

        assert wait_for(dispatched, seconds=45, worker=worker)


# --- two beats, two workers (issue #31) ---------------------------------------------------


def _task(app, name: str):
    return app.extensions["celery"].tasks[name]


def _run_catching(app, name: str, *args: Any) -> str | None:
    """Run a periodic job as a worker would (its own app context); the error, if any."""
    try:
        _task(app, name)(*args)
    except Exception as exc:  # the test reports which job failed, and how
        return f"{name}: {type(exc).__name__}: {exc}"
    return None


def _late_order(app, client, citizen, world) -> tuple[str, str]:
    """An order whose pickup is late and whose delivery promise has lapsed, a courier on
    shift next to it: every sweep and the round have work. Its task and shipment ids."""
    order = order_pickup(client, citizen, key="beat-twice")
    task_id, shipment_id = order["task"]["id"], order["shipments"][0]["id"]
    now = clock.now()
    with app.app_context():
        db.session.execute(
            sa.update(Task)
            .where(Task.id == task_id)
            .values(promise_start=now - timedelta(minutes=61), deadline=now - timedelta(minutes=1))
        )
        db.session.execute(
            sa.update(Shipment)
            .where(Shipment.id == shipment_id)
            .values(deliver_by=now - timedelta(minutes=1))
        )
        courier = db.session.get(Courier, world.couriers["courier_a"])
        courier.on_shift, courier.last_lat, courier.last_lng = True, 22.52, 113.38
        courier.last_seen_at = now
        db.session.commit()
    return task_id, shipment_id


@pytest.mark.postgres
def test_every_periodic_job_sent_by_two_beats_at_once_does_its_work_once(
    app, client, citizen, world
):
    """Two beats by mistake: each periodic job runs twice at the same instant on two
    workers. Neither fails, and nothing is done twice."""
    task_id, shipment_id = _late_order(app, client, citizen, world)
    schedule = app.extensions["celery"].conf.beat_schedule
    # The rounds' job sends one job per region; those are what run on the workers.
    jobs = [
        ("courier_api.dispatch_region_round", (world.region_id,))
        if entry["task"] == "courier_api.dispatch_rounds"
        else (entry["task"], ())
        for entry in schedule.values()
    ]
    assert len(jobs) == len(schedule) >= 11
    errors = []
    for name, args in jobs:
        errors += race(2, lambda _, name=name, args=args: _run_catching(app, name, *args))
    assert [e for e in errors if e] == []
    with app.app_context():
        offers = db.session.scalars(
            sa.select(TaskOffer.courier_id).where(TaskOffer.task_id == task_id)
        ).all()
        breaches = db.session.scalars(
            sa.select(SlaBreach.kind).where(SlaBreach.task_id == task_id)
        ).all()
        overdue = db.session.scalar(
            sa.select(sa.func.count()).where(
                OutboxEvent.kind == "shipment.overdue", OutboxEvent.subject_id == shipment_id
            )
        )
        checkpoints = db.session.scalar(sa.select(sa.func.count(CustodyTreeHead.number)))
    assert offers == [world.couriers["courier_a"]]  # offered once, to one courier
    assert sorted(breaches) == ["at_risk", "late"]
    assert overdue == 1  # the owner is told once
    assert checkpoints == 1


@pytest.mark.postgres
def test_custody_checkpoints_made_twice_at_once_sign_each_range_once(app, client, citizen):
    for n in range(3):
        order_pickup(client, citizen, key=f"cp-{n}")
    errors = race(2, lambda _: _run_catching(app, "courier_api.custody_checkpoint"))
    assert errors == [None, None]
    with app.app_context():
        heads = db.session.execute(sa.select(CustodyTreeHead.number, CustodyTreeHead.tree_size))
        events = db.session.scalar(sa.select(sa.func.count(CustodyEvent.id)))
    assert heads.all() == [(1, events)]  # one signed tree head over every event


def test_the_rounds_job_sends_one_round_per_region_each_dropped_if_not_started_in_time(
    app, world, monkeypatch
):
    with app.app_context():
        other = Region(id=new_id("reg"), code="TS2", name="Second City")
        db.session.add(other)
        db.session.commit()
        regions = sorted([world.region_id, other.id])
    sent = []
    # The job sends through the module's task, whichever app is Celery's default (other
    # tests make apps of their own).
    monkeypatch.setattr(
        worker.dispatch_region_round,
        "apply_async",
        lambda args, **options: sent.append((args, options)),
    )
    assert _task(app, "courier_api.dispatch_rounds")() == 2
    assert sent == [((region,), {"expires": worker.ROUND_PERIOD_S}) for region in regions]


@pytest.mark.postgres
def test_a_regions_round_in_progress_holds_back_only_that_regions_next_round(app, world):
    """Partitioned by region: while one worker runs region A's round, another worker's
    round for A does not run, and its round for B does."""
    with app.app_context():
        other = Region(id=new_id("reg"), code="TS2", name="Second City")
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    zone = clock.business_zone
    ttl = timedelta(seconds=90)
    with app.app_context():
        first = run_round(world.region_id, offer_ttl=ttl, zone=zone())  # lock held until commit
        with app.app_context():  # another worker: its own session and connection
            same = run_round(world.region_id, offer_ttl=ttl, zone=zone())
            elsewhere = run_round(other_id, offer_ttl=ttl, zone=zone())
            db.session.commit()
        db.session.commit()
        after = run_round(world.region_id, offer_ttl=ttl, zone=zone())
        db.session.commit()
    assert (first.ran, same.ran, elsewhere.ran, after.ran) == (True, False, True, True)
