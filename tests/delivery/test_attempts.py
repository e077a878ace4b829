"""Failed attempts go back to the station; after the product's last one (or a refusal) a
return task takes the item back to its sender."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.shipments.service import Named
from courier_api.tasks.models import Task, TaskItem
from tests.factories import SIGNATURE, id_number
from tests.helpers import assert_problem, shipment_of, station_in, upload

NOBODY_HOME = {"reason_code": "nobody_home"}


def unreached_call() -> dict:
    """A court document's attempts end only after a call that did not reach the addressee."""
    return {"called_at": clock.to_rfc3339(clock.now()), "reached": False}


def _back_at_station(client, as_, world, waybill):
    response = station_in(client, as_("dispatcher_a"), world, [{"waybill": waybill}])
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _return_task(app, waybill) -> Task:
    shipment, _, _ = shipment_of(app, waybill)
    with app.app_context():
        task = db.session.scalars(
            sa.select(Task)
            .join(Task.items)
            .where(Task.kind == "return", TaskItem.shipment_id == shipment.id)
            .order_by(Task.id.desc())
        ).first()
        db.session.expunge_all()
        return task


def test_attempts_then_return_to_the_sender(client, as_, app, world, at_station, load, door):
    [waybill] = at_station()  # express: 2 attempts
    [first] = load([waybill])
    call = {"called_at": clock.to_rfc3339(clock.now()), "reached": False}
    response = door("fail", first, {**NOBODY_HOME, "phone_call": call})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["shipment_state"] == "attempt_failed"
    assert body["task"]["state"] == "failed"
    attempt = body["attempt"]
    assert (attempt["number"], attempt["next_step"], attempt["phone_reached"]) == (
        1,
        "retry",
        False,
    )
    # The failed task cannot be delivered afterwards; the item goes back to the station.
    assert_problem(door("deliver", first, {"receiver": {"name": "x"}}), 409, "task_not_active")
    # It goes back to the station first: the courier cannot take it out again meanwhile.
    again = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": waybill}]},
        headers=as_("courier_a"),
    )
    assert_problem(again, 422, "nothing_handed_over")
    assert _back_at_station(client, as_, world, waybill)["accepted"][0]["state"] == "at_station"
    [second] = load([waybill])
    assert second != first
    body = door("fail", second, {"reason_code": "address_not_found"}).get_json()
    assert body["attempt"]["number"] == 2 and body["attempt"]["next_step"] == "return"
    assert body["shipment_state"] == "returning"
    shipment, events, attempts = shipment_of(app, waybill)
    assert [a.reason_code for a in sorted(attempts, key=lambda a: a.number)] == [
        "nobody_home",
        "address_not_found",
    ]
    assert [e.kind for e in events][-2:] == ["out_for_delivery", "delivery_attempted"]
    assert events[-1].refs == {
        "attempt": 2,
        "reason_code": "address_not_found",
        "next_step": "return",
    }
    returning = _return_task(app, waybill)
    assert returning.state == "open" and returning.address == shipment.sender_address
    # Through the station (it stays `returning`) and onto the courier who loads it.
    assert _back_at_station(client, as_, world, waybill)["accepted"][0]["state"] == "returning"
    assert load([waybill]) == [returning.id]
    mine = client.get(f"/v1/courier/tasks/{returning.id}", headers=as_("courier_a")).get_json()
    assert mine["kind"] == "return" and mine["state"] == "accepted"
    sender = {"name": "王小明", "relation": "self"}
    assert_problem(door("deliver", returning.id, {"receiver": sender}), 422, "proof_missing")
    response = door("deliver", returning.id, {"receiver": sender, "signature": SIGNATURE})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["attempt"]["number"] == 0
    shipment, events, _ = shipment_of(app, waybill)
    assert shipment.state == "returned" and events[-1].kind == "returned"
    # The owner hears of each step.
    timeline = client.get(
        f"/v1/shipments/{shipment.id}/timeline", headers=as_("clerk_hospital")
    ).get_json()
    # Couriers read their tasks, not shipment timelines.
    assert (
        client.get(f"/v1/shipments/{shipment.id}/timeline", headers=as_("courier_b")).status_code
        == 403
    )
    assert [e["status"] for e in timeline["entries"]][-3:] == [
        "arrived_station",
        "departed_station",
        "returned",
    ]


