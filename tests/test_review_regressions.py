"""Regressions for defects a review found (each reproduced before it was fixed)."""

from __future__ import annotations

import base64
import json

from courier_api.core import clock
from tests.factories import make_api_client, make_shipments, signed
from tests.helpers import assert_problem
from tests.pickups.test_pickup_flow import (
    PICKUP,
    _held_by_courier_a,
    _ordered,
    at_local,
    login_citizen,
)


def test_station_staff_cannot_scan_in_from_another_stations_courier(client, as_, app, world):
    holder = ("courier", world.couriers["courier_b"])
    with app.app_context():
        [shipment] = make_shipments(world, state="picked_up", holder=holder, station="B")
    response = client.post(
        "/v1/handovers",
        json={
            "kind": "station_in",
            "station_id": world.stations["A"],
            "from": {"kind": "courier", "id": world.couriers["courier_b"]},
            "items": [{"waybill": shipment.waybill}],
        },
        headers=as_("dispatcher_a"),
    )
    assert_problem(response, 404, "courier_not_found")


def test_dispatchers_see_the_pickup_address_masked(client, as_, world):
    clock.freeze(at_local(10, 0))
    order = _ordered(client, login_citizen(client))
    task = client.get(
        f"/v1/dispatch/tasks/{order['task']['id']}", headers=as_("dispatcher_a")
    ).get_json()
    assert task["address"] != PICKUP["address"] and task["address"].endswith("*栋***室")
    board = client.get("/v1/dispatch/board", headers=as_("dispatcher_a")).get_json()
    assert PICKUP["address"] not in json.dumps(board, ensure_ascii=False)


def test_a_non_hex_signature_is_401_not_500(client, app, world):
    with app.app_context():
        kiosk = make_api_client(world)
    response = signed(client, "GET", "/v1/stations", kiosk, extra_headers={"X-Signature": "é" * 64})
    assert_problem(response, 401, "invalid_signature")


def test_an_arrival_cannot_be_backdated_before_acceptance(client, as_, world):
    clock.freeze(at_local(10, 0))
    order = _ordered(client, login_citizen(client))
    task_id, courier = _held_by_courier_a(client, as_, world, order)
    response = client.post(
        f"/v1/courier/tasks/{task_id}/arrive",
        json={"occurred_at": "2026-11-22T00:00:00Z"},
        headers=courier,
    )
    problem = assert_problem(response, 422, "device_time_out_of_range")
    assert problem["errors"][0]["field"] == "occurred_at"
    assert problem["errors"][0]["code"] == "out_of_range"
    future = client.post(
        f"/v1/courier/tasks/{task_id}/arrive",
        json={"occurred_at": "2026-11-23T03:00:00Z"},
        headers=courier,
    )
    assert_problem(future, 422, "device_time_out_of_range")


def test_collecting_through_handovers_needs_the_arrival_scan(client, as_, world):
    clock.freeze(at_local(10, 0))
    order = _ordered(client, login_citizen(client))
    task_id, courier = _held_by_courier_a(client, as_, world, order)
    response = client.post(
        "/v1/handovers",
        headers=courier,
        json={
            "kind": "collect",
            "task_id": task_id,
            "items": [{"waybill": order["shipments"][0]["waybill"]}],
        },
    )
    problem = assert_problem(response, 409, "not_arrived")
    assert problem["current_state"] == "accepted"


def test_forged_cursors_nul_characters_and_huge_amounts_are_4xx(client, as_, world):
    admin = as_("admin")
    for value in ({"x": 1}, [1], None, True, 5):
        cursor = base64.urlsafe_b64encode(json.dumps({"after": value}).encode()).decode()
        assert_problem(
            client.get(f"/v1/couriers?cursor={cursor}", headers=admin), 400, "invalid_cursor"
        )
    assert_problem(client.get("/v1/shipments/%00", headers=admin), 400, "invalid_value")
    login = client.post("/v1/auth/staff/login", json={"username": "a\u0000", "password": "x"})
    assert login.status_code in (400, 401)
    clock.freeze(at_local(10, 0))
    citizen = login_citizen(client)
    huge = client.post(
        "/v1/quotes",
        headers=citizen,
        json={"pickup": PICKUP, "recipient": PICKUP, "weight_g": 1000, "cod_amount_fen": 10**19},
    )
    assert_problem(huge, 422, "validation_failed")
