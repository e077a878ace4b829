"""Server CPU per request of each kind in the real client mix, in-process (issue #30).

    .venv/bin/python bench/load/endpoints.py [--requests 100] [--only deliver,sync]
                                             [--profile DIR] [--rounds 1]

The load run's fixtures (run.py: the demo city, couriers with loaded items, citizens with
an order, hospital kiosks) on a scratch PostgreSQL database and an empty Redis database;
then each kind of request the mix sends (locustfile.py, the same bodies), `--requests`
times through the app's WSGI callable in this process, one at a time. For each kind: the
CPU this process and the database's backends spent per request. Bodies, signatures and
keys are made before the clock starts, so the figure is the server's; what it leaves out
is gunicorn's accept, parse and close of a connection (about 0.3 ms a request on these
machines: bench/poll.py), the worker's share (outbox, rounds) and queueing.

The last line weighs the kinds by the mix's shares (locustfile.py): the in-process twin
of the load run's "server CPU per request", without its noise, to compare code against
code. `--profile DIR` writes a cProfile of each kind (`DIR/<kind>.prof`, for
`python -m pstats` or snakeviz; CPU time, not wall) and prints its top functions by own
time; `--statements` prints the SQL statements of each kind's last request and their
count a request (which costs the API and PostgreSQL alike).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import shutil
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))

import bodies  # noqa: E402
from harness import (  # noqa: E402
    DEFAULT_BASE_URL,
    analyze_as_autovacuum_would,
    api_env,
    cpu_seconds,
    create_database,
    database_backends,
    drop_database,
    flask,
    scratch_dir,
)
from run import (  # noqa: E402
    REDIS,
    _citizen_ready,
    _courier_ready,
    _flush_redis_db,
    _free_redis_db,
    _prepare,
)

#: Requests a second of each kind at the mix's shares (locustfile.py: citizens 50 %,
#: couriers 40 %, kiosks 10 %, split by task weights; a courier's accept mostly finds
#: nothing offered and sends positions instead; 95 % of task-list polls answer 304, as
#: in the load run of 2026-12-05).
SHARES = {
    "quote": 0.50 * 3 / 13,
    "order": 0.50 * 2 / 13,
    "read_order": 0.50 * 3 / 13,
    "list_orders": 0.50 * 1 / 13,
    "timeline": 0.50 * 2 / 13,
    "track": 0.50 * 2 / 13,
    "prescription": 0.10 * 3 / 4,
    "read_prescription": 0.10 * 1 / 4,
    "locations": 0.40 * 9 / 17,
    "tasks_304": 0.40 * 3 / 17 * 0.95,
    "tasks_200": 0.40 * 3 / 17 * 0.05,
    "one_task": 0.40 * 1 / 17,
    "deliver": 0.40 * 3 / 17,
    "sync": 0.40 * 1 / 17,
}
COURIERS, CITIZENS = 4, 8
#: Doors a sync batch holds (locustfile.py: 5-25).
SYNC_DOORS = (5, 25)


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None


class InProcess:
    """Requests through the app's WSGI callable; statuses counted."""

    def __init__(self, app) -> None:
        from werkzeug.test import EnvironBuilder

        self.app, self.builder, self.statuses = app, EnvironBuilder, {}

    def environ(self, call: Call) -> dict:
        return self.builder(
            path=call.path, method=call.method, headers=call.headers, data=call.body
        ).get_environ()

    def run(self, environ: dict) -> tuple[int, bytes, dict[str, str]]:
        seen: dict = {}

        def start_response(status: str, headers: list, exc_info=None) -> None:
            seen["status"], seen["headers"] = int(status.split()[0]), dict(headers)

        body = b"".join(self.app.wsgi_app(environ, start_response))
        self.statuses[seen["status"]] = self.statuses.get(seen["status"], 0) + 1
        return seen["status"], body, seen["headers"]

    def http_json(self, url: str, payload: dict, headers: dict | None = None):
        """run.py's `http_json`, in-process (for the fixtures)."""
        call = Call(
            "POST",
            url,
            {"Content-Type": "application/json", **(headers or {})},
            json.dumps(payload).encode(),
        )
        status, body, _ = self.run(self.environ(call))
        return status, json.loads(body or b"{}")


