"""What every hospital order shares: the hospital, the pickup point it is collected
from (its sender on the shipment), and telling the owners it was accepted on a run.
No Flask; never commits."""

from __future__ import annotations

from sqlalchemy.orm import joinedload

from courier_api.core import clock
from courier_api.core.errors import Problem, field_error
from courier_api.core.outbox import emit_rows
from courier_api.extensions import db
from courier_api.hospital import runs
from courier_api.network.models import POINT_KINDS_BY_ORGANISATION, Organisation, PickupPoint
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment

#: A hospital as its orders read it: with its pickup points and their stations (a run's
#: cut-off), in one statement (three, lazily, on every kiosk order).
_WITH_POINTS = (joinedload(Organisation.pickup_points).joinedload(PickupPoint.station),)


def hospital_with_points(organisation_id: str) -> Organisation | None:
    return db.session.get(Organisation, organisation_id, options=_WITH_POINTS)


def hospital_of(organisation_id: str, field_name: str) -> Organisation:
    found = hospital_with_points(organisation_id)
    if found is None or found.kind != "hospital":
        raise field_error(field_name, "No such hospital.", "unknown_hospital")
    return found


def refuse(code: str, field_name: str, detail: str) -> Problem:
    """422 with its own code, naming the field it is about."""
    return Problem(
        422, code, detail, errors=[{"field": field_name, "message": detail, "code": code}]
    )


def pickup_point(hospital: Organisation, kind: str, point_id: str | None) -> PickupPoint:
    """The named pickup point of this hospital (one of a hospital's kinds), else its first
    point of `kind`."""
    for point in hospital.pickup_points:
        if point_id is None and point.kind == kind:
            return point
        if point.id == point_id:
            if point.kind not in POINT_KINDS_BY_ORGANISATION["hospital"]:
                raise refuse(
                    "pickup_point_not_hospital_kind",
                    "pickup_point_id",
                    f"A hospital order is collected at a "
                    f"{' or '.join(POINT_KINDS_BY_ORGANISATION['hospital'])}, "
                    f"not a {point.kind}.",
                )
            return point
    if point_id:
        raise refuse(
            "pickup_point_not_of_hospital",
            "pickup_point_id",
            f"No pickup point {point_id} belongs to {hospital.name}.",
        )
    raise Problem(
        422,
        "no_pickup_point",
        f"{hospital.name} has no {kind.replace('_', ' ')} to collect from.",
    )


def tell_accepted(shipment: Shipment, plan: runs.Schedule) -> None:
    """The owners hear which run collects the item and by when it is delivered (the event
    written now: an ORM flush of one row cost a kiosk's order a tenth of its CPU)."""
    emit_rows(
        [
            shipments.owners_event(
                shipment,
                "shipment.accepted",
                product=shipment.product,
                run_at=clock.to_rfc3339(plan.run_at),
                deliver_by=clock.to_rfc3339(plan.deliver_by) if plan.deliver_by else None,
            )
        ]
    )
