"""A private stack for the fault drills: its own PostgreSQL cluster and Redis server on
free loopback ports in a temp directory, the API under gunicorn and one Celery worker
(with beat), all started here, so a drill can stop, kill and restart them without
touching anything else on the machine (the shared PostgreSQL on 5432 and Redis on 6379
are never used).

PostgreSQL refuses to run as root, so its commands run as the `postgres` OS user when
the drill runs as root.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import redis
import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import harness  # noqa: E402  (bench/ is not a package; the bench scripts import it this way)

from courier_api.signing import verify_webhook  # noqa: E402

PG_BIN = Path(os.environ.get("DRILL_PG_BIN", "/usr/lib/postgresql/15/bin"))
WORKERS = 4
HOST = harness.HOST


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL's tools refuse root: run them as the postgres user when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _run(cmd: list[str], timeout: float = 60) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done


class PrivatePostgres:
    """A throwaway PostgreSQL 15 cluster (trust auth, loopback, socket in its own dir)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.log = root / "postgres.log"
        self.port = harness.free_port()
        root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
        _run(
            _as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.data),
                    "--auth=trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "--no-sync",
                ]
            ),
            timeout=120,
        )

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/{database}"

    def start(self) -> None:
        # fsync off: the drills stop the server, never the machine; OS buffers survive.
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses={HOST} "
            "-c fsync=off -c max_connections=100"
        )
        _run(
            _as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.log),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            timeout=90,
        )

    def stop(self, mode: str = "fast") -> None:
        _run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]),
            timeout=90,
        )

    def running(self) -> bool:
        done = subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status"]),
            capture_output=True,
            text=True,
        )
        return done.returncode == 0

    def postmaster_pid(self) -> int | None:
        with suppress(OSError, ValueError, IndexError):
            return int((self.data / "postmaster.pid").read_text().splitlines()[0])
        return None

    def create_database(self, name: str) -> str:
        admin = sa.create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return self.url(name)

    def destroy(self) -> None:
        if self.data.exists() and self.running():
            with suppress(Exception):
                self.stop("immediate")


class PrivateRedis:
    """A redis-server child process: no persistence, loopback only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = harness.free_port()
        self.log = root / "redis.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        cmd = [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            str(self.root),
        ]
        handle = self.log.open("ab")
        self.process = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT)
        client = redis.Redis.from_url(self.url, socket_timeout=1, socket_connect_timeout=1)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with suppress(redis.RedisError):
                if client.ping():
                    client.close()
                    return
            time.sleep(0.1)
        raise RuntimeError(f"redis-server on {self.port} did not start; see {self.log}")

    def stop(self) -> None:
        """SIGKILL: the server vanishes mid-conversation, as when its host dies."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=1, socket_connect_timeout=1)


def midday_zone() -> str:
    """A time zone where it is about noon now: the demo stations are open 08:00-20:00
    (business time), and dispatch offers nothing while they are closed."""
    offset = max(-12, min(14, 12 - time.gmtime().tm_hour))
    return f"Etc/GMT{-offset:+d}" if offset else "UTC"  # Etc/GMT-8 is UTC+8


def process_tree(pid: int) -> list[int]:
    """A process and its descendants."""
    found, frontier = [pid], [pid]
    while frontier:
        children = harness.children(frontier.pop())
        found.extend(children)
        frontier.extend(children)
    return found


class ProcessGroup:
    """A command in its own process group, so that a kill takes its children with it (as a
    supervisor's cgroup would)."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.command = command
        self.env = env
        self.log = log
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=harness.REPO,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.starts += 1

    def pids(self) -> list[int]:
        """The process tree (a worker: main, pool child, beat)."""
        return process_tree(self.process.pid) if self.alive() else []

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill9(self) -> list[int]:
        """SIGKILL the whole process group at once; returns the PIDs that were killed."""
        if self.process is None:
            return []
        pids = self.pids()
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        return pids

    def stop(self) -> None:
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=harness.STOP_TIMEOUT_S)
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class CeleryWorker(ProcessGroup):
    """`celery worker -B` as `make run` starts it: a kill takes the pool child and the
    embedded beat with it."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        from courier_api.devserver import worker_command

        super().__init__(worker_command("INFO"), env, log)


