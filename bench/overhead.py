"""What the API's stack costs on top of the work itself, measured against a bare floor.

    .venv/bin/python bench/overhead.py [--duration 20] [--connections 16] [--keep-db]

Creates a throwaway PostgreSQL database, migrates it, starts the API (gunicorn -w 4,
COURIER_BENCH_ROUTES=1) and bench/floor_app.py (gunicorn -w 4), then runs wrk against
each endpoint in turn (a discarded warm-up first) and prints req/s, p50, p99, errors and
the API/floor ratios. It prints figures; it asserts nothing. Targets 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_BASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOST = "127.0.0.1"
#: The bar the API must clear: idempotent POST req/s >= this share of the floor's.
POST_BAR, POST_AIM = 0.40, 0.50
STARTUP_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15

UNIQUE_KEY_POST = """
-- One Idempotency-Key per request: run prefix + thread number + counter.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
local counter = 0
function request()
  counter = counter + 1
  local headers = {
    ["Authorization"] = "Bearer %(token)s",
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "%(prefix)s-" .. tid .. "-" .. counter,
  }
  return wrk.format("POST", "%(path)s", headers, '{"body": "a bench note"}')
end
"""

PLAIN_POST = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"body": "a bench note"}'
"""


@dataclass
class Result:
    name: str
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors

    @property
    def ok(self) -> int:
        return self.requests - self.non_2xx


# --- processes ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(cmd: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    return subprocess.Popen(cmd, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen | None) -> None:
    """SIGTERM the gunicorn master (it stops its workers), then wait; kill if it hangs."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server exited early; see its log:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    sys.exit(f"{url} did not answer within {STARTUP_TIMEOUT_S}s; see {log}")


def http_json(url: str, payload: dict, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


# --- database ----------------------------------------------------------------------


def create_database(base_url: str) -> tuple[sa.Engine, str]:
    url = sa.engine.make_url(base_url)
    name = f"courier_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return admin, url.set(database=name).render_as_string(hide_password=False)


def drop_database(admin: sa.Engine, url: str) -> None:
    name = sa.engine.make_url(url).database
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def create_bench_table(engine: sa.Engine) -> None:
    # The table's one definition lives with the bench routes, outside db.metadata.
    from courier_api.bench_routes import bench_notes

    with engine.begin() as connection:
        connection.execute(sa.schema.CreateTable(bench_notes, if_not_exists=True))


def count_notes(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(sa.text("SELECT count(*) FROM bench_notes"))


def flask(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(BIN / "flask"), *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        sys.exit(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# --- wrk ---------------------------------------------------------------------------

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * UNIT_MS[unit]


def parse_wrk(name: str, output: str) -> Result:
    def find(pattern: str, default: str | None = None) -> str:
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            if default is not None:
                return default
            sys.exit(f"cannot read {pattern!r} from wrk's output:\n{output}")
        return match.group(1)

    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return Result(
        name=name,
        requests=int(find(r"^\s*(\d+) requests in")),
        rps=float(find(r"^Requests/sec:\s*([\d.]+)")),
        p50_ms=_ms(find(r"^\s*50%\s+(\S+)")),
        p99_ms=_ms(find(r"^\s*99%\s+(\S+)")),
        non_2xx=int(find(r"Non-2xx or 3xx responses:\s*(\d+)", "0")),
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


def wrk(name: str, url: str, opts: argparse.Namespace, seconds: int, extra: list[str]) -> Result:
    cmd = [
        "wrk",
        f"-t{opts.threads}",
        f"-c{opts.connections}",
        f"-d{seconds}s",
        "--latency",
        *extra,
        url,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        sys.exit(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    return parse_wrk(name, done.stdout)


def lua(directory: Path, template: str, **values: str) -> str:
    path = directory / f"{uuid.uuid4().hex[:8]}.lua"
    path.write_text(template % values)
    return str(path)


# --- the run -----------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of discarded warm-up")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per server")
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
    work = Path(tempfile.mkdtemp(prefix="courier-bench-"))
    try:
        env = {
            **os.environ,
            "DATABASE_URL": db_url,
            "FLASK_APP": "courier_api",
            "COURIER_ENV": "development",
            # Secrets and demo files go to the temp dir, not the checkout's instance/.
            "COURIER_INSTANCE_DIR": str(work / "instance"),
            "COURIER_BENCH_ROUTES": "1",
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": str(opts.workers),
        }
        flask(["db", "upgrade"], env)
        create_bench_table(engine)
        created = flask(
            ["create-staff", "--username", "bench", "--name", "Bench", "--role", "admin"], env
        )
        password = re.search(r"password: (\S+)", created).group(1)

        api_port, floor_port = free_port(), free_port()
        api_log, floor_log = work / "api.log", work / "floor.log"
        api = start(
            [
                str(BIN / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "-w",
                str(opts.workers),
                "-k",
                "sync",
                "wsgi:app",
            ],
            {**env, "BIND": f"{HOST}:{api_port}"},
            REPO,
            api_log,
        )
        servers.append(api)
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
        api_base, floor_base = f"http://{HOST}:{api_port}", f"http://{HOST}:{floor_port}"
        wait_until_up(f"{api_base}/healthz", api, api_log)
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
