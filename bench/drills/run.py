"""Fault drills (issue #11): break the stack in the middle of load and check what the
clients were told against what the database holds. Not run in CI.

    .venv/bin/python bench/drills/run.py kill-workers|postgres-restart|redis-stop|all
        [--duration 30] [--pg-stop-mode fast|immediate] [--keep-logs]

Each drill starts its own PostgreSQL cluster, Redis server, gunicorn (-w 4) and Celery
worker on free loopback ports (bench/drills/stack.py) and stops or kills only those.
It prints what it checked with the counts, one PASS/FAIL line per check, and exits
non-zero if any check failed.

- kill-workers: citizens and an organisation order pickups (Idempotency-Key, retried with
  the same key until a definite answer) while couriers accept the offers dispatch makes
  (and a rival courier tries each offered task); mid-load the busiest gunicorn worker is
  killed with SIGKILL eight times, and once the Celery worker's whole process group, while
  it holds a task if possible (restarted 3 s later, as a supervisor would).
- postgres-restart: light load; the private PostgreSQL is stopped (fast shutdown) for a
  while and started again; the same gunicorn and Celery processes must recover.
- redis-stop: the private Redis is killed for a while and started again: unsigned calls
  keep working, rate limits open, signed calls 503 until it is back, and background work
  resumes.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests
import sqlalchemy as sa
from client import (
    Answer,
    Outcome,
    Tally,
    bearer,
    login,
    new_key,
    send,
    signed_send,
    until_definite,
)
from stack import Stack, harness, private_stack

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pickups import ORDER

COURIERS = 20
CITIZEN_THREADS = 6
DRAIN_TIMEOUT_S = 180


# --- reporting -----------------------------------------------------------------------


class Report:
    def __init__(self, drill: str) -> None:
        self.drill = drill
        self.failed: list[str] = []
        self.passed = 0
        print(f"\n=== drill: {drill} ===", flush=True)

    def info(self, line: str) -> None:
        print(f"  {line}", flush=True)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        print(
            f"{'PASS' if ok else 'FAIL'} [{self.drill}] {name}" + (f": {detail}" if detail else "")
        )
        sys.stdout.flush()
        if ok:
            self.passed += 1
        else:
            self.failed.append(name)
        return ok

    def summary(self) -> bool:
        verdict = "PASS" if not self.failed else "FAIL"
        print(
            f"=== {self.drill}: {verdict} ({self.passed} passed, {len(self.failed)} failed"
            + (f": {', '.join(self.failed)}" if self.failed else "")
            + ") ===",
            flush=True,
        )
        return not self.failed


def fmt(counter: Counter) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counter.items(), key=str)) or "none"


# --- load ----------------------------------------------------------------------------


def order_body(tag: str) -> dict:
    """The bench's express order; the pickup address carries the request's tag, so the
    database can be asked how many orders each intended request made."""
    body = copy.deepcopy(ORDER)
    body["pickup"]["address"] = f"{ORDER['pickup']['address']} {tag}"
    return body


@dataclass
class Orders:
    """Every intended order of a drill, by tag, and who placed it."""

    run: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    outcomes: list[Outcome] = field(default_factory=list)

    def place(
        self,
        session: requests.Session,
        base: str,
        token: str,
        who: str,
        tally: Tally | None = None,
        phase: Callable[[], str] | None = None,
        impatient: bool = False,
    ) -> Outcome:
        key = new_key(f"{self.run}-{who}")
        tag = f"#{key}"
        outcome = until_definite(
            session,
            f"{base}/v1/pickups",
            order_body(tag),
            bearer(token),
            key=key,
            tag=tag,
            first_timeout=0.02 if impatient else None,
        )
        if tally is not None and phase is not None:
            tally.add(phase(), outcome.final)
        with self.lock:
            self.outcomes.append(outcome)
        return outcome

    def check(self, report: Report, engine: sa.Engine) -> None:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT o.id, o.pickup_address, "
                    "(SELECT count(*) FROM shipments s WHERE s.pickup_order_id = o.id) AS parcels "
                    "FROM pickup_orders o WHERE o.pickup_address LIKE :pattern"
                ),
                {"pattern": f"% #{self.run}-%"},
            ).all()
        by_tag: dict[str, list[tuple[str, int]]] = {}
        for order_id, address, parcels in rows:
            by_tag.setdefault(address.rsplit(" ", 1)[-1], []).append((order_id, parcels))
        outcomes = list(self.outcomes)
        answered = [o for o in outcomes if o.final is not None and o.final.ok]
        refused = [o for o in outcomes if o.final is not None and not o.final.ok]
        retried = [o for o in outcomes if o.retried]
        final = Counter(o.final.label() for o in outcomes if o.final is not None)
        attempts = Counter(label for o in outcomes for label in o.seen)
        report.info(
            f"orders intended {len(outcomes)}; final answers: {fmt(final)}; "
            f"attempts {sum(o.attempts for o in outcomes)} ({fmt(attempts)})"
        )
        missing = [
            o.final.body.get("id")
            for o in answered
            if not any(order_id == o.final.body.get("id") for order_id, _ in by_tag.get(o.tag, []))
        ]
        report.check(
            "every 2xx order is in the database",
            not missing,
            f"{len(answered)} answered 2xx, {len(answered) - len(missing)} found by id"
            + (f"; MISSING {missing[:5]}" if missing else ""),
        )
        without_parcels = [t for t, found in by_tag.items() for _, n in found if n != 1]
        report.check(
            "every order has its one shipment",
            not without_parcels,
            f"{len(rows)} orders, {len(rows) - len(without_parcels)} with exactly 1 shipment",
        )
        doubled = {t: len(found) for t, found in by_tag.items() if len(found) > 1}
        retried_ok = [o for o in retried if o.final is not None and o.final.ok]
        retried_once = [o for o in retried_ok if len(by_tag.get(o.tag, [])) == 1]
        report.check(
            "every retried Idempotency-Key made exactly one order",
            len(retried_once) == len(retried_ok) and not doubled,
            f"{len(retried)} keys retried ({sum(o.attempts for o in retried)} attempts), "
            f"{len(retried_ok)} of them answered 2xx, {len(retried_once)} with exactly one order; "
            f"keys with 2+ orders: {len(doubled)}",
        )
        replayed = sum(
            1 for o in retried_ok if o.final.headers.get("Idempotent-Replayed") == "true"
        )
        report.info(f"retried keys answered by a replay of the stored answer: {replayed}")
        orphans = [t for t in by_tag if t not in {o.tag for o in answered} and t.startswith("#")]
        report.check(
            "no order without a 2xx (nothing made for a refused or abandoned request)",
            not orphans and not any(o.tag in by_tag for o in refused),
            f"orders in the database {len(rows)}, keys answered 2xx {len(answered)}, "
            f"refused {len(refused)}",
        )


def _ping(session: requests.Session, base: str, token: str, lat: float, lng: float) -> Answer:
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    return send(
        session,
        "POST",
        f"{base}/v1/courier/locations",
        json_body={"pings": [{"lat": lat, "lng": lng, "recorded_at": now}]},
        headers=bearer(token),
    )


@dataclass
class Couriers:
    """Couriers on shift near the demo orders, accepting every offer they get; for each
    accept, another courier tries to take the same task."""

    base: str
    tokens: list[tuple[str, str]]  # (courier id, token)
    lock: threading.Lock = field(default_factory=threading.Lock)
    accepts: list[tuple[str, str, Outcome]] = field(default_factory=list)  # task, courier
    rivals: Counter = field(default_factory=Counter)
    rival_wins: list[tuple[str, str]] = field(default_factory=list)
    new_session: Callable[[], requests.Session] = requests.Session  # nodes.py: balanced

    @classmethod
    def on_shift(cls, stack: Stack) -> Couriers:
        fields_ = stack.login_fields("courier")
        tokens = []
        session = requests.Session()
        for number in range(1, COURIERS + 1):
            token = login(
                stack.base,
                "/v1/auth/courier/login",
                {
                    "employee_no": f"C{number:04d}",
                    "password": fields_["password"],
                    "device_id": f"drill-handheld-{number}",
                },
            )
            me = send(
                session,
                "POST",
                f"{stack.base}/v1/courier/shift",
                json_body={"on_shift": True},
                headers=bearer(token),
            )
            if not me.ok:
                raise RuntimeError(f"shift start failed: {me.label()} {me.body}")
            _ping(session, stack.base, token, 22.52, 113.38)
            tokens.append((cls._courier_id(stack, f"C{number:04d}"), token))
        return cls(stack.base, tokens)

    @staticmethod
    def _courier_id(stack: Stack, employee_no: str) -> str:
        with stack.engine.connect() as connection:
            return connection.scalar(
                sa.text("SELECT id FROM couriers WHERE employee_no = :n"), {"n": employee_no}
            )

    def accept(self, session: requests.Session, courier: int, task_id: str) -> None:
        courier_id, token = self.tokens[courier]
        outcome = Outcome(key=task_id, tag=courier_id)
        deadline = time.monotonic() + 120
        while True:
            outcome.attempts += 1
            answer = send(
                session,
                "POST",
                f"{self.base}/v1/courier/tasks/{task_id}/accept",
                headers=bearer(token),
            )
            outcome.seen.append(answer.label())
            if (answer.status is not None and answer.status < 500) or time.monotonic() > deadline:
                outcome.final = answer
                break
            session.close()
            time.sleep(0.3)
        rival_id, rival_token = self.tokens[(courier + 1) % len(self.tokens)]
        rival = send(
            session,
            "POST",
            f"{self.base}/v1/courier/tasks/{task_id}/accept",
            headers=bearer(rival_token),
        )
        with self.lock:
            self.accepts.append((task_id, courier_id, outcome))
            self.rivals[rival.label()] += 1
            if rival.ok:
                self.rival_wins.append((task_id, rival_id))

    def loop(self, mine: list[int], stop: threading.Event) -> None:
        session = self.new_session()
        last_ping = time.monotonic()
        while not stop.is_set():
            if time.monotonic() - last_ping > 30:
                for courier in mine:
                    _ping(session, self.base, self.tokens[courier][1], 22.52, 113.38)
                last_ping = time.monotonic()
            for courier in mine:
                offered = send(
                    session,
                    "GET",
                    f"{self.base}/v1/courier/tasks?state=offered",
                    headers=bearer(self.tokens[courier][1]),
                )
                if not offered.ok:
                    session.close()
                    continue
                for task in offered.body.get("items", []):
                    self.accept(session, courier, task["id"])
            stop.wait(0.5)

    def check(self, report: Report, engine: sa.Engine) -> None:
        accepts = list(self.accepts)
        final = Counter(o.final.label() for _, _, o in accepts)
        won = [(t, c) for t, c, o in accepts if o.final.ok]
        retried = [o for _, _, o in accepts if o.retried]
        report.info(
            f"accepts sent for {len(accepts)} offers: {fmt(final)}; "
            f"retried after no answer or 5xx: {len(retried)}"
        )
        with engine.connect() as connection:
            holders = dict(
                connection.execute(
                    sa.text(
                        "SELECT id, courier_id FROM tasks WHERE state IN ('accepted','arrived')"
                    )
                ).all()
            )
            doubled_offers = connection.scalar(
                sa.text(
                    "SELECT count(*) FROM (SELECT task_id FROM task_offers WHERE status = "
                    "'accepted' GROUP BY task_id HAVING count(DISTINCT courier_id) > 1) t"
                )
            )
            two_pending = connection.scalar(
                sa.text(
                    "SELECT count(*) FROM (SELECT task_id FROM task_offers WHERE status = "
                    "'pending' GROUP BY task_id HAVING count(*) > 1) t"
                )
            )
            mismatched = connection.scalar(
                sa.text(
                    "SELECT count(*) FROM tasks t WHERE t.state IN ('accepted','arrived') AND "
                    "(t.courier_id IS NULL OR NOT EXISTS (SELECT 1 FROM task_offers o WHERE "
                    "o.task_id = t.id AND o.status = 'accepted' AND o.courier_id = t.courier_id))"
                )
            )
            held_by_drill = len(holders)
        lost = [(t, c) for t, c in won if holders.get(t) != c]
        report.check(
            "every 2xx accept is in the database",
            not lost,
            f"{len(won)} accepts answered 2xx, {len(won) - len(lost)} held by that courier"
            + (f"; NOT HELD {lost[:5]}" if lost else ""),
        )
        winners: dict[str, set[str]] = {}
        for task_id, courier_id in [*won, *self.rival_wins]:
            winners.setdefault(task_id, set()).add(courier_id)
        two = {t: c for t, c in winners.items() if len(c) > 1}
        report.check(
            "no task held by two couriers",
            not two and not doubled_offers and not two_pending and not mismatched,
            f"tasks held {held_by_drill}; 2xx accepts from two couriers: {len(two)}; "
            f"rival accepts of a task offered to another: {fmt(self.rivals)}; tasks with two "
            f"accepted offers {doubled_offers}, two pending offers {two_pending}, "
            f"held without a matching accepted offer {mismatched}",
        )


# --- background work -------------------------------------------------------------------


def outbox_ids(engine: sa.Engine) -> set[str]:
    with engine.connect() as connection:
        return set(connection.scalars(sa.text("SELECT id FROM outbox_events")))


@dataclass
class Drain:
    events: Counter
    deliveries: Counter
    notifications: Counter
    org_events: set[str]
    received: dict[str, int]
    seconds: float

    @property
    def done(self) -> bool:
        settled = set(self.events) <= {"dispatched"}
        sent = set(self.deliveries) <= {"succeeded"}
        told = set(self.notifications) <= {"sent"}
        return settled and sent and told and self.org_events <= set(self.received)


def background_state(stack: Stack, before: set[str], org_id: str, started: float) -> Drain:
    with stack.engine.connect() as connection:
        events = connection.execute(
            sa.text("SELECT id, status, organisation_ids FROM outbox_events")
        ).all()
        deliveries = connection.execute(
            sa.text("SELECT event_id, status FROM webhook_deliveries")
        ).all()
        notes = connection.execute(sa.text("SELECT event_id, status FROM notifications")).all()
    ours = {e.id for e in events if e.id not in before}
    org_events = {
        e.id
        for e in events
        if e.id in ours
        and org_id
        in (
            e.organisation_ids
            if isinstance(e.organisation_ids, list)
            else json.loads(e.organisation_ids or "[]")
        )
    }
    return Drain(
        events=Counter(e.status for e in events if e.id in ours),
        deliveries=Counter(d.status for d in deliveries if d.event_id in ours),
        notifications=Counter(n.status for n in notes if n.event_id in ours),
        org_events=org_events,
        received=stack.sink.event_ids(),
        seconds=time.monotonic() - started,
    )


def wait_for_drain(
    stack: Stack, before: set[str], org_id: str, timeout: float = DRAIN_TIMEOUT_S
) -> Drain:
    started = time.monotonic()
    while True:
        try:
            state = background_state(stack, before, org_id, started)
        except sa.exc.OperationalError:
            time.sleep(1)
            continue
        if state.done or state.seconds > timeout:
            return state
        time.sleep(1)


def check_drain(report: Report, stack: Stack, state: Drain, what: str) -> None:
    report.info(
        f"after {state.seconds:.0f} s: outbox events {fmt(state.events)}; webhook deliveries "
        f"{fmt(state.deliveries)}; citizen notifications {fmt(state.notifications)}"
    )
    total = sum(state.events.values())
    report.check(
        f"every outbox event {what} was dispatched",
        total > 0 and set(state.events) == {"dispatched"},
        f"{state.events.get('dispatched', 0)} of {total} dispatched",
    )
    received = {e: n for e, n in state.received.items() if e in state.org_events}
    repeats = sum(n - 1 for n in received.values())
    report.check(
        f"every organisation event {what} reached its webhook receiver at least once",
        bool(state.org_events) and state.org_events <= set(received),
        f"{len(set(received))} of {len(state.org_events)} events received "
        f"({sum(received.values())} deliveries, {repeats} repeats); "
        f"bad signatures {stack.sink.bad_signatures()}",
    )
    if state.notifications:
        report.check(
            f"every citizen notification {what} was sent",
            set(state.notifications) <= {"sent"},
            fmt(state.notifications),
        )


def check_load(
    report: Report,
    stack: Stack,
    orders: Orders,
    couriers: Couriers,
    before: set[str],
    org_id: str,
) -> None:
    """After the load of a drill: the orders and accepts against the database, then the
    background work written since `before` drained."""
    orders.check(report, stack.engine)
    couriers.check(report, stack.engine)
    state = wait_for_drain(stack, before, org_id)
    check_drain(report, stack, state, "written during the drill")


def enterprise_hook(stack: Stack) -> tuple[str, str]:
    """The live-stream base's clerk subscribes the local sink to every event; returns the
    clerk's token and the organisation id."""
    fields_ = stack.login_fields("staff org_clerk (clerk.enterprise)")
    token = login(stack.base, "/v1/auth/staff/login", fields_)
    answer = send(
        requests.Session(),
        "POST",
        f"{stack.base}/v1/webhook-endpoints",
        json_body={"url": stack.sink_url, "events": ["*"], "description": "drill sink"},
        headers=bearer(token),
    )
    if not answer.ok:
        raise RuntimeError(f"webhook endpoint: {answer.label()} {answer.body}")
    stack.sink.secret = answer.body["secret"]
    return token, answer.body["organisation_id"]


