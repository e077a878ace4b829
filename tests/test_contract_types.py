"""The contract types what it sends and takes (#27): generated clients get no `unknown`,
states come out as unions, and a default never makes a field required."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"

#: A property holding the state of something: `state`, `status`, `shipment_state`, ...
STATE_FIELD = re.compile(r"(^|_)(state|status)$")
#: States of several machines at once, so no one list: a 409 says the refusing object's state.
ANY_MACHINE = {"Problem.current_state"}
TYPED_BY = {"type", "$ref", "allOf", "oneOf", "anyOf"}


def _schemas(spec: dict) -> Iterator[tuple[str, dict]]:
    """Every object schema of the spec with a name to report it by: the components, and
    those inline in operations (bodies, answers, parameters), nested ones included."""
    roots = [(f"#/components/schemas/{k}", v) for k, v in spec["components"]["schemas"].items()]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method != "parameters":
                roots.append((f"{method.upper()} {path}", operation))
    stack = roots
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            if "properties" in node:
                yield where, node
            stack.extend((f"{where}.{key}", value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((f"{where}[{i}]", value) for i, value in enumerate(node))


def _name(where: str, prop: str) -> str:
    return f"{where.removeprefix('#/components/schemas/')}.{prop}"


def untyped_properties(spec: dict) -> list[str]:
    return sorted(
        _name(where, prop)
        for where, schema in _schemas(spec)
        for prop, value in schema["properties"].items()
        if not TYPED_BY & set(value) or ("items" in value and not TYPED_BY & set(value["items"]))
    )


def states_without_enum(spec: dict) -> list[str]:
    return sorted(
        _name(where, prop)
        for where, schema in _schemas(spec)
        for prop, value in schema["properties"].items()
        if STATE_FIELD.search(prop)
        and "string" in _types(value)
        and "enum" not in value
        and _name(where, prop) not in ANY_MACHINE
    )


def defaults_made_required(spec: dict) -> list[str]:
    return sorted(
        _name(where, prop)
        for where, schema in _schemas(spec)
        for prop in schema.get("required", [])
        if "default" in schema["properties"].get(prop, {})
    )


def _types(value: dict) -> list[str]:
    kind = value.get("type", [])
    return [kind] if isinstance(kind, str) else kind


def test_every_property_is_typed():
    assert untyped_properties(json.loads(COMMITTED.read_text())) == []


def test_every_state_is_an_enum_of_its_machine():
    spec = json.loads(COMMITTED.read_text())
    assert states_without_enum(spec) == []
    schemas = spec["components"]["schemas"]
    # From the state machines' own lists, not retyped.
    assert "partly_picked_up" in schemas["Pickup"]["properties"]["state"]["enum"]
    assert "out_for_delivery" in schemas["Shipment"]["properties"]["state"]["enum"]
    assert "under_review" in schemas["Claim"]["properties"]["status"]["enum"]
    assert "awaiting_confirmation" in schemas["Delivery"]["properties"]["status"]["enum"]


def test_no_default_makes_a_field_required():
    spec = json.loads(COMMITTED.read_text())
    assert defaults_made_required(spec) == []
    # A constant is typed as its one value, not shown as a default.
    currency = spec["components"]["schemas"]["Pickup"]["properties"]["currency"]
    assert currency == {"type": "string", "enum": ["CNY"]}


def test_the_checks_catch_what_they_are_for():
    spec = {
        "paths": {
            "/v1/things": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["unit"],
                                    "properties": {"unit": {"type": "string", "default": "kg"}},
                                }
                            }
                        }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {
                        "owner": {"readOnly": True},
                        "tags": {"type": "array", "items": {"description": "?"}},
                        "shipment_state": {"type": ["string", "null"]},
                        "states": {"type": "string"},
                    },
                }
            }
        },
    }
    assert untyped_properties(spec) == ["Thing.owner", "Thing.tags"]
    assert states_without_enum(spec) == ["Thing.shipment_state"]
    assert defaults_made_required(spec) == [
        "POST /v1/things.requestBody.content.application/json.schema.unit"
    ]


def _component(spec: dict, ref: str) -> dict:
    return spec["components"]["schemas"][ref.removeprefix("#/components/schemas/")]


def mixed_directions(spec: dict) -> list[str]:
    """Bodies (and the components they hold) with read-only fields, answers with write-only
    ones: a generator reads them as one type both ways."""
    found = []
    for where, schema in _schemas(spec):
        for prop, value in schema["properties"].items():
            if value.get("readOnly") and ".requestBody." in where:
                found.append(_name(where, prop))
            if value.get("writeOnly"):
                found.append(_name(where, prop))
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            bodies = operation.get("requestBody", {}) if method != "parameters" else {}
            for media in bodies.get("content", {}).values():
                ref = media["schema"].get("$ref")
                schema = _component(spec, ref) if ref else {}
                found += [
                    f"{method.upper()} {path}: {ref}.{prop}"
                    for prop, value in schema.get("properties", {}).items()
                    if value.get("readOnly") or "default" in value
                ]
    return sorted(found)


def test_a_body_and_an_answer_are_typed_apart_where_they_differ():
    spec = json.loads(COMMITTED.read_text())
    assert mixed_directions(spec) == []
    schemas = spec["components"]["schemas"]
    # Reading couriers needs no password; creating one needs it, and no id.
    assert "password" not in schemas["Courier"]["properties"]
    assert "password" in schemas["CourierInput"]["required"]
    assert "id" not in schemas["CourierInput"]["properties"]
    create = spec["paths"]["/v1/couriers"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CourierInput"
    }
    assert create["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Courier"
    }
    # A default the caller may leave out is said, not given as `default` (read as required).
    assert "capacity" not in schemas["CourierInput"]["required"]
    assert (
        "Default when left out: `5`"
        in schemas["CourierInput"]["properties"]["capacity"]["description"]
    )
