"""A hospital's day under gunicorn on PostgreSQL: kiosk orders per second and their
latency, then the time to build and scan a hand-over run of 2,000 items.

    .venv/bin/python bench/hospital_day.py [--orders 10000] [--windows 5] [--clients 16]

A scratch database with the demo city. The demo hospital gets `--windows` dispensing
windows (pickup points with runs at 11:00 and 16:00); its kiosk (a signed API client)
posts `--orders` prescription deliveries through the API, spread over the windows, from
`--clients` concurrent connections, as fast as the server takes them (a real day is
10,000 orders over 8 hours: 0.35 orders/s; this measures the headroom, with the
per-client rate limit lifted). Then the
worker's job builds each window's run (10,000 / 5 = 2,000 items each), and for one run
a courier scans every item (`POST /v1/courier/tasks/{id}/pickup`), signs, and the clerk
countersigns (custody for every item), each through the API. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import sqlalchemy as sa
from bodies import PATIENT
from harness import (
    DEFAULT_BASE_URL,
    api_env,
    create_database,
    drop_database,
    flask,
    http_json,
    scratch_dir,
    start_api,
    stop,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courier_api import create_app
from courier_api.core import clock
from courier_api.core.ids import new_id
from courier_api.extensions import db
from courier_api.hospital.models import Collection, HospitalRun
from courier_api.hospital.runs import build_due_runs
from courier_api.identity.models import Courier
from courier_api.network.models import Organisation, PickupPoint
from courier_api.signing import signed_headers
from courier_api.tasks import service as tasks

SIGNATURE = {
    "width": 300,
    "height": 100,
    "strokes": [[[10, 10, 0], [20, 20, 16], [30, 25, 32]], [[40, 30, 60], [50, 20, 76]]],
}


def _order(base: str, kiosk: dict[str, str], n: int, window: str) -> tuple[int, float]:
    body = json.dumps(
        {
            "channel": "kiosk",
            "reference_no": f"RX{n:08d}",
            "pickup_point_id": window,
            "recipient": PATIENT,
            "items": [{"name": "阿莫西林胶囊", "quantity": 2}],
            "declared_value_fen": 8_000,
        },
        ensure_ascii=False,
    ).encode()
    headers = signed_headers(
        kiosk["key_id"], kiosk["secret"], "POST", "/v1/hospital/deliveries", body
    )
    headers |= {"Content-Type": "application/json", "Idempotency-Key": f"bench-{n}"}
    request = urllib.request.Request(
        f"{base}/v1/hospital/deliveries", data=body, headers=headers, method="POST"
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, (time.perf_counter() - started) * 1000


def _orders(base: str, kiosk: dict[str, str], windows: list[str], count: int, clients: int):
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    numbers = iter(range(count))

    def client() -> None:
        while True:
            with lock:
                n = next(numbers, None)
            if n is None:
                return
            status, ms = _order(base, kiosk, n, windows[n % len(windows)])
            with lock:
                latencies.append(ms)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, sorted(latencies), statuses


def _login(base: str, path: str, fields: dict[str, str]) -> dict[str, str]:
    status, body = http_json(f"{base}{path}", fields)
    if status != 200:
        sys.exit(f"login {path} failed: {status} {body}")
    return {"Authorization": f"Bearer {body['access_token']}"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--windows", type=int, default=5)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    opts = parser.parse_args()
    admin, db_url = create_database(DEFAULT_BASE_URL)
    work = scratch_dir()
    api = None
    try:
        # One kiosk may send 1,200 requests a minute (RATE_LIMIT_API_CLIENT); a real day
        # is far below it, and the bench measures the server, not that limit.
        env = api_env(db_url, work, opts.workers, RATE_LIMIT_API_CLIENT="1000000/60")
        flask(["db", "upgrade"], env)
        flask(["seed-demo"], env)
        logins = json.loads((work / "instance" / "demo-credentials.json").read_text())["logins"]
        by_who = {login["who"]: login["fields"] for login in logins}
        kiosk = next(f for w, f in by_who.items() if "门诊药房自助机" in w)
        courier_login = next(f for w, f in by_who.items() if w.startswith("courier"))
        clerk_login = next(f for w, f in by_who.items() if "clerk.hospital" in w)

        app = create_app(
            {
                "COURIER_ENV": "development",
                "SQLALCHEMY_DATABASE_URI": db_url,
                "INSTANCE_DIR": str(work / "instance"),
                "LOG_LEVEL": "WARNING",
            }
        )
        with app.app_context():
            hospital = db.session.scalars(
                sa.select(Organisation).where(Organisation.kind == "hospital")
            ).one()
            pharmacy = next(p for p in hospital.pickup_points if p.kind == "pharmacy")
            windows = [pharmacy.id]
            for number in range(2, opts.windows + 1):
                window = PickupPoint(
                    id=new_id("pp"),
                    kind="pharmacy",
                    name=f"门诊药房{number}号窗",
                    address=pharmacy.address,
                    lat=pharmacy.lat,
                    lng=pharmacy.lng,
                    station_id=pharmacy.station_id,
                    run_times=pharmacy.run_times,
                )
                hospital.pickup_points.append(window)
                windows.append(window.id)
            db.session.commit()

        api, base = start_api(env, opts.workers, work)
        seconds, latencies, statuses = _orders(base, kiosk, windows, opts.orders, opts.clients)
        ok = statuses.get(201, 0)
        print(
            f"kiosk orders: {opts.orders} in {seconds:.1f} s from {opts.clients} connections, "
            f"gunicorn -w {opts.workers} sync, PostgreSQL; load average "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        print(
            f"  {ok / seconds:.1f} orders/s  p50 {statistics.median(latencies):.1f} ms  "
            f"p99 {latencies[int(len(latencies) * 0.99) - 1]:.1f} ms  statuses {statuses}"
        )

        with app.app_context():
            due = db.session.scalar(sa.select(sa.func.max(Collection.due_at)))
            started = time.perf_counter()
            built = build_due_runs(clock.business_zone(), now=due)
            db.session.commit()
            build_s = time.perf_counter() - started
            sizes = [len(run.task.items) for run in built]
            run = built[0]
            courier = db.session.scalars(
                sa.select(Courier).where(Courier.employee_no == courier_login["employee_no"])
            ).one()
            # The dispatch engine would offer the run; here the courier simply takes it.
            tasks.take(run.task, courier_id=courier.id)
            tasks.arrive(run.task, courier_id=courier.id, at=run.scheduled_at)
            db.session.commit()
            run_id, task_id = run.id, run.task_id
            waybills = [item.waybill for item in run.task.items]
        print(
            f"runs built by the worker job: {len(sizes)} runs of {sizes} items in "
            f"{build_s:.2f} s ({build_s / len(sizes):.2f} s per run)"
        )

        courier_headers = _login(base, "/v1/auth/courier/login", courier_login)
        started = time.perf_counter()
        status, answer = http_json(
            f"{base}/v1/courier/tasks/{task_id}/pickup",
            {"items": [{"waybill": w} for w in waybills]},
            courier_headers,
        )
        scan_s = time.perf_counter() - started
        print(
            f"scan of the run ({len(waybills)} items, POST /v1/courier/tasks/{{id}}/pickup): "
            f"{scan_s:.2f} s, status {status}, accepted {len(answer.get('accepted', []))}"
        )
        started = time.perf_counter()
        sign = f"{base}/v1/hospital/runs/{run_id}/sign"
        status, _ = http_json(sign, {"signature": SIGNATURE}, courier_headers)
        courier_sign_s = time.perf_counter() - started
        clerk_headers = _login(base, "/v1/auth/staff/login", clerk_login)
        started = time.perf_counter()
        status2, _ = http_json(sign, {"signature": SIGNATURE}, clerk_headers)
        countersign_s = time.perf_counter() - started
        print(
            f"courier signs: {courier_sign_s:.2f} s (status {status}); clerk countersigns, "
            f"custody for every item: {countersign_s:.2f} s (status {status2})"
        )
        with app.app_context():
            runs = db.session.scalar(sa.select(sa.func.count()).select_from(HospitalRun))
            db.session.remove()
            db.engine.dispose()
        print(f"runs in the database: {runs}")
    finally:
        stop(api)
        drop_database(admin, db_url)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