def citizen_tokens(stack: Stack, count: int) -> list[str]:
    return [
        login(stack.base, "/v1/auth/wechat/login", {"code": f"demo-drill-{n}"})
        for n in range(count)
    ]


def tasks_in_hand(log: Path) -> Counter:
    """Celery tasks the worker's log shows received but not (yet) finished, by name."""
    pending: dict[str, str] = {}
    pattern = re.compile(r"Task (\S+)\[([0-9a-f-]+)\] (received|succeeded|raised|failed|retry)")
    for match in pattern.finditer(log.read_text(errors="replace")):
        name, task_id, verb = match.groups()
        if verb == "received":
            pending[task_id] = name
        else:
            pending.pop(task_id, None)
    return Counter(pending.values())


def kill9_gunicorn_worker(stack: Stack, report: Report) -> int:
    """SIGKILL the busiest gunicorn worker (most CPU over 0.3 s): likely mid-request."""
    workers = stack.gunicorn_workers()
    before = {pid: harness.cpu_seconds([pid]) for pid in workers}
    time.sleep(0.3)
    busy = {pid: harness.cpu_seconds([pid]) - before[pid] for pid in workers}
    victim = max(busy, key=busy.get)
    os.kill(victim, signal.SIGKILL)
    report.info(
        f"t={_t():.1f}s kill -9 gunicorn worker {victim} (workers {workers}, CPU s in the "
        f"last 0.3 s: {', '.join(f'{busy[p]:.2f}' for p in workers)})"
    )
    return victim


