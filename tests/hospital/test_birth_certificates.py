"""Birth certificates: the mother applies; the ward marks ready (the 15:00 rule decides
the run); only the named mother or father receives it, with ID and signature."""

from __future__ import annotations

import pytest

from courier_api.core import clock
from tests.factories import FATHER_ID, MOTHER_ID, SIGNATURE, STRANGER_ID, id_number
from tests.helpers import assert_problem, at_local, login_citizen, station_in


def application(world, **overrides) -> dict:
    return {
        "hospital_id": world.organisations["hospital"],
        "mother": {"name": "李娜", "id_number": MOTHER_ID},
        "father": {"name": "王强", "id_number": FATHER_ID},
        "baby": {"name": "王小宝", "birth_date": "2026-11-20"},
        "phone": "13912345678",
        "address": {"address": "中山市博爱路88号2栋101室", "lat": 22.52, "lng": 113.45},
        "consent": True,
        **overrides,
    }


@pytest.fixture
def apply(client, world, hospitals):
    """The mother applies in the mini-program; returns (her headers, the application)."""

    def submit(code: str = "demo-mother", **overrides) -> tuple[dict, dict]:
        mother = login_citizen(client, code)
        response = client.post(
            "/v1/birth-certificates",
            json=application(world, **overrides),
            headers={**mother, "Idempotency-Key": f"bc-{code}"},
        )
        assert response.status_code == 201, response.get_json()
        read_back = client.get(response.headers["Location"], headers=mother)
        assert read_back.get_json()["id"] == response.get_json()["id"]
        return mother, response.get_json()

    return submit


def _ready(client, as_, application_id: str, number: str = "Q440012345"):
    return client.post(
        f"/v1/birth-certificates/{application_id}/ready",
        json={"certificate_no": number},
        headers=as_("clerk_hospital"),
    )


def test_application_names_both_parents_to_its_owners_and_only_the_applicant_sees_it(
    client, apply, as_
):
    mother, created = apply(postage_on_delivery=True)
    assert created["state"] == "submitted" and created["shipment_state"] == "created"
    # The mother submitted the names: she sees them as she wrote them; ID numbers masked.
    assert [(p["role"], p["name"]) for p in created["parents"]] == [
        ("mother", "李娜"),
        ("father", "王强"),
    ]
    assert created["parents"][0]["id_number"] == MOTHER_ID[:6] + "*" * 8 + MOTHER_ID[-4:]
    assert created["fee_fen"] == 1_800 and created["cod_amount_fen"] == 1_800
    # The postage collected at the door is the postage: no COD fee on top.
    assert created["price"]["base_fen"] == 1_800 and created["price"]["cod_fee_fen"] == 0
    assert created["deliver_by"] is None

    assert client.get(f"/v1/birth-certificates/{created['id']}", headers=mother).status_code == 200
    other = login_citizen(client, "demo-other-parent")
    assert_problem(
        client.get(f"/v1/birth-certificates/{created['id']}", headers=other),
        404,
        "application_not_found",
    )
    assert client.get("/v1/birth-certificates", headers=other).get_json()["items"] == []
    ward = client.get("/v1/birth-certificates?state=submitted", headers=as_("clerk_hospital"))
    [seen] = ward.get_json()["items"]
    assert seen["id"] == created["id"]
    # The hospital owns it too (it issues the certificate with these names on it).
    assert [p["name"] for p in seen["parents"]] == ["李娜", "王强"]
    assert seen["parents"][1]["id_number"].count("*") == 8


def test_consent_and_valid_id_numbers_are_required(client, world, hospitals):
    mother = login_citizen(client, "demo-mother")
    body = application(world, consent=False)
    body["father"] = {"name": "王强", "id_number": "110105198802020010"}
    problem = assert_problem(
        client.post(
            "/v1/birth-certificates", json=body, headers={**mother, "Idempotency-Key": "bad"}
        ),
        422,
        "validation_failed",
    )
    assert {e["field"] for e in problem["errors"]} == {"consent", "father.id_number"}


@pytest.mark.parametrize(
    ("birth_date", "parents", "code", "field"),
    [
        # The clock stands at 2026-11-23 10:00 in Shanghai (02:00Z): the local date counts.
        ("2026-11-24", None, "birth_date_in_future", "baby.birth_date"),
        ("2025-11-21", None, "birth_date_implausible", "baby.birth_date"),
        # The same person as both parents, whatever the case of the check character.
        ("2026-11-20", "11010519900105008", "same_person_both_parents", "father.id_number"),
    ],
)
def test_implausible_applications_are_refused_and_nothing_is_made(
    client, world, hospitals, birth_date, parents, code, field
):
    mother = login_citizen(client, "demo-mother")
    body = application(world, baby={"name": "王小宝", "birth_date": birth_date})
    if parents:
        same = id_number(parents)
        assert same.endswith("X")
        body["mother"]["id_number"], body["father"]["id_number"] = same, same.lower()
    problem = assert_problem(
        client.post(
            "/v1/birth-certificates", json=body, headers={**mother, "Idempotency-Key": code}
        ),
        422,
        code,
    )
    assert [e["field"] for e in problem["errors"]] == [field]
    assert client.get("/v1/birth-certificates", headers=mother).get_json()["items"] == []


