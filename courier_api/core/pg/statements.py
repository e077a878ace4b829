"""Statements on nearly every request's path, run straight on psycopg, and the commit.

Part of the PostgreSQL fence (`core.pg`): nothing outside this package reaches past
SQLAlchemy to the driver.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa

from courier_api.core.pg import roundtrip


class HotStatement:
    """A Core statement on nearly every request's path (the session check, idempotency
    keys, single-row inserts), which on PostgreSQL skips SQLAlchemy and runs straight on
    the request's psycopg connection, inside the same transaction, in one round trip with
    the transaction's BEGIN when it is the first statement (`roundtrip`).
    SQLAlchemy's per-statement work (execution context, result wrapping) is about 50 us,
    a large share of a cheap request's cost.

    Compiled once; bind processors are applied as SQLAlchemy would apply them; result
    values come as psycopg gives them (timestamptz as aware datetimes). Driver errors are
    re-raised as SQLAlchemy's, the connection invalidated on a disconnect, so the error
    handlers (503 while the database is down) see what they see everywhere else. Other
    databases run the statement through SQLAlchemy."""

    def __init__(self, statement: sa.Executable, column_keys: Sequence[str] | None = None) -> None:
        """`column_keys`: for an INSERT without values, the columns it is given."""
        self.statement = statement
        self._row = namedtuple("Row", list(statement.exported_columns.keys()))
        self._column_keys = column_keys
        self._compiled: tuple[sa.Compiled, roundtrip.Statement] | None = None

    def first(self, parameters: dict[str, Any]) -> Any:
        """The first row (attributes named as the statement's columns), or None."""
        from courier_api.extensions import db

        connection = db.session.connection()
        if connection.dialect.name != "postgresql":
            return connection.execute(self.statement, parameters).first()
        found = self._execute(connection, parameters, fetch=True)
        return None if found is None else self._row._make(found)

    def all(self, parameters: dict[str, Any]) -> list[Any]:
        """Every row (attributes named as the statement's columns)."""
        from courier_api.extensions import db

        connection = db.session.connection()
        if connection.dialect.name != "postgresql":
            return connection.execute(self.statement, parameters).all()
        return self._rows(self._execute(connection, parameters, fetch=True, every=True))

    def read_alone(self, parameters: dict[str, Any]) -> list[Any]:
        """Every row, for a read that is all a request does (a poll answered 304): on
        PostgreSQL on a pooled connection held only for this statement, without the
        request's Session (whose set-up and close cost more than the read), and in no
        transaction block: a statement alone is its own transaction, so neither BEGIN
        nor COMMIT is sent, and no ROLLBACK at the end, which would make psycopg drop the
        connection's prepared statements, this one with them. Elsewhere as `all`."""
        from courier_api.extensions import db

        if db.engine.dialect.name != "postgresql":
            return self.all(parameters)
        with db.engine.connect() as connection:
            found = self._execute(connection, parameters, fetch=True, alone=True, every=True)
        return self._rows(found)

    def _rows(self, found: list[tuple]) -> list[Any]:
        return [self._row._make(row) for row in found]

    def run(self, parameters: dict[str, Any], *, commit: bool = False) -> None:
        """Execute a statement whose result is not read (an INSERT of one row). With
        `commit`, commit the request's transaction after it, on PostgreSQL in the same
        round trip: flush the session first (pending ORM changes are not sent); if either
        fails, the transaction is left for the caller to roll back."""
        from courier_api.extensions import db

        connection = db.session.connection()
        if connection.dialect.name != "postgresql":
            connection.execute(self.statement, parameters)
            if commit:
                db.session.commit()
            return
        self._execute(connection, parameters, fetch=False, commit=commit)

    def _execute(
        self,
        connection: sa.Connection,
        parameters: dict[str, Any],
        fetch: bool,
        commit: bool = False,
        every: bool = False,
        alone: bool = False,
    ) -> Any:
        compiled, statement = self._compiled or self._compile(connection.dialect)
        values = compiled.construct_params(parameters)
        for name, process in compiled._bind_processors.items():
            if name in values:
                values[name] = process(values[name])
        positional = [values[name] for name in compiled.positiontup]
        driver = connection.connection.driver_connection
        try:
            return roundtrip.execute(
                driver, statement, positional, fetch=fetch, commit=commit, every=every, alone=alone
            )
        except connection.dialect.loaded_dbapi.Error as error:
            raise driver_error(connection, compiled.string, error) from error
        except BaseException:
            if driver.closed:  # interrupted mid-statement: roundtrip closed the connection
                connection.invalidate()
            raise

    def _compile(self, dialect: sa.Dialect) -> tuple[sa.Compiled, roundtrip.Statement]:
        compiled = self.statement.compile(
            dialect=_numbered_parameters(type(dialect)), column_keys=self._column_keys
        )
        self._compiled = compiled, roundtrip.Statement(compiled.string)
        return self._compiled


@functools.cache
def _numbered_parameters(dialect_class: type[sa.Dialect]) -> sa.Dialect:
    """The dialect, placing parameters as $1..$n: what libpq's prepared statements take."""
    return dialect_class(paramstyle="numeric_dollar")


def driver_error(connection: sa.Connection, statement: str, error: Exception) -> sa.exc.DBAPIError:
    """A driver error met outside SQLAlchemy's execution, as SQLAlchemy would raise it (so
    the error handlers, 503 while the database is down, see what they see elsewhere)."""
    lost = connection.dialect.is_disconnect(error, connection.connection.driver_connection, None)
    if lost:
        # As SQLAlchemy does on a disconnect: every pooled connection older than this one
        # is replaced at its next checkout (a restarted database dropped them all), not
        # only this one; else each would fail a request in turn.
        connection.engine.pool._invalidate(connection.connection, error)
        connection.invalidate(error)
    return sa.exc.DBAPIError.instance(
        statement,
        None,
        error,
        connection.dialect.loaded_dbapi.Error,
        hide_parameters=True,
        dialect=connection.dialect,
        connection_invalidated=lost,
    )


def rollback_and_close() -> None:
    """End the request's session, its changes (if any) rolled back: a read's end. On
    PostgreSQL the ROLLBACK keeps the connection's prepared statements
    (`roundtrip.rollback`); elsewhere an ordinary close."""
    from courier_api.extensions import db

    session = db.session()
    if session.get_transaction() is not None:
        connection = session.connection()
        if connection.dialect.name == "postgresql":
            _on_driver(connection, "ROLLBACK", roundtrip.rollback)
    session.close()


def commit_and_close() -> None:
    """Commit the request's unit of work as its last act and end the session.

    On PostgreSQL, once everything is flushed (a lost optimistic-lock race surfaces here
    as 412), the connection commits and the session closes: SQLAlchemy's commit would
    also expire every loaded object and walk its transaction states for nobody, about 8 %
    of a cheap write's cost. Elsewhere an ordinary commit."""
    from courier_api.extensions import db

    session = db.session()
    session.flush()
    if session.get_transaction() is None:  # nothing was read or written
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.commit()
        return
    _on_driver(connection, "COMMIT", lambda driver: driver.commit())
    session.close()


def _on_driver(connection: sa.Connection, statement: str, end: Callable[[Any], None]) -> None:
    """End the transaction straight on the psycopg connection, its errors raised as
    SQLAlchemy's (`driver_error`)."""
    try:
        end(connection.connection.driver_connection)
    except connection.dialect.loaded_dbapi.Error as error:
        raise driver_error(connection, statement, error) from error


# is_local: the setting ends with the transaction, so a pooled connection goes back as it
# came.
_GENERIC_PLANS = HotStatement(
    sa.select(sa.func.set_config("plan_cache_mode", "force_generic_plan", sa.true()))
)


def plan_once() -> None:
    """For the rest of the request's transaction, PostgreSQL plans each prepared statement
    once per connection and reuses the plan (elsewhere nothing).

    A statement keyed by an array of ids (`among`, `update_rows`) otherwise got a custom
    plan on every call: the generic plan's guess at the array's length made it look
    dearer than planning anew, the same plan either way. A door action's five such
    statements were planned on every delivery and sync batch, 0.15-0.6 ms each, 8 % of
    PostgreSQL's CPU under the peak mix (pg_stat_statements, docs/performance.md). Only
    for transactions of keyed lookups and writes: a list's filters may need custom plans."""
    from courier_api.extensions import db

    if db.engine.dialect.name == "postgresql":
        _GENERIC_PLANS.first({})
