"""The task state machine and its offers. No Flask; never commits.

Moves of a held task (arrive, complete, fail) only change the loaded objects, so a batch of
them (handheld sync) is written by one flush rather than one round trip each.

Later issues build the HTTP front (courier actions, dispatch) on these functions. Every
refused move is a 409 that says the task's current state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from courier_api.core import clock, pg
from courier_api.core.errors import cannot_become, conflict, field_error, not_found
from courier_api.core.ids import new_id
from courier_api.core.masking import ORGANISATION
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.network.models import PickupPoint
from courier_api.shipments.models import Shipment
from courier_api.tasks.models import FINISHED_STATES, TASK_TRANSITIONS, Task, TaskItem, TaskOffer


@dataclass(frozen=True)
class Place:
    address: str
    lat: float
    lng: float
    contact_name: str | None = None
    contact_phone: str | None = None
    #: "organisation": the contact is an institution (always so at a pickup point).
    contact_kind: str | None = None
    pickup_point_id: str | None = None


def met_at(row: Any, party: str) -> Place:
    """Where `party` of a row is met, from its `{party}_address`, `_lat`, `_lng`, `_name`,
    `_phone` and (where it has one) `_kind` columns: a shipment's "sender" or "recipient",
    a pickup order's "pickup". An institution's desk without a phone gives none."""
    return Place(
        address=getattr(row, f"{party}_address"),
        lat=getattr(row, f"{party}_lat"),
        lng=getattr(row, f"{party}_lng"),
        contact_name=getattr(row, f"{party}_name"),
        contact_phone=getattr(row, f"{party}_phone") or None,
        contact_kind=getattr(row, f"{party}_kind", None),
    )


def _at_point(point: PickupPoint) -> Place:
    """An organisation's pickup point: the courier asks for it by its name (the pharmacy,
    the court's service centre) at its address."""
    return Place(
        address=point.address,
        lat=point.lat,
        lng=point.lng,
        contact_name=point.name,
        pickup_point_id=point.id,
    )


@dataclass(frozen=True)
class TaskSpec:
    """A task to make: over `shipments` (each an `expected` item). `taken_by`: the courier
    who takes it as it is made (loading an item for delivery is the acceptance, as
    `take`), so it is written accepted rather than written open and updated."""

    kind: str
    station_id: str
    place: Place
    window: tuple[datetime, datetime]
    shipments: Sequence[Shipment] = ()
    promise_start: datetime | None = None
    deadline: datetime | None = None
    taken_by: str | None = None


def create_tasks(specs: Sequence[TaskSpec]) -> list[Task]:
    """The tasks, written at once (one insert for the tasks and one for their items,
    however many: a 250-item load makes 250 delivery tasks) and returned loaded, items
    too; nothing is read back. The one way a task is made."""
    now = clock.now()
    made = pg.insert_objects(Task, [_task_row(spec, now) for spec in specs])
    item_rows = [
        {"task_id": task.id, "shipment_id": s.id, "waybill": s.waybill, "status": "expected"}
        for task, spec in zip(made, specs, strict=True)
        for s in spec.shipments
    ]
    items: dict[str, list[TaskItem]] = {task.id: [] for task in made}
    for item in pg.insert_objects(TaskItem, item_rows):
        items[item.task_id].append(item)
    for task in made:
        set_committed_value(task, "items", items[task.id])
    return made


def create_task(spec: TaskSpec) -> Task:
    [task] = create_tasks([spec])
    return task


def collect_at_point(
    point: PickupPoint,
    items: Sequence[Shipment],
    window: tuple[datetime, datetime],
    *,
    promised: bool = False,
) -> Task:
    """The pickup task that collects `items` at an organisation's pickup point within
    `window`; `promised`: the window is also the task's promise (a hospital run's hour)."""
    task = create_task(
        TaskSpec(
            kind="pickup",
            station_id=point.station_id,
            place=_at_point(point),
            window=window,
            shipments=items,
            promise_start=window[0] if promised else None,
            deadline=window[1] if promised else None,
        )
    )
    db.session.flush()  # the caller's row (run, job, transfer) refers to the task
    return task


def _task_row(spec: TaskSpec, now: datetime) -> dict[str, Any]:
    row = {
        "id": new_id("tsk"),
        "kind": spec.kind,
        "state": "open",
        "station_id": spec.station_id,
        **asdict(spec.place),  # a Place's fields are the task's columns of the same names
        "window_start": spec.window[0],
        "window_end": spec.window[1],
        "promise_start": spec.promise_start,
        "deadline": spec.deadline,
        # Sandbox items are worked by the robo-courier only: never offered, never on a board.
        "sandbox": any(s.sandbox for s in spec.shipments),
    }
    if spec.place.pickup_point_id:  # an organisation's desk: never masked
        row["contact_kind"] = ORGANISATION
    if spec.taken_by is not None:  # what `take` does: open -> offered -> accepted at once
        row.update(state="accepted", courier_id=spec.taken_by, accepted_at=now)
    return row


