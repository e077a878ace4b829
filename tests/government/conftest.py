"""Two courts and three traffic-police offices with pickup points at station A, their
clerks, and the courier's way from the court to the door through the HTTP API."""

from __future__ import annotations

import pytest

from tests.factories import World, add_organisations
from tests.helpers import pick_up, station_in


@pytest.fixture
def gov(app, world: World) -> World:
    """The world plus two courts and three traffic-police offices."""
    with app.app_context():
        add_organisations(world)
    return world


@pytest.fixture
def submit(client, as_):
    """`submit(rows, key=…, who=…)` -> the response to POST /v1/court-jobs."""

    def post(rows: list[dict], key: str = "job-1", who: str = "clerk_court"):
        return client.post(
            "/v1/court-jobs",
            json={"documents": rows},
            headers=as_(who, **{"Idempotency-Key": key}),
        )

    return post


@pytest.fixture
def collect(client, as_, gov):
    """`collect(task_id, items)`: a dispatcher gives the pickup task to courier A, who
    accepts, arrives and scans `items` ([{waybill, seal_no?}]); returns the scan's answer."""

    def run(task_id: str, items: list[dict]) -> dict:
        return pick_up(client, as_, gov, task_id, items)

    return run


@pytest.fixture
def to_door(client, as_, gov, collect, load):
    """`to_door(task_id, waybills)`: collected at the court, scanned in at station A and
    loaded by courier A; returns the delivery task ids."""

    def run(task_id: str, waybills: list[str]) -> list[str]:
        collect(task_id, [{"waybill": w} for w in waybills])
        scanned = station_in(client, as_("dispatcher_a"), gov, [{"waybill": w} for w in waybills])
        assert scanned.status_code == 200, scanned.get_json()
        return load(waybills)

    return run
