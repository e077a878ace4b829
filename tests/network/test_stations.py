"""Stations (If-Match on every edit) and the product catalogue."""

from __future__ import annotations

import pytest

from tests.factories import box, login
from tests.helpers import assert_problem, race


def station_url(world, name="A") -> str:
    return f"/v1/stations/{world.stations[name]}"


def test_any_caller_reads_stations_with_an_etag(client, as_, world):
    listed = client.get("/v1/stations", headers=as_("courier_b")).get_json()
    assert [s["code"] for s in listed["items"]] == ["ST-A", "ST-B"]
    one = client.get(station_url(world), headers=as_("clerk_hospital"))
    assert one.status_code == 200
    assert one.headers["ETag"] == '"1"'
    assert one.get_json()["opening_hours"][0] == {"open": "00:00", "close": "23:59"}
    assert_problem(
        client.get("/v1/stations/stn_nope", headers=as_("admin")), 404, "station_not_found"
    )


def test_patch_needs_if_match(client, as_, world):
    response = client.patch(station_url(world), json={"cutoff_time": "16:00"}, headers=as_("admin"))
    assert_problem(response, 428, "precondition_required")
    after = client.get(station_url(world), headers=as_("admin")).get_json()
    assert after["cutoff_time"] == "17:00"


def test_patch_with_current_etag_changes_and_bumps_it(client, as_, world):
    admin = as_("admin")
    etag = client.get(station_url(world), headers=admin).headers["ETag"]
    response = client.patch(
        station_url(world),
        json={"cutoff_time": "16:00", "service_area": box(113.30, 22.40, 113.45, 22.60)},
        headers={**admin, "If-Match": etag},
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["cutoff_time"] == "16:00"
    assert response.headers["ETag"] == '"2"'
    # The old ETag is now stale.
    stale = client.patch(
        station_url(world), json={"cutoff_time": "15:00"}, headers={**admin, "If-Match": etag}
    )
    body = assert_problem(stale, 412, "precondition_failed")
    assert body["current_etag"] == '"2"'
    assert client.get(station_url(world), headers=admin).get_json()["cutoff_time"] == "16:00"


def test_only_admins_edit_stations(client, as_, world):
    response = client.patch(
        station_url(world),
        json={"cutoff_time": "16:00"},
        headers={**as_("dispatcher_a"), "If-Match": '"1"'},
    )
    assert_problem(response, 403, "forbidden")


def test_a_patch_changes_what_it_gives_even_false_and_nothing_else(client, as_, world):
    admin = as_("admin")
    before = client.get(station_url(world), headers=admin).get_json()
    nulled = client.patch(
        station_url(world), json={"name": None}, headers={**admin, "If-Match": '"1"'}
    )
    assert "name" in {
        e["field"] for e in assert_problem(nulled, 422, "validation_failed")["errors"]
    }
    response = client.patch(
        station_url(world), json={"active": False}, headers={**admin, "If-Match": '"1"'}
    )
    assert response.status_code == 200, response.get_json()
    after = response.get_json()
    assert after["active"] is False
    unchanged = {"active", "version", "updated_at"}
    assert {k: v for k, v in after.items() if k not in unchanged} == {
        k: v for k, v in before.items() if k not in unchanged
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"service_area": [[113.3, 22.4], [113.4, 22.4], [113.3, 22.4]]}, "service_area"),
        (
            {"service_area": [[113.3, 22.4], [113.4, 22.4], [113.4, 22.5], [113.3, 22.41]]},
            "service_area",
        ),
        (
            {"service_area": [[113.3, 95.0], [113.4, 22.4], [113.4, 22.5], [113.3, 95.0]]},
            "service_area.0",
        ),
        ({"cutoff_time": "25:00"}, "cutoff_time"),
        ({"opening_hours": [None] * 6}, "opening_hours"),
        ({"opening_hours": [{"open": "20:00", "close": "08:00"}] * 7}, "opening_hours.0.close"),
        ({"area_type": "suburb"}, "area_type"),
    ],
)
def test_invalid_station_edits_are_refused_and_change_nothing(client, as_, world, changes, field):
    admin = as_("admin")
    response = client.patch(station_url(world), json=changes, headers={**admin, "If-Match": '"1"'})
    body = assert_problem(response, 422, "validation_failed")
    assert field in {e["field"] for e in body["errors"]}
    assert client.get(station_url(world), headers=admin).headers["ETag"] == '"1"'


@pytest.mark.postgres
def test_two_admins_racing_with_one_etag_cannot_both_win(app, world):
    client = app.test_client()
    token = login(client, world, "admin")

    def edit(n: int) -> int:
        return (
            app.test_client()
            .patch(
                station_url(world),
                json={"name": f"Renamed {n}"},
                headers={"Authorization": f"Bearer {token}", "If-Match": '"1"'},
            )
            .status_code
        )

    statuses = race(6, edit)
    assert sorted(statuses) == [200] + [412] * 5
    final = client.get(station_url(world), headers={"Authorization": f"Bearer {token}"})
    assert final.headers["ETag"] == '"2"'


def test_products_show_the_catalogue_numbers(client, world):
    response = client.get("/v1/products")  # public: the price list is not a secret
    assert response.status_code == 200
    body = response.get_json()
    assert body["catalogue_version"] == 1
    products = {p["code"]: p["rules"] for p in body["products"]}
    assert set(products) == {
        "express",
        "prescription",
        "medical_record",
        "birth_certificate",
        "court_document",
        "traffic_archive",
    }
    assert products["express"]["fees"]["first_kg_fen"] == 1200
    assert products["express"]["insurance"]["max_declared_fen"] == 2_000_000
    assert products["birth_certificate"]["insurance"] == {
        "mode": "fixed",
        "fixed_cover_fen": 50_000,
    }
    assert products["court_document"]["max_attempts"] == 3
    assert body["network_rules"]["quote_valid_min"] == 15
