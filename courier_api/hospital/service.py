"""Prescription and medical-record deliveries from three channels, the pharmacy window's
token, and birth-certificate applications. No Flask; never commits.

Every order becomes one shipment of the catalogue's `prescription`, `medical_record` or
`birth_certificate` product, owned by the hospital (and by the patient or parent when the
order is linked to a citizen), held by the hospital until a run collects it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from courier_api.core import clock
from courier_api.core.crypto import keyed_hash
from courier_api.core.errors import Problem, conflict, field_error
from courier_api.core.ids import new_id
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.hospital import runs
from courier_api.hospital.models import (
    BirthCertificateApplication,
    HospitalDelivery,
    WindowToken,
)
from courier_api.network.models import Organisation, PickupPoint
from courier_api.network.service import current_version, nearest_covering_station, product_rules
from courier_api.shipments import pricing
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import Named, Party, ShipmentSpec

WINDOW_TOKEN_TTL = timedelta(minutes=5)
WINDOW_TOKEN_VERSION = "wt1"
#: Shipment states a hospital sees as exceptions: overdue, failed at the door, coming back.
EXCEPTION_STATES = ("attempt_failed", "returning", "returned", "lost")
AWAITING_CONFIRMATION = "awaiting_confirmation"


def _hospital(organisation_id: str, field_name: str) -> Organisation:
    found = db.session.get(Organisation, organisation_id)
    if found is None or found.kind != "hospital":
        raise field_error(field_name, "No such hospital.", "unknown_hospital")
    return found


def _point(hospital: Organisation, kind: str, point_id: str | None) -> PickupPoint:
    """The named pickup point of this hospital, else its first point of `kind`."""
    for point in hospital.pickup_points:
        if point.id == point_id or (point_id is None and point.kind == kind):
            return point
    if point_id:
        raise field_error("pickup_point_id", "Not a pickup point of this hospital.", "unknown")
    raise Problem(
        422,
        "no_pickup_point",
        f"{hospital.name} has no {kind.replace('_', ' ')} to collect from.",
    )


def _sender(hospital: Organisation, point: PickupPoint) -> Party:
    # The hospital has no phone on file; a return goes to the point it was collected from.
    return Party(f"{hospital.name}{point.name}", "", point.address, point.lat, point.lng)


def _party(data: dict[str, Any]) -> Party:
    return Party(data["name"], data["phone"], data["address"], data["lat"], data["lng"])


# --- medicines --------------------------------------------------------------------------


def check_medicines(rules: dict[str, Any], items: Sequence[dict[str, Any]]) -> None:
    """药品管理法 art. 61: narcotic, psychotropic and other special-management drugs may not be
    mailed. The list is catalogue data (`prohibited_medicines`)."""
    prohibited = rules.get("prohibited_medicines")
    if not prohibited:
        return
    names = [n.casefold() for n in prohibited["names"]]
    errors = []
    for index, item in enumerate(items):
        name = item["name"].casefold()
        if item.get("category") in prohibited["categories"]:
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


# --- the pharmacy window's token ------------------------------------------------------


def _window_mac(raw: str, expires: int) -> str:
    return keyed_hash(f"{raw}.{expires}", purpose="window_token")[:32]


def issue_window_token(*, caller: Principal, recipient: dict[str, Any]) -> tuple[str, datetime]:
    """A single-use token for the citizen's QR code; it carries a random id, its expiry and
    a signature, never the citizen's details (those stay here, for minutes)."""
    now = clock.now()
    expires_at = (now + WINDOW_TOKEN_TTL).replace(microsecond=0)
    raw = secrets.token_urlsafe(18)
    expires = int(expires_at.timestamp())
    db.session.add(
        WindowToken(
            token_hash=hashlib.sha256(raw.encode()).hexdigest(),
            citizen_id=caller.id,
            recipient=recipient,
            created_at=now,
            expires_at=expires_at,
        )
    )
    return f"{WINDOW_TOKEN_VERSION}.{raw}.{expires}.{_window_mac(raw, expires)}", expires_at


