"""The dispatcher's screens: the live board (tasks with their flags and causes, couriers
on shift, overdue deliveries, the map), one task with assignment by hand, and releasing a
courier's device. The same services as /v1/dispatch and /v1/couriers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import (
    Response,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from courier_api.console.map import flag_of, sketch
from courier_api.console.pages import bp, caller, page, safe_next
from courier_api.core.errors import Problem
from courier_api.core.transaction import transactional
from courier_api.dispatch import board as dispatch
from courier_api.dispatch.schemas import BoardSchema, DispatchTaskSchema
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.identity.models import Courier
from courier_api.network.models import Station
from courier_api.shipments import promise
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks

DISPATCH = ("dispatcher", "admin")
#: How often the open board asks for a fresh copy (seconds).
BOARD_REFRESH_S = 10
OVERDUE_SHOWN = 50


def _board(station_id: str | None) -> dict[str, Any]:
    me = caller()
    data = BoardSchema().dump(dispatch.board(caller=me, station_id=station_id))
    for task in data["tasks"]:
        task["flag"] = flag_of(task)
    in_scope = dispatch.stations_in_scope(me, station_id)
    stations_stmt = sa.select(Station).order_by(Station.code)
    if in_scope:
        stations_stmt = stations_stmt.where(Station.id.in_(in_scope))
    stations = list(db.session.scalars(stations_stmt))
    overdue = db.session.scalars(
        promise.overdue_for(in_scope or None).order_by(Shipment.deliver_by).limit(OVERDUE_SHOWN)
    )
    return {
        **data,
        "stations": stations,
        "station_id": station_id,
        "overdue": list(overdue),
        "courier_names": {courier["id"]: courier["name"] for courier in data["couriers"]},
        "map": sketch(stations, data["couriers"], data["tasks"]),
        "refresh_s": BOARD_REFRESH_S,
    }


@bp.get("/board")
@page(*DISPATCH)
def board() -> str:
    return render_template("console/board.html", **_board(request.args.get("station") or None))


@bp.get("/board/live")
@page(*DISPATCH)
def board_live() -> str:
    """The board's changing part alone: what the page polls for, without a reload."""
    return render_template(
        "console/_board_live.html", **_board(request.args.get("station") or None)
    )


def _task_page(task_id: str, message: str | None = None, status: int = 200) -> Response:
    task = tasks.with_offer(tasks.get_task(caller=caller(), task_id=task_id))
    at_station = list(
        db.session.scalars(
            sa.select(Courier)
            .where(Courier.station_id == task.station_id, Courier.active)
            .order_by(Courier.employee_no)
        )
    )
    body = render_template(
        "console/task.html",
        task=DispatchTaskSchema().dump(task),
        version=task.version,
        couriers=[courier for courier in at_station if courier.on_shift],
        courier_names={courier.id: courier.name for courier in at_station},
        message=message,
    )
    return make_response(body, status)


@bp.get("/tasks/<task_id>")
@page(*DISPATCH)
def task(task_id: str) -> Response:
    return _task_page(task_id)


@bp.post("/tasks/<task_id>/assign")
@page(*DISPATCH)
@transactional
def assign(task_id: str) -> Response:
    """The form carries the version the dispatcher saw (the API's If-Match): if the task
    changed meanwhile, someone else got there first, and nothing is written."""
    me = caller()
    found = tasks.get_task(caller=me, task_id=task_id, lock=True)
    if request.form.get("version") != str(found.version):
        db.session.rollback()
        return _task_page(
            task_id,
            _(
                "Someone else changed this task first (offered, assigned or accepted). "
                "Here is how it stands now; assign again if it still needs you."
            ),
            409,
        )
    ttl = timedelta(seconds=current_app.config["DISPATCH_OFFER_TTL_S"])
    try:
        dispatch.assign(
            task=found, courier_id=request.form.get("courier_id", ""), caller=me, ttl=ttl
        )
    except Problem as refused:
        if refused.status == 404:
            raise
        db.session.rollback()
        return _task_page(task_id, refused.detail or refused.code, refused.status)
    flash(_("Offered to the courier; it waits for their answer."))
    return redirect(url_for("console.task", task_id=task_id))


@bp.post("/couriers/<courier_id>/release-device")
@page(*DISPATCH)
@transactional
def release_device(courier_id: str) -> Response:
    courier = identity.release_device(caller=caller(), courier_id=courier_id)
    flash(_("%(name)s's device is released; they log in again on the new one.", name=courier.name))
    return redirect(safe_next(request.form.get("next")))
