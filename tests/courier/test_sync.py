"""Handheld sync: one verdict per event, applied in the courier's time order, once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.custody.models import CustodyEvent
from courier_api.delivery.models import DeliveryAttempt
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from tests.factories import ME, SIGNATURE
from tests.helpers import (
    count_rows,
    later,
    login_citizen,
    order_pickup,
    race,
    shipment_of,
    sync,
    sync_event,
    take_task,
)


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_batch_is_applied_in_the_couriers_time_order_and_twice_is_once(
    client, as_, app, at_station, load
):
    first, second = at_station(2)
    t1, t2 = load([first, second])
    later()
    events = [
        # Sent out of order: the failure was recorded offline after the arrival.
        sync_event("fail", t2, 3, reason_code="nobody_home"),
        sync_event("deliver", t1, 5, receiver=ME, signature=SIGNATURE),
        sync_event("arrive", t2, 10),
    ]
    response = sync(client, as_, events)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert [v["status"] for v in body["verdicts"]] == ["accepted"] * 3, body
    assert [v["client_event_id"] for v in body["verdicts"]] == [
        e["client_event_id"] for e in events
    ]
    assert (body["accepted"], body["duplicate"], body["rejected"]) == (3, 0, 0)
    delivered, events_1, _ = shipment_of(app, first)
    failed, _, attempts = shipment_of(app, second)
    assert delivered.state == "delivered" and failed.state == "attempt_failed"
    # The courier's time counts, not the upload's.
    assert events_1[-1].occurred_at == parse(events[1]["occurred_at"])
    assert attempts[0].occurred_at == parse(events[0]["occurred_at"])
    custody_before, attempts_before = (
        count_rows(app, CustodyEvent),
        count_rows(app, DeliveryAttempt),
    )
    again = sync(client, as_, events).get_json()
    assert [v["status"] for v in again["verdicts"]] == ["duplicate"] * 3
    assert again["verdicts"][0]["code"] == "already_accepted"
    assert (count_rows(app, CustodyEvent), count_rows(app, DeliveryAttempt)) == (
        custody_before,
        attempts_before,
    )


def test_a_partly_bad_batch_keeps_the_good_events(client, as_, app, at_station, load):
    good, unsigned = at_station(2)
    t_good, t_unsigned = load([good, unsigned])
    later()
    repeated = sync_event("deliver", t_good, 4, receiver=ME, signature=SIGNATURE)
    events = [
        repeated,
        sync_event("deliver", t_unsigned, 3, receiver=ME),
        {"kind": "deliver", "task_id": t_good},  # no id, no time
        sync_event("deliver", "tsk_nope", 2, receiver=ME, signature=SIGNATURE),
        sync_event("teleport", t_good, 1),
        repeated,
        sync_event("deliver", t_good, 1, receiver=ME, signature=SIGNATURE, waybill="x"),
    ]
    body = sync(client, as_, events).get_json()
    verdicts = [(v["status"], v["code"]) for v in body["verdicts"]]
    assert verdicts == [
        ("accepted", None),
        ("rejected", "proof_missing"),
        ("rejected", "invalid_event"),
        ("rejected", "task_not_found"),
        ("rejected", "invalid_event"),
        ("duplicate", "already_accepted"),
        ("rejected", "invalid_event"),
    ]
    assert "signature" in body["verdicts"][1]["detail"]
    assert shipment_of(app, good)[0].state == "delivered"
    assert shipment_of(app, unsigned)[0].state == "out_for_delivery"
    # A rejected event is remembered too: sent again, it is not applied again.
    again = sync(client, as_, [events[1]]).get_json()
    assert (again["verdicts"][0]["status"], again["verdicts"][0]["code"]) == (
        "duplicate",
        "already_rejected",
    )


def test_out_of_order_events_on_one_task_follow_occurred_at(client, as_, app, at_station, load):
    [waybill] = at_station()
    [task_id] = load([waybill])
    later()
    late_delivery = sync_event("deliver", task_id, 1, receiver=ME, signature=SIGNATURE)
    early_arrival = sync_event("arrive", task_id, 6)
    body = sync(client, as_, [late_delivery, early_arrival]).get_json()
    assert [v["status"] for v in body["verdicts"]] == ["accepted", "accepted"]
    task = client.get(f"/v1/courier/tasks/{task_id}", headers=as_("courier_a")).get_json()
    assert task["state"] == "completed"
    assert task["arrived_at"] == early_arrival["occurred_at"].replace("+00:00", "Z")


def test_pin_deliveries_are_refused_in_sync(client, as_, app, at_station, load):
    [waybill] = at_station(pin_required=True)
    [task_id] = load([waybill])
    later()
    body = sync(
        client, as_, [sync_event("deliver", task_id, 1, receiver=ME, pin="123456")]
    ).get_json()
    assert body["verdicts"][0]["code"] == "pin_online_only"
    assert shipment_of(app, waybill)[0].state == "out_for_delivery"


def test_events_for_a_reassigned_task_are_rejected(client, citizen, as_, app, world):
    task_id = order_pickup(client, citizen)["task"]["id"]
    take_task(client, as_, world, task_id, until="accepted")
    later()
    take_task(client, as_, world, task_id, until="assigned", courier="courier_b", assigner="admin")
    body = sync(client, as_, [sync_event("arrive", task_id, 1)]).get_json()
    assert body["verdicts"][0]["code"] == "task_reassigned"


def test_a_batch_is_at_most_500_events(client, as_):
    events = [sync_event("arrive", "tsk_x", 1) for _ in range(501)]
    response = sync(client, as_, events)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "events"


@pytest.mark.postgres
def test_the_same_batch_uploaded_twice_at_once_is_applied_once(
    client, app, world, as_, at_station, load
):
    waybills = at_station(20)
    task_ids = load(waybills)
    later()
    events = [sync_event("deliver", t, 1, receiver=ME, signature=SIGNATURE) for t in task_ids]
    headers = as_("courier_a")

    def upload(_: int):
        with app.test_client() as own:
            return own.post("/v1/courier/sync", json={"events": events}, headers=headers)

    responses = race(2, upload)
    assert [r.status_code for r in responses] == [200, 200]
    statuses = sorted((r.get_json()["accepted"], r.get_json()["duplicate"]) for r in responses)
    assert statuses == [(0, 20), (20, 0)]
    with app.app_context():
        assert (
            db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Shipment)
                .where(Shipment.state == "delivered")
            )
            == 20
        )
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DeliveryAttempt)) == 20


def test_an_offline_pickup_counts_at_the_couriers_times(client, citizen, as_, app, world):
    order = order_pickup(client, citizen)
    task_id = order["task"]["id"]
    [shipment] = order["shipments"]
    take_task(client, as_, world, task_id, until="assigned", assigner="admin")
    offered_at = clock.now()
    # The handheld answered within the offer, then lost its connection for 25 minutes.
    later(25)
    events = [
        sync_event("pickup", task_id, 3, items=[{"waybill": shipment["waybill"]}]),
        sync_event("accept", task_id, 24.5),
        sync_event("arrive", task_id, 5),
        sync_event("decline", task_id, 1),  # too late: the courier holds it now
    ]
    body = sync(client, as_, events).get_json()
    verdicts = [(v["status"], v["code"]) for v in body["verdicts"]]
    assert verdicts == [
        ("accepted", None),
        ("accepted", None),
        ("accepted", None),
        ("rejected", "task_already_accepted"),
    ]
    citizen = login_citizen(client)  # a fresh token: the last one lived 15 minutes
    after = client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()
    assert after["state"] == "picked_up"
    task = client.get(f"/v1/courier/tasks/{task_id}", headers=as_("courier_a")).get_json()
    assert parse(task["accepted_at"]) == offered_at + timedelta(seconds=30)
    assert task["state"] == "completed"