@dataclass
class WebhookSink:
    """A local receiver for the organisation's webhooks: records every event id it is
    sent and whether its signature verified."""

    secret: str = ""
    received: list[tuple[str, bool, float]] = field(default_factory=list)  # id, ok, when
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    def start(self) -> str:
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                event_id = self.headers.get("X-Courier-Event-Id", "")
                header = self.headers.get("X-Courier-Signature", "")
                ok = bool(sink.secret) and verify_webhook(sink.secret, header, body)
                with sink.lock:
                    sink.received.append((event_id, ok, time.monotonic()))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://{HOST}:{self.server.server_address[1]}/hook"

    def event_ids(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.lock:
            for event_id, _, _ in self.received:
                counts[event_id] = counts.get(event_id, 0) + 1
        return counts

    def bad_signatures(self) -> int:
        with self.lock:
            return sum(1 for _, ok, _ in self.received if not ok)

    def first_received(self) -> dict[str, float]:
        """When each event id first arrived (time.monotonic())."""
        with self.lock:
            first: dict[str, float] = {}
            for event_id, _, at in self.received:
                first.setdefault(event_id, at)
            return first

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


@dataclass
class Stack:
    work: Path
    postgres: PrivatePostgres
    redis: PrivateRedis
    db_url: str
    env: dict[str, str]
    engine: sa.Engine
    api: subprocess.Popen
    base: str
    worker: CeleryWorker
    sink: WebhookSink
    sink_url: str
    credentials: dict

    def gunicorn_workers(self) -> list[int]:
        return sorted(harness.children(self.api.pid))

    def login_fields(self, who_prefix: str) -> dict[str, str]:
        for login in self.credentials["logins"]:
            if login["who"].startswith(who_prefix):
                return login["fields"]
        raise KeyError(who_prefix)

    def logs(self) -> dict[str, Path]:
        return {
            "api": self.work / "api.log",
            "worker": self.work / "worker.log",
            "postgres": self.postgres.log,
            "redis": self.redis.log,
        }


@contextmanager
def private_stack(keep: bool = False) -> Iterator[Stack]:
    """Everything a drill needs, started from nothing and removed afterwards (`keep`: leave
    the directory with the logs)."""
    work = Path(tempfile.mkdtemp(prefix="courier-drill-"))
    os.chmod(work, 0o755)  # the postgres user must reach its cluster directory inside
    postgres = PrivatePostgres(work / "pg")
    private_redis = PrivateRedis(work)
    api = None
    worker = None
    sink = WebhookSink()
    engine = None
    try:
        postgres.start()
        private_redis.start()
        db_url = postgres.create_database("courier")
        env = harness.api_env(
            db_url,
            work,
            WORKERS,
            REDIS_URL=private_redis.url,
            PROMETHEUS_MULTIPROC_DIR=str(work / "metrics"),
            BUSINESS_TIMEZONE=midday_zone(),
        )
        env.pop("CELERY_BROKER_URL", None)  # the broker is this stack's Redis
        harness.flask(["db", "upgrade"], env)
        harness.flask(["seed-demo"], env)
        credentials = json.loads((work / "instance" / "demo-credentials.json").read_text())
        engine = sa.create_engine(db_url, pool_pre_ping=True)
        api, base = harness.start_api(env, WORKERS, work)
        worker = CeleryWorker(env, work / "worker.log")
        worker.start()
        sink_url = sink.start()
        print(
            f"private stack in {work}: PostgreSQL :{postgres.port} (pid "
            f"{postgres.postmaster_pid()}), Redis :{private_redis.port}, gunicorn {base} "
            f"(master {api.pid}, workers {sorted(harness.children(api.pid))}), "
            f"celery worker pid {worker.process.pid}",
            flush=True,
        )
        yield Stack(
            work=work,
            postgres=postgres,
            redis=private_redis,
            db_url=db_url,
            env=env,
            engine=engine,
            api=api,
            base=base,
            worker=worker,
            sink=sink,
            sink_url=sink_url,
            credentials=credentials,
        )
    finally:
        stops = [worker.stop] if worker is not None else []
        tear_down([*stops, lambda: harness.stop(api), sink.stop], engine, private_redis, postgres)
        remove(work, keep)


def tear_down(
    stops: list[Callable[[], None]],
    engine: sa.Engine | None,
    private_redis: PrivateRedis,
    postgres: PrivatePostgres,
) -> None:
    """Stop a stack: `stops` in order (the servers' clients first), then Redis and
    PostgreSQL."""
    for stop in stops:
        stop()
    if engine is not None:
        engine.dispose()
    private_redis.stop()
    postgres.destroy()


def remove(work: Path, keep: bool) -> None:
    if keep:
        print(f"logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
