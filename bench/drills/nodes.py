"""Past one machine (issue #31): two API nodes, two Celery workers, beat as its own
process, PostgreSQL through PgBouncer, and Redis, all started here on loopback; drilled.
Not run in CI.

    .venv/bin/python bench/drills/nodes.py two-nodes|rounds|pooling|all
        [--duration 60] [--keep-logs]

The stack (`nodes_stack`): a private PostgreSQL cluster and Redis server (stack.py), the
Debian PgBouncer (`apt-get install -y pgbouncer`; started here with a generated config on
127.0.0.1:6431, as the postgres user when run as root), two gunicorn masters (`-w 2`
each) on 127.0.0.1:5310 and :5311, two `celery worker`s without beat, and `celery beat`
alone (twice in `rounds`). The API and the workers reach PostgreSQL only through
PgBouncer; migrations, seeding and the checks go to it directly. Clients spread their
requests over the nodes round-robin (`Balancer`: a proxy's round robin with its passive
health check, in the client).

- two-nodes: the mixed load (citizens and an organisation ordering pickups with an
  Idempotency-Key, retried until a definite answer; couriers accepting what dispatch
  offers, a rival courier trying each task) over both nodes; mid-load one whole API node
  (master and workers) and one Celery worker are killed with SIGKILL and not restarted.
  Checks: nothing acknowledged lost or doubled, no task held by two couriers, every outbox
  event dispatched (by the surviving worker), the surviving node answered every request
  sent to it, before and after the kill.
- rounds: transaction pooling with prepared statements off; two workers and two beats
  (two of every periodic job); offers expire after 5 s, couriers decline some, accept some
  and let the rest expire, so tasks are offered again and again; a citizen and an
  organisation order. Checks: no task ever had two offers open at once (every offer ends
  before the task's next begins), none is held by two couriers, both workers ran rounds
  and consumed the outbox with each event handled once, both beats sent the rounds, no
  job failed.
- pooling: session pooling (prepared statements on) against transaction pooling
  (prepared statements off): server CPU a request (API workers, PostgreSQL, PgBouncer,
  background) per kind of request, and transaction pooling with prepared statements left
  on, to show what breaks.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import requests
import sqlalchemy as sa
from client import Answer, bearer, new_key, send
from run import (
    Couriers,
    Orders,
    Report,
    check_load,
    citizen_tokens,
    enterprise_hook,
    fmt,
    order_body,
    outbox_ids,
)
from stack import (
    HOST,
    PrivatePostgres,
    PrivateRedis,
    ProcessGroup,
    WebhookSink,
    _as_postgres,
    harness,
    midday_zone,
    process_tree,
    remove,
    tear_down,
)

PGBOUNCER = os.environ.get("DRILL_PGBOUNCER", "/usr/sbin/pgbouncer")
NODE_PORTS = (5310, 5311)
BOUNCER_PORT = 6431
#: gunicorn workers a node: two nodes share this machine's two cores.
NODE_WORKERS = 2
#: Where the clients send requests; the balancer puts a live node's address in its place.
NODES = "http://api-nodes"


# --- the stack -----------------------------------------------------------------------


class PgBouncer(ProcessGroup):
    """Debian's PgBouncer with a generated config: trust auth, loopback, every database
    of the private cluster, `pool_mode` session or transaction."""

    def __init__(self, root: Path, pg_port: int, mode: str, pool_size: int) -> None:
        self.port = BOUNCER_PORT
        root.mkdir(parents=True, exist_ok=True)
        (root / "userlist.txt").write_text('"postgres" ""\n')
        config = root / "pgbouncer.ini"
        config.write_text(
            f"[databases]\n* = host={HOST} port={pg_port}\n\n[pgbouncer]\n"
            f"listen_addr = {HOST}\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {root / 'userlist.txt'}\n"
            f"pool_mode = {mode}\ndefault_pool_size = {pool_size}\nmax_client_conn = 1000\n"
            "server_reset_query = DISCARD ALL\n"
            f"logfile = {root / 'pgbouncer.log'}\npidfile = {root / 'pgbouncer.pid'}\n"
            "admin_users = postgres\n"
        )
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
        super().__init__(
            _as_postgres([PGBOUNCER, str(config)]), dict(os.environ), root / "stdout.log"
        )

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/{database}"

    def start_serving(self, database: str) -> None:
        self.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with suppress(psycopg.OperationalError):
                psycopg.connect(
                    f"host={HOST} port={self.port} user=postgres dbname={database}",
                    connect_timeout=2,
                ).close()
                return
            time.sleep(0.2)
        raise RuntimeError(f"PgBouncer did not start on {self.port}; see {self.log.parent}")


class ApiNode(ProcessGroup):
    """One gunicorn master with its workers (a kill takes the whole node, as when its
    host dies)."""

    def __init__(self, number: int, env: dict[str, str], work: Path) -> None:
        self.port = NODE_PORTS[number]
        self.base = f"http://{HOST}:{self.port}"
        cmd = [str(harness.BIN / "gunicorn"), "-c", "gunicorn.conf.py"]
        cmd += ["-w", str(NODE_WORKERS), "-k", "sync", "wsgi:app"]
        env = {
            **env,
            "BIND": f"{HOST}:{self.port}",
            "PROMETHEUS_MULTIPROC_DIR": str(work / f"metrics-{number + 1}"),
        }
        super().__init__(cmd, env, work / f"api-{number + 1}.log")

    def start(self) -> None:
        super().start()
        harness.wait_until_up(f"{self.base}/healthz", self.process, self.log)


def celery_command(kind: str, number: int, work: Path) -> list[str]:
    """A production worker (no embedded beat) or beat alone, each named by its number."""
    cmd = [str(harness.BIN / "celery"), "-A", "courier_api.worker:celery", kind]
    if kind == "worker":
        cmd += ["--concurrency", "1", "--without-gossip", "--without-mingle"]
        cmd += ["-n", f"worker{number}@%h"]
    else:
        cmd += ["--schedule", str(work / f"beat-{number}-schedule")]
    return [*cmd, "--loglevel", "INFO"]


@dataclass
class NodesStack:
    work: Path
    postgres: PrivatePostgres
    redis: PrivateRedis
    bouncer: PgBouncer
    engine: sa.Engine  # straight to PostgreSQL, for set-up and checks
    nodes: list[ApiNode]
    workers: list[ProcessGroup]
    beats: list[ProcessGroup]
    sink: WebhookSink
    sink_url: str
    credentials: dict

    @property
    def base(self) -> str:
        """The first node's address: logins and set-up before any kill."""
        return self.nodes[0].base

    def login_fields(self, who_prefix: str) -> dict[str, str]:
        for entry in self.credentials["logins"]:
            if entry["who"].startswith(who_prefix):
                return entry["fields"]
        raise KeyError(who_prefix)

    def cpu_groups(self) -> dict[str, list[int]]:
        """The server side's processes, by role (the postmaster's tree is PostgreSQL)."""
        return {
            "api": [pid for node in self.nodes for pid in node.pids()],
            "postgres": process_tree(self.postgres.postmaster_pid()),
            "pgbouncer": self.bouncer.pids(),
            "background": [pid for c in [*self.workers, *self.beats] for pid in c.pids()],
        }

    def logs(self) -> list[Path]:
        return sorted(self.work.glob("*.log"))


