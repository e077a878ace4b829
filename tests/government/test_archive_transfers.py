"""Traffic-archive transfers: a sealed bag whose number, recorded at pickup, must match
at every hand-over and at delivery; both offices see the chain of custody."""

from __future__ import annotations

import sqlalchemy as sa

from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from tests.factories import HOME, SIGNATURE, id_number
from tests.helpers import assert_problem, run_worker_once, station_in

DRIVER_ID = id_number("44200019850505001")
SEAL = "SEAL-000123"


def _transfer(client, as_, gov, to: dict, key: str = "atr-1"):
    return client.post(
        "/v1/archive-transfers",
        json={
            "archive_no": "442000-2026-000123",
            "driver": {"name": "吴六", "id_number": DRIVER_ID},
            "to": to,
        },
        headers=as_("clerk_office", **{"Idempotency-Key": key}),
    )


def _custody_kinds(client, as_, transfer_id: str, who: str = "clerk_office") -> list:
    answer = client.get(f"/v1/archive-transfers/{transfer_id}", headers=as_(who))
    assert answer.status_code == 200, answer.get_json()
    return [(e["kind"], e["refs"].get("condition")) for e in answer.get_json()["custody"]]


def _load_sealed(client, as_, waybill: str) -> str:
    """Courier A loads the bag at station A, scanning its seal; the delivery task's id."""
    loaded = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": waybill, "seal_no": SEAL}]},
        headers=as_("courier_a"),
    )
    assert loaded.status_code == 200, loaded.get_json()
    [task_id] = loaded.get_json()["delivery_task_ids"]
    return task_id


def _seal_events(app) -> list[tuple[str, list[str]]]:
    with app.app_context():
        return [
            (e.kind, e.organisation_ids)
            for e in db.session.scalars(
                sa.select(OutboxEvent).where(OutboxEvent.kind == "shipment.seal_mismatch")
            )
        ]


def test_office_to_office_with_a_seal_mismatch_on_the_way(client, as_, app, gov, collect, door):
    created = _transfer(client, as_, gov, {"office_id": gov.organisations["office_b"]})
    assert created.status_code == 201, created.get_json()
    transfer = created.get_json()
    read_back = client.get(created.headers["Location"], headers=as_("clerk_office"))
    assert read_back.get_json()["id"] == transfer["id"]
    assert transfer["driver_id_masked"] != DRIVER_ID and transfer["driver_name"] == "吴*"
    assert transfer["destination"] == "office" and transfer["waybill"].startswith("ET")
    waybill, offices = (
        transfer["waybill"],
        sorted([gov.organisations["office"], gov.organisations["office_b"]]),
    )
    # The seal is recorded at pickup.
    picked = collect(transfer["pickup_task_id"], [{"waybill": waybill, "seal_no": SEAL}])
    assert [a["waybill"] for a in picked["accepted"]] == [waybill]
    # The station scans another seal: the item is not taken over; both offices are told.
    wrong = station_in(
        client, as_("dispatcher_a"), gov, [{"waybill": waybill, "seal_no": "SEAL-999"}]
    )
    assert wrong.status_code == 200, wrong.get_json()
    body = wrong.get_json()
    assert body["accepted"] == [] and body["refused"][0]["code"] == "seal_mismatch"
    assert body["exceptions"] == [waybill]
    assert _seal_events(app) == [("shipment.seal_mismatch", offices)]
    # Without a seal number the scan is refused outright.
    bare = station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill}])
    assert_problem(bare, 422, "nothing_handed_over")
    right = station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill, "seal_no": SEAL}])
    assert right.get_json()["accepted"][0]["state"] == "at_station"
    task_id = _load_sealed(client, as_, waybill)
    clerk = {"receiver": {"name": "郑七", "relation": "office_clerk"}, "signature": SIGNATURE}
    missing = assert_problem(door("deliver", task_id, clerk), 422, "proof_missing")
    assert missing["missing"] == ["seal"]
    # A different seal at the door: refused, and the refusal is kept on record.
    assert_problem(door("deliver", task_id, {**clerk, "seal_no": "SEAL-777"}), 409, "seal_mismatch")
    assert len(_seal_events(app)) == 2
    delivered = door("deliver", task_id, {**clerk, "seal_no": SEAL})
    assert delivered.status_code == 200, delivered.get_json()
    assert delivered.get_json()["shipment_state"] == "delivered"
    # Both offices see the chain of custody; a third office sees nothing.
    chain = _custody_kinds(client, as_, transfer["id"], "clerk_office_b")
    assert chain == [
        ("created", None),
        ("picked_up", None),
        ("exception", "seal_mismatch"),
        ("arrived_station", None),
        ("out_for_delivery", None),
        ("exception", "seal_mismatch"),
        ("delivered", None),
    ]
    assert chain == _custody_kinds(client, as_, transfer["id"])
    assert_problem(
        client.get(f"/v1/archive-transfers/{transfer['id']}", headers=as_("clerk_office_c")),
        404,
        "archive_transfer_not_found",
    )
    assert (
        client.get(f"/v1/archive-transfers/{transfer['id']}", headers=as_("clerk_court"))
    ).status_code == 404


