"""What the API's stack costs on top of the work itself, measured against a bare floor.

    .venv/bin/python bench/overhead.py [--duration 20] [--connections 16] [--keep-db]

Creates a throwaway PostgreSQL database, migrates it, starts the API with the bench
routes (bench/app.py, gunicorn -w 4) and bench/floor_app.py (gunicorn -w 4), then runs wrk against
each endpoint in turn (a discarded warm-up first) and prints req/s, p50, p99, errors and
the API/floor ratios. Then `--rounds` pairs of short POST runs, API and floor alternating
(which goes first alternates too): the two-core machine's speed drifts by a quarter from
minute to minute, so two 20 s runs a minute apart can put the ratio anywhere from 30 % to
42 %; adjacent short runs share the drift, and their median ratio moves far less. With
each the workers' CPU per request. It prints figures; it asserts nothing. Targets
127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import uuid

import sqlalchemy as sa
from harness import (
    BIN,
    DEFAULT_BASE_URL,
    HOST,
    REPO,
    UNIQUE_KEY_POST,
    Result,
    api_env,
    children,
    cpu_seconds,
    create_database,
    drop_database,
    flask,
    free_port,
    http_json,
    lua,
    scratch_dir,
    start,
    start_api,
    stop,
    wait_until_up,
    wrk,
)

#: The bar the API must clear: idempotent POST req/s >= this share of the floor's.
POST_BAR, POST_AIM = 0.40, 0.50


PLAIN_POST = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"body": "a bench note"}'
"""


def create_bench_table(engine: sa.Engine) -> None:
    # The table's one definition lives with the bench routes, outside db.metadata.
    from app import bench_notes

    with engine.begin() as connection:
        connection.execute(sa.schema.CreateTable(bench_notes, if_not_exists=True))


def count_notes(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(sa.text("SELECT count(*) FROM bench_notes"))


# --- the run -----------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of discarded warm-up")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per server")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved POST pairs (0: none)")
    parser.add_argument("--round-seconds", type=int, default=5)
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    return parser.parse_args()


def main() -> int:
    opts = parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed; install it with:  apt-get install -y wrk", file=sys.stderr)
        return 2
    admin, db_url = create_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_BASE_URL))
    engine = sa.create_engine(db_url)
    servers: list[subprocess.Popen] = []
    work = scratch_dir()
    try:
        env = api_env(db_url, work, opts.workers)
        flask(["db", "upgrade"], env)
        create_bench_table(engine)
        created = flask(
            ["create-staff", "--username", "bench", "--name", "Bench", "--role", "admin"], env
        )
        password = re.search(r"password: (\S+)", created).group(1)

        api, api_base = start_api(env, opts.workers, work, app="bench.app:create_bench_app()")
        servers.append(api)
        floor_port = free_port()
        floor_log = work / "floor.log"
        # cwd bench/: no gunicorn.conf.py there, so the floor runs on gunicorn's defaults.
        floor = start(
            [
                str(BIN / "gunicorn"),
                "-w",
                str(opts.workers),
                "-k",
                "sync",
                "-b",
                f"{HOST}:{floor_port}",
                "floor_app:app",
            ],
            env,
            REPO / "bench",
            floor_log,
        )
        servers.append(floor)
        floor_base = f"http://{HOST}:{floor_port}"
        wait_until_up(f"{floor_base}/floor/ping", floor, floor_log)

        status, tokens = http_json(
            f"{api_base}/v1/auth/staff/login", {"username": "bench", "password": password}
        )
        if status != 200:
            sys.exit(f"login failed: {status} {tokens}")
        token = tokens["access_token"]
        auth = ["-H", f"Authorization: Bearer {token}"]

        def post_script() -> list[str]:
            # A fresh prefix per wrk run: warm-up keys must not be replayed by the real run.
            script = lua(
                work,
                UNIQUE_KEY_POST,
                token=token,
                prefix=uuid.uuid4().hex[:12],
                path="/v1/bench/notes",
                body='{"body": "a bench note"}',
            )
            return ["-s", script]

        plain_post = ["-s", lua(work, PLAIN_POST)]
        plans = [
            ("API GET  /v1/bench/whoami", f"{api_base}/v1/bench/whoami", lambda: auth, False),
            ("API POST /v1/bench/notes", f"{api_base}/v1/bench/notes", post_script, True),
            ("floor POST /floor/notes", f"{floor_base}/floor/notes", lambda: plain_post, True),
            ("floor GET  /floor/ping", f"{floor_base}/floor/ping", lambda: [], False),
        ]
        results: list[Result] = []
        row_checks: list[tuple[str, int, Result, Result]] = []
        for name, url, extra, writes in plans:
            before = count_notes(engine)
            print(f"... {name}: {opts.warmup}s warm-up, {opts.duration}s measured", flush=True)
            warm = wrk(name, url, opts, opts.warmup, extra())
            result = wrk(name, url, opts, opts.duration, extra())
            results.append(result)
            if writes:
                time.sleep(1)  # let requests still in flight when wrk stopped finish
                row_checks.append((name, count_notes(engine) - before, warm, result))

        report(results, row_checks, opts)
        if opts.rounds:
            posts = {
                "API": (f"{api_base}/v1/bench/notes", post_script, api.pid),
                "floor": (f"{floor_base}/floor/notes", lambda: plain_post, floor.pid),
            }
            report_rounds(interleaved(posts, opts), opts)
    finally:
        for server in servers:
            stop(server)
        engine.dispose()
        if opts.keep_db:
            print(f"kept database: {db_url}")
            admin.dispose()
        else:
            drop_database(admin, db_url)
        shutil.rmtree(work, ignore_errors=True)
    return 0


