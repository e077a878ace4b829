"""Organisations (hospitals, courts, traffic-police offices, enterprises), their pickup
points, and the public directory of hospitals. No Flask; never commits.

Kind and region of an organisation, and kind of a pickup point, are fixed at creation:
the product services choose points by kind (a hospital's pharmacy, its maternity ward),
so changing one would change where orders already placed are collected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from courier_api.core.errors import field_error, not_found
from courier_api.core.ids import new_id
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.network.models import (
    POINT_KINDS_BY_ORGANISATION,
    Organisation,
    PickupPoint,
    Region,
    Station,
)
from courier_api.network.service import given_fields, point_in_ring


@dataclass(frozen=True)
class OrganisationSpec:
    region_id: str
    kind: str
    name: str


@dataclass(frozen=True)
class OrganisationChanges:
    """What an edit may change (None: unchanged)."""

    name: str | None = None


@dataclass(frozen=True)
class PickupPointSpec:
    station_id: str
    kind: str
    name: str
    address: str
    lat: float
    lng: float
    run_times: Sequence[str] = ()
    phone: str | None = None


@dataclass(frozen=True)
class PickupPointChanges:
    """What an edit may change (None: unchanged)."""

    station_id: str | None = None
    name: str | None = None
    address: str | None = None
    lat: float | None = None
    lng: float | None = None
    run_times: Sequence[str] | None = None
    phone: str | None = None


# --- the public directory ---------------------------------------------------------------


def hospital_directory(*, region_id: str | None = None) -> sa.Select:
    """Hospitals with their pickup points (public: what the mini-program offers to choose)."""
    stmt = (
        sa.select(Organisation)
        .where(Organisation.kind == "hospital")
        .options(selectinload(Organisation.pickup_points))
    )
    if region_id:
        stmt = stmt.where(Organisation.region_id == region_id)
    return stmt


# --- organisations ----------------------------------------------------------------------


def list_organisations(
    *, caller: Principal, kind: str | None = None, region_id: str | None = None
) -> sa.Select:
    return scoped_select(Organisation, caller, kind=kind, region_id=region_id).options(
        selectinload(Organisation.pickup_points)
    )


def get_organisation(*, caller: Principal, organisation_id: str) -> Organisation:
    return get_scoped(Organisation, organisation_id, caller, what="organisation")


def create_organisation(spec: OrganisationSpec) -> Organisation:
    if db.session.get(Region, spec.region_id) is None:
        raise field_error("region_id", "No such region.", "unknown_region")
    organisation = Organisation(
        id=new_id("org"), region_id=spec.region_id, kind=spec.kind, name=spec.name
    )
    db.session.add(organisation)
    db.session.flush()
    return organisation


def update_organisation(organisation: Organisation, changes: OrganisationChanges) -> Organisation:
    for name, value in given_fields(changes).items():
        setattr(organisation, name, value)
    db.session.flush()
    return organisation


# --- pickup points ----------------------------------------------------------------------


def get_pickup_point(*, caller: Principal, organisation_id: str, point_id: str) -> PickupPoint:
    """A point of that organisation (404 for a point of another, as for an unknown one)."""
    point = get_scoped(PickupPoint, point_id, caller, what="pickup_point")
    if point.organisation_id != organisation_id:
        raise not_found("pickup_point")
    return point


def _collecting_station(station_id: str, lat: float, lng: float) -> Station:
    """The station that collects from the point: it must exist, be active and serve the
    point's address (its couriers are the ones sent to the runs)."""
    station = db.session.get(Station, station_id)
    if station is None or not station.active:
        raise field_error("station_id", "No such active station.", "unknown_station")
    if not point_in_ring(lat, lng, station.service_area):
        raise field_error(
            "station_id", "The point is outside this station's service area.", "outside_area"
        )
    return station


def create_pickup_point(organisation: Organisation, spec: PickupPointSpec) -> PickupPoint:
    allowed = POINT_KINDS_BY_ORGANISATION[organisation.kind]
    if spec.kind not in allowed:
        raise field_error(
            "kind", f"A {organisation.kind} has pickup points of kind {', '.join(allowed)}.", "kind"
        )
    _collecting_station(spec.station_id, spec.lat, spec.lng)
    # The spec's fields are the point's columns (as the changes' are, in the edit below).
    columns = asdict(spec) | {"run_times": sorted(set(spec.run_times))}
    point = PickupPoint(id=new_id("pp"), organisation_id=organisation.id, **columns)
    db.session.add(point)
    db.session.flush()
    return point


def update_pickup_point(point: PickupPoint, changes: PickupPointChanges) -> PickupPoint:
    given = given_fields(changes)
    if {"station_id", "lat", "lng"} & given.keys():
        _collecting_station(
            given.get("station_id", point.station_id),
            given.get("lat", point.lat),
            given.get("lng", point.lng),
        )
    if "run_times" in given:
        given["run_times"] = sorted(set(given["run_times"]))
    for name, value in given.items():
        setattr(point, name, value)
    db.session.flush()
    return point