def kill9_celery_mid_task(stack: Stack, report: Report, wait_s: float = 5.0) -> None:
    """SIGKILL the Celery worker's process group, at a moment its log shows a task in hand
    if one comes within `wait_s`."""
    deadline = time.monotonic() + wait_s
    in_hand = tasks_in_hand(stack.logs()["worker"])
    while not in_hand and time.monotonic() < deadline:
        time.sleep(0.01)
        in_hand = tasks_in_hand(stack.logs()["worker"])
    pids = stack.worker.kill9()
    report.info(
        f"t={_t():.1f}s kill -9 the Celery worker's process group {pids} "
        f"(tasks received and not finished: {fmt(in_hand)})"
    )


_T0 = time.monotonic()


def _t() -> float:
    return time.monotonic() - _T0


def _reset_clock() -> None:
    global _T0
    _T0 = time.monotonic()


# --- drill 1: kill -9 workers ----------------------------------------------------------


def drill_kill_workers(stack: Stack, opts: argparse.Namespace) -> bool:
    duration = opts.duration
    report = Report("kill-workers")
    citizens = citizen_tokens(stack, CITIZEN_THREADS)
    clerk, org_id = enterprise_hook(stack)
    couriers = Couriers.on_shift(stack)
    before = outbox_ids(stack.engine)
    orders = Orders(run=f"kw{int(time.time())}")
    stop = threading.Event()

    def ordering(token: str, who: str, impatient: bool = False) -> None:
        session = requests.Session()
        while not stop.is_set():
            orders.place(session, stack.base, token, who, impatient=impatient)

    threads = [
        threading.Thread(target=ordering, args=(token, f"c{n}")) for n, token in enumerate(citizens)
    ]
    threads += [threading.Thread(target=ordering, args=(clerk, f"e{n}")) for n in range(2)]
    # Gives up on the first answer after 20 ms (the answer lost after the work committed,
    # every time), then asks again with the same key.
    threads.append(threading.Thread(target=ordering, args=(citizens[0], "impatient", True)))
    groups = [list(range(n, COURIERS, 4)) for n in range(4)]
    threads += [threading.Thread(target=couriers.loop, args=(g, stop)) for g in groups]
    report.info(
        f"load: {CITIZEN_THREADS} citizen + 2 enterprise threads ordering pickups "
        f"(Idempotency-Key, retried until definite), 1 citizen thread that drops each first "
        f"attempt after 20 ms, {COURIERS} couriers on shift accepting "
        f"offers (4 threads), for {duration:.0f} s"
    )
    _reset_clock()
    for thread in threads:
        thread.start()
    masters = stack.api.pid
    killed_api: list[int] = []
    # Gunicorn workers at these fractions of the run; the Celery worker at 0.4 (restarted
    # 3 s later, as a supervisor would).
    api_kills = (0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9)
    schedule = sorted([(f, "api") for f in api_kills] + [(0.4, "celery")])
    for at, what in schedule:
        time.sleep(max(0.0, duration * at - _t()))
        if what == "api":
            killed_api.append(kill9_gunicorn_worker(stack, report))
            continue
        kill9_celery_mid_task(stack, report)
        time.sleep(3)
        stack.worker.start()
        report.info(f"t={_t():.1f}s Celery worker restarted (pid {stack.worker.process.pid})")
    time.sleep(max(0.0, duration - _t()))
    stop.set()
    for thread in threads:
        thread.join(timeout=180)
    report.info(f"t={_t():.1f}s load stopped")
    workers_now = stack.gunicorn_workers()
    report.check(
        "gunicorn replaced the killed workers",
        stack.api.poll() is None
        and len(workers_now) == 4
        and not set(killed_api) & set(workers_now),
        f"master {masters} alive, workers now {workers_now}",
    )
    check_load(report, stack, orders, couriers, before, org_id)
    report.check(
        "the restarted Celery worker is running",
        stack.worker.alive(),
        f"pid {stack.worker.process.pid}",
    )
    return report.summary()


