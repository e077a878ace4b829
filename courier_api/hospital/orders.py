"""What every hospital order shares: the hospital, the pickup point it is collected
from (its sender on the shipment), and telling the owners it was accepted on a run.
No Flask; never commits."""

from __future__ import annotations

from courier_api.core import clock
from courier_api.core.errors import Problem, field_error
from courier_api.extensions import db
from courier_api.hospital import runs
from courier_api.network.models import Organisation, PickupPoint
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import Party


def hospital_of(organisation_id: str, field_name: str) -> Organisation:
    found = db.session.get(Organisation, organisation_id)
    if found is None or found.kind != "hospital":
        raise field_error(field_name, "No such hospital.", "unknown_hospital")
    return found


def pickup_point(hospital: Organisation, kind: str, point_id: str | None) -> PickupPoint:
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


def sender(hospital: Organisation, point: PickupPoint) -> Party:
    # The hospital has no phone on file; a return goes to the point it was collected from.
    return Party(f"{hospital.name}{point.name}", "", point.address, point.lat, point.lng)


def tell_accepted(shipment: Shipment, plan: runs.Schedule) -> None:
    """The owners hear which run collects the item and by when it is delivered."""
    shipments.tell_owners(
        shipment,
        "shipment.accepted",
        product=shipment.product,
        run_at=clock.to_rfc3339(plan.run_at),
        deliver_by=clock.to_rfc3339(plan.deliver_by) if plan.deliver_by else None,
    )
