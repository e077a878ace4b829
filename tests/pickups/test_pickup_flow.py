"""On-demand pickup end to end: quote, order, dispatcher assignment, courier flow."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.waybill import make_waybill
from courier_api.custody.models import CustodyEvent
from courier_api.extensions import db
from courier_api.network.models import Station
from courier_api.shipments.models import Shipment
from tests.factories import PICKUP, RECIPIENT, box, make_api_client, make_organisation, signed
from tests.helpers import (
    assert_problem,
    at_local,
    count_rows,
    login_citizen,
    order_pickup,
    quote,
    take_task,
)


def test_quote_prices_from_the_catalogue_and_promises_in_shanghai(client, citizen, world):
    response = quote(client, citizen, pin_sign_off=True, cod_amount_fen=10_000)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["origin_station_id"] == world.stations["A"]
    assert body["destination_station_id"] == world.stations["B"]
    assert body["fee_lines"] == [
        {"code": "first_kg", "amount_fen": 1200},
        {"code": "extra_weight", "amount_fen": 400},  # 2.5 kg: two started extra kg
        {"code": "insurance_premium", "amount_fen": 2000},  # 1 % of 200,000
        {"code": "pin_sign_off", "amount_fen": 100},
        {"code": "cod_fee", "amount_fen": 200},  # 1 % of 10,000 is 100; the minimum is 200
    ]
    assert body["total_fen"] == 3900 and body["currency"] == "CNY"
    assert body["promise_start"] == "2026-11-23T02:00:00Z"
    assert body["pickup_by"] == "2026-11-23T03:00:00Z"
    assert body["deliver_by"] == "2026-11-24T05:00:00Z"  # 13:00 next day (fringe destination)
    assert body["expires_at"] == "2026-11-23T02:15:00Z"
    assert body["station_open_now"] is True and body["notice"] is None


def test_after_the_cutoff_delivery_moves_a_day_and_township_means_18h(client, citizen, world, app):
    with app.app_context():
        db.session.execute(
            sa.update(Station).values(area_type="township").where(Station.id == world.stations["B"])
        )
        db.session.commit()
    clock.freeze(at_local(16, 30))  # pickup_by 17:30, after the 17:00 cut-off
    body = quote(client, login_citizen(client)).get_json()
    assert body["deliver_by"] == "2026-11-25T10:00:00Z"  # 18:00 two days on


def test_a_station_edited_meanwhile_is_read_afresh(client, citizen, world, as_, app):
    """Each worker keeps stations' service areas; an edit, through the API or any UPDATE,
    is seen by the next quote all the same."""
    assert quote(client, citizen).get_json()["destination_station_id"] == world.stations["B"]
    admin = as_("admin")
    url = f"/v1/stations/{world.stations['B']}"
    etag = client.get(url, headers=admin).headers["ETag"]
    # The same bounding box, but the recipient's corner cut off.
    shrunk = {"service_area": [[113.42, 22.49], [113.50, 22.49], [113.50, 22.56], [113.42, 22.49]]}
    edited = client.patch(url, json=shrunk, headers={**admin, "If-Match": etag})
    assert edited.status_code == 200, edited.get_json()
    refused = assert_problem(quote(client, citizen), 422, "outside_service_area")
    assert [e["field"] for e in refused["errors"]] == ["recipient"]
    clock.freeze(at_local(10, 1))
    with app.app_context():  # an UPDATE outside the API: the version stays, the time moves
        db.session.execute(
            sa.update(Station)
            .where(Station.id == world.stations["B"])
            .values(service_area=box(113.42, 22.49, 113.50, 22.56))
        )
        db.session.commit()
    assert quote(client, citizen).get_json()["destination_station_id"] == world.stations["B"]


def test_small_insurance_pays_the_minimum_premium(client, citizen, world):
    body = quote(client, citizen, declared_value_fen=5_000, insured_amount_fen=5_000).get_json()
    assert {"code": "insurance_premium", "amount_fen": 100} in body["fee_lines"]


def test_order_at_night_starts_the_promise_at_opening(client, citizen, world, app):
    with app.app_context():
        db.session.execute(
            sa.update(Station)
            .where(Station.id == world.stations["A"])
            .values(opening_hours=[{"open": "08:00", "close": "20:00"}] * 7)
        )
        db.session.commit()
    clock.freeze(at_local(23, 10))
    citizen = login_citizen(client)
    body = quote(client, citizen).get_json()
    assert body["station_open_now"] is False
    assert body["promise_start"] == "2026-11-24T00:00:00Z"  # 08:00 next morning
    assert body["pickup_by"] == "2026-11-24T01:00:00Z"
    assert "08:00" in body["notice"]
    order = client.post(
        "/v1/pickups",
        json={"quote_id": body["id"]},
        headers={**citizen, "Idempotency-Key": "night-1"},
    ).get_json()
    assert order["promise_start"] == "2026-11-24T00:00:00Z"


def test_citizen_orders_dispatcher_assigns_courier_picks_up(client, citizen, as_, world, app):
    q = quote(client, citizen).get_json()
    created = client.post(
        "/v1/pickups", json={"quote_id": q["id"]}, headers={**citizen, "Idempotency-Key": "order-1"}
    )
    assert created.status_code == 201, created.get_json()
    order = created.get_json()
    assert order["state"] == "open" and order["total_fee_fen"] == q["total_fen"]
    read_back = client.get(created.headers["Location"], headers=citizen)
    assert read_back.status_code == 200 and read_back.get_json()["id"] == order["id"]
    [shipment] = order["shipments"]
    assert shipment["state"] == "awaiting_pickup"
    task_id = order["task"]["id"]

    dispatcher = as_("dispatcher_a")
    courier = as_("courier_a")
    assert (
        client.post("/v1/courier/shift", json={"on_shift": True}, headers=courier).status_code
        == 200
    )
    client.post(
        "/v1/courier/locations",
        headers=courier,
        json={"pings": [{"lat": 22.51, "lng": 113.37, "recorded_at": "2026-11-23T01:59:00Z"}]},
    )
    board = client.get("/v1/dispatch/board", headers=dispatcher).get_json()
    assert [t["id"] for t in board["tasks"]] == [task_id]
    assert board["couriers"][0]["last_lat"] == 22.51
    etag = client.get(f"/v1/dispatch/tasks/{task_id}", headers=dispatcher).headers["ETag"]
    assigned = client.post(
        f"/v1/dispatch/tasks/{task_id}/assign",
        json={"courier_id": world.couriers["courier_a"]},
        headers={**dispatcher, "If-Match": etag},
    )
    assert assigned.status_code == 200, assigned.get_json()
    assert assigned.get_json()["offer"]["courier_id"] == world.couriers["courier_a"]

    clock.freeze(at_local(10, 1))  # within the 90 s offer
    mine = client.get("/v1/courier/tasks", headers=courier).get_json()["items"]
    assert [t["id"] for t in mine] == [task_id]
    view = client.get(f"/v1/courier/tasks/{task_id}", headers=courier).get_json()
    assert view["address"] == PICKUP["address"]  # the courier sees the full address...
    assert view["contact_phone"] == "138******00"  # ...but a masked phone
    assert client.post(f"/v1/courier/tasks/{task_id}/accept", headers=courier).status_code == 200
    clock.freeze(at_local(10, 40))
    courier = as_("courier_a")  # the handheld has refreshed its 15-minute token meanwhile
    citizen = login_citizen(client)
    arrived = client.post(
        f"/v1/courier/tasks/{task_id}/arrive", json={}, headers=courier
    ).get_json()
    assert arrived["arrived_at"] == "2026-11-23T02:40:00Z"  # inside the promise
    picked = client.post(
        f"/v1/courier/tasks/{task_id}/pickup",
        headers=courier,
        json={"items": [{"waybill": shipment["waybill"]}]},
    )
    assert picked.status_code == 200, picked.get_json()
    assert picked.get_json()["missing"] == [] and picked.get_json()["extra"] == []

    after = client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()
    assert after["state"] == "picked_up"
    assert after["shipments"][0]["state"] == "picked_up"
    assert after["task"]["state"] == "completed"
    with app.app_context():
        kinds = db.session.scalars(
            sa.select(CustodyEvent.kind)
            .where(CustodyEvent.shipment_id == shipment["id"])
            .order_by(CustodyEvent.seq)
        ).all()
    assert kinds == ["created", "picked_up"]
    # Cancelling once picked up is refused.
    assert_problem(
        client.post(f"/v1/pickups/{order['id']}/cancel", headers=citizen),
        409,
        "pickup_not_cancellable",
    )


def test_dispatchers_see_the_pickup_address_masked(client, citizen, as_, world):
    order = order_pickup(client, citizen)
    task = client.get(
        f"/v1/dispatch/tasks/{order['task']['id']}", headers=as_("dispatcher_a")
    ).get_json()
    assert task["address"] != PICKUP["address"] and task["address"].endswith("*栋***室")
    board = client.get("/v1/dispatch/board", headers=as_("dispatcher_a")).get_json()
    assert PICKUP["address"] not in json.dumps(board, ensure_ascii=False)


def _enterprise_kiosk(app, world):
    with app.app_context():
        return make_api_client(world, make_organisation(world, "enterprise"))


def test_each_parcel_goes_to_the_station_serving_its_recipient(client, citizen, world):
    """The stations of the pickup and of every recipient come from one lookup: each
    address still gets its own station, and one outside every area is named."""
    parcels = [
        {"recipient": RECIPIENT, "weight_g": 900},  # station B's area
        {"recipient": {**RECIPIENT, "lng": 113.39}, "weight_g": 900},  # station A's
        {"recipient": {**RECIPIENT, "lng": 113.45}, "weight_g": 900},  # B again
    ]

    def order(key: str, parcels: list[dict]):
        return client.post(
            "/v1/pickups",
            json={"product": "express", "pickup": PICKUP, "parcels": parcels},
            headers={**citizen, "Idempotency-Key": key},
        )

    made = order("three", parcels)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["origin_station_id"] == world.stations["A"]
    destinations = [
        client.get(f"/v1/shipments/{s['id']}", headers=citizen).get_json()["destination_station_id"]
        for s in made.get_json()["shipments"]
    ]
    assert destinations == [world.stations["B"], world.stations["A"], world.stations["B"]]
    far = [*parcels[:2], {"recipient": {**RECIPIENT, "lat": 30.0}, "weight_g": 900}]
    body = assert_problem(order("far", far), 422, "outside_service_area")
    assert [e["field"] for e in body["errors"]] == ["parcels.2.recipient"]


def test_enterprise_orders_twenty_parcels_courier_scans_nineteen_and_a_stranger(
    client, as_, world, app
):
    kiosk = _enterprise_kiosk(app, world)
    parcels = [{"recipient": RECIPIENT, "weight_g": 800 + n} for n in range(20)]
    response = signed(
        client,
        "POST",
        "/v1/pickups",
        kiosk,
        json_body={"product": "express", "pickup": PICKUP, "parcels": parcels},
        extra_headers={"Idempotency-Key": "base-day-1"},
    )
    assert response.status_code == 201, response.get_json()
    order = response.get_json()
    waybills = [s["waybill"] for s in order["shipments"]]
    assert len(set(waybills)) == 20
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id)
    stranger = make_waybill("EA", 77_777_777)
    scanned = [{"waybill": w} for w in waybills[:19]] + [{"waybill": stranger}]
    result = client.post(
        f"/v1/courier/tasks/{task_id}/pickup", json={"items": scanned}, headers=courier
    ).get_json()
    assert len(result["accepted"]) == 19
    assert result["missing"] == [waybills[19]]
    assert result["extra"] == [stranger]
    seen = signed(client, "GET", f"/v1/pickups/{order['id']}", kiosk).get_json()
    assert seen["state"] == "partly_picked_up"
    assert sorted(s["state"] for s in seen["shipments"]) == ["awaiting_pickup"] + ["picked_up"] * 19


def test_cancel_is_free_before_arrival_and_costs_after(client, citizen, as_, world):
    free = order_pickup(client, citizen, "c1")
    cancelled = client.post(f"/v1/pickups/{free['id']}/cancel", headers=citizen).get_json()
    assert (cancelled["state"], cancelled["cancel_fee_fen"]) == ("cancelled", 0)
    assert cancelled["shipments"][0]["state"] == "cancelled"
    paid = order_pickup(client, citizen, "c2")
    task_id = paid["task"]["id"]
    courier = take_task(client, as_, world, task_id)
    cancelled = client.post(f"/v1/pickups/{paid['id']}/cancel", headers=citizen).get_json()
    assert cancelled["cancel_fee_fen"] == 500
    assert (
        client.get(f"/v1/courier/tasks/{task_id}", headers=courier).get_json()["state"]
        == "cancelled"
    )


# --- bad input changes nothing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"pickup": {**PICKUP, "lat": 95.0}}, 422, "validation_failed", "pickup.lat"),
        ({"product": "teleport"}, 422, "validation_failed", "product"),
        ({"weight_g": 0}, 422, "validation_failed", "weight_g"),
        ({"weight_g": 5_000_000}, 422, "validation_failed", "weight_g"),
        ({"insured_amount_fen": 400_000}, 422, "validation_failed", "insured_amount_fen"),
        (
            {"declared_value_fen": 2_500_000, "insured_amount_fen": 0},
            422,
            "declared_value_over_cap",
            "declared_value_fen",
        ),
        ({"pickup": {**PICKUP, "lat": 30.0, "lng": 120.0}}, 422, "outside_service_area", "pickup"),
        ({"product": "prescription"}, 422, "validation_failed", "product"),
    ],
)
def test_bad_quotes_are_precise(client, citizen, world, app, overrides, status, code, field):
    body = assert_problem(quote(client, citizen, **overrides), status, code)
    assert field in {e["field"] for e in body["errors"]}
    if code == "declared_value_over_cap":
        assert body["cap_fen"] == 2_000_000


def test_gcj02_coordinates_are_converted(client, citizen, world):
    from courier_api.core.geo import wgs84_to_gcj02

    lat, lng = wgs84_to_gcj02(PICKUP["lat"], PICKUP["lng"])
    body = quote(
        client, citizen, pickup={**PICKUP, "lat": lat, "lng": lng, "coord_system": "gcj02"}
    )
    assert body.status_code == 201


def test_expired_and_foreign_quotes_are_refused(client, citizen, world, app, as_):
    q = quote(client, citizen).get_json()
    other_headers = {**login_citizen(client, "demo-other"), "Idempotency-Key": "x1"}
    assert_problem(
        client.post("/v1/pickups", json={"quote_id": q["id"]}, headers=other_headers),
        404,
        "quote_not_found",
    )
    clock.freeze(at_local(10, 16))
    citizen = login_citizen(client)
    assert_problem(
        client.post(
            "/v1/pickups", json={"quote_id": q["id"]}, headers={**citizen, "Idempotency-Key": "x2"}
        ),
        422,
        "quote_expired",
    )
    from courier_api.pickups.models import PickupOrder

    assert count_rows(app, PickupOrder) == 0 and count_rows(app, Shipment) == 0


def test_a_quote_orders_once(client, citizen, world):
    q = quote(client, citizen).get_json()
    first = client.post(
        "/v1/pickups", json={"quote_id": q["id"]}, headers={**citizen, "Idempotency-Key": "q1"}
    )
    assert first.status_code == 201
    again = client.post(
        "/v1/pickups", json={"quote_id": q["id"]}, headers={**citizen, "Idempotency-Key": "q2"}
    )
    assert_problem(again, 409, "quote_used")


def test_stale_if_match_on_assign_changes_nothing(client, citizen, as_, world):
    order = order_pickup(client, citizen)
    task_id = order["task"]["id"]
    dispatcher = as_("dispatcher_a")
    for who in ("courier_a",):
        client.post("/v1/courier/shift", json={"on_shift": True}, headers=as_(who))
    etag = client.get(f"/v1/dispatch/tasks/{task_id}", headers=dispatcher).headers["ETag"]
    ok = client.post(
        f"/v1/dispatch/tasks/{task_id}/assign",
        json={"courier_id": world.couriers["courier_a"]},
        headers={**dispatcher, "If-Match": etag},
    )
    assert ok.status_code == 200
    stale = client.post(
        f"/v1/dispatch/tasks/{task_id}/assign",
        json={"courier_id": world.couriers["courier_a"]},
        headers={**dispatcher, "If-Match": etag},
    )
    assert_problem(stale, 412, "precondition_failed")
    assert_problem(
        client.post(
            f"/v1/dispatch/tasks/{task_id}/assign",
            json={"courier_id": world.couriers["courier_a"]},
            headers=dispatcher,
        ),
        428,
        "precondition_required",
    )


def test_assignment_needs_a_courier_on_shift_in_scope(client, citizen, as_, world):
    order = order_pickup(client, citizen)
    task_id = order["task"]["id"]
    dispatcher = as_("dispatcher_a")
    etag = client.get(f"/v1/dispatch/tasks/{task_id}", headers=dispatcher).headers["ETag"]
    off_shift = client.post(
        f"/v1/dispatch/tasks/{task_id}/assign",
        json={"courier_id": world.couriers["courier_a"]},
        headers={**dispatcher, "If-Match": etag},
    )
    assert (
        assert_problem(off_shift, 422, "validation_failed")["errors"][0]["code"] == "not_on_shift"
    )
    foreign = client.post(
        f"/v1/dispatch/tasks/{task_id}/assign",
        json={"courier_id": world.couriers["courier_b"]},
        headers={**dispatcher, "If-Match": etag},
    )
    assert assert_problem(foreign, 422, "validation_failed")["errors"][0]["code"] == "not_found"
    assert_problem(
        client.get(f"/v1/dispatch/tasks/{task_id}", headers=as_("dispatcher_b")),
        404,
        "task_not_found",
    )
    assert_problem(
        client.get(
            f"/v1/dispatch/board?station={world.stations['A']}", headers=as_("dispatcher_b")
        ),
        404,
        "station_not_found",
    )


def test_pickups_are_private_to_their_sender(client, citizen, world, app, as_):
    order = order_pickup(client, citizen)
    other_headers = login_citizen(client, "demo-other")
    assert_problem(
        client.get(f"/v1/pickups/{order['id']}", headers=other_headers), 404, "pickup_not_found"
    )
    assert client.get("/v1/pickups", headers=other_headers).get_json()["items"] == []
    kiosk = _enterprise_kiosk(app, world)
    assert_problem(
        signed(client, "GET", f"/v1/pickups/{order['id']}", kiosk), 404, "pickup_not_found"
    )
    assert client.get(f"/v1/pickups/{order['id']}", headers=as_("dispatcher_a")).status_code == 200
    assert_problem(
        client.get(f"/v1/pickups/{order['id']}", headers=as_("dispatcher_b")),
        404,
        "pickup_not_found",
    )