# --- drill 2: PostgreSQL stop and start ---------------------------------------------


class Phases:
    """Which part of the drill a moment belongs to: before, stopping, down (stopped),
    restarting (it is being started), recovering (until the first 2xx), after."""

    def __init__(self) -> None:
        self.name = "before"
        self.first_ok_after_up: float | None = None
        self.up_at: float | None = None
        self.lock = threading.Lock()

    def __call__(self) -> str:
        return self.name

    def span(self, started_in: str) -> str:
        """The phase of a request sent in `started_in` and answered now: "edge" if it
        straddled a change (sent before a server stopped, answered after)."""
        return started_in if started_in == self.name else "edge"

    def answered(self, answer: Answer) -> None:
        with self.lock:
            if self.name == "recovering" and answer.ok and self.first_ok_after_up is None:
                self.first_ok_after_up = time.monotonic()


def steady_load(
    stack: Stack,
    phases: Phases,
    tally: Tally,
    stop: threading.Event,
    orders: Orders,
    citizen: str,
    extra: list[Callable[[requests.Session], tuple[str, Answer]]] = (),
) -> list[threading.Thread]:
    """Light load: reads and orders from a citizen, plus `extra` callers; each answer is
    tallied under the phase it arrived in."""

    def reading() -> None:
        session = requests.Session()
        while not stop.is_set():
            start = phases()
            answer = send(
                session, "GET", f"{stack.base}/v1/pickups?limit=5", headers=bearer(citizen)
            )
            tally.add(f"read:{phases.span(start)}", answer)
            phases.answered(answer)
            if answer.status is None:
                session.close()
            stop.wait(0.05)

    def ordering() -> None:
        session = requests.Session()
        while not stop.is_set():
            key = new_key(f"{orders.run}-o")
            outcome = Outcome(key=key, tag=f"#{key}")
            deadline = time.monotonic() + 180
            body = order_body(outcome.tag)
            while True:
                outcome.attempts += 1
                start = phases()
                answer = send(
                    session,
                    "POST",
                    f"{stack.base}/v1/pickups",
                    json_body=body,
                    headers={**bearer(citizen), "Idempotency-Key": key},
                )
                tally.add(f"order:{phases.span(start)}", answer)
                phases.answered(answer)
                outcome.seen.append(answer.label())
                if (
                    answer.status is not None
                    and answer.status < 500
                    and answer.code != "idempotency_key_in_flight"
                ) or time.monotonic() > deadline:
                    outcome.final = answer
                    break
                if answer.status is None:
                    session.close()
                time.sleep(0.2)
            with orders.lock:
                orders.outcomes.append(outcome)
            stop.wait(0.1)

    def calling(call: Callable[[requests.Session], tuple[str, Answer]]) -> None:
        session = requests.Session()
        while not stop.is_set():
            start = phases()
            name, answer = call(session)
            tally.add(f"{name}:{phases.span(start)}", answer)
            if answer.status is None:
                session.close()
            stop.wait(0.1)

    threads = [threading.Thread(target=reading) for _ in range(2)]
    threads.append(threading.Thread(target=ordering))
    threads += [threading.Thread(target=calling, args=(call,)) for call in extra]
    return threads


