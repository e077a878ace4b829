"""The delivery promise: overdue shipments found, listed, their owners told, reported."""

from __future__ import annotations

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.shipments import promise
from courier_api.shipments.models import Shipment
from tests.factories import make_shipments
from tests.helpers import assert_problem, at_local


def _with_promise(app, world, count, deliver_by, **kwargs) -> list[str]:
    with app.app_context():
        made = make_shipments(world, count, **kwargs)
        ids = [s.id for s in made]
        db.session.execute(
            sa.update(Shipment).where(Shipment.id.in_(ids)).values(deliver_by=deliver_by)
        )
        db.session.commit()
    return ids


def test_a_lapsed_promise_is_flagged_once_listed_and_told(client, as_, app, world):
    clock.freeze(at_local(14, 0))
    [late] = _with_promise(app, world, 1, at_local(13, 0), state="at_station")
    _with_promise(app, world, 1, at_local(18, 0), state="at_station")  # not yet due
    with app.app_context():
        assert promise.sweep_overdue() == 1
        assert promise.sweep_overdue() == 0  # told once
        db.session.commit()
        told = db.session.scalars(
            sa.select(OutboxEvent).where(OutboxEvent.kind == "shipment.overdue")
        ).all()
        assert [(e.subject_id, e.organisation_ids) for e in told] == [
            (late, [world.organisations["hospital"]])
        ]
    listed = client.get("/v1/dispatch/overdue", headers=as_("dispatcher_a")).get_json()
    assert [s["id"] for s in listed["items"]] == [late]
    assert listed["items"][0]["recipient"]["phone"] == "139******78"  # masked
    assert (
        client.get(
            f"/v1/dispatch/overdue?station={world.stations['A']}", headers=as_("dispatcher_b")
        ).status_code
        == 404
    )


def test_the_achievement_rate_per_station_and_product(client, as_, app, world):
    clock.freeze(at_local(20, 0))
    on_time = _with_promise(app, world, 3, at_local(13, 0), state="out_for_delivery")
    _with_promise(app, world, 1, at_local(13, 0), state="out_for_delivery")  # never delivered
    late_delivered = _with_promise(app, world, 1, at_local(13, 0), state="out_for_delivery")
    _with_promise(app, world, 2, at_local(13, 0), product="prescription")  # other product
    with app.app_context():
        db.session.execute(
            sa.update(Shipment)
            .where(Shipment.id.in_(on_time))
            .values(state="delivered", delivered_at=at_local(11, 0))
        )
        db.session.execute(
            sa.update(Shipment)
            .where(Shipment.id.in_(late_delivered))
            .values(state="delivered", delivered_at=at_local(15, 0))
        )
        db.session.commit()
    report = client.get(
        "/v1/reports/delivery-sla?date=2026-11-23&product=express", headers=as_("admin")
    ).get_json()
    assert report["rows"] == [
        {
            "station_id": world.stations["B"],
            "product": "express",
            "promises": 5,
            "on_time": 3,
            "late": 2,
            "pending": 0,
            "achievement_rate": 0.6,
        }
    ]
    both = client.get("/v1/reports/delivery-sla?date=2026-11-23", headers=as_("admin")).get_json()
    assert {r["product"] for r in both["rows"]} == {"express", "prescription"}
    month = client.get(
        "/v1/reports/delivery-sla?date=2026-11-05&period=month&product=express",
        headers=as_("admin"),
    ).get_json()
    assert month["rows"][0]["promises"] == 5
    clock.freeze(at_local(12, 0))
    ahead = client.get(
        "/v1/reports/delivery-sla?date=2026-11-23&product=express", headers=as_("admin")
    ).get_json()
    assert (ahead["rows"][0]["late"], ahead["rows"][0]["pending"]) == (1, 1)


def test_a_report_day_out_of_range_is_a_422_not_an_overflow(client, as_, world):
    for day in ("9999-12-31", "0001-01-01"):
        response = client.get(f"/v1/reports/delivery-sla?date={day}", headers=as_("admin"))
        problem = assert_problem(response, 422, "validation_failed")
        assert problem["errors"][0]["field"] == "date"
