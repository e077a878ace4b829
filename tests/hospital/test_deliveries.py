"""Prescription deliveries from the kiosk, WeChat and the pharmacy window."""

from __future__ import annotations

import base64
import re
import zlib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent, dispatch_pending
from courier_api.extensions import db
from courier_api.hospital.models import HospitalDelivery, WindowToken
from courier_api.hospital.window_tokens import purge_window_tokens
from courier_api.network.models import PickupPoint
from courier_api.notify.models import Notification
from courier_api.shipments.models import ShipmentOwner
from tests.factories import ITEMS, PATIENT, order_body, signed
from tests.helpers import assert_problem, at_local, login_citizen, race


def _slip_text(pdf: bytes) -> str:
    """The text drawn on the slip (its one page: ASCII85 + Flate, UTF-16BE strings)."""
    stream = re.search(rb"/ASCII85Decode.*?stream\n(.*?)endstream", pdf, re.S).group(1)
    content = zlib.decompress(base64.a85decode(stream.strip().removesuffix(b"~>")))
    lines = []
    for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", content):
        raw = re.sub(
            rb"\\([0-7]{1,3}|.)",
            lambda m: bytes([int(m[1], 8)]) if m[1][:1].isdigit() else m[1],
            literal,
        )
        lines.append(raw.decode("utf-16-be"))
    return "\n".join(lines)


def test_kiosk_order_answers_the_waybill_prints_a_slip_and_goes_on_the_next_run(
    client, kiosk, hospitals, build_runs, as_, world
):
    created = kiosk(order_body())
    assert created.status_code == 201, created.get_json()
    delivery = created.get_json()
    assert delivery["waybill"].startswith("EM") and delivery["waybill"].endswith("CN")
    assert delivery["status"] == "awaiting_pickup" and delivery["channel"] == "kiosk"
    # The hospital typed the patient's details in: it sees them as it sent them.
    assert delivery["recipient"] == {
        "name": "张三",
        "phone": "13800138000",
        "address": "中山市博爱路88号2栋101室",
    }
    assert delivery["fee_fen"] == 1_000 and delivery["currency"] == "CNY"
    # Collected on the 11:00 run, delivered next day by 13:00 (urban destination).
    assert delivery["deliver_by"] == "2026-11-24T05:00:00Z"

    slip = signed(
        client,
        "GET",
        f"/v1/hospital/deliveries/{delivery['id']}/slip.pdf",
        hospitals["kiosks"]["A"],
    )
    assert slip.status_code == 200 and slip.mimetype == "application/pdf"
    assert slip.data.startswith(b"%PDF-")
    printed = _slip_text(slip.data)
    assert delivery["waybill"] in printed and "张*" in printed and "138******00" in printed
    assert "13800138000" not in printed and "张三" not in printed and "101室" not in printed
    assert "阿莫西林" not in printed  # no medicine on the outside of the bag

    clerk = as_("clerk_hospital")
    today = client.get("/v1/hospital/deliveries?status=awaiting_pickup", headers=clerk)
    assert [d["id"] for d in today.get_json()["items"]] == [delivery["id"]]
    # The run the order was told of is the one its collection waits for.
    assert today.get_json()["items"][0]["run_at"] == delivery["run_at"] == "2026-11-23T03:00:00Z"
    assert (
        client.get("/v1/hospital/deliveries?date=2026-11-22", headers=clerk).get_json()["items"]
        == []
    )

    assert build_runs() == []  # 10:00: no run is due yet
    clock.freeze(at_local(11, 0))
    [run_id] = build_runs()
    assert build_runs() == []  # built once
    run = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("clerk_hospital")).get_json()
    assert run["scheduled_at"] == "2026-11-23T03:00:00Z"
    assert [i["waybill"] for i in run["items"]] == [delivery["waybill"]]
    assert run["items"][0]["reference_no"] == "RX0001"
    assert run["counts"] == {"expected": 1, "scanned": 0, "missing": 0, "extra": 0}


def test_a_prescription_number_is_delivered_once_per_hospital(kiosk):
    assert kiosk(order_body("RX0042")).status_code == 201
    assert_problem(kiosk(order_body("RX0042")), 409, "duplicate_reference")
    # Another hospital's number space is its own; a medical record is another product.
    assert kiosk(order_body("RX0042"), hospital="B").status_code == 201
    assert kiosk(order_body("RX0042", product="medical_record")).status_code == 201


