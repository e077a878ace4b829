"""Outbox dispatch on PostgreSQL: events/s for a backlog, through the worker's real task.

    .venv/bin/python bench/outbox.py [--events 5000] [--database-url postgresql+psycopg://...]

Creates a scratch database, migrates it, gives the test world's hospital a webhook
endpoint and a citizen, then writes a backlog of events of three sorts: a third
fan out to the hospital's webhook endpoint, a third queue a WeChat notification for the
citizen (a bench composer that reads the citizen, as the real ones read their order), a
third concern nobody. The backlog is dispatched by calling the Celery task
`courier_api.dispatch_outbox` in-process (the code the worker runs; its handlers only
write rows, the sending is other jobs'), run after run until it is empty, then again with two
dispatchers at once (a prefork worker of concurrency 2) on a fresh backlog.

Prints, per phase: task runs, events per run, seconds per run, the capacity (events/s
with runs back to back) and the rate at the beat cadence (a run every 2 s, or back to
back when a run takes longer; a lower bound when one run clears the whole backlog in
under 2 s). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from harness import DEFAULT_BASE_URL, create_database, drop_database, migrated_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courier_api.core.crypto import encrypt
from courier_api.core.ids import new_id
from courier_api.core.outbox import OutboxEvent, emit
from courier_api.extensions import db
from courier_api.identity.models import Citizen
from courier_api.notify.models import Notification, WebhookDelivery, WebhookEndpoint
from courier_api.notify.notifications import Message, notifies
from courier_api.notify.service import SECRET_CONTEXT
from courier_api.worker import dispatch_outbox
from tests import factories

BEAT_S = 2.0  # the beat schedule of dispatch-outbox


@notifies("bench.parcel_update")
def _compose(event: OutboxEvent) -> list[Message]:
    citizen = db.session.get(Citizen, event.citizen_id)
    return [
        Message(
            template="parcel_update",
            wechat_template_id="tmpl-bench",
            wechat_page="pages/track/index",
            wechat_data={"thing1": event.payload["what"]},
            citizen_id=citizen.id,
        )
    ]


def setup_world() -> tuple[str, str]:
    world = factories.build_world()
    hospital = world.organisations["hospital"]
    db.session.add(
        WebhookEndpoint(
            id=new_id("whe"),
            organisation_id=hospital,
            url="http://127.0.0.1:9/hooks",
            events=["*"],
            secret_encrypted=encrypt("whsec_bench", context=SECRET_CONTEXT),
            created_by=world.staff["clerk_hospital"],
        )
    )
    citizen = Citizen(id=new_id("ctz"), openid=f"bench-{uuid.uuid4().hex[:8]}")
    db.session.add(citizen)
    db.session.commit()
    return hospital, citizen.id


def write_backlog(count: int, hospital: str, citizen: str) -> None:
    for n in range(count):
        if n % 3 == 0:
            emit(
                "shipment.delivered",
                subject_type="shipment",
                subject_id=f"shp_{n}",
                payload={"waybill": f"EA{n:09d}CN"},
                organisation_ids=[hospital],
            )
        elif n % 3 == 1:
            emit(
                "bench.parcel_update",
                subject_type="shipment",
                subject_id=f"shp_{n}",
                payload={"what": "您的快件已揽收"},
                citizen_id=citizen,
            )
        else:
            emit("pickup.created", subject_type="pickup_order", subject_id=f"pko_{n}", payload={})
        if n % 1000 == 999:
            db.session.commit()
    db.session.commit()


def pending() -> int:
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(OutboxEvent).where(OutboxEvent.status == "pending")
    )
    db.session.rollback()
    return count


def drain(app, dispatchers: int, max_runs: int) -> dict:
    """Task runs (in `dispatchers` threads at once) until nothing is pending."""
    runs: list[tuple[int, float]] = []
    lock = threading.Lock()

    def worker() -> None:
        with app.app_context():
            for _ in range(max_runs):
                started = time.perf_counter()
                done = dispatch_outbox()
                took = time.perf_counter() - started
                with lock:
                    runs.append((done, took))
                if not done and not pending():
                    break
            db.session.remove()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(dispatchers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    working = [(n, s) for n, s in runs if n]
    events = sum(n for n, _ in runs)
    busy = sum(s for _, s in working)
    # Beat queues a run every 2 s; a run that takes longer is followed at once by the next.
    beat = sum(max(BEAT_S, s) for _, s in working) / dispatchers
    return {
        "dispatchers": dispatchers,
        "events": events,
        "task_runs_that_dispatched": len(working),
        "events_per_run_max": max((n for n, _ in working), default=0),
        "seconds_per_run_max": round(max((s for _, s in working), default=0), 3),
        "wall_seconds": round(wall, 2),
        "capacity_events_per_s": round(events / wall) if wall else None,
        "per_event_ms": round(1000 * busy / events, 3) if events else None,
        "at_beat_cadence_events_per_s": round(events / beat) if beat else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--database-url", default=DEFAULT_BASE_URL)
    parser.add_argument("--max-runs", type=int, default=1000)
    args = parser.parse_args()

    admin, url = create_database(args.database_url)
    try:
        app = migrated_app(url)
        phases = []
        with app.app_context():
            hospital, citizen = setup_world()
            for dispatchers in (1, 2):
                write_backlog(args.events, hospital, citizen)
                db.session.remove()
                phases.append(drain(app, dispatchers, args.max_runs))
                phases[-1]["left_pending"] = pending()
            deliveries = db.session.scalar(sa.select(sa.func.count(WebhookDelivery.id)))
            notifications = db.session.scalar(sa.select(sa.func.count(Notification.id)))
            db.session.remove()
            db.engine.dispose()
        print(
            json.dumps(
                {
                    "database": "postgresql",
                    "backlog": args.events,
                    "phases": phases,
                    "webhook_deliveries_made": deliveries,
                    "notifications_made": notifications,
                },
                indent=2,
            )
        )
    finally:
        drop_database(admin, url)


if __name__ == "__main__":
    main()
