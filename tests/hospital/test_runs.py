"""Hand-over runs: one pickup task over every item ready by the run's time; the manifest
shows expected vs scanned; the courier signs and the clerk countersigns."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent, dispatch_pending
from courier_api.core.waybill import make_waybill
from courier_api.custody.models import CustodyEvent
from courier_api.extensions import db
from courier_api.hospital.models import HospitalRun
from courier_api.hospital.runs import build_due_runs
from courier_api.notify.models import Notification
from courier_api.shipments.models import Shipment
from tests.factories import PATIENT, SIGNATURE, order_body, signed
from tests.helpers import SHANGHAI, assert_problem, at_local, login_citizen, race, station_in


def _chain(app, waybill: str) -> list[CustodyEvent]:
    with app.app_context():
        shipment_id = db.session.scalar(sa.select(Shipment.id).where(Shipment.waybill == waybill))
        events = db.session.scalars(
            sa.select(CustodyEvent)
            .where(CustodyEvent.shipment_id == shipment_id)
            .order_by(CustodyEvent.seq)
        ).all()
        db.session.expunge_all()
        return events


def test_manifest_flags_missing_and_extra_and_the_signed_handover_is_in_custody(
    client, app, kiosk, hospitals, build_runs, collect, as_
):
    waybills = [kiosk(order_body(f"RX{n}")).get_json()["waybill"] for n in range(3)]
    clock.freeze(at_local(11, 0))
    [run_id] = build_runs()
    clerk = as_("clerk_hospital")
    run = client.get(f"/v1/hospital/runs/{run_id}", headers=clerk).get_json()
    task_id = run["task"]["id"]
    assert run["task"]["state"] == "open"
    assert {i["status"] for i in run["items"]} == {"expected"}

    clock.freeze(at_local(11, 10))
    stray = make_waybill("EM", 99_999_999)  # a valid waybill that is no shipment's
    answer = collect(task_id, [waybills[0], waybills[1], stray])
    assert answer["missing"] == [waybills[2]] and answer["extra"] == [stray]

    clerk = as_("clerk_hospital")
    run = client.get(f"/v1/hospital/runs/{run_id}", headers=clerk).get_json()
    assert run["counts"] == {"expected": 3, "scanned": 2, "missing": 1, "extra": 1}
    status = {i["waybill"]: i["status"] for i in run["items"]}
    assert status == {
        waybills[0]: "scanned",
        waybills[1]: "scanned",
        waybills[2]: "missing",
        stray: "extra",
    }
    # The hospital handed the items over: its clerk sees the names; the station masked.
    assert run["items"][0]["recipient_name"] == "张三"
    station = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("dispatcher_a")).get_json()
    assert station["items"][0]["recipient_name"] == "张*"
    # Each order says which run collects it: the 11:00 run took two; the one it left
    # behind goes on the 16:00 run.
    ordered = client.get("/v1/hospital/deliveries", headers=clerk).get_json()["items"]
    assert {d["waybill"]: d["run_at"] for d in ordered} == {
        waybills[0]: "2026-11-23T03:00:00Z",
        waybills[1]: "2026-11-23T03:00:00Z",
        waybills[2]: "2026-11-23T08:00:00Z",
    }

    # The clerk countersigns only after the courier has signed; each signs once.
    sign = f"/v1/hospital/runs/{run_id}/sign"
    assert_problem(
        client.post(sign, json={"signature": SIGNATURE}, headers=clerk),
        409,
        "run_not_signed_by_courier",
    )
    courier = as_("courier_a")
    signed_by_courier = client.post(sign, json={"signature": SIGNATURE}, headers=courier)
    assert signed_by_courier.status_code == 200, signed_by_courier.get_json()
    assert_problem(
        client.post(sign, json={"signature": SIGNATURE}, headers=courier),
        409,
        "run_already_signed",
    )
    assert_problem(
        client.post(sign, json={"signature": SIGNATURE}, headers=as_("courier_b")),
        404,
        "run_not_found",
    )
    countersigned = client.post(sign, json={"signature": SIGNATURE}, headers=clerk)
    assert countersigned.status_code == 200, countersigned.get_json()
    body = countersigned.get_json()
    assert body["courier_signed_at"] and body["clerk_signed_at"]

    handed = _chain(app, waybills[0])
    assert [e.kind for e in handed] == ["created", "picked_up", "handed_over"]
    assert handed[-1].refs["run_id"] == run_id
    assert handed[-1].refs["courier_signature_sha256"] == body["courier_signature_sha256"]
    assert handed[-1].refs["clerk_signature_sha256"] == body["clerk_signature_sha256"]
    assert [e.kind for e in _chain(app, waybills[2])] == ["created"]
    # The hospital can read the signatures (the run's, so its own).
    png = client.get(f"/v1/blobs/{body['clerk_signature_sha256']}", headers=clerk)
    assert png.status_code == 200

    # What the run missed goes on the next one.
    clock.freeze(at_local(16, 0))
    [next_run] = build_runs()
    later = client.get(f"/v1/hospital/runs/{next_run}", headers=as_("clerk_hospital")).get_json()
    assert [i["waybill"] for i in later["items"]] == [waybills[2]]
    listed = client.get("/v1/hospital/runs", headers=as_("clerk_hospital")).get_json()["items"]
    assert [r["id"] for r in listed] == [next_run, run_id]
    assert listed[1]["counts"]["missing"] == 1


def test_each_hospital_sees_only_its_own_runs(client, kiosk, hospitals, build_runs, as_):
    kiosk(order_body())
    kiosk(order_body(), hospital="B")
    clock.freeze(at_local(11, 0))
    runs = build_runs()
    assert len(runs) == 2
    mine = signed(client, "GET", "/v1/hospital/runs", hospitals["kiosks"]["B"]).get_json()
    assert len(mine["items"]) == 1
    other = next(r for r in runs if r != mine["items"][0]["id"])
    assert_problem(
        signed(client, "GET", f"/v1/hospital/runs/{other}", hospitals["kiosks"]["B"]),
        404,
        "run_not_found",
    )
    # Station A's dispatcher sees both (both points are collected from station A).
    assert (
        len(client.get("/v1/hospital/runs", headers=as_("dispatcher_a")).get_json()["items"]) == 2
    )
    assert client.get("/v1/hospital/runs", headers=as_("dispatcher_b")).get_json()["items"] == []


def test_the_patient_hears_of_the_collection_and_the_hospital_of_the_run(
    client, as_, app, world, hospitals, build_runs, collect
):
    patient = login_citizen(client, "demo-patient")
    body = order_body(channel="window")
    del body["recipient"]
    token = client.post(
        "/v1/citizen/window-token", json={"recipient": PATIENT}, headers=patient
    ).get_json()["token"]
    created = signed(
        client,
        "POST",
        "/v1/hospital/deliveries",
        hospitals["kiosks"]["A"],
        json_body={**body, "window_token": token},
        extra_headers={"Idempotency-Key": "window-1"},
    )
    assert created.status_code == 201, created.get_json()
    waybill = created.get_json()["waybill"]
    clock.freeze(at_local(11, 0))
    [run_id] = build_runs()
    with app.app_context():
        task_id = db.session.get(HospitalRun, run_id).task_id
    clock.freeze(at_local(11, 10))
    collect(task_id, [waybill])
    with app.app_context():
        events = {e.kind: e for e in db.session.scalars(sa.select(OutboxEvent)).all()}
        assert events["hospital_run.collected"].payload["collected"] == [waybill]
        assert events["hospital_run.collected"].organisation_ids == [
            world.organisations["hospital"]
        ]
        assert events["shipment.collected"].citizen_id is not None
        dispatch_pending()
        steps = db.session.scalars(
            sa.select(Notification.wechat_data)
            .where(Notification.template == "hospital_progress")
            .order_by(Notification.event_id)
        ).all()
        assert [s["thing1"] for s in steps] == ["药品寄递已受理", "药品已由快递员揽收"]
    # Back at the station and out again: the patient hears it is on its way.
    assert station_in(client, as_("dispatcher_a"), world, [{"waybill": waybill}]).status_code == 200
    loaded = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": waybill}]},
        headers=as_("courier_a"),
    )
    assert loaded.status_code == 200, loaded.get_json()
    with app.app_context():
        dispatch_pending()
        last = db.session.scalars(
            sa.select(Notification.wechat_data)
            .where(Notification.template == "hospital_progress")
            .order_by(Notification.event_id.desc())
        ).first()
        assert last["thing1"] == "药品正在派送"


@pytest.mark.postgres
def test_two_workers_building_runs_at_once_build_each_run_once(app, kiosk):
    for n in range(3):
        kiosk(order_body(f"RX{n}"))
    clock.freeze(at_local(11, 0))

    def build(_: int) -> int:
        with app.app_context():
            built = build_due_runs(SHANGHAI)
            db.session.commit()
            return len(built)

    assert sorted(race(2, build)) == [0, 1]
    with app.app_context():
        [run] = db.session.scalars(sa.select(HospitalRun)).all()
        assert len(run.task.items) == 3


def _ask_for_run(client, hospitals, point_id: str, key: str, hospital: str = "A"):
    return signed(
        client,
        "POST",
        "/v1/hospital/runs",
        hospitals["kiosks"][hospital],
        json_body={"pickup_point_id": point_id},
        extra_headers={"Idempotency-Key": key},
    )


def test_a_clerk_asks_for_an_extra_run_now_over_everything_ready(
    client, kiosk, hospitals, build_runs, as_
):
    waiting = {kiosk(order_body(f"RX{n}")).get_json()["waybill"] for n in range(2)}
    pharmacy = hospitals["points"]["A"]["pharmacy"]
    clock.freeze(at_local(10, 20))  # the next scheduled run is at 11:00
    asked = _ask_for_run(client, hospitals, pharmacy, "extra-1")
    assert asked.status_code == 201, asked.get_json()
    run = asked.get_json()
    assert run["extra"] is True and run["scheduled_at"] == "2026-11-23T02:20:00Z"
    assert run["task"]["state"] == "open"  # dispatch offers it like any pickup
    assert run["counts"]["expected"] == 2
    read_back = client.get(asked.headers["Location"], headers=as_("clerk_hospital")).get_json()
    assert {i["waybill"] for i in read_back["items"]} == waiting
    # A retried request answers the same run; nothing is left for a second one.
    again = _ask_for_run(client, hospitals, pharmacy, "extra-1")
    assert again.status_code == 201 and again.get_json()["id"] == run["id"]
    assert_problem(_ask_for_run(client, hospitals, pharmacy, "extra-2"), 422, "nothing_to_collect")
    # The orders say the extra run collects them; the 11:00 run is built for nothing.
    ordered = client.get("/v1/hospital/deliveries", headers=as_("clerk_hospital")).get_json()
    assert {d["run_at"] for d in ordered["items"]} == {"2026-11-23T02:20:00Z"}
    later = kiosk(order_body("RX9")).get_json()
    assert later["run_at"] == "2026-11-23T03:00:00Z"
    clock.freeze(at_local(11, 0))
    [scheduled] = build_runs()
    items = client.get(f"/v1/hospital/runs/{scheduled}", headers=as_("clerk_hospital"))
    assert [i["waybill"] for i in items.get_json()["items"]] == [later["waybill"]]
    assert items.get_json()["extra"] is False


def test_only_the_hospitals_clerks_and_its_stations_dispatchers_ask_for_a_run(
    client, kiosk, hospitals, as_, world
):
    kiosk(order_body())
    pharmacy = hospitals["points"]["A"]["pharmacy"]
    body = {"pickup_point_id": pharmacy}
    assert_problem(
        _ask_for_run(client, hospitals, pharmacy, "b-1", hospital="B"),
        404,
        "pickup_point_not_found",
    )
    other_station = client.post(
        "/v1/hospital/runs", json=body, headers={**as_("dispatcher_b"), "Idempotency-Key": "b"}
    )
    assert_problem(other_station, 404, "pickup_point_not_found")
    courier = client.post(
        "/v1/hospital/runs", json=body, headers={**as_("courier_a"), "Idempotency-Key": "c"}
    )
    assert courier.status_code == 403
    unknown = client.post(
        "/v1/hospital/runs",
        json={"pickup_point_id": "pp_nope"},
        headers={**as_("dispatcher_a"), "Idempotency-Key": "d-0"},
    )
    assert_problem(unknown, 404, "pickup_point_not_found")
    by_dispatcher = client.post(
        "/v1/hospital/runs", json=body, headers={**as_("dispatcher_a"), "Idempotency-Key": "d-1"}
    )
    assert by_dispatcher.status_code == 201, by_dispatcher.get_json()
    assert (
        by_dispatcher.headers["Location"] == f"/v1/hospital/runs/{by_dispatcher.get_json()['id']}"
    )


@pytest.mark.postgres
def test_two_extra_runs_asked_at_once_make_one(app, client, kiosk, hospitals):
    for n in range(3):
        kiosk(order_body(f"RX{n}"))
    clock.freeze(None)  # real requests, real time (the signature's clock check)
    pharmacy = hospitals["points"]["A"]["pharmacy"]
    answers = race(2, lambda n: _ask_for_run(client, hospitals, pharmacy, f"race-{n}"))
    assert sorted(a.status_code for a in answers) == [201, 422]
    with app.app_context():
        [run] = db.session.scalars(sa.select(HospitalRun)).all()
        assert len(run.task.items) == 3


def test_items_of_an_unsigned_run_go_on_and_the_board_shows_it_until_both_have_signed(
    client, kiosk, hospitals, build_runs, collect, as_, world, load
):
    waybills = [kiosk(order_body(f"RX{n}")).get_json()["waybill"] for n in range(2)]
    clock.freeze(at_local(11, 0))
    [run_id] = build_runs()
    task_id = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("clerk_hospital")).get_json()[
        "task"
    ]["id"]
    clock.freeze(at_local(11, 10))
    collect(task_id, waybills)

    def board(dispatcher: str = "dispatcher_a") -> list[dict]:
        answer = client.get("/v1/dispatch/board", headers=as_(dispatcher))
        assert answer.status_code == 200, answer.get_json()
        return [(e["kind"], e["subject_id"]) for e in answer.get_json()["exceptions"]]

    assert board() == []  # still with the courier: time to sign
    # 17:00, nobody has signed: the station takes the medicine in and it goes out.
    clock.freeze(at_local(17, 0))
    taken_in = station_in(client, as_("dispatcher_a"), world, [{"waybill": w} for w in waybills])
    assert taken_in.status_code == 200 and len(taken_in.get_json()["accepted"]) == 2
    assert board() == [("run_not_signed_by_courier", run_id)]
    assert board("dispatcher_b") == []  # another station's board
    sign = f"/v1/hospital/runs/{run_id}/sign"
    signed_by_courier = client.post(sign, json={"signature": SIGNATURE}, headers=as_("courier_a"))
    assert signed_by_courier.status_code == 200, signed_by_courier.get_json()
    assert len(load([waybills[0]])) == 1  # loaded for delivery all the same
    assert board() == [("run_not_countersigned", run_id)]
    countersigned = client.post(sign, json={"signature": SIGNATURE}, headers=as_("clerk_hospital"))
    assert countersigned.status_code == 200, countersigned.get_json()
    assert board() == []
