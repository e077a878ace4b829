"""The courier's actions on a task from the handheld: accept, decline, arrive, pick up,
contact — only on their own task, at possible times, with valid scans."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.tasks.models import ContactLog, Task
from tests.helpers import assert_problem, order_pickup, take_task


def test_an_arrival_cannot_be_backdated_before_acceptance(client, citizen, as_, world):
    task_id = order_pickup(client, citizen)["task"]["id"]
    courier = take_task(client, as_, world, task_id, until="accepted")
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


def test_contact_gives_a_number_and_is_logged(client, citizen, as_, world, app):
    task_id = order_pickup(client, citizen)["task"]["id"]
    courier = take_task(client, as_, world, task_id, until="accepted")
    response = client.post(f"/v1/courier/tasks/{task_id}/contact", headers=courier)
    assert response.status_code == 200
    body = response.get_json()
    assert body["via"] == "virtual" and body["number"].startswith("170")
    assert_problem(
        client.post(f"/v1/courier/tasks/{task_id}/contact", headers=as_("courier_b")),
        404,
        "task_not_found",
    )
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactLog)) == 1


def test_contact_without_a_phone_on_file_says_so_and_logs_nothing(client, citizen, as_, world, app):
    task_id = order_pickup(client, citizen)["task"]["id"]
    courier = take_task(client, as_, world, task_id, until="accepted")
    with app.app_context():  # a desk that gave no phone (hospital runs, court collections)
        db.session.execute(sa.update(Task).where(Task.id == task_id).values(contact_phone=None))
        db.session.commit()
    response = client.post(f"/v1/courier/tasks/{task_id}/contact", headers=courier)
    problem = assert_problem(response, 409, "no_contact_phone")
    assert problem["current_state"] == "accepted"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactLog)) == 0


def test_wrong_check_digit_on_pickup_scan_is_refused(client, citizen, as_, world):
    order = order_pickup(client, citizen)
    task_id = order["task"]["id"]
    courier = take_task(client, as_, world, task_id)
    good = order["shipments"][0]["waybill"]
    bad = good[:10] + str((int(good[10]) + 1) % 10) + "CN"
    result = client.post(
        f"/v1/courier/tasks/{task_id}/pickup", json={"items": [{"waybill": bad}]}, headers=courier
    )
    problem = assert_problem(result, 422, "nothing_handed_over")
    assert problem["refused"] == [
        {"waybill": bad, "code": "invalid_waybill", "detail": "Not an S10 waybill (check digit)."}
    ]
    assert (
        client.get(f"/v1/courier/tasks/{task_id}", headers=courier).get_json()["state"] == "arrived"
    )


def test_a_courier_cannot_act_on_another_couriers_task(client, citizen, as_, world):
    task_id = order_pickup(client, citizen)["task"]["id"]
    take_task(client, as_, world, task_id, until="accepted")
    other = as_("courier_b")
    for action in ("accept", "decline", "arrive", "contact"):
        response = client.post(f"/v1/courier/tasks/{task_id}/{action}", json={}, headers=other)
        assert_problem(response, 404, "task_not_found")


def test_a_late_batch_of_positions_does_not_move_the_courier_back(client, as_, app, world):
    courier = as_("courier_a")

    def report(lat: float, at: str) -> dict:
        ping = {"lat": lat, "lng": 113.37, "recorded_at": at}
        response = client.post("/v1/courier/locations", headers=courier, json={"pings": [ping]})
        assert response.status_code == 202
        return response.get_json()

    assert report(22.52, "2026-11-23T01:59:00Z")["last_seen_at"] == "2026-11-23T01:59:00Z"
    # Queued on the handheld while offline, uploaded after the newer one.
    late = report(22.40, "2026-11-23T01:50:00Z")
    assert late == {"accepted": 1, "last_seen_at": "2026-11-23T01:59:00Z"}
    with app.app_context():
        kept = db.session.get(Courier, world.couriers["courier_a"])
        assert (kept.last_lat, kept.last_seen_at.isoformat()) == (
            22.52,
            "2026-11-23T01:59:00+00:00",
        )
    # A handheld whose clock runs ahead is seen now, not in the future.
    clock.freeze(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    assert report(22.53, "2026-11-23T02:30:00Z")["last_seen_at"] == "2026-11-23T02:00:00Z"
