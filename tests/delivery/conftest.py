"""Shipments at station A, loaded for delivery by courier A through the HTTP API."""

from __future__ import annotations

import hashlib

import pytest

from courier_api.core.idnumber import check_character
from tests.factories import make_shipments

SIGNATURE = {
    "width": 300,
    "height": 100,
    "strokes": [[[10, 10, 0], [20, 20, 16], [30, 25, 32]], [[40, 30, 60], [50, 20, 76]]],
}
PHOTO = b"\x89PNG\r\n\x1a\n" + b"parcel at the door" * 10


def id_number(first17: str) -> str:
    return first17 + check_character(first17)


MOTHER_ID = id_number("11010519900101002")
FATHER_ID = id_number("11010519880202001")
STRANGER_ID = id_number("11010519700303003")


def upload(client, headers, data: bytes = PHOTO, content_type: str = "image/png") -> str:
    sha = hashlib.sha256(data).hexdigest()
    response = client.put(
        f"/v1/blobs/{sha}", data=data, headers={**headers, "Content-Type": content_type}
    )
    assert response.status_code in (200, 201), response.get_json()
    return sha


@pytest.fixture
def at_station(app, world):
    """`at_station(product=…, named=…, **spec)` -> waybills of items held by station A."""

    def make(count: int = 1, **kwargs) -> list[str]:
        with app.app_context():
            shipments = make_shipments(
                world,
                count,
                state="at_station",
                holder=("station", world.stations["A"]),
                **kwargs,
            )
            return [s.waybill for s in shipments]

    return make


@pytest.fixture
def load(client, as_):
    """Courier A loads waybills at station A; returns the answer's task ids."""

    def loaded(waybills: list[str], courier: str = "courier_a") -> list[str]:
        response = client.post(
            "/v1/handovers",
            json={"kind": "load_for_delivery", "items": [{"waybill": w} for w in waybills]},
            headers=as_(courier),
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()["delivery_task_ids"]

    return loaded


@pytest.fixture
def door(client, as_):
    """`door("deliver"|"fail", task_id, body, courier=…)` -> the response."""

    def act(action: str, task_id: str, body: dict, courier: str = "courier_a"):
        return client.post(f"/v1/courier/tasks/{task_id}/{action}", json=body, headers=as_(courier))

    return act