def readyz(session: requests.Session, base: str) -> tuple[str, Answer]:
    return "readyz", send(session, "GET", f"{base}/readyz")


def check_outage_answers(
    report: Report, tally: Tally, kinds: list[str], phase: str, code: str, what: str
) -> None:
    for kind in kinds:
        seen = tally.phase(f"{kind}:{phase}")
        statuses = tally.statuses(f"{kind}:{phase}")
        problems = tally.problems_ok.get(f"{kind}:{phase}", Counter())
        bad = {label: n for label, n in seen.items() if label != f"503 {code}"}
        report.check(
            f"{kind}: every answer while {what} is 503 problem+json `{code}`",
            sum(seen.values()) > 0 and not bad and not problems.get("NOT problem+json"),
            f"{fmt(seen)} (content types: {fmt(problems)})",
        )
        del statuses


def readyz_down_and_no_500(report: Report, tally: Tally, what: str) -> None:
    """While `what` was down /readyz said so, and nothing anywhere answered 500."""
    ready_down = tally.phase("readyz:down")
    report.check(
        f"/readyz answers 503 while {what} is down",
        sum(ready_down.values()) > 0 and set(ready_down) == {"503"},
        fmt(ready_down),
    )
    no_500(report, tally)


def no_500(report: Report, tally: Tally) -> None:
    fives = {
        phase: n
        for phase, counter in tally.counts.items()
        for label, n in counter.items()
        if label.startswith("500")
    }
    report.check("no 500 at any time", not fives, fmt(Counter(fives)) if fives else "0")


