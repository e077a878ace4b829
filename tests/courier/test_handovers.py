"""Hand-over scans: expected, missing, extra and foreign waybills; damage; delivery tasks."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from courier_api.core.outbox import OutboxEvent
from courier_api.core.waybill import make_waybill
from courier_api.custody.models import CustodyEvent
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task
from tests.factories import DAMAGE_PHOTO, make_organisation, make_pickup_task, make_shipments
from tests.helpers import assert_problem, order_pickup, station_in, take_task, upload


def _held_by_courier(app, world, count, courier="courier_a"):
    holder = ("courier", world.couriers[courier])
    with app.app_context():
        return [s.waybill for s in make_shipments(world, count, state="picked_up", holder=holder)]


def _kinds(app, waybill):
    with app.app_context():
        shipment = db.session.scalars(sa.select(Shipment).where(Shipment.waybill == waybill)).one()
        return shipment.state, db.session.scalars(
            sa.select(CustodyEvent.kind)
            .where(CustodyEvent.shipment_id == shipment.id)
            .order_by(CustodyEvent.seq)
        ).all()


def test_station_in_scan_sorts_every_waybill(client, as_, app, world):
    expected = _held_by_courier(app, world, 3)
    [foreign] = _held_by_courier(app, world, 1, courier="courier_b")
    unknown_valid = make_waybill("EA", 99_999_999)
    bad_check = expected[0][:10] + str((int(expected[0][10]) + 1) % 10) + "CN"
    photo = upload(client, as_("dispatcher_a"), DAMAGE_PHOTO)
    response = station_in(
        client,
        as_("dispatcher_a"),
        world,
        [
            {"waybill": expected[0]},
            {"waybill": expected[1], "condition": "damaged", "photo_sha256": photo},
            {"waybill": unknown_valid},
            {"waybill": foreign},
            {"waybill": bad_check},
        ],
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert [a["waybill"] for a in body["accepted"]] == expected[:2]
    assert body["missing"] == [expected[2]]
    assert body["extra"] == [unknown_valid]
    assert {r["waybill"]: r["code"] for r in body["refused"]} == {
        foreign: "foreign_waybill",
        bad_check: "invalid_waybill",
    }
    assert body["exceptions"] == [expected[1]]
    assert _kinds(app, expected[0]) == ("at_station", ["created", "arrived_station"])
    assert _kinds(app, expected[1]) == ("at_station", ["created", "arrived_station", "exception"])
    assert _kinds(app, foreign) == ("picked_up", ["created"])  # refused: untouched

    # The handheld retries the same upload: nothing changes twice.
    again = station_in(client, as_("dispatcher_a"), world, [{"waybill": expected[0]}]).get_json()
    assert again["duplicate"] == [expected[0]] and again["accepted"] == []
    assert _kinds(app, expected[0]) == ("at_station", ["created", "arrived_station"])


def test_damage_needs_an_uploaded_photo(client, as_, app, world):
    [waybill] = _held_by_courier(app, world, 1)
    response = station_in(
        client,
        as_("dispatcher_a"),
        world,
        [{"waybill": waybill, "condition": "damaged", "photo_sha256": "a" * 64}],
    )
    problem = assert_problem(response, 422, "validation_failed")
    assert problem["errors"][0]["code"] == "blob_missing"
    assert _kinds(app, waybill) == ("picked_up", ["created"])


def test_station_staff_of_another_station_cannot_scan_in(client, as_, app, world):
    [waybill] = _held_by_courier(app, world, 1)
    response = station_in(client, as_("dispatcher_b"), world, [{"waybill": waybill}])
    assert_problem(response, 404, "station_not_found")


def test_station_staff_cannot_scan_in_from_another_stations_courier(client, as_, app, world):
    holder = ("courier", world.couriers["courier_b"])
    with app.app_context():
        [shipment] = make_shipments(world, state="picked_up", holder=holder, station="B")
    response = station_in(
        client, as_("dispatcher_a"), world, [{"waybill": shipment.waybill}], courier="courier_b"
    )
    assert_problem(response, 404, "courier_not_found")


def test_loading_for_delivery_creates_one_task_per_item(client, as_, app, world):
    station = ("station", world.stations["A"])
    with app.app_context():
        waybills = [s.waybill for s in make_shipments(world, 2, state="at_station", holder=station)]
    response = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": w} for w in waybills]},
        headers=as_("courier_a"),
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert len(body["delivery_task_ids"]) == 2
    with app.app_context():
        held = db.session.scalars(
            sa.select(Task).where(Task.id.in_(body["delivery_task_ids"]))
        ).all()
        assert {(t.kind, t.state, t.courier_id) for t in held} == {
            ("delivery", "accepted", world.couriers["courier_a"])
        }
    assert _kinds(app, waybills[0]) == ("out_for_delivery", ["created", "out_for_delivery"])


def test_loading_for_delivery_tells_each_items_own_owners(client, as_, app, world):
    station = ("station", world.stations["A"])
    with app.app_context():
        court = world.organisations[make_organisation(world, "court")]
        hospital = world.organisations["hospital"]
        by_court = make_shipments(
            world, 1, state="at_station", holder=station, owners=(("organisation", court),)
        )
        by_both = make_shipments(
            world,
            1,
            state="at_station",
            holder=station,
            owners=(("organisation", hospital), ("organisation", court)),
        )
        waybills = {by_court[0].waybill: [court], by_both[0].waybill: sorted([hospital, court])}
    response = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": w} for w in waybills]},
        headers=as_("courier_a"),
    )
    assert response.status_code == 200, response.get_json()
    with app.app_context():
        told = db.session.scalars(
            sa.select(OutboxEvent).where(OutboxEvent.kind == "shipment.out_for_delivery")
        ).all()
    assert {e.payload["waybill"]: e.organisation_ids for e in told} == waybills


def test_collecting_a_pickup_task_records_scanned_missing_and_extra(client, as_, app, world):
    with app.app_context():
        shipments = make_shipments(world, 3, state="awaiting_pickup")
        waybills = [s.waybill for s in shipments]
        task = make_pickup_task(world, shipments, address="中山市孙文东路2号")
        tasks.offer(
            task, courier_id=world.couriers["courier_a"], offered_by="d", ttl=timedelta(minutes=2)
        )
        tasks.accept(task, courier_id=world.couriers["courier_a"])
        tasks.arrive(task, courier_id=world.couriers["courier_a"])
        task_id = task.id
        db.session.commit()
    extra = make_waybill("EA", 88_888_888)
    payload = {
        "kind": "collect",
        "task_id": task_id,
        "items": [{"waybill": waybills[0]}, {"waybill": waybills[1]}, {"waybill": extra}],
    }
    assert_problem(
        client.post("/v1/handovers", json=payload, headers=as_("courier_b")), 404, "task_not_found"
    )
    body = client.post("/v1/handovers", json=payload, headers=as_("courier_a")).get_json()
    assert body["missing"] == [waybills[2]] and body["extra"] == [extra]
    with app.app_context():
        items = {i.waybill: i.status for i in db.session.get(Task, task_id).items}
    assert items == {
        waybills[0]: "scanned",
        waybills[1]: "scanned",
        waybills[2]: "missing",
        extra: "extra",
    }
    assert _kinds(app, waybills[0]) == ("picked_up", ["created", "picked_up"])


def test_collecting_through_handovers_needs_the_arrival_scan(client, citizen, as_, world):
    order = order_pickup(client, citizen)
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id, until="accepted")
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


def test_a_batch_with_nothing_acceptable_is_refused_whole(client, as_, app, world):
    response = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": "EA000000000CX"}]},
        headers=as_("courier_a"),
    )
    body = assert_problem(response, 422, "nothing_handed_over")
    assert body["refused"][0]["code"] == "invalid_waybill"
