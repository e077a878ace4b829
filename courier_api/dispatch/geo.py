"""Geometry and the movement model of dispatch: great-circle distances and how couriers move.
Pure numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "EARTH_RADIUS_KM",
    "MOVEMENT",
    "MovementModel",
    "distance_matrix_km",
    "eta_s",
    "haversine_km",
    "project_km",
]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class MovementModel:
    """How couriers move: road distance = detour × great-circle distance, at a constant speed,
    and a fixed dwell at each pickup."""

    speed_kmh: float = 18.0
    detour: float = 1.3
    dwell_s: float = 240.0

    def road_km(self, straight_km: ArrayLike) -> Floats:
        """Road kilometres for a great-circle distance."""
        return np.asarray(straight_km, dtype=np.float64) * self.detour

    def travel_s(self, straight_km: ArrayLike) -> Floats:
        """Seconds to cover a great-circle distance along the roads."""
        return self.road_km(straight_km) * (3600.0 / self.speed_kmh)

    @property
    def straight_km_per_s(self) -> float:
        """Great-circle kilometres gained per second of travel."""
        return self.speed_kmh / 3600.0 / self.detour


#: The fixed movement model: 18 km/h, detour factor 1.3, 4 minutes at each pickup.
MOVEMENT = MovementModel()


def haversine_km(lat1: ArrayLike, lng1: ArrayLike, lat2: ArrayLike, lng2: ArrayLike) -> Floats:
    """Great-circle distance in km between points given in degrees (numpy broadcasting)."""
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dp = p2 - p1
    dl = np.radians(np.asarray(lng2, dtype=np.float64) - np.asarray(lng1, dtype=np.float64))
    h = np.sin(dp * 0.5) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl * 0.5) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def distance_matrix_km(
    lat1: ArrayLike, lng1: ArrayLike, lat2: ArrayLike, lng2: ArrayLike, *, block: int = 1024
) -> Floats:
    """Dense haversine matrix (len(lat1) × len(lat2)), computed in row blocks to bound the
    temporaries."""
    a_lat, a_lng = np.asarray(lat1, np.float64), np.asarray(lng1, np.float64)
    b_lat, b_lng = np.asarray(lat2, np.float64), np.asarray(lng2, np.float64)
    out = np.empty((a_lat.shape[0], b_lat.shape[0]), dtype=np.float64)
    for start in range(0, a_lat.shape[0], block):
        stop = start + block
        out[start:stop] = haversine_km(
            a_lat[start:stop, None], a_lng[start:stop, None], b_lat[None, :], b_lng[None, :]
        )
    return out


def eta_s(
    task_lat: ArrayLike,
    task_lng: ArrayLike,
    courier_lat: ArrayLike,
    courier_lng: ArrayLike,
    free_at_s: ArrayLike,
    now_s: float,
    *,
    model: MovementModel = MOVEMENT,
) -> Floats:
    """Predicted arrival time of a courier at a task: ``max(now, free_at) + travel``
    (broadcasting; for the SLA monitor's "cannot arrive in time" flag)."""
    travel = model.travel_s(haversine_km(courier_lat, courier_lng, task_lat, task_lng))
    return np.maximum(np.asarray(free_at_s, dtype=np.float64), now_s) + travel


def project_km(lat: Floats, lng: Floats, lat0_rad: float) -> tuple[Floats, Floats]:
    """Equirectangular projection (km) — only used to find candidates, never to cost them."""
    x = EARTH_RADIUS_KM * np.cos(lat0_rad) * np.radians(lng)
    y = EARTH_RADIUS_KM * np.radians(lat)
    return x, y