@contextmanager
def nodes_stack(
    *,
    mode: str,
    prepared: bool,
    beats: int = 1,
    keep: bool = False,
    worker_log_level: str = "INFO",
    **settings: str,
) -> Iterator[NodesStack]:
    """Everything started from nothing, stopped and removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix="courier-nodes-"))
    os.chmod(work, 0o755)  # the postgres user reaches its directories inside
    postgres = PrivatePostgres(work / "pg")
    private_redis = PrivateRedis(work)
    bouncer = PgBouncer(work / "pgbouncer", postgres.port, mode, 20)
    sink, engine = WebhookSink(), None
    nodes: list[ApiNode] = []
    background: list[ProcessGroup] = []
    try:
        postgres.start()
        private_redis.start()
        direct = postgres.create_database("courier")
        bouncer.start_serving("courier")
        env = harness.api_env(
            bouncer.url("courier"),
            work,
            NODE_WORKERS,
            REDIS_URL=private_redis.url,
            DATABASE_PREPARED_STATEMENTS="on" if prepared else "off",
            BUSINESS_TIMEZONE=midday_zone(),
            **settings,
        )
        env.pop("CELERY_BROKER_URL", None)  # the broker is this stack's Redis
        harness.flask(["db", "upgrade"], {**env, "DATABASE_URL": direct})
        harness.flask(["seed-demo"], {**env, "DATABASE_URL": direct})
        credentials = json.loads((work / "instance" / "demo-credentials.json").read_text())
        engine = sa.create_engine(direct, pool_pre_ping=True)
        for number in range(2):
            nodes.append(ApiNode(number, env, work))
            nodes[-1].start()
        # DEBUG: Celery's line for each finished job, with what it returned (a round: ran).
        worker_env = {**env, "LOG_LEVEL": worker_log_level}
        workers = [
            ProcessGroup(celery_command("worker", n, work), worker_env, work / f"worker-{n}.log")
            for n in (1, 2)
        ]
        beat_processes = [
            ProcessGroup(celery_command("beat", n, work), env, work / f"beat-{n}.log")
            for n in range(1, beats + 1)
        ]
        background = [*workers, *beat_processes]
        for process in background:
            process.start()
        sink_url = sink.start()
        print(
            f"stack in {work}: PostgreSQL :{postgres.port}, PgBouncer :{bouncer.port} "
            f"({mode} pooling, prepared statements {'on' if prepared else 'off'}), Redis "
            f":{private_redis.port}, API nodes {', '.join(n.base for n in nodes)} "
            f"(-w {NODE_WORKERS} each), {len(workers)} Celery workers, {beats} beat(s)",
            flush=True,
        )
        yield NodesStack(
            work=work,
            postgres=postgres,
            redis=private_redis,
            bouncer=bouncer,
            engine=engine,
            nodes=nodes,
            workers=workers,
            beats=beat_processes,
            sink=sink,
            sink_url=sink_url,
            credentials=credentials,
        )
    finally:
        stops = [process.stop for process in [*background, *nodes]]
        tear_down([*stops, sink.stop, bouncer.stop], engine, private_redis, postgres)
        remove(work, keep)


# --- spreading the load ----------------------------------------------------------------


class Balancer:
    """Round robin over the API nodes, request by request, as a proxy in front would do,
    with its passive health check: a node that refused or dropped a connection gets no
    request for `rest_s`. Every answer is tallied by node."""

    def __init__(self, bases: list[str], rest_s: float = 2.0) -> None:
        self.bases = bases
        self.rest_s = rest_s
        self.turn = itertools.count()
        self.resting: dict[str, float] = {}
        self.lock = threading.Lock()
        self.answers: list[tuple[str, float, float, str]] = []  # node, sent, answered, label

    def pick(self) -> str:
        with self.lock:
            start = next(self.turn)
            now = time.monotonic()
            for i in range(len(self.bases)):
                base = self.bases[(start + i) % len(self.bases)]
                if self.resting.get(base, 0.0) <= now:
                    return base
            return self.bases[start % len(self.bases)]

    def record(self, base: str, sent: float, label: str, failed: bool) -> None:
        with self.lock:
            now = time.monotonic()
            self.answers.append((base, sent, now, label))
            if failed:
                self.resting[base] = now + self.rest_s

    def session(self) -> requests.Session:
        return BalancedSession(self)

    def by_node(self, since: float = 0.0, until: float = float("inf")) -> dict[str, Counter]:
        """Answers by node and label, of requests sent in [since, until)."""
        out: dict[str, Counter] = {base: Counter() for base in self.bases}
        with self.lock:
            for base, sent, _, label in self.answers:
                if since <= sent < until:
                    out[base][label] += 1
        return out


class BalancedSession(requests.Session):
    """A requests session whose requests to `NODES` go to the balancer's pick."""

    def __init__(self, balancer: Balancer) -> None:
        super().__init__()
        self.balancer = balancer

    def request(self, method: str, url: str, *args, **kwargs) -> requests.Response:
        if not url.startswith(NODES):
            return super().request(method, url, *args, **kwargs)
        base = self.balancer.pick()
        sent = time.monotonic()
        try:
            response = super().request(method, base + url[len(NODES) :], *args, **kwargs)
        except requests.RequestException as exc:
            self.balancer.record(base, sent, f"no answer ({type(exc).__name__})", True)
            raise
        self.balancer.record(base, sent, str(response.status_code), response.status_code >= 502)
        return response


