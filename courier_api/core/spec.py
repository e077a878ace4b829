"""The contract's last step: one schema a direction where the two differ (#27).

marshmallow describes a resource once, with `load_only` (say, a courier's initial password)
and `dump_only` (its id) fields; OpenAPI's readOnly/writeOnly say the same, but client
generators read such a schema as one type for both ways: the Python client then requires
`password` in `GET /v1/couriers`, and TypeScript requires every field with a `default` in a
body it builds. So every component is rewritten for the direction it is used in:

- what the server sends (`Courier`): no write-only fields;
- what it takes (`CourierInput`, only where it differs from the former): no read-only
  fields, and a default is said in the description, not as `default` (a generator reads
  that as "always present", which holds for an answer, not for a body the caller writes).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import apispec
from apispec.ext.marshmallow import resolver

from courier_api.core import events
from courier_api.core.examples import EXAMPLES

REF = "#/components/schemas/"
#: The suffix of a body's schema where it differs from the answer's.
INPUT = "Input"

Schema = dict[str, Any]


class ContractSpec(apispec.APISpec):
    """flask-smorest's spec, whose document (served and written) has a schema a direction."""

    def to_dict(self) -> dict[str, Any]:
        spec = _each_type_once(super().to_dict())
        events.webhooks(spec)
        _with_examples(spec)
        return split_directions(_either_or(spec))


@dataclass(frozen=True)
class Way:
    """One way of an either/or body: the component it is shown as, the fields it needs, the
    fields of the other ways it must not have, and (with a discriminator) its tag."""

    name: str
    required: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    tag: str | None = None


#: Either/or bodies by component name: the discriminating property (if the body has one)
#: and the ways. Filled by `either`.
EITHER_OR: dict[str, tuple[str | None, tuple[Way, ...]]] = {}


def either(*ways: Way, discriminator: str | None = None) -> Callable[[type], type]:
    """Show a body schema whose validation takes one of several ways as `oneOf` those ways
    (with a discriminator where the body names its way, e.g. a hand-over's `kind`). The
    schema's own validation stays the server's rule; this says it in the contract."""

    def register(schema: type) -> type:
        EITHER_OR[resolver(schema)] = (discriminator, ways)
        return schema

    return register


