"""Every kind of order goes with the robo-courier: a court job to its outcome and receipt,
an express pickup ordered by a sandbox citizen."""

from __future__ import annotations

from courier_api.extensions import db
from courier_api.identity.api_clients import create_api_client
from courier_api.identity.models import Citizen
from tests.factories import add_organisations, document_row, signed
from tests.helpers import login_owner, order_pickup


def _walk(post, shipment_id: str) -> list[str]:
    states = []
    for _ in range(4):
        response = post(shipment_id)
        assert response.status_code == 200, response.get_json()
        states.append(response.get_json()["state"])
    return states


def test_a_sandbox_court_job_is_served_and_its_receipt_printed(app, client, world):
    with app.app_context():
        add_organisations(world)
        made, secret = create_api_client(
            organisation_id=world.organisations["court"], name="case system test", sandbox=True
        )
        db.session.commit()
        court = (made.key_id, secret)
    job = signed(
        client,
        "POST",
        "/v1/court-jobs",
        court,
        json_body={"documents": [document_row()]},
        extra_headers={"Idempotency-Key": "sandbox-job"},
    )
    assert job.status_code == 201, job.get_json()
    job_id = job.get_json()["id"]
    [document] = signed(client, "GET", f"/v1/court-jobs/{job_id}", court).get_json()["documents"]

    def advance(shipment_id):
        return signed(
            client, "POST", f"/v1/sandbox/shipments/{shipment_id}/advance", court, json_body={}
        )

    states = _walk(advance, document["waybill"])  # an id or a waybill
    assert states == ["picked_up", "at_station", "out_for_delivery", "delivered"]
    served = signed(client, "GET", f"/v1/court-jobs/{job_id}/documents/{document['id']}", court)
    assert served.get_json()["outcome"] == "served"
    receipt = signed(client, "GET", served.get_json()["receipt_url"], court)
    assert (receipt.status_code, receipt.mimetype) == (200, "application/pdf")


def test_a_sandbox_citizens_pickup_goes_with_the_robo_courier(app, client, world):
    owner = login_owner(client, "demo-sandbox-citizen")
    with app.app_context():
        db.session.get(Citizen, owner.owner[1]).sandbox = True
        db.session.commit()
    citizen = login_owner(client, "demo-sandbox-citizen").headers
    order = order_pickup(client, citizen, key="sandbox-pickup")
    [shipment] = order["shipments"]

    def advance(shipment_id):
        return client.post(f"/v1/sandbox/shipments/{shipment_id}/advance", json={}, headers=citizen)

    assert _walk(advance, shipment["id"]) == [
        "picked_up",
        "at_station",
        "out_for_delivery",
        "delivered",
    ]
    assert (
        client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()["state"] == "picked_up"
    )
