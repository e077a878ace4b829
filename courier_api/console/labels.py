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
    "options": options,
    "options_of": options_of,
}
