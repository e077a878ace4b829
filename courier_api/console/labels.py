"""What the console calls the API's codes, in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

ROLES = {
    "dispatcher": _l("Dispatcher"),
    "org_clerk": _l("Organisation clerk"),
    "claims_adjuster": _l("Claims adjuster"),
    "customer_service": _l("Customer service"),
    "admin": _l("Administrator"),
}
TASK_KINDS = {"pickup": _l("Pickup"), "delivery": _l("Delivery"), "return": _l("Return")}
TASK_STATES = {
    "open": _l("open"),
    "offered": _l("offered"),
    "accepted": _l("accepted"),
    "arrived": _l("arrived"),
    "completed": _l("completed"),
    "failed": _l("failed"),
    "cancelled": _l("cancelled"),
}
#: Why dispatch could not place a task (dispatch/escalation.py).
CAUSES = {
    "no_courier_available": _l("no courier available"),
    "no_courier_before_shift_end": _l("no courier can finish before their shift ends"),
    "out_of_reach": _l("no courier can reach it in time"),
    "couriers_busy": _l("every courier is busy"),
    "declined": _l("declined by the couriers offered"),
}
ORGANISATION_KINDS = {
    "hospital": _l("Hospital"),
    "court": _l("Court"),
    "traffic_police": _l("Traffic police"),
    "enterprise": _l("Enterprise"),
}
POINT_KINDS = {
    "pharmacy": _l("Pharmacy"),
    "maternity_ward": _l("Maternity ward"),
    "court_office": _l("Court office"),
    "archive_office": _l("Archive office"),
    "warehouse": _l("Warehouse"),
}
AREA_TYPES = {"urban": _l("urban"), "fringe": _l("city fringe"), "township": _l("township")}

CLAIM_QUEUES = {
    "unanswered": _l("Waiting for an answer"),
    "payable": _l("Waiting for payment"),
    "all": _l("All claims"),
}
CLAIM_STATES = {
    "submitted": _l("submitted"),
    "under_review": _l("under review"),
    "approved": _l("approved"),
    "partially_approved": _l("partially approved"),
    "rejected": _l("rejected"),
    "paid": _l("paid"),
    "closed": _l("closed"),
    "withdrawn": _l("withdrawn"),
}
CLAIM_KINDS = {
    "loss": _l("loss"),
    "damage": _l("damage"),
    "missing_contents": _l("missing contents"),
    "delay": _l("delay"),
}
#: What the adjuster found caused the loss (insurance/compensation.py).
CLAIM_CAUSES = {
    "carrier": _l("the network's handling"),
    "force_majeure": _l("force majeure"),
    "nature_of_item": _l("the item's own nature"),
    "sender_fault": _l("the sender's fault"),
    "recipient_fault": _l("the recipient's fault"),
    "not_substantiated": _l("not substantiated"),
}
PAYOUT_CHANNELS = {
    "bank_transfer": _l("bank transfer"),
    "wechat_pay": _l("WeChat Pay"),
    "alipay": _l("Alipay"),
    "cash": _l("cash"),
    "cheque": _l("cheque"),
    "fast_claim": _l("fast-claim payment run"),
    "unrecorded": _l("not recorded"),
}
CUSTODY_KINDS = {
    "created": _l("created"),
    "picked_up": _l("picked up"),
    "handed_over": _l("handed over"),
    "arrived_station": _l("arrived at a station"),
    "departed_station": _l("left a station"),
    "out_for_delivery": _l("out for delivery"),
    "delivery_attempted": _l("delivery attempted"),
    "delivered": _l("delivered"),
    "refused": _l("refused"),
    "returned": _l("returned"),
    "exception": _l("exception"),
}

#: What a custody link recorded of the item's state (refs.condition).
ITEM_CONDITIONS = {"damaged": _l("damaged"), "seal_mismatch": _l("seal does not match")}

#: A run's manifest: what the courier's collection scan found of each item.
ITEM_STATUSES = {
    "expected": _l("not scanned yet"),
    "scanned": _l("scanned"),
    "missing": _l("missing"),
    "extra": _l("extra (not on the manifest)"),
}
APPLICATION_STATES = {
    "submitted": _l("waiting for the ward"),
    "ready": _l("ready"),
    "rejected": _l("rejected by the ward"),
}

COMPLAINT_VIEWS = {
    "open": _l("Waiting for an answer"),
    "overdue": _l("Past the 7 days"),
    "answered": _l("Answered"),
}
COMPLAINT_CATEGORIES = {
    "late": _l("late pickup or delivery"),
    "damaged": _l("damaged item"),
    "courier_conduct": _l("the courier's conduct"),
    "wrong_delivery": _l("delivered wrongly"),
    "other": _l("other"),
}
COMPLAINT_STATES = {"open": _l("unanswered"), "answered": _l("answered")}

#: How a court document's service ended (government/court.py).
SERVICE_OUTCOMES = {
    "served": _l("served"),
    "served_by_lodging": _l("served by lodging"),
    "refused": _l("refused"),
    "undeliverable": _l("undeliverable"),
}

REPORT_PERIODS = {"day": _l("day"), "week": _l("week"), "month": _l("month")}

SHIPMENT_STATES = {
    "awaiting_confirmation": _l("waiting for your confirmation"),
    "created": _l("created"),
    "awaiting_pickup": _l("waiting for pickup"),
    "picked_up": _l("picked up"),
    "at_station": _l("at a station"),
    "out_for_delivery": _l("out for delivery"),
    "delivered": _l("delivered"),
}

ORDER_CHANNELS = {
    "kiosk": _l("the hospital's kiosk"),
    "wechat": _l("WeChat (the patient)"),
    "window": _l("the pharmacy window"),
}

#: A medicine's management category; not ordinary ones may not be mailed (药品管理法 art. 61).
MEDICINE_CATEGORIES = {
    "ordinary": _l("ordinary"),
    "narcotic": _l("narcotic"),
    "psychotropic": _l("psychotropic"),
    "medical_toxic": _l("toxic (medical use)"),
    "radioactive": _l("radioactive"),
    "precursor_chemical": _l("precursor chemical"),
}


def options(codes: Iterable[str], names: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """A select's (value, text) pairs for codes."""
    return [(code, names.get(code, code)) for code in codes]


