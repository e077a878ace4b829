"""Quotes and pickup orders. No Flask; never commits.

The promise starts at max(request time, the origin station's next opening); the courier
must be at the door within the product's window (60 min) of it: `pickup_by`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from courier_api.core import clock, pg
from courier_api.core.db import execute_core
from courier_api.core.errors import Problem, conflict, field_error
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit, emit_now
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.network.service import (
    ServiceArea,
    current_version,
    nearest_of,
    next_opening,
    product_rules,
    stations_covering,
)
from courier_api.pickups.admission import admit, count_in
from courier_api.pickups.models import PickupOrder, Quote
from courier_api.shipments import pricing
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.pricing import Parcel
from courier_api.shipments.service import Party, ShipmentSpec
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task

QUOTE_VALID = timedelta(minutes=15)


@dataclass(frozen=True)
class ParcelRequest:
    recipient: Party
    parcel: Parcel


@dataclass
class Plan:
    """Everything a quote says, and an order needs."""

    product: str
    catalogue_version: int
    origin: ServiceArea
    destinations: list[ServiceArea]
    promise_start: datetime
    pickup_by: datetime
    prices: list[pricing.Price]
    deliver_by: list[datetime | None]
    station_open_now: bool
    notice: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: False: the 1-hour promise cannot be kept now; `pickup_by` is the honest later time.
    promise_available: bool = True

    @property
    def total_fen(self) -> int:
        return sum(p.total_fen for p in self.prices)


def plan(
    *,
    product: str,
    pickup: Party,
    parcels: Sequence[ParcelRequest],
    zone: ZoneInfo,
    quoted_pickup_by: datetime | None = None,
) -> Plan:
    """The quote's or order's plan. ``quoted_pickup_by``: the honest later time a quote
    promised (an order from it keeps it); otherwise supply decides (`admission`)."""
    now = clock.now()
    version = current_version()
    rules = product_rules(product, version)
    if rules["pickup"].get("kind") != "on_demand":
        raise field_error("product", "This product is not picked up on demand.", "not_on_demand")
    points = [(pickup.lat, pickup.lng)]
    points += [(r.recipient.lat, r.recipient.lng) for r in parcels]
    covering = stations_covering(points)
    origin = nearest_of(covering[0], *points[0], "pickup")
    promise_start = next_opening(origin, now, zone)
    picked_up_by = pricing.pickup_by(promise_start, rules)
    if quoted_pickup_by is not None:
        available, picked_up_by = False, max(picked_up_by, quoted_pickup_by)
    else:
        admission = admit(
            region_id=origin.region_id,
            lat=pickup.lat,
            lng=pickup.lng,
            promise_start=promise_start,
            usual_pickup_by=picked_up_by,
            now=now,
        )
        available, picked_up_by = admission.promise_available, admission.pickup_by
    destinations, prices, deliveries = [], [], []
    for index, request in enumerate(parcels):
        prefix = f"parcels.{index}." if len(parcels) > 1 else ""
        destination = nearest_of(covering[index + 1], *points[index + 1], f"{prefix}recipient")
        destinations.append(destination)
        prices.append(pricing.price(rules, request.parcel, prefix))
        deliveries.append(
            pricing.deliver_by(
                picked_up_by=picked_up_by,
                rules=rules,
                destination_area=destination.area_type,
                origin_cutoff=origin.cutoff_time,
                zone=zone,
            )
        )
    open_now = promise_start == now
    notice = None
    if not open_now:
        opens = promise_start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        notice = (
            f"{origin.name} is closed now; the 60-minute promise starts when it opens at "
            f"{opens} ({zone.key})."
        )
    if not available:
        by = picked_up_by.astimezone(zone).strftime("%H:%M")
        notice = (
            f"Couriers near {origin.name} are all busy: the 60-minute promise cannot be kept "
            f"now; a courier will be at the door by {by} ({zone.key})."
        )
    return Plan(
        product,
        version,
        origin,
        destinations,
        promise_start,
        picked_up_by,
        prices,
        deliveries,
        open_now,
        notice,
        promise_available=available,
    )


def _requester(caller: Principal) -> dict[str, Any]:
    return {
        "requester_kind": caller.kind,
        "requester_id": caller.id,
        "organisation_id": caller.org_id,
    }


def plan_answer(plan_: Plan) -> dict[str, Any]:
    price = plan_.prices[0]
    return {
        "product": plan_.product,
        "catalogue_version": plan_.catalogue_version,
        "origin_station_id": plan_.origin.id,
        "destination_station_id": plan_.destinations[0].id,
        "fee_lines": price.lines,
        "total_fen": price.total_fen,
        "insured_amount_fen": price.insured_amount_fen,
        "premium_fen": price.premium_fen,
        "promise_start": clock.to_rfc3339(plan_.promise_start),
        "pickup_by": clock.to_rfc3339(plan_.pickup_by),
        "deliver_by": clock.to_rfc3339(plan_.deliver_by[0]) if plan_.deliver_by[0] else None,
        "station_open_now": plan_.station_open_now,
        "notice": plan_.notice,
        "promise_available": plan_.promise_available,
    }


def create_quote(
    *, caller: Principal, product: str, pickup: Party, request: ParcelRequest, zone: ZoneInfo
) -> Quote:
    plan_ = plan(product=product, pickup=pickup, parcels=[request], zone=zone)
    now = clock.now()
    # Written at once (a prepared INSERT), not added and flushed: a tenth of a quote's cost.
    [quote] = pg.insert_objects(
        Quote,
        [
            {
                "id": new_id("quo"),
                **_requester(caller),
                "origin_station_id": plan_.origin.id,
                "catalogue_version": plan_.catalogue_version,
                "request": {
                    "product": product,
                    "pickup": asdict(pickup),
                    "recipient": asdict(request.recipient),
                    "parcel": asdict(request.parcel),
                },
                "answer": plan_answer(plan_),
                "created_at": now,
                "expires_at": now + QUOTE_VALID,
            }
        ],
    )
    return quote


@dataclass(frozen=True)
class Quoted:
    """What an order takes from its quote."""

    id: str
    product: str
    pickup: Party
    parcel: ParcelRequest
    #: The honest later time the quote promised, when it could not promise the hour.
    pickup_by: datetime | None


def use_quote(*, caller: Principal, quote_id: str) -> Quoted:
    """The quote's product, pickup and parcel, once, while it is valid."""
    quote = get_scoped(Quote, quote_id, caller, what="quote")
    if quote.used_by_order_id:
        raise conflict("quote_used", "This quote was already ordered; ask for a new one.")
    if quote.expires_at <= clock.now():
        raise Problem(
            422,
            "quote_expired",
            "The quote has expired (15 minutes); ask for a new one.",
            errors=[{"field": "quote_id", "code": "expired", "message": "Expired."}],
        )
    stored, answer = quote.request, quote.answer
    return Quoted(
        id=quote.id,
        product=stored["product"],
        pickup=Party(**stored["pickup"]),
        parcel=ParcelRequest(Party(**stored["recipient"]), Parcel(**stored["parcel"])),
        pickup_by=None
        if answer.get("promise_available", True)
        else datetime.fromisoformat(answer["pickup_by"]),
    )