def run_for(threads: list[threading.Thread], stop: threading.Event, seconds: float) -> None:
    """Start the load's threads, let them run `seconds`, stop them and wait for them."""
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=180)


def timed(report: Report, started: float, line: str) -> None:
    report.info(f"t={time.monotonic() - started:.1f}s {line}")


# --- drill (a): two nodes, one of each killed ---------------------------------------------


def drill_two_nodes(opts: argparse.Namespace) -> bool:
    with nodes_stack(mode="transaction", prepared=False, keep=opts.keep_logs) as stack:
        return _two_nodes(stack, opts.duration)


def _two_nodes(stack: NodesStack, duration: float) -> bool:
    report = Report("two-nodes")
    balancer = Balancer([node.base for node in stack.nodes])
    citizens = citizen_tokens(stack, 6)
    clerk, org_id = enterprise_hook(stack)
    couriers = Couriers.on_shift(stack)
    couriers.base, couriers.new_session = NODES, balancer.session
    before = outbox_ids(stack.engine)
    orders = Orders(run=f"nd{int(time.time())}")
    stop = threading.Event()

    def ordering(token: str, who: str) -> None:
        session = balancer.session()
        while not stop.is_set():
            orders.place(session, NODES, token, who)

    def reading(token: str) -> None:
        session = balancer.session()
        while not stop.is_set():
            if send(session, "GET", f"{NODES}/v1/pickups?limit=5", headers=bearer(token)).status:
                stop.wait(0.2)
            else:
                session.close()

    threads = [
        threading.Thread(target=ordering, args=(token, f"c{n}")) for n, token in enumerate(citizens)
    ]
    threads += [threading.Thread(target=ordering, args=(clerk, f"e{n}")) for n in range(2)]
    threads += [threading.Thread(target=reading, args=(citizens[0],))]
    threads += [
        threading.Thread(target=couriers.loop, args=(list(range(n, len(couriers.tokens), 4)), stop))
        for n in range(4)
    ]
    report.info(
        f"load: 6 citizen + 2 enterprise threads ordering (Idempotency-Key, retried until "
        f"definite), 1 reader, {len(couriers.tokens)} couriers accepting offers (4 threads), "
        f"round robin over {len(stack.nodes)} nodes, for {duration:.0f} s"
    )
    killed_node, survivor = stack.nodes[0], stack.nodes[1]
    killed_worker, surviving_worker = stack.workers
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(duration * 0.4)
    node_killed_at = time.monotonic()
    pids = killed_node.kill9()
    timed(report, started, f"kill -9 API node {killed_node.base} (processes {pids})")
    time.sleep(duration * 0.1)
    pids = killed_worker.kill9()
    timed(report, started, f"kill -9 Celery worker 1 (processes {pids})")
    time.sleep(max(0.0, duration - (time.monotonic() - started)))
    stop.set()
    for thread in threads:
        thread.join(timeout=180)
    ended = time.monotonic()
    timed(report, started, "load stopped")
    check_survivor(report, balancer, killed_node, survivor, started, node_killed_at, ended)
    check_load(report, stack, orders, couriers, before, org_id)
    report.check(
        "the surviving Celery worker and beat ran on",
        surviving_worker.alive() and all(beat.alive() for beat in stack.beats),
        f"worker 2 pid {surviving_worker.process.pid}, beat pid {stack.beats[0].process.pid}",
    )
    return report.summary()