def recover_and_finish(
    report: Report,
    phases: Phases,
    tally: Tally,
    stop: threading.Event,
    threads: list[threading.Thread],
    restart: Callable[[], None],
    restarted: Callable[[], str],
    kinds: list[tuple[str, str]],
    duration: float,
) -> None:
    """Bring the stopped server back, wait for the first 2xx, let the load run on a while,
    stop it, and print each phase's answers per kind of request."""
    phases.name = "restarting"  # from here on the server may answer again
    restart()
    phases.up_at = time.monotonic()
    phases.name = "recovering"
    report.info(restarted())
    deadline = time.monotonic() + 30
    while phases.first_ok_after_up is None and time.monotonic() < deadline:
        time.sleep(0.1)
    phases.name = "after"
    time.sleep(max(5.0, duration / 3))
    stop.set()
    for thread in threads:
        thread.join(timeout=200)
    for phase in ("before", "stopping", "down", "restarting", "recovering", "after", "edge"):
        report.info(
            f"{phase:>10}: "
            + " | ".join(f"{label} {fmt(tally.phase(f'{kind}:{phase}'))}" for kind, label in kinds)
        )


def drill_postgres_restart(stack: Stack, opts: argparse.Namespace) -> bool:
    duration, pg_mode = opts.duration, opts.pg_stop_mode
    report = Report("postgres-restart")
    citizen = citizen_tokens(stack, 1)[0]
    clerk, org_id = enterprise_hook(stack)
    before_ids = outbox_ids(stack.engine)
    api_pids = (stack.api.pid, stack.gunicorn_workers())
    worker_pids = stack.worker.pids()
    phases, tally, stop = Phases(), Tally(), threading.Event()
    orders = Orders(run=f"pg{int(time.time())}")
    threads = steady_load(
        stack, phases, tally, stop, orders, citizen, [lambda s: readyz(s, stack.base)]
    )
    down_for = max(5.0, duration / 3)
    report.info(
        f"load: 2 readers (GET /v1/pickups), 1 citizen ordering (same key until definite), "
        f"/readyz every 0.1 s; PostgreSQL (pid {stack.postgres.postmaster_pid()}) stopped "
        f"for {down_for:.0f} s"
    )
    for thread in threads:
        thread.start()
    time.sleep(5)
    started = time.monotonic()
    phases.name = "stopping"
    stack.postgres.stop(pg_mode)
    phases.name = "down"
    report.info(f"pg_ctl stop -m {pg_mode} took {time.monotonic() - started:.1f} s")
    time.sleep(down_for)
    recover_and_finish(
        report,
        phases,
        tally,
        stop,
        threads,
        stack.postgres.start,
        lambda: f"PostgreSQL started again (pid {stack.postgres.postmaster_pid()})",
        [("read", "reads"), ("order", "orders"), ("readyz", "readyz")],
        duration,
    )
    check_outage_answers(report, tally, ["read", "order"], "down", "database_unavailable", "down")
    readyz_down_and_no_500(report, tally, "the database")
    recovery = (
        phases.first_ok_after_up - phases.up_at if phases.first_ok_after_up is not None else None
    )
    report.check(
        "the API answers 2xx again within 15 s of PostgreSQL's return",
        recovery is not None and recovery <= 15,
        f"first 2xx {recovery:.2f} s after start" if recovery is not None else "no 2xx in 30 s",
    )
    after = tally.statuses("read:after") + tally.statuses("order:after")
    report.check(
        "after recovery every request is 2xx",
        sum(after.values()) > 0 and set(after) <= {"200", "201"},
        fmt(after),
    )
    report.check(
        "the same gunicorn processes recovered (no restart)",
        stack.api.poll() is None and (stack.api.pid, stack.gunicorn_workers()) == api_pids,
        f"master {api_pids[0]}, workers {api_pids[1]} -> {stack.gunicorn_workers()}",
    )
    orders.check(report, stack.engine)
    # Background work resumes on its own: an organisation order after the restart.
    session = requests.Session()
    outcome = orders.place(session, stack.base, clerk, "late")
    report.info(f"an organisation order after the restart: {outcome.final.label()}")
    state = wait_for_drain(stack, before_ids, org_id, timeout=90)
    check_drain(report, stack, state, "written before, during and after the outage")
    report.check(
        "the same Celery worker resumed (no restart)",
        stack.worker.alive()
        and stack.worker.starts == 1
        and stack.worker.pids()[0] == worker_pids[0],
        f"pids {worker_pids} -> {stack.worker.pids()}",
    )
    return report.summary()


