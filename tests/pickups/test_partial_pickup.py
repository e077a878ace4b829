"""A collection in several scans: `partial: true` keeps the task open at the door."""

from __future__ import annotations

import uuid

from courier_api.core import clock
from tests.factories import PICKUP, RECIPIENT
from tests.helpers import take_task


def _two_parcels(client, citizen) -> dict:
    parcels = [{"recipient": RECIPIENT, "weight_g": 800}, {"recipient": RECIPIENT, "weight_g": 900}]
    return client.post(
        "/v1/pickups",
        json={"product": "express", "pickup": PICKUP, "parcels": parcels},
        headers={**citizen, "Idempotency-Key": "two"},
    ).get_json()


def test_a_partial_scan_keeps_the_task_open_until_the_last_batch(client, citizen, as_, world):
    order = _two_parcels(client, citizen)
    first, second = (s["waybill"] for s in order["shipments"])
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id)
    url = f"/v1/courier/tasks/{task_id}/pickup"
    batch = client.post(url, json={"items": [{"waybill": first}], "partial": True}, headers=courier)
    assert batch.status_code == 200, batch.get_json()
    assert batch.get_json()["missing"] == [second]
    task = client.get(f"/v1/courier/tasks/{task_id}", headers=courier).get_json()
    assert task["state"] == "arrived"  # still at the door
    last = client.post(url, json={"items": [{"waybill": second}]}, headers=courier)
    assert last.status_code == 200, last.get_json()
    assert last.get_json()["missing"] == []
    after = client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()
    assert after["state"] == "picked_up"
    assert {s["state"] for s in after["shipments"]} == {"picked_up"}


def test_an_empty_last_batch_finishes_with_the_rest_missing(client, citizen, as_, world):
    order = _two_parcels(client, citizen)
    first, second = (s["waybill"] for s in order["shipments"])
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id)
    url = f"/v1/courier/tasks/{task_id}/pickup"
    client.post(url, json={"items": [{"waybill": first}], "partial": True}, headers=courier)
    done = client.post(url, json={"items": []}, headers=courier)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["missing"] == [second]
    after = client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()
    assert after["state"] == "partly_picked_up"


def _partly_picked_up(client, citizen, as_, world) -> tuple[dict, str, str]:
    order = _two_parcels(client, citizen)
    first, second = (s["waybill"] for s in order["shipments"])
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id)
    client.post(
        f"/v1/courier/tasks/{task_id}/pickup", json={"items": [{"waybill": first}]}, headers=courier
    )
    return order, task_id, second


def test_what_is_missing_becomes_a_follow_up_pickup_on_the_board(client, citizen, as_, world):
    order, first_task, second = _partly_picked_up(client, citizen, as_, world)
    after = client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()
    assert after["state"] == "partly_picked_up"
    follow_up = after["task"]
    assert follow_up["id"] != first_task and follow_up["state"] == "open"
    board = client.get("/v1/dispatch/board", headers=as_("dispatcher_a")).get_json()
    assert follow_up["id"] in [t["id"] for t in board["tasks"]]
    # The follow-up is collected like any pickup; then the order is whole.
    order["task"] = follow_up
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id)
    scanned = client.post(
        f"/v1/courier/tasks/{task_id}/pickup",
        json={"items": [{"waybill": second}]},
        headers=courier,
    )
    assert scanned.status_code == 200, scanned.get_json()
    done = client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()
    assert done["state"] == "picked_up"


def test_the_sender_cancels_the_missing_part_alone(client, citizen, as_, world):
    order, _, second = _partly_picked_up(client, citizen, as_, world)
    cancelled = client.post(f"/v1/pickups/{order['id']}/cancel", headers=citizen)
    assert cancelled.status_code == 200, cancelled.get_json()
    body = cancelled.get_json()
    assert body["state"] == "picked_up"
    assert body["cancel_fee_fen"] == 0  # nobody came for the rest yet
    states = {s["waybill"]: s["state"] for s in body["shipments"]}
    assert states[second] == "cancelled"
    assert sorted(states.values()) == ["cancelled", "picked_up"]
    again = client.post(f"/v1/pickups/{order['id']}/cancel", headers=citizen)
    assert again.status_code == 409


def test_a_partial_batch_in_sync_keeps_the_task_open(client, citizen, as_, world):
    order = _two_parcels(client, citizen)
    first, second = (s["waybill"] for s in order["shipments"])
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id)

    def pickup_event(waybill: str, partial: bool) -> dict:
        return {
            "client_event_id": str(uuid.uuid4()),
            "kind": "pickup",
            "task_id": task_id,
            "occurred_at": clock.to_rfc3339(clock.now()),
            "payload": {"items": [{"waybill": waybill}], "partial": partial},
        }

    first_batch = client.post(
        "/v1/courier/sync", json={"events": [pickup_event(first, True)]}, headers=courier
    )
    assert first_batch.get_json()["accepted"] == 1
    task = client.get(f"/v1/courier/tasks/{task_id}", headers=courier).get_json()
    assert task["state"] == "arrived"
    client.post("/v1/courier/sync", json={"events": [pickup_event(second, False)]}, headers=courier)
    assert client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()["state"] == (
        "picked_up"
    )