def test_a_pickup_point_must_be_one_of_the_hospitals_own_of_a_hospital_kind(kiosk, hospitals, app):
    theirs = hospitals["points"]["B"]["pharmacy"]
    problem = assert_problem(
        kiosk(order_body(pickup_point_id=theirs)), 422, "pickup_point_not_of_hospital"
    )
    assert problem["errors"][0]["field"] == "pickup_point_id"
    with app.app_context():
        # A point of another kind, as a database edited by hand may hold.
        db.session.get(PickupPoint, hospitals["points"]["A"]["pharmacy"]).kind = "warehouse"
        db.session.commit()
    assert_problem(kiosk(order_body()), 422, "no_pickup_point")
    assert_problem(
        kiosk(order_body(pickup_point_id=hospitals["points"]["A"]["pharmacy"])),
        422,
        "pickup_point_not_hospital_kind",
    )
    ward = kiosk(order_body(pickup_point_id=hospitals["points"]["A"]["maternity_ward"]))
    assert (
        ward.status_code == 201
        and ward.get_json()["pickup_point_id"] == (hospitals["points"]["A"]["maternity_ward"])
    )
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HospitalDelivery)) == 1


def test_prohibited_medicines_are_refused_by_name_or_category(kiosk, app):
    items = [ITEMS[0], {"name": "盐酸吗啡缓释片", "quantity": 1}]
    problem = assert_problem(kiosk(order_body(items=items)), 422, "prohibited_medicine")
    assert [e["field"] for e in problem["errors"]] == ["items.1.name"]
    flagged = [{"name": "某安眠药", "quantity": 1, "category": "psychotropic"}]
    problem = assert_problem(kiosk(order_body(items=flagged)), 422, "prohibited_medicine")
    assert problem["errors"][0]["field"] == "items.0.category"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HospitalDelivery)) == 0


def test_cold_chain_is_delivered_the_day_it_is_collected_tomorrow_when_today_is_too_late(
    kiosk, app, hospitals
):
    cold = [{"name": "胰岛素注射液", "quantity": 1, "cold_chain": True}]
    morning = kiosk(order_body("RX1", items=cold))
    assert morning.status_code == 201, morning.get_json()
    assert morning.get_json()["run_at"] == "2026-11-23T03:00:00Z"  # 11:00 today
    assert morning.get_json()["deliver_by"] == "2026-11-23T12:00:00Z"  # 20:00 today
    clock.freeze(at_local(15, 0))  # the 16:00 run leaves 4 h: 3 h are needed
    afternoon = kiosk(order_body("RX3", items=cold)).get_json()
    assert (afternoon["run_at"], afternoon["deliver_by"]) == (
        "2026-11-23T08:00:00Z",
        "2026-11-23T12:00:00Z",
    )
    # 16:30: today's last run has gone: tomorrow's 11:00 run, delivered by 20:00 tomorrow.
    clock.freeze(at_local(16, 30))
    late = kiosk(order_body("RX2", items=cold))
    assert late.status_code == 201, late.get_json()
    assert (late.get_json()["run_at"], late.get_json()["deliver_by"]) == (
        "2026-11-24T03:00:00Z",
        "2026-11-24T12:00:00Z",
    )
    # A point whose every run is too late for the day's delivery still refuses, and why.
    with app.app_context():
        db.session.get(PickupPoint, hospitals["points"]["A"]["pharmacy"]).run_times = ["17:30"]
        db.session.commit()
    problem = assert_problem(
        kiosk(order_body("RX4", items=cold)), 422, "cold_chain_same_day_impossible"
    )
    assert problem["deliver_by_local"] == "20:00" and "180 minutes" in problem["detail"]


def test_a_kiosk_of_hospital_b_sees_nothing_of_hospital_a(client, kiosk, hospitals, as_):
    delivery = kiosk(order_body()).get_json()
    other = hospitals["kiosks"]["B"]
    for path in ("", "/slip.pdf"):
        response = signed(client, "GET", f"/v1/hospital/deliveries/{delivery['id']}{path}", other)
        assert_problem(response, 404, "delivery_not_found")
    assert_problem(
        signed(client, "POST", f"/v1/hospital/deliveries/{delivery['id']}/confirm", other),
        404,
        "delivery_not_found",
    )
    listed = signed(client, "GET", "/v1/hospital/deliveries", other).get_json()
    assert listed["items"] == []


