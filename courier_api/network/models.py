"""Regions, stations, organisations with their pickup points, and the product catalogue."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, Versioned, id_column
from courier_api.core.security import Principal
from courier_api.extensions import db

AREA_TYPES = ("urban", "fringe", "township")
ORGANISATION_KINDS = ("hospital", "court", "traffic_police", "enterprise")
PICKUP_POINT_KINDS = ("pharmacy", "maternity_ward", "court_office", "archive_office", "warehouse")
#: Which pickup points each kind of organisation has (what the product services look for:
#: a hospital's pharmacy for prescriptions and records, its maternity ward for birth
#: certificates, a court's office, a traffic-police archive, an enterprise's warehouse).
POINT_KINDS_BY_ORGANISATION = {
    "hospital": ("pharmacy", "maternity_ward"),
    "court": ("court_office",),
    "traffic_police": ("archive_office",),
    "enterprise": ("warehouse",),
}


class Region(Timestamps, db.Model):
    """A city. Dispatch runs one round per region at a time."""

    __tablename__ = "regions"

    id: Mapped[str] = id_column()
    code: Mapped[str] = mapped_column(sa.String(16), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False)


class Station(Versioned, Timestamps, db.Model):
    """A pickup-and-delivery station (揽投部) with its service area and hours."""

    __tablename__ = "stations"

    id: Mapped[str] = id_column()
    region_id: Mapped[str] = mapped_column(sa.ForeignKey("regions.id"), nullable=False, index=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    area_type: Mapped[str] = mapped_column(
        sa.Enum(*AREA_TYPES, name="area_type", native_enum=False), nullable=False
    )
    address: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    #: GeoJSON-style ring, [[lng, lat], ...], WGS-84, first point repeated last.
    service_area: Mapped[list] = mapped_column(sa.JSON, nullable=False)
    # Bounding box of the service area: a cheap index filter before point-in-polygon.
    min_lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    max_lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    min_lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    max_lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    #: Seven entries, Monday first: {"open": "08:00", "close": "20:00"} or null (closed).
    opening_hours: Mapped[list] = mapped_column(sa.JSON, nullable=False)
    cutoff_time: Mapped[str] = mapped_column(sa.String(5), nullable=False)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    region: Mapped[Region] = relationship(lazy="joined")

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        # The network (where stations are, when they open) is not private to anyone.
        return sa.true()


def _of_own_organisation(
    organisation_id: sa.ColumnElement[str], caller: Principal
) -> sa.ColumnElement[bool]:
    # Admins see every organisation; a clerk (and its API clients) only their own.
    if caller.role == "admin":
        return sa.true()
    if caller.role in ("org_clerk", "api_client") and caller.org_id:
        return organisation_id == caller.org_id
    return sa.false()


class Organisation(Versioned, Timestamps, db.Model):
    """A hospital, court, traffic-police office or enterprise sender."""

    __tablename__ = "organisations"

    id: Mapped[str] = id_column()
    region_id: Mapped[str] = mapped_column(sa.ForeignKey("regions.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(
        sa.Enum(*ORGANISATION_KINDS, name="organisation_kind", native_enum=False), nullable=False
    )
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)

    pickup_points: Mapped[list[PickupPoint]] = relationship(
        back_populates="organisation", order_by="PickupPoint.id"
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return _of_own_organisation(cls.id, caller)


class PickupPoint(Versioned, Timestamps, db.Model):
    """Where an organisation hands items over: a pharmacy, a maternity ward, a mailroom."""

    __tablename__ = "pickup_points"

    id: Mapped[str] = id_column()
    organisation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organisations.id"), nullable=False, index=True
    )
    station_id: Mapped[str] = mapped_column(sa.ForeignKey("stations.id"), nullable=False)
    kind: Mapped[str] = mapped_column(
        sa.Enum(*PICKUP_POINT_KINDS, name="pickup_point_kind", native_enum=False), nullable=False
    )
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    address: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    #: The desk's phone (an institution's, shown as it is): couriers returning items call
    #: it. None: not given.
    phone: Mapped[str | None] = mapped_column(sa.String(20))
    #: Local times of the scheduled hand-over runs, e.g. ["11:00", "16:00"].
    run_times: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)

    organisation: Mapped[Organisation] = relationship(back_populates="pickup_points")
    station: Mapped[Station] = relationship()

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return _of_own_organisation(cls.organisation_id, caller)


class CatalogueVersion(db.Model):
    """One version of the product catalogue; shipments keep the version they were sold under."""

    __tablename__ = "catalogue_versions"

    version: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    effective_from: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    network_rules: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    note: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")

    products: Mapped[list[ProductRules]] = relationship(order_by="ProductRules.code")


class ProductRules(db.Model):
    __tablename__ = "product_rules"

    catalogue_version: Mapped[int] = mapped_column(
        sa.ForeignKey("catalogue_versions.version"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    rules: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