def check_survivor(
    report: Report,
    balancer: Balancer,
    killed: ApiNode,
    survivor: ApiNode,
    started: float,
    killed_at: float,
    ended: float,
) -> None:
    before = balancer.by_node(started, killed_at)
    after = balancer.by_node(killed_at, ended)
    for phase, answers in (("before the kill", before), ("after the kill", after)):
        report.info(f"{phase}: " + " | ".join(f"{base} {fmt(c)}" for base, c in answers.items()))
    report.check(
        "the load was spread over both nodes before the kill",
        all(sum(c.values()) > 0 for c in before.values()),
        ", ".join(f"{base} {sum(c.values())}" for base, c in before.items()),
    )
    served = before[survivor.base] + after[survivor.base]
    failed = {label: n for label, n in served.items() if not label[0].isdigit() or label >= "500"}
    report.check(
        "the surviving node answered every request sent to it, before and after the kill",
        sum(before[survivor.base].values()) > 0
        and sum(after[survivor.base].values()) > 0
        and not failed,
        f"{sum(served.values())} requests: {fmt(served)}",
    )
    report.info(
        f"requests sent to the killed node after the kill (refused, then rested by the "
        f"balancer): {fmt(after[killed.base])}"
    )


# --- drill (b): rounds through PgBouncer, two workers, two beats --------------------------


