"""Honest quotes (admission control): when can a courier really be at this door, given the
couriers on shift in the station's region and the pickups they already have to do?
No Flask; never commits. The rules are in docs/dispatch.md.

    couriers  = on shift, active, with a position fresher than 5 minutes, in the region
    backlog   = the region's pickups whose promise has started and that no courier has
                reached yet (open, offered, accepted)
    per_task  = dwell + the travel from a backlog task to its nearest courier (their mean)
    eta       = now + backlog × per_task ÷ couriers + the travel of the nearest courier

The 1-hour promise is available when ``eta`` is within it (with `MARGIN` to spare);
otherwise the honest pickup time is ``eta`` plus that margin, rounded up to 5 minutes. With
nobody on shift in the region (the station's couriers have not started), or a promise that
starts later (the station is closed), there is no supply to measure: the usual promise
stands, and dispatch escalates the order if nobody comes.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import numpy as np
import sqlalchemy as sa

from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.network.models import Station
from courier_api.tasks.models import Task

#: The dispatch engine's movement model (courier_api.dispatch.geo.MOVEMENT; a test keeps
#: them equal — pickups may not import dispatch).
SPEED_KMH, DETOUR, DWELL_S = 18.0, 1.3, 240.0
EARTH_RADIUS_KM = 6371.0088
FRESH_POSITION = timedelta(minutes=5)
#: What the estimate keeps in hand: a promise is only made with this much to spare.
MARGIN = timedelta(minutes=10)
ROUND_TO = timedelta(minutes=5)
UNREACHED = ("open", "offered", "accepted")


@dataclass(frozen=True)
class Admission:
    promise_available: bool
    #: The pickup_by to promise: the usual one, or the honest later one.
    pickup_by: datetime
    #: The estimated arrival (None: no supply measured).
    eta: datetime | None


def _travel_s(lat1: np.ndarray, lng1: np.ndarray, lat2: np.ndarray, lng2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lng2 - lng1) / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return km * DETOUR * 3600.0 / SPEED_KMH


def _round_up(at: datetime) -> datetime:
    step = ROUND_TO.total_seconds()
    return datetime.fromtimestamp(math.ceil(at.timestamp() / step) * step, tz=at.tzinfo)


@dataclass(frozen=True)
class Supply:
    """A region's couriers and backlog as measured at `measured_at` (one worker's copy)."""

    measured_at: datetime
    c_lat: np.ndarray
    c_lng: np.ndarray
    backlog: int
    #: Over the backlog: the travel from each task to its nearest courier, summed.
    travel_s: float
    #: The pickups this worker counted in since, as (when, lat, lng).
    admitted: tuple[tuple[datetime, float, float], ...] = ()

    def reach_s(self, lat: float, lng: float) -> float:
        """The travel of the courier nearest to (lat, lng)."""
        return float(_travel_s(np.array([lat]), np.array([lng]), self.c_lat, self.c_lng).min())

    def with_pickup(self, at: datetime, lat: float, lng: float) -> Supply:
        recent = tuple(a for a in self.admitted if a[0] > at - SUPPLY_MAX_AGE)
        return replace(
            self,
            backlog=self.backlog + 1,
            travel_s=self.travel_s + self.reach_s(lat, lng),
            admitted=(*recent, (at, lat, lng)),
        )


#: Per worker, by region: the supply last measured. Measuring reads every on-shift courier
#: and every waiting pickup of the region, a cost that grows with the backlog, which is
#: largest at peak, when quotes come fastest; within `SUPPLY_MAX_AGE` a quote reuses it,
#: and the pickups this worker admits meanwhile are added to it (`count_in`).
_supplies: dict[str, Supply] = {}
_supplies_lock = threading.Lock()
SUPPLY_MAX_AGE = timedelta(seconds=2)


def _measure(region_id: str, now: datetime) -> Supply | None:
    stations = sa.select(Station.id).where(Station.region_id == region_id)
    couriers = db.session.execute(
        sa.select(Courier.last_lat, Courier.last_lng).where(
            Courier.station_id.in_(stations),
            Courier.active.is_(True),
            Courier.on_shift.is_(True),
            Courier.last_seen_at >= now - FRESH_POSITION,
            Courier.last_lat.is_not(None),
        )
    ).all()
    if not couriers:
        return None
    c_lat = np.array([c[0] for c in couriers], dtype=np.float64)
    c_lng = np.array([c[1] for c in couriers], dtype=np.float64)
    backlog = db.session.execute(
        sa.select(Task.lat, Task.lng).where(
            Task.station_id.in_(stations),
            Task.kind == "pickup",
            Task.state.in_(UNREACHED),
            Task.promise_start <= now,
        )
    ).all()
    travel = 0.0
    if backlog:
        b_lat = np.array([b[0] for b in backlog], dtype=np.float64)[:, None]
        b_lng = np.array([b[1] for b in backlog], dtype=np.float64)[:, None]
        travel = float(_travel_s(b_lat, b_lng, c_lat, c_lng).min(axis=1).sum())
    return Supply(now, c_lat, c_lng, len(backlog), travel)


def _supply(region_id: str, now: datetime) -> Supply | None:
    kept = _supplies.get(region_id)
    if kept is not None and timedelta(0) <= now - kept.measured_at < SUPPLY_MAX_AGE:
        return kept
    supply = _measure(region_id, now)
    with _supplies_lock:
        if supply is None:
            _supplies.pop(region_id, None)
            return None
        # Pickups this worker admitted while it measured may be uncommitted, unseen by the
        # measurement: kept (counted twice at worst, which errs towards the later promise).
        kept = _supplies.get(region_id)
        for at, lat, lng in kept.admitted if kept is not None else ():
            if at >= now:
                supply = supply.with_pickup(at, lat, lng)
        _supplies[region_id] = supply
    return supply


def count_in(
    region_id: str, lat: float, lng: float, promise_start: datetime, now: datetime
) -> None:
    """A pickup at (lat, lng) was just ordered: once its promise has started it is backlog,
    so add it to this worker's measured supply for the quotes that reuse it (to an aged
    one too, for a measurement under way to keep: `_supply`)."""
    if promise_start > now:
        return
    with _supplies_lock:
        kept = _supplies.get(region_id)
        if kept is not None:
            _supplies[region_id] = kept.with_pickup(now, lat, lng)


def forget_supply() -> None:
    """Drop every measured supply (tests: the database it measured is emptied)."""
    _supplies.clear()


def admit(
    *,
    region_id: str,
    lat: float,
    lng: float,
    promise_start: datetime,
    usual_pickup_by: datetime,
    now: datetime,
) -> Admission:
    """Whether the usual promise can be kept for a pickup at (lat, lng), and if not, the
    earliest honest pickup time."""
    if promise_start > now:
        return Admission(True, usual_pickup_by, None)
    supply = _supply(region_id, now)
    if supply is None:
        return Admission(True, usual_pickup_by, None)
    couriers = len(supply.c_lat)
    wait = (supply.backlog * DWELL_S + supply.travel_s) / couriers
    eta = now + timedelta(seconds=wait + supply.reach_s(lat, lng))
    if eta + MARGIN <= usual_pickup_by:
        return Admission(True, usual_pickup_by, eta)
    return Admission(False, max(usual_pickup_by, _round_up(eta + MARGIN)), eta)