def _json(method: str, path: str, token: str, body: dict | None = None, **headers) -> Call:
    out = {"Authorization": f"Bearer {token}", **headers}
    if body is None:
        return Call(method, path, out)
    out["Content-Type"] = "application/json"
    return Call(method, path, out, json.dumps(body, ensure_ascii=False).encode())


def _calls(kind: str, n: int, world: dict, wire: InProcess, rng: random.Random) -> list[Call]:
    """`n` requests of a kind, made now (before the clock starts); the i-th comes from the
    i-th citizen or courier in turn."""
    if kind in ("prescription", "read_prescription"):
        return _kiosk_calls(kind, n, world, wire, rng)
    citizens, couriers = world["citizens"], world["couriers"]

    def as_citizen(i: int, method: str, path: str, body: dict | None = None, **headers) -> Call:
        return _json(method, path, citizens[i % len(citizens)]["token"], body, **headers)

    def as_courier(i: int, method: str, path: str, body: dict | None = None, **headers) -> Call:
        return _json(method, path, couriers[i % len(couriers)]["token"], body, **headers)

    def shipment(i: int) -> list:
        return rng.choice(citizens[i % len(citizens)]["shipments"])

    def quoted(i: int) -> Call:
        token = citizens[i % len(citizens)]["token"]
        _, quote = wire.http_json(
            "/v1/quotes", bodies.quote(rng), {"Authorization": f"Bearer {token}"}
        )
        key = {"Idempotency-Key": f"load-{uuid.uuid4().hex}"}
        return as_citizen(i, "POST", "/v1/pickups", {"quote_id": quote["id"]}, **key)

    def polled(i: int) -> Call:
        path = "/v1/courier/tasks?limit=50"
        if kind == "tasks_200":
            return as_courier(i, "GET", path)
        _, _, answered = wire.run(wire.environ(as_courier(i, "GET", path)))
        return as_courier(i, "GET", path, **{"If-None-Match": answered["ETag"]})

    def offline(i: int) -> Call:
        me = couriers[i % len(couriers)]
        doors = [me["tasks"].pop() for _ in range(rng.randint(*SYNC_DOORS))]
        events = bodies.offline_doors(rng, doors, tuple(me["at"]))
        return as_courier(i, "POST", "/v1/courier/sync", {"events": events})

    last4 = bodies.RECIPIENT["phone"][-4:]
    make = {
        "quote": lambda i: as_citizen(i, "POST", "/v1/quotes", bodies.quote(rng)),
        "order": quoted,
        "read_order": lambda i: as_citizen(
            i, "GET", f"/v1/pickups/{rng.choice(citizens[i % len(citizens)]['pickups'])}"
        ),
        "list_orders": lambda i: as_citizen(i, "GET", "/v1/pickups?limit=20"),
        "timeline": lambda i: as_citizen(i, "GET", f"/v1/shipments/{shipment(i)[0]}/timeline"),
        "track": lambda i: Call("GET", f"/v1/track/{shipment(i)[1]}?phone_last4={last4}", {}),
        "locations": lambda i: as_courier(
            i, "POST", "/v1/courier/locations", bodies.pings(rng, couriers[i % len(couriers)]["at"])
        ),
        "tasks_200": polled,
        "tasks_304": polled,
        "one_task": lambda i: as_courier(
            i, "GET", f"/v1/courier/tasks/{rng.choice(couriers[i % len(couriers)]['tasks'])[0]}"
        ),
        "deliver": lambda i: as_courier(
            i,
            "POST",
            f"/v1/courier/tasks/{couriers[i % len(couriers)]['tasks'].pop()[0]}/deliver",
            bodies.delivery(rng),
        ),
        "sync": offline,
    }[kind]
    return [make(i) for i in range(n)]


