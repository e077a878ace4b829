"""What the bench scripts share: scratch PostgreSQL databases, gunicorn servers, wrk runs.

Load goes to 127.0.0.1 only, and every run is bounded in time. The servers the benches
use come from the environment, so a run can use private ones: BENCH_DATABASE_URL (a
PostgreSQL server where scratch databases may be created; default below) and
BENCH_REDIS_URL (bench/load/run.py; default redis://127.0.0.1:6379).
"""

from __future__ import annotations

import argparse
import json
import os
import random
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_BASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DEFAULT_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")
HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15
# Runs keep their files (the API's instance/, blobs, logs) where `make run` keeps its own,
# not in /tmp: on some machines /tmp is watched, and creating a file there cost 1 ms of
# kernel time against 20 us elsewhere on the same disk, which a bench storing hundreds of
# signature images a second would measure instead of the API.
SCRATCH_ROOT = REPO / "instance" / "bench"

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
  return wrk.format("POST", "%(path)s", headers, '%(body)s')
end
"""


def migrated_app(db_url: str):
    """The app in this process on a scratch database, migrated (for scripts that call the
    services directly or go through the WSGI stack in-process)."""
    from flask_migrate import upgrade

    from courier_api import create_app

    name = sa.engine.make_url(db_url).database
    app = create_app(
        {
            "COURIER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": db_url,
            "LOG_LEVEL": "WARNING",
            "INSTANCE_DIR": f"/tmp/courier-bench-{name}",
        }
    )
    with app.app_context():
        upgrade()
    return app


def handwritten_signature(rng: random.Random) -> dict:
    """Signature-pad strokes like a handwritten name: three strokes of 15 points on a
    300 x 100 pad, times never going back."""
    strokes, t = [], 0
    for _ in range(3):
        x, y, stroke = rng.randint(20, 200), rng.randint(20, 80), []
        for _ in range(15):
            x = min(299, max(0, x + rng.randint(-6, 9)))
            y = min(99, max(0, y + rng.randint(-5, 5)))
            t += rng.randint(8, 20)
            stroke.append([x, y, t])
        strokes.append(stroke)
    return {"width": 300, "height": 100, "strokes": strokes}


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


def analyze_as_autovacuum_would(db_url: str) -> str:
    """Give the scratch database's tables the planner statistics a production database has.
    Production runs PostgreSQL with autovacuum, which analyzes a table once a tenth of it
    changed; CI's PostgreSQL runs without it (here too), so a bench's tables would never
    be analyzed, and the planner, knowing nothing of a column's values, takes
    `owner = ANY(ids)` to match a fifth of the table and scans it (the owners of a sync
    batch's 30 shipments: 1.1 ms instead of 0.15). Where autovacuum is off, the tables
    the fixtures filled are analyzed once; the ones still empty are left unanalyzed:
    analyzed empty, the planner would take them for empty while they grow under the load
    (a foreign key's check then scanned the signature images table: 4 ms an insert),
    which autovacuum would have seen to within a minute. Nothing is done where autovacuum
    is on. Says which."""
    engine = sa.create_engine(db_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            if connection.execute(sa.text("SHOW autovacuum")).scalar() == "on":
                return "autovacuum is on: left to it"
            names = connection.execute(
                sa.text("SELECT relname FROM pg_stat_user_tables ORDER BY relname")
            ).scalars()
            filled = [
                name
                for name in names
                if connection.execute(sa.text(f'SELECT EXISTS (SELECT FROM "{name}")')).scalar()
            ]
            quoted = ", ".join(f'"{name}"' for name in filled)
            connection.execute(sa.text(f"ANALYZE {quoted}"))
    finally:
        engine.dispose()
    return (
        f"autovacuum is off on this server: the {len(filled)} tables the fixtures filled "
        "analyzed once, as it would have"
    )


def drop_database(admin: sa.Engine, url: str) -> None:
    name = sa.engine.make_url(url).database
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def tear_down(
    api: subprocess.Popen | None, engine: sa.Engine, admin: sa.Engine, db_url: str, work: Path
) -> None:
    """Undo what a bench made: its server stopped, its scratch database dropped, its files gone."""
    stop(api)
    engine.dispose()
    drop_database(admin, db_url)
    shutil.rmtree(work, ignore_errors=True)


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


def api_env(db_url: str, work: Path, workers: int, **extra: str) -> dict[str, str]:
    """The API's environment for a bench: its own database, secrets under `work`."""
    import os

    return {
        **os.environ,
        "DATABASE_URL": db_url,
        "FLASK_APP": "courier_api",
        "COURIER_ENV": "development",
        "COURIER_INSTANCE_DIR": str(work / "instance"),
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(workers),
        **extra,
    }


def start_api(
    env: dict[str, str], workers: int, work: Path, app: str = "wsgi:app", threads: int = 1
) -> tuple[subprocess.Popen, str]:
    """gunicorn serving `app` on a free loopback port (sync workers; gthread with
    keep-alive when `threads` > 1); returns it and its base URL."""
    port = free_port()
    log = work / "api.log"
    cmd = [
        str(BIN / "gunicorn"),
        "-c",
        "gunicorn.conf.py",
        "-w",
        str(workers),
        *(["-k", "sync"] if threads == 1 else []),  # else gunicorn.conf.py's threaded worker
        "--threads",
        str(threads),
        app,
    ]
    process = start(cmd, {**env, "BIND": f"{HOST}:{port}"}, REPO, log)
    base = f"http://{HOST}:{port}"
    wait_until_up(f"{base}/healthz", process, log)
    return process, base


# --- CPU accounting ------------------------------------------------------------------
# Wall-clock figures move with whatever else runs on the two cores; CPU seconds spent by
# the API's workers and the benchmark database's backends do not, so scripts print both.


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of the processes (those that are gone count 0)."""
    import os

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def database_backends(engine: sa.Engine) -> list[int]:
    """The server processes serving the benchmark's database (the API's pooled ones)."""
    with engine.connect() as connection:
        return list(
            connection.scalars(
                sa.text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
            )
        )


def scratch_dir() -> Path:
    """A new directory for one run's files (removed by the run)."""
    SCRATCH_ROOT.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="run-", dir=SCRATCH_ROOT))


@dataclass
class DemoApi:
    base: str  # the API's URL
    engine: sa.Engine  # the scratch database, for setup and checks
    work: Path  # the run's directory (instance/, logs)


@contextmanager
def demo_api(workers: int) -> Iterator[DemoApi]:
    """A scratch PostgreSQL database with the demo city, served by gunicorn; everything is
    stopped, dropped and removed afterwards."""
    admin, db_url = create_database(DEFAULT_BASE_URL)
    engine = sa.create_engine(db_url)
    work = scratch_dir()
    api = None
    try:
        env = api_env(db_url, work, workers)
        flask(["db", "upgrade"], env)
        flask(["seed-demo"], env)
        api, base = start_api(env, workers, work)
        yield DemoApi(base, engine, work)
    finally:
        tear_down(api, engine, admin, db_url, work)