def drill_rounds(opts: argparse.Namespace) -> bool:
    with nodes_stack(
        mode="transaction",
        prepared=False,
        beats=2,
        keep=opts.keep_logs,
        worker_log_level="DEBUG",
        DISPATCH_OFFER_TTL_S="5",
    ) as stack:
        return _rounds(stack, opts.duration)


def _rounds(stack: NodesStack, duration: float) -> bool:
    report = Report("rounds")
    balancer = Balancer([node.base for node in stack.nodes])
    citizen = citizen_tokens(stack, 1)[0]
    clerk, org_id = enterprise_hook(stack)
    couriers = Couriers.on_shift(stack)
    couriers.base = NODES
    before = outbox_ids(stack.engine)
    orders = Orders(run=f"rd{int(time.time())}")
    answers: Counter = Counter()
    lock = threading.Lock()
    stop = threading.Event()

    def ordering(token: str, who: str) -> None:
        session = balancer.session()
        while not stop.is_set():
            orders.place(session, NODES, token, who)
            stop.wait(0.5)

    def answering(mine: list[int], seed: int) -> None:
        """Accept 5 % of the offers, decline 45 %, let the rest expire."""
        rng, session = random.Random(seed), balancer.session()
        while not stop.is_set():
            for courier in mine:
                token = couriers.tokens[courier][1]
                offered = send(
                    session, "GET", f"{NODES}/v1/courier/tasks?state=offered", headers=bearer(token)
                )
                for task in offered.body.get("items", []) if offered.ok else []:
                    draw = rng.random()
                    if draw >= 0.5:
                        continue  # left to expire
                    # Few accepts: a courier holding a task gets no more offers.
                    if draw < 0.05:  # and a rival courier tries the same task
                        couriers.accept(session, courier, task["id"])
                        continue
                    answer = send(
                        session,
                        "POST",
                        f"{NODES}/v1/courier/tasks/{task['id']}/decline",
                        json_body={},
                        headers=bearer(token),
                    )
                    with lock:
                        answers[f"decline {answer.label()}"] += 1
            stop.wait(1.0)

    groups = [list(range(n, len(couriers.tokens), 4)) for n in range(4)]
    threads = [
        threading.Thread(target=ordering, args=(t, w)) for t, w in ((citizen, "c"), (clerk, "e"))
    ]
    threads += [threading.Thread(target=answering, args=(g, n)) for n, g in enumerate(groups)]
    report.info(
        f"load: a citizen and an organisation ordering, {len(couriers.tokens)} couriers "
        f"accepting 5 % of their offers, declining 45 %, letting the rest expire (offers "
        f"live 5 s), for "
        f"{duration:.0f} s; 2 workers, 2 beats, transaction pooling, prepared statements off"
    )
    run_for(threads, stop, duration)
    report.info(f"declines: {fmt(answers)}")
    check_offers(report, stack.engine)
    check_load(report, stack, orders, couriers, before, org_id)
    stats = worker_stats(stack)
    outbox_runs = {name: s.get("courier_api.dispatch_outbox", 0) for name, s in stats.items()}
    repeats = sum(n - 1 for n in stack.sink.event_ids().values())
    report.check(
        "both workers consumed the outbox, each event handled once (no webhook sent twice)",
        len(outbox_runs) == 2 and all(outbox_runs.values()) and not repeats,
        ", ".join(f"{name}: {n} outbox runs" for name, n in sorted(outbox_runs.items()))
        + f"; webhook events received twice: {repeats}",
    )
    rounds = {name: s.get("courier_api.dispatch_region_round", 0) for name, s in stats.items()}
    report.check(
        "both workers ran dispatch rounds",
        len(rounds) == 2 and all(rounds.values()),
        ", ".join(f"{name}: {n} rounds" for name, n in sorted(rounds.items())),
    )
    sent = sum(s.get("courier_api.dispatch_rounds", 0) for s in stats.values())
    one_beat = duration / 10
    report.check(
        "both beats sent the rounds' job (about twice one beat's count)",
        sent >= 1.5 * one_beat,
        f"{sent} dispatch_rounds jobs run in {duration:.0f} s (one beat: ~{one_beat:.0f})",
    )
    ran = round_outcomes(stack)
    report.info(
        "region rounds by worker (ran / found the region's lock taken by the other): "
        + ", ".join(f"{log}: {c['ran']} / {c['held back']}" for log, c in sorted(ran.items()))
    )
    failures = job_failures(stack)
    report.check("no job failed in either worker", not failures, fmt(failures) or "none")
    api = balancer.by_node()
    fives = sum(n for c in api.values() for label, n in c.items() if label >= "500")
    report.check("no 5xx from the API through the pooler", not fives, f"{fives}")
    return report.summary()


