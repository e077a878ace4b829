"""Per-audience answers: staff who handle a kind of object see its internal fields, its
owners a narrower schema (declared once per domain, not decided in every view)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import Response, current_app

from courier_api.core.pagination import paginate
from courier_api.core.security import Principal, principal


@dataclass(frozen=True)
class Projections:
    """`staff_roles` see `staff`; everyone else (the owners) sees `owner`."""

    staff_roles: tuple[str, ...]
    staff: ma.Schema
    owner: ma.Schema

    def schema(self, caller: Principal) -> ma.Schema:
        return self.staff if caller.role in self.staff_roles else self.owner

    def answer(
        self, obj: Any, *, status: int = 200, headers: dict[str, str] | None = None
    ) -> Response:
        """The object as the caller may see it."""
        response = current_app.json.response(self.schema(principal()).dump(obj))
        response.status_code = status
        response.headers.update(headers or {})
        return response

    def page(self, stmt: sa.Select, key: sa.ColumnElement, args: dict[str, Any]) -> Response:
        """One page as the caller may see it: a staff queue oldest first, an owner's own
        objects newest first."""
        caller = principal()
        staff = caller.role in self.staff_roles
        found = paginate(stmt, key, args, newest_first=not staff)
        found["items"] = self.schema(caller).dump(found["items"], many=True)
        return current_app.json.response(found)
