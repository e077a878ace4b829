"""Delivering with the proof each product requires; what is refused changes nothing."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.delivery.models import DeliveryProof
from courier_api.extensions import db
from courier_api.shipments.service import Named
from tests.factories import FATHER_ID, ME, MOTHER_ID, SIGNATURE, STRANGER_ID, id_number
from tests.helpers import assert_problem, latest_pin, other_than, shipment_of, upload


def test_signed_delivery_keeps_strokes_and_png_and_records_their_hashes(
    client, as_, app, world, at_station, load, door
):
    [waybill] = at_station()
    [task_id] = load([waybill])
    response = door("deliver", task_id, {"receiver": ME, "signature": SIGNATURE})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["shipment_state"] == "delivered"
    assert body["task"]["state"] == "completed"
    assert body["attempt"]["outcome"] == "delivered" and body["attempt"]["number"] == 1
    proof = body["attempt"]["proof"]
    assert proof["receiver_name"] == "李*"
    shipment, events, attempts = shipment_of(app, waybill)
    assert shipment.state == "delivered" and shipment.delivered_at is not None
    assert shipment.attempts == 1 and len(attempts) == 1
    delivered = events[-1]
    assert delivered.kind == "delivered"
    assert delivered.refs["signature_sha256"] == proof["signature_sha256"]
    assert delivered.refs["signature_png_sha256"] == proof["signature_png_sha256"]
    assert "李四" not in str(delivered.refs)  # the custody log holds no personal data
    # The owner (the hospital) can fetch the rendered signature; another courier cannot.
    png = client.get(f"/v1/blobs/{proof['signature_png_sha256']}", headers=as_("clerk_hospital"))
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    strokes = client.get(f"/v1/blobs/{proof['signature_sha256']}", headers=as_("clerk_hospital"))
    assert strokes.get_json()["strokes"][0][0] == [10, 10, 0]
    assert (
        client.get(
            f"/v1/blobs/{proof['signature_png_sha256']}", headers=as_("courier_b")
        ).status_code
        == 404
    )


def test_missing_proof_is_listed_and_nothing_changes(app, world, at_station, load, door):
    [waybill] = at_station()
    [task_id] = load([waybill])
    response = door("deliver", task_id, {})
    problem = assert_problem(response, 422, "proof_missing")
    assert problem["missing"] == ["receiver", "signature"]
    assert {e["field"] for e in problem["errors"]} == {"receiver", "signature"}
    shipment, events, attempts = shipment_of(app, waybill)
    assert shipment.state == "out_for_delivery" and shipment.attempts == 0 and not attempts
    assert events[-1].kind == "out_for_delivery"


def test_a_signature_that_is_not_one_is_refused(at_station, load, door):
    [task_id] = load(at_station())
    outside = {**SIGNATURE, "strokes": [[[10, 10, 0], [400, 20, 10]]]}
    response = door("deliver", task_id, {"receiver": ME, "signature": outside})
    problem = assert_problem(response, 422, "validation_failed")
    assert problem["errors"][0]["field"] == "signature.strokes.0.1"
    tap = {**SIGNATURE, "strokes": [[[10, 10, 0]]]}
    problem = assert_problem(
        door("deliver", task_id, {"receiver": ME, "signature": tap}), 422, "validation_failed"
    )
    assert problem["errors"][0]["code"] == "empty_signature"
    backwards = {
        **SIGNATURE,
        "strokes": [[[1, 1, 50], [2, 2, 40], [3, 3, 60], [4, 4, 70], [5, 5, 80]]],
    }
    assert_problem(
        door("deliver", task_id, {"receiver": ME, "signature": backwards}), 422, "validation_failed"
    )


def test_photo_proof_must_be_an_uploaded_image(client, as_, app, at_station, load, door):
    [waybill] = at_station()
    [task_id] = load([waybill])
    missing = "0" * 64
    problem = assert_problem(
        door("deliver", task_id, {"receiver": ME, "signature": SIGNATURE, "photo_sha256": missing}),
        422,
        "validation_failed",
    )
    assert problem["errors"][0]["code"] == "blob_missing"
    pdf = upload(client, as_("courier_a"), b"%PDF-1.4 not a photo", "application/pdf")
    problem = assert_problem(
        door("deliver", task_id, {"receiver": ME, "signature": SIGNATURE, "photo_sha256": pdf}),
        422,
        "validation_failed",
    )
    assert problem["errors"][0]["code"] == "wrong_blob_type"
    photo = upload(client, as_("courier_a"))
    response = door(
        "deliver", task_id, {"receiver": ME, "signature": SIGNATURE, "photo_sha256": photo}
    )
    assert response.status_code == 200, response.get_json()
    _, events, _ = shipment_of(app, waybill)
    assert events[-1].refs["photo_sha256"] == photo


def test_birth_certificate_goes_only_to_the_named_parents_with_id(
    app, world, at_station, load, door
):
    parents = (Named("mother", "王芳", MOTHER_ID), Named("father", "张伟", FATHER_ID))
    [waybill] = at_station(product="birth_certificate", named=parents)
    [task_id] = load([waybill])
    aunt = {"name": "王丽", "relation": "family", "id_number": STRANGER_ID}
    assert_problem(
        door("deliver", task_id, {"receiver": aunt, "signature": SIGNATURE}),
        422,
        "substitute_not_allowed",
    )
    stranger = {"name": "王丽", "relation": "self", "id_number": STRANGER_ID}
    assert_problem(
        door("deliver", task_id, {"receiver": stranger, "signature": SIGNATURE}),
        422,
        "receiver_not_named",
    )
    wrong_id = {"name": "王芳", "id_number": FATHER_ID}
    assert_problem(
        door("deliver", task_id, {"receiver": wrong_id, "signature": SIGNATURE}),
        422,
        "receiver_not_named",
    )
    no_id = {"name": "王芳"}
    problem = assert_problem(
        door("deliver", task_id, {"receiver": no_id, "signature": SIGNATURE}), 422, "proof_missing"
    )
    assert problem["missing"] == ["id_check"]
    bad_digit = MOTHER_ID[:17] + ("0" if MOTHER_ID[17] != "0" else "1")
    problem = assert_problem(
        door(
            "deliver",
            task_id,
            {"receiver": {"name": "王芳", "id_number": bad_digit}, "signature": SIGNATURE},
        ),
        422,
        "validation_failed",
    )
    assert problem["errors"][0]["code"] == "invalid_id_number"
    father = {"name": "张伟", "id_number": FATHER_ID.lower()}
    response = door("deliver", task_id, {"receiver": father, "signature": SIGNATURE})
    assert response.status_code == 200, response.get_json()
    proof = response.get_json()["attempt"]["proof"]
    assert proof["named_role"] == "father"
    assert proof["id_masked"] == FATHER_ID[:6] + "*" * 8 + FATHER_ID[-4:]
    with app.app_context():
        stored = db.session.scalars(sa.select(DeliveryProof)).one()
        assert FATHER_ID not in (stored.id_encrypted or "")  # encrypted at rest
        assert stored.id_hash and stored.id_hash != FATHER_ID


def test_court_document_substitutes_follow_the_court_rules(app, world, at_station, load, door):
    addressee_id = id_number("41130219800101001")
    opponent_id = id_number("41130219810101002")
    named = (
        Named("addressee", "赵一", addressee_id),
        Named("opposing_party", "钱二", opponent_id),
    )
    [waybill] = at_station(product="court_document", named=named)
    [task_id] = load([waybill])
    opponent = {"name": "钱二", "relation": "cohabiting_family", "id_number": opponent_id}
    problem = assert_problem(
        door("deliver", task_id, {"receiver": opponent, "signature": SIGNATURE}),
        422,
        "substitute_barred",
    )
    assert problem["role"] == "opposing_party"
    neighbour = {"name": "孙三", "relation": "neighbour", "id_number": STRANGER_ID}
    problem = assert_problem(
        door("deliver", task_id, {"receiver": neighbour, "signature": SIGNATURE}),
        422,
        "validation_failed",
    )
    assert problem["errors"][0]["code"] == "relation_not_allowed"
    no_id = {"name": "赵四", "relation": "cohabiting_family"}
    problem = assert_problem(
        door("deliver", task_id, {"receiver": no_id, "signature": SIGNATURE}), 422, "proof_missing"
    )
    assert problem["missing"] == ["id_check"]
    spouse = {"name": "赵四", "relation": "cohabiting_family", "id_number": STRANGER_ID}
    response = door("deliver", task_id, {"receiver": spouse, "signature": SIGNATURE})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["attempt"]["proof"]["relation"] == "cohabiting_family"


def test_express_substitute_says_who_they_are_but_never_a_neighbour(at_station, load, door):
    [task_id] = load(at_station())
    neighbour = {"name": "周五", "relation": "neighbour"}
    assert_problem(
        door("deliver", task_id, {"receiver": neighbour, "signature": SIGNATURE}),
        422,
        "validation_failed",
    )
    colleague = {"name": "周五", "relation": "colleague"}
    response = door("deliver", task_id, {"receiver": colleague, "signature": SIGNATURE})
    assert response.status_code == 200, response.get_json()


def test_cash_on_delivery_is_collected_in_full(app, at_station, load, door):
    [waybill] = at_station(cod_amount_fen=12_345)
    [task_id] = load([waybill])
    base = {"receiver": ME, "signature": SIGNATURE}
    problem = assert_problem(door("deliver", task_id, base), 422, "proof_missing")
    assert problem["missing"] == ["cash"]
    short = {**base, "cash": {"amount_fen": 12_000, "method": "cash"}}
    problem = assert_problem(door("deliver", task_id, short), 422, "validation_failed")
    assert problem["errors"][0]["code"] == "cash_amount_mismatch"
    paid = {**base, "cash": {"amount_fen": 12_345, "method": "wechat_pay"}}
    response = door("deliver", task_id, paid)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["attempt"]["proof"]["cash_amount_fen"] == 12_345
    _, events, _ = shipment_of(app, waybill)
    assert events[-1].refs["cash_fen"] == 12_345


def test_only_the_holding_courier_delivers_and_only_once(at_station, load, door):
    [task_id] = load(at_station())
    body = {"receiver": ME, "signature": SIGNATURE}
    assert_problem(door("deliver", task_id, body, courier="courier_b"), 404, "task_not_found")
    assert door("deliver", task_id, body).status_code == 200
    problem = assert_problem(door("deliver", task_id, body), 409, "task_not_active")
    assert problem["current_state"] == "completed"


def test_a_scan_time_ahead_of_the_server_is_refused(at_station, load, door):
    [task_id] = load(at_station())
    future = clock.to_rfc3339(clock.now() + timedelta(hours=1))
    body = {"receiver": ME, "signature": SIGNATURE, "occurred_at": future}
    problem = assert_problem(door("deliver", task_id, body), 422, "device_time_out_of_range")
    assert problem["errors"][0]["field"] == "occurred_at"


def test_pin_sign_off_replaces_the_signature_and_is_checked_online(app, at_station, load, door):
    [waybill] = at_station(pin_required=True)
    [task_id] = load([waybill])
    pin = latest_pin(app, shipment_of(app, waybill)[0].id)
    problem = assert_problem(
        door("deliver", task_id, {"receiver": ME, "signature": SIGNATURE}), 422, "proof_missing"
    )
    assert problem["missing"] == ["pin"]
    wrong = assert_problem(
        door("deliver", task_id, {"receiver": ME, "pin": other_than(pin)}), 422, "pin_incorrect"
    )
    assert wrong["tries_left"] == 4
    response = door("deliver", task_id, {"receiver": ME, "pin": pin})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["attempt"]["proof"]["pin_verified"] is True
    shipment, events, _ = shipment_of(app, waybill)
    assert shipment.state == "delivered" and events[-1].refs["pin_verified"] is True


def test_damage_seen_at_the_door_needs_a_photo_and_is_recorded(
    client, as_, app, at_station, load, door
):
    [waybill] = at_station()
    [task_id] = load([waybill])
    body = {"receiver": ME, "signature": SIGNATURE, "condition": "damaged"}
    problem = assert_problem(door("deliver", task_id, body), 422, "proof_missing")
    assert problem["missing"] == ["photo"]
    photo = upload(client, as_("courier_a"))
    response = door("deliver", task_id, {**body, "photo_sha256": photo})
    assert response.status_code == 200, response.get_json()
    _, events, _ = shipment_of(app, waybill)
    assert [e.kind for e in events][-2:] == ["exception", "delivered"]
    assert events[-2].refs == {"condition": "damaged", "photo_sha256": photo}


def test_deliveries_leave_no_personal_data_in_the_logs(app, at_station, load, door, caplog):
    import json
    import logging

    caplog.set_level(logging.DEBUG)
    parents = (Named("mother", "王芳", MOTHER_ID), Named("father", "张伟", FATHER_ID))
    [waybill] = at_station(product="birth_certificate", named=parents)
    [task_id] = load([waybill])
    wrong = {"name": "王芳", "id_number": STRANGER_ID}
    door("deliver", task_id, {"receiver": wrong, "signature": SIGNATURE})
    mother = {"name": "王芳", "id_number": MOTHER_ID}
    assert door("deliver", task_id, {"receiver": mother, "signature": SIGNATURE}).status_code == 200
    logged = "\n".join(
        record.getMessage() + json.dumps(record.__dict__, default=str) for record in caplog.records
    )
    assert "/deliver" in logged  # the requests were logged...
    for personal in (MOTHER_ID, STRANGER_ID, FATHER_ID, "王芳", "13912345678", "13800138000"):
        assert personal not in logged  # ...without who, or their numbers