def worker_stats(stack: NodesStack) -> dict[str, dict[str, int]]:
    """Jobs each worker ran, by name (Celery's remote control: `inspect stats`)."""
    from celery import Celery

    app = Celery(broker=stack.redis.url)
    try:
        replies = app.control.inspect(timeout=5).stats() or {}
    finally:
        app.close()
    return {name: reply.get("total", {}) for name, reply in replies.items()}


def round_outcomes(stack: NodesStack) -> dict[str, Counter]:
    """From each worker's DEBUG log: its region rounds that ran, and those held back."""
    found: dict[str, Counter] = {}
    for worker in stack.workers:
        counts = found.setdefault(worker.log.name, Counter())
        for line in worker.log.read_text(errors="replace").splitlines():
            if "dispatch_region_round" in line and "succeeded" in line:
                counts["held back" if "'ran': False" in line else "ran"] += 1
    return found


def job_failures(stack: NodesStack) -> Counter:
    """Error lines in the workers' and beats' logs, by log and message."""
    found: Counter = Counter()
    for process in [*stack.workers, *stack.beats]:
        for line in process.log.read_text(errors="replace").splitlines():
            with suppress(ValueError):
                entry = json.loads(line)
                if entry.get("level") in ("error", "critical"):
                    found[f"{process.log.name}: {entry.get('msg', '')[:80]}"] += 1
    return found


