"""Two courts and three traffic-police offices with pickup points at station A, their
clerks, and the courier's way from the court to the door through the HTTP API."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf
import pytest

from courier_api.core import clock
from courier_api.core.ids import new_id
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.network.models import Organisation, PickupPoint
from tests.custody.test_handovers import station_in
from tests.delivery import conftest as delivery
from tests.factories import PASSWORD, World

ORGANISATIONS = {
    "court": ("court", "中山市第一人民法院"),
    "court_b": ("court", "中山市第二人民法院"),
    "office": ("traffic_police", "中山市车管所"),
    "office_b": ("traffic_police", "石岐车管分所"),
    "office_c": ("traffic_police", "三乡车管分所"),
}
# The delivery tests' fixtures: loading at station A, acting at the door.
load, door = delivery.load, delivery.door
#: An address in station A's area.
HOME = {"phone": "13912345678", "address": "中山市博爱路88号2栋101室", "lat": 22.52, "lng": 113.39}


def add_organisations(world: World) -> None:
    """Courts and offices, each with a pickup point at station A and a clerk
    `clerk_<name>` (in an app context; commits)."""
    for name, (kind, title) in ORGANISATIONS.items():
        organisation = Organisation(
            id=new_id("org"), region_id=world.region_id, kind=kind, name=title
        )
        organisation.pickup_points.append(
            PickupPoint(
                id=new_id("pp"),
                kind="court_office" if kind == "court" else "archive_office",
                name="收发室",
                address=f"{title} 中山市东区起湾道1号",
                lat=22.53,
                lng=113.38,
                station_id=world.stations["A"],
                run_times=["10:00"],
            )
        )
        db.session.add(organisation)
        db.session.flush()
        world.organisations[name] = organisation.id
        identity.create_staff(
            username=f"clerk_{name}",
            name=f"clerk {name}",
            role="org_clerk",
            password=PASSWORD,
            organisation_id=organisation.id,
        )
    db.session.commit()


@pytest.fixture
def gov(app, world: World) -> World:
    """The world plus two courts and three traffic-police offices."""
    with app.app_context():
        add_organisations(world)
    return world


def document_row(**overrides) -> dict:
    row = {
        "case_number": "(2026)粤2071民初1234号",
        "document_type": "起诉状副本及应诉通知书",
        "mediation": False,
        "addressee_name": "赵一",
        "addressee_role": "defendant",
        "opposing_party_name": "钱二",
        "service_deadline": (clock.now() + timedelta(days=10)).date().isoformat(),
        **HOME,
    }
    row.update(overrides)
    return row


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
        courier, dispatcher = as_("courier_a"), as_("dispatcher_a")
        assert (
            client.post("/v1/courier/shift", json={"on_shift": True}, headers=courier).status_code
            == 200
        )
        etag = client.get(f"/v1/dispatch/tasks/{task_id}", headers=dispatcher).headers["ETag"]
        assigned = client.post(
            f"/v1/dispatch/tasks/{task_id}/assign",
            json={"courier_id": gov.couriers["courier_a"]},
            headers={**dispatcher, "If-Match": etag},
        )
        assert assigned.status_code == 200, assigned.get_json()
        for action, body in (("accept", None), ("arrive", {})):
            answer = client.post(
                f"/v1/courier/tasks/{task_id}/{action}", json=body, headers=courier
            )
            assert answer.status_code == 200, answer.get_json()
        picked = client.post(
            f"/v1/courier/tasks/{task_id}/pickup", json={"items": items}, headers=courier
        )
        assert picked.status_code == 200, picked.get_json()
        return picked.get_json()

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


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
