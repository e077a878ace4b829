"""Escalation: a task a round could not place goes to the dispatcher's board with its cause.
No Flask; never commits.

- at once, when nobody can come: no courier on shift (`no_courier_available`), or none who
  can arrive and finish before their shift ends (`no_courier_before_shift_end`);
- after `ESCALATE_AFTER` of waiting since its promise start, otherwise: every courier asked
  passed it on (`declined`), its nearest courier is beyond the engine's reach
  (`out_of_reach`), or the couriers near it are all taken (`couriers_busy`).

The cause is re-read every round; the record stays, and is the cause of the breach if the
task ends up late with no courier (`sla`).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import numpy as np
import sqlalchemy as sa
from numpy.typing import NDArray

from courier_api.dispatch import engine
from courier_api.dispatch.models import Escalation
from courier_api.extensions import db
from courier_api.tasks.models import Task

#: A task still unplaced this long after its promise start goes to the dispatcher (half
#: the promise: time enough for a person to act; the board flags it at risk at 15 min).
ESCALATE_AFTER = timedelta(minutes=30)


def causes(
    tasks: engine.Tasks,
    index: NDArray[np.intp],
    couriers: engine.Couriers,
    excluded: list[tuple[int, int]],
    now: datetime,
) -> list[str | None]:
    """The escalation cause of each task left open (tasks[index]), or None."""
    if index.size == 0:
        return []
    if len(couriers) == 0:
        return ["no_courier_available"] * index.size
    now_s = now.timestamp()
    subset = engine.Tasks(
        tasks.lat[index], tasks.lng[index], tasks.deadline_s[index], tasks.since_s[index]
    )
    servable, nearest = engine.reachability(subset, couriers, now_s)
    passed_on = Counter(t for t, _ in excluded)
    found: list[str | None] = []
    for i in range(index.size):
        waited = now_s - float(subset.since_s[i])
        if not servable[i]:
            found.append("no_courier_before_shift_end")
        elif waited < ESCALATE_AFTER.total_seconds():
            found.append(None)
        elif passed_on[int(index[i])] >= len(couriers):
            found.append("declined")
        elif nearest[i] > engine.DEFAULT_POLICY.reach_s:
            found.append("out_of_reach")
        else:
            found.append("couriers_busy")
    return found


def escalate(left: list[Task], found: list[str | None], now: datetime) -> int:
    """Record (or update) the escalations; returns how many tasks were newly escalated. A
    task whose promise has not started yet (ordered while its station is closed) waits."""
    wanted = {
        task.id: cause
        for task, cause in zip(left, found, strict=True)
        if cause is not None and (task.promise_start is None or task.promise_start <= now)
    }
    if not wanted:
        return 0
    existing = {
        row.task_id: row
        for row in db.session.scalars(
            sa.select(Escalation).where(Escalation.task_id.in_(list(wanted)))
        )
    }
    for task_id, cause in wanted.items():
        row = existing.get(task_id)
        if row is None:
            db.session.add(
                Escalation(task_id=task_id, cause=cause, escalated_at=now, updated_at=now)
            )
        elif row.cause != cause:
            row.cause, row.updated_at = cause, now
    return len(wanted) - len(existing)


def of_tasks(task_ids: list[str]) -> dict[str, Escalation]:
    """The escalation records of these tasks, by task id."""
    if not task_ids:
        return {}
    return {
        row.task_id: row
        for row in db.session.scalars(sa.select(Escalation).where(Escalation.task_id.in_(task_ids)))
    }