def get_task(*, caller: Principal, task_id: str, lock: bool = False) -> Task:
    return get_scoped(Task, task_id, caller, what="task", lock=lock)


#: A task with its items joined in the same statement (selectin's statement and loader
#: cost a third of a one-order read, the same shape).
_WITH_ITEMS = (joinedload(Task.items),)


def read_task(*, caller: Principal, task_id: str) -> Task:
    """One task to answer, with its items."""
    return get_scoped(Task, task_id, caller, what="task", options=_WITH_ITEMS)


def _move(task: Task, to_state: str) -> None:
    if to_state not in TASK_TRANSITIONS[task.state]:
        raise cannot_become("task", "The task", task.state, to_state)
    task.state = to_state


def _pending_offers(task_ids: Sequence[str]) -> sa.Select:
    return sa.select(TaskOffer).where(
        TaskOffer.task_id.in_(task_ids), TaskOffer.status == "pending"
    )


def _pending_offer(task: Task) -> TaskOffer | None:
    return db.session.scalars(_pending_offers([task.id])).first()


def attach_offers(found: Sequence[Task]) -> Sequence[Task]:
    """Set `offer` on each task to its pending offer (None without one), for the task views:
    one query for all of them, however many (a query per task was most of a list's time)."""
    pending: dict[str, TaskOffer] = {}
    # A finished task has no offer to show (its offers ended with it): not asked for.
    asked = [t.id for t in found if t.state not in FINISHED_STATES]
    if asked:
        pending = {o.task_id: o for o in db.session.scalars(_pending_offers(asked))}
    for task in found:
        task.offer = pending.get(task.id)
    return found


#: The courier's list without a `state`: what they hold or have on offer, not yet done.
LISTED_STATES = ("offered", "accepted", "arrived")


def _courier_page(*, after_cursor: bool) -> sa.Select:
    """The ids and versions of a page of a courier's task list, as paginate reads it
    (ordered by id, after a cursor's id if `after_cursor`, one more than the limit to tell
    whether there is a next page), built once with the courier and page as parameters.
    Every task on the page and whether one follows are in it: equal rows mean an equal
    page, since a task's version moves with every change a courier sees (an offer made,
    taken back or expired moves its state). Scoping is `Task.visible_to` itself, for a
    courier given as a parameter; each half of the union narrows it to one of its two arms
    (held; on offer), so each is one index lookup by courier rather than a scan of the
    active tasks. The first page (what polls ask for) has no `id >` condition: planned
    generically, PostgreSQL took `id > $n` to match a third of the table and scanned the
    whole key index for it (0.4 -> 1.8 ms a poll once the table had statistics)."""
    courier = Principal(kind="courier", id=sa.bindparam("courier_id"), role="courier")
    listed = (
        scoped_select(Task, courier)
        .with_only_columns(Task.id, Task.version)
        .where(Task.state.in_([sa.bindparam(f"state_{n}") for n in range(len(LISTED_STATES))]))
    )
    if after_cursor:
        listed = listed.where(Task.id > sa.bindparam("after"))
    on_offer = sa.select(TaskOffer.task_id).where(
        TaskOffer.courier_id == sa.bindparam("courier_id"), TaskOffer.status == "pending"
    )
    page = sa.union(
        listed.where(Task.courier_id == sa.bindparam("courier_id")),
        listed.where(Task.id.in_(on_offer)),
    ).subquery("page")
    return sa.select(page.c.id, page.c.version).order_by(page.c.id).limit(sa.bindparam("limit"))


FIRST_PAGE, PAGE_AFTER = _courier_page(after_cursor=False), _courier_page(after_cursor=True)


def courier_page_version(
    *, courier_id: str, state: str | None, limit: int, after: str | None
) -> tuple[sa.Select, dict[str, Any]]:
    """What versions a page of a courier's list (`core.etag.list_tag` reads it): the
    statement and its parameters. `state`: that state only (else LISTED_STATES)."""
    states = [state] * len(LISTED_STATES) if state else LISTED_STATES
    parameters = {f"state_{n}": value for n, value in enumerate(states)}
    parameters.update(courier_id=courier_id, limit=limit + 1)
    if after is None:
        return FIRST_PAGE, parameters
    return PAGE_AFTER, {**parameters, "after": after}


def with_offer(task: Task) -> Task:
    """One task with its pending offer attached, for a task view."""
    return attach_offers([task])[0]


