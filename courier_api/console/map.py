"""The station map as SVG coordinates, from our own data: no tile server is reachable, so
the service areas, couriers and open tasks are drawn on a plain projection."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

WIDTH = 640
MARGIN = 12


@dataclass
class Sketch:
    """What the template draws: polygons' point lists and dots, in the SVG's units."""

    width: int
    height: int
    areas: list[dict[str, Any]] = field(default_factory=list)
    couriers: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)


def sketch(
    stations: Iterable[Any], couriers: Iterable[dict[str, Any]], tasks: Iterable[dict[str, Any]]
) -> Sketch:
    """Project WGS-84 positions onto a WIDTH-wide drawing that frames every service area
    (an equirectangular projection, scaled by cos(latitude): true enough across a city)."""
    stations = list(stations)
    rings = [station.service_area for station in stations]
    lngs = [lng for ring in rings for lng, _ in ring] or [0.0]
    lats = [lat for ring in rings for _, lat in ring] or [0.0]
    west, east, south, north = min(lngs), max(lngs), min(lats), max(lats)
    x_scale = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * x_scale, 1e-6)
    span_y = max(north - south, 1e-6)
    unit = (WIDTH - 2 * MARGIN) / span_x
    height = int(span_y * unit + 2 * MARGIN)

    def at(lng: float, lat: float) -> tuple[float, float]:
        return (
            round(MARGIN + (lng - west) * x_scale * unit, 1),
            round(MARGIN + (north - lat) * unit, 1),
        )

    drawn = Sketch(WIDTH, height)
    for station in stations:
        drawn.areas.append(
            {
                "name": station.name,
                "points": _points(at(lng, lat) for lng, lat in station.service_area),
            }
        )
    for courier in couriers:
        if courier["last_lat"] is not None and courier["last_lng"] is not None:
            x, y = at(courier["last_lng"], courier["last_lat"])
            drawn.couriers.append({"x": x, "y": y, "label": courier["name"]})
    # Flagged tasks last, so they are drawn on top of an on-time task at the same door.
    for task in sorted(tasks, key=lambda task: bool(flag_of(task))):
        x, y = at(task["lng"], task["lat"])
        drawn.tasks.append({"x": x, "y": y, "id": task["id"], "flag": flag_of(task)})
    return drawn


def flag_of(task: dict[str, Any]) -> str:
    """The board's highlight: late over at risk over nothing."""
    if task.get("late"):
        return "late"
    return "at-risk" if task.get("at_risk") else ""


def _points(pairs: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in pairs)
