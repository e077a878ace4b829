"""A hospital with a pharmacy and a maternity ward, a live kiosk and a sandbox one; sandbox
citizens and courts' and offices' sandbox clients; the steps of the sandbox's HTTP API."""

from __future__ import annotations

import itertools

import pytest

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.identity.api_clients import create_api_client
from courier_api.identity.models import Citizen
from tests.factories import add_organisations, make_api_client, order_body, signed
from tests.helpers import at_local, login_owner
from tests.hospital.conftest import _points

_keys = itertools.count()


@pytest.fixture
def kiosks(app, world):
    """{"live": key, "sandbox": key} of the world's hospital, whose pharmacy and maternity
    ward are collected by station A. The clock starts at 10:00 in Shanghai."""
    clock.freeze(at_local(10, 0))
    with app.app_context():
        _points(world.organisations["hospital"], world.stations["A"])  # commits
        client, secret = create_api_client(
            organisation_id=world.organisations["hospital"], name="sandbox kiosk", sandbox=True
        )
        db.session.commit()
        return {"live": make_api_client(world), "sandbox": (client.key_id, secret)}


@pytest.fixture
def order(client, kiosks):
    """`order(kiosk="sandbox", **overrides)` -> the new hospital delivery (JSON)."""

    def post(kiosk: str = "sandbox", **overrides) -> dict:
        response = signed(
            client,
            "POST",
            "/v1/hospital/deliveries",
            kiosks[kiosk],
            json_body=order_body(f"RX{next(_keys)}", **overrides),
            extra_headers={"Idempotency-Key": f"order-{next(_keys)}"},
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return post


@pytest.fixture
def advance(client, kiosks):
    """`advance(shipment_id, to=None, pin=None, kiosk="sandbox")` -> the response."""

    def post(shipment_id: str, kiosk: str = "sandbox", **body):
        return signed(
            client,
            "POST",
            f"/v1/sandbox/shipments/{shipment_id}/advance",
            kiosks[kiosk],
            json_body={k: v for k, v in body.items() if v is not None},
        )

    return post


@pytest.fixture
def sandbox_citizen(app, client):
    """`sandbox_citizen(code)` -> headers of a citizen marked sandbox (as
    `flask sandbox-citizen` does), logged in afresh (`code`: a reusable demo- code)."""

    def login(code: str) -> dict[str, str]:
        owner = login_owner(client, code)
        with app.app_context():
            db.session.get(Citizen, owner.owner[1]).sandbox = True
            db.session.commit()
        return login_owner(client, code).headers

    return login


@pytest.fixture
def sandbox_client(app, world):
    """`sandbox_client(organisation)` -> the key of a new sandbox API client of one of the
    world's courts or offices (made with them)."""

    def make(organisation: str) -> tuple[str, str]:
        with app.app_context():
            if organisation not in world.organisations:
                add_organisations(world)
            made, secret = create_api_client(
                organisation_id=world.organisations[organisation],
                name=f"{organisation} sandbox",
                sandbox=True,
            )
            db.session.commit()
            return made.key_id, secret

    return make
