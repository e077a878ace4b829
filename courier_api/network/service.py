"""Network rules: service areas, opening hours, the catalogue. No Flask; never commits."""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.db import execute_core
from courier_api.core.errors import Problem, field_error
from courier_api.core.geo import haversine_km
from courier_api.core.ids import new_id
from courier_api.core.pg import HotStatement
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.network.catalogue import DEFAULT_NETWORK_RULES, DEFAULT_PRODUCTS
from courier_api.network.models import CatalogueVersion, ProductRules, Region, Station

# --- geometry ---------------------------------------------------------------------------


def point_in_ring(lat: float, lng: float, ring: Sequence[Sequence[float]]) -> bool:
    """Ray casting over a closed ring of [lng, lat] points; the boundary counts as inside."""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % count]
        if (y1 > lat) != (y2 > lat):
            cross = (x2 - x1) * (lat - y1) / (y2 - y1) + x1
            if lng == cross:
                return True
            if lng < cross:
                inside = not inside
        elif y1 == y2 == lat and min(x1, x2) <= lng <= max(x1, x2):
            return True
    return inside


def validate_ring(ring: Any, field: str = "service_area") -> list[list[float]]:
    """A closed ring of at least 3 distinct [lng, lat] WGS-84 points."""
    if not isinstance(ring, list) or len(ring) < 4:
        raise field_error(field, "Give at least 3 points, the first repeated last.", "invalid")
    points: list[list[float]] = []
    for index, point in enumerate(ring):
        if (
            not isinstance(point, list | tuple)
            or len(point) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
        ):
            raise field_error(f"{field}.{index}", "Each point is [lng, lat].", "invalid")
        lng, lat = float(point[0]), float(point[1])
        if not (-180 <= lng <= 180 and -90 <= lat <= 90):
            raise field_error(f"{field}.{index}", "Coordinates out of range.", "out_of_range")
        points.append([lng, lat])
    if points[0] != points[-1]:
        raise field_error(field, "The first point must be repeated last.", "not_closed")
    if len({tuple(p) for p in points}) < 3:
        raise field_error(field, "The area needs at least 3 distinct points.", "invalid")
    return points


def bounding_box(ring: list[list[float]]) -> dict[str, float]:
    lngs = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return {"min_lat": min(lats), "max_lat": max(lats), "min_lng": min(lngs), "max_lng": max(lngs)}


@dataclass(frozen=True)
class ServiceArea:
    """What planning reads of a station (a snapshot of its row, shared by the requests of
    one worker)."""

    id: str
    name: str
    region_id: str
    area_type: str
    lat: float
    lng: float
    ring: tuple[tuple[float, float], ...]
    opening_hours: list
    cutoff_time: str


@functools.lru_cache(maxsize=16)
def _covering_query(points: int) -> HotStatement:
    """Active stations whose bounding box holds any of `points` points (bound as lat_i,
    lng_i), with what identifies their row's state. Built once per point count: building
    and keying the statement on every order cost more than running it; a prepared
    statement, for every quote and order asks (a fifth of a quote's CPU through
    SQLAlchemy's execution)."""
    table = Station.__table__
    boxes = (
        sa.and_(
            table.c.min_lat <= sa.bindparam(f"lat_{i}"),
            table.c.max_lat >= sa.bindparam(f"lat_{i}"),
            table.c.min_lng <= sa.bindparam(f"lng_{i}"),
            table.c.max_lng >= sa.bindparam(f"lng_{i}"),
        )
        for i in range(points)
    )
    return HotStatement(
        sa.select(table.c.id, table.c.version, table.c.updated_at).where(
            table.c.active.is_(True), sa.or_(*boxes)
        )
    )


