"""The cursor pager: `?limit=&cursor=` -> `{"items": [...], "next_cursor": "..." | null}`.

Pages are ordered by a unique, sortable key (our ULID ids sort by creation time), so a
cursor is just "after this key": stable while rows are added, no OFFSET scans.
"""

from __future__ import annotations

import base64
import binascii
import json
from functools import cache
from typing import Any

import marshmallow as ma
import sqlalchemy as sa

from courier_api.core.errors import Problem
from courier_api.extensions import db

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageArgs(ma.Schema):
    #: A cursor this API did not give out is a 400 (`invalid_cursor`).
    PROBLEMS = (400,)

    limit = ma.fields.Integer(
        load_default=DEFAULT_LIMIT, validate=ma.validate.Range(min=1, max=MAX_LIMIT)
    )
    cursor = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200))


@cache
def page_schema(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """`{"items": [...], "next_cursor": ...}` of `item_schema`, one class per item schema."""
    name = item_schema.__name__.removesuffix("Schema") + "Page"
    return type(
        name,
        (ma.Schema,),
        {
            "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
            "next_cursor": ma.fields.String(
                allow_none=True, required=True, metadata={"description": "null on the last page"}
            ),
        },
    )


def _encode(key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": key}).encode()).decode().rstrip("=")


def _decode(cursor: str) -> Any:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded.encode()))["after"]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise _invalid_cursor() from exc
    if not isinstance(after, str) or not after.isprintable():
        raise _invalid_cursor()
    return after


def _invalid_cursor() -> Problem:
    return Problem(400, "invalid_cursor", "The cursor is not one this API gave out.")


def cursor_key(args: dict[str, Any]) -> str | None:
    """The key the page asked for starts after (None: the first page); a cursor this API
    did not give out is a 400."""
    return _decode(args["cursor"]) if args.get("cursor") else None


def paginate(
    stmt: sa.Select, key: sa.ColumnElement, args: dict[str, Any], *, newest_first: bool = True
) -> dict[str, Any]:
    """Run `stmt` (a select of ORM rows) one page at a time, ordered by unique `key`."""
    limit = args.get("limit") or DEFAULT_LIMIT
    after = cursor_key(args)
    if after is not None:
        stmt = stmt.where(key < after if newest_first else key > after)
    stmt = stmt.order_by(key.desc() if newest_first else key.asc()).limit(limit + 1)
    rows = list(db.session.scalars(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    last_key = getattr(rows[-1], key.key) if rows else None
    return {"items": rows, "next_cursor": _encode(last_key) if more else None}
