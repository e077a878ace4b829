"""Onboarding organisations and their pickup points (API and CLI), and the public
directory of hospitals the mini-program chooses from."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.helpers import assert_problem, race

#: Inside station A's service area (tests/factories.py).
PHARMACY = {
    "kind": "pharmacy",
    "name": "门诊药房",
    "address": "中山市东区孙文中路2号",
    "lat": 22.52,
    "lng": 113.39,
    "run_times": ["16:00", "11:00"],
}


def _create(client, as_, body, key="k1", who="admin"):
    return client.post("/v1/organisations", json=body, headers=as_(who, **{"Idempotency-Key": key}))


def _hospital(client, as_, world, name="中山市第二人民医院", key="h2") -> dict:
    body = {"region_id": world.region_id, "kind": "hospital", "name": name}
    response = _create(client, as_, body, key)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _add_point(client, as_, world, organisation_id, key="p1", **changes):
    body = {**PHARMACY, "station_id": world.stations["A"], **changes}
    return client.post(
        f"/v1/organisations/{organisation_id}/pickup-points",
        json=body,
        headers=as_("admin", **{"Idempotency-Key": key}),
    )


def test_an_admin_onboards_a_hospital_and_reads_it_back(client, as_, world):
    response = _create(
        client,
        as_,
        {"region_id": world.region_id, "kind": "hospital", "name": "中山市第二人民医院"},
    )
    assert response.status_code == 201, response.get_json()
    made = response.get_json()
    assert response.headers["Location"] == f"/v1/organisations/{made['id']}"
    read = client.get(response.headers["Location"], headers=as_("admin"))
    assert read.status_code == 200
    assert read.headers["ETag"] == '"1"'
    assert read.get_json()["name"] == "中山市第二人民医院"
    assert read.get_json()["pickup_points"] == []


def test_creating_an_organisation_needs_an_idempotency_key_and_replays(client, as_, world):
    body = {"region_id": world.region_id, "kind": "court", "name": "中山市第三人民法院"}
    missing = client.post("/v1/organisations", json=body, headers=as_("admin"))
    assert_problem(missing, 400, "idempotency_key_missing")
    first = _create(client, as_, body, "same")
    again = _create(client, as_, body, "same")
    assert again.get_json()["id"] == first.get_json()["id"]
    listed = client.get("/v1/organisations?kind=court", headers=as_("admin")).get_json()
    assert [o["name"] for o in listed["items"]] == ["中山市第三人民法院"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "pharmacy", "name": "X"}, "kind"),
        ({"kind": "hospital", "name": ""}, "name"),
        ({"kind": "hospital"}, "name"),
        ({"kind": "hospital", "name": "X", "region_id": "reg_nope"}, "region_id"),
        ({"kind": "hospital", "name": "X", "phone": "13800138000"}, "phone"),
    ],
)
def test_bad_organisations_are_refused_and_nothing_is_created(client, as_, world, body, field):
    response = _create(client, as_, {"region_id": world.region_id, **body})
    problem = assert_problem(response, 422, "validation_failed")
    assert field in {e["field"] for e in problem["errors"]}
    listed = client.get("/v1/organisations", headers=as_("admin")).get_json()
    assert [o["name"] for o in listed["items"]] == ["H1"]


def test_only_admins_create_and_edit(client, as_, world):
    body = {"region_id": world.region_id, "kind": "hospital", "name": "X"}
    assert_problem(_create(client, as_, body, who="clerk_hospital"), 403, "forbidden")
    assert_problem(_create(client, as_, body, who="dispatcher_a"), 403, "forbidden")
    url = f"/v1/organisations/{world.organisations['hospital']}"
    edit = client.patch(
        url, json={"name": "Y"}, headers=as_("clerk_hospital", **{"If-Match": '"1"'})
    )
    assert_problem(edit, 403, "forbidden")


def test_renaming_needs_the_current_etag(client, as_, world):
    url = f"/v1/organisations/{world.organisations['hospital']}"
    admin = as_("admin")
    assert_problem(
        client.patch(url, json={"name": "新名"}, headers=admin), 428, "precondition_required"
    )
    renamed = client.patch(url, json={"name": "新名"}, headers={**admin, "If-Match": '"1"'})
    assert renamed.status_code == 200, renamed.get_json()
    assert renamed.headers["ETag"] == '"2"'
    stale = client.patch(url, json={"name": "旧名"}, headers={**admin, "If-Match": '"1"'})
    assert assert_problem(stale, 412, "precondition_failed")["current_etag"] == '"2"'
    # Kind is fixed at creation: a hospital cannot become a court by an edit.
    retyped = client.patch(
        url, json={"name": "X", "kind": "court"}, headers={**admin, "If-Match": '"2"'}
    )
    assert "kind" in {
        e["field"] for e in assert_problem(retyped, 422, "validation_failed")["errors"]
    }
    assert client.get(url, headers=admin).get_json()["name"] == "新名"


def test_a_clerk_reads_their_own_organisation_only(client, as_, world):
    other = _hospital(client, as_, world)
    clerk = as_("clerk_hospital")
    own = client.get(f"/v1/organisations/{world.organisations['hospital']}", headers=clerk)
    assert own.status_code == 200
    assert_problem(
        client.get(f"/v1/organisations/{other['id']}", headers=clerk), 404, "organisation_not_found"
    )
    listed = client.get("/v1/organisations", headers=clerk).get_json()
    assert [o["id"] for o in listed["items"]] == [world.organisations["hospital"]]
    assert_problem(client.get("/v1/organisations", headers=as_("courier_a")), 403, "forbidden")


def test_pickup_points_are_added_and_edited_with_if_match(client, as_, world):
    hospital = _hospital(client, as_, world)
    response = _add_point(client, as_, world, hospital["id"])
    assert response.status_code == 201, response.get_json()
    point = response.get_json()
    assert point["run_times"] == ["11:00", "16:00"]  # kept in order, once each
    url = f"/v1/organisations/{hospital['id']}/pickup-points/{point['id']}"
    assert response.headers["Location"] == url
    admin = as_("admin")
    edit = client.patch(
        url, json={"run_times": ["10:00"], "name": "西药房"}, headers={**admin, "If-Match": '"1"'}
    )
    assert edit.status_code == 200, edit.get_json()
    assert edit.headers["ETag"] == '"2"'
    retyped = client.patch(
        url, json={"kind": "maternity_ward"}, headers={**admin, "If-Match": '"2"'}
    )
    assert "kind" in {
        e["field"] for e in assert_problem(retyped, 422, "validation_failed")["errors"]
    }
    after = client.get(url, headers=admin).get_json()
    assert (after["name"], after["run_times"], after["kind"]) == ("西药房", ["10:00"], "pharmacy")
    assert (
        client.get(f"/v1/organisations/{hospital['id']}", headers=admin).get_json()[
            "pickup_points"
        ][0]["id"]
        == point["id"]
    )
    # Another hospital's clerk cannot read it.
    assert client.get(url, headers=as_("clerk_hospital")).status_code == 404
    # The point is not reachable under another organisation's id.
    wrong = f"/v1/organisations/{world.organisations['hospital']}/pickup-points/{point['id']}"
    assert_problem(client.get(wrong, headers=admin), 404, "pickup_point_not_found")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"kind": "court_office"}, "kind", "kind"),
        ({"lat": 22.30}, "station_id", "outside_area"),
        ({"station_id": "stn_nope"}, "station_id", "unknown_station"),
        ({"run_times": ["25:00"]}, "run_times.0", "invalid"),
        ({"lat": "22.5"}, "lat", "invalid"),
        ({"lng": 200}, "lng", "invalid"),
    ],
)
def test_bad_pickup_points_are_refused_and_nothing_is_added(
    client, as_, world, changes, field, code
):
    hospital = world.organisations["hospital"]
    problem = assert_problem(
        _add_point(client, as_, world, hospital, **changes), 422, "validation_failed"
    )
    fields = {e["field"] for e in problem["errors"]}
    assert field in fields, problem
    if code != "invalid":
        assert code in {e["code"] for e in problem["errors"]}
    read = client.get(f"/v1/organisations/{hospital}", headers=as_("admin")).get_json()
    assert read["pickup_points"] == []


def test_moving_a_point_out_of_its_stations_area_is_refused(client, as_, world):
    hospital = world.organisations["hospital"]
    point = _add_point(client, as_, world, hospital).get_json()
    url = f"/v1/organisations/{hospital}/pickup-points/{point['id']}"
    # Its hospital's clerk reads it (the kiosk sends its id with orders).
    assert client.get(url, headers=as_("clerk_hospital")).status_code == 200
    admin = as_("admin")
    moved = client.patch(url, json={"lng": 113.46}, headers={**admin, "If-Match": '"1"'})
    assert_problem(moved, 422, "validation_failed")
    # Moving it with the station that serves the new place is fine.
    both = client.patch(
        url,
        json={"lng": 113.46, "station_id": world.stations["B"]},
        headers={**admin, "If-Match": '"1"'},
    )
    assert both.status_code == 200, both.get_json()
    assert both.get_json()["station_id"] == world.stations["B"]


def test_the_directory_lists_hospitals_and_their_points_publicly(client, as_, world):
    court = {"region_id": world.region_id, "kind": "court", "name": "法院"}
    assert _create(client, as_, court, "court").status_code == 201
    second = _hospital(client, as_, world)
    _add_point(client, as_, world, second["id"])
    _add_point(client, as_, world, second["id"], "p2", kind="maternity_ward", name="产科")
    first = client.get("/v1/hospitals?limit=1")  # no credentials: the mini-program
    assert first.status_code == 200
    page = first.get_json()
    assert [h["name"] for h in page["items"]] == ["H1"]
    assert page["next_cursor"]
    rest = client.get(f"/v1/hospitals?limit=1&cursor={page['next_cursor']}").get_json()
    [hospital] = rest["items"]
    assert rest["next_cursor"] is None
    assert hospital["id"] == second["id"]
    assert [p["kind"] for p in hospital["pickup_points"]] == ["pharmacy", "maternity_ward"]
    assert set(hospital["pickup_points"][0]) == {
        "id",
        "kind",
        "name",
        "address",
        "lat",
        "lng",
        "run_times",
    }
    assert set(hospital) == {"id", "region_id", "name", "pickup_points"}


def test_the_directory_refuses_bad_paging(client, world):
    assert_problem(client.get("/v1/hospitals?cursor=nonsense"), 400, "invalid_cursor")
    assert_problem(client.get("/v1/hospitals?limit=0"), 422, "validation_failed")


def test_the_directory_is_rate_limited_per_address(client, app, world):
    limits = app.config["RATE_LIMITS"]
    saved, limits["public_directory"] = limits["public_directory"], "2/60"
    try:
        codes = [client.get("/v1/hospitals").status_code for _ in range(3)]
    finally:
        limits["public_directory"] = saved
    assert codes == [200, 200, 429]


def _cli(app, *args: str):
    with app.app_context():
        return CliRunner().invoke(app.cli, list(args))


def test_the_cli_onboards_an_organisation_and_lists_ids(app, world):
    made = _cli(app, "create-organisation", "--region", "TST", "--kind", "court", "--name", "法院")
    assert made.exit_code == 0, made.output
    org_id = made.output.split()[1]
    point = _cli(
        app, "create-pickup-point", "--org", org_id, "--kind", "court_office", "--name", "收发室",
        "--address", "中山市东区起湾道1号", "--lat", "22.53", "--lng", "113.38",
        "--station", "ST-A", "--run-times", "10:00, 15:00",
    )  # fmt: skip
    assert point.exit_code == 0, point.output
    point_id = point.output.split()[2]
    renamed = _cli(app, "edit-organisation", org_id, "--name", "中山市第一人民法院")
    assert renamed.exit_code == 0, renamed.output
    moved = _cli(app, "edit-pickup-point", point_id, "--run-times", "09:30")
    assert moved.exit_code == 0, moved.output
    listed = _cli(app, "list-organisations", "--kind", "court")
    assert listed.exit_code == 0
    assert f"{org_id}  court" in listed.output
    assert "中山市第一人民法院" in listed.output
    assert f"{point_id}  court_office" in listed.output
    assert "(09:30)" in listed.output
    assert world.organisations["hospital"] not in listed.output


def test_the_cli_refuses_bad_input_as_the_api_does(app, world):
    bad_kind = _cli(
        app, "create-pickup-point", "--org", world.organisations["hospital"], "--kind",
        "court_office", "--name", "x", "--address", "y", "--lat", "22.52", "--lng", "113.39",
        "--station", "ST-A",
    )  # fmt: skip
    assert bad_kind.exit_code != 0
    assert "pharmacy" in bad_kind.output
    bad_time = _cli(
        app, "create-pickup-point", "--org", world.organisations["hospital"], "--kind",
        "pharmacy", "--name", "x", "--address", "y", "--lat", "22.52", "--lng", "113.39",
        "--station", "ST-A", "--run-times", "25:00",
    )  # fmt: skip
    assert bad_time.exit_code != 0
    assert "run_times.0" in bad_time.output
    no_region = _cli(app, "create-organisation", "--region", "XX", "--kind", "court", "--name", "x")
    assert no_region.exit_code != 0
    listed = _cli(app, "list-organisations")
    assert listed.output.count("org_") == 1
    assert "pp_" not in listed.output


@pytest.mark.postgres
def test_two_admins_renaming_with_one_etag_cannot_both_win(app, world):
    client = app.test_client()
    token = client.post(
        "/v1/auth/staff/login", json={"username": "admin", "password": "correct horse battery"}
    ).get_json()["access_token"]
    url = f"/v1/organisations/{world.organisations['hospital']}"

    def edit(n: int) -> int:
        headers = {"Authorization": f"Bearer {token}", "If-Match": '"1"'}
        return (
            app.test_client().patch(url, json={"name": f"Renamed {n}"}, headers=headers).status_code
        )

    assert sorted(race(6, edit)) == [200] + [412] * 5
