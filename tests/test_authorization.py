"""The authorisation matrix: every object endpoint, called by a foreign caller of the kind
that may use it (another citizen, another station's courier or dispatcher, another
organisation's clerk or API client), answers 404 — the same answer as for an id that
does not exist, so nobody can probe for other people's objects."""

from __future__ import annotations

import hashlib

import pytest

from courier_api.core.ids import new_id
from courier_api.extensions import db
from courier_api.network.models import Organisation
from tests import factories
from tests.factories import add_organisations, document_row
from tests.helpers import assert_problem, login_citizen, order_pickup, quote

JPEG = b"\xff\xd8\xff\xe0" + b"my parcel" * 20


@pytest.fixture
def objects(client, app, world, as_, citizen):
    """One object of each kind, owned by citizen A, hospital H1, court 1, station A."""
    with app.app_context():
        add_organisations(world)
        other = Organisation(
            id=new_id("org"), region_id=world.region_id, kind="hospital", name="H2"
        )
        db.session.add(other)
        db.session.commit()
        world.organisations["hospital_b"] = other.id
        kiosk_b = factories.make_api_client(world, "hospital_b")
        kiosk_a = factories.make_api_client(world, "hospital")
        factories.add_org_clerk("clerk_hospital_b", world.organisations["hospital_b"])
    order = order_pickup(client, citizen)
    [shipment] = order["shipments"]
    blob = hashlib.sha256(JPEG).hexdigest()
    client.put(f"/v1/blobs/{blob}", data=JPEG, headers={**citizen, "Content-Type": "image/jpeg"})
    job = client.post(
        "/v1/court-jobs",
        json={"documents": [document_row()]},
        headers=as_("clerk_court", **{"Idempotency-Key": "job"}),
    ).get_json()
    hook = client.post(
        "/v1/webhook-endpoints",
        json={"url": "https://his.example/hooks"},
        headers=as_("clerk_hospital"),
    ).get_json()
    point = client.post(
        f"/v1/organisations/{world.organisations['hospital']}/pickup-points",
        json={
            "station_id": world.stations["A"],
            "kind": "pharmacy",
            "name": "药房",
            "address": "中山市东区孙文中路2号",
            "lat": 22.52,
            "lng": 113.39,
        },
        headers=as_("admin", **{"Idempotency-Key": "point"}),
    ).get_json()
    complaint = client.post(
        "/v1/complaints",
        json={"category": "late", "description": "Nobody came.", "pickup_id": order["id"]},
        headers={**citizen, "Idempotency-Key": "complaint"},
    ).get_json()
    return {
        "complaint": complaint["id"],
        "org": world.organisations["hospital"],
        "point": point["id"],
        "client_key": kiosk_a[0],
        "pickup": order["id"],
        "task": order["task"]["id"],
        "shipment": shipment["id"],
        "waybill": shipment["waybill"],
        "blob": blob,
        "job": job["id"],
        "document": job["rows"][0]["document_id"],
        "hook": hook["id"],
        "courier": world.couriers["courier_a"],
        "kiosk_b": kiosk_b,
    }


