"""1,000 claims filed and decided through the API under gunicorn on PostgreSQL: req/s and
latency for filing (POST /v1/claims), taking for review and deciding (If-Match).

    .venv/bin/python bench/claims.py [--claims 1000] [--threads 16] [--workers 4]

A scratch database with the demo city. Setup (not measured): a citizen orders pickups of
insured parcels through the API, 200 parcels an order; the courier's collection is then
marked in SQL (the handheld flow is benched elsewhere), so every parcel is posted. The
driver is Python threads on the same two cores, one request per connection (gunicorn's
sync workers close each). Prints figures and checks every claim ended decided; it
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa
from harness import demo_api, http_json
from pickups import ORDER

PARCELS_PER_ORDER = 200


def call(
    method: str, url: str, body: dict | None, headers: dict[str, str]
) -> tuple[int, dict, dict[str, str], float]:
    """One request; (status, JSON body, headers, seconds)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json", **headers}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw, answer_headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        status, raw, answer_headers = exc.code, exc.read(), exc.headers
    elapsed = time.perf_counter() - started
    return status, json.loads(raw or b"{}"), dict(answer_headers), elapsed


class Phase:
    """Latencies and failures of one kind of request, run over a thread pool."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.latencies: list[float] = []
        self.failures: dict[int, int] = {}
        self.seconds = 0.0
        self._lock = threading.Lock()

    def record(self, status: int, elapsed: float, ok: int) -> bool:
        with self._lock:
            self.latencies.append(elapsed)
            if status != ok:
                self.failures[status] = self.failures.get(status, 0) + 1
        return status == ok

    def run(self, items: list, work: Callable, threads: int) -> list:
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(work, items))
        self.seconds = time.perf_counter() - started
        return results

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        p50 = statistics.median(ordered) * 1000
        rps = len(ordered) / self.seconds
        return (
            f"{self.name:<34} {len(ordered):5d} req  {rps:7.1f} req/s  p50 {p50:6.1f} ms  "
            f"p99 {p99:6.1f} ms  failures {self.failures or 0}"
        )


def staff_password(work: Path, username: str) -> str:
    logins = json.loads((work / "instance" / "demo-credentials.json").read_text())["logins"]
    return next(e["fields"]["password"] for e in logins if e["fields"].get("username") == username)


def make_posted_parcels(base: str, engine: sa.Engine, citizen: dict[str, str], count: int) -> list:
    parcel = ORDER["parcels"][0]
    order = {**ORDER, "parcels": [parcel] * PARCELS_PER_ORDER}
    for _ in range(-(-count // PARCELS_PER_ORDER)):
        status, body = http_json(
            f"{base}/v1/pickups", order, {**citizen, "Idempotency-Key": uuid.uuid4().hex}
        )
        if status != 201:
            sys.exit(f"ordering pickups failed: {status} {body}")
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE shipments SET state = 'picked_up'"))
        return list(connection.scalars(sa.text("SELECT id FROM shipments ORDER BY id")))[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    opts = parser.parse_args()
    with demo_api(opts.workers) as api:
        base, engine = api.base, api.engine
        _, tokens = http_json(f"{base}/v1/auth/wechat/login", {"code": "demo-bench"})
        citizen = {"Authorization": f"Bearer {tokens['access_token']}"}
        password = staff_password(api.work, "adjuster")
        _, staff = http_json(
            f"{base}/v1/auth/staff/login", {"username": "adjuster", "password": password}
        )
        adjuster = {"Authorization": f"Bearer {staff['access_token']}"}
        shipment_ids = make_posted_parcels(base, engine, citizen, opts.claims)

        filing = Phase("POST /v1/claims (Idempotency-Key)")

        def file(shipment_id: str) -> str | None:
            body = {"shipment_id": shipment_id, "kind": "loss", "claimed_fen": 30_000}
            headers = {**citizen, "Idempotency-Key": uuid.uuid4().hex}
            status, answer, _, elapsed = call("POST", f"{base}/v1/claims", body, headers)
            return answer["id"] if filing.record(status, elapsed, 201) else None

        claim_ids = [c for c in filing.run(shipment_ids, file, opts.threads) if c]

        reviewing = Phase("POST /v1/claims/{id}/review")
        deciding = Phase("POST /v1/claims/{id}/decide (If-Match)")

        def review_and_decide(claim_id: str) -> None:
            url = f"{base}/v1/claims/{claim_id}"
            status, _, headers, elapsed = call("POST", f"{url}/review", None, adjuster)
            if not reviewing.record(status, elapsed, 200):
                return
            body = {"cause": "carrier", "actual_loss_fen": 30_000, "reason": "Not found."}
            status, _, _, elapsed = call(
                "POST", f"{url}/decide", body, {**adjuster, "If-Match": headers["ETag"]}
            )
            deciding.record(status, elapsed, 200)

        # Review and decide interleave, as adjusters work: both are timed over one run, so
        # each line's req/s is that kind's share of the mixed load.
        reviewing.run(claim_ids, review_and_decide, opts.threads)
        deciding.seconds = reviewing.seconds
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT status, count(*) FROM claims GROUP BY 1"))
            outcome = {status: count for status, count in rows}
        load = os.getloadavg()
        print(
            f"{opts.claims} claims; gunicorn -w {opts.workers} sync; PostgreSQL; Python driver "
            f"with {opts.threads} threads on the same machine; load average {load[0]:.1f}"
        )
        print(filing.line())
        print(reviewing.line())
        print(deciding.line())
        print(
            f"review + decide together: {len(claim_ids) * 2 / reviewing.seconds:.1f} req/s; "
            f"claims by status: {outcome}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