def offer(task: Task, *, courier_id: str, offered_by: str, ttl: timedelta) -> TaskOffer:
    """Offer an open task to one courier (the caller has locked the task row)."""
    _move(task, "offered")
    now = clock.now()
    made = TaskOffer(
        id=new_id("ofr"),
        task_id=task.id,
        courier_id=courier_id,
        status="pending",
        offered_by=offered_by,
        created_at=now,
        expires_at=now + ttl,
    )
    db.session.add(made)
    db.session.flush()
    return made


def _answer(task: Task, courier_id: str, at: datetime) -> TaskOffer:
    pending = _pending_offer(task)
    if pending is None or pending.courier_id != courier_id:
        # Not offered to this courier (any more): to them, the task is not there.
        raise not_found("task")
    if at < pending.created_at:
        raise field_error("occurred_at", "Answered before the offer was made.", "out_of_range")
    if pending.expires_at <= at:
        raise conflict("offer_expired", "The offer has expired.", current_state=task.state)
    return pending


def accept(task: Task, *, courier_id: str, at: datetime | None = None) -> Task:
    """Accept the pending offer; `at`: when the courier did (a synced handheld's time). A
    courier who holds the task already is answered as before: a retry whose first answer
    was lost must not find the task gone."""
    if task.courier_id == courier_id:
        return task
    at = at or clock.now()
    pending = _answer(task, courier_id, at)
    _move(task, "accepted")
    pending.status, pending.answered_at = "accepted", at
    task.courier_id, task.accepted_at = courier_id, at
    db.session.flush()
    return task


def take(task: Task, *, courier_id: str) -> Task:
    """The courier who physically takes the items holds the task (loading for delivery or
    for a return is the acceptance): open -> offered -> accepted in one step."""
    _move(task, "offered")
    _move(task, "accepted")
    task.courier_id, task.accepted_at = courier_id, clock.now()
    return task


def decline(task: Task, *, courier_id: str, reason: str | None) -> Task:
    """Back to the pool; the dispatch engine will not offer it to this courier again."""
    if task.courier_id == courier_id:
        raise conflict(
            "task_already_accepted",
            "You hold this task; a dispatcher can release it.",
            current_state=task.state,
        )
    pending = _answer(task, courier_id, clock.now())
    _move(task, "open")
    pending.status, pending.answered_at, pending.reason = "declined", clock.now(), reason
    db.session.flush()
    return task


def expire_offers(now: datetime | None = None) -> list[str]:
    """Offers past their expiry return their tasks to the pool; returns those task ids."""
    now = now or clock.now()
    expired = db.session.scalars(
        sa.select(TaskOffer)
        .where(TaskOffer.status == "pending", TaskOffer.expires_at <= now)
        .with_for_update(skip_locked=True)
    ).all()
    for stale in expired:
        stale.status, stale.answered_at = "expired", now
        task = db.session.get(Task, stale.task_id)
        if task.state == "offered":
            _move(task, "open")
    db.session.flush()
    return [stale.task_id for stale in expired]


def declined_by(task_id: str) -> set[str]:
    return set(
        db.session.scalars(
            sa.select(TaskOffer.courier_id).where(
                TaskOffer.task_id == task_id, TaskOffer.status == "declined"
            )
        )
    )


def _held_by(task: Task, courier_id: str) -> None:
    if task.courier_id != courier_id:
        raise not_found("task")


def arrive(task: Task, *, courier_id: str, at: datetime | None = None) -> Task:
    """The arrival scan: what the 1-hour promise is measured against."""
    _held_by(task, courier_id)
    _move(task, "arrived")
    task.arrived_at = at or clock.now()
    return task


def complete(task: Task, *, courier_id: str, at: datetime | None = None) -> Task:
    """`at`: when the courier finished, by the handheld (see tasks.scans)."""
    _held_by(task, courier_id)
    _move(task, "completed")
    task.finished_at = at or clock.now()
    for item in task.items:
        if item.status == "expected":
            item.status = "missing"
    return task


def fail(task: Task, *, courier_id: str, reason: str, at: datetime | None = None) -> Task:
    _held_by(task, courier_id)
    _move(task, "failed")
    task.finished_at, task.failure_reason = at or clock.now(), reason
    return task


def withdraw_offer(task: Task) -> TaskOffer | None:
    """Take back a pending offer (to re-offer, or because the task ends); task -> open."""
    pending = _pending_offer(task)
    if pending is not None:
        pending.status, pending.answered_at = "withdrawn", clock.now()
        if task.state == "offered":
            _move(task, "open")
        db.session.flush()
    return pending


def release(task: Task) -> Task:
    """Take an accepted task back from its courier (before arrival): open again."""
    _move(task, "open")
    task.courier_id = task.accepted_at = task.eta_at = None
    db.session.flush()
    return task


def cancel(task: Task) -> Task:
    withdraw_offer(task)
    _move(task, "cancelled")
    task.finished_at = clock.now()
    db.session.flush()
    return task