# (method, path template, foreign caller) — each caller is of a kind that may use the endpoint.
MATRIX = [
    ("GET", "/v1/pickups/{pickup}", "citizen_b"),
    ("POST", "/v1/pickups/{pickup}/cancel", "citizen_b"),
    ("GET", "/v1/shipments/{shipment}", "citizen_b"),
    ("GET", "/v1/shipments/{waybill}", "citizen_b"),
    ("GET", "/v1/shipments/{shipment}/timeline", "citizen_b"),
    ("GET", "/v1/shipments/{shipment}/custody", "citizen_b"),
    ("GET", "/v1/shipments/{shipment}/custody/verify", "citizen_b"),
    ("GET", "/v1/shipments/{shipment}", "clerk_hospital_b"),
    ("GET", "/v1/shipments/{shipment}", "kiosk_b"),
    ("GET", "/v1/complaints/{complaint}", "citizen_b"),
    ("GET", "/v1/blobs/{blob}", "citizen_b"),
    ("GET", "/v1/blobs/{blob}", "courier_b"),
    ("GET", "/v1/courier/tasks/{task}", "courier_b"),
    ("POST", "/v1/courier/tasks/{task}/accept", "courier_b"),
    ("POST", "/v1/courier/tasks/{task}/arrive", "courier_b"),
    ("POST", "/v1/courier/tasks/{task}/deliver", "courier_b"),
    ("POST", "/v1/courier/tasks/{task}/fail", "courier_b"),
    ("POST", "/v1/courier/tasks/{task}/contact", "courier_b"),
    ("POST", "/v1/courier/tasks/{task}/pin/resend", "courier_b"),
    ("GET", "/v1/dispatch/tasks/{task}", "dispatcher_b"),
    ("GET", "/v1/couriers/{courier}", "dispatcher_b"),
    ("POST", "/v1/couriers/{courier}/release-device", "dispatcher_b"),
    ("GET", "/v1/court-jobs/{job}", "clerk_court_b"),
    ("GET", "/v1/court-jobs/{job}/documents/{document}", "clerk_court_b"),
    ("GET", "/v1/court-jobs/{job}/documents/{document}/receipt.pdf", "clerk_court_b"),
    ("GET", "/v1/court-jobs/{job}/receipts.pdf", "clerk_court_b"),
    ("GET", "/v1/court-jobs/{job}", "clerk_hospital"),
    ("GET", "/v1/webhook-endpoints/{hook}", "clerk_hospital_b"),
    ("GET", "/v1/webhook-endpoints/{hook}", "kiosk_b"),
    ("DELETE", "/v1/webhook-endpoints/{hook}", "clerk_hospital_b"),
    ("DELETE", "/v1/webhook-endpoints/{hook}", "kiosk_b"),
    ("GET", "/v1/organisations/{org}", "clerk_hospital_b"),
    ("GET", "/v1/organisations/{org}", "kiosk_b"),
    ("GET", "/v1/organisations/{org}/pickup-points/{point}", "clerk_hospital_b"),
    ("GET", "/v1/organisations/{org}/pickup-points/{point}", "kiosk_b"),
    ("GET", "/v1/organisations/{org}/api-clients", "clerk_hospital_b"),
    ("GET", "/v1/organisations/{org}/api-clients", "kiosk_b"),
    ("GET", "/v1/api-clients/{client_key}", "clerk_hospital_b"),
    ("GET", "/v1/api-clients/{client_key}", "kiosk_b"),
    ("POST", "/v1/api-clients/{client_key}/rotate", "clerk_hospital_b"),
    ("POST", "/v1/api-clients/{client_key}/rotate", "kiosk_b"),
    ("POST", "/v1/api-clients/{client_key}/revoke", "clerk_hospital_b"),
    ("POST", "/v1/api-clients/{client_key}/revoke", "kiosk_b"),
]


@pytest.mark.parametrize(("method", "template", "caller"), MATRIX)
def test_a_foreign_caller_gets_404(client, as_, objects, method, template, caller):
    path = template.format(**objects)
    body = {"reason_code": "nobody_home"} if path.endswith("/fail") else {}
    if caller == "kiosk_b":
        response = factories.signed(client, method, path, objects["kiosk_b"], json_body=body)
    else:
        headers = login_citizen(client, "demo-b") if caller == "citizen_b" else as_(caller)
        response = client.open(path, method=method, json=body, headers=headers)
    problem = assert_problem(response, 404, response.get_json()["code"])
    assert problem["code"].endswith("_not_found")


def test_the_owner_reads_what_the_foreign_caller_cannot(client, citizen, objects):
    """The matrix is not vacuous: the same ids answer their owner."""
    owned = ("/v1/pickups/{pickup}", "/v1/shipments/{shipment}", "/v1/blobs/{blob}")
    for path in (*owned, "/v1/complaints/{complaint}"):
        assert client.get(path.format(**objects), headers=citizen).status_code == 200


def test_quotes_are_their_requesters(client, citizen):
    made = quote(client, citizen).get_json()
    other = login_citizen(client, "demo-b")
    response = client.post(
        "/v1/pickups", json={"quote_id": made["id"]}, headers={**other, "Idempotency-Key": "q"}
    )
    assert_problem(response, 404, "quote_not_found")
