"""Dispatchers: the board of their stations, one task, and assignment by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy.orm import selectinload

from courier_api.core import clock
from courier_api.core.blueprint import Blueprint
from courier_api.core.etag import (
    ETAG_HEADER_DOC,
    check_if_match,
    if_match_required,
    not_modified_doc,
    with_etag,
)
from courier_api.core.pagination import paginate
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.dispatch import board as service
from courier_api.dispatch import sla
from courier_api.dispatch.schemas import (
    AssignSchema,
    BoardArgs,
    BoardSchema,
    DeliveryReportArgs,
    DeliveryReportSchema,
    DispatchTaskSchema,
    OverdueArgs,
    SlaReportArgs,
    SlaReportSchema,
)
from courier_api.shipments import promise
from courier_api.shipments.models import Shipment
from courier_api.shipments.schemas import ShipmentSchema
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task

blp = Blueprint("dispatch", __name__, url_prefix="/v1/dispatch", description="Dispatchers.")
reports_blp = Blueprint("reports", __name__, url_prefix="/v1/reports", description="Reports.")


@blp.get("/board")
@requires("dispatcher", "admin")
@blp.problems(404)
@blp.arguments(BoardArgs, location="query")
@blp.response(200, BoardSchema)
@blp.named("getDispatchBoard")
def get_board(args: dict[str, Any]) -> dict[str, Any]:
    """Open, offered and accepted tasks with their promise times and flags; couriers on
    shift with their last position and load."""
    return service.board(caller=principal(), station_id=args.get("station"))


@blp.get("/tasks/<task_id>")
@requires("dispatcher", "admin")
@blp.one(DispatchTaskSchema, headers=ETAG_HEADER_DOC)
@not_modified_doc
def get_dispatch_task(task_id: str) -> Any:
    """One task of the dispatcher's stations, with its ETag for an assignment."""
    return with_etag(tasks.with_offer(tasks.get_task(caller=principal(), task_id=task_id)))


@blp.post("/tasks/<task_id>/assign")
@requires("dispatcher", "admin")
@if_match_required
@transactional
@blp.problems(404, 409)
@blp.arguments(AssignSchema)
@blp.response(200, DispatchTaskSchema, headers=ETAG_HEADER_DOC)
def assign_task(body: dict[str, Any], task_id: str) -> tuple:
    """Offer the task to a courier on shift (replacing a pending offer, or taking an accepted
    pickup back from a courier who has not arrived yet). If-Match."""
    caller = principal()
    task: Task = tasks.get_task(caller=caller, task_id=task_id, lock=True)
    check_if_match(task)
    ttl = timedelta(seconds=current_app.config["DISPATCH_OFFER_TTL_S"])
    service.assign(task=task, courier_id=body["courier_id"], caller=caller, ttl=ttl)
    return with_etag(tasks.with_offer(task))


@reports_blp.get("/pickup-sla")
@requires("dispatcher", "admin")
@reports_blp.problems(404)
@reports_blp.arguments(SlaReportArgs, location="query")
@reports_blp.response(200, SlaReportSchema)
@reports_blp.named("getPickupSlaReport")
def pickup_sla(args: dict[str, Any]) -> dict[str, Any]:
    """The 1-hour achievement rate per station for a day, week or month (Asia/Shanghai),
    with late promises by cause."""
    return _period_report(sla.pickup_report, args)


@blp.get("/overdue")
@requires("dispatcher", "admin")
@blp.problems(404)
@blp.pages(ShipmentSchema, filters=OverdueArgs)
@blp.named("listOverdueTasks")
def overdue(args: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """Shipments past their delivery promise and still undelivered (主动发现逾限邮件), of the
    dispatcher's stations (origin or destination), oldest promise first."""
    stations = service.stations_in_scope(principal(), args.get("station"))
    # The schema lists each shipment's named recipients: loaded for the page in one query.
    stmt = promise.overdue_for(stations or None).options(selectinload(Shipment.named_recipients))
    return paginate(stmt, Shipment.id, page, newest_first=False)


@reports_blp.get("/delivery-sla")
@requires("dispatcher", "admin")
@reports_blp.problems(404)
@reports_blp.arguments(DeliveryReportArgs, location="query")
@reports_blp.response(200, DeliveryReportSchema)
@reports_blp.named("getDeliverySlaReport")
def delivery_sla(args: dict[str, Any]) -> dict[str, Any]:
    """The time-limit achievement rate (时限达成率) per destination station and product, for
    the promises that fell in a day, week or month (Asia/Shanghai)."""
    return _period_report(promise.delivery_report, args, product=args.get("product"))


def _period_report(
    report_on: Callable[..., dict[str, Any]], args: dict[str, Any], **filters: Any
) -> dict[str, Any]:
    """A report for a day, week or month over the caller's stations (or the one asked for,
    404 outside them)."""
    stations = service.stations_in_scope(principal(), args.get("station"))
    report = report_on(
        station_ids=stations or None,
        day=args["date"],
        period=args["period"],
        zone=clock.business_zone(),
        **filters,
    )
    report["from_"] = report.pop("from")  # the schemas' name for it (`from` is a keyword)
    return report
