"""Operations carry request and answer examples (#27), recorded from a real flow
(courier_api/core/examples.py): each validates against its schema in the committed
contract, and the server takes each request example's shape (redocly lint checks the same
from its side: no-invalid-media-type-examples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from courier_api.core.examples import EXAMPLES

SPEC = json.loads((Path(__file__).resolve().parents[1] / "openapi" / "openapi.json").read_text())
OPERATIONS = {
    operation["operationId"]: (path, method, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method != "parameters"
}


def _errors(media: dict) -> list[str]:
    root = {**media["schema"], "components": SPEC["components"]}
    value = media["examples"]["recorded"]["value"]
    checker = Draft202012Validator(root, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in checker.iter_errors(value)]


@pytest.mark.parametrize("operation_id", sorted(EXAMPLES))
def test_each_example_validates_against_its_schema(operation_id):
    _, _, operation = OPERATIONS[operation_id]
    status = str(EXAMPLES[operation_id]["status"])
    answer = operation["responses"][status]["content"]["application/json"]
    assert _errors(answer) == []
    if EXAMPLES[operation_id]["request"] is not None:
        assert _errors(operation["requestBody"]["content"]["application/json"]) == []


def test_the_main_flow_has_examples():
    assert {"loginWithWechat", "createQuote", "createPickup", "getPickup"} <= set(EXAMPLES)


@pytest.mark.parametrize(
    "operation_id", sorted(k for k, v in EXAMPLES.items() if v["request"] is not None)
)
def test_the_server_takes_each_request_example(client, world, citizen, as_, operation_id):
    path, method, operation = OPERATIONS[operation_id]
    body = dict(EXAMPLES[operation_id]["request"])
    if "station_id" in body:  # the recorded world's station, as this world names it
        body["station_id"] = world.stations["A"]
    caller = as_("admin") if "admin" in operation.get("description", "") else citizen
    answer = client.open(
        path,
        method=method.upper(),
        json=body,
        headers={**caller, "Idempotency-Key": f"example-{operation_id}"},
    )
    # Past the body's shape: a quote id of the recorded flow is not in this world.
    assert answer.status_code != 422 or answer.get_json()["code"] != "validation_failed", (
        answer.get_json()["errors"]
    )
    assert answer.status_code < 500