def _kiosk_calls(kind: str, n: int, world: dict, wire: InProcess, rng: random.Random) -> list[Call]:
    from courier_api import signing

    kiosk = world["kiosks"][0]

    def signed(method: str, path: str, raw: bytes, **headers) -> Call:
        return Call(
            method,
            path,
            {
                **signing.signed_headers(kiosk["key_id"], kiosk["secret"], method, path, raw),
                **headers,
            },
            raw or None,
        )

    def order() -> Call:
        reference, body = bodies.prescription(rng, world["pharmacy_windows"])
        raw = json.dumps(body, ensure_ascii=False).encode()
        return signed(
            "POST",
            "/v1/hospital/deliveries",
            raw,
            **{"Content-Type": "application/json", "Idempotency-Key": f"rx-{reference}"},
        )

    if not world.get("nonce_store_started"):
        # The replay store's epoch is its first use; a request signed in that second is
        # told `nonce_store_restarted` (docs/identity.md#nonces): start it, then wait.
        wire.run(wire.environ(signed("GET", "/v1/hospital/deliveries/none", b"")))
        time.sleep(1.1)
        world["nonce_store_started"] = True
    if kind == "prescription":
        return [order() for _ in range(n)]
    made = []
    for _ in range(min(n, 20)):
        status, body, _ = wire.run(wire.environ(order()))
        if status != 201:
            sys.exit(f"prescription order refused: {status} {body[:300]!r}")
        made.append(json.loads(body)["id"])
    return [signed("GET", f"/v1/hospital/deliveries/{rng.choice(made)}", b"") for _ in range(n)]


def _measure(
    kind: str, calls: list[Call], wire: InProcess, engine: sa.Engine, profile: Path | None
) -> dict:
    environs = [wire.environ(call) for call in calls]
    wire.statuses = {}
    backends = database_backends(engine)
    profiler = cProfile.Profile(time.process_time) if profile else None
    before = time.process_time(), cpu_seconds(backends)
    if profiler:
        profiler.enable()
    for environ in environs:
        wire.run(environ)
    if profiler:
        profiler.disable()
    app_cpu = time.process_time() - before[0]
    db_cpu = cpu_seconds(sorted(set(backends) | set(database_backends(engine)))) - before[1]
    if profiler:
        profiler.dump_stats(profile / f"{kind}.prof")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
        print(f"--- {kind}: top functions by own time (cProfile)\n{out.getvalue()[-2500:]}")
    n = len(calls)
    return {
        "kind": kind,
        "requests": n,
        "statuses": dict(wire.statuses),
        "app_ms": 1000 * app_cpu / n,
        "db_ms": 1000 * db_cpu / n,
    }


def _print_statements(kind: str, call: Call, wire: InProcess) -> None:
    """The statements of one more request of the kind, after the timed ones."""
    from courier_api.extensions import db

    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(" ".join(statement.split())[:300])

    with wire.app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        status, _, _ = wire.run(wire.environ(call))
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    print(f"--- {kind}: {len(seen)} statements (answered {status})")
    for statement in seen:
        print(f"    {statement}")