def check_offers(report: Report, engine: sa.Engine) -> None:
    """No task ever had two offers open at once: each offer's end (its answer, its expiry,
    or now if pending) comes before the same task's next offer."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT task_id, status, created_at, answered_at, expires_at, "
                "lead(created_at) OVER (PARTITION BY task_id ORDER BY created_at) AS next_at "
                "FROM task_offers"
            )
        ).all()
    per_task = Counter(r.task_id for r in rows)
    overlapping = [
        r for r in rows if r.next_at is not None and (r.answered_at or r.expires_at) > r.next_at
    ]
    still_open = Counter(r.task_id for r in rows if r.status == "pending")
    statuses = fmt(Counter(r.status for r in rows))
    again = sum(1 for n in per_task.values() if n > 1)
    report.info(
        f"offers made: {len(rows)} for {len(per_task)} tasks ({statuses}); tasks offered "
        f"2+ times (one after another): {again}, most offers of one task: "
        f"{max(per_task.values(), default=0)}"
    )
    report.check(
        "no task was ever offered twice at once (each offer ended before its next)",
        bool(rows) and not overlapping and all(n == 1 for n in still_open.values()),
        f"overlapping offers {len(overlapping)}, tasks with 2+ pending offers "
        f"{sum(1 for n in still_open.values() if n > 1)}",
    )


# --- pooling: session against transaction, CPU a request -----------------------------------


@dataclass
class Kind:
    """One kind of request, sent by `threads` loops for a phase of the measurement."""

    name: str
    call: Callable[[requests.Session, int], Answer]
    threads: int = 6
    counts: Counter = field(default_factory=Counter)


def _kinds(stack: NodesStack) -> list[Kind]:
    from bodies import RECIPIENT, SENDER  # bench/, on the path once stack.py is imported

    citizen = citizen_tokens(stack, 1)[0]
    couriers = Couriers.on_shift(stack)
    tokens = [token for _, token in couriers.tokens]
    tags: dict[str, str] = {}
    session = requests.Session()
    for token in tokens:
        listed = send(session, "GET", f"{stack.base}/v1/courier/tasks", headers=bearer(token))
        tags[token] = listed.headers.get("ETag", "")

    def order(s: requests.Session, n: int) -> Answer:
        key = new_key("pool")
        headers = {**bearer(citizen), "Idempotency-Key": key}
        return send(s, "POST", f"{NODES}/v1/pickups", json_body=order_body(key), headers=headers)

    def poll(s: requests.Session, n: int) -> Answer:
        token = tokens[n % len(tokens)]
        headers = {**bearer(token), "If-None-Match": tags[token]}
        return send(s, "GET", f"{NODES}/v1/courier/tasks", headers=headers)

    def ping(s: requests.Session, n: int) -> Answer:
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        pings = {"pings": [{"lat": 22.52, "lng": 113.38, "recorded_at": now}]}
        token = tokens[n % len(tokens)]
        return send(
            s, "POST", f"{NODES}/v1/courier/locations", json_body=pings, headers=bearer(token)
        )

    def quote(s: requests.Session, n: int) -> Answer:
        body = {
            "product": "express",
            "pickup": SENDER,
            "recipient": RECIPIENT,
            "weight_g": 1500,
            "declared_value_fen": 50_000,
        }
        return send(s, "POST", f"{NODES}/v1/quotes", json_body=body, headers=bearer(citizen))

    def read(s: requests.Session, n: int) -> Answer:
        return send(s, "GET", f"{NODES}/v1/pickups?limit=5", headers=bearer(citizen))

    # Polls first: the orders' tasks, once offered, change the couriers' lists.
    return [
        Kind("poll 304 (GET /v1/courier/tasks)", poll),
        Kind("ping (POST /v1/courier/locations)", ping),
        Kind("quote (POST /v1/quotes)", quote),
        Kind("order (POST /v1/pickups)", order),
        Kind("read (GET /v1/pickups)", read),
    ]


def measure(stack: NodesStack, kinds: list[Kind], seconds: float) -> list[dict]:
    """Each kind alone for `seconds`: requests, answers and the server side's CPU."""
    balancer = Balancer([node.base for node in stack.nodes])
    rows = []
    lock = threading.Lock()
    for kind in kinds:
        stop = threading.Event()

        def loop(number: int, kind: Kind = kind, stop: threading.Event = stop) -> None:
            session, n = balancer.session(), number
            while not stop.is_set():
                answer = kind.call(session, n)
                n += kind.threads
                with lock:
                    kind.counts[answer.label()] += 1

        groups = stack.cpu_groups()
        cpu_before = {role: harness.cpu_seconds(pids) for role, pids in groups.items()}
        threads = [threading.Thread(target=loop, args=(n,)) for n in range(kind.threads)]
        started = time.monotonic()
        run_for(threads, stop, seconds)
        wall = time.monotonic() - started
        groups = stack.cpu_groups()  # PostgreSQL backends come and go: read them again
        cpu = {
            role: harness.cpu_seconds(groups[role]) - cpu_before[role]
            for role in ("api", "postgres", "pgbouncer", "background")
        }
        total = sum(kind.counts.values())
        rows.append(
            {
                "kind": kind.name,
                "requests": total,
                "req_s": round(total / wall, 1),
                "answers": dict(kind.counts),
                "cpu_ms_a_request": {
                    role: round(1000 * s / max(total, 1), 3) for role, s in cpu.items()
                },
                "server_cpu_ms_a_request": round(1000 * sum(cpu.values()) / max(total, 1), 3),
            }
        )
    return rows


