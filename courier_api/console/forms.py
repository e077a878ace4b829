"""Forms read through the API's own schemas: the console accepts exactly what the API
accepts, with the same messages. A refusal shows the form again with its messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import marshmallow as ma
from flask import Response, make_response, request
from werkzeug.datastructures import MultiDict

from courier_api.core.errors import Problem, flatten_messages
from courier_api.core.transaction import commit

_LIST_SEPARATORS = re.compile(r"[,，\s]+")


def form_data(schema: ma.Schema) -> dict[str, Any]:
    """The posted form as the schema's input: blanks left out, lists from repeated
    fields or one comma-separated box, integers as numbers, and records from boxes named
    as the API names their errors: `driver.name`, a list's `items.0.name`, `items.1.name`."""
    return _read(schema, request.form, "")


def _read(schema: ma.Schema, form: MultiDict, prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in schema.load_fields.items():
        key = field.data_key or name
        box = prefix + key
        if isinstance(field, ma.fields.Nested):
            record = _read(field.schema, form, f"{box}.")
            if record:
                data[key] = record
            continue
        if isinstance(field, ma.fields.List) and isinstance(field.inner, ma.fields.Nested):
            rows = [_read(field.inner.schema, form, f"{box}.{n}.") for n in _rows(form, box)]
            if any(rows):
                data[key] = [row for row in rows if row]  # a blank row is a spare line
            continue
        if isinstance(field, ma.fields.List):
            values = [v for raw in form.getlist(box) for v in _LIST_SEPARATORS.split(raw)]
            if any(values):
                data[key] = [v for v in values if v]
            continue
        value = form.get(box, "").strip()
        if isinstance(field, ma.fields.Boolean) and box in form:
            data[key] = value in ("1", "true", "on")
        elif value:
            data[key] = _number(field, value)
    return data


def _rows(form: MultiDict, box: str) -> list[int]:
    """The row numbers posted for a list of records (`<box>.<n>.<field>`), in order."""
    row = re.compile(rf"{re.escape(box)}\.(\d+)\.")
    return sorted({int(found.group(1)) for name in form if (found := row.match(name))})


def _number(field: ma.fields.Field, value: str) -> Any:
    """A number box's text as the number the JSON body would carry (the schemas are
    strict about types); text that is no number is left for the schema to refuse."""
    try:
        if isinstance(field, ma.fields.Integer):
            return int(value)
        if isinstance(field, ma.fields.Number):
            return float(value)
    except ValueError:
        pass
    return value


def submit(
    schema: ma.Schema,
    action: Callable[[dict[str, Any]], Response],
    again: Callable[[list[dict[str, str]]], str],
) -> Response:
    """Load the form through `schema` and run `action`; a refusal (invalid input, a
    conflict) answers `again(errors)` with the API's status. A 404 stays a 404."""
    try:
        return action(schema.load(form_data(schema)))
    except ma.ValidationError as invalid:
        return make_response(again(flatten_messages(invalid.messages)), 422)
    except Problem as refused:
        if refused.status == 404 and not refused.errors:
            raise
        if refused.keep_changes:
            commit()  # a refusal that is itself a record (a seal mismatch), as the API keeps it
        errors = refused.errors or [{"field": "", "message": refused.detail or refused.code}]
        return make_response(again(errors), refused.status)