def _bad_token(code: str, message: str) -> Problem:
    return Problem(
        422,
        code,
        message,
        errors=[{"field": "window_token", "code": code, "message": message}],
    )


def read_window_token(token: str) -> WindowToken:
    """The citizen and address a window token stands for (422 if forged, expired or used).
    Reading does not spend it: `spend_window_token` does, when the order is made."""
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != WINDOW_TOKEN_VERSION or not parts[2].isdigit():
        raise _bad_token("window_token_invalid", "Not a window token; scan the code again.")
    _, raw, expires, mac = parts
    if not hmac.compare_digest(mac, _window_mac(raw, int(expires))):
        raise _bad_token("window_token_invalid", "Not a window token; scan the code again.")
    now = clock.now()
    if int(expires) <= now.timestamp():
        raise _bad_token(
            "window_token_expired", "The code has expired; ask the patient to refresh it."
        )
    found = db.session.get(WindowToken, hashlib.sha256(raw.encode()).hexdigest())
    if found is None or found.expires_at <= now:
        raise _window_token_used()
    return found


def _window_token_used() -> Problem:
    return _bad_token("window_token_used", "This code has been used; ask for a new one.")


def spend_window_token(found: WindowToken) -> None:
    """Single use: of two terminals posting the same code, the one whose DELETE removes
    the row wins; the other is refused and its order rolled back."""
    spent = db.session.execute(
        sa.delete(WindowToken).where(WindowToken.token_hash == found.token_hash),
        execution_options={"synchronize_session": False},
    )
    if spent.rowcount != 1:
        raise _window_token_used()


def purge_window_tokens(now: datetime | None = None) -> int:
    """Expired tokens hold a citizen's address: delete them (housekeeping)."""
    result = db.session.execute(
        sa.delete(WindowToken).where(WindowToken.expires_at <= (now or clock.now()))
    )
    return result.rowcount or 0


# --- deliveries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Ordered:
    """Who ordered, for whom, from where (resolved from the caller and the channel)."""

    hospital: Organisation
    recipient: dict[str, Any]
    citizen_id: str | None
    window_token: WindowToken | None = None


def _ordered(caller: Principal, body: dict[str, Any]) -> Ordered:
    channel = body["channel"]
    if caller.role == "citizen":
        if channel != "wechat":
            raise field_error("channel", "Citizens order through WeChat.", "channel_not_allowed")
        if not body.get("hospital_id"):
            raise field_error(
                "hospital_id", "Say which hospital holds the prescription.", "required"
            )
        if not body.get("recipient"):
            raise field_error("recipient", "Say where the medicine goes.", "required")
        return Ordered(_hospital(body["hospital_id"], "hospital_id"), body["recipient"], caller.id)
    if channel == "wechat":
        raise field_error("channel", "WeChat orders come from the patient.", "channel_not_allowed")
    hospital = db.session.get(Organisation, caller.org_id)
    if hospital is None or hospital.kind != "hospital":
        raise Problem(403, "forbidden", "Only a hospital orders hospital deliveries.")
    if channel == "window":
        if body.get("recipient"):
            raise field_error(
                "recipient", "The window token stands for the patient's details.", "not_allowed"
            )
        if not body.get("window_token"):
            raise field_error("window_token", "Scan the patient's code.", "required")
        token = read_window_token(body["window_token"])
        return Ordered(hospital, token.recipient, token.citizen_id, token)
    if not body.get("recipient"):
        raise field_error("recipient", "Give the patient's name, phone and address.", "required")
    return Ordered(hospital, body["recipient"], None)


