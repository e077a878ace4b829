"""Cash on delivery end to end: the door posts the cash to the courier, the station counts
it in, the daily run pays the sender, and the sender (only) sees it."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import sqlalchemy as sa

from courier_api.cod import remittance
from courier_api.cod import service as cod_service
from courier_api.cod.models import CodItem, Remittance
from courier_api.cod.reconciliation import reconcile
from courier_api.core import clock
from courier_api.core.clock import hhmm
from courier_api.core.outbox import OutboxEvent, dispatch_pending
from courier_api.extensions import db
from courier_api.ledger import service as ledger
from courier_api.network.service import product_rules
from courier_api.notify.models import Notification
from tests.factories import ME, SIGNATURE
from tests.helpers import (
    SHANGHAI,
    assert_problem,
    at_local,
    later,
    login_citizen,
    login_owner,
    sync,
    sync_event,
)

CUTOFF = hhmm("16:00")


def deliver_cod(at_station, load, door, amounts, method="cash", courier="courier_a", **spec):
    """COD parcels delivered by `courier` with the cash taken; their shipment ids."""
    ids = []
    for amount in amounts:
        [waybill] = at_station(cod_amount_fen=amount, **spec)
        [task_id] = load([waybill], courier=courier)
        cash = {"amount_fen": amount, "method": method}
        response = door(
            "deliver",
            task_id,
            {"receiver": ME, "signature": SIGNATURE, "cash": cash},
            courier=courier,
        )
        assert response.status_code == 200, response.get_json()
        ids.append(response.get_json()["attempt"]["shipment_id"])
    return ids


def hand_in(client, headers, station, courier, shipment_ids, counted, reason=None):
    return client.post(
        f"/v1/stations/{station}/cash-handins",
        json={
            "courier_id": courier,
            "shipment_ids": shipment_ids,
            "counted_fen": counted,
            "reason": reason,
        },
        headers=headers,
    )


def remit(app, day: date):
    with app.app_context():
        run = remittance.remit_due(cutoff=CUTOFF, business_date=day)
        db.session.commit()
        return None if run is None else run.id


def test_cod_goes_from_the_door_to_the_senders_account(
    app, client, as_, world, at_station, load, door
):
    clock.freeze(at_local(10, 0))
    courier, station = world.couriers["courier_a"], world.stations["A"]
    shipments = deliver_cod(at_station, load, door, [12_345, 20_000])
    with app.app_context():
        assert ledger.balance(ledger.account("courier_cash", courier)) == 32_345
        hospital = f"organisation:{world.organisations['hospital']}"
        assert ledger.balance(ledger.account("cod_payable", hospital)) == -32_345
    clerk = as_("clerk_hospital")
    totals = client.get("/v1/cod/totals", headers=clerk).get_json()
    assert totals["with_couriers_fen"] == 32_345 and totals["outstanding_fen"] == 32_345

    staff = as_("dispatcher_a")
    [held] = client.get("/v1/cod/cash-positions", headers=staff).get_json()["couriers"]
    assert (held["courier_id"], held["amount_fen"], held["parcel_count"]) == (courier, 32_345, 2)
    # Another station's dispatcher does not see courier A's cash.
    elsewhere = client.get("/v1/cod/cash-positions", headers=as_("dispatcher_b")).get_json()
    assert elsewhere["couriers"] == [] and elsewhere["stations"] == []
    # Counted short: the count stands only with a reason, and is posted as a shortage.
    assert_problem(
        hand_in(client, staff, station, courier, shipments, 32_000),
        422,
        "discrepancy_reason_required",
    )
    response = hand_in(client, staff, station, courier, shipments, 32_000, "torn note")
    assert response.status_code == 201, response.get_json()
    handin = response.get_json()
    assert (handin["expected_fen"], handin["discrepancy_fen"]) == (32_345, -345)
    assert client.get(response.headers["Location"], headers=staff).get_json() == handin
    assert_problem(
        client.get(response.headers["Location"], headers=as_("dispatcher_b")),
        404,
        "cash_handin_not_found",
    )
    # The same parcels cannot be handed in twice.
    assert_problem(
        hand_in(client, staff, station, courier, shipments, 32_345), 409, "cod_not_in_hand"
    )
    listed = client.get(
        f"/v1/stations/{station}/cash-handins?discrepancies_only=true", headers=staff
    ).get_json()
    assert [h["reason"] for h in listed["items"]] == ["torn note"]
    positions = client.get("/v1/cod/cash-positions", headers=staff).get_json()
    assert positions["couriers"] == []
    assert positions["stations"][0]["amount_fen"] == 32_345
    assert positions["stations"][0]["ageing"]["under_24h"] == 32_345

    # 16:00 passes: the day's run pays the hospital all of it (the fee is billed with
    # postage under the default catalogue), once.
    clock.freeze(at_local(16, 5))
    today = clock.now().astimezone(SHANGHAI).date()
    assert remit(app, today) is not None
    assert remit(app, today) is None
    clerk = as_("clerk_hospital")  # a fresh token: the clock moved on
    page = client.get("/v1/cod/remittances", headers=clerk).get_json()
    [paid] = page["items"]
    assert (paid["gross_fen"], paid["fee_fen"], paid["net_fen"]) == (32_345, 0, 32_345)
    assert paid["item_count"] == 2 and paid["reference"].startswith("COD")
    statement = client.get(f"/v1/cod/remittances/{paid['id']}/statement.csv", headers=clerk)
    assert statement.status_code == 200 and statement.mimetype == "text/csv"
    lines = list(csv.DictReader(io.StringIO(statement.get_data(as_text=True))))
    assert sorted(int(line["amount_fen"]) for line in lines) == [12_345, 20_000, 32_345]
    assert lines[-1]["waybill"] == "TOTAL"
    totals = client.get("/v1/cod/totals", headers=clerk).get_json()
    assert totals["remitted_fen"] == 32_345 and totals["outstanding_fen"] == 0
    with app.app_context():
        [event] = db.session.scalars(
            sa.select(OutboxEvent).where(OutboxEvent.kind == "cod.remitted")
        ).all()
        assert event.organisation_ids == [world.organisations["hospital"]]
        assert event.payload["net_fen"] == 32_345
        assert reconcile() == []
        # The shortage is what the courier owes; the station is short by the same.
        assert ledger.balance(ledger.account("cash_shortage", courier)) == 345
        assert ledger.balance(ledger.account("station_cash", station)) == -345


def test_a_sender_sees_only_its_own_remittances(app, client, as_, world, at_station, load, door):
    clock.freeze(at_local(10, 0))
    shipments = deliver_cod(at_station, load, door, [5_000])
    hand_in(
        client,
        as_("dispatcher_a"),
        world.stations["A"],
        world.couriers["courier_a"],
        shipments,
        5_000,
    )
    clock.freeze(at_local(17, 0))
    remit(app, clock.now().astimezone(SHANGHAI).date())
    clerk = as_("clerk_hospital")
    [paid] = client.get("/v1/cod/remittances", headers=clerk).get_json()["items"]
    stranger = login_citizen(client, "someone-else")
    # A citizen sender hears of a remittance by WeChat; the hospital's came by webhook.
    with app.app_context():
        dispatch_pending()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0
    assert client.get("/v1/cod/remittances", headers=stranger).get_json()["items"] == []
    for path in (
        f"/v1/cod/remittances/{paid['id']}",
        f"/v1/cod/remittances/{paid['id']}/statement.csv",
    ):
        assert_problem(client.get(path, headers=stranger), 404, "remittance_not_found")
    assert client.get(f"/v1/cod/remittances/{paid['id']}", headers=as_("admin")).status_code == 200
    assert client.get("/v1/cod/totals", headers=stranger).get_json()["collected_fen"] == 0


def test_a_courier_cannot_hand_in_another_couriers_cod(client, as_, world, at_station, load, door):
    clock.freeze(at_local(10, 0))
    shipments = deliver_cod(at_station, load, door, [5_000])
    response = hand_in(
        client,
        as_("dispatcher_a"),
        world.stations["A"],
        world.couriers["courier_b"],
        shipments,
        5_000,
    )
    assert assert_problem(response, 422, "not_this_couriers_cash")["shipment_ids"] == shipments
    response = hand_in(
        client, as_("dispatcher_a"), world.stations["A"], "cou_nobody", shipments, 5_000
    )
    assert assert_problem(response, 422, "validation_failed")["errors"][0]["field"] == "courier_id"
    # Another station's dispatcher does not see station A at all.
    response = hand_in(
        client,
        as_("dispatcher_b"),
        world.stations["A"],
        world.couriers["courier_a"],
        shipments,
        5_000,
    )
    assert_problem(response, 404, "station_not_found")


def test_returned_and_refused_cod_posts_nothing(app, client, as_, world, at_station, load, door):
    clock.freeze(at_local(10, 0))
    [waybill] = at_station(cod_amount_fen=8_000)
    [task_id] = load([waybill])
    refused = {"reason_code": "refused", "refusal": {"reason": "不要了"}}
    response = door("fail", task_id, refused)
    assert response.status_code == 200, response.get_json()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CodItem)) == 0
        assert ledger.balances() == {}
        assert reconcile() == []


def test_paid_electronically_it_skips_the_courier_and_the_fee_is_kept_where_netted(
    app, client, as_, world, at_station, load, door, monkeypatch
):
    clock.freeze(at_local(10, 0))
    with app.app_context():
        rules = product_rules("express", 1)
    # A catalogue whose COD fee is kept from the remittance (the default bills it).
    netted = {**rules, "fees": {**rules["fees"], "cod_fee_netted": True}}
    monkeypatch.setattr(cod_service, "product_rules", lambda code, version: netted)
    cod_fee = [{"code": "cod_fee", "amount_fen": 300}]
    shipments = deliver_cod(
        at_station,
        load,
        door,
        [30_000],
        method="wechat_pay",
        product="express",
        fee_fen=300,
        fee_lines=cod_fee,
    )
    with app.app_context():
        assert ledger.balance("cod_clearing") == 30_000
        assert ledger.balance(ledger.account("courier_cash", world.couriers["courier_a"])) == 0
        assert db.session.get(CodItem, shipments[0]).place == "clearing"
    clock.freeze(at_local(16, 30))
    remit(app, clock.now().astimezone(SHANGHAI).date())
    [paid] = client.get("/v1/cod/remittances", headers=as_("admin")).get_json()["items"]
    assert (paid["gross_fen"], paid["fee_fen"], paid["net_fen"]) == (30_000, 300, 29_700)
    with app.app_context():
        assert ledger.balance("cod_fee_revenue") == -300
        assert reconcile() == []


def test_what_is_handed_in_after_the_cutoff_waits_for_the_next_run(
    app, client, as_, world, at_station, load, door
):
    clock.freeze(at_local(15, 0))
    shipments = deliver_cod(at_station, load, door, [1_000, 2_000])
    staff, station, courier = as_("dispatcher_a"), world.stations["A"], world.couriers["courier_a"]
    hand_in(client, staff, station, courier, shipments[:1], 1_000)
    clock.freeze(at_local(16, 30))
    hand_in(client, as_("dispatcher_a"), station, courier, shipments[1:], 2_000)
    today = clock.now().astimezone(SHANGHAI).date()
    remit(app, today)
    remit(app, today + timedelta(days=1))
    with app.app_context():
        paid = db.session.scalars(sa.select(Remittance).order_by(Remittance.reference)).all()
        assert [r.gross_fen for r in paid] == [1_000, 2_000]
        assert reconcile() == []


def test_a_citizen_sender_is_told_by_wechat(app, client, as_, world, at_station, load, door):
    clock.freeze(at_local(10, 0))
    sender = login_owner(client, "demo-cod-seller")
    shipments = deliver_cod(at_station, load, door, [88_800], owners=(sender.owner,))
    hand_in(
        client,
        as_("dispatcher_a"),
        world.stations["A"],
        world.couriers["courier_a"],
        shipments,
        88_800,
    )
    clock.freeze(at_local(16, 1))
    remit(app, clock.now().astimezone(SHANGHAI).date())
    with app.app_context():
        dispatch_pending()
        [told] = db.session.scalars(sa.select(Notification)).all()
        assert told.template == "cod_remitted" and told.citizen_id == sender.owner[1]
        assert told.wechat_data["amount2"] == "888.00元"
    sender.relogin(client)
    [paid] = client.get("/v1/cod/remittances", headers=sender.headers).get_json()["items"]
    assert paid["net_fen"] == 88_800 and paid["payee_kind"] == "citizen"


def test_the_day_to_run_is_the_latest_whose_cutoff_passed():
    before, after = at_local(15, 59), at_local(16, 0)
    assert remittance.due_business_date(before, CUTOFF, SHANGHAI) == date(2026, 11, 22)
    assert remittance.due_business_date(after, CUTOFF, SHANGHAI) == date(2026, 11, 23)


def test_the_commands_run_the_day_once_and_reconcile(
    app, client, as_, world, at_station, load, door
):
    clock.freeze(at_local(10, 0))
    shipments = deliver_cod(at_station, load, door, [4_200])
    hand_in(
        client,
        as_("dispatcher_a"),
        world.stations["A"],
        world.couriers["courier_a"],
        shipments,
        4_200,
    )
    clock.freeze(at_local(16, 10))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["cod-remit"])
    assert first.exit_code == 0 and "1 remittances, 4200 fen net" in first.output
    assert "has run already" in runner.invoke(args=["cod-remit"]).output
    clean = runner.invoke(args=["cod-reconcile"])
    assert clean.exit_code == 0 and "0 findings" in clean.output
    with app.app_context():
        db.session.execute(sa.update(Remittance).values(net_fen=1))
        db.session.commit()
    faulty = runner.invoke(args=["cod-reconcile"])
    assert faulty.exit_code == 1 and "remittance_mismatch" in faulty.output


def test_cod_delivered_through_the_handhelds_sync_is_posted_once(
    app, client, as_, at_station, load, world
):
    clock.freeze(at_local(10, 0))
    first, second = at_station(2, cod_amount_fen=6_600)
    tasks = load([first, second])
    later()
    cash = {"amount_fen": 6_600, "method": "cash"}
    events = [
        sync_event("deliver", task, 5 - n, receiver=ME, signature=SIGNATURE, cash=cash)
        for n, task in enumerate(tasks)
    ]
    assert sync(client, as_, events).get_json()["accepted"] == 2
    assert sync(client, as_, events).get_json()["duplicate"] == 2  # sent again: nothing more
    with app.app_context():
        courier = ledger.account("courier_cash", world.couriers["courier_a"])
        assert ledger.balance(courier) == 13_200
        assert reconcile() == []


def test_the_cod_report_measures_remittance_against_t_plus_1(
    app, client, as_, world, at_station, load, door
):
    clock.freeze(at_local(10, 0))
    staff, station, courier = as_("dispatcher_a"), world.stations["A"], world.couriers["courier_a"]
    early, late = deliver_cod(at_station, load, door, [1_000, 2_000])
    hand_in(client, staff, station, courier, [early], 900, "short")
    clock.freeze(at_local(16, 30))
    remit(app, date(2026, 11, 23))  # the early parcel, the same day
    # The late parcel is handed in two days later and paid that day: T+2.
    clock.freeze(at_local(10, 0, day=25))
    hand_in(client, as_("dispatcher_a"), station, courier, [late], 2_100, "found a note")
    clock.freeze(at_local(16, 30, day=25))
    remit(app, date(2026, 11, 25))
    url = "/v1/reports/cod?from=2026-11-23&to=2026-11-23"
    assert_problem(client.get(url, headers=as_("dispatcher_a")), 403, "forbidden")
    report = client.get(url, headers=as_("admin")).get_json()
    assert (report["collected_count"], report["collected_fen"]) == (2, 3_000)
    assert (report["remitted_count"], report["within_t_plus_1_count"]) == (2, 1)
    assert report["within_t_plus_1_share"] == 0.5
    assert report["max_hours_to_remittance"] == 54.5
    # Hand-ins counted by their own day: the 23rd's shortage, not the 25th's surplus.
    discrepancies = (report["discrepancy_count"], report["shortage_fen"], report["surplus_fen"])
    assert discrepancies == (1, 100, 0)
