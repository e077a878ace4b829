"""Honest quotes: under a backlog the couriers on shift cannot clear within the hour, a
quote says so and gives the earliest honest pickup time; an order keeps it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from courier_api.core import clock
from courier_api.dispatch.geo import MOVEMENT
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.network.models import Station
from courier_api.pickups import admission
from courier_api.tasks.models import Task
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")
PLACE = {"name": "王小明", "phone": "13800138000", "address": "中山市孙文中路1号3栋502室"}
PICKUP = {**PLACE, "lat": 22.52, "lng": 113.38}
PARCEL = {
    "recipient": {**PLACE, "name": "李四", "lat": 22.52, "lng": 113.45},
    "weight_g": 2500,
    "declared_value_fen": 300_000,
    "insured_amount_fen": 200_000,
}


def when(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def citizen(client, world, app):
    clock.freeze(datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI))
    with app.app_context():  # one courier on shift, at the pickup address
        courier = db.session.get(Courier, world.couriers["courier_a"])
        courier.on_shift, courier.last_lat, courier.last_lng = True, 22.52, 113.38
        courier.last_seen_at = clock.now()
        db.session.commit()
    body = client.post("/v1/auth/wechat/login", json={"code": "demo-sender"}).get_json()
    return {"Authorization": f"Bearer {body['access_token']}"}


def _quote(client, citizen):
    response = client.post(
        "/v1/quotes", json={"product": "express", "pickup": PICKUP, **PARCEL}, headers=citizen
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _order_inline(client, citizen, key):
    response = client.post(
        "/v1/pickups",
        json={"product": "express", "pickup": PICKUP, "parcels": [PARCEL]},
        headers={**citizen, "Idempotency-Key": key},
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_the_movement_model_is_the_dispatch_engines() -> None:
    assert (
        MOVEMENT.speed_kmh,
        MOVEMENT.detour,
        MOVEMENT.dwell_s,
    ) == (admission.SPEED_KMH, admission.DETOUR, admission.DWELL_S)


def test_with_couriers_free_the_hour_is_promised(client, citizen):
    quote = _quote(client, citizen)
    assert quote["promise_available"] is True
    assert when(quote["pickup_by"]) - when(quote["promise_start"]) == timedelta(hours=1)


def test_a_backlog_the_fleet_cannot_clear_gets_an_honest_later_time(client, citizen, as_, app):
    # One courier, 4 minutes at each door: 14 pickups waiting are ~56 minutes of work.
    before = _quote(client, citizen)
    orders = [_order_inline(client, citizen, f"b{n}") for n in range(14)]
    assert orders[0]["promised_beyond_hour"] is False
    quote = _quote(client, citizen)
    assert quote["promise_available"] is False
    start, honest = when(quote["promise_start"]), when(quote["pickup_by"])
    assert honest > start + timedelta(hours=1)
    assert honest >= start + timedelta(minutes=14 * 4)
    assert honest.minute % 5 == 0
    assert when(quote["deliver_by"]) >= when(before["deliver_by"])
    assert "cannot be kept" in quote["notice"]

    # Ordered from the quote: the order keeps the quote's time and says so.
    response = client.post(
        "/v1/pickups", json={"quote_id": quote["id"]}, headers={**citizen, "Idempotency-Key": "q"}
    )
    order = response.get_json()
    assert response.status_code == 201, order
    assert when(order["pickup_by"]) == honest
    assert order["promised_beyond_hour"] is True
    with app.app_context():  # dispatch and the SLA monitor work to the honest time
        assert db.session.get(Task, order["task"]["id"]).deadline == honest

    # Ordered without a quote, under the same backlog: the same honest reckoning.
    inline = _order_inline(client, citizen, "late-inline")
    assert inline["promised_beyond_hour"] is True
    assert when(inline["pickup_by"]) > when(inline["promise_start"]) + timedelta(hours=1)

    # The SLA report counts them apart, each against its own promise.
    report = client.get("/v1/reports/pickup-sla?date=2026-11-23", headers=as_("admin")).get_json()
    [row] = report["stations"]
    beyond = row["beyond_hour"]["promises"]
    assert beyond >= 2
    assert row["promises"] + beyond == len(orders) + 2
    assert row["beyond_hour"]["pending"] == beyond


def _age_the_measured_supply(app, world) -> str:
    """Move the clock past the worker's measured supply, the courier's position kept fresh;
    the courier's region."""
    clock.freeze(clock.now() + admission.SUPPLY_MAX_AGE)
    with app.app_context():
        courier = db.session.get(Courier, world.couriers["courier_a"])
        courier.last_seen_at = clock.now()
        region_id = db.session.get(Station, courier.station_id).region_id
        db.session.commit()
    return region_id


def test_a_backlog_other_workers_took_is_seen_once_the_measured_supply_ages(
    client, citizen, app, world
):
    # A worker measures its region's supply at most every SUPPLY_MAX_AGE; pickups it
    # admits itself are counted at once (above), others' when it measures again.
    assert _quote(client, citizen)["promise_available"] is True
    with app.app_context():  # 14 pickups ordered through another worker
        for n in range(14):
            factories.make_pickup_task(world, address=f"中山市孙文中路{n}号")
        db.session.commit()
    assert _quote(client, citizen)["promise_available"] is True
    _age_the_measured_supply(app, world)
    late = _quote(client, citizen)
    assert late["promise_available"] is False
    assert when(late["pickup_by"]) >= when(late["promise_start"]) + timedelta(minutes=14 * 4)


def test_pickups_admitted_while_the_supply_is_measured_are_kept(
    client, citizen, app, world, monkeypatch
):
    # Other threads of the worker admit 14 pickups while one measures: their tasks are
    # not committed, so the measurement cannot see them; they must not be dropped.
    assert _quote(client, citizen)["promise_available"] is True
    region_id = _age_the_measured_supply(app, world)
    measure = admission._measure

    def measured_while_others_order(region: str, now: datetime) -> admission.Supply | None:
        found = measure(region, now)
        for _ in range(14):
            admission.count_in(region_id, PICKUP["lat"], PICKUP["lng"], now, now)
        return found

    monkeypatch.setattr(admission, "_measure", measured_while_others_order)
    assert _quote(client, citizen)["promise_available"] is False
    monkeypatch.setattr(admission, "_measure", measure)
    assert _quote(client, citizen)["promise_available"] is False  # the kept supply
