"""POST /v1/pickups under gunicorn on PostgreSQL: req/s and latency (goal: >= 300 req/s,
p99 < 150 ms on the 2-core machine).

    .venv/bin/python bench/pickups.py [--duration 20] [--connections 16] [--workers 4]

A scratch database with the demo city; a citizen (fake WeChat) orders an express pickup
with one parcel per request, each with its own Idempotency-Key, so every request creates
an order, its task, a shipment with a waybill, a custody event and an outbox event. Prints
figures (with the load average, and the CPU the API's workers and the database spent per
request, which moves less with what else runs on the machine) and checks that every 2xx
made exactly one order; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import uuid

import sqlalchemy as sa
from bodies import RECIPIENT, SENDER
from harness import (
    DEFAULT_BASE_URL,
    UNIQUE_KEY_POST,
    api_env,
    children,
    cpu_seconds,
    create_database,
    database_backends,
    flask,
    http_json,
    lua,
    scratch_dir,
    start_api,
    tear_down,
    wrk,
)

GOAL_RPS, GOAL_P99_MS = 300, 150
# In the demo city: pickup in the urban station's area, recipient in the fringe's.
ORDER = {
    "product": "express",
    "pickup": SENDER,
    "parcels": [
        {
            "recipient": RECIPIENT,
            "weight_g": 1500,
            "declared_value_fen": 50_000,
            "insured_amount_fen": 50_000,
        }
    ],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    opts = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed; install it with:  apt-get install -y wrk", file=sys.stderr)
        return 2
    admin, db_url = create_database(DEFAULT_BASE_URL)
    engine = sa.create_engine(db_url)
    work = scratch_dir()
    api = None
    try:
        env = api_env(db_url, work, opts.workers)
        flask(["db", "upgrade"], env)
        flask(["seed-demo"], env)
        api, base = start_api(env, opts.workers, work)
        status, tokens = http_json(f"{base}/v1/auth/wechat/login", {"code": "demo-bench"})
        if status != 200:
            sys.exit(f"citizen login failed: {status} {tokens}")

        def script() -> list[str]:
            body = json.dumps(ORDER, ensure_ascii=False).replace("'", "\\'")
            return [
                "-s",
                lua(
                    work,
                    UNIQUE_KEY_POST,
                    token=tokens["access_token"],
                    prefix=uuid.uuid4().hex[:12],
                    path="/v1/pickups",
                    body=body,
                ),
            ]

        def orders() -> int:
            with engine.connect() as connection:
                return connection.scalar(sa.text("SELECT count(*) FROM pickup_orders"))

        before = orders()
        warm = wrk("warm-up", f"{base}/v1/pickups", opts, opts.warmup, script())
        load_before = os.getloadavg()
        workers, backends = children(api.pid), database_backends(engine)
        cpu_before = cpu_seconds(workers), cpu_seconds(backends)
        result = wrk("POST /v1/pickups", f"{base}/v1/pickups", opts, opts.duration, script())
        api_cpu = cpu_seconds(workers) - cpu_before[0]
        db_cpu = cpu_seconds(backends) - cpu_before[1]
        load_after = os.getloadavg()
        time.sleep(1)
        made = orders() - before
        print(
            f"wrk -t{opts.threads} -c{opts.connections} -d{opts.duration}s --latency "
            f"(after a {opts.warmup}s warm-up); gunicorn -w {opts.workers} sync; PostgreSQL"
        )
        print(
            "load average (1, 5, 15 min) before: "
            + " ".join(f"{x:.2f}" for x in load_before)
            + ", after: "
            + " ".join(f"{x:.2f}" for x in load_after)
        )
        print(
            f"POST /v1/pickups  {result.rps:8.1f} req/s  p50 {result.p50_ms:6.1f} ms  "
            f"p99 {result.p99_ms:6.1f} ms  errors {result.errors}"
        )
        served = max(result.ok, 1)
        print(
            f"CPU per request: API workers {api_cpu / served * 1000:.2f} ms, PostgreSQL "
            f"{db_cpu / served * 1000:.2f} ms ({result.ok} answered 2xx)"
        )
        met = result.rps >= GOAL_RPS and result.p99_ms < GOAL_P99_MS
        print(
            f"goal: >= {GOAL_RPS} req/s with p99 < {GOAL_P99_MS} ms: {'met' if met else 'NOT met'}"
        )
        print(
            f"orders created {made}; 2xx answered {warm.ok + result.ok} "
            f"(warm-up {warm.ok} + measured {result.ok}); difference "
            f"{made - warm.ok - result.ok:+d} (requests in flight when wrk stopped)"
        )
    finally:
        tear_down(api, engine, admin, db_url, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