def options_of(rows: Iterable[Any], text: str = "name") -> list[tuple[str, Any]]:
    """A select's (value, text) pairs for rows (by id)."""
    return [(row.id, getattr(row, text)) for row in rows]


TEMPLATE_GLOBALS = {
    "role_names": ROLES,
    "task_kinds": TASK_KINDS,
    "task_states": TASK_STATES,
    "causes": CAUSES,
    "organisation_kinds": ORGANISATION_KINDS,
    "point_kinds": POINT_KINDS,
    "area_types": AREA_TYPES,
    "claim_queues": CLAIM_QUEUES,
    "claim_states": CLAIM_STATES,
    "claim_kinds": CLAIM_KINDS,
    "claim_causes": CLAIM_CAUSES,
    "payout_channels": PAYOUT_CHANNELS,
    "custody_kinds": CUSTODY_KINDS,
    "item_conditions": ITEM_CONDITIONS,
    "item_statuses": ITEM_STATUSES,
    "application_states": APPLICATION_STATES,
    "complaint_views": COMPLAINT_VIEWS,
    "complaint_categories": COMPLAINT_CATEGORIES,
    "complaint_states": COMPLAINT_STATES,
    "service_outcomes": SERVICE_OUTCOMES,
    "report_periods": REPORT_PERIODS,
    "shipment_states": SHIPMENT_STATES,
    "order_channels": ORDER_CHANNELS,
    "medicine_categories": MEDICINE_CATEGORIES,
    "options": options,
    "options_of": options_of,
}
