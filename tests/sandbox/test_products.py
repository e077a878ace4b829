"""Every kind of order goes with the robo-courier: a court job to its outcome and receipt,
an express pickup ordered by a sandbox citizen, a sealed archive to its driver, a birth
certificate to its mother (the postage collected, but no money moves)."""

from __future__ import annotations

import sqlalchemy as sa

from courier_api.extensions import db
from courier_api.ledger.models import LedgerTransaction
from tests.factories import HOME, document_row, id_number, signed
from tests.helpers import quote
from tests.hospital.test_birth_certificates import application

DRIVER_ID = id_number("44200019850505001")


def _walk(post, shipment_id: str) -> list[str]:
    states = []
    for _ in range(4):
        response = post(shipment_id)
        assert response.status_code == 200, response.get_json()
        states.append(response.get_json()["state"])
    return states


def test_a_sandbox_court_job_is_served_and_its_receipt_printed(client, sandbox_client):
    court = sandbox_client("court")
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


def test_a_sandbox_citizens_pickup_goes_with_the_robo_courier_and_its_cod_moves_no_money(
    app, client, world, sandbox_citizen
):
    citizen = sandbox_citizen("demo-sandbox-citizen")
    quoted = quote(client, citizen, cod_amount_fen=50_000).get_json()
    order = client.post(
        "/v1/pickups",
        json={"quote_id": quoted["id"]},
        headers={**citizen, "Idempotency-Key": "sandbox-pickup"},
    ).get_json()
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
    # The robo-courier took the cash at the door, but its cash is not real: no posting.
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerTransaction)) == 0


def test_a_sealed_archive_goes_to_the_driver_seal_and_id_checked(client, sandbox_client):
    office = sandbox_client("office")
    transfer = signed(
        client,
        "POST",
        "/v1/archive-transfers",
        office,
        json_body={
            "archive_no": "442000-2026-000123",
            "driver": {"name": "吴六", "id_number": DRIVER_ID},
            "seal_no": "SEAL-000123",
            "to": {"driver_address": {"name": "吴六", **HOME}},
        },
        extra_headers={"Idempotency-Key": "sandbox-archive"},
    )
    assert transfer.status_code == 201, transfer.get_json()

    def advance(ref):
        return signed(client, "POST", f"/v1/sandbox/shipments/{ref}/advance", office, json_body={})

    waybill = transfer.get_json()["waybill"]
    assert _walk(advance, waybill) == ["picked_up", "at_station", "out_for_delivery", "delivered"]
    chain = signed(client, "GET", f"/v1/shipments/{waybill}/custody", office).get_json()
    delivered = chain["events"][-1]
    assert delivered["refs"]["seal_no"] == "SEAL-000123" and delivered["refs"]["id_checked"]


def test_a_sandbox_birth_certificate_goes_to_the_named_mother_cash_collected(
    app, client, world, kiosks, sandbox_citizen
):
    mother = sandbox_citizen("demo-sandbox-mother")
    applied = client.post(
        "/v1/birth-certificates",
        json=application(world, postage_on_delivery=True),
        headers={**mother, "Idempotency-Key": "sandbox-bc"},
    )
    assert applied.status_code == 201, applied.get_json()
    created = applied.get_json()
    ready = signed(
        client,
        "POST",
        f"/v1/birth-certificates/{created['id']}/ready",
        kiosks["sandbox"],
        json_body={"certificate_no": "Q440012345"},
    )
    assert ready.status_code == 200, ready.get_json()

    def advance(ref):
        return client.post(f"/v1/sandbox/shipments/{ref}/advance", json={}, headers=mother)

    assert _walk(advance, created["shipment_id"]) == [
        "picked_up",
        "at_station",
        "out_for_delivery",
        "delivered",
    ]
    chain = client.get(f"/v1/shipments/{created['shipment_id']}/custody", headers=mother)
    delivered = chain.get_json()["events"][-1]["refs"]
    assert delivered["id_checked"] and delivered["cash_fen"] == 1_800