_AREA_COLUMNS = (
    "id",
    "name",
    "region_id",
    "area_type",
    "lat",
    "lng",
    "opening_hours",
    "cutoff_time",
)
_LOAD_AREAS = sa.select(
    *(Station.__table__.c[name] for name in _AREA_COLUMNS), Station.__table__.c.service_area
).where(Station.__table__.c.id.in_(sa.bindparam("ids", expanding=True)))
#: Per worker: a station's area by (id, version, updated_at). Every edit through the API
#: bumps the version, any UPDATE the timestamp, so an edited station is read afresh.
_areas: dict[tuple[str, int, datetime], ServiceArea] = {}
_AREAS_KEPT = 1024


def _service_areas(keys: Sequence[tuple[str, int, datetime]]) -> list[ServiceArea]:
    # Answered from what this call found and read, not from the shared dict again: a
    # worker's threads share it, and another may clear it in between.
    found = {key: area for key in keys if (area := _areas.get(key)) is not None}
    missing = [key for key in keys if key not in found]
    if missing:
        if len(_areas) + len(missing) > _AREAS_KEPT:
            _areas.clear()
        wanted = {key[0]: key for key in missing}
        for row in execute_core(_LOAD_AREAS, {"ids": list(wanted)}).mappings():
            area = ServiceArea(
                **{name: row[name] for name in _AREA_COLUMNS},
                ring=tuple((float(lng), float(lat)) for lng, lat in row["service_area"]),
            )
            # (Edited between the two reads: kept as read now, newer than its key says.)
            found[wanted[row["id"]]] = _areas[wanted[row["id"]]] = area
    return [found[key] for key in keys if key in found]


def stations_covering(points: Sequence[tuple[float, float]]) -> list[list[ServiceArea]]:
    """For each (lat, lng), the active stations whose service area holds it: one query for
    all the points (bounding boxes in SQL), then point-in-polygon here, on areas each
    worker keeps while the station's row is unchanged."""
    distinct = list(dict.fromkeys(points))
    params = {}
    for i, (lat, lng) in enumerate(distinct):
        params[f"lat_{i}"], params[f"lng_{i}"] = lat, lng
    keys = [tuple(row) for row in _covering_query(len(distinct)).all(params)]
    candidates = _service_areas(keys)
    return [[s for s in candidates if point_in_ring(lat, lng, s.ring)] for lat, lng in points]


def nearest_of(
    covering: Sequence[ServiceArea], lat: float, lng: float, field_name: str
) -> ServiceArea:
    """The nearest of the stations covering an address; 422 naming the field when none."""
    if not covering:
        raise Problem(
            422,
            "outside_service_area",
            "No station serves this address.",
            errors=[
                {
                    "field": field_name,
                    "code": "outside_service_area",
                    "message": "Outside every station's service area.",
                }
            ],
        )
    return min(covering, key=lambda s: haversine_km(lat, lng, s.lat, s.lng))


def nearest_covering_station(lat: float, lng: float, field_name: str) -> ServiceArea:
    """The nearest station whose service area holds the address; 422 when none does."""
    return nearest_of(stations_covering([(lat, lng)])[0], lat, lng, field_name)


# --- opening hours ----------------------------------------------------------------------


def next_opening(station: Station | ServiceArea, at: datetime, zone: ZoneInfo) -> datetime:
    """`at` if the station is open then, else when it next opens (UTC)."""
    local = at.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        hours = station.opening_hours[day.weekday()]
        if not hours:
            continue
        opens = datetime.combine(day, clock.hhmm(hours["open"]), zone)
        closes = datetime.combine(day, clock.hhmm(hours["close"]), zone)
        if local < opens:
            return opens.astimezone(at.tzinfo)
        if local < closes:
            return at
    raise ValueError(f"station {station.id} never opens")


# --- stations ---------------------------------------------------------------------------


def list_stations(*, caller: Principal, region_id: str | None = None) -> sa.Select:
    return scoped_select(Station, caller, region_id=region_id)


def get_station(*, caller: Principal, station_id: str) -> Station:
    return get_scoped(Station, station_id, caller, what="station")


def create_station(*, region: Region, **fields: Any) -> Station:
    ring = validate_ring(fields.pop("service_area"))
    station = Station(
        id=new_id("stn"), region_id=region.id, service_area=ring, **bounding_box(ring), **fields
    )
    db.session.add(station)
    return station


