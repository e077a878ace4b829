"""Sandbox orders are in no report, SLA, dispatch round or board, shown to no live caller,
and their custody is left out of the live log's checkpoints and verification."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.custody import current
from courier_api.custody.log import checkpoint as run_checkpoint
from courier_api.custody.log import verify_all
from courier_api.custody.models import CustodyLeaf
from courier_api.dispatch import sla
from courier_api.dispatch.rounds import run_round
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.shipments.promise import sweep_overdue
from courier_api.tasks.models import SlaBreach, TaskOffer
from tests.custody.test_custody_log import _tamper
from tests.factories import signed
from tests.helpers import assert_problem, at_local, login_owner, order_pickup

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _on_shift(app, world) -> None:
    with app.app_context():
        courier = db.session.get(Courier, world.couriers["courier_a"])
        courier.on_shift, courier.last_lat, courier.last_lng = True, 22.52, 113.38
        courier.last_seen_at = clock.now()
        db.session.commit()


def test_a_sandbox_pickup_is_in_no_round_board_sla_or_report(
    app, client, world, as_, sandbox_citizen
):
    clock.freeze(at_local(10, 0))
    live = order_pickup(client, login_owner(client, "demo-live-sender").headers, key="live")
    sandbox = order_pickup(client, sandbox_citizen("demo-sandbox-sender"), key="sandbox")
    assert sandbox["task"]["id"] != live["task"]["id"]

    _on_shift(app, world)
    with app.app_context():
        run_round(world.region_id, offer_ttl=timedelta(seconds=90), zone=SHANGHAI)
        db.session.commit()
        offered = db.session.scalars(sa.select(TaskOffer.task_id)).all()
    assert offered == [live["task"]["id"]]

    board = client.get("/v1/dispatch/board", headers=as_("dispatcher_a")).get_json()
    assert [task["id"] for task in board["tasks"]] == [live["task"]["id"]]
    assert [c["id"] for c in board["couriers"]] == [world.couriers["courier_a"]]

    clock.freeze(at_local(11, 30))  # both promises are broken
    with app.app_context():
        sla.sweep()
        db.session.commit()
        breached = db.session.scalars(sa.select(SlaBreach.task_id).distinct()).all()
    assert breached == [live["task"]["id"]]

    admin = as_("admin")
    pickups = client.get("/v1/reports/pickup-sla?date=2026-11-23", headers=admin).get_json()
    assert [row["promises"] for row in pickups["stations"]] == [1]
    deliveries = client.get("/v1/reports/delivery-sla?date=2026-11-24", headers=admin).get_json()
    assert [row["promises"] for row in deliveries["rows"]] == [1]


def test_a_sandbox_item_is_shown_to_no_live_caller_and_a_live_one_to_no_sandbox_caller(
    client, order, advance, kiosks, as_
):
    sandbox = order()
    live = order(kiosk="live")
    for caller in (as_("admin"), as_("dispatcher_a"), as_("clerk_hospital")):
        assert_problem(
            client.get(f"/v1/shipments/{sandbox['shipment_id']}", headers=caller),
            404,
            "shipment_not_found",
        )
    assert_problem(
        signed(client, "GET", f"/v1/shipments/{sandbox['shipment_id']}", kiosks["live"]),
        404,
        "shipment_not_found",
    )
    assert_problem(
        signed(client, "GET", f"/v1/shipments/{live['shipment_id']}", kiosks["sandbox"]),
        404,
        "shipment_not_found",
    )
    # The hospital's clerk and live kiosk see their live orders only; the sandbox kiosk its own.
    clerk_list = client.get("/v1/hospital/deliveries", headers=as_("clerk_hospital")).get_json()
    assert [d["id"] for d in clerk_list["items"]] == [live["id"]]
    sandbox_list = signed(client, "GET", "/v1/hospital/deliveries", kiosks["sandbox"]).get_json()
    assert [d["id"] for d in sandbox_list["items"]] == [sandbox["id"]]
    assert_problem(
        client.get(f"/v1/hospital/deliveries/{sandbox['id']}", headers=as_("clerk_hospital")),
        404,
        "delivery_not_found",
    )
    # Nor can either kind of caller make the robo-courier touch what is not theirs.
    assert_problem(advance(live["shipment_id"]), 404, "shipment_not_found")
    assert_problem(advance(sandbox["shipment_id"], kiosk="live"), 404, "shipment_not_found")


def test_sandbox_custody_is_hashed_as_such_and_left_out_of_the_live_log(
    app, client, order, advance, kiosks
):
    live = order(kiosk="live")
    sandbox = order()
    assert advance(sandbox["shipment_id"]).status_code == 200
    with app.app_context():
        head = run_checkpoint(signer=current.signer(), anchor=current.anchor())
        db.session.commit()
        report = verify_all(
            key=app.config["CUSTODY_KEY"], signer=current.signer(), anchor=current.anchor()
        )
        leaves = db.session.scalars(sa.select(CustodyLeaf.shipment_id)).all()
    assert report["valid"] and report["chains"] == 1  # the live order's only
    assert head is not None and set(leaves) == {live["shipment_id"]}

    chain = signed(
        client, "GET", f"/v1/shipments/{sandbox['shipment_id']}/custody", kiosks["sandbox"]
    )
    assert [e["sandbox"] for e in chain.get_json()["events"]] == [True, True]
    verdict = signed(
        client, "GET", f"/v1/shipments/{sandbox['shipment_id']}/custody/verify", kiosks["sandbox"]
    ).get_json()
    assert (verdict["valid"], verdict["sandbox"], verdict["checkpoints_checked"]) == (True, True, 0)
    live_verdict = signed(
        client, "GET", f"/v1/shipments/{live['shipment_id']}/custody/verify", kiosks["live"]
    ).get_json()
    assert (live_verdict["valid"], live_verdict["sandbox"]) == (True, False)
    assert live_verdict["checkpoints_checked"] == 1

    # Relabelling a sandbox event as live breaks its link: no verifier takes one for the other.
    with app.app_context():
        _tamper("UPDATE custody_events SET sandbox = false WHERE seq = 2")
    relabelled = signed(
        client, "GET", f"/v1/shipments/{sandbox['shipment_id']}/custody/verify", kiosks["sandbox"]
    ).get_json()
    assert (relabelled["valid"], relabelled["first_broken_seq"]) == (False, 2)


def test_an_overdue_sandbox_item_is_on_no_dispatchers_overdue_list(app, client, order, as_):
    live, sandbox = order(kiosk="live"), order()
    clock.freeze(clock.now() + timedelta(days=3))  # both promises have lapsed
    with app.app_context():
        assert sweep_overdue() == 2  # each owner hears of their own
        db.session.commit()
    listed = client.get("/v1/dispatch/overdue", headers=as_("dispatcher_a")).get_json()
    assert [s["id"] for s in listed["items"]] == [live["shipment_id"]]
    assert sandbox["shipment_id"] != live["shipment_id"]