def _world(db_url: str, env: dict[str, str], wire_for: Callable, opts) -> tuple[dict, object]:
    # Items loaded: one a delivery, up to SYNC_DOORS[1] a sync batch; a courier loads at
    # most 2,000 in one hand-over, so more couriers for longer runs.
    needed = (
        opts.requests
        * opts.rounds
        * (("deliver" in opts.kinds) + SYNC_DOORS[1] * ("sync" in opts.kinds))
    )
    couriers = max(COURIERS, -(-needed // 1500))
    made = _prepare(db_url, env, couriers, 1, needed // couriers + 10)
    print(f"planner statistics: {analyze_as_autovacuum_would(db_url)}")
    from courier_api import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": db_url, "LOG_LEVEL": "WARNING"})
    wire = wire_for(app)
    couriers = [_courier_ready("", c, wire.http_json) for c in made["couriers"]]
    for courier in couriers:
        courier["at"] = [courier.pop("lat"), courier.pop("lng")]
    citizens = [_citizen_ready("", n, wire.http_json) for n in range(CITIZENS)]
    for citizen in citizens:  # a few orders each, to read and track
        for _ in range(3):
            _, quote = wire.http_json(
                "/v1/quotes",
                bodies.quote(random.Random()),
                {"Authorization": f"Bearer {citizen['token']}"},
            )
            _, order = wire.http_json(
                "/v1/pickups",
                {"quote_id": quote["id"]},
                {
                    "Authorization": f"Bearer {citizen['token']}",
                    "Idempotency-Key": uuid.uuid4().hex,
                },
            )
            citizen["pickups"].append(order["id"])
            citizen["shipments"] += [[s["id"], s["waybill"]] for s in order["shipments"]]
    world = {
        "couriers": couriers,
        "citizens": citizens,
        "kiosks": made["kiosks"],
        "pharmacy_windows": made["pharmacy_windows"],
    }
    return world, wire


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="requests of each kind")
    parser.add_argument("--rounds", type=int, default=1, help="times through every kind")
    parser.add_argument("--only", help="comma-separated kinds (default: all)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of each kind here")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--statements", action="store_true", help="print each kind's SQL statements"
    )
    opts = parser.parse_args()
    kinds = opts.kinds = opts.only.split(",") if opts.only else list(SHARES)
    if unknown := set(kinds) - set(SHARES):
        sys.exit(f"unknown kinds: {sorted(unknown)}; known: {sorted(SHARES)}")
    if opts.profile:
        opts.profile.mkdir(parents=True, exist_ok=True)

    redis_db = _free_redis_db()
    admin, db_url = create_database(DEFAULT_BASE_URL)
    work = scratch_dir()
    engine = sa.create_engine(db_url)
    try:
        env = api_env(
            db_url,
            work,
            1,
            REDIS_URL=f"{REDIS}/{redis_db}",
            RATE_LIMIT_LOGIN_IP="100000/60",
            RATE_LIMIT_WECHAT_LOGIN="100000/60",
            RATE_LIMIT_PUBLIC_TRACKING="100000/60",
            RATE_LIMIT_API_CLIENT="100000/60",
        )
        flask(["db", "upgrade"], env)
        flask(["seed-demo"], env)
        world, wire = _world(db_url, env, InProcess, opts)
        rng = random.Random(30)
        results: dict[str, list[dict]] = {kind: [] for kind in kinds}
        for _ in range(opts.rounds):
            for kind in kinds:
                calls = _calls(kind, opts.requests, world, wire, rng)
                # One request untimed first: a kind's first statements and imports.
                wire.run(wire.environ(calls.pop()))
                traced = calls.pop() if opts.statements else None
                results[kind].append(_measure(kind, calls, wire, engine, opts.profile))
                if traced:
                    _print_statements(kind, traced, wire)
        _report(results, opts)
    finally:
        engine.dispose()
        drop_database(admin, db_url)
        _flush_redis_db(redis_db)
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _report(results: dict[str, list[dict]], opts) -> None:
    print(
        f"\nin-process CPU per request (ms), {opts.requests} requests a kind x {opts.rounds} "
        f"round(s); load average {os.getloadavg()[0]:.2f}"
    )
    print(f"{'kind':<18} {'share':>6} {'app':>7} {'db':>6} {'total':>7} {'weighted':>8}  statuses")
    weighted = share_seen = 0.0
    rows = []
    for kind, runs in results.items():
        app = sorted(r["app_ms"] for r in runs)[len(runs) // 2]
        db = sorted(r["db_ms"] for r in runs)[len(runs) // 2]
        share = SHARES[kind]
        weighted += share * (app + db)
        share_seen += share
        statuses = {}
        for r in runs:
            for code, count in r["statuses"].items():
                statuses[code] = statuses.get(code, 0) + count
        print(
            f"{kind:<18} {share:6.1%} {app:7.2f} {db:6.2f} {app + db:7.2f} "
            f"{share * (app + db):8.3f}  {statuses}"
        )
        rows.append(
            {"kind": kind, "share": share, "app_ms": app, "db_ms": db, "statuses": statuses}
        )
    print(
        f"mix-weighted CPU per request over the kinds run ({share_seen:.0%} of the mix): "
        f"{weighted / share_seen:.2f} ms (API in-process + PostgreSQL; without gunicorn's "
        f"connection handling and the worker)"
    )
    if opts.json:
        opts.json.write_text(json.dumps({"rows": rows, "weighted_ms": weighted / share_seen}))


if __name__ == "__main__":
    sys.exit(main())
