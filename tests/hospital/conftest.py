"""Two hospitals with a pharmacy (runs 11:00 and 16:00) and a maternity ward (run 15:30),
their kiosks, and the steps of a run through the HTTP API."""

from __future__ import annotations

import itertools

import pytest

from courier_api.core import clock
from courier_api.core.ids import new_id
from courier_api.extensions import db
from courier_api.hospital.runs import build_due_runs
from courier_api.network.models import Organisation, PickupPoint
from tests.factories import make_api_client, signed
from tests.helpers import SHANGHAI, at_local, pick_up

_keys = itertools.count()


def _points(organisation_id: str, station_id: str) -> dict[str, str]:
    organisation = db.session.get(Organisation, organisation_id)
    made = {}
    for kind, runs in (("pharmacy", ["11:00", "16:00"]), ("maternity_ward", ["15:30"])):
        point = PickupPoint(
            id=new_id("pp"),
            kind=kind,
            name=kind,
            address="中山市孙文东路2号",
            lat=22.521,
            lng=113.395,
            station_id=station_id,
            run_times=runs,
        )
        organisation.pickup_points.append(point)
        made[kind] = point.id
    db.session.commit()
    return made


@pytest.fixture
def hospitals(app, world):
    """Pickup points for hospital A (the world's) and a second hospital B; a kiosk each.
    The clock starts at 10:00 in Shanghai."""
    clock.freeze(at_local(10, 0))
    with app.app_context():
        second = Organisation(
            id=new_id("org"), region_id=world.region_id, kind="hospital", name="H2"
        )
        db.session.add(second)
        db.session.commit()
        world.organisations["hospital_b"] = second.id
        points = {
            "A": _points(world.organisations["hospital"], world.stations["A"]),
            "B": _points(world.organisations["hospital_b"], world.stations["A"]),
        }
        kiosks = {"A": make_api_client(world), "B": make_api_client(world, "hospital_b")}
    return {"points": points, "kiosks": kiosks}


@pytest.fixture
def kiosk(client, hospitals):
    """`kiosk(body, hospital="A")` -> the signed POST /v1/hospital/deliveries response."""

    def post(body: dict, hospital: str = "A", key: str | None = None):
        return signed(
            client,
            "POST",
            "/v1/hospital/deliveries",
            hospitals["kiosks"][hospital],
            json_body=body,
            extra_headers={"Idempotency-Key": key or f"order-{next(_keys)}"},
        )

    return post


@pytest.fixture
def build_runs(app):
    """Run the worker's job at the frozen time; returns the ids of the runs built."""

    def build() -> list[str]:
        with app.app_context():
            built = [run.id for run in build_due_runs(SHANGHAI)]
            db.session.commit()
            return built

    return build


@pytest.fixture
def collect(client, as_, world):
    """A dispatcher gives the run's task to courier A, who accepts, arrives and scans
    `waybills`; returns the scan's answer."""

    def scan(task_id: str, waybills: list[str]) -> dict:
        return pick_up(client, as_, world, task_id, [{"waybill": w} for w in waybills])

    return scan
