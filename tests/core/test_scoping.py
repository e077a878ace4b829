"""Scoped reads run statements kept a caller (`core.scoping.built_for`): what one caller
may read stays closed to another of the same role, whoever read it first."""

from __future__ import annotations

from tests.helpers import login_citizen, order_pickup


def test_a_citizens_order_and_shipment_stay_theirs_once_read(client, citizen):
    order = order_pickup(client, citizen)
    shipment = order["shipments"][0]
    urls = [
        f"/v1/pickups/{order['id']}",
        f"/v1/shipments/{shipment['id']}",
        f"/v1/shipments/{shipment['waybill']}",
        f"/v1/shipments/{shipment['id']}/timeline",
        f"/v1/shipments/{shipment['waybill']}/timeline",
    ]
    other = login_citizen(client, "another-sender")
    for _ in range(2):  # the second time, every statement is a kept one
        for url in urls:
            assert client.get(url, headers=citizen).status_code == 200, url
            assert client.get(url, headers=other).status_code == 404, url


def test_a_task_is_seen_by_its_stations_dispatcher_alone(client, citizen, as_):
    task_id = order_pickup(client, citizen)["task"]["id"]
    dispatchers = {who: as_(who) for who in ("dispatcher_a", "dispatcher_b")}
    for _ in range(2):
        seen = {
            who: client.get(f"/v1/dispatch/tasks/{task_id}", headers=headers).status_code
            for who, headers in dispatchers.items()
        }
        assert sorted(seen.values()) == [200, 404], seen
