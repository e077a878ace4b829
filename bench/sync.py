"""Handheld sync under gunicorn on PostgreSQL: 500-event batches, events/s and latency per
batch (goal: >= 3,000 events/s on the 2-core machine).

    .venv/bin/python bench/sync.py [--couriers 8] [--batches 4] [--workers 4] [--parallel 4]

A scratch database with a test city; each courier loads `batches` x 250 items for delivery
at its station (through POST /v1/handovers), then uploads its day in 500-event batches:
for every item an arrival scan, then a signed delivery (9 in 10) or a failed attempt
(1 in 10). `parallel` couriers upload at once. Prints figures and checks that every event
was accepted and that the database holds exactly one outcome per item; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from harness import (
    DEFAULT_BASE_URL,
    api_env,
    children,
    cpu_seconds,
    create_database,
    database_backends,
    flask,
    handwritten_signature,
    http_json,
    scratch_dir,
    start_api,
    tear_down,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_EVENTS_PER_S = 3000
TASKS_PER_BATCH = 250  # two events each: 500 per batch


def _prepare(db_url: str, env: dict[str, str], couriers: int, items: int) -> dict[str, list[str]]:
    """Couriers at station A and, for each, `items` shipments waiting at the station."""
    os.environ.update(env)
    from courier_api import create_app
    from courier_api.extensions import db
    from courier_api.identity import service as identity
    from tests import factories

    app = create_app({"SQLALCHEMY_DATABASE_URI": db_url, "LOG_LEVEL": "WARNING"})
    waybills: dict[str, list[str]] = {}
    with app.app_context():
        world = factories.build_world()
        for n in range(couriers):
            employee_no = f"S{n:04d}"
            identity.create_courier(
                caller=factories.ADMIN,
                spec=identity.CourierSpec(
                    employee_no=employee_no,
                    name=f"bench {n}",
                    phone="13900000000",
                    station_id=world.stations["A"],
                    capacity=5,
                ),
                password=factories.PASSWORD,
            )
            db.session.commit()
            made = factories.make_shipments(
                world, items, state="at_station", holder=("station", world.stations["A"])
            )
            waybills[employee_no] = [s.waybill for s in made]
        db.session.remove()
        db.engine.dispose()
    return waybills


def _login_and_load(base: str, employee_no: str, waybills: list[str]) -> tuple[str, list[str]]:
    status, tokens = http_json(
        f"{base}/v1/auth/courier/login",
        {"employee_no": employee_no, "password": "correct horse battery", "device_id": employee_no},
    )
    if status != 200:
        sys.exit(f"login failed: {status} {tokens}")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    status, body = http_json(
        f"{base}/v1/handovers",
        {"kind": "load_for_delivery", "items": [{"waybill": w} for w in waybills]},
        headers,
    )
    if status != 200 or len(body["delivery_task_ids"]) != len(waybills):
        sys.exit(f"loading failed: {status} {str(body)[:300]}")
    return tokens["access_token"], body["delivery_task_ids"]


def _batches(task_ids: list[str], waybills: list[str], seed: int) -> list[list[dict]]:
    rng = random.Random(seed)
    start = datetime.now(UTC)
    batches = []
    for first in range(0, len(task_ids), TASKS_PER_BATCH):
        events = []
        for i in range(first, min(first + TASKS_PER_BATCH, len(task_ids))):
            at = start + timedelta(milliseconds=20 * i)
            common = {"task_id": task_ids[i], "lat": 22.52, "lng": 113.45}
            arrive = {"kind": "arrive", "occurred_at": at.isoformat(), "payload": {}}
            if rng.random() < 0.9:
                payload = {
                    "receiver": {"name": "李四", "relation": "self"},
                    "signature": handwritten_signature(rng),
                }
                done = {"kind": "deliver", "waybill": waybills[i], "payload": payload}
            else:
                done = {"kind": "fail", "payload": {"reason_code": "nobody_home"}}
            done["occurred_at"] = (at + timedelta(milliseconds=10)).isoformat()
            for one in (arrive, done):
                events.append({"client_event_id": str(uuid.uuid4()), **common, **one})
        batches.append(events)
    return batches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--couriers", type=int, default=8)
    parser.add_argument("--batches", type=int, default=4, help="500-event batches per courier")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--parallel", type=int, default=4, help="couriers uploading at once")
    opts = parser.parse_args()
    admin, db_url = create_database(DEFAULT_BASE_URL)
    engine = sa.create_engine(db_url)
    work = scratch_dir()
    api = None
    try:
        env = api_env(db_url, work, opts.workers)
        flask(["db", "upgrade"], env)
        items = opts.batches * TASKS_PER_BATCH
        waybills = _prepare(db_url, env, opts.couriers, items)
        api, base = start_api(env, opts.workers, work)
        plans = []
        for n, (employee_no, mine) in enumerate(waybills.items()):
            token, task_ids = _login_and_load(base, employee_no, mine)
            plans.append((token, _batches(task_ids, mine, seed=n)))
        latencies: list[float] = []
        verdicts: dict[str, int] = {}
        lock = threading.Lock()
        queue = list(plans)

        def courier_day() -> None:
            while True:
                with lock:
                    if not queue:
                        return
                    token, batches = queue.pop()
                for events in batches:
                    started = time.perf_counter()
                    status, body = http_json(
                        f"{base}/v1/courier/sync",
                        {"events": events},
                        {"Authorization": f"Bearer {token}"},
                    )
                    took = time.perf_counter() - started
                    with lock:
                        latencies.append(took)
                        if status != 200:
                            verdicts[f"http_{status}"] = verdicts.get(f"http_{status}", 0) + 1
                            continue
                        for verdict in body["verdicts"]:
                            key = verdict["status"] + (
                                f":{verdict['code']}" if verdict["code"] else ""
                            )
                            verdicts[key] = verdicts.get(key, 0) + 1

        load_before = os.getloadavg()
        workers = children(api.pid)
        backends = database_backends(engine)
        cpu_before = cpu_seconds(workers), cpu_seconds(backends)
        started = time.perf_counter()
        threads = [threading.Thread(target=courier_day) for _ in range(opts.parallel)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        wall = time.perf_counter() - started
        backends = sorted(set(backends) | set(database_backends(engine)))
        api_cpu = cpu_seconds(workers) - cpu_before[0]
        db_cpu = cpu_seconds(backends) - cpu_before[1]
        events = sum(len(b) for _, batches in plans for b in batches)
        with engine.connect() as connection:
            outcomes = connection.scalar(sa.text("SELECT count(*) FROM delivery_attempts"))
            delivered = connection.scalar(
                sa.text("SELECT count(*) FROM shipments WHERE state = 'delivered'")
            )
        latencies.sort()
        p99 = latencies[max(0, round(0.99 * len(latencies)) - 1)]
        rate = events / wall
        print(
            f"gunicorn -w {opts.workers} sync; PostgreSQL; {opts.couriers} couriers x "
            f"{opts.batches} batches of 500 events, {opts.parallel} uploading at once"
        )
        print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}")
        print(
            f"POST /v1/courier/sync  {rate:8.0f} events/s  {len(latencies) / wall:5.1f} batches/s  "
            f"batch p50 {statistics.median(latencies) * 1000:6.0f} ms  p99 {p99 * 1000:6.0f} ms"
        )
        per_core_s = events / (api_cpu + db_cpu)
        print(
            f"CPU: API workers {api_cpu:.1f} s, PostgreSQL {db_cpu:.1f} s for {events} events "
            f"= {per_core_s:.0f} events per CPU-second (2 dedicated cores: ~{2 * per_core_s:.0f}/s)"
        )
        goal = "met" if rate >= GOAL_EVENTS_PER_S else "NOT met"
        print(f"goal: >= {GOAL_EVENTS_PER_S} events/s: {goal}")
        print(f"verdicts: {json.dumps(verdicts, sort_keys=True)}")
        print(
            f"items {len(plans) * items}; outcomes stored {outcomes} "
            f"(delivered {delivered}); events sent {events}"
        )
    finally:
        tear_down(api, engine, admin, db_url, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
