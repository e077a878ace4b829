"""API clients created, rotated and revoked over HTTP (the CLI calls the same functions):
admins for any organisation; a clerk for their own; a client for itself only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier_api.core import clock
from tests.factories import make_api_client, make_organisation, signed
from tests.helpers import assert_problem


@pytest.fixture
def kiosks(app, world):
    """Two clients of hospital H1 and one of a court."""
    with app.app_context():
        make_organisation(world, "court")
        return {
            "one": make_api_client(world),
            "two": make_api_client(world),
            "court": make_api_client(world, "court"),
        }


def _new_client(client, as_, organisation_id, name="药房自助机 3"):
    return client.post(
        f"/v1/organisations/{organisation_id}/api-clients",
        json={"name": name},
        headers=as_("admin"),
    )


def test_an_admin_creates_a_client_whose_secret_signs_at_once(client, as_, world):
    response = _new_client(client, as_, world.organisations["hospital"])
    assert response.status_code == 201, response.get_json()
    made = response.get_json()
    assert made["secret"].startswith("cks_")
    assert made["organisation_id"] == world.organisations["hospital"]
    assert response.headers["Location"] == f"/v1/api-clients/{made['key_id']}"
    read = client.get(response.headers["Location"], headers=as_("admin")).get_json()
    assert read["name"] == "药房自助机 3"
    assert "secret" not in read  # shown once, at creation
    key = (made["key_id"], made["secret"])
    assert signed(client, "GET", "/v1/stations", key).status_code == 200


def test_creating_a_client_is_refused_cleanly(client, as_, world):
    assert_problem(_new_client(client, as_, "org_nope"), 404, "organisation_not_found")
    hospital = world.organisations["hospital"]
    empty = client.post(
        f"/v1/organisations/{hospital}/api-clients", json={"name": ""}, headers=as_("admin")
    )
    assert "name" in {e["field"] for e in assert_problem(empty, 422, "validation_failed")["errors"]}
    by_clerk = client.post(
        f"/v1/organisations/{hospital}/api-clients",
        json={"name": "x"},
        headers=as_("clerk_hospital"),
    )
    assert_problem(by_clerk, 403, "forbidden")
    listed = client.get(f"/v1/organisations/{hospital}/api-clients", headers=as_("admin"))
    assert listed.get_json()["items"] == []


def test_a_clerk_rotates_their_organisations_client_with_an_overlap(client, as_, kiosks):
    key_id = kiosks["one"][0]
    response = client.post(
        f"/v1/api-clients/{key_id}/rotate",
        json={"overlap_hours": 2},
        headers=as_("clerk_hospital"),
    )
    assert response.status_code == 200, response.get_json()
    rotated = response.get_json()
    assert rotated["key_id"] == key_id
    new_key = (key_id, rotated["secret"])
    assert signed(client, "GET", "/v1/stations", kiosks["one"]).status_code == 200
    assert signed(client, "GET", "/v1/stations", new_key).status_code == 200
    clock.freeze(clock.now() + timedelta(hours=2, seconds=1))
    assert_problem(signed(client, "GET", "/v1/stations", kiosks["one"]), 401, "invalid_signature")
    assert signed(client, "GET", "/v1/stations", new_key).status_code == 200


@pytest.mark.parametrize("overlap", [-1, 169, "24", None])
def test_a_bad_overlap_is_refused_and_the_secret_kept(client, as_, kiosks, overlap):
    key_id = kiosks["one"][0]
    response = client.post(
        f"/v1/api-clients/{key_id}/rotate", json={"overlap_hours": overlap}, headers=as_("admin")
    )
    problem = assert_problem(response, 422, "validation_failed")
    assert "overlap_hours" in {e["field"] for e in problem["errors"]}
    clock.freeze(clock.now() + timedelta(days=8))
    assert signed(client, "GET", "/v1/stations", kiosks["one"]).status_code == 200


def test_revoked_clients_are_refused_and_stay_revoked(client, as_, kiosks):
    key_id = kiosks["one"][0]
    revoked = client.post(f"/v1/api-clients/{key_id}/revoke", headers=as_("clerk_hospital"))
    assert revoked.status_code == 200, revoked.get_json()
    assert revoked.get_json()["revoked_at"]
    assert_problem(signed(client, "GET", "/v1/stations", kiosks["one"]), 401, "invalid_client")
    again = client.post(f"/v1/api-clients/{key_id}/revoke", headers=as_("admin"))
    assert again.get_json()["revoked_at"] == revoked.get_json()["revoked_at"]
    rotated = client.post(f"/v1/api-clients/{key_id}/rotate", json={}, headers=as_("admin"))
    assert_problem(rotated, 409, "api_client_revoked")
    # Its sibling is untouched.
    assert signed(client, "GET", "/v1/stations", kiosks["two"]).status_code == 200


def test_a_client_rotates_itself_but_never_its_siblings(client, kiosks):
    own = signed(client, "POST", f"/v1/api-clients/{kiosks['one'][0]}/rotate", kiosks["one"])
    assert own.status_code == 200, own.get_json()
    assert own.get_json()["secret"]
    sibling = signed(client, "POST", f"/v1/api-clients/{kiosks['two'][0]}/revoke", kiosks["one"])
    assert_problem(sibling, 404, "api_client_not_found")
    assert signed(client, "GET", "/v1/stations", kiosks["two"]).status_code == 200


def test_a_clerk_lists_their_organisations_clients_only(client, as_, world, kiosks):
    hospital = world.organisations["hospital"]
    listed = client.get(f"/v1/organisations/{hospital}/api-clients", headers=as_("clerk_hospital"))
    assert sorted(c["key_id"] for c in listed.get_json()["items"]) == sorted(
        [kiosks["one"][0], kiosks["two"][0]]
    )
    court = world.organisations["court"]
    foreign = client.get(f"/v1/organisations/{court}/api-clients", headers=as_("clerk_hospital"))
    assert_problem(foreign, 404, "organisation_not_found")
    by_self = signed(client, "GET", f"/v1/organisations/{hospital}/api-clients", kiosks["one"])
    assert [c["key_id"] for c in by_self.get_json()["items"]] == [kiosks["one"][0]]
    assert_problem(
        client.post(f"/v1/api-clients/{kiosks['court'][0]}/revoke", headers=as_("clerk_hospital")),
        404,
        "api_client_not_found",
    )
    assert_problem(
        client.post(f"/v1/api-clients/{kiosks['one'][0]}/revoke", headers=as_("dispatcher_a")),
        403,
        "forbidden",
    )


def test_the_cli_refuses_the_overlaps_the_api_refuses(app, client, kiosks):
    from click.testing import CliRunner

    with app.app_context():
        result = CliRunner().invoke(
            app.cli,
            ["rotate-api-client-secret", "--key", kiosks["one"][0], "--overlap-hours", "-1"],
        )
    assert result.exit_code != 0
    assert "overlap_hours" in result.output
    clock.freeze(clock.now() + timedelta(days=8))
    assert signed(client, "GET", "/v1/stations", kiosks["one"]).status_code == 200