def _either_or(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec.get("components", {}).get("schemas", {})
    for name, (discriminator, ways) in EITHER_OR.items():
        if name not in schemas:
            continue
        whole = schemas[name]
        for way in ways:
            properties = {k: v for k, v in whole["properties"].items() if k not in way.excluded}
            if discriminator:
                properties[discriminator] = {
                    **properties[discriminator],
                    "type": "string",
                    "enum": [way.tag],
                }
            schemas[way.name] = {
                **whole,
                "properties": properties,
                "required": sorted({*whole.get("required", ()), *way.required}),
            }
        refs = {way.name: {"$ref": REF + way.name} for way in ways}
        one_of: dict[str, Any] = {"oneOf": list(refs.values())}
        if "description" in whole:
            one_of["description"] = whole["description"]
        if discriminator:
            one_of["discriminator"] = {
                "propertyName": discriminator,
                "mapping": {way.tag: REF + way.name for way in ways},
            }
        schemas[name] = one_of
    return spec


def _each_type_once(node: Any) -> Any:
    """apispec appends "null" for `allow_none` to a type that may already say it (a field
    whose metadata gives `["string", "null"]`); JSON Schema wants each type listed once."""
    if isinstance(node, list):
        return [_each_type_once(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _each_type_once(value) for key, value in node.items()}
    if isinstance(node.get("type"), list):
        result["type"] = list(dict.fromkeys(node["type"]))
    return result


def split_directions(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with components rewritten per direction (see the module's docstring)."""
    schemas: dict[str, Schema] = spec.get("components", {}).get("schemas", {})
    bodies = [
        media
        for operation in _operations(spec)
        for media in operation.get("requestBody", {}).get("content", {}).values()
    ]
    taken = _reachable(schemas, bodies)
    everything_else = {**spec, "components": {**spec["components"], "schemas": {}}}
    sent = _reachable(schemas, [everything_else], bodies)
    split: set[str] = set()
    while True:  # a component differs if one it holds does: until nothing new differs
        renamed = {name: name + INPUT for name in split}
        more = {
            name
            for name in taken & sent
            if _as_taken(schemas[name], renamed) != _as_sent(schemas[name])
        }
        if more <= split:
            break
        split |= more
    renamed = {name: name + INPUT for name in split}
    result: dict[str, Schema] = {}
    for name, schema in schemas.items():
        if name in sent or name not in taken:
            result[name] = _as_sent(schema)
        if name in taken:
            result[renamed.get(name, name)] = _as_taken(schema, renamed)
    for media in bodies:
        media.update(_renamed(media, renamed))
    spec["components"]["schemas"] = dict(sorted(result.items()))
    return spec


def _operations(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for section in ("paths", "webhooks"):
        for item in spec.get(section, {}).values():
            yield from (op for method, op in item.items() if method != "parameters")


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF):
            yield ref.removeprefix(REF)
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _reachable(schemas: dict[str, Schema], roots: list[Any], skip: list[Any] = ()) -> set[str]:
    """The components `roots` refer to, directly or through other components; `skip`
    (identical objects among the roots' children) are not followed."""
    skipped = {id(node) for node in skip}
    seen: set[str] = set()
    stack = [ref for root in roots for ref in _refs(_without(root, skipped))]
    while stack:
        name = stack.pop()
        if name not in seen and name in schemas:
            seen.add(name)
            stack.extend(_refs(schemas[name]))
    return seen


def _without(node: Any, skipped: set[int]) -> Any:
    if id(node) in skipped:
        return None
    if isinstance(node, dict):
        return {k: _without(v, skipped) for k, v in node.items()}
    if isinstance(node, list):
        return [_without(v, skipped) for v in node]
    return node


def _as_sent(schema: Schema) -> Schema:
    return _each_object(schema, lambda prop: "writeOnly" not in prop, _keep)


def _as_taken(schema: Schema, renamed: dict[str, str]) -> Schema:
    return _renamed(
        _each_object(schema, lambda prop: "readOnly" not in prop, _default_said), renamed
    )


def _keep(prop: Schema) -> Schema:
    return prop


def _default_said(prop: Schema) -> Schema:
    prop = {k: v for k, v in prop.items() if k != "writeOnly"}
    if "default" not in prop:
        return prop
    default = json.dumps(prop.pop("default"), ensure_ascii=False)
    said = f"Default when left out: `{default}`."
    prop["description"] = f"{prop['description']}. {said}" if "description" in prop else said
    return prop


def _each_object(
    schema: Any, keep: Callable[[Schema], bool], change: Callable[[Schema], Schema]
) -> Any:
    """`schema` with, in every object schema in it, the properties `keep` refuses left out
    (and no longer required) and the others passed through `change`."""
    if isinstance(schema, list):
        return [_each_object(item, keep, change) for item in schema]
    if not isinstance(schema, dict):
        return schema
    properties = schema.get("properties")
    is_object = isinstance(properties, dict) and all(
        isinstance(v, dict) for v in properties.values()
    )
    result = {
        key: _each_object(value, keep, change)
        for key, value in schema.items()
        if not (is_object and key == "properties")
    }
    if is_object:
        kept = {name: prop for name, prop in properties.items() if keep(prop)}
        result["properties"] = {
            name: change(_each_object(prop, keep, change)) for name, prop in kept.items()
        }
        if "required" in schema:
            result["required"] = [name for name in schema["required"] if name in kept]
            if not result["required"]:
                del result["required"]
    return result


def _renamed(node: Any, renamed: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_renamed(item, renamed) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _renamed(value, renamed) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.removeprefix(REF) in renamed:
        result["$ref"] = REF + renamed[ref.removeprefix(REF)]
    return result


def _with_examples(spec: dict[str, Any]) -> None:
    """Put each operation's recorded examples (core/examples.py) on its JSON body and on
    the answer of its status."""
    for operation in _operations(spec):
        example = EXAMPLES.get(operation.get("operationId", ""))
        if example is None:
            continue
        json_media = [
            operation.get("requestBody", {}).get("content", {}).get("application/json"),
            operation["responses"][str(example["status"])]["content"]["application/json"],
        ]
        for media, value in zip(json_media, (example["request"], example["response"]), strict=True):
            if media is not None and value is not None:
                media["examples"] = {"recorded": {"summary": "From a real flow", "value": value}}