def create_delivery(*, caller: Principal, body: dict[str, Any], zone: ZoneInfo) -> HospitalDelivery:
    """A delivery from any channel: refused for a prohibited medicine, a cold-chain item
    that cannot arrive today, or a prescription number the hospital already ordered.
    Kiosk and window orders are ready at once; WeChat ones wait for the hospital."""
    ordered = _ordered(caller, body)
    product, items = body["product"], body["items"]
    rules = product_rules(product, current_version())
    check_medicines(rules, items)
    point = _point(ordered.hospital, "pharmacy", body.get("pickup_point_id"))
    recipient = ordered.recipient
    destination = nearest_covering_station(recipient["lat"], recipient["lng"], "recipient")
    price = pricing.price(
        rules,
        pricing.Parcel(
            weight_g=0,
            declared_value_fen=body["declared_value_fen"],
            insured_amount_fen=body["insured_amount_fen"],
        ),
    )
    cold_chain = any(item["cold_chain"] for item in items)
    ready = body["channel"] != "wechat"
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
                sender=_sender(ordered.hospital, point),
                recipient=_party(recipient),
                owners=owners,
                holder=("organisation", ordered.hospital.id),
                origin_station_id=point.station_id,
                destination_station_id=destination.id,
                declared_value_fen=body["declared_value_fen"],
                insured_amount_fen=price.insured_amount_fen,
                premium_fen=price.premium_fen,
                fee_fen=price.total_fen,
                pin_required=body["pin_sign_off"],
                deliver_by=plan.deliver_by if ready else None,
                state="awaiting_pickup" if ready else "created",
            )
        ],
        actor=caller,
    )
    delivery = HospitalDelivery(
        id=new_id("hsd"),
        organisation_id=ordered.hospital.id,
        pickup_point_id=point.id,
        shipment_id=shipment.id,
        channel=body["channel"],
        product=product,
        reference_no=body["reference_no"],
        citizen_id=ordered.citizen_id,
        items=items,
        cold_chain=cold_chain,
        confirmed_at=clock.now() if ready else None,
        confirmed_by=caller.id if ready else None,
    )
    delivery.shipment = shipment
    try:
        # The unique (hospital, product, number) decides between two racing kiosks.
        with db.session.begin_nested():
            db.session.add(delivery)
            db.session.flush()
    except IntegrityError:
        raise conflict(
            "duplicate_reference",
            f"This hospital has already ordered a delivery for {product} {body['reference_no']}.",
        ) from None
    if ordered.window_token is not None:
        # Spent last: on SQLite, a write before the waybill reservation (its own
        # connection) would lock the database against it.
        spend_window_token(ordered.window_token)
    if ready:
        runs.wait_for_run(shipment, point, plan.run_at, delivery.reference_no)
        _accepted(shipment, plan)
    else:
        # The hospital's system hears of the patient's request (webhook) and confirms it.
        shipments.tell_owners(
            shipment,
            "hospital_delivery.requested",
            delivery_id=delivery.id,
            reference_no=delivery.reference_no,
        )
    return delivery


def _accepted(shipment: Shipment, plan: runs.Schedule) -> None:
    shipments.tell_owners(
        shipment,
        "shipment.accepted",
        product=shipment.product,
        run_at=clock.to_rfc3339(plan.run_at),
        deliver_by=clock.to_rfc3339(plan.deliver_by) if plan.deliver_by else None,
    )


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
    _accepted(shipment, plan)
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


# --- birth certificates -----------------------------------------------------------------


