"""Traffic-archive transfers: a sealed bag whose number, recorded by the sending office,
must match at every hand-over (the first included) and at delivery; the receiving office
confirms receipt itself; both offices see the chain of custody."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.government.models import ArchiveTransfer
from courier_api.tasks.models import Task
from tests.factories import HOME, SIGNATURE, id_number, make_api_client, signed
from tests.helpers import assert_problem, race, run_worker_once, station_in

DRIVER_ID = id_number("44200019850505001")
SEAL = "SEAL-000123"


def _transfer(client, as_, gov, to: dict, key: str = "atr-1", **fields):
    return client.post(
        "/v1/archive-transfers",
        json={
            "archive_no": "442000-2026-000123",
            "driver": {"name": "吴六", "id_number": DRIVER_ID},
            "seal_no": SEAL,
            "to": to,
            **fields,
        },
        headers=as_("clerk_office", **{"Idempotency-Key": key}),
    )


def _confirm(client, as_, transfer_id: str, seal_no: str = SEAL, who: str = "clerk_office_b"):
    return client.post(
        f"/v1/archive-transfers/{transfer_id}/confirm", json={"seal_no": seal_no}, headers=as_(who)
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


def _at_the_office(client, as_, gov, collect, waybill: str, pickup_task_id: str) -> str:
    """Collected, scanned in at station A and loaded, each with the sender's seal; the
    delivery task's id."""
    picked = collect(pickup_task_id, [{"waybill": waybill, "seal_no": SEAL}])
    assert [a["waybill"] for a in picked["accepted"]] == [waybill]
    scanned = station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill, "seal_no": SEAL}])
    assert scanned.get_json()["accepted"][0]["state"] == "at_station"
    return _load_sealed(client, as_, waybill)


def test_office_to_office_with_a_seal_mismatch_on_the_way(client, as_, app, gov, collect, door):
    created = _transfer(client, as_, gov, {"office_id": gov.organisations["office_b"]})
    assert created.status_code == 201, created.get_json()
    transfer = created.get_json()
    read_back = client.get(created.headers["Location"], headers=as_("clerk_office"))
    assert read_back.get_json()["id"] == transfer["id"]
    # The office sent the driver's name: it sees it; the ID number stays masked.
    assert transfer["driver_id_masked"] == DRIVER_ID[:6] + "*" * 8 + DRIVER_ID[-4:]
    assert transfer["driver_name"] == "吴六"
    receiving = client.get(created.headers["Location"], headers=as_("clerk_office_b"))
    assert receiving.get_json()["driver_name"] == "吴六"  # an owner too
    assert transfer["destination"] == "office" and transfer["waybill"].startswith("ET")
    assert (transfer["seal_no"], transfer["seal_set_by"]) == (SEAL, "sender")
    waybill, offices = (
        transfer["waybill"],
        sorted([gov.organisations["office"], gov.organisations["office_b"]]),
    )
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
    # At the office nobody signs for it at the courier's handheld: the office confirms.
    clerk = {"receiver": {"name": "郑七", "relation": "office_clerk"}, "signature": SIGNATURE}
    signing = door("deliver", task_id, {**clerk, "seal_no": SEAL})
    assert_problem(signing, 409, "recipient_confirms_receipt")
    # Only the receiving office confirms; the sender and a third office see no such transfer.
    for who in ("clerk_office", "clerk_office_c", "clerk_court"):
        assert_problem(
            _confirm(client, as_, transfer["id"], who=who), 404, "archive_transfer_not_found"
        )
    # A different seal at the office: refused, and the refusal is kept on record.
    assert_problem(_confirm(client, as_, transfer["id"], "SEAL-777"), 409, "seal_mismatch")
    assert len(_seal_events(app)) == 2
    confirmed = _confirm(client, as_, transfer["id"])
    assert confirmed.status_code == 200, confirmed.get_json()
    assert confirmed.get_json()["state"] == "delivered" and confirmed.get_json()["received_at"]
    with app.app_context():
        assert db.session.get(Task, task_id).state == "completed"  # the courier's task is done
    assert_problem(_confirm(client, as_, transfer["id"]), 409, "not_out_for_delivery")
    # Both offices see the chain of custody; a third office sees nothing.
    answer = client.get(f"/v1/archive-transfers/{transfer['id']}", headers=as_("clerk_office_b"))
    events = answer.get_json()["custody"]
    assert [(e["kind"], e["refs"].get("condition")) for e in events] == [
        ("created", None),
        ("picked_up", None),
        ("exception", "seal_mismatch"),
        ("arrived_station", None),
        ("out_for_delivery", None),
        ("exception", "seal_mismatch"),
        ("delivered", None),
    ]
    assert events[0]["refs"]["seal_no"] == SEAL  # the sender's seal opens the chain
    delivered = events[-1]
    assert delivered["actor_kind"] == "staff" and delivered["refs"]["seal_no"] == SEAL
    assert _custody_kinds(client, as_, transfer["id"]) == _custody_kinds(
        client, as_, transfer["id"], "clerk_office_b"
    )
    assert_problem(
        client.get(f"/v1/archive-transfers/{transfer['id']}", headers=as_("clerk_office_c")),
        404,
        "archive_transfer_not_found",
    )
    assert (
        client.get(f"/v1/archive-transfers/{transfer['id']}", headers=as_("clerk_court"))
    ).status_code == 404