def test_wechat_order_waits_for_the_hospital_then_joins_a_run(
    client, app, world, hospitals, build_runs, as_
):
    patient = login_citizen(client, "demo-patient")
    body = order_body(channel="wechat", hospital_id=world.organisations["hospital"])
    created = client.post(
        "/v1/hospital/deliveries", json=body, headers={**patient, "Idempotency-Key": "wx-1"}
    )
    assert created.status_code == 201, created.get_json()
    delivery = created.get_json()
    assert delivery["status"] == "awaiting_confirmation" and delivery["deliver_by"] is None
    with app.app_context():
        requested = db.session.scalars(
            sa.select(OutboxEvent).where(OutboxEvent.kind == "hospital_delivery.requested")
        ).one()
        assert requested.organisation_ids == [world.organisations["hospital"]]
        assert requested.payload["delivery_id"] == delivery["id"]
    assert created.headers["Location"] == f"/v1/hospital/deliveries/{delivery['id']}"
    assert client.get(created.headers["Location"], headers=patient).status_code == 200
    stranger = login_citizen(client, "demo-stranger")
    assert_problem(
        client.get(f"/v1/hospital/deliveries/{delivery['id']}", headers=stranger),
        404,
        "delivery_not_found",
    )
    # A citizen cannot confirm, nor order as a kiosk.
    assert (
        client.post(
            f"/v1/hospital/deliveries/{delivery['id']}/confirm", headers=patient
        ).status_code
        == 403
    )
    kiosk_like = client.post(
        "/v1/hospital/deliveries",
        json=order_body(),
        headers={**patient, "Idempotency-Key": "wx-2"},
    )
    assert_problem(kiosk_like, 422, "validation_failed")

    clock.freeze(at_local(11, 0))
    assert build_runs() == []  # not confirmed: not ready
    clock.freeze(at_local(11, 5))
    confirmed = signed(
        client,
        "POST",
        f"/v1/hospital/deliveries/{delivery['id']}/confirm",
        hospitals["kiosks"]["A"],
    )
    assert confirmed.status_code == 200, confirmed.get_json()
    assert confirmed.get_json()["status"] == "awaiting_pickup"
    assert_problem(
        client.post(
            f"/v1/hospital/deliveries/{delivery['id']}/confirm", headers=as_("clerk_hospital")
        ),
        409,
        "delivery_not_awaiting_confirmation",
    )
    clock.freeze(at_local(16, 0))
    assert len(build_runs()) == 1

    # The patient is told, in WeChat, that the hospital accepted the order.
    with app.app_context():
        dispatch_pending()
        sent = db.session.scalars(
            sa.select(Notification).where(Notification.template == "hospital_progress")
        ).all()
        assert len(sent) == 1 and sent[0].channel == "wechat"
        assert sent[0].wechat_data["character_string2"] == delivery["waybill"]
        assert sent[0].wechat_data["thing1"] == "药品寄递已受理"


def test_window_token_makes_the_delivery_for_the_citizen_once(client, app, hospitals, as_):
    patient = login_citizen(client, "demo-window")
    issued = client.post("/v1/citizen/window-token", json={"recipient": PATIENT}, headers=patient)
    assert issued.status_code == 201, issued.get_json()
    token = issued.get_json()["token"]
    assert "张三" not in token and "13800138000" not in token
    assert issued.get_json()["expires_at"] == "2026-11-23T02:05:00Z"

    clerk = as_("clerk_hospital")
    body = {k: v for k, v in order_body(channel="window").items() if k != "recipient"}
    created = client.post(
        "/v1/hospital/deliveries",
        json={**body, "window_token": token},
        headers={**clerk, "Idempotency-Key": "win-1"},
    )
    assert created.status_code == 201, created.get_json()
    delivery = created.get_json()
    assert delivery["recipient"]["name"] == "张三" and delivery["status"] == "awaiting_pickup"
    mine = client.get("/v1/hospital/deliveries", headers=patient).get_json()["items"]
    assert [d["id"] for d in mine] == [delivery["id"]]
    assert mine[0]["recipient"]["phone"] == "13800138000"  # the patient's own details
    with app.app_context():
        owners = db.session.scalars(
            sa.select(ShipmentOwner.owner_kind).where(
                ShipmentOwner.shipment_id == delivery["shipment_id"]
            )
        ).all()
        assert sorted(owners) == ["citizen", "organisation"]

    again = client.post(
        "/v1/hospital/deliveries",
        json={**body, "reference_no": "RX0002", "window_token": token},
        headers={**clerk, "Idempotency-Key": "win-2"},
    )
    assert_problem(again, 422, "window_token_used")
    forged = token[:-4] + "0000"
    assert_problem(
        client.post(
            "/v1/hospital/deliveries",
            json={**body, "reference_no": "RX0003", "window_token": forged},
            headers={**clerk, "Idempotency-Key": "win-3"},
        ),
        422,
        "window_token_invalid",
    )
    late = client.post(
        "/v1/citizen/window-token", json={"recipient": PATIENT}, headers=patient
    ).get_json()["token"]
    clock.freeze(at_local(10, 6))
    assert_problem(
        client.post(
            "/v1/hospital/deliveries",
            json={**body, "reference_no": "RX0004", "window_token": late},
            headers={**clerk, "Idempotency-Key": "win-4"},
        ),
        422,
        "window_token_expired",
    )