# --- drill 3: Redis stop ----------------------------------------------------------------


def drill_redis_stop(stack: Stack, opts: argparse.Namespace) -> bool:
    duration = opts.duration
    report = Report("redis-stop")
    citizen = citizen_tokens(stack, 1)[0]
    clerk, org_id = enterprise_hook(stack)
    kiosk = stack.login_fields("API client: 门诊药房自助机")
    key = (kiosk["key_id"], kiosk["secret"])
    before_ids = outbox_ids(stack.engine)
    worker_pids = stack.worker.pids()
    phases, tally, stop = Phases(), Tally(), threading.Event()
    orders = Orders(run=f"rd{int(time.time())}")
    session = requests.Session()
    first = orders.place(session, stack.base, citizen, "probe")
    waybill = first.final.body["shipments"][0]["waybill"]
    captured: dict[str, tuple[dict[str, str], bytes]] = {}

    def kiosk_read(s: requests.Session) -> tuple[str, Answer]:
        answer, headers, raw = signed_send(s, stack.base, key, "GET", "/v1/hospital/deliveries")
        if answer.ok and "pre" not in captured and phases() == "before":
            captured["pre"] = (headers, raw)
        if phases() == "recovering":
            phases.answered(answer)
        return "signed", answer

    def org_order(s: requests.Session) -> tuple[str, Answer]:
        outcome = orders.place(s, stack.base, clerk, "e")
        return "org-order", outcome.final

    threads = steady_load(
        stack,
        phases,
        tally,
        stop,
        orders,
        citizen,
        [kiosk_read, kiosk_read, org_order, lambda s: readyz(s, stack.base)],
    )

    def tracking_burst(phase: str, count: int = 45) -> Counter:
        seen: Counter = Counter()
        for _ in range(count):
            answer = send(session, "GET", f"{stack.base}/v1/track/{waybill}?phone_last4=8000")
            seen[answer.label()] += 1
        report.info(f"public tracking x{count} ({phase}; limit 30/60 s per address): {fmt(seen)}")
        return seen

    down_for = max(8.0, duration / 3)
    report.info(
        "load: 2 readers + 1 citizen ordering (unsigned), 2 kiosk readers (signed GET "
        "/v1/hospital/deliveries), 1 organisation ordering (webhooks), /readyz; "
        f"Redis killed for {down_for:.0f} s"
    )
    for thread in threads:
        thread.start()
    time.sleep(4)
    limited_up = tracking_burst("Redis up")
    events_before_outage = outbox_ids(stack.engine)
    phases.name = "stopping"
    stack.redis.stop()
    phases.name = "down"
    report.info(f"redis-server (port {stack.redis.port}) killed")
    time.sleep(1)
    limited_down = tracking_burst("Redis down")
    time.sleep(max(0.0, down_for - 1))
    events_during_outage = outbox_ids(stack.engine) - events_before_outage
    recover_and_finish(
        report,
        phases,
        tally,
        stop,
        threads,
        stack.redis.start,
        lambda: f"redis-server started again on port {stack.redis.port}",
        [
            ("read", "reads"),
            ("order", "orders"),
            ("org-order", "org orders"),
            ("signed", "signed"),
            ("readyz", "readyz"),
        ],
        duration,
    )
    unsigned_down = (
        tally.statuses("read:down")
        + tally.statuses("order:down")
        + tally.statuses("org-order:down")
    )
    report.check(
        "unsigned calls keep answering 2xx while Redis is down",
        sum(unsigned_down.values()) > 0 and set(unsigned_down) <= {"200", "201"},
        fmt(unsigned_down),
    )
    report.check(
        "rate limits fail open while Redis is down (and hold while it is up)",
        any(label.startswith("429") for label in limited_up) and set(limited_down) == {"200"},
        f"Redis up: {fmt(limited_up)}; Redis down: {fmt(limited_down)}",
    )
    check_outage_answers(report, tally, ["signed"], "down", "nonce_store_unavailable", "down")
    recovery = (
        phases.first_ok_after_up - phases.up_at if phases.first_ok_after_up is not None else None
    )
    # Requests signed in the store's first second back carry a timestamp at or before
    # its new epoch: refused (`nonce_store_restarted`), re-signed by the client.
    signed_after = tally.phase("signed:after")
    report.check(
        "signed requests succeed again once Redis is back",
        recovery is not None
        and recovery <= 15
        and signed_after.get("200", 0) > 0
        and set(signed_after) <= {"200", "401 nonce_store_restarted"},
        (f"first 2xx {recovery:.2f} s after start; " if recovery is not None else "no 2xx; ")
        + f"after: {fmt(tally.phase('signed:after'))}",
    )
    readyz_down_and_no_500(report, tally, "Redis")
    orders.check(report, stack.engine)
    state = wait_for_drain(stack, before_ids, org_id, timeout=120)
    during = {e for e in events_during_outage}
    report.info(f"outbox events written while Redis was down: {len(during)}")
    check_drain(report, stack, state, "written before, during and after the outage")
    org_during = during & state.org_events
    first = stack.sink.first_received()
    early = [e for e in org_during if e in first and first[e] < phases.up_at]
    late = [first[e] - phases.up_at for e in org_during if e in first and first[e] >= phases.up_at]
    report.check(
        "events written while Redis was down were delivered after it returned",
        bool(org_during) and org_during <= set(first),
        f"{len(org_during & set(first))} of {len(org_during)} organisation events received by "
        f"the webhook sink: {len(early)} while Redis was down, {len(late)} after its return"
        + (f" (the last {max(late):.1f} s after)" if late else ""),
    )
    report.check(
        "the Celery worker survived the outage (no restart)",
        stack.worker.alive()
        and stack.worker.starts == 1
        and stack.worker.pids()[0] == worker_pids[0],
        f"pids {worker_pids} -> {stack.worker.pids()}",
    )
    if "pre" in captured:
        headers, _ = captured["pre"]
        replay = send(session, "GET", f"{stack.base}/v1/hospital/deliveries", headers=headers)
        report.check(
            "a signed request first sent before the outage is refused after it (the store "
            "came back empty: its nonces are forgotten, its epoch is new)",
            replay.label() == "401 nonce_store_restarted",
            replay.label(),
        )
    return report.summary()


