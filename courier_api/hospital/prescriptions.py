"""Prescription and medical-record deliveries from three channels: the hospital's kiosk,
the pharmacy window (with the patient's token) and the patient's WeChat. No Flask; never
commits.

Every order becomes one shipment of the catalogue's `prescription` or `medical_record`
product, owned by the hospital (and by the patient when the order is linked to a
citizen), held by the hospital until a run collects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from courier_api.core import clock, pg
from courier_api.core.errors import Problem, conflict, field_error
from courier_api.core.ids import new_id
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.delivery import proof
from courier_api.extensions import db
from courier_api.hospital import runs
from courier_api.hospital.models import HospitalDelivery, WindowToken
from courier_api.hospital.orders import (
    hospital_of,
    hospital_with_points,
    pickup_point,
    tell_accepted,
)
from courier_api.hospital.window_tokens import (
    read_window_token,
    recipient_of,
    spend_window_token,
)
from courier_api.network.models import Organisation, PickupPoint
from courier_api.network.service import current_version, nearest_covering_station, product_rules
from courier_api.shipments import pricing
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import Named, Party, ShipmentSpec

#: Shipment states a hospital sees as exceptions: overdue, failed at the door, coming back.
EXCEPTION_STATES = ("attempt_failed", "returning", "returned", "lost")
AWAITING_CONFIRMATION = "awaiting_confirmation"


@dataclass(frozen=True)
class Medicine:
    name: str
    quantity: int
    cold_chain: bool = False
    #: the drug's management category in the hospital's system
    category: str = "ordinary"


@dataclass(frozen=True)
class Proxy:
    """Someone the hospital names to receive instead of the patient."""

    name: str
    relation: str


@dataclass(frozen=True)
class DeliveryOrder:
    """What a kiosk, a window terminal or a patient asks for. Which of `hospital_id`,
    `recipient` and `window_token` must be given depends on the channel and the caller."""

    channel: str
    reference_no: str
    items: Sequence[Medicine]
    product: str = "prescription"
    hospital_id: str | None = None
    pickup_point_id: str | None = None
    recipient: Party | None = None
    window_token: str | None = None
    declared_value_fen: int = 0
    insured_amount_fen: int = 0
    pin_sign_off: bool = False
    proxies: Sequence[Proxy] = ()


# --- medicines --------------------------------------------------------------------------


def check_medicines(rules: dict[str, Any], items: Sequence[Medicine]) -> None:
    """药品管理法 art. 61: narcotic, psychotropic and other special-management drugs may not be
    mailed. The list is catalogue data (`prohibited_medicines`)."""
    prohibited = rules.get("prohibited_medicines")
    if not prohibited:
        return
    names = [n.casefold() for n in prohibited["names"]]
    errors = []
    for index, item in enumerate(items):
        name = item.name.casefold()
        if item.category in prohibited["categories"]:
            errors.append({"field": f"items.{index}.category", "code": "prohibited_medicine"})
        elif any(substance in name for substance in names):
            errors.append({"field": f"items.{index}.name", "code": "prohibited_medicine"})
    if errors:
        for error in errors:
            error["message"] = (
                "Narcotic, psychotropic and special-management drugs may not be mailed."
            )
        raise Problem(
            422,
            "prohibited_medicine",
            "The order holds medicines that may not be mailed (药品管理法 art. 61); hand them "
            "to the patient at the pharmacy.",
            errors=errors,
        )


# --- deliveries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Ordered:
    """Who ordered, for whom, from where (resolved from the caller and the channel)."""

    hospital: Organisation
    recipient: Party
    citizen_id: str | None
    window_token: WindowToken | None = None


def _ordered(caller: Principal, order: DeliveryOrder) -> Ordered:
    channel = order.channel
    if caller.role == "citizen":
        if channel != "wechat":
            raise field_error("channel", "Citizens order through WeChat.", "channel_not_allowed")
        if not order.hospital_id:
            raise field_error(
                "hospital_id", "Say which hospital holds the prescription.", "required"
            )
        if not order.recipient:
            raise field_error("recipient", "Say where the medicine goes.", "required")
        return Ordered(hospital_of(order.hospital_id, "hospital_id"), order.recipient, caller.id)
    if channel == "wechat":
        raise field_error("channel", "WeChat orders come from the patient.", "channel_not_allowed")
    hospital = hospital_with_points(caller.org_id)
    if hospital is None or hospital.kind != "hospital":
        raise Problem(403, "forbidden", "Only a hospital orders hospital deliveries.")
    if channel == "window":
        if order.recipient:
            raise field_error(
                "recipient", "The window token stands for the patient's details.", "not_allowed"
            )
        if not order.window_token:
            raise field_error("window_token", "Scan the patient's code.", "required")
        token = read_window_token(order.window_token)
        return Ordered(hospital, recipient_of(token), token.citizen_id, token)
    if not order.recipient:
        raise field_error("recipient", "Give the patient's name, phone and address.", "required")
    return Ordered(hospital, order.recipient, None)


def create_delivery(*, caller: Principal, order: DeliveryOrder, zone: ZoneInfo) -> HospitalDelivery:
    """A delivery from any channel: refused for a prohibited medicine, a cold-chain item
    that cannot arrive today, or a prescription number the hospital already ordered.
    Kiosk and window orders are ready at once; WeChat ones wait for the hospital."""
    ordered = _ordered(caller, order)
    product, items = order.product, order.items
    rules = product_rules(product, current_version())
    check_medicines(rules, items)
    proof.check_proxies(rules["proof"], [(p.name, p.relation) for p in order.proxies], "proxies")
    point = pickup_point(ordered.hospital, "pharmacy", order.pickup_point_id)
    recipient = ordered.recipient
    destination = nearest_covering_station(recipient.lat, recipient.lng, "recipient")
    price = pricing.price(
        rules,
        pricing.Parcel(
            weight_g=0,
            declared_value_fen=order.declared_value_fen,
            insured_amount_fen=order.insured_amount_fen,
            pin_sign_off=order.pin_sign_off,
        ),
    )
    cold_chain = any(item.cold_chain for item in items)
    ready = order.channel != "wechat"
    # A WeChat order is scheduled when the hospital confirms it; checking now refuses a
    # cold-chain order that could not arrive today even if confirmed at once.
    plan = runs.schedule(
        rules=rules,
        point=point,
        ready_at=clock.now(),
        destination=destination,
        cold_chain=cold_chain,
        zone=zone,
    )
    owners = [("organisation", ordered.hospital.id)]
    if ordered.citizen_id:
        owners.append(("citizen", ordered.citizen_id))
    [shipment] = shipments.create_shipments(
        [
            ShipmentSpec(
                product=product,
                sender=shipments.point_party(ordered.hospital, point),
                recipient=recipient,
                owners=owners,
                holder=("organisation", ordered.hospital.id),
                origin_station_id=point.station_id,
                destination_station_id=destination.id,
                declared_value_fen=order.declared_value_fen,
                **price.charged(),
                pin_required=order.pin_sign_off,
                named=[Named(proof.PROXY, p.name, relation=p.relation) for p in order.proxies],
                deliver_by=plan.deliver_by if ready else None,
                state="awaiting_pickup" if ready else "created",
            )
        ],
        actor=caller,
    )
    row = {
        "id": new_id("hsd"),
        "organisation_id": ordered.hospital.id,
        "pickup_point_id": point.id,
        "shipment_id": shipment.id,
        "channel": order.channel,
        "product": product,
        "reference_no": order.reference_no,
        "citizen_id": ordered.citizen_id,
        "items": [asdict(item) for item in items],
        "cold_chain": cold_chain,
        "confirmed_at": clock.now() if ready else None,
        "confirmed_by": caller.id if ready else None,
    }
    try:
        # The unique (hospital, product, number) decides between two racing kiosks. No
        # savepoint: the refusal rolls the whole order back (and an idempotent request's
        # claim with it), so nothing in this transaction outlives the failed insert; a
        # prepared INSERT, not a flush (the savepoint's two round trips and the unit of
        # work were an eighth of a kiosk's order).
        [delivery] = pg.insert_objects(HospitalDelivery, [row])
    except IntegrityError:
        raise conflict(
            "duplicate_reference",
            f"This hospital has already ordered a delivery for {product} {order.reference_no}.",
        ) from None
    set_committed_value(delivery, "shipment", shipment)
    if ordered.window_token is not None:
        # Spent last: on SQLite, a write before the waybill reservation (its own
        # connection) would lock the database against it.
        spend_window_token(ordered.window_token)
    # The run that collects it, as `runs.attach_run_at` would read it back (a query).
    delivery.run_at = plan.run_at if ready else None
    if ready:
        runs.wait_for_run(shipment, point, plan.run_at, delivery.reference_no)
        tell_accepted(shipment, plan)
    else:
        # The hospital's system hears of the patient's request (webhook) and confirms it.
        shipments.tell_owners(
            shipment,
            "hospital_delivery.requested",
            delivery_id=delivery.id,
            reference_no=delivery.reference_no,
        )
    return delivery


def get_delivery(*, caller: Principal, delivery_id: str, lock: bool = False) -> HospitalDelivery:
    return get_scoped(HospitalDelivery, delivery_id, caller, what="delivery", lock=lock)


def confirm(*, caller: Principal, delivery_id: str, zone: ZoneInfo) -> HospitalDelivery:
    """The hospital confirms a patient's WeChat order: it goes on the next run."""
    delivery = get_delivery(caller=caller, delivery_id=delivery_id, lock=True)
    shipment = delivery.shipment
    if delivery.confirmed_at is not None or shipment.state != "created":
        raise conflict(
            "delivery_not_awaiting_confirmation",
            "Only a WeChat order waiting for the hospital can be confirmed.",
            current_state=status_of(delivery),
        )
    point = db.session.get(PickupPoint, delivery.pickup_point_id)
    plan = runs.schedule(
        rules=product_rules(shipment.product, shipment.catalogue_version),
        point=point,
        ready_at=clock.now(),
        destination=nearest_covering_station(
            shipment.recipient_lat, shipment.recipient_lng, "recipient"
        ),
        cold_chain=delivery.cold_chain,
        zone=zone,
    )
    shipments.transition(shipment, "awaiting_pickup")
    shipment.deliver_by = plan.deliver_by
    delivery.confirmed_at, delivery.confirmed_by = clock.now(), caller.id
    runs.wait_for_run(shipment, point, plan.run_at, delivery.reference_no)
    db.session.flush()
    tell_accepted(shipment, plan)
    return delivery


def status_of(delivery: HospitalDelivery) -> str:
    state = delivery.shipment.state
    return AWAITING_CONFIRMATION if state == "created" else state


def _day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), zone)
    return start, start + timedelta(days=1)


def list_deliveries(
    *,
    caller: Principal,
    day: date,
    zone: ZoneInfo,
    status: str | None = None,
    exceptions: bool = False,
) -> sa.Select:
    """The deliveries ordered on `day` (local), by status; or only the exceptions."""
    start, end = _day_bounds(day, zone)
    stmt = (
        scoped_select(HospitalDelivery, caller)
        .join(Shipment, Shipment.id == HospitalDelivery.shipment_id)
        .where(HospitalDelivery.created_at >= start, HospitalDelivery.created_at < end)
    )
    if status:
        stmt = stmt.where(
            Shipment.state == ("created" if status == AWAITING_CONFIRMATION else status)
        )
    if exceptions:
        stmt = stmt.where(
            sa.or_(Shipment.overdue_at.is_not(None), Shipment.state.in_(EXCEPTION_STATES))
        )
    return stmt
