"""Reports as charts, for every role that has them: the 1-hour pickup rate and the
delivery 时限达成率 by station (dispatchers: their stations; admins: all), claims by
outcome and amount, complaints answered within their 7 days. A day, ISO week or month.
Each chart is SVG drawn on the server (charts.py) with its table beside it, and a CSV
export of the same rows. The figures are the API's reports' (/v1/reports/...)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from courier_api.complaints import reports as complaint_reports
from courier_api.console import labels
from courier_api.console.charts import bar_chart
from courier_api.console.pages import bp, caller, error_page, page
from courier_api.core import clock
from courier_api.core.security import Principal
from courier_api.dispatch import board, sla
from courier_api.extensions import db
from courier_api.insurance import reports as claim_reports
from courier_api.network.models import Station
from courier_api.shipments import promise

PERIODS = ("day", "week", "month")
STATIONS = ("dispatcher", "admin")
ADJUSTERS = ("claims_adjuster", "admin")
SERVICE = ("customer_service", "admin")
ALL = tuple(sorted({*STATIONS, *ADJUSTERS, *SERVICE}))


@dataclass(frozen=True)
class Period:
    day: date
    name: str

    @property
    def days(self) -> tuple[date, date]:
        """The first and last local day of the period (inclusive)."""
        start, end = clock.period_bounds(self.day, self.name, clock.business_zone())
        return start.date(), (end - timedelta(days=1)).date()


@dataclass(frozen=True)
class Report:
    title: Any
    roles: tuple[str, ...]
    #: (key, label, kind): kind is text, count, rate (0-1) or fen.
    columns: tuple[tuple[str, Any, str], ...]
    rows: Callable[[Principal, Period], list[dict[str, Any]]]
    #: The charted column, and the columns whose values name a bar.
    bar: str
    named_by: tuple[str, ...]


def _station_names(ids: set[str | None]) -> dict[str | None, str]:
    found = db.session.execute(sa.select(Station.id, Station.name).where(Station.id.in_(ids)))
    return {None: "—", **dict(found.all())}


def _scope(me: Principal) -> list[str] | None:
    """The caller's stations; None (every station) only for an admin, so a dispatcher
    whose stations were all taken away sees nothing rather than everything."""
    return None if me.role == "admin" else board.stations_in_scope(me, None)


def _sla_rows(report_on: Callable[..., dict[str, Any]], key: str) -> Callable:
    """Rows of a station report over the caller's stations (an admin's: all)."""

    def rows(me: Principal, period: Period) -> list[dict[str, Any]]:
        found = report_on(
            station_ids=_scope(me),
            day=period.day,
            period=period.name,
            zone=clock.business_zone(),
        )[key]
        names = _station_names({row["station_id"] for row in found})
        return [
            {**row, "station": names.get(row["station_id"], row["station_id"])} for row in found
        ]

    return rows


def _delivery(**filters: Any) -> dict[str, Any]:
    return promise.delivery_report(product=None, **filters)


def _delivery_by_day(me: Principal, period: Period) -> list[dict[str, Any]]:
    """The 时限达成率 day by day through the period, over the caller's stations: every
    day a row (a day without promises shows as none), each the API's report of that day
    summed over stations and products."""
    first, last = period.days
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [
        _summed(
            day,
            _delivery(station_ids=_scope(me), day=day, period="day", zone=clock.business_zone())[
                "rows"
            ],
        )
        for day in days
    ]


def _summed(day: date, rows: list[dict[str, Any]]) -> dict[str, Any]:
    total = {
        key: sum(row[key] for row in rows) for key in ("promises", "on_time", "late", "pending")
    }
    decided = total["on_time"] + total["late"]
    rate = round(total["on_time"] / decided, 4) if decided else None
    return {"day": day.isoformat(), **total, "achievement_rate": rate}


def _claims_by_outcome(_me: Principal, period: Period) -> list[dict[str, Any]]:
    first, last = period.days
    found = claim_reports.report(first_day=first, last_day=last, zone=clock.business_zone())
    counts: dict[str, int] = {}
    for row in found["rows"]:
        for status, count in row["by_status"].items():
            counts[status] = counts.get(status, 0) + count
    return [
        {"status": str(labels.CLAIM_STATES.get(status, status)), "claims": counts[status]}
        for status in labels.CLAIM_STATES
        if status in counts
    ]


def _claim_amounts(_me: Principal, period: Period) -> list[dict[str, Any]]:
    first, last = period.days
    return claim_reports.report(first_day=first, last_day=last, zone=clock.business_zone())["rows"]


def _complaint_rows(report_on: Callable[..., Any], key: str | None = None) -> Callable:
    """Rows of a complaints report over the period, each category by its label."""

    def rows(_me: Principal, period: Period) -> list[dict[str, Any]]:
        first, last = period.days
        found = report_on(first_day=first, last_day=last, zone=clock.business_zone())
        return [
            {
                **row,
                "category": str(labels.COMPLAINT_CATEGORIES.get(row["category"], row["category"])),
            }
            for row in (found[key] if key else found)
        ]

    return rows


_PROMISES = (
    ("promises", _l("Promises"), "count"),
    ("on_time", _l("On time"), "count"),
    ("late", _l("Late"), "count"),
    ("pending", _l("Still running"), "count"),
    ("achievement_rate", _l("Achievement rate"), "rate"),
)
REPORTS = {
    "pickup-sla": Report(
        _l("1-hour pickup rate by station"),
        STATIONS,
        (("station", _l("Station"), "text"), *_PROMISES),
        _sla_rows(sla.pickup_report, "stations"),
        "achievement_rate",
        ("station",),
    ),
    "delivery-sla": Report(
        _l("Delivery 时限达成率 by destination station and product"),
        STATIONS,
        (("station", _l("Station"), "text"), ("product", _l("Product"), "text"), *_PROMISES),
        _sla_rows(_delivery, "rows"),
        "achievement_rate",
        ("station", "product"),
    ),
    "delivery-sla-by-day": Report(
        _l("Delivery 时限达成率 day by day"),
        STATIONS,
        (("day", _l("Day"), "text"), *_PROMISES),
        _delivery_by_day,
        "achievement_rate",
        ("day",),
    ),
    "claims-outcomes": Report(
        _l("Claims by outcome"),
        ADJUSTERS,
        (("status", _l("Outcome"), "text"), ("claims", _l("Claims"), "count")),
        _claims_by_outcome,
        "claims",
        ("status",),
    ),
    "claims-amounts": Report(
        _l("Claims' amounts by month and product"),
        ADJUSTERS,
        (
            ("month", _l("Month"), "text"),
            ("product", _l("Product"), "text"),
            ("claims", _l("Claims"), "count"),
            ("claimed_fen", _l("Claimed"), "fen"),
            ("approved_fen", _l("Approved"), "fen"),
            ("paid_fen", _l("Paid"), "fen"),
        ),
        _claim_amounts,
        "approved_fen",
        ("month", "product"),
    ),
    "complaints": Report(
        _l("Complaints answered within 7 days, by category"),
        SERVICE,
        (
            ("month", _l("Month"), "text"),
            ("category", _l("Category"), "text"),
            ("received", _l("Received"), "count"),
            ("answered_within_7_days", _l("Answered within 7 days"), "count"),
            ("answered_late", _l("Answered late"), "count"),
            ("overdue", _l("Overdue"), "count"),
            ("within_7_days_share", _l("Share within 7 days"), "rate"),
        ),
        _complaint_rows(complaint_reports.report, "rows"),
        "within_7_days_share",
        ("month", "category"),
    ),
    "complaint-answer-times": Report(
        _l("Complaints' answer times by category (hours)"),
        SERVICE,
        (
            ("category", _l("Category"), "text"),
            ("answered", _l("Answered"), "count"),
            ("median_hours", _l("Median (hours)"), "hours"),
            ("p90_hours", _l("90th percentile (hours)"), "hours"),
        ),
        _complaint_rows(complaint_reports.answer_times),
        "p90_hours",
        ("category",),
    ),
}


def _period() -> Period:
    name = request.args.get("period")
    try:
        day = date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        day = clock.now().astimezone(clock.business_zone()).date()
    return Period(day, name if name in PERIODS else "week")


def cell(value: Any, kind: str) -> str:
    """A table cell as people read it."""
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value * 100:.1f}%"
    if kind == "fen":
        return f"¥{value / 100:,.2f}"
    return str(value)


def _chart(report: Report, rows: list[dict[str, Any]]) -> Any:
    kind = next(k for key, _, k in report.columns if key == report.bar)
    items = [
        (
            " · ".join(str(row[key]) for key in report.named_by),
            row[report.bar],
            cell(row[report.bar], kind),
        )
        for row in rows
    ]
    return bar_chart(items, top=1 if kind == "rate" else None)


@bp.get("/reports")
@page(*ALL)
def reports() -> str:
    me, period = caller(), _period()
    shown = []
    for name, report in REPORTS.items():
        if me.role in report.roles:
            rows = report.rows(me, period)
            shown.append((name, report, rows, _chart(report, rows)))
    return render_template(
        "console/reports.html", shown=shown, period=period, periods=PERIODS, cell=cell
    )


@bp.get("/reports/<name>.csv")
@page(*ALL)
def report_csv(name: str) -> Response:
    """The chart's rows as CSV: codes and raw numbers (fen, rates 0-1), for spreadsheets."""
    report = REPORTS.get(name)
    me = caller()
    if report is None or me.role not in report.roles:
        return error_page(404, _("Not found, or not in your scope."))
    out = io.StringIO()
    writer = csv.writer(out)
    keys = [key for key, _, _ in report.columns]
    writer.writerow(keys)
    for row in report.rows(me, _period()):
        writer.writerow(["" if row[key] is None else row[key] for key in keys])
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")  # BOM: Excel reads UTF-8
    period = _period()
    filename = f"{name}-{period.name}-{period.day.isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