def create_order(
    *,
    caller: Principal,
    product: str,
    pickup: Party,
    parcels: Sequence[ParcelRequest],
    zone: ZoneInfo,
    quoted: Quoted | None = None,
) -> PickupOrder:
    """The order, its pickup task, its shipments (with waybills and first custody events)
    and the outbox event, in the caller's transaction, written at once; the order comes
    back loaded with its task and shipments: the answer reads nothing back.

    An order from a quote that could not promise the hour keeps the quote's honest time."""
    plan_ = plan(
        product=product,
        pickup=pickup,
        parcels=parcels,
        zone=zone,
        quoted_pickup_by=quoted.pickup_by if quoted else None,
    )
    quote_id = quoted.id if quoted else None
    owner = ("citizen", caller.id) if caller.role == "citizen" else ("organisation", caller.org_id)
    order_id = new_id("pko")
    specs = [
        ShipmentSpec(
            product=product,
            sender=pickup,
            recipient=request.recipient,
            owners=[owner],
            holder=owner,
            origin_station_id=plan_.origin.id,
            destination_station_id=destination.id,
            weight_g=request.parcel.weight_g,
            declared_value_fen=request.parcel.declared_value_fen,
            **price.charged(),
            cod_amount_fen=request.parcel.cod_amount_fen,
            pin_required=request.parcel.pin_sign_off,
            deliver_by=deliver_by,
            state="awaiting_pickup",
            pickup_order_id=order_id,
        )
        for request, destination, price, deliver_by in zip(
            parcels, plan_.destinations, plan_.prices, plan_.deliver_by, strict=True
        )
    ]
    created = shipments.create_shipments(specs, actor=caller)
    task = tasks.create_task(
        tasks.TaskSpec(
            kind="pickup",
            station_id=plan_.origin.id,
            place=tasks.Place(
                address=pickup.address,
                lat=pickup.lat,
                lng=pickup.lng,
                contact_name=pickup.name,
                contact_phone=pickup.phone,
            ),
            window=(plan_.promise_start, plan_.pickup_by),
            shipments=created,
            promise_start=plan_.promise_start,
            deadline=plan_.pickup_by,
        )
    )
    count_in(plan_.origin.region_id, pickup.lat, pickup.lng, plan_.promise_start, clock.now())
    [order] = pg.insert_objects(
        PickupOrder,
        [
            {
                "id": order_id,
                **_requester(caller),
                "product": product,
                "state": "open",
                "origin_station_id": plan_.origin.id,
                "task_id": task.id,
                "quote_id": quote_id,
                "pickup_name": pickup.name,
                "pickup_phone": pickup.phone,
                "pickup_address": pickup.address,
                "pickup_lat": pickup.lat,
                "pickup_lng": pickup.lng,
                "promise_start": plan_.promise_start,
                "pickup_by": plan_.pickup_by,
                "promised_beyond_hour": not plan_.promise_available,
                "total_fee_fen": plan_.total_fen,
            }
        ],
    )
    set_committed_value(order, "task", task)
    set_committed_value(order, "shipments", created)
    emit_now(
        **_event(
            order,
            "pickup.created",
            waybills=[s.waybill for s in created],
            pickup_by=clock.to_rfc3339(order.pickup_by),
        )
    )
    if quote_id:
        # Conditional: of two orders racing on one quote, only one may use it.
        used = execute_core(_USE_QUOTE, {"quote_id": quote_id, "order_id": order_id})
        if used.rowcount != 1:
            raise conflict("quote_used", "This quote was already ordered; ask for a new one.")
    return order


