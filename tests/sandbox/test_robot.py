"""The robo-courier carries a sandbox hospital order through the same services as a real
courier: custody, proof, outbox and signed webhooks."""

from __future__ import annotations

import json

import pytest
from werkzeug import Response

from courier_api.core import clock
from courier_api.signing import verify_webhook
from tests.factories import signed
from tests.helpers import run_worker_once


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
    app, client, order, advance, receiver, kiosks
):
    delivery = order()
    shipment_id = delivery["shipment_id"]
    states = []
    for _ in range(4):
        response = advance(shipment_id)
        assert response.status_code == 200, response.get_json()
        states.append(response.get_json()["state"])
        run_worker_once(app)
    assert states == ["picked_up", "at_station", "out_for_delivery", "delivered"]
    assert receiver and all(valid for valid, _, _ in receiver)
    print([kind for _, kind, _ in receiver])
    custody = signed(client, "GET", f"/v1/shipments/{shipment_id}/custody", kiosks["sandbox"])
    print(custody.get_json())