@pytest.mark.parametrize("birth_date", ["2026-11-23", "2025-11-22"])
def test_a_birth_today_or_a_year_back_is_accepted(apply, birth_date):
    _, created = apply(baby={"name": "王小宝", "birth_date": birth_date})
    assert created["birth_date"] == birth_date


@pytest.mark.parametrize(
    ("marked", "collected_on", "deliver_by"),
    [
        # Marked at 14:59: today's 15:30 run; delivered tomorrow by 13:00 (05:00Z).
        ((14, 59), 23, "2026-11-24T05:00:00Z"),
        # Marked at 15:00: the next day's run; delivered the day after.
        ((15, 0), 24, "2026-11-25T05:00:00Z"),
    ],
)
def test_the_1500_rule_on_both_sides_of_the_boundary(
    client, apply, as_, build_runs, marked, collected_on, deliver_by
):
    _, created = apply()
    assert created["run_at"] is None  # not ready yet
    clock.freeze(at_local(*marked))
    ready = _ready(client, as_, created["id"])
    assert ready.status_code == 200, ready.get_json()
    assert ready.get_json()["deliver_by"] == deliver_by
    run_at = f"2026-11-{collected_on}T07:30:00Z"  # the ward's 15:30 run
    assert ready.get_json()["run_at"] == run_at
    mother = login_citizen(client, "demo-mother")
    mine = client.get("/v1/birth-certificates", headers=mother).get_json()["items"]
    assert [a["run_at"] for a in mine] == [run_at]
    assert ready.get_json()["shipment_state"] == "awaiting_pickup"

    clock.freeze(at_local(15, 30))
    today = build_runs()
    clock.freeze(at_local(15, 30, day=24))
    tomorrow = build_runs()
    assert (len(today), len(tomorrow)) == ((1, 0) if collected_on == 23 else (0, 1))
    [run_id] = today or tomorrow
    run = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("clerk_hospital")).get_json()
    assert run["pickup_point"]["kind"] == "maternity_ward"
    assert [i["reference_no"] for i in run["items"]] == ["Q440012345"]


def test_ready_or_rejected_once(client, apply, as_):
    mother, created = apply()
    rejected = client.post(
        f"/v1/birth-certificates/{created['id']}/reject",
        json={"reason": "证明尚未签发"},
        headers=as_("clerk_hospital"),
    )
    assert rejected.status_code == 200
    assert rejected.get_json()["state"] == "rejected"
    assert rejected.get_json()["shipment_state"] == "cancelled"
    assert_problem(_ready(client, as_, created["id"]), 409, "application_decided")
    # The applicant cannot mark her own application ready.
    assert (
        client.post(
            f"/v1/birth-certificates/{created['id']}/ready",
            json={"certificate_no": "Q440012345"},
            headers=mother,
        ).status_code
        == 403
    )


def test_delivered_only_to_a_named_parent_with_id_and_postage_collected(
    client, apply, as_, world, build_runs, collect
):
    _, created = apply(postage_on_delivery=True)
    clock.freeze(at_local(14, 0))
    assert _ready(client, as_, created["id"]).status_code == 200
    clock.freeze(at_local(15, 30))
    [run_id] = build_runs()
    run = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("clerk_hospital")).get_json()
    waybill = created["waybill"]
    clock.freeze(at_local(15, 40))
    collect(run["task"]["id"], [waybill])

    # Back at station A, then out for delivery the next morning.
    clock.freeze(at_local(17, 0))
    taken_in = station_in(client, as_("dispatcher_a"), world, [{"waybill": waybill}])
    assert taken_in.status_code == 200, taken_in.get_json()
    clock.freeze(at_local(9, 0, day=24))
    loaded = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": waybill}]},
        headers=as_("courier_a"),
    )
    [task_id] = loaded.get_json()["delivery_task_ids"]
    deliver = f"/v1/courier/tasks/{task_id}/deliver"
    cash = {"amount_fen": 1_800, "method": "cash"}
    courier = as_("courier_a")
    stranger = {"name": "张阿姨", "relation": "self", "id_number": STRANGER_ID}
    assert_problem(
        client.post(
            deliver,
            json={"receiver": stranger, "signature": SIGNATURE, "cash": cash},
            headers=courier,
        ),
        422,
        "receiver_not_named",
    )
    grandmother = {"name": "张阿姨", "relation": "family", "id_number": STRANGER_ID}
    assert_problem(
        client.post(
            deliver,
            json={"receiver": grandmother, "signature": SIGNATURE, "cash": cash},
            headers=courier,
        ),
        422,
        "substitute_not_allowed",
    )
    father = {"name": "王强", "relation": "self", "id_number": FATHER_ID}
    delivered = client.post(
        deliver, json={"receiver": father, "signature": SIGNATURE, "cash": cash}, headers=courier
    )
    assert delivered.status_code == 200, delivered.get_json()
    assert delivered.get_json()["shipment_state"] == "delivered"
