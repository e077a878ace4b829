"""Claims fixtures: citizens who own posted shipments, and the hand-over that records damage."""

from __future__ import annotations

import pytest

from courier_api.extensions import db
from courier_api.shipments.service import Party, ShipmentSpec, create_shipments
from tests.factories import ADMIN, DAMAGE_PHOTO
from tests.helpers import Owner, login_owner, station_in, upload, waybill_of

SENDER = Party("王小明", "13800138000", "中山市孙文中路1号3栋502室", 22.52, 113.38)
RECIPIENT = Party("李四", "13912345678", "中山市博爱路88号2栋101室", 22.52, 113.45)


@pytest.fixture
def citizen(client, world) -> Owner:
    return login_owner(client, "demo-jade-seller")


@pytest.fixture
def stranger(client, world) -> Owner:
    return login_owner(client, "demo-someone-else")


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


@pytest.fixture
def record_damage(client, as_, app, world):
    """Station A takes the item in from courier_a and records it damaged (with a photo)."""

    def record(shipment_id: str) -> None:
        dispatcher = as_("dispatcher_a")
        photo = upload(client, dispatcher, DAMAGE_PHOTO)
        item = {"waybill": waybill_of(app, shipment_id), "condition": "damaged"}
        response = station_in(client, dispatcher, world, [{**item, "photo_sha256": photo}])
        assert response.get_json()["exceptions"] == [item["waybill"]], response.get_json()

    return record


EVIDENCE = b"\xff\xd8\xff\xe0" + b"broken jade bangle" * 20


@pytest.fixture
def evidence(client):
    """`evidence(owner)` -> the blob name of a JPEG the owner uploaded."""

    def upload_evidence(owner: Owner, data: bytes = EVIDENCE) -> str:
        return upload(client, owner.headers, data, "image/jpeg")

    return upload_evidence
