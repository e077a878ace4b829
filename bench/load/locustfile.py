"""The real client mix as Locust users (run by bench/load/run.py, which makes the fixtures).

Three kinds of caller, each a FastHttpUser paced to a share of the offered rate:

- citizens (WeChat mini-program): quote, order a pickup from the quote (Idempotency-Key),
  read their orders and the timeline of their parcels, and public tracking by waybill;
- hospital kiosks (signed API clients): place prescription deliveries (Idempotency-Key)
  and read them back;
- couriers (handhelds): location pings in small batches, their task list and one task,
  accept what dispatch offers them, deliver loaded items online with a signature, and
  upload offline work through sync in batches of 10-50 events.

Every request is named by its route template (no ids) so the figures group per endpoint.
The fixtures file (`LOAD_FIXTURES`, JSON) holds tokens, kiosk keys and each courier's
loaded delivery tasks; what the users did (ids, verdicts) is written to `LOAD_COUNTERS`
when Locust quits, for the driver's consistency check.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import gevent
from locust import FastHttpUser, events, task
from locust.runners import Runner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/
import bodies
from bodies import RECIPIENT

REPO = Path(__file__).resolve().parents[2]
FIXTURES = json.loads(Path(os.environ["LOAD_FIXTURES"]).read_text())
RATE = float(os.environ.get("LOAD_RATE", "330"))
WARMUP_S = float(os.environ.get("LOAD_WARMUP_S", "10"))
SHARES = {"citizen": 0.50, "courier": 0.40, "kiosk": 0.10}

# The signing recipe every client ships (standard library only), loaded by path so that
# Locust's process does not import the Flask application.
_spec = importlib.util.spec_from_file_location("signing", REPO / "courier_api" / "signing.py")
signing = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(signing)

COUNTERS: Counter[str] = Counter()
SAMPLES: list[dict] = []  # the first refusals, for the driver to show
CREATED: dict[str, list[str]] = {"pickups": [], "hospital_deliveries": []}


def _pacing(kind: str) -> float:
    """Seconds between one user's requests so that its kind gets its share of RATE."""
    users = FIXTURES["users"][kind]
    return users / (RATE * SHARES[kind])


class Paced(FastHttpUser):
    abstract = True
    kind = ""
    # The connection pool of FastHttpUser is per user: one keep-alive connection each.
    concurrency = 1
    network_timeout = 30.0
    connection_timeout = 10.0

    def wait_time(self) -> float:
        # constant_pacing with a random phase, so users do not fire in lock-step.
        pacing = _pacing(self.kind)
        return max(0.0, pacing * random.uniform(0.5, 1.5) - self._last_took)

    _last_took = 0.0

    def _post(self, path: str, body: dict, name: str, headers: dict | None = None, ok=(200,)):
        return self._send("POST", path, name, body, headers, ok)

    def _get(self, path: str, name: str, headers: dict | None = None, ok=(200,), auth=True):
        return self._send("GET", path, name, None, headers, ok, auth)

    def _send(self, method, path, name, body, headers, ok, auth=True):
        started = datetime.now(UTC)
        kwargs = {"name": name, "headers": {**(self.auth if auth else {}), **(headers or {})}}
        if body is not None:
            kwargs["data"] = json.dumps(body, ensure_ascii=False).encode()
            kwargs["headers"]["Content-Type"] = "application/json"
        with self.client.request(method, path, catch_response=True, **kwargs) as response:
            if response.status_code in ok:
                response.success()
                answer = response.json() if response.text else {}
            else:
                COUNTERS[f"{name} -> {response.status_code}"] += 1
                response.failure(f"{response.status_code}: {(response.text or '')[:200]}")
                answer = None
        self._last_took = (datetime.now(UTC) - started).total_seconds()
        return answer


