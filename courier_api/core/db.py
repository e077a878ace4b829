"""Column types and mixins every domain's models share, and portable Core helpers.

What takes another road on PostgreSQL lives behind `core.pg`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, aliased, declared_attr, mapped_column

from courier_api.core import clock
from courier_api.core.ids import ID_LENGTH


class UTCDateTime(sa.TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite keeps no zone; we store UTC, read UTC)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def id_column(**kwargs) -> Mapped[str]:
    return mapped_column(sa.String(ID_LENGTH), primary_key=True, **kwargs)


def fk(target: str, **kwargs) -> sa.ForeignKey:
    return sa.ForeignKey(target, **kwargs)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=clock.now, onupdate=clock.now, nullable=False
    )


class Versioned:
    """Optimistic concurrency for back-office edits: the ETag is the row version, and a
    concurrent edit with the same If-Match loses at UPDATE time (StaleDataError -> 412)."""

    version: Mapped[int] = mapped_column(sa.Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}

    @property
    def etag(self) -> str:
        return f'"{self.version}"'


def execute_core(statement: sa.Executable, parameters: Any = None) -> sa.CursorResult:
    """Run a Core statement (built once) in the request's transaction, on the session's
    connection: it skips the ORM's per-call work (autoflush, ORM execution events), about
    0.1 ms a statement. For hot-path statements on tables whose rows the session does not
    hold as pending objects (the session check, idempotency keys, set-based inserts)."""
    from courier_api.extensions import db

    return db.session.connection().execute(statement, parameters)


def built_once(build: Callable[..., sa.Executable], *site: Hashable) -> sa.Executable:
    """`build(*site)`: a statement whose per-call values are named bind parameters, built
    once for the bound database and kept (the process's 512 most recent).

    A statement built anew costs SQLAlchemy its building and then a walk of the whole of
    it for its cache key before the compiled form is found: 0.27 ms for an order read's,
    a fifth of the read's CPU; a kept statement remembers its key. `build` (a module-level
    function) and `site` (hashable: loader options as module constants, not made a call)
    are the key."""
    from courier_api.extensions import db

    return _built(db.engine.dialect.name, build, site)


@functools.lru_cache(maxsize=512)
def _built(
    dialect: str, build: Callable[..., sa.Executable], site: tuple[Hashable, ...]
) -> sa.Executable:
    return build(*site)


def dialect_insert(table: sa.Table):
    """The bound database's INSERT (PostgreSQL or SQLite), which has `ON CONFLICT`."""
    from courier_api.extensions import db

    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def insert_ignoring_conflicts(table: sa.Table):
    """`INSERT ... ON CONFLICT DO NOTHING` for the bound database (PostgreSQL or SQLite)."""
    return dialect_insert(table).on_conflict_do_nothing()


@functools.cache
def uncorrelated(model: type) -> Any:
    """`model` aliased, for a subquery whose outer statement may join `model` itself (no
    auto-correlation). Made once a model: an alias built a request cost a fresh proxy of
    each of the table's columns, most of a simple read's statement building."""
    return aliased(model)
