"""`requires` and the Idempotency-Key ride on one decorator: the role is checked before the
key is claimed, and there is no order between the two to get wrong."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from courier_api.core.idempotency import IdempotencyKey
from courier_api.core.security import PUBLIC, requires
from courier_api.extensions import db
from tests.factories import login
from tests.helpers import assert_problem


def test_a_view_takes_one_rule_and_a_public_view_no_key():
    @requires("admin")
    def view():
        return None

    with pytest.raises(TypeError, match="already has an auth rule"):
        requires("admin", idempotent=True)(view)
    with pytest.raises(ValueError, match="PUBLIC"):
        requires(PUBLIC, idempotent=True)


def test_a_caller_of_another_role_is_refused_before_the_key_is_read_or_claimed(client, world, app):
    courier = {"Authorization": f"Bearer {login(client, world, 'courier_a')}"}
    order = {"product": "express", "pickup": {}, "parcels": []}  # never parsed
    # No key: the role is what is wrong (403), not the missing key (400).
    assert_problem(client.post("/v1/pickups", json=order, headers=courier), 403, "forbidden")
    keyed = {**courier, "Idempotency-Key": "not-mine-to-take"}
    assert_problem(client.post("/v1/pickups", json=order, headers=keyed), 403, "forbidden")
    with app.app_context():
        claimed = db.session.scalars(
            sa.select(IdempotencyKey.key).where(IdempotencyKey.key == "not-mine-to-take")
        ).all()
    assert claimed == []