def apply_for_certificate(
    *, caller: Principal, body: dict[str, Any], zone: ZoneInfo
) -> BirthCertificateApplication:
    """The mother applies: the certificate will go only to her or the father, both named
    with their ID numbers; postage may be collected on delivery."""
    hospital = _hospital(body["hospital_id"], "hospital_id")
    point = _point(hospital, "maternity_ward", None)
    address = body["address"]
    destination = nearest_covering_station(address["lat"], address["lng"], "address")
    rules = product_rules("birth_certificate", current_version())
    price = pricing.price(rules, pricing.Parcel(weight_g=0))
    postage_on_delivery = body["postage_on_delivery"]
    if postage_on_delivery and not rules.get("postage_on_delivery_allowed"):
        raise field_error("postage_on_delivery", "Not offered for this product.", "not_offered")
    mother, father = body["mother"], body["father"]
    recipient = Party(
        mother["name"], body["phone"], address["address"], address["lat"], address["lng"]
    )
    [shipment] = shipments.create_shipments(
        [
            ShipmentSpec(
                product="birth_certificate",
                sender=_sender(hospital, point),
                recipient=recipient,
                owners=[("organisation", hospital.id), ("citizen", caller.id)],
                holder=("organisation", hospital.id),
                origin_station_id=point.station_id,
                destination_station_id=destination.id,
                insured_amount_fen=price.insured_amount_fen,
                fee_fen=price.total_fen,
                cod_amount_fen=price.total_fen if postage_on_delivery else 0,
                named=[
                    Named("mother", mother["name"], mother["id_number"]),
                    Named("father", father["name"], father["id_number"]),
                ],
                state="created",
            )
        ],
        actor=caller,
    )
    application = BirthCertificateApplication(
        id=new_id("bca"),
        organisation_id=hospital.id,
        pickup_point_id=point.id,
        citizen_id=caller.id,
        shipment_id=shipment.id,
        baby_name=body["baby"]["name"],
        birth_date=body["baby"]["birth_date"],
        consented_at=clock.now(),
        postage_on_delivery=postage_on_delivery,
        state="submitted",
    )
    application.shipment = shipment
    db.session.add(application)
    db.session.flush()
    shipments.tell_owners(shipment, "birth_certificate.submitted", application_id=application.id)
    return application


def list_applications(*, caller: Principal, state: str | None = None) -> sa.Select:
    stmt = scoped_select(BirthCertificateApplication, caller)
    return stmt.where(BirthCertificateApplication.state == state) if state else stmt


def get_application(
    *, caller: Principal, application_id: str, lock: bool = False
) -> BirthCertificateApplication:
    return get_scoped(
        BirthCertificateApplication, application_id, caller, what="application", lock=lock
    )


def _decidable(caller: Principal, application_id: str) -> BirthCertificateApplication:
    application = get_application(caller=caller, application_id=application_id, lock=True)
    if application.state != "submitted":
        raise conflict(
            "application_decided",
            f"The application is {application.state} already.",
            current_state=application.state,
        )
    return application


def mark_ready(
    *, caller: Principal, application_id: str, certificate_no: str, zone: ZoneInfo
) -> BirthCertificateApplication:
    """The ward has the certificate: it goes on today's run when marked before the
    product's cut-off (15:00), else on the next day's."""
    application = _decidable(caller, application_id)
    shipment = application.shipment
    point = db.session.get(PickupPoint, application.pickup_point_id)
    now = clock.now()
    plan = runs.schedule(
        rules=product_rules(shipment.product, shipment.catalogue_version),
        point=point,
        ready_at=now,
        destination=nearest_covering_station(
            shipment.recipient_lat, shipment.recipient_lng, "address"
        ),
        cold_chain=False,
        zone=zone,
    )
    shipments.transition(shipment, "awaiting_pickup")
    shipment.deliver_by = plan.deliver_by
    application.state, application.certificate_no = "ready", certificate_no
    application.ready_at, application.decided_by = now, caller.id
    runs.wait_for_run(shipment, point, plan.run_at, certificate_no)
    db.session.flush()
    _accepted(shipment, plan)
    return application


def reject(*, caller: Principal, application_id: str, reason: str) -> BirthCertificateApplication:
    application = _decidable(caller, application_id)
    shipments.transition(application.shipment, "cancelled")
    application.state, application.reject_reason = "rejected", reason
    application.rejected_at, application.decided_by = clock.now(), caller.id
    db.session.flush()
    shipments.tell_owners(
        application.shipment,
        "birth_certificate.rejected",
        application_id=application.id,
        reason=reason,
    )
    return application
