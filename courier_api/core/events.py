"""The kinds of event the outbox carries, each declared once with its payload (#27).

The catalogue itself is `courier_api/events.py` (it names the domains' states, so it sits
above them); `wiring.connect` declares it here. From this registry:

- the outbox refuses to record a kind that is not declared (`check`), so no event leaves
  the process undocumented; under test it also checks the payload against its schema, so
  every flow the suite drives proves the contract's payloads;
- the contract's `webhooks` section is written (`webhooks`): one entry a kind, its body
  the delivery envelope (`id`, `type`, `created_at`, `data`) with `data` typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import current_app, has_app_context

# JSON Schema fragments the catalogue types its fields with.
ID = {"type": "string"}
TEXT = {"type": "string"}
TIME = {"type": "string", "format": "date-time"}
DAY = {"type": "string", "format": "date"}
FEN = {"type": "integer", "description": "amount in fen"}
COUNT = {"type": "integer", "minimum": 0}
FLAG = {"type": "boolean"}
WAYBILLS = {"type": "array", "items": {"type": "string"}, "description": "waybill numbers"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


def one_of(values: tuple[str, ...] | list[str], nullable_: bool = False) -> dict[str, Any]:
    return {"type": ["string", "null"] if nullable_ else "string", "enum": list(values)}


@dataclass(frozen=True)
class EventKind:
    name: str
    summary: str
    fields: tuple[tuple[str, dict[str, Any]], ...]
    #: Fields present only in some events of the kind.
    optional: frozenset[str]
    #: Delivered to organisations' webhook endpoints (False: only citizens hear of it, or
    #: only the app's own handlers).
    webhook: bool

    def payload_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": dict(self.fields),
            "required": sorted(name for name, _ in self.fields if name not in self.optional),
        }

    @property
    def component(self) -> str:
        """`shipment.delivery_failed` -> ShipmentDeliveryFailedEvent."""
        words = self.name.replace(".", "_").split("_")
        return "".join(word.capitalize() for word in words) + "Event"


KINDS: dict[str, EventKind] = {}
#: What a webhook endpoint may subscribe to: "*" or a webhook kind. One list object, filled
#: as kinds are declared (before the spec is built), so a schema's `enum` can hold it.
SUBSCRIBABLE: list[str] = ["*"]
#: Kinds the test suite makes up to exercise the outbox's mechanics; never the code's.
TESTS_OWN = "test."


def declare(
    name: str,
    summary: str,
    *,
    optional: tuple[str, ...] = (),
    webhook: bool = True,
    **fields: dict[str, Any],
) -> None:
    """Declare an event kind and its payload's fields (all present unless `optional`)."""
    assert set(optional) <= set(fields), f"{name}: optional fields it does not have"
    KINDS[name] = EventKind(name, summary, tuple(fields.items()), frozenset(optional), webhook)
    SUBSCRIBABLE[:] = ["*", *sorted(k.name for k in KINDS.values() if k.webhook)]
    _validator.cache_clear()


def check(kind: str, payload: dict[str, Any]) -> None:
    """Refuse an undeclared kind; under test, a payload its schema does not describe."""
    if kind.startswith(TESTS_OWN):
        return
    if kind not in KINDS:
        raise LookupError(f"event kind {kind!r} is not declared in courier_api/events.py")
    if has_app_context() and current_app.testing:
        errors = [e.message for e in _validator(kind).iter_errors(payload)]
        if errors:
            raise ValueError(f"{kind} payload does not match its schema: {errors}")


@cache
def _validator(kind: str) -> Any:
    # Imported here: jsonschema is a development tool, not a runtime dependency.
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(KINDS[kind].payload_schema(), format_checker=FormatChecker())


#: The headers every delivery carries (docs/integrators/webhooks.md).
DELIVERY_HEADERS = [
    {
        "name": "X-Courier-Event-Id",
        "in": "header",
        "required": True,
        "description": "The event's id: the same on every retry, so receivers can skip repeats.",
        "schema": {"type": "string"},
    },
    {
        "name": "X-Courier-Signature",
        "in": "header",
        "required": True,
        "description": "`t=<unix seconds>,v1=<hex HMAC-SHA256(endpoint secret, "
        '"<t>.<raw body>")>`: check it before trusting the body.',
        "schema": {"type": "string", "pattern": "^t=\\d+,v1=[0-9a-f]{64}$"},
    },
]


def webhooks(spec: dict[str, Any]) -> None:
    """Add every webhook kind to `spec`: its `webhooks` entry and its envelope component."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    section = spec.setdefault("webhooks", {})
    for kind in sorted(KINDS.values(), key=lambda k: k.name):
        if not kind.webhook:
            continue
        schemas[kind.component] = {
            "type": "object",
            "description": kind.summary,
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "description": "the event's id (evt_...)"},
                "type": {"type": "string", "enum": [kind.name]},
                "created_at": TIME,
                "data": kind.payload_schema(),
            },
            "required": ["created_at", "data", "id", "type"],
        }
        section[kind.name] = {
            "post": {
                "operationId": "on" + kind.component.removesuffix("Event"),
                "summary": kind.summary,
                "tags": ["webhooks"],
                "security": [],
                "parameters": DELIVERY_HEADERS,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": _ref(kind.component)}}},
                },
                "responses": {
                    "200": {"description": "Received (any 2xx will do)."},
                    "400": {
                        "description": "Refused (any other answer, or none within the "
                        "timeout, is retried; docs/integrators/webhooks.md)."
                    },
                },
            }
        }


def _ref(component: str) -> str:
    return f"#/components/schemas/{component}"