def test_the_first_hand_over_checks_the_senders_seal(client, as_, app, gov, collect):
    transfer = _transfer(client, as_, gov, {"office_id": gov.organisations["office_b"]}).get_json()
    waybill = transfer["waybill"]
    picked = collect(transfer["pickup_task_id"], [{"waybill": waybill, "seal_no": "SEAL-1"}])
    assert picked["accepted"] == [] and picked["refused"][0]["code"] == "seal_mismatch"
    assert len(_seal_events(app)) == 1
    read = client.get(f"/v1/archive-transfers/{transfer['id']}", headers=as_("clerk_office"))
    assert read.get_json()["state"] == "awaiting_pickup" and read.get_json()["seal_no"] == SEAL
    assert _custody_kinds(client, as_, transfer["id"]) == [
        ("created", None),
        ("exception", "seal_mismatch"),
    ]
    # Without its seal number the office cannot send it.
    office_b = {"office_id": gov.organisations["office_b"]}
    unsealed = _transfer(client, as_, gov, office_b, "atr-2", seal_no=None)
    assert assert_problem(unsealed, 422, "validation_failed")["errors"][0]["field"] == "seal_no"


def test_the_receiving_offices_system_confirms_signed(client, as_, app, gov, collect):
    transfer = _transfer(client, as_, gov, {"office_id": gov.organisations["office_b"]}).get_json()
    _at_the_office(client, as_, gov, collect, transfer["waybill"], transfer["pickup_task_id"])
    with app.app_context():
        office_b, office = make_api_client(gov, "office_b"), make_api_client(gov, "office")
    path = f"/v1/archive-transfers/{transfer['id']}/confirm"
    sender = signed(client, "POST", path, office, json_body={"seal_no": SEAL})
    assert_problem(sender, 404, "archive_transfer_not_found")
    answer = signed(client, "POST", path, office_b, json_body={"seal_no": SEAL})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["state"] == "delivered"


def test_transfers_made_before_keep_the_first_scan_and_the_clerks_signature(
    client, as_, app, gov, collect, door
):
    transfer = _transfer(client, as_, gov, {"office_id": gov.organisations["office_b"]}).get_json()
    with app.app_context():
        # What the migration leaves of a transfer made before: marked, no seal, no kind.
        made_before = db.session.get(ArchiveTransfer, transfer["id"])
        made_before.seal_set_by = "first_scan"
        made_before.shipment.seal_no = made_before.shipment.recipient_kind = None
        db.session.commit()
    task_id = _at_the_office(
        client, as_, gov, collect, transfer["waybill"], transfer["pickup_task_id"]
    )
    assert_problem(_confirm(client, as_, transfer["id"]), 409, "signed_at_the_door")
    clerk = {"receiver": {"name": "郑七", "relation": "office_clerk"}, "signature": SIGNATURE}
    delivered = door("deliver", task_id, {**clerk, "seal_no": SEAL})
    assert delivered.status_code == 200, delivered.get_json()
    read = client.get(f"/v1/archive-transfers/{transfer['id']}", headers=as_("clerk_office"))
    assert read.get_json()["seal_no"] == SEAL  # recorded by the courier's first scan


@pytest.mark.postgres
def test_two_confirmations_at_once_receive_it_once(client, as_, app, gov, collect):
    transfer = _transfer(client, as_, gov, {"office_id": gov.organisations["office_b"]}).get_json()
    _at_the_office(client, as_, gov, collect, transfer["waybill"], transfer["pickup_task_id"])
    headers = as_("clerk_office_b")
    path = f"/v1/archive-transfers/{transfer['id']}/confirm"

    def confirm(_: int) -> int:
        with app.test_client() as own:
            return own.post(path, json={"seal_no": SEAL}, headers=headers).status_code

    assert sorted(race(4, confirm)) == [200, 409, 409, 409]
    chain = _custody_kinds(client, as_, transfer["id"])
    assert chain.count(("delivered", None)) == 1


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
                "seal_no": SEAL,
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