@pytest.mark.postgres
def test_two_kiosks_racing_on_one_prescription_number_make_one_delivery(app, kiosk):
    clock.freeze(None)  # real requests, real time (the signature's clock check)
    answers = race(2, lambda n: kiosk(order_body("RX-RACE"), key=f"race-{n}"))
    assert sorted(a.status_code for a in answers) == [201, 409]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HospitalDelivery)) == 1
        kinds = db.session.scalars(sa.select(OutboxEvent.kind)).all()
        assert kinds.count("shipment.accepted") == 1


def test_exceptions_view_lists_only_what_went_wrong(client, kiosk, as_, app):
    kiosk(order_body("RX1"))  # on time: not an exception
    late = kiosk(order_body("RX2")).get_json()
    with app.app_context():
        from courier_api.shipments.promise import sweep_overdue

        delivery = db.session.get(HospitalDelivery, late["id"])
        delivery.shipment.deliver_by = clock.now() - timedelta(minutes=1)
        db.session.commit()
        sweep_overdue()
        db.session.commit()
    listed = client.get("/v1/hospital/deliveries?exceptions=true", headers=as_("clerk_hospital"))
    assert [d["id"] for d in listed.get_json()["items"]] == [late["id"]]


@pytest.mark.postgres
def test_two_terminals_racing_on_one_window_token_make_one_delivery(client, app, hospitals, as_):
    patient = login_citizen(client, "demo-window-race")
    token = client.post(
        "/v1/citizen/window-token", json={"recipient": PATIENT}, headers=patient
    ).get_json()["token"]
    clerk = as_("clerk_hospital")
    body = {k: v for k, v in order_body(channel="window").items() if k != "recipient"}

    def post(n: int):
        return client.post(
            "/v1/hospital/deliveries",
            json={**body, "reference_no": f"RX-W{n}", "window_token": token},
            headers={**clerk, "Idempotency-Key": f"window-race-{n}"},
        )

    answers = race(2, post)
    assert sorted(a.status_code for a in answers) == [201, 422]
    loser = next(a for a in answers if a.status_code == 422)
    assert loser.get_json()["code"] == "window_token_used"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HospitalDelivery)) == 1


def test_expired_window_tokens_are_deleted_with_the_address_they_hold(client, app, hospitals):
    patient = login_citizen(client, "demo-window-purge")
    for _ in range(2):
        client.post("/v1/citizen/window-token", json={"recipient": PATIENT}, headers=patient)
    with app.app_context():
        assert purge_window_tokens() == 0
        clock.freeze(at_local(10, 5))
        assert purge_window_tokens() == 2
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WindowToken)) == 0


def test_a_cold_chain_wechat_order_confirmed_late_goes_on_tomorrows_run(
    client, world, hospitals, as_
):
    patient = login_citizen(client, "demo-cold")
    cold = [{"name": "胰岛素注射液", "quantity": 1, "cold_chain": True}]
    body = order_body(channel="wechat", hospital_id=world.organisations["hospital"], items=cold)
    created = client.post(
        "/v1/hospital/deliveries", json=body, headers={**patient, "Idempotency-Key": "cold-1"}
    ).get_json()
    assert created["run_at"] is None and created["deliver_by"] is None
    clock.freeze(at_local(16, 30))
    confirm = f"/v1/hospital/deliveries/{created['id']}/confirm"
    confirmed = client.post(confirm, headers=as_("clerk_hospital"))
    assert confirmed.status_code == 200, confirmed.get_json()
    mine = client.get(
        f"/v1/hospital/deliveries/{created['id']}", headers=login_citizen(client, "demo-cold")
    ).get_json()
    assert mine["status"] == "awaiting_pickup"
    assert (mine["run_at"], mine["deliver_by"]) == ("2026-11-24T03:00:00Z", "2026-11-24T12:00:00Z")
