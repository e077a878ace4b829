"""What court jobs and archive transfers share: the calling organisation, the pickup
point a courier collects from (the shipment's sender), the station serving an address,
and the one pickup task that collects a batch. No Flask; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import Problem, field_error
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.network.models import Organisation, PickupPoint, Station
from courier_api.network.service import point_in_ring
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks

#: How long the courier has to collect a batch at the court or an archive at the office.
COLLECTION_WINDOW = timedelta(hours=24)


def organisation_of(caller: Principal, kind: str) -> Organisation:
    """The caller's own organisation, which must be a `kind` (a court, an office)."""
    organisation = db.session.get(Organisation, caller.org_id) if caller.org_id else None
    if organisation is None or organisation.kind != kind:
        raise Problem(
            403,
            "wrong_organisation_kind",
            f"Only a {kind.replace('_', ' ')}'s clerks and API clients may do this.",
        )
    return organisation


def pickup_point(organisation: Organisation, pickup_point_id: str | None) -> PickupPoint:
    points = organisation.pickup_points
    found = next((p for p in points if p.id == pickup_point_id), None) if pickup_point_id else None
    if pickup_point_id and found is None:
        raise field_error("pickup_point_id", "Not one of your pickup points.", "unknown")
    found = found or (points[0] if points else None)
    if found is None:
        raise Problem(
            409, "no_pickup_point", "The organisation has no pickup point to collect from."
        )
    return found


def collection_task(point: PickupPoint, items: Sequence[Shipment]) -> str | None:
    if not items:
        return None
    now = clock.now()
    return tasks.collect_at_point(point, items, (now, now + COLLECTION_WINDOW)).id


class Stations:
    """Active stations loaded once, to find the one serving each address of a batch."""

    def __init__(self) -> None:
        self.all = list(db.session.scalars(sa.select(Station).where(Station.active.is_(True))))

    def covering(self, lat: float, lng: float) -> Station | None:
        return next(
            (
                s
                for s in self.all
                if s.min_lat <= lat <= s.max_lat
                and s.min_lng <= lng <= s.max_lng
                and point_in_ring(lat, lng, s.service_area)
            ),
            None,
        )