@dataclass(frozen=True)
class StationChanges:
    """What a station's edit may change (None: unchanged; no field may be set to null)."""

    name: str | None = None
    area_type: str | None = None
    address: str | None = None
    lat: float | None = None
    lng: float | None = None
    service_area: Sequence[Sequence[float]] | None = None
    #: 7 entries, Monday first, each {"open", "close"} (HH:MM) or None (closed that day).
    opening_hours: Sequence[dict[str, str] | None] | None = None
    cutoff_time: str | None = None
    active: bool | None = None


def given_fields(changes: object) -> dict[str, Any]:
    """The fields of an edit's dataclass that were given (None: unchanged), by name."""
    return {f.name: v for f in fields(changes) if (v := getattr(changes, f.name)) is not None}


def update_station(station: Station, changes: StationChanges) -> Station:
    columns = given_fields(changes)
    if "service_area" in columns:
        ring = validate_ring(columns.pop("service_area"))
        columns |= {"service_area": ring, **bounding_box(ring)}
    for name, value in columns.items():
        setattr(station, name, value)
    db.session.flush()
    return station


# --- catalogue --------------------------------------------------------------------------


def current_catalogue(at: datetime | None = None) -> CatalogueVersion:
    at = at or clock.now()
    found = db.session.scalars(
        sa.select(CatalogueVersion)
        .where(CatalogueVersion.effective_from <= at)
        .order_by(CatalogueVersion.version.desc())
        .limit(1)
    ).first()
    if found is None:
        raise Problem(
            503,
            "catalogue_not_installed",
            "No product catalogue is in force; an operator must run `flask install-catalogue`.",
        )
    return found


_CURRENT_VERSION_TTL_S = 30.0
_current_version: tuple[float, int] | None = None


def current_version() -> int:
    """The catalogue version in force, cached for 30 s per process (orders read it on
    every request; a new version is announced ahead with its effective time)."""
    global _current_version
    now = time.monotonic()
    if _current_version is None or _current_version[0] < now:
        _current_version = (now + _CURRENT_VERSION_TTL_S, current_catalogue().version)
    return _current_version[1]


def product_rules(code: str, version: int) -> dict[str, Any]:
    """A product's rules in one catalogue version (versions never change once installed,
    so they are cached per process)."""
    rules = _product_rules(code, version)
    if rules is None:
        raise field_error("product", f"Unknown product {code!r}.", "unknown_product")
    return rules


@functools.lru_cache(maxsize=256)
def _cached_rules(code: str, version: int) -> dict[str, Any]:
    row = db.session.get(ProductRules, (version, code))
    if row is None:
        raise LookupError(code)
    return row.rules


def _product_rules(code: str, version: int) -> dict[str, Any] | None:
    try:
        return _cached_rules(code, version)
    except LookupError:
        return None  # not cached: a catalogue may be installed later


@functools.lru_cache(maxsize=64)
def network_rules(version: int) -> dict[str, Any]:
    """The numbers that apply across products (claim window, answer period, fast-claim
    limit) in one catalogue version; cached like product rules (versions never change)."""
    row = db.session.get(CatalogueVersion, version)
    if row is None:
        raise LookupError(f"catalogue version {version} is not installed")
    return row.network_rules


def install_default_catalogue() -> CatalogueVersion | None:
    """Install version 1 (DESIGN.md's numbers) if no catalogue exists; else do nothing."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(CatalogueVersion)):
        return None
    version = CatalogueVersion(
        version=1,
        effective_from=datetime(2026, 1, 1, tzinfo=clock.now().tzinfo),
        network_rules=dict(DEFAULT_NETWORK_RULES),
        note="DESIGN.md default numbers",
    )
    version.products = [
        ProductRules(catalogue_version=1, code=code, rules=rules)
        for code, rules in DEFAULT_PRODUCTS.items()
    ]
    db.session.add(version)
    db.session.flush()
    return version
