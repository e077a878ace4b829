"""The robo-courier carries a sandbox hospital order through the same services as a real
courier: custody, proof, outbox and signed webhooks."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug import Response

from courier_api.core import clock
from courier_api.custody.models import CustodyEvent
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from courier_api.signing import verify_webhook
from courier_api.worker import sandbox_robot
from tests.factories import signed
from tests.helpers import assert_problem, race, run_worker_once


@pytest.fixture
def receiver(client, kiosks, httpserver):
    """The sandbox kiosk's webhook receiver (every event); returns what it got:
    (signature valid, event kind, data)."""
    response = signed(
        client,
        "POST",
        "/v1/webhook-endpoints",
        kiosks["sandbox"],
        json_body={"url": httpserver.url_for("/sandbox-hooks"), "events": ["*"]},
    )
    assert response.status_code == 201, response.get_json()
    secret = response.get_json()["secret"]
    got = []

    def receive(request):
        valid = verify_webhook(
            secret,
            request.headers["X-Courier-Signature"],
            request.data,
            now=clock.now().timestamp(),  # the test's frozen clock signed it
        )
        body = json.loads(request.data)
        got.append((valid, body["type"], body["data"]))
        return Response("ok", status=200)

    httpserver.expect_request("/sandbox-hooks", method="POST").respond_with_handler(receive)
    return got


def test_a_sandbox_hospital_order_is_picked_up_and_delivered_and_every_event_is_signed(
    app, client, order, advance, receiver, kiosks, httpserver, as_
):
    # The hospital's live endpoint must get none of it.
    live_hook = client.post(
        "/v1/webhook-endpoints",
        json={"url": httpserver.url_for("/live-hooks"), "events": ["*"]},
        headers=as_("clerk_hospital"),
    )
    assert live_hook.status_code == 201
    delivery = order()
    shipment_id, waybill = delivery["shipment_id"], delivery["waybill"]
    states = []
    for _ in range(4):
        response = advance(shipment_id)  # the next step of the journey
        assert response.status_code == 200, response.get_json()
        states.append(response.get_json()["state"])
        run_worker_once(app)
    assert states == ["picked_up", "at_station", "out_for_delivery", "delivered"]

    assert [kind for _, kind, _ in receiver] == [
        "shipment.accepted",
        "hospital_run.built",
        "hospital_run.collected",
        "shipment.out_for_delivery",
        "shipment.delivered",
    ]
    assert all(valid for valid, _, _ in receiver)
    assert receiver[-1][2]["waybill"] == waybill
    assert not [r for r in httpserver.log if r[0].path == "/live-hooks"]

    # The robo-courier went through custody like a courier: collection, station, loading,
    # the door with a signature; every event marked sandbox.
    chain = signed(client, "GET", f"/v1/shipments/{shipment_id}/custody", kiosks["sandbox"])
    events = chain.get_json()["events"]
    assert [e["kind"] for e in events] == [
        "created",
        "picked_up",
        "arrived_station",
        "out_for_delivery",
        "delivered",
    ]
    assert all(e["sandbox"] for e in events)
    assert events[-1]["refs"]["signature_sha256"]


def test_a_failed_attempt_a_refusal_and_the_return_go_through_the_real_door_actions(
    app, client, order, advance, receiver, kiosks
):
    shipment_id = order()["shipment_id"]
    steps = [
        ("picked_up", "picked_up"),
        ("at_station", "at_station"),
        ("out_for_delivery", "out_for_delivery"),
        ("attempt_failed", "attempt_failed"),
        (None, "at_station"),  # back to the station, then out again
        (None, "out_for_delivery"),
        ("refused", "returning"),
        (None, "returned"),
    ]
    for step, state in steps:
        response = advance(shipment_id, to=step)
        assert response.status_code == 200, (step, response.get_json())
        assert response.get_json()["state"] == state
    run_worker_once(app)
    kinds = [kind for _, kind, _ in receiver]
    assert "shipment.delivery_failed" in kinds and kinds[-1] == "shipment.returned"
    chain = signed(client, "GET", f"/v1/shipments/{shipment_id}/custody", kiosks["sandbox"])
    events = chain.get_json()["events"]
    assert [e["kind"] for e in events][-2:] == ["departed_station", "returned"]
    refused = next(e for e in events if e["kind"] == "refused")
    assert refused["refs"]["reason_code"] == "refused"


def test_a_step_that_cannot_follow_is_409_with_the_state_and_a_lost_item_stays_lost(order, advance):
    shipment_id = order()["shipment_id"]
    problem = assert_problem(advance(shipment_id, to="delivered"), 409, "cannot_advance")
    assert problem["current_state"] == "awaiting_pickup"
    assert advance(shipment_id, to="picked_up").status_code == 200
    assert advance(shipment_id, to="lost").get_json()["state"] == "lost"
    assert_problem(advance(shipment_id), 409, "nothing_to_advance")


def test_the_automatic_timeline_carries_a_pin_order_to_the_door_and_delivers_it(
    app, order, monkeypatch
):
    monkeypatch.setitem(app.config, "SANDBOX_STEP_S", 30)
    shipment_id = order(pin_sign_off=True)["shipment_id"]
    seen = []
    for _ in range(5):
        clock.freeze(clock.now() + timedelta(seconds=31))
        with app.app_context():
            sandbox_robot()
            seen.append(db.session.get(Shipment, shipment_id).state)
    assert seen == ["picked_up", "at_station", "out_for_delivery", "delivered", "delivered"]


@pytest.mark.postgres
def test_two_advances_of_one_item_at_once_move_it_once(app, order, advance):
    shipment_id = order()["shipment_id"]
    clock.freeze(None)  # real requests, real time (the signature's clock check)
    answers = race(2, lambda _: advance(shipment_id, to="picked_up"))
    assert sorted(a.status_code for a in answers) == [200, 409]
    with app.app_context():
        kinds = db.session.scalars(
            sa.select(CustodyEvent.kind).where(CustodyEvent.shipment_id == shipment_id)
        ).all()
    assert kinds.count("picked_up") == 1
