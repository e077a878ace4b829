"""The PostgreSQL speed-ups, fenced: the one place that knows about COPY, `unnest`,
prepared statements, libpq pipelines and commits behind SQLAlchemy's back.

Domain code calls only what this module exports, and every export works on any database
(SQLite in development takes SQLAlchemy's ordinary road); nothing outside this package
imports psycopg or a module inside it (a test checks). docs/pg.md tells the story.

- `insert_objects(model, rows)`: new rows written now, returned as persistent ORM objects
  (a shipment, a task, an order: one creation path each, whoever calls it);
- `insert_rows(table, rows)`: new rows, one or many (a prepared INSERT, or COPY);
- `update_rows(table, key, rows)` and `write_changes(objects, columns)`: a batch's
  updates in one statement;
- `among(column, values)` and `load_collection(parents, attribute)`: long id lists as one
  array parameter;
- `HotStatement`: a statement on nearly every request's path (the session check,
  idempotency keys), run straight on the driver in the round trip of the BEGIN, or with
  the COMMIT;
- `plan_once()`: the rest of a door action's transaction on generic plans (its
  statements keyed by id arrays were planned anew on every call);
- `commit_and_close()`: the request's commit (`core.transaction` calls it), and
  `rollback_and_close()`: a read's end, which keeps the prepared statements;
- `tune_engine(engine, prepared_statements=...)`: how PostgreSQL connections are set up
  (`create_app` calls it; `DATABASE_PREPARED_STATEMENTS=off` behind a transaction pooler).
"""

from __future__ import annotations

import sqlalchemy as sa

from courier_api.core.pg.rows import (
    among,
    insert_objects,
    insert_rows,
    load_collection,
    update_rows,
    write_changes,
)
from courier_api.core.pg.statements import (
    HotStatement,
    commit_and_close,
    plan_once,
    rollback_and_close,
)

__all__ = [
    "HotStatement",
    "among",
    "commit_and_close",
    "insert_objects",
    "insert_rows",
    "load_collection",
    "plan_once",
    "rollback_and_close",
    "tune_engine",
    "update_rows",
    "write_changes",
]


def tune_engine(engine: sa.Engine, *, prepared_statements: bool = True) -> None:
    """Set up each new connection of a PostgreSQL engine (others are left alone).

    `prepared_statements=False` is for a pooler in transaction mode (PgBouncer before
    1.21): a statement prepared on one server connection is not there when the next
    transaction lands on another. Then neither psycopg nor the hot statements prepare
    anything; every statement goes unnamed, parsed each time (docs/deploy.md)."""
    if engine.dialect.name != "postgresql":
        return
    sa.event.listen(engine, "connect", _lists_in_binary)
    if not prepared_statements:
        sa.event.listen(engine, "connect", _never_prepare)


def _lists_in_binary(dbapi_connection, _record) -> None:
    """Python lists go to PostgreSQL as binary arrays. psycopg's default for a list of
    strings or bytes is the text form, which it quotes and escapes element by element in
    Python: ten times slower (1 ms for 450 ids, 25 ms for 450 signature images in a sync
    batch's `unnest` insert, against 0.1 and 0.25 ms in binary)."""
    from psycopg.types.array import ListBinaryDumper

    dbapi_connection.adapters.register_dumper(list, ListBinaryDumper)


def _never_prepare(dbapi_connection, _record) -> None:
    # psycopg prepares a statement after its 5th use on a connection; None: never.
    # roundtrip.execute reads the same attribute for the hot statements.
    dbapi_connection.prepare_threshold = None
