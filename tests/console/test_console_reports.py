"""Reports over HTTP: a dispatcher's figures cover their stations only; a report a role
may not see is 404 as CSV, and its chart is not on their page."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from courier_api.complaints.models import Complaint
from courier_api.core import clock
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from tests.factories import make_shipments
from tests.helpers import at_local, waiting_task


def _csv(client, path: str) -> list[dict[str, str]]:
    answer = client.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))


def test_a_dispatchers_report_covers_their_stations_only(console, app, world):
    # A fixed noon: the report is of the local day, which 90 minutes back could leave.
    clock.freeze(at_local(12, 0))
    waiting_task(app, world, minutes=90)  # at station A
    clock.freeze(at_local(12, 0))  # waiting_task lets the clock go
    station_b, _ = console("dispatcher_b")
    assert _csv(station_b, "/console/reports/pickup-sla.csv?period=day") == []
    station_a, _ = console("dispatcher_a")
    [row] = _csv(station_a, "/console/reports/pickup-sla.csv?period=day")
    assert (row["promises"], row["late"], row["achievement_rate"]) == ("1", "1", "0.0")


def test_a_report_a_role_may_not_see_is_404_and_not_on_its_page(console, waiting_claims):
    dispatcher, _ = console("dispatcher_a")
    assert dispatcher.get("/console/reports/claims-outcomes.csv").status_code == 404
    assert 'id="report-claims-outcomes"' not in dispatcher.get("/console/reports").get_data(
        as_text=True
    )
    adjuster, _ = console("adjuster")
    [row] = _csv(adjuster, "/console/reports/claims-outcomes.csv")
    assert row["claims"] == "2"


def test_the_delivery_rate_day_by_day_has_every_day_of_the_week_for_the_callers_stations(
    console, app, world
):
    """Monday: one delivered before its promise, one past it; Wednesday: one still
    running. All bound for station B."""
    clock.freeze(at_local(10, 0))  # Monday 23 November
    with app.app_context():
        on_time, late, running = (s.id for s in make_shipments(world, 3, state="at_station"))
        promised = {
            on_time: (at_local(9, 0), at_local(8, 0)),
            late: (at_local(9, 0), None),
            running: (at_local(9, 0) + timedelta(days=2), None),
        }
        for shipment_id, (deliver_by, delivered_at) in promised.items():
            db.session.execute(
                sa.update(Shipment)
                .where(Shipment.id == shipment_id)
                .values(deliver_by=deliver_by, delivered_at=delivered_at)
            )
        db.session.commit()
    station_b, _ = console("dispatcher_b")
    days = _csv(station_b, "/console/reports/delivery-sla-by-day.csv?period=week&date=2026-11-25")
    assert [d["day"] for d in days] == [f"2026-11-{n}" for n in range(23, 30)]
    figures = {d["day"]: (d["promises"], d["on_time"], d["late"], d["pending"]) for d in days}
    assert figures["2026-11-23"] == ("2", "1", "1", "0")
    assert figures["2026-11-24"] == ("0", "0", "0", "0")
    assert figures["2026-11-25"] == ("1", "0", "0", "1")
    rates = [d["achievement_rate"] for d in days]
    assert rates == ["0.5", "", "", "", "", "", ""]  # nothing decided, no rate
    station_a, _ = console("dispatcher_a")
    other = _csv(station_a, "/console/reports/delivery-sla-by-day.csv?period=week&date=2026-11-25")
    assert {d["promises"] for d in other} == {"0"}


def test_complaints_answer_times_are_the_median_and_90th_percentile_in_hours(
    console, app, complaints_waiting
):
    """Both complaints came on Monday morning; one answered 2 hours after, the other 30."""
    with app.app_context():
        for complaint_id, hours in zip(complaints_waiting, (2, 30), strict=True):
            complaint = db.session.get(Complaint, complaint_id)
            complaint.submitted_at = at_local(9, 0)
            complaint.answered_at = at_local(9, 0) + timedelta(hours=hours)
            complaint.status = "answered"
        db.session.commit()
    service, _ = console("service")
    monday = "period=day&date=2026-11-23"
    [row] = _csv(service, f"/console/reports/complaint-answer-times.csv?{monday}")
    assert row == {
        "category": "揽收或投递延误",
        "answered": "2",
        "median_hours": "16.0",
        "p90_hours": "30.0",
    }
    page = service.get(f"/console/reports?{monday}").get_data(as_text=True)
    assert 'id="report-complaint-answer-times"' in page and "30.0" in page
    dispatcher, _ = console("dispatcher_a")
    assert dispatcher.get("/console/reports/complaint-answer-times.csv").status_code == 404
