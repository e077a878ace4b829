"""Claims fixtures: citizens who own posted shipments, and the hand-over that records damage."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass

import pytest

from courier_api.extensions import db
from courier_api.shipments.service import Party, ShipmentSpec, create_shipments
from tests.custody.test_handovers import station_in, upload_photo
from tests.factories import ADMIN

SENDER = Party("王小明", "13800138000", "中山市孙文中路1号3栋502室", 22.52, 113.38)
RECIPIENT = Party("李四", "13912345678", "中山市博爱路88号2栋101室", 22.52, 113.45)
_codes = itertools.count()


@dataclass
class Owner:
    headers: dict[str, str]
    owner: tuple[str, str]
    code: str = ""

    def relogin(self, client) -> None:
        """A fresh token after the test moved the clock past the old one's 15 minutes."""
        self.headers = login_citizen(client, self.code).headers


def login_citizen(client, code: str) -> Owner:
    body = client.post("/v1/auth/wechat/login", json={"code": code}).get_json()
    return Owner(
        {"Authorization": f"Bearer {body['access_token']}"},
        ("citizen", body["principal"]["id"]),
        code,
    )


@pytest.fixture
def citizen(client, world) -> Owner:
    return login_citizen(client, "demo-jade-seller")


@pytest.fixture
def stranger(client, world) -> Owner:
    return login_citizen(client, "demo-someone-else")


@pytest.fixture
def posted(app, world):
    """`posted(owner, ...)` -> a shipment id: owned by `owner`, picked up by courier_a."""

    def make(
        owner: Owner,
        *,
        declared: int = 300_000,
        insured: int = 200_000,
        premium: int = 2_000,
        fee: int = 3_600,
        product: str = "express",
        state: str = "picked_up",
    ) -> str:
        spec = ShipmentSpec(
            product=product,
            sender=SENDER,
            recipient=RECIPIENT,
            owners=(owner.owner,),
            holder=("courier", world.couriers["courier_a"]),
            origin_station_id=world.stations["A"],
            destination_station_id=world.stations["B"],
            declared_value_fen=declared,
            insured_amount_fen=insured,
            premium_fen=premium,
            fee_fen=fee,
            state=state,
        )
        with app.app_context():
            [shipment] = create_shipments([spec], actor=ADMIN)
            db.session.commit()
            return shipment.id

    return make


def waybill_of(app, shipment_id: str) -> str:
    from courier_api.shipments.models import Shipment

    with app.app_context():
        return db.session.get(Shipment, shipment_id).waybill


@pytest.fixture
def record_damage(client, as_, app, world):
    """Station A takes the item in from courier_a and records it damaged (with a photo)."""

    def record(shipment_id: str) -> None:
        dispatcher = as_("dispatcher_a")
        photo = upload_photo(client, dispatcher)
        item = {"waybill": waybill_of(app, shipment_id), "condition": "damaged"}
        response = station_in(client, dispatcher, world, [{**item, "photo_sha256": photo}])
        assert response.get_json()["exceptions"] == [item["waybill"]], response.get_json()

    return record


EVIDENCE = b"\xff\xd8\xff\xe0" + b"broken jade bangle" * 20


@pytest.fixture
def evidence(client):
    """`evidence(owner)` -> the blob name of a JPEG the owner uploaded."""

    def upload(owner: Owner, data: bytes = EVIDENCE) -> str:
        sha = hashlib.sha256(data).hexdigest()
        response = client.put(
            f"/v1/blobs/{sha}", data=data, headers={**owner.headers, "Content-Type": "image/jpeg"}
        )
        assert response.status_code in (200, 201), response.get_json()
        return sha

    return upload


def file(client, owner: Owner, shipment_id: str, key: str | None = None, **body):
    payload = {"shipment_id": shipment_id, "kind": "loss", "claimed_fen": 100_000, **body}
    headers = {**owner.headers, "Idempotency-Key": key or f"claim-{next(_codes)}"}
    return client.post("/v1/claims", json=payload, headers=headers)