def interleaved(posts: dict, opts: argparse.Namespace) -> list[dict[str, tuple[float, float]]]:
    """Alternating short POST runs: per round, each server's req/s and CPU ms a request."""
    rounds = []
    for n in range(opts.rounds):
        measured = {}
        for name in list(posts)[:: 1 if n % 2 == 0 else -1]:
            url, extra, server = posts[name]
            workers = children(server)
            before = cpu_seconds(workers)
            result = wrk(name, url, opts, opts.round_seconds, extra())
            spent = cpu_seconds(workers) - before
            measured[name] = (result.rps, 1000 * spent / max(result.requests, 1))
        rounds.append(measured)
    return rounds


def report_rounds(rounds: list[dict[str, tuple[float, float]]], opts: argparse.Namespace) -> None:
    print(
        f"\n{opts.rounds} interleaved rounds of {opts.round_seconds}s POST runs "
        "(API and floor alternating):"
    )
    print(
        f"{'round':<6} {'API req/s':>10} {'floor req/s':>12} {'ratio':>7} "
        f"{'API CPU ms':>11} {'floor CPU ms':>13}"
    )
    ratios = []
    for n, measured in enumerate(rounds, 1):
        (api_rps, api_cpu), (floor_rps, floor_cpu) = measured["API"], measured["floor"]
        ratios.append(api_rps / floor_rps)
        print(
            f"{n:<6} {api_rps:>10.1f} {floor_rps:>12.1f} {ratios[-1]:>7.1%} "
            f"{api_cpu:>11.2f} {floor_cpu:>13.2f}"
        )
    print(
        f"median ratio {statistics.median(ratios):.1%} (min {min(ratios):.1%}, "
        f"max {max(ratios):.1%}); CPU ms a request, medians: API "
        f"{statistics.median(m['API'][1] for m in rounds):.2f}, floor "
        f"{statistics.median(m['floor'][1] for m in rounds):.2f} (gunicorn workers only)"
    )


def report(results: list[Result], row_checks: list, opts: argparse.Namespace) -> None:
    print(
        f"\nwrk -t{opts.threads} -c{opts.connections} -d{opts.duration}s --latency "
        f"(after a {opts.warmup}s warm-up); gunicorn -w {opts.workers} sync; {os.cpu_count()} CPUs"
    )
    # wrk, both servers and PostgreSQL share the machine: anything else running skews the run.
    print(
        "load average at the end (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    print(f"{'endpoint':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for r in results:
        print(f"{r.name:<28} {r.rps:>9.1f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.errors:>7}")
    by_name = {r.name.split()[0] + " " + r.name.split()[1]: r for r in results}
    post = by_name["API POST"].rps / by_name["floor POST"].rps
    get = by_name["API GET"].rps / by_name["floor GET"].rps
    verdict = "meets" if post >= POST_BAR else "is BELOW"
    print(f"\nidempotent POST / floor POST: {post:.1%}")
    print(f"authenticated GET / floor GET: {get:.1%}")
    print(
        f"bar: POST >= {POST_BAR:.0%} of the floor (aim {POST_AIM:.0%}); this run {verdict} the bar"
    )
    print("\nrows in bench_notes vs 2xx answers counted by wrk (warm-up + measured):")
    for name, rows, warm, measured in row_checks:
        answered = warm.ok + measured.ok
        print(
            f"  {name:<26} rows added {rows:>7}   2xx {answered:>7} "
            f"(warm-up {warm.ok} + measured {measured.ok}); difference {rows - answered:+d}"
        )
    print(
        "  (a positive difference, up to the connection count per wrk run, is requests still "
        "in flight when wrk stopped: the server finished them, wrk did not count them)"
    )


if __name__ == "__main__":
    sys.exit(main())