def test_a_refusal_needs_its_reason_and_ends_the_attempts(app, at_station, load, door):
    [waybill] = at_station()
    [task_id] = load([waybill])
    problem = assert_problem(
        door("fail", task_id, {"reason_code": "refused"}), 422, "validation_failed"
    )
    assert problem["errors"][0]["field"] == "refusal.reason"
    refused = {"reason_code": "refused", "refusal": {"reason": "did not order it"}}
    body = door("fail", task_id, refused).get_json()
    assert body["attempt"]["outcome"] == "refused" and body["attempt"]["next_step"] == "return"
    assert body["attempt"]["proof"]["refusal_reason"] == "did not order it"
    assert body["shipment_state"] == "returning"
    _, events, _ = shipment_of(app, waybill)
    assert events[-1].kind == "refused"


def test_a_court_refusal_needs_a_witness_or_a_photo(client, as_, app, at_station, load, door):
    named = (Named("addressee", "赵一", id_number("41130219800101001")),)
    [waybill] = at_station(product="court_document", named=named)
    [task_id] = load([waybill])
    bare = {"reason_code": "refused", "refusal": {"reason": "refused to open the door"}}
    problem = assert_problem(door("fail", task_id, bare), 422, "proof_missing")
    assert problem["missing"] == ["witness", "photo"]
    photo = upload(client, as_("courier_a"))
    witnessed = {
        "reason_code": "refused",
        "refusal": {
            "reason": "refused to sign",
            "witness": {"name": "孙三", "affiliation": "居委会"},
            "photo_sha256": photo,
        },
    }
    body = door("fail", task_id, witnessed).get_json()
    assert body["attempt"]["proof"]["witness_name"] == "孙*"
    _, events, _ = shipment_of(app, waybill)
    assert events[-1].refs["witnessed"] is True and events[-1].refs["photo_sha256"] == photo
    # The refusal photo is readable by the shipment's owners.
    assert client.get(f"/v1/blobs/{photo}", headers=as_("clerk_hospital")).status_code == 200


@pytest.mark.parametrize("migrated_between", [False, True])
def test_court_attempts_stop_when_five_days_have_passed(
    client, as_, app, world, at_station, load, door, migrated_between
):
    named = (Named("addressee", "赵一", id_number("41130219800101001")),)
    [waybill] = at_station(product="court_document", named=named)  # 3 attempts, 5 days
    start = clock.now()
    [first] = load([waybill])
    assert door("fail", first, NOBODY_HOME).get_json()["attempt"]["next_step"] == "retry"
    _back_at_station(client, as_, world, waybill)
    if migrated_between:
        # Shipments attempted before `first_attempt_at` was kept take it from their attempts.
        with app.app_context():
            db.session.remove()
            downgrade(revision="6043b7bcfabc")
            upgrade()
    clock.freeze(start + timedelta(days=5, minutes=1))
    [second] = load([waybill])
    body = door("fail", second, {**NOBODY_HOME, "phone_call": unreached_call()}).get_json()
    assert body["attempt"]["number"] == 2 and body["attempt"]["next_step"] == "return"


def test_court_attempts_are_three_within_the_window(
    client, as_, app, world, at_station, load, door
):
    named = (Named("addressee", "赵一", id_number("41130219800101001")),)
    [waybill] = at_station(product="court_document", named=named)
    steps = []
    for _ in range(3):
        [task_id] = load([waybill])
        failed = {**NOBODY_HOME, "phone_call": unreached_call()}
        steps.append(door("fail", task_id, failed).get_json()["attempt"]["next_step"])
        if steps[-1] == "retry":
            _back_at_station(client, as_, world, waybill)
    assert steps == ["retry", "retry", "return"]


def test_another_couriers_items_cannot_be_failed(at_station, load, door):
    [task_id] = load(at_station())
    assert_problem(door("fail", task_id, NOBODY_HOME, courier="courier_b"), 404, "task_not_found")
