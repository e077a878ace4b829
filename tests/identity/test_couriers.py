"""The people endpoints: couriers scoped to their station, unique employee numbers, paging."""

from __future__ import annotations

import pytest

from courier_api.identity.models import Courier
from tests.factories import courier_body, login
from tests.helpers import assert_problem, count_rows, post_courier, race


def test_dispatcher_creates_and_lists_couriers_of_their_station(client, as_, world):
    dispatcher = as_("dispatcher_a")
    created = post_courier(client, dispatcher, courier_body(world))
    assert created.status_code == 201
    courier = created.get_json()
    assert courier["station_id"] == world.stations["A"]
    assert "password" not in courier and "password_hash" not in courier
    read_back = client.get(created.headers["Location"], headers=dispatcher)
    assert read_back.get_json()["id"] == courier["id"]
    # A replay of the same key answers the same Location.
    replayed = post_courier(client, dispatcher, courier_body(world))
    assert replayed.headers["Location"] == created.headers["Location"]
    listed = client.get("/v1/couriers", headers=dispatcher).get_json()
    assert {c["employee_no"] for c in listed["items"]} == {"E0001", "E9001"}
    assert listed["next_cursor"] is None
    # The new courier can log in with the password the dispatcher set.
    login = client.post(
        "/v1/auth/courier/login",
        json={"employee_no": "E9001", "password": "long enough secret", "device_id": "d"},
    )
    assert login.status_code == 200


def test_an_admin_lists_one_stations_couriers_and_an_empty_filter_is_none(client, as_, world):
    admin = as_("admin")

    def employee_nos(query: str) -> set[str]:
        listed = client.get(f"/v1/couriers{query}", headers=admin).get_json()
        return {c["employee_no"] for c in listed["items"]}

    assert employee_nos(f"?station_id={world.stations['B']}") == {"E0002"}
    assert employee_nos("?station_id=") == employee_nos("") == {"E0001", "E0002"}


def test_dispatcher_of_another_station_gets_404(client, as_, world):
    foreign = world.couriers["courier_b"]
    assert_problem(
        client.get(f"/v1/couriers/{foreign}", headers=as_("dispatcher_a")), 404, "courier_not_found"
    )
    assert_problem(
        client.post(f"/v1/couriers/{foreign}/release-device", headers=as_("dispatcher_a")),
        404,
        "courier_not_found",
    )
    assert client.get(f"/v1/couriers/{foreign}", headers=as_("dispatcher_b")).status_code == 200
    assert client.get(f"/v1/couriers/{foreign}", headers=as_("admin")).status_code == 200


def test_dispatcher_cannot_create_a_courier_in_another_station(client, as_, world, app):
    response = post_courier(
        client, as_("dispatcher_a"), courier_body(world, station_id=world.stations["B"])
    )
    body = assert_problem(response, 422, "validation_failed")
    assert body["errors"][0]["field"] == "station_id"
    assert count_rows(app, Courier) == 2


def test_duplicate_employee_number_is_409(client, as_, world):
    response = post_courier(client, as_("admin"), courier_body(world, employee_no="E0001"))
    assert_problem(response, 409, "employee_no_taken")


def test_cursor_pages_through_couriers(client, as_, world):
    admin = as_("admin")
    for n in range(5):
        post_courier(client, admin, courier_body(world, employee_no=f"P{n}"), key=f"page-{n}")
    seen: list[str] = []
    cursor = None
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/couriers", query_string=query, headers=admin).get_json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7
    assert_problem(client.get("/v1/couriers?cursor=garbage!", headers=admin), 400, "invalid_cursor")
    assert_problem(client.get("/v1/couriers?limit=0", headers=admin), 422, "validation_failed")
    assert_problem(client.get("/v1/couriers?limit=201", headers=admin), 422, "validation_failed")


@pytest.mark.postgres
def test_concurrent_different_keys_same_employee_number_one_wins(app, world):
    client = app.test_client()
    token = login(client, world, "admin")

    def attempt(n: int) -> int:
        return (
            app.test_client()
            .post(
                "/v1/couriers",
                json=courier_body(world),
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": f"k-{n}"},
            )
            .status_code
        )

    statuses = race(6, attempt)
    assert sorted(statuses) == [201] + [409] * 5