def test_to_the_driver_needs_the_drivers_id(client, as_, gov, collect, door):
    home = {"name": "吴六", **HOME}
    transfer = _transfer(client, as_, gov, {"driver_address": home}).get_json()
    assert transfer["destination"] == "driver" and transfer["to_organisation_id"] is None
    waybill = transfer["waybill"]
    collect(transfer["pickup_task_id"], [{"waybill": waybill, "seal_no": SEAL}])
    station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill, "seal_no": SEAL}])
    task_id = _load_sealed(client, as_, waybill)
    signature = {"signature": SIGNATURE, "seal_no": SEAL}
    missing = door("deliver", task_id, {"receiver": {"name": "吴六"}, **signature})
    assert assert_problem(missing, 422, "proof_missing")["missing"] == ["id_check"]
    stranger = {"name": "吴六", "id_number": id_number("44200019850505002")}
    assert_problem(
        door("deliver", task_id, {"receiver": stranger, **signature}), 422, "receiver_not_named"
    )
    driver = {"name": "吴六", "id_number": DRIVER_ID}
    assert door("deliver", task_id, {"receiver": driver, **signature}).status_code == 200


def test_only_a_traffic_office_sends_archives_to_another_office(client, as_, gov):
    assert_problem(
        client.post(
            "/v1/archive-transfers",
            json={
                "archive_no": "1",
                "driver": {"name": "吴六", "id_number": DRIVER_ID},
                "to": {"office_id": gov.organisations["office"]},
            },
            headers=as_("clerk_court", **{"Idempotency-Key": "x"}),
        ),
        403,
        "wrong_organisation_kind",
    )
    to_itself = _transfer(client, as_, gov, {"office_id": gov.organisations["office"]})
    assert assert_problem(to_itself, 422, "validation_failed")["errors"][0]["field"] == (
        "to.office_id"
    )
    both = _transfer(
        client,
        as_,
        gov,
        {"office_id": gov.organisations["office_b"], "driver_address": {"name": "x", **HOME}},
        key="atr-2",
    )
    assert_problem(both, 422, "validation_failed")


def test_both_offices_webhooks_hear_of_a_broken_seal(client, as_, app, gov, collect, httpserver):
    from courier_api.signing import verify_webhook

    secrets = {}
    for office in ("office", "office_b"):
        registered = client.post(
            "/v1/webhook-endpoints",
            json={"url": httpserver.url_for(f"/{office}"), "events": ["shipment.seal_mismatch"]},
            headers=as_(f"clerk_{office}"),
        )
        assert registered.status_code == 201, registered.get_json()
        secrets[f"/{office}"] = registered.get_json()["secret"]
        httpserver.expect_request(f"/{office}", method="POST").respond_with_data("ok")
    transfer = _transfer(client, as_, gov, {"office_id": gov.organisations["office_b"]})
    waybill = transfer.get_json()["waybill"]
    collect(transfer.get_json()["pickup_task_id"], [{"waybill": waybill, "seal_no": SEAL}])
    station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill, "seal_no": "SEAL-9"}])
    assert run_worker_once(app) == {"succeeded": 2, "failed": 0}
    received = {request.path: request for request, _ in httpserver.log}
    assert sorted(received) == ["/office", "/office_b"]
    for path, request in received.items():
        signature = request.headers["X-Courier-Signature"]
        assert verify_webhook(secrets[path], signature, request.get_data())
        body = request.get_json()
        assert (body["type"], body["data"]["expected_seal_no"]) == ("shipment.seal_mismatch", SEAL)
