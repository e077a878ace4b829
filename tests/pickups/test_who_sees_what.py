"""A sender sees the pickup they asked for in full; the network's staff see it masked."""

from __future__ import annotations

from tests.factories import PICKUP, RECIPIENT
from tests.helpers import order_pickup


def test_the_citizen_sees_their_own_order_in_full_the_dispatcher_masked(client, citizen, as_):
    order = order_pickup(client, citizen)
    full = {k: PICKUP[k] for k in ("name", "phone", "address")}
    assert order["pickup"] == full
    assert client.get(f"/v1/pickups/{order['id']}", headers=citizen).get_json()["pickup"] == full

    dispatcher = as_("dispatcher_a")
    seen = client.get(f"/v1/pickups/{order['id']}", headers=dispatcher).get_json()
    assert seen["pickup"] == {
        "name": "王**",
        "phone": "138******00",
        "address": "中山市孙文中路1号*栋***室",
    }
    shipment_id = order["shipments"][0]["id"]
    mine = client.get(f"/v1/shipments/{shipment_id}", headers=citizen).get_json()
    assert mine["recipient"]["name"] == RECIPIENT["name"]
    staff = client.get(f"/v1/shipments/{shipment_id}", headers=dispatcher).get_json()
    assert staff["recipient"]["name"] == "李*" and staff["sender"]["name"] == "王**"