DRILLS = {
    "kill-workers": drill_kill_workers,
    "postgres-restart": drill_postgres_restart,
    "redis-stop": drill_redis_stop,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drill", choices=[*DRILLS, "all"])
    parser.add_argument("--duration", type=float, default=30, help="seconds of load")
    parser.add_argument(
        "--pg-stop-mode",
        choices=("fast", "immediate"),
        default="fast",
        help="pg_ctl stop mode for postgres-restart (immediate: no checkpoint, crash recovery)",
    )
    parser.add_argument("--keep-logs", action="store_true", help="keep the stack's directory")
    opts = parser.parse_args()
    names = list(DRILLS) if opts.drill == "all" else [opts.drill]
    verdicts = {}
    for name in names:
        with private_stack(keep=opts.keep_logs) as stack:
            try:
                verdicts[name] = DRILLS[name](stack, opts)
            except Exception:
                logs = stack.logs()
                print(f"drill {name} crashed; last lines of the logs:", flush=True)
                for label, path in logs.items():
                    if path.exists():
                        tail = path.read_text(errors="replace").splitlines()[-15:]
                        print(f"--- {label} ({path}) ---\n" + "\n".join(tail))
                raise
    print("\n" + "  ".join(f"{name}: {'PASS' if ok else 'FAIL'}" for name, ok in verdicts.items()))
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