class Citizen(Paced):
    """A WeChat mini-program user: quotes, orders from the quote, tracks."""

    kind = "citizen"
    fixed_count = FIXTURES["users"]["citizen"]

    def on_start(self) -> None:
        me = FIXTURES["citizens"].pop()
        FIXTURES["citizens"].insert(0, me)  # more users than citizens: share round-robin
        self.auth = {"Authorization": f"Bearer {me['token']}"}
        self.pickups: list[str] = list(me["pickups"])
        self.shipments: list[tuple[str, str]] = [tuple(s) for s in me["shipments"]]
        # Not `self.quote`: that is the task below, which `order` falls back to.
        self.quoted: tuple[str, datetime] | None = None
        self.rng = random.Random()

    @task(3)
    def quote(self) -> None:
        answer = self._post("/v1/quotes", bodies.quote(self.rng), "POST /v1/quotes", ok=(200, 201))
        if answer:
            self.quoted = (answer["id"], datetime.now(UTC))

    @task(2)
    def order(self) -> None:
        if self.quoted is None or datetime.now(UTC) - self.quoted[1] > timedelta(minutes=10):
            return self.quote()  # nothing quoted lately: quote first
        quote_id, self.quoted = self.quoted[0], None
        key = {"Idempotency-Key": f"load-{uuid.uuid4().hex}"}
        answer = self._post(
            "/v1/pickups", {"quote_id": quote_id}, "POST /v1/pickups", key, ok=(201,)
        )
        COUNTERS["pickups_sent"] += 1
        if answer:
            COUNTERS["pickups_2xx"] += 1
            CREATED["pickups"].append(answer["id"])
            self.pickups.append(answer["id"])
            self.shipments += [(s["id"], s["waybill"]) for s in answer["shipments"]]

    @task(3)
    def read_order(self) -> None:
        pickup = self.rng.choice(self.pickups)
        self._get(f"/v1/pickups/{pickup}", "GET /v1/pickups/{id}")

    @task(1)
    def list_orders(self) -> None:
        self._get("/v1/pickups?limit=20", "GET /v1/pickups")

    @task(2)
    def timeline(self) -> None:
        shipment, _ = self.rng.choice(self.shipments)
        self._get(f"/v1/shipments/{shipment}/timeline", "GET /v1/shipments/{id}/timeline")

    @task(2)
    def public_tracking(self) -> None:
        _, waybill = self.rng.choice(self.shipments)
        self._get(
            f"/v1/track/{waybill}?phone_last4={RECIPIENT['phone'][-4:]}",
            "GET /v1/track/{waybill}",
            auth=False,  # public: the recipient has the waybill, not an account
        )


