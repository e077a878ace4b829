"""The courier's task-list poll under gunicorn on PostgreSQL: server CPU per 304 poll
(goal: API worker + PostgreSQL CPU < 1 ms a poll), against full 200 answers.

    .venv/bin/python bench/poll.py [--couriers 50] [--rounds 3] [--duration 10] [--warmup 3]
        [--connections 16] [--threads 2] [--workers 4] [--floor] [--in-process 2000]

A scratch database with a test city; each courier holds three delivery tasks (loaded
through POST /v1/handovers) and one pickup offered to them. Every courier reads
GET /v1/courier/tasks once and keeps its ETag; then wrk polls the list, each request as the
next courier in turn: with If-None-Match = that courier's ETag (304, no body) or without it
(200, the full list), alternating 304 and 200 runs (`--rounds` pairs, after a discarded
warm-up of each; `--floor` adds GET /healthz, no auth and no database, to each round as
what any request costs). For each run: req/s, p50/p99, the answers' statuses, and the CPU
seconds the gunicorn workers and the database's backends spent during the run, divided
by the polls. `--in-process N` also serves N polls of each kind through the app's WSGI
callable in this process, one at a time, each round: this process's CPU plus the
database's, per poll, which a shared machine's load moves less than the gunicorn figure
(no sockets, no gunicorn, no competing workers). Prints one JSON object with every run
and the medians; asserts nothing.
Targets 127.0.0.1 only; `BENCH_DATABASE_URL` picks the PostgreSQL server, where a scratch
database is made and dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
import urllib.request
from datetime import timedelta
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
    lua,
    scratch_dir,
    start_api,
    tear_down,
    wrk,
)
from sync import _login_and_load

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_CPU_MS = 1.0
DELIVERIES = 3  # delivery tasks a courier holds, besides the one pickup on offer
PATH = "/v1/courier/tasks"

# Each request is the next courier's poll (threads start at different couriers); the
# statuses seen are written to a file, so a 304 run that got 200s does not pass unseen.
POLL = """
local pollers = { %(pollers)s }
local conditional = %(conditional)s
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
codes = {}
local n = 0
function init(args)
  n = tid * 7919
