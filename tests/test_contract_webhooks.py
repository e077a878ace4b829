"""Webhooks in the contract (#27): every event kind the code can emit is declared once
(courier_api/events.py) and is in the committed spec's `webhooks` section, and the bodies
the code sends validate against it. (The outbox also checks every payload under test, so
each flow the suite drives checks its events; here one flow is checked end to end through
the committed document, as a receiver would.)"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator, FormatChecker

from courier_api.core import events, outbox
from courier_api.extensions import db
from courier_api.notify.service import event_body
from tests.helpers import order_pickup

ROOT = Path(__file__).resolve().parents[1]
SPEC = json.loads((ROOT / "openapi" / "openapi.json").read_text())
#: The functions that take an event kind, and where: an outbox call, or a domain's helper
#: that passes its `kind` on.
EMITTERS = {"emit", "emit_now", "event_row", "tell_owners", "owners_event", "notify_sender",
            "_tell_claimant", "_event"}  # fmt: skip
KIND = re.compile(r"^[a-z_]+\.[a-z_]+$")
#: Kinds made from a value (`f"shipment.{final_state}"`), with the values the code gives.
MADE = {"shipment.{final_state}": {"shipment.delivered", "shipment.returned"}}


def kinds_in_code() -> set[str]:
    """Every event kind a call in courier_api/ passes, as written (constants included)."""
    found: set[str] = set()
    constants: dict[str, str] = {}
    calls: list[ast.Call] = []
    for path in (ROOT / "courier_api").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign):
                for name, value in _assigned(node):
                    constants[name] = value
                    if name == "kind" and KIND.match(value):  # chosen in a branch
                        found.add(value)
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in EMITTERS:
                    calls.append(node)
    for call in calls:
        for arg in call.args[:2]:
            for node in ast.walk(arg):
                if isinstance(node, ast.Constant) and KIND.match(str(node.value)):
                    found.add(node.value)
                elif isinstance(node, ast.Name) and KIND.match(constants.get(node.id, "")):
                    found.add(constants[node.id])
                elif isinstance(node, ast.JoinedStr):
                    found |= MADE[ast.unparse(node)[2:-1]]
        for keyword in call.keywords:
            if keyword.arg == "kind" and isinstance(keyword.value, ast.Constant):
                found.add(keyword.value.value)
    return found


def _assigned(node: ast.Assign) -> list[tuple[str, str]]:
    """The names given a string by an assignment (`a, kind = "x", "pickup.cancelled"`)."""
    pairs = []
    for target in node.targets:
        names = target.elts if isinstance(target, ast.Tuple) else [target]
        values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
        pairs += [
            (name.id, value.value)
            for name, value in zip(names, values, strict=False)
            if isinstance(name, ast.Name)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ]
    return pairs


def test_every_kind_the_code_emits_is_declared_and_every_declared_one_is_emitted(app):
    emitted = kinds_in_code()
    assert emitted - set(events.KINDS) == set()
    assert set(events.KINDS) - emitted == set()
    assert {"pickup.created", "shipment.delivered", "claim.paid"} <= emitted
    assert not [kind for kind in emitted if kind.startswith(events.TESTS_OWN)]


def test_every_webhook_kind_is_in_the_contract_with_a_typed_payload(app):
    webhook_kinds = {k.name for k in events.KINDS.values() if k.webhook}
    assert set(SPEC["webhooks"]) == webhook_kinds
    assert "delivery.pin_issued" not in SPEC["webhooks"]  # a PIN never leaves by webhook
    for name, item in SPEC["webhooks"].items():
        ref = item["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        envelope = SPEC["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert envelope["properties"]["type"]["enum"] == [name]
        assert envelope["properties"]["data"]["properties"], name


def test_an_undeclared_kind_is_refused():
    with pytest.raises(LookupError, match="not declared"):
        outbox.event_row("pickup.teleported", subject_type="x", subject_id="x", payload={})


def test_a_payload_its_line_does_not_describe_is_refused_under_test(ctx):
    with pytest.raises(ValueError, match=r"pickup\.created payload"):
        outbox.event_row(
            "pickup.created", subject_type="x", subject_id="x", payload={"pickup_id": "p"}
        )


def _committed_validator(kind: str) -> Draft202012Validator:
    ref = SPEC["webhooks"][kind]["post"]["requestBody"]["content"]["application/json"]
    root = {**ref["schema"], "components": SPEC["components"]}
    return Draft202012Validator(root, format_checker=FormatChecker())


def test_the_bodies_of_a_real_flow_validate_against_the_committed_contract(app, client, citizen):
    order = order_pickup(client, citizen)
    cancelled = client.post(
        f"/v1/pickups/{order['id']}/cancel", json={}, headers={**citizen, "Idempotency-Key": "c"}
    )
    assert cancelled.status_code == 200, cancelled.get_json()
    with app.app_context():
        recorded = db.session.scalars(
            sa.select(outbox.OutboxEvent).order_by(outbox.OutboxEvent.created_at)
        ).all()
        bodies = [(event.kind, json.loads(event_body(event))) for event in recorded]
    assert [kind for kind, _ in bodies] == ["pickup.created", "pickup.cancelled"]
    for kind, body in bodies:
        errors = [e.message for e in _committed_validator(kind).iter_errors(body)]
        assert errors == [], (kind, body)
