"""Object-level access: the only way domains load owned objects.

A model that callers own or are scoped to defines `visible_to(caller)`, a SQL condition
(true() for "everyone who passed the endpoint's rule"). Loading through `get_scoped`
answers 404 for anything outside it, so a caller never learns that an object exists.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa

from courier_api.core.db import built_once
from courier_api.core.errors import not_found
from courier_api.core.security import Principal
from courier_api.extensions import db


class Scoped(Protocol):
    id: Any

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]: ...


M = TypeVar("M", bound=Scoped)


def scoped_select(model: type[M], caller: Principal, **equal_to: Any) -> sa.Select:
    """What the caller may see of `model`; `equal_to`: a list's filters by column, each
    left out when not given (None or empty)."""
    stmt = sa.select(model).where(model.visible_to(caller))
    given = {column: value for column, value in equal_to.items() if value}
    return stmt.filter_by(**given) if given else stmt


def station_scope(
    station_id: sa.ColumnElement[str],
    caller: Principal,
    couriers_see: Callable[[Principal], sa.ColumnElement[bool]],
) -> sa.ColumnElement[bool]:
    """What a station's staff see of the things at their stations: admins all of them,
    dispatchers those of their stations, a courier what `couriers_see` says; no one else
    anything."""
    if caller.role == "admin":
        return sa.true()
    if caller.role == "dispatcher":
        return station_id.in_(sorted(caller.station_ids))
    if caller.role == "courier":
        return couriers_see(caller)
    return sa.false()


def built_for(
    caller: Principal, build: Callable[..., sa.Executable], *site: Hashable
) -> sa.Executable:
    """`build(caller, *site)` kept as `core.db.built_once` keeps statements: a scoped
    statement has the caller's scope (`visible_to`) in it as values, so it is kept a
    caller. The session id is not part of a scope."""
    return built_once(build, replace(caller, session_id=None), *site)


#: The object's key in `get_scoped`'s statement.
_OBJECT_ID = "scoped_object_id"


def _by_id(caller: Principal, model: type[M], lock: bool, options: tuple[Any, ...]) -> sa.Select:
    stmt = (
        scoped_select(model, caller).where(model.id == sa.bindparam(_OBJECT_ID)).options(*options)
    )
    return stmt.with_for_update(of=model) if lock else stmt


def get_scoped(
    model: type[M],
    object_id: str,
    caller: Principal,
    *,
    what: str,
    lock: bool = False,
    options: tuple[Any, ...] = (),
) -> M:
    """The object if the caller may see it, else 404; `lock` takes its row lock (for a
    state change that must not race another); `options`: loader options, a module
    constant (they key the kept statement: `core.db.built_once`)."""
    stmt = built_for(caller, _by_id, model, lock, options)
    found = db.session.scalars(stmt, {_OBJECT_ID: object_id}).first()
    if found is None:
        raise not_found(what)
    return found
