"""The handheld's time counts: what a courier's action records is the device's
`occurred_at`, within the allowed skew and after the task's previous step."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from tests.factories import ME, SIGNATURE, make_shipments
from tests.helpers import at_local, station_in


def _deliver_event(task_id: str, at: datetime) -> dict:
    return {
        "client_event_id": str(uuid.uuid4()),
        "kind": "deliver",
        "task_id": task_id,
        "occurred_at": clock.to_rfc3339(at),
        "payload": {"receiver": ME, "signature": SIGNATURE},
    }


def _sync(client, as_, events) -> list[tuple[str, str | None]]:
    body = client.post("/v1/courier/sync", json={"events": events}, headers=as_("courier_a"))
    return [(v["status"], v["code"]) for v in body.get_json()["verdicts"]]


def test_delivered_offline_before_the_promise_counts_on_time(client, as_, app, at_station, load):
    clock.freeze(at_local(12, 40))
    [waybill] = at_station(deliver_by=at_local(13, 0))
    [task_id] = load([waybill])
    clock.freeze(at_local(13, 10))  # back in coverage after the promise
    assert _sync(client, as_, [_deliver_event(task_id, at_local(12, 55))]) == [("accepted", None)]
    with app.app_context():
        shipment = db.session.scalars(sa.select(Shipment).where(Shipment.waybill == waybill)).one()
        assert shipment.delivered_at == at_local(12, 55)
        assert shipment.state_changed_at == at_local(12, 55)
    task = client.get(f"/v1/courier/tasks/{task_id}", headers=as_("courier_a")).get_json()
    assert task["finished_at"] == "2026-11-23T04:55:00Z"
    report = client.get("/v1/reports/delivery-sla?date=2026-11-23", headers=as_("admin"))
    [row] = report.get_json()["rows"]
    assert (row["on_time"], row["late"]) == (1, 0)


def test_a_device_time_out_of_bounds_is_refused_with_its_code(client, as_, at_station, load):
    clock.freeze(at_local(12, 40))
    [early, ahead, within] = load(at_station(3))
    verdicts = _sync(
        client,
        as_,
        [
            _deliver_event(early, at_local(12, 30)),  # before the courier loaded it
            _deliver_event(ahead, at_local(12, 40) + timedelta(seconds=121)),
            _deliver_event(within, at_local(12, 40) + timedelta(seconds=119)),
        ],
    )
    assert verdicts == [
        ("rejected", "device_time_out_of_range"),
        ("rejected", "device_time_out_of_range"),
        ("accepted", None),
    ]


def test_a_station_in_scan_counts_at_the_scanner_time(client, as_, app, world, at_station):
    clock.freeze(at_local(18, 0))
    with app.app_context():
        [shipment] = make_shipments(
            world, state="picked_up", holder=("courier", world.couriers["courier_a"])
        )
    scanned = station_in(
        client,
        as_("dispatcher_a"),
        world,
        [{"waybill": shipment.waybill}],
        occurred_at=clock.to_rfc3339(at_local(17, 45)),
    )
    assert scanned.status_code == 200, scanned.get_json()
    with app.app_context():
        assert db.session.get(Shipment, shipment.id).state_changed_at == at_local(17, 45)
