"""Request bodies the bench scripts share (the demo city's addresses: pickup in the urban
station's area, recipient in the fringe's), and the mixed load's bodies that both the
load (load/locustfile.py) and its in-process twin (load/endpoints.py) send."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from harness import handwritten_signature

SENDER = {
    "name": "王小明",
    "phone": "13800138000",
    "address": "中山市孙文中路1号3栋502室",
    "lat": 22.52,
    "lng": 113.38,
}
RECIPIENT = {
    "name": "李四",
    "phone": "13912345678",
    "address": "中山市博爱路88号2栋101室",
    "lat": 22.52,
    "lng": 113.45,
}
PATIENT = {
    "name": "张三",
    "phone": "13800138000",
    "address": "中山市博爱路88号2栋101室",
    "lat": 22.52,
    "lng": 113.45,
}
RECEIVER = {"name": "李四", "relation": "self"}


def quote(rng: random.Random) -> dict:
    """A citizen's quote for an express parcel."""
    return {
        "product": "express",
        "pickup": SENDER,
        "recipient": RECIPIENT,
        "weight_g": rng.choice((300, 800, 1500, 4200)),
        "declared_value_fen": 50_000,
        "insured_amount_fen": rng.choice((0, 50_000)),
    }


def prescription(rng: random.Random, windows: list[str]) -> tuple[str, dict]:
    """A kiosk's prescription delivery: (its reference number, the body)."""
    reference = f"RX{rng.randrange(10**9):09d}"
    return reference, {
        "channel": "kiosk",
        "reference_no": reference,
        "pickup_point_id": rng.choice(windows),
        "recipient": PATIENT,
        "items": [{"name": "阿莫西林胶囊", "quantity": rng.randint(1, 3)}],
        "declared_value_fen": 8_000,
    }


def pings(rng: random.Random, at: list[float]) -> dict:
    """1-5 positions a few metres apart; `at` is the courier's [lat, lng], moved along."""
    out = []
    for _ in range(rng.randint(1, 5)):
        at[0] += rng.uniform(-0.0005, 0.0005)
        at[1] += rng.uniform(-0.0005, 0.0005)
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        out.append({"lat": at[0], "lng": at[1], "recorded_at": now, "accuracy_m": 8})
    return {"pings": out}


def delivery(rng: random.Random) -> dict:
    """An online delivery: the receiver and a handwritten signature."""
    return {"receiver": RECEIVER, "signature": handwritten_signature(rng)}


def offline_doors(
    rng: random.Random, doors: list[tuple[str, str]], at: tuple[float, float]
) -> list[dict]:
    """A handheld's queue after `doors` visits (task id, waybill) while offline: an arrival
    and a delivery (9 in 10) or a failed attempt each, 0.2 s apart, the last just now."""
    when = datetime.now(UTC) - timedelta(seconds=0.4 * len(doors) + 1)
    events = []
    for task_id, waybill in doors:
        common = {"task_id": task_id, "lat": at[0], "lng": at[1]}
        arrive = {"kind": "arrive", "occurred_at": when.isoformat(), "payload": {}}
        if rng.random() < 0.9:
            done = {"kind": "deliver", "waybill": waybill, "payload": delivery(rng)}
        else:
            done = {"kind": "fail", "payload": {"reason_code": "nobody_home"}}
        done["occurred_at"] = (when + timedelta(seconds=0.2)).isoformat()
        when += timedelta(seconds=0.4)
        for one in (arrive, done):
            events.append({"client_event_id": str(uuid.uuid4()), **common, **one})
    return events
