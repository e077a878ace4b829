"""Court documents and archive transfers are priced by the same function from the
catalogue as every product, and show the price by part (issue #23 item 1)."""

from __future__ import annotations

from tests.factories import HOME, document_row, id_number


def test_a_court_document_and_an_archive_show_their_published_price(client, as_, gov, submit):
    job = submit([document_row()]).get_json()
    court = as_("clerk_court")
    seen = client.get(f"/v1/court-jobs/{job['id']}", headers=court).get_json()
    [document] = seen["documents"]
    assert document["price"]["base_fen"] == 2_000 and document["price"]["total_fen"] == 2_000
    assert document["price"]["lines"] == [{"code": "flat", "amount_fen": 2_000}]

    created = client.post(
        "/v1/archive-transfers",
        json={
            "archive_no": "A-9",
            "driver": {"name": "吴六", "id_number": id_number("44200019850505001")},
            "seal_no": "SEAL-9",
            "to": {"driver_address": {"name": "吴六", **HOME}},
        },
        headers=as_("clerk_office", **{"Idempotency-Key": "a-9"}),
    )
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["price"]["total_fen"] == 2_200
