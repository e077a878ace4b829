"""Logins, token refresh and logout, as a handheld and a back-office browser use them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier_api.core import clock
from courier_api.identity.models import Courier
from tests.factories import PASSWORD, courier_body
from tests.helpers import assert_problem, count_rows


def courier_login(client, world, who="courier_a", device_id="device-1", password=PASSWORD):
    return client.post(
        "/v1/auth/courier/login",
        json={
            "employee_no": world.employee_nos[who],
            "password": password,
            "device_id": device_id,
        },
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_courier_login_binds_the_device_and_returns_tokens(client, world):
    response = courier_login(client, world)
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 15 * 60
    assert body["principal"] == {
        "kind": "courier",
        "id": world.couriers["courier_a"],
        "role": "courier",
        "station_ids": [world.stations["A"]],
        "organisation_id": None,
    }
    assert body["refresh_token"].startswith("rt_")
    # The same device may log in again; another device may not.
    assert courier_login(client, world).status_code == 200
    assert_problem(courier_login(client, world, device_id="stolen-phone"), 403, "device_not_bound")


def test_bad_password_and_unknown_account_look_the_same(client, world):
    wrong = assert_problem(
        courier_login(client, world, password="wrong password"), 401, "invalid_credentials"
    )
    unknown = client.post(
        "/v1/auth/staff/login", json={"username": "nobody", "password": "whatever"}
    )
    assert_problem(unknown, 401, "invalid_credentials")
    assert wrong["detail"] == unknown.get_json()["detail"]
    # A refused login binds nothing: the right password on another device still works.
    assert courier_login(client, world, device_id="device-2").status_code == 200


def test_released_device_lets_the_courier_move_to_a_new_handheld(client, world, as_):
    old = courier_login(client, world).get_json()
    released = client.post(
        f"/v1/couriers/{world.couriers['courier_a']}/release-device", headers=as_("dispatcher_a")
    )
    assert released.status_code == 200
    assert released.get_json()["device_bound"] is False
    # The old handheld's session ended with the release.
    assert_problem(
        client.get("/v1/stations", headers=bearer(old["access_token"])), 401, "session_revoked"
    )
    assert courier_login(client, world, device_id="new-phone").status_code == 200


def test_staff_login_carries_scope(client, world):
    body = client.post(
        "/v1/auth/staff/login", json={"username": "dispatcher_a", "password": PASSWORD}
    ).get_json()
    assert body["principal"]["role"] == "dispatcher"
    assert body["principal"]["station_ids"] == [world.stations["A"]]
    clerk = client.post(
        "/v1/auth/staff/login", json={"username": "clerk_hospital", "password": PASSWORD}
    ).get_json()
    assert clerk["principal"]["organisation_id"] == world.organisations["hospital"]


def test_expired_access_token_is_refused(client, world):
    token = courier_login(client, world).get_json()["access_token"]
    assert client.get("/v1/stations", headers=bearer(token)).status_code == 200
    clock.freeze(clock.now() + timedelta(minutes=15, seconds=1))
    assert_problem(client.get("/v1/stations", headers=bearer(token)), 401, "token_expired")


def test_refresh_rotates_and_reuse_ends_the_session(client, world):
    first = courier_login(client, world).get_json()
    second = client.post("/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    second = second.get_json()
    assert second["refresh_token"] != first["refresh_token"]
    assert client.get("/v1/stations", headers=bearer(second["access_token"])).status_code == 200

    # The spent token comes back (stolen, or a replayed request): the family is revoked.
    reused = client.post("/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert_problem(reused, 401, "refresh_token_reused")
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": second["refresh_token"]}),
        401,
        "invalid_refresh_token",
    )
    assert_problem(
        client.get("/v1/stations", headers=bearer(second["access_token"])), 401, "session_revoked"
    )


def test_unknown_refresh_token(client, world):
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": "rt_made_up"}),
        401,
        "invalid_refresh_token",
    )


def test_logout_ends_access_and_refresh(client, world):
    tokens = client.post(
        "/v1/auth/staff/login", json={"username": "admin", "password": PASSWORD}
    ).get_json()
    response = client.post("/v1/auth/logout", headers=bearer(tokens["access_token"]))
    assert response.status_code == 204
    assert response.data == b""
    assert_problem(
        client.get("/v1/couriers", headers=bearer(tokens["access_token"])), 401, "session_revoked"
    )
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}),
        401,
        "invalid_refresh_token",
    )


def test_an_ended_session_writes_nothing_and_replays_nothing(client, world, app):
    """An idempotent POST checks the session in its first statement (with the key's lock
    on PostgreSQL): a logged-out token is refused before the stored answer is replayed or
    any work done, and the refused request does not use its key up."""
    first = staff_login(client, "admin")
    created = client.post(
        "/v1/couriers",
        json=courier_body(world),
        headers={**bearer(first["access_token"]), "Idempotency-Key": "done-1"},
    )
    assert created.status_code == 201
    assert client.post("/v1/auth/logout", headers=bearer(first["access_token"])).status_code == 204
    before = count_rows(app, Courier)

    replay = client.post(
        "/v1/couriers",
        json=courier_body(world),
        headers={**bearer(first["access_token"]), "Idempotency-Key": "done-1"},
    )
    assert_problem(replay, 401, "session_revoked")
    assert "Idempotent-Replayed" not in replay.headers
    other = courier_body(world, employee_no="E9002")
    fresh = {**bearer(first["access_token"]), "Idempotency-Key": "new-1"}
    assert_problem(client.post("/v1/couriers", json=other, headers=fresh), 401, "session_revoked")
    assert count_rows(app, Courier) == before

    again = staff_login(client, "admin")
    retried = client.post(
        "/v1/couriers",
        json=other,
        headers={**bearer(again["access_token"]), "Idempotency-Key": "new-1"},
    )
    assert retried.status_code == 201
    assert "Idempotent-Replayed" not in retried.headers
    assert count_rows(app, Courier) == before + 1


def test_an_ended_session_hears_401_even_where_its_role_would_be_refused(client, world):
    tokens = courier_login(client, world).get_json()
    headers = bearer(tokens["access_token"])
    assert_problem(
        client.post(
            "/v1/couriers", json=courier_body(world), headers={**headers, "Idempotency-Key": "k"}
        ),
        403,
        "forbidden",
    )
    assert client.post("/v1/auth/logout", headers=headers).status_code == 204
    assert_problem(
        client.post(
            "/v1/couriers", json=courier_body(world), headers={**headers, "Idempotency-Key": "k"}
        ),
        401,
        "session_revoked",
    )
    # Nor does it hear what its request lacked.
    assert_problem(
        client.post("/v1/couriers", json=courier_body(world), headers=headers),
        401,
        "session_revoked",
    )


def staff_login(client, username: str) -> dict:
    response = client.post(
        "/v1/auth/staff/login", json={"username": username, "password": PASSWORD}
    )
    assert response.status_code == 200
    return response.get_json()


def test_logout_of_one_session_keeps_the_others(client, world):
    phone = client.post("/v1/auth/staff/login", json={"username": "admin", "password": PASSWORD})
    laptop = client.post("/v1/auth/staff/login", json={"username": "admin", "password": PASSWORD})
    client.post("/v1/auth/logout", headers=bearer(phone.get_json()["access_token"]))
    assert (
        client.get("/v1/couriers", headers=bearer(laptop.get_json()["access_token"])).status_code
        == 200
    )


@pytest.fixture
def strict_login_limit(app):
    limits = app.config["RATE_LIMITS"]
    saved = dict(limits)
    limits["login_account"] = "3/300"
    yield
    limits.clear()
    limits.update(saved)


def test_login_attempts_are_rate_limited(client, world, strict_login_limit):
    for _ in range(3):
        assert courier_login(client, world, password="guess guess").status_code == 401
    limited = courier_login(client, world)  # even the right password, once over the limit
    assert_problem(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1
    # Another account is not affected.
    assert courier_login(client, world, who="courier_b").status_code == 200
