"""The staff API the console's admin screens stand on: accounts with a role and its scope,
changes that end the account's sessions, and ending them on demand."""

from __future__ import annotations

from tests.factories import PASSWORD, login
from tests.helpers import assert_problem


def _new_staff(client, admin, key: str = "staff-1", **overrides):
    body = {
        "username": "dispatcher_new",
        "name": "新调度员",
        "role": "dispatcher",
        "station_ids": [],
        "password": "long enough secret",
        **overrides,
    }
    return client.post("/v1/staff", json=body, headers={**admin, "Idempotency-Key": key})


def test_an_admin_creates_a_dispatcher_who_sees_only_their_station(client, as_, world):
    admin = as_("admin")
    made = _new_staff(client, admin, station_ids=[world.stations["B"]])
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["station_ids"] == [world.stations["B"]] and body["active"] is True
    assert "password" not in body
    assert client.get(made.headers["Location"], headers=admin).get_json()["id"] == body["id"]
    token = client.post(
        "/v1/auth/staff/login",
        json={"username": "dispatcher_new", "password": "long enough secret"},
    ).get_json()["access_token"]
    mine = {"Authorization": f"Bearer {token}"}
    board = client.get(f"/v1/dispatch/board?station={world.stations['A']}", headers=mine)
    assert_problem(board, 404, "station_not_found")
    listed = client.get("/v1/staff?role=dispatcher", headers=admin).get_json()["items"]
    assert {s["username"] for s in listed} == {"dispatcher_a", "dispatcher_b", "dispatcher_new"}


def test_a_role_needs_its_scope_and_a_username_is_unique(client, as_, world):
    admin = as_("admin")
    no_station = _new_staff(client, admin, key="k1")
    assert assert_problem(no_station, 422, "validation_failed")["errors"][0]["field"] == (
        "station_ids"
    )
    clerk = _new_staff(client, admin, key="k2", username="clerk_x", role="org_clerk")
    assert_problem(clerk, 422, "validation_failed")
    taken = _new_staff(client, admin, key="k3", username="admin", role="admin")
    assert_problem(taken, 409, "username_taken")
    clerk_ok = _new_staff(
        client,
        admin,
        key="k4",
        username="clerk_x",
        role="org_clerk",
        organisation_id=world.organisations["hospital"],
        station_ids=[world.stations["A"]],
    )
    assert clerk_ok.status_code == 201
    # A clerk keeps no stations: the scope is the role's.
    assert clerk_ok.get_json()["station_ids"] == []


def test_only_an_admin_manages_staff(client, as_, world):
    for who in ("dispatcher_a", "clerk_hospital", "adjuster"):
        assert_problem(client.get("/v1/staff", headers=as_(who)), 403, "forbidden")
    staff_id = world.staff["dispatcher_b"]
    ended = client.post(f"/v1/staff/{staff_id}/end-sessions", headers=as_("dispatcher_a"))
    assert_problem(ended, 403, "forbidden")
    assert_problem(client.get("/v1/staff/stf_nope", headers=as_("admin")), 404, "staff_not_found")


def test_a_changed_role_ends_the_old_tokens_and_the_next_login_has_the_new_rights(
    client, as_, world
):
    old = as_("dispatcher_a")
    staff_id = world.staff["dispatcher_a"]
    changed = client.patch(
        f"/v1/staff/{staff_id}",
        json={"station_ids": [world.stations["B"]]},
        headers=as_("admin"),
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["station_ids"] == [world.stations["B"]]
    assert_problem(client.get("/v1/dispatch/board", headers=old), 401, "session_revoked")
    fresh = {"Authorization": f"Bearer {login(client, world, 'dispatcher_a')}"}
    board = client.get(f"/v1/dispatch/board?station={world.stations['A']}", headers=fresh)
    assert_problem(board, 404, "station_not_found")

    to_admin = client.patch(f"/v1/staff/{staff_id}", json={"role": "admin"}, headers=as_("admin"))
    assert to_admin.get_json()["station_ids"] == []


def test_a_deactivated_account_cannot_log_in(client, as_, world):
    staff_id = world.staff["adjuster"]
    patched = client.patch(f"/v1/staff/{staff_id}", json={"active": False}, headers=as_("admin"))
    assert patched.get_json()["active"] is False
    again = {"username": "adjuster", "password": PASSWORD}
    refused = client.post("/v1/auth/staff/login", json=again)
    assert_problem(refused, 401, "invalid_credentials")


def test_ending_sessions_logs_the_account_out_everywhere_at_once(client, as_, world):
    first, second = as_("dispatcher_b"), as_("dispatcher_b")
    staff_id = world.staff["dispatcher_b"]
    ended = client.post(f"/v1/staff/{staff_id}/end-sessions", headers=as_("admin"))
    assert ended.get_json() == {"ended": 2}
    for headers in (first, second):
        assert_problem(client.get("/v1/dispatch/board", headers=headers), 401, "session_revoked")
    assert client.get("/v1/dispatch/board", headers=as_("dispatcher_b")).status_code == 200
