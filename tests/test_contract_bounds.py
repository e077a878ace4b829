"""The contract says what the server refuses (#27): either/or bodies are `oneOf` (with a
discriminator where the body names its way), and the server's bounds are in the schemas.
Each case is put to both: the committed contract (JSON Schema, as a client's validator or a
fuzzer reads it) and the server, and the two must agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.factories import PICKUP
from tests.helpers import assert_problem, file_claim, login_owner

SPEC = json.loads((Path(__file__).resolve().parents[1] / "openapi" / "openapi.json").read_text())
PARCEL = {"recipient": {**PICKUP, "phone": "13912345678"}, "weight_g": 500}


def contract_takes(component: str, instance: object) -> bool:
    """Whether the committed contract's `component` accepts `instance`."""
    root = {"$ref": f"#/components/schemas/{component}", "components": SPEC["components"]}
    return Draft202012Validator(root, format_checker=FormatChecker()).is_valid(instance)


def parameter_takes(path: str, method: str, name: str, value: str) -> bool:
    (parameter,) = [p for p in SPEC["paths"][path][method]["parameters"] if p["name"] == name]
    return Draft202012Validator(parameter["schema"]).is_valid(value)


@pytest.mark.parametrize(
    ("body", "taken"),
    [
        ({"quote_id": "quo_1"}, True),
        ({"pickup": PICKUP, "parcels": [PARCEL]}, True),
        ({"product": "express", "pickup": PICKUP, "parcels": [PARCEL]}, True),
        ({"quote_id": "quo_1", "pickup": PICKUP, "parcels": [PARCEL]}, False),
        ({"quote_id": "quo_1", "product": "express"}, False),
        ({"pickup": PICKUP}, False),
        ({}, False),
    ],
)
def test_a_pickup_is_ordered_from_a_quote_or_from_parcels(client, citizen, body, taken):
    assert contract_takes("PickupCreate", body) is taken
    answer = client.post("/v1/pickups", json=body, headers={**citizen, "Idempotency-Key": "k"})
    if taken:  # past the body's shape: the made-up quote is not there
        assert answer.status_code != 422, answer.get_json()
    else:
        assert_problem(answer, 422, "validation_failed")


def test_a_hand_over_says_its_way_by_its_kind(client, as_):
    scans = [{"waybill": "EA000000001CN"}]
    handover = SPEC["components"]["schemas"]["Handover"]
    assert handover["discriminator"]["propertyName"] == "kind"
    assert set(handover["discriminator"]["mapping"]) == {
        "station_in",
        "load_for_delivery",
        "collect",
    }

    collect = {"kind": "collect", "items": scans}
    assert not contract_takes("Handover", collect)  # a collection names its task
    answer = client.post("/v1/handovers", json=collect, headers=as_("courier_a"))
    assert_problem(answer, 422, "validation_failed")
    assert contract_takes("Handover", {**collect, "task_id": "tsk_1"})
    assert not contract_takes("Handover", {"kind": "station_in", "items": scans})
    assert contract_takes("Handover", {"kind": "load_for_delivery", "items": scans})
    assert not contract_takes("Handover", {"kind": "unload", "items": scans})


@pytest.mark.parametrize(
    ("day", "taken"),
    [("1999-12-31", False), ("2000-01-01", True), ("2199-12-31", True), ("2200-01-01", False)],
)
def test_business_days_run_from_2000_to_2199(client, as_, day, taken):
    assert parameter_takes("/v1/reports/pickup-sla", "get", "date", day) is taken
    answer = client.get(f"/v1/reports/pickup-sla?date={day}", headers=as_("admin"))
    assert (answer.status_code == 200) is taken, answer.get_json()


@pytest.mark.parametrize(
    ("key", "taken"),
    [("a" * 255, True), ("a" * 256, False), ("with space", False), ("键", False), ("k-1:~!", True)],
)
def test_an_idempotency_key_is_printable_ascii(client, citizen, key, taken):
    assert parameter_takes("/v1/pickups", "post", "Idempotency-Key", key) is taken
    answer = client.post(
        "/v1/pickups",
        json={"quote_id": "quo_1"},
        headers={**citizen, "Idempotency-Key": key.encode().decode("latin-1")},
    )
    refused_for_the_key = answer.status_code in (400, 422) and "Idempotency-Key" in str(
        answer.get_json()
    )
    assert refused_for_the_key is not taken, answer.get_json()


@pytest.mark.parametrize(("claimed_fen", "taken"), [(0, False), (1, True)])
def test_a_claim_is_for_at_least_one_fen(client, world, claimed_fen, taken):
    owner = login_owner(client, "demo-sender")
    body = {"shipment_id": "shp_1", "kind": "loss", "claimed_fen": claimed_fen}
    assert contract_takes("ClaimCreate", body) is taken
    answer = file_claim(client, owner, "shp_1", claimed_fen=claimed_fen)
    if taken:  # past the body's shape: the made-up shipment is not there
        assert answer.status_code == 404, answer.get_json()
    else:
        assert_problem(answer, 422, "validation_failed")