def drill_pooling(opts: argparse.Namespace) -> bool:
    """Not a pass/fail drill: the figures for docs/deploy.md, and what breaks."""
    report = Report("pooling")
    seconds = max(10.0, opts.duration / 4)
    results = {}
    for mode, prepared in (("session", True), ("transaction", False)):
        label = f"{mode} pooling, prepared statements {'on' if prepared else 'off'}"
        with nodes_stack(mode=mode, prepared=prepared, keep=opts.keep_logs) as stack:
            load = os.getloadavg()[0]
            results[label] = measure(stack, _kinds(stack), seconds)
        for row in results[label]:
            report.info(f"{label}: {json.dumps(row)}")
        report.info(f"{label}: load average at the start {load:.1f}")
    print(json.dumps(results))
    fails = {
        label: sum(
            n for r in rows for lab, n in r["answers"].items() if not lab.startswith(("2", "3"))
        )
        for label, rows in results.items()
    }
    report.check(
        "session pooling, and transaction pooling without prepared statements, answer "
        "every request",
        not any(fails.values()),
        fmt(Counter(fails)),
    )
    with nodes_stack(mode="transaction", prepared=True, keep=opts.keep_logs) as stack:
        answers, errors = probe(stack)
    # Not a check: how often it fails depends on how often a transaction lands on
    # another server connection than the last, which the load decides.
    report.info(
        f"transaction pooling, prepared statements on (what the setting is for): answers "
        f"{fmt(answers)}; the API's errors: {fmt(errors)}"
    )
    return report.summary()


def probe(stack: NodesStack, seconds: float = 8.0) -> tuple[Counter, Counter]:
    """A citizen's reads from 8 threads over both nodes (a prepared statement meets
    server connections it was not prepared on only when several are in use); the answers,
    and the database errors the API logged."""
    token = None
    while token is None:
        login = send(
            requests.Session(),
            "POST",
            f"{stack.base}/v1/auth/wechat/login",
            json_body={"code": "p"},
        )
        token = login.body["access_token"] if login.ok else None
    balancer, stop = Balancer([node.base for node in stack.nodes]), threading.Event()

    def reading() -> None:
        session = balancer.session()
        while not stop.is_set():
            send(session, "GET", f"{NODES}/v1/pickups?limit=5", headers=bearer(token))

    threads = [threading.Thread(target=reading) for _ in range(8)]
    run_for(threads, stop, seconds)
    answers = Counter(label for _, _, _, label in balancer.answers)
    errors: Counter = Counter()
    for node in stack.nodes:
        for line in node.log.read_text(errors="replace").splitlines():
            for known in ("InvalidSqlStatementName", "DuplicatePreparedStatement"):
                errors[known] += line.count(known)
    return answers, errors


DRILLS = {"two-nodes": drill_two_nodes, "rounds": drill_rounds, "pooling": drill_pooling}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drill", choices=[*DRILLS, "all"])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--keep-logs", action="store_true", help="keep the stack's directory")
    opts = parser.parse_args()
    if not Path(PGBOUNCER).exists():
        print("PgBouncer is not installed: apt-get install -y pgbouncer", file=sys.stderr)
        return 2
    names = list(DRILLS) if opts.drill == "all" else [opts.drill]
    verdicts = {name: DRILLS[name](opts) for name in names}
    print("\n" + "  ".join(f"{name}: {'PASS' if ok else 'FAIL'}" for name, ok in verdicts.items()))
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
