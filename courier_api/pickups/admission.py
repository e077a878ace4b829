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
from dataclasses import dataclass
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


def admit(
    *,
    station_id: str,
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
    region = sa.select(Station.region_id).where(Station.id == station_id).scalar_subquery()
    stations = sa.select(Station.id).where(Station.region_id == region)
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
        return Admission(True, usual_pickup_by, None)
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
    reach = _travel_s(np.array([lat]), np.array([lng]), c_lat, c_lng).min()
    wait = 0.0
    if backlog:
        b_lat = np.array([b[0] for b in backlog], dtype=np.float64)[:, None]
        b_lng = np.array([b[1] for b in backlog], dtype=np.float64)[:, None]
        per_task = DWELL_S + _travel_s(b_lat, b_lng, c_lat, c_lng).min(axis=1).mean()
        wait = len(backlog) * per_task / len(couriers)
    eta = now + timedelta(seconds=wait + reach)
    if eta + MARGIN <= usual_pickup_by:
        return Admission(True, usual_pickup_by, eta)
    return Admission(False, max(usual_pickup_by, _round_up(eta + MARGIN)), eta)