end
function request()
  n = n + 1
  local p = pollers[(n %% #pollers) + 1]
  local headers = {}
  if p[1] ~= "" then headers["Authorization"] = "Bearer " .. p[1] end
  if conditional then headers["If-None-Match"] = p[2] end
  return wrk.format("GET", "%(path)s", headers)
end
function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end
function done(summary, latency, requests)
  local out = io.open("%(out)s", "w")
  out:write("bytes ", summary.bytes, "\\n")
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("codes")) do
      out:write(status, " ", count, "\\n")
    end
  end
  out:close()
end
"""


def _prepare(db_url: str, env: dict[str, str], couriers: int) -> dict[str, list[str]]:
    """`couriers` couriers at station A, each with a pickup on offer and DELIVERIES
    shipments waiting at the station for them; returns their waybills by employee number."""
    os.environ.update(env)
    from courier_api import create_app
    from courier_api.core import clock
    from courier_api.extensions import db
    from courier_api.tasks import service as tasks
    from tests import factories

    app = create_app({"SQLALCHEMY_DATABASE_URI": db_url, "LOG_LEVEL": "WARNING"})
    waybills: dict[str, list[str]] = {}
    with app.app_context():
        world = factories.build_world()
        now = clock.now()
        station = world.stations["A"]
        for n in range(couriers):
            name, employee_no = f"poller {n}", f"P{n:04d}"
            factories.make_courier(world, name, "A", employee_no)
            pickup = factories.make_shipments(world, 1, state="awaiting_pickup")
            task = tasks.create_task(
                tasks.TaskSpec(
                    kind="pickup",
                    station_id=station,
                    place=tasks.Place(address=f"中山市孙文中路{n}号", lat=22.52, lng=113.38),
                    window=(now, now + timedelta(hours=1)),
                    shipments=pickup,
                    promise_start=now,
                    deadline=now + timedelta(minutes=60),
                )
            )
            db.session.flush()
            # Far longer than a run: an offer expiring mid-run would change the list.
            courier = world.couriers[name]
            tasks.offer(task, courier_id=courier, offered_by="bench", ttl=timedelta(hours=3))
            loads = factories.make_shipments(
                world, DELIVERIES, state="at_station", holder=("station", station)
            )
            waybills[employee_no] = [s.waybill for s in loads]
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return waybills


def _app(env: dict[str, str], db_url: str):
    """The API as gunicorn's workers run it, in this process (`--in-process`)."""
    os.environ.update(env)
    from courier_api import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": db_url, "LOG_LEVEL": "WARNING"})


def _poller(base: str, employee_no: str, waybills: list[str]) -> tuple[str, str]:
    """Log the courier in, load their deliveries (as sync.py does), read the list once:
    (token, ETag)."""
    token, _ = _login_and_load(base, employee_no, waybills)
    request = urllib.request.Request(base + PATH, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        listed = json.loads(answer.read())
        etag = answer.headers["ETag"]
    if len(listed["items"]) != DELIVERIES + 1 or not etag:
        sys.exit(f"unexpected task list for {employee_no}: {etag} {str(listed)[:300]}")
    return token, etag


def _script(
    work: Path, mode: str, pollers: list[tuple[str, str]], path: str = PATH
) -> tuple[str, Path]:
    """wrk's Lua script for a mode, and the file its statuses are written to."""
    out = work / f"codes-{mode}.txt"
    rows = ", ".join(f"{{'{token}', '{etag}'}}" for token, etag in pollers)
    conditional = "true" if mode == "304" else "false"
    script = lua(work, POLL, pollers=rows, conditional=conditional, path=path, out=str(out))
    return script, out


def _run(mode: str, opts, scripts: dict, api_pid: int, engine: sa.Engine) -> dict:
    """One timed wrk run and the server CPU it cost."""
    script, out, url = scripts[mode]
    load = os.getloadavg()[0]
    workers, backends = children(api_pid), database_backends(engine)
    before = cpu_seconds(workers), cpu_seconds(backends)
    result = wrk(mode, url, opts, opts.duration, ["-s", script])
    # A backend that connected during the run started at 0 CPU seconds: all of it counts.
    backends = sorted(set(backends) | set(database_backends(engine)))
    api_cpu = cpu_seconds(workers) - before[0]
    db_cpu = cpu_seconds(backends) - before[1]
    counts: dict[str, int] = {}
    for line in out.read_text().splitlines():  # one line per thread and status
        key, count = line.split()
        counts[key] = counts.get(key, 0) + int(count)
    polls = max(result.requests, 1)
    return {
        "mode": mode,
        "load_1min": round(load, 2),
        "polls": result.requests,
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p99_ms": round(result.p99_ms, 2),
        "statuses": {k: v for k, v in counts.items() if k != "bytes"},
        "socket_errors": result.socket_errors,
        "bytes_per_answer": round(counts["bytes"] / polls),
        "api_cpu_ms": round(1000 * api_cpu / polls, 3),
        "db_cpu_ms": round(1000 * db_cpu / polls, 3),
        "cpu_ms_per_poll": round(1000 * (api_cpu + db_cpu) / polls, 3),
    }


def _in_process(app, mode: str, pollers: list[tuple[str, str]], polls: int, engine) -> dict:
    """`polls` requests of a mode through the app's WSGI callable in this process: the
    CPU this process and the database's backends spent, per poll."""
    from werkzeug.test import EnvironBuilder

    path = "/healthz" if mode == "healthz" else PATH
    environs = []
    for token, etag in pollers:
        headers = {} if mode == "healthz" else {"Authorization": f"Bearer {token}"}
        if mode == "304":
            headers["If-None-Match"] = etag
        environs.append(EnvironBuilder(path=path, headers=headers).get_environ())
    statuses: dict[str, int] = {}

    def start_response(status: str, headers: list, exc_info=None) -> None:
        code = status.split()[0]
        statuses[code] = statuses.get(code, 0) + 1

    backends = database_backends(engine)
    before = time.process_time(), cpu_seconds(backends)
    for n in range(polls):
        for _ in app.wsgi_app(dict(environs[n % len(environs)]), start_response):
            pass
    api_cpu = time.process_time() - before[0]
    db_cpu = cpu_seconds(sorted(set(backends) | set(database_backends(engine)))) - before[1]
    return {
        "mode": f"in-process {mode}",
        "load_1min": round(os.getloadavg()[0], 2),
        "polls": polls,
        "statuses": statuses,
        "api_cpu_ms": round(1000 * api_cpu / polls, 3),
        "db_cpu_ms": round(1000 * db_cpu / polls, 3),
        "cpu_ms_per_poll": round(1000 * (api_cpu + db_cpu) / polls, 3),
    }


def _medians(runs: list[dict], mode: str) -> dict:
    mine = [r for r in runs if r["mode"] == mode]
    keys = ("rps", "p50_ms", "p99_ms", "api_cpu_ms", "db_cpu_ms", "cpu_ms_per_poll")
    return {k: round(statistics.median(r[k] for r in mine), 3) for k in keys if k in mine[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--couriers", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="304/200 pairs of timed runs")
    parser.add_argument("--duration", type=int, default=10, help="seconds per timed run")
    parser.add_argument("--warmup", type=int, default=3, help="discarded seconds per mode")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also time GET /healthz each round (no auth, no database): the stack's floor",
    )
    parser.add_argument(
        "--in-process",
        type=int,
        default=0,
        metavar="N",
        help="also serve N polls of each kind through the app in this process, each round",
    )
    opts = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed; install it with:  apt-get install -y wrk", file=sys.stderr)
        return 2
    admin, db_url = create_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_BASE_URL))
    engine = sa.create_engine(db_url)
    work = scratch_dir()
    api = None
    try:
        # Every courier logs in from 127.0.0.1: the per-address login limit is lifted.
        env = api_env(db_url, work, opts.workers, RATE_LIMIT_LOGIN_IP="100000/60")
        flask(["db", "upgrade"], env)
        waybills = _prepare(db_url, env, opts.couriers)
        api, base = start_api(env, opts.workers, work)
        pollers = [_poller(base, no, mine) for no, mine in waybills.items()]
        scripts = {mode: (*_script(work, mode, pollers), base + PATH) for mode in ("304", "200")}
        if opts.floor:
            floor = _script(work, "healthz", [("", "")], "/healthz")
            scripts["healthz"] = (*floor, base + "/healthz")
        app = _app(env, db_url) if opts.in_process else None
        load_before = os.getloadavg()
        for mode in scripts:
            print(f"... {mode}: {opts.warmup}s warm-up", file=sys.stderr, flush=True)
            wrk(mode, scripts[mode][2], opts, opts.warmup, ["-s", scripts[mode][0]])
            if app:
                _in_process(app, mode, pollers, len(pollers), engine)
        runs = []
        for n in range(opts.rounds):
            for mode in scripts:
                print(f"... round {n + 1} {mode}: {opts.duration}s", file=sys.stderr, flush=True)
                runs.append(_run(mode, opts, scripts, api.pid, engine))
            for mode in scripts if app else ():
                runs.append(_in_process(app, mode, pollers, opts.in_process, engine))
        medians = {mode: _medians(runs, mode) for mode in dict.fromkeys(r["mode"] for r in runs)}
        summary = {
            "bench": "poll",
            "endpoint": f"GET {PATH}",
            "couriers": opts.couriers,
            "tasks_per_courier": DELIVERIES + 1,
            "server": f"gunicorn -w {opts.workers} sync; PostgreSQL",
            "wrk": f"-t{opts.threads} -c{opts.connections} -d{opts.duration}s --latency",
            "warmup_s": opts.warmup,
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "runs": runs,
            "medians": medians,
            "goal_cpu_ms_per_304": GOAL_CPU_MS,
            "goal_met": medians["304"]["cpu_ms_per_poll"] < GOAL_CPU_MS,
            "cpu_share_304_of_200": round(
                medians["304"]["cpu_ms_per_poll"] / medians["200"]["cpu_ms_per_poll"], 3
            ),
        }
        print(json.dumps(summary, indent=2))
    finally:
        tear_down(api, engine, admin, db_url, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