_USE_QUOTE = (
    sa.update(Quote.__table__)
    .where(Quote.id == sa.bindparam("quote_id"), Quote.used_by_order_id.is_(None))
    .values(used_by_order_id=sa.bindparam("order_id"))
)


def _event(order: PickupOrder, kind: str, **payload: Any) -> dict[str, Any]:
    """An outbox event about the order (`emit`'s arguments)."""
    return {
        "kind": kind,
        "subject_type": "pickup_order",
        "subject_id": order.id,
        "payload": {"pickup_id": order.id, **payload},
        "organisation_ids": [order.organisation_id] if order.organisation_id else [],
        "citizen_id": order.requester_id if order.requester_kind == "citizen" else None,
    }


#: An order as it is answered: its task without the task's items (which the answer does
#: not show, and which cost a query more on every read of an order or a list).
_AS_ANSWERED = (joinedload(PickupOrder.task).lazyload(Task.items),)


def list_orders(*, caller: Principal, state: str | None = None) -> sa.Select:
    return scoped_select(PickupOrder, caller, state=state).options(*_AS_ANSWERED)


#: One order: its shipments joined in the same statement (a list's come by selectin).
_ONE_AS_ANSWERED = (*_AS_ANSWERED, joinedload(PickupOrder.shipments))


def get_order(*, caller: Principal, order_id: str) -> PickupOrder:
    return get_scoped(PickupOrder, order_id, caller, what="pickup", options=_ONE_AS_ANSWERED)


def cancel(*, caller: Principal, order_id: str) -> PickupOrder:
    """Free before the courier arrives, then the catalogue's fee; refused once picked up.
    Of a partly picked-up order, what is still to be collected is cancelled alone: the
    follow-up pickup ends, and the parcels already collected go on."""
    order = get_order(caller=caller, order_id=order_id)
    if order.state not in ("open", "partly_picked_up"):
        raise conflict(
            "pickup_not_cancellable", f"The pickup is {order.state}.", current_state=order.state
        )
    task = order.task
    rules = product_rules(order.product, order.shipments[0].catalogue_version)
    order.cancel_fee_fen = pricing.cancellation_fee(rules, courier_arrived=bool(task.arrived_at))
    tasks.cancel(task)
    remainder = [s for s in order.shipments if s.state == "awaiting_pickup"]
    shipments.move(remainder, "cancelled")
    if order.state == "open":
        order.state, order.cancelled_at = "cancelled", clock.now()
        kind = "pickup.cancelled"
    else:
        order.state, kind = "picked_up", "pickup.remainder_cancelled"
    db.session.flush()
    emit(
        **_event(
            order,
            kind,
            cancel_fee_fen=order.cancel_fee_fen,
            cancelled=[s.waybill for s in remainder],
        )
    )
    return order


def mark_collected(task_id: str) -> PickupOrder | None:
    """After the courier's pickup scan: the order is picked up (partly, if items were missing)."""
    order = db.session.scalars(sa.select(PickupOrder).where(PickupOrder.task_id == task_id)).first()
    if order is None:
        return None
    missing = [s for s in order.shipments if s.state == "awaiting_pickup"]
    follow_up = _follow_up(order, missing) if missing else None
    order.state = "partly_picked_up" if missing else "picked_up"
    db.session.flush()
    emit(
        **_event(
            order,
            "pickup.collected",
            missing=[s.waybill for s in missing],
            follow_up_task_id=follow_up.id if follow_up else None,
        )
    )
    return order


def _follow_up(order: PickupOrder, missing: Sequence[Shipment]) -> Task:
    """What was not handed over becomes a pickup of its own, open for dispatch with the
    product's door promise from now; the order follows it (its sender can cancel it)."""
    now = clock.now()
    rules = product_rules(order.product, missing[0].catalogue_version)
    deadline = now + timedelta(minutes=rules["pickup"]["door_within_min"])
    task = tasks.create_task(
        tasks.TaskSpec(
            kind="pickup",
            station_id=order.origin_station_id,
            place=tasks.met_at(order, "pickup"),
            window=(now, deadline),
            shipments=missing,
            promise_start=now,
            deadline=deadline,
        )
    )
    db.session.flush()
    order.task_id = task.id
    return task
