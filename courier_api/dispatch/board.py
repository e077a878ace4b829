"""The dispatcher's board and manual assignment. No Flask; never commits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import conflict, field_error, not_found
from courier_api.core.security import Principal
from courier_api.dispatch import escalation
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task, TaskOffer

BOARD_STATES = ("open", "offered", "accepted", "arrived")
#: A task not accepted this long after its promise start is at risk (DESIGN.md).
AT_RISK_UNACCEPTED = timedelta(minutes=15)
#: What other domains show on the board (wiring fills it): each source answers, for the
#: stations in scope ([] = all) at `now`, the exceptions a dispatcher should act on:
#: {"kind", "subject_type", "subject_id", "station_id", "since", "detail"}.
ExceptionSource = Callable[[list[str], datetime], list[dict[str, Any]]]
_EXCEPTION_SOURCES: list[ExceptionSource] = []


def shows_exceptions(source: ExceptionSource) -> ExceptionSource:
    if source not in _EXCEPTION_SOURCES:
        _EXCEPTION_SOURCES.append(source)
    return source


def stations_in_scope(caller: Principal, station_id: str | None) -> list[str]:
    """The stations a board or report covers ([] = all, for an admin); 404 outside scope."""
    if station_id is None:
        if caller.role == "admin":
            return []  # every station
        return sorted(caller.station_ids)
    if caller.role != "admin" and station_id not in caller.station_ids:
        raise not_found("station")
    return [station_id]


def flags(task: Task, now: datetime) -> dict[str, bool]:
    late = task.deadline is not None and task.arrived_at is None and now > task.deadline
    unaccepted = task.accepted_at is None and task.promise_start is not None
    at_risk = not late and unaccepted and now >= task.promise_start + AT_RISK_UNACCEPTED
    return {"at_risk": at_risk, "late": late}


def board(*, caller: Principal, station_id: str | None) -> dict[str, Any]:
    stations = stations_in_scope(caller, station_id)
    now = clock.now()
    task_stmt = (
        sa.select(Task)
        .where(Task.state.in_(BOARD_STATES), Task.sandbox.is_(False))
        .order_by(Task.deadline)
    )
    courier_stmt = sa.select(Courier).where(Courier.active.is_(True), Courier.on_shift.is_(True))
    if stations:
        task_stmt = task_stmt.where(Task.station_id.in_(stations))
        courier_stmt = courier_stmt.where(Courier.station_id.in_(stations))
    board_tasks = tasks.attach_offers(list(db.session.scalars(task_stmt)))
    loads = dict(
        db.session.execute(
            sa.select(Task.courier_id, sa.func.count())
            .where(Task.state.in_(("accepted", "arrived")), Task.courier_id.is_not(None))
            .group_by(Task.courier_id)
        ).all()
    )
    couriers = list(db.session.scalars(courier_stmt.order_by(Courier.employee_no)))
    for courier in couriers:
        courier.load = loads.get(courier.id, 0)
    escalations = escalation.of_tasks([t.id for t in board_tasks])
    for task in board_tasks:
        for name, value in flags(task, now).items():
            setattr(task, name, value)
        # Shown until a courier takes it; the record stays (the cause of a breach).
        found = escalations.get(task.id) if task.accepted_at is None else None
        task.escalated = found is not None
        task.escalation_cause = found.cause if found else None
    exceptions = [found for source in _EXCEPTION_SOURCES for found in source(stations, now)]
    return {
        "generated_at": now,
        "tasks": board_tasks,
        "couriers": couriers,
        "exceptions": sorted(exceptions, key=lambda e: e["since"]),
    }


def assign(*, task: Task, courier_id: str, caller: Principal, ttl: timedelta) -> TaskOffer:
    """A dispatcher's manual assignment: an offer the courier accepts or declines."""
    courier = db.session.get(Courier, courier_id)
    in_scope = courier is not None and (
        caller.role == "admin" or courier.station_id in caller.station_ids
    )
    if not in_scope or not courier.active:
        raise field_error("courier_id", "No such courier in your stations.", "not_found")
    if not courier.on_shift:
        raise field_error("courier_id", "The courier is not on shift.", "not_on_shift")
    if task.state == "accepted" and task.kind == "pickup" and task.courier_id != courier_id:
        # Not arrived yet: the dispatcher may give it to someone nearer. The first courier's
        # handheld hears `task_reassigned` if it still syncs events for it.
        tasks.release(task)
    if task.state == "offered":
        pending = tasks.withdraw_offer(task)
        if pending is not None and pending.courier_id == courier_id:
            raise conflict(
                "already_offered",
                "The task is already offered to this courier.",
                current_state="offered",
            )
    return tasks.offer(task, courier_id=courier_id, offered_by=caller.id, ttl=ttl)
