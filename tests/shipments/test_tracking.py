"""Timelines for owners; public tracking with the last 4 digits of a phone."""

from __future__ import annotations

from tests.factories import make_shipments
from tests.helpers import assert_problem, login_citizen


def test_owner_timeline_comes_from_the_custody_chain(client, as_, app, world):
    with app.app_context():
        [shipment] = make_shipments(world)
    body = client.get(
        f"/v1/shipments/{shipment.waybill}/timeline", headers=as_("clerk_hospital")
    ).get_json()
    assert [e["status"] for e in body["entries"]] == ["created"]
    assert body["state"] == "created"
    stranger = login_citizen(client, "demo-x")
    response = client.get(f"/v1/shipments/{shipment.id}/timeline", headers=stranger)
    assert_problem(response, 404, "shipment_not_found")


def test_public_tracking_needs_a_phone_on_the_waybill(client, app, world):
    with app.app_context():
        [shipment] = make_shipments(world)  # recipient phone ends 5678, sender 8000
    ok = client.get(f"/v1/track/{shipment.waybill}?phone_last4=5678")
    assert ok.status_code == 200
    body = ok.get_json()
    assert set(body) == {"waybill", "state", "deliver_by", "events"}
    assert body["events"][0].keys() == {"at", "status"}
    # In UTC whatever the database's session zone (the row comes straight from psycopg).
    assert body["events"][0]["at"].endswith("Z") and body["state"] == shipment.state
    assert client.get(f"/v1/track/{shipment.waybill}?phone_last4=8000").status_code == 200
    assert_problem(
        client.get(f"/v1/track/{shipment.waybill}?phone_last4=1111"), 404, "shipment_not_found"
    )
    assert_problem(
        client.get("/v1/track/EA000000005CN?phone_last4=5678"), 404, "shipment_not_found"
    )
    assert_problem(
        client.get(f"/v1/track/{shipment.waybill}?phone_last4=12"), 422, "validation_failed"
    )


def test_a_mistyped_waybill_is_told_apart_from_an_unknown_one(client, app, world):
    with app.app_context():
        [shipment] = make_shipments(world)
    waybill = shipment.waybill
    wrong_digit = waybill[:10] + str((int(waybill[10]) + 1) % 10) + waybill[11:]
    problem = assert_problem(
        client.get(f"/v1/track/{wrong_digit}?phone_last4=5678"), 422, "invalid_waybill"
    )
    assert problem["errors"][0]["field"] == "waybill"
    assert_problem(client.get("/v1/track/EA12?phone_last4=5678"), 422, "invalid_waybill")
    # As printed or typed in lower case, a right waybill is found.
    assert client.get(f"/v1/track/{waybill.lower()}?phone_last4=5678").status_code == 200


def test_public_tracking_is_rate_limited(client, app, world):
    with app.app_context():
        [shipment] = make_shipments(world)
    limits = app.config["RATE_LIMITS"]
    saved = limits["public_tracking"]
    limits["public_tracking"] = "3/60"
    try:
        codes = [
            client.get(f"/v1/track/{shipment.waybill}?phone_last4={n:04d}").status_code
            for n in range(4)
        ]
    finally:
        limits["public_tracking"] = saved
    assert codes == [404, 404, 404, 429]  # guessing digits is slowed down