class Kiosk(Paced):
    """A hospital's self-service payment kiosk: prescription deliveries, signed."""

    kind = "kiosk"
    fixed_count = FIXTURES["users"]["kiosk"]
    auth: dict[str, str] = {}

    def on_start(self) -> None:
        self.key = FIXTURES["kiosks"].pop()
        FIXTURES["kiosks"].insert(0, self.key)
        self.mine: list[str] = []
        self.rng = random.Random()

    def _signed(self, method: str, path: str, body: bytes) -> dict[str, str]:
        return signing.signed_headers(self.key["key_id"], self.key["secret"], method, path, body)

    @task(3)
    def prescription(self) -> None:
        reference, body = bodies.prescription(self.rng, FIXTURES["pharmacy_windows"])
        raw = json.dumps(body, ensure_ascii=False).encode()
        headers = self._signed("POST", "/v1/hospital/deliveries", raw)
        headers |= {"Content-Type": "application/json", "Idempotency-Key": f"rx-{reference}"}
        started = datetime.now(UTC)
        name = "POST /v1/hospital/deliveries"
        COUNTERS["hospital_sent"] += 1
        with self.client.request(
            "POST",
            "/v1/hospital/deliveries",
            name=name,
            data=raw,
            headers=headers,
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                response.success()
                COUNTERS["hospital_2xx"] += 1
                made = response.json()["id"]
                CREATED["hospital_deliveries"].append(made)
                self.mine.append(made)
            else:
                COUNTERS[f"{name} -> {response.status_code}"] += 1
                response.failure(f"{response.status_code}: {(response.text or '')[:200]}")
        self._last_took = (datetime.now(UTC) - started).total_seconds()

    @task(1)
    def read_back(self) -> None:
        if not self.mine:
            return self.prescription()
        path = f"/v1/hospital/deliveries/{self.rng.choice(self.mine)}"
        self._get(path, "GET /v1/hospital/deliveries/{id}", self._signed("GET", path, b""))


class Courier(Paced):
    """A courier's handheld out on delivery (items loaded before the run)."""

    kind = "courier"
    fixed_count = FIXTURES["users"]["courier"]

    def on_start(self) -> None:
        me = FIXTURES["couriers"].pop()
        self.auth = {"Authorization": f"Bearer {me['token']}"}
        self.loaded: list[tuple[str, str]] = [tuple(t) for t in me["tasks"]]
        self.rng = random.Random(me["token"][-16:])
        self.at = [me["lat"], me["lng"]]
        self.offered: list[str] = []
        self.seen: list[str] = []
        self.list_tag: str | None = None

    def _next(self) -> tuple[str, str] | None:
        if not self.loaded:
            COUNTERS["courier_pool_empty"] += 1
            return None
        return self.loaded.pop()

    @task(8)
    def locations(self) -> None:
        self._post(
            "/v1/courier/locations",
            bodies.pings(self.rng, self.at),
            "POST /v1/courier/locations",
            ok=(202,),
        )

    @task(3)
    def my_tasks(self) -> None:
        """The list the handheld polls, with the ETag of the list it holds, as a real
        handheld does: 304 while nothing changed (issue #30)."""
        headers = {"If-None-Match": self.list_tag} if self.list_tag else None
        started = datetime.now(UTC)
        with self.client.request(
            "GET",
            "/v1/courier/tasks?limit=50",
            name="GET /v1/courier/tasks",
            headers={**self.auth, **(headers or {})},
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                response.success()
                answer = response.json()
                self.list_tag = response.headers.get("ETag")
                self.offered = [t["id"] for t in answer["items"] if t["state"] == "offered"]
                self.seen = [t["id"] for t in answer["items"]]
                COUNTERS["task_list_200"] += 1
            elif response.status_code == 304:
                response.success()
                COUNTERS["task_list_304"] += 1
            else:
                COUNTERS[f"GET /v1/courier/tasks -> {response.status_code}"] += 1
                response.failure(f"{response.status_code}: {(response.text or '')[:200]}")
        self._last_took = (datetime.now(UTC) - started).total_seconds()

    @task(1)
    def one_task(self) -> None:
        if not self.seen:
            return self.my_tasks()
        task_id = self.rng.choice(self.seen)
        # A task delivered meanwhile may still be listed: 404 is not an error here.
        self._get(f"/v1/courier/tasks/{task_id}", "GET /v1/courier/tasks/{id}", ok=(200, 404))

    @task(1)
    def accept(self) -> None:
        if not self.offered:
            return self.locations()
        task_id = self.offered.pop()
        # The offer may have expired or been withdrawn since the list: 404/409 are answers.
        answer = self._post(
            f"/v1/courier/tasks/{task_id}/accept",
            {},
            "POST /v1/courier/tasks/{id}/accept",
            ok=(200, 404, 409),
        )
        COUNTERS["accept_2xx" if answer and "state" in answer else "accept_refused"] += 1

    @task(3)
    def deliver(self) -> None:
        loaded = self._next()
        if loaded is None:
            return self.locations()
        task_id, _ = loaded
        COUNTERS["deliver_sent"] += 1
        answer = self._post(
            f"/v1/courier/tasks/{task_id}/deliver",
            bodies.delivery(self.rng),
            "POST /v1/courier/tasks/{id}/deliver",
        )
        if answer:
            COUNTERS["deliver_2xx"] += 1

    @task(1)
    def sync(self) -> None:
        """Work done while offline: 5-25 doors, each an arrival and a delivery (9 in 10) or
        a failed attempt, uploaded as one batch of 10-50 events."""
        doors = []
        for _ in range(self.rng.randint(5, 25)):
            loaded = self._next()
            if loaded is None:
                break
            doors.append(loaded)
        if not doors:
            return self.locations()
        events = bodies.offline_doors(self.rng, doors, tuple(self.at))
        COUNTERS["sync_events_sent"] += len(events)
        answer = self._post("/v1/courier/sync", {"events": events}, "POST /v1/courier/sync")
        if answer:
            for event, verdict in zip(events, answer["verdicts"], strict=True):
                code = f":{verdict['code']}" if verdict["code"] else ""
                COUNTERS[f"sync {event['kind']} {verdict['status']}{code}"] += 1
                if verdict["status"] == "rejected" and len(SAMPLES) < 10:
                    SAMPLES.append({"event": event, "verdict": verdict})


@events.test_start.add_listener
def _reset_after_warmup(environment, **_kwargs) -> None:
    """The measured window starts after the warm-up: percentiles of a cold start (first
    connections, first statements of each worker) are not the steady state."""
    runner: Runner = environment.runner

    def reset() -> None:
        runner.stats.reset_all()
        COUNTERS["stats_reset"] += 1

    gevent.spawn_later(WARMUP_S, reset)


# run.py --trace: every request, to tell a steady queue from bursts.
TRACE_PATH = os.environ.get("LOAD_TRACE")
TRACE: list[tuple[float, float, str]] = []
if TRACE_PATH:

    @events.request.add_listener
    def _trace(request_type, name, response_time, **_kwargs) -> None:
        TRACE.append((time.time(), response_time, name))


@events.quitting.add_listener
def _write_counters(environment, **_kwargs) -> None:
    if TRACE_PATH:
        Path(TRACE_PATH).write_text(json.dumps(TRACE))
    path = os.environ.get("LOAD_COUNTERS")
    if path:
        Path(path).write_text(
            json.dumps({"counters": COUNTERS, "created": CREATED, "samples": SAMPLES})
        )
