"""Column types and mixins every domain's models share."""

from __future__ import annotations

import functools
import json
from collections import namedtuple
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from courier_api.core import clock, roundtrip
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


class HotStatement:
    """A Core statement on nearly every request's path (the session check, idempotency
    keys, single-row inserts), which on PostgreSQL skips SQLAlchemy and runs straight on
    the request's psycopg connection, inside the same transaction, in one round trip with
    the transaction's BEGIN when it is the first statement (`core.roundtrip`).
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
    ) -> Any:
        compiled, statement = self._compiled or self._compile(connection.dialect)
        values = compiled.construct_params(parameters)
        for name, process in compiled._bind_processors.items():
            if name in values:
                values[name] = process(values[name])
        positional = [values[name] for name in compiled.positiontup]
        driver = connection.connection.driver_connection
        try:
            return roundtrip.execute(driver, statement, positional, fetch=fetch, commit=commit)
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


def insert_row(table: sa.Table, row: dict[str, Any]) -> None:
    """Insert one new row in the request's transaction; absent columns take their Python
    defaults (scalar or callable), as through SQLAlchemy. A `HotStatement` per table and
    set of columns: SQLAlchemy's execution context was a tenth of a cheap write's cost."""
    names = tuple(row)
    defaulted = _absent_defaults(table, names)
    statement = _row_insert(table, names)
    statement.run({**{column.key: make() for column, make in defaulted}, **row})


@functools.cache
def _row_insert(table: sa.Table, names: tuple[str, ...]) -> HotStatement:
    keys = [*names, *(column.key for column, _ in _absent_defaults(table, names))]
    return HotStatement(sa.insert(table), column_keys=keys)


@functools.cache
def _absent_defaults(
    table: sa.Table, names: tuple[str, ...]
) -> tuple[tuple[sa.Column, Callable[[], Any]], ...]:
    """What an INSERT through SQLAlchemy fills in for the columns missing from `names`:
    each such column with a Python default (scalar or callable), and a maker of its value
    (called once a row), for inserts that bypass SQLAlchemy's execution."""
    return tuple(
        (column, _default_maker(column.default))
        for column in table.c
        if column.key not in names and column.default is not None
    )


def _default_maker(default: Any) -> Callable[[], Any]:
    if default.is_scalar:
        return lambda: default.arg
    if default.is_callable:
        # SQLAlchemy wraps a column's callable default to take its execution context;
        # defaults here (clock.now, new ids) never read it.
        return lambda: default.arg(None)
    raise ValueError(f"insert_row cannot compute the default {default!r}")


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


def unnest(table: sa.Table, names: Sequence[str], rows: Sequence[dict[str, Any]]):
    """PostgreSQL: the rows as a table (`unnest` of one array parameter a column, typed as
    `table`'s columns), to insert or update from in one statement."""
    arrays = [
        sa.bindparam(None, [row[name] for row in rows], type_=ARRAY(table.c[name].type))
        for name in names
    ]
    return sa.func.unnest(*arrays).table_valued(*names, name="given").render_derived()


def insert_rows(
    table: sa.Table, rows: Sequence[dict[str, Any]], *, ignore_conflicts: bool = False
) -> None:
    """Insert many new rows (the same keys in each; other columns take their defaults) in
    the request's transaction; `ignore_conflicts`: rows already there are skipped. On
    PostgreSQL an executemany INSERT costs psycopg ~50 us a row and the server a statement
    a row (a sync batch inserts ~2,400 rows), so rows go by COPY, or where conflicts are
    ignored by one INSERT from `unnest`; a single row by a prepared INSERT (`insert_row`).
    Elsewhere an executemany INSERT."""
    from courier_api.extensions import db

    if not rows:
        return
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        statement = insert_ignoring_conflicts(table) if ignore_conflicts else sa.insert(table)
        connection.execute(statement, list(rows))
        return
    if ignore_conflicts:
        given = unnest(table, list(rows[0]), rows)
        connection.execute(
            insert_ignoring_conflicts(table).from_select(list(rows[0]), sa.select(given))
        )
        return
    if len(rows) == 1:
        # A prepared INSERT is one round trip; COPY is two, and parsed anew each time.
        insert_row(table, rows[0])
        return
    names = list(rows[0])
    defaulted = _absent_defaults(table, tuple(names))
    columns = [table.c[name] for name in names] + [column for column, _ in defaulted]
    # JSON as SQLAlchemy binds it: serialised (None too, unless the type keeps it NULL).
    as_json = [
        (i, c.type.none_as_null) for i, c in enumerate(columns) if isinstance(c.type, sa.JSON)
    ]
    preparer = connection.dialect.identifier_preparer
    statement = (
        f"COPY {preparer.format_table(table)} "
        f"({', '.join(preparer.format_column(c) for c in columns)}) FROM STDIN"
    )
    driver = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = [row[name] for name in names] + [make() for _, make in defaulted]
                for i, none_as_null in as_json:
                    if values[i] is not None or not none_as_null:
                        values[i] = json.dumps(values[i])
                copy.write_row(values)
    except connection.dialect.loaded_dbapi.Error as error:
        raise driver_error(connection, statement, error) from error


def among(column: Any, values: Iterable[Any]) -> sa.ColumnElement[bool]:
    """`column IN values` for lists that can be long (a batch's ids). On PostgreSQL it is
    `= ANY(array)`, one parameter: SQLAlchemy renders an IN list's every value as its own
    parameter and psycopg parses such a statement anew each time (its cache stops at 50
    parameters), about 5 us a value, most of a 500-id query's cost."""
    from courier_api.extensions import db

    values = list(values)
    if db.engine.dialect.name == "postgresql":
        return column == sa.any_(sa.bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def load_collection(parents: Sequence[Any], attribute: Any) -> None:
    """Load a one-to-many collection (`Model.children`) of many loaded parents with one
    query by `among`, set as loaded: what selectinload does, without its IN list of
    every parent's key (rendered and parsed anew each time, ~5 us a key)."""
    from courier_api.extensions import db

    prop = attribute.property
    ((local, remote),) = prop.local_remote_pairs
    parent_key = prop.parent.get_property_by_column(local).key
    child_key = prop.mapper.get_property_by_column(remote).key
    keys = {getattr(parent, parent_key) for parent in parents}
    if not keys:
        return
    query = sa.select(prop.mapper).where(among(remote, keys))
    if prop.order_by:
        query = query.order_by(*prop.order_by)
    found: dict[Any, list[Any]] = {}
    for child in db.session.scalars(query):
        found.setdefault(getattr(child, child_key), []).append(child)
    for parent in parents:
        set_committed_value(parent, prop.key, found.get(getattr(parent, parent_key), []))


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


def update_rows(table: sa.Table, key: str, rows: Sequence[dict[str, Any]]) -> None:
    """Set the other columns of each row (the same keys in each) where `key` matches, in
    the request's transaction. On PostgreSQL one statement, UPDATE ... FROM unnest (an
    executemany UPDATE is a statement a row in the server and ~40 us a row in psycopg);
    elsewhere an executemany UPDATE."""
    from courier_api.extensions import db

    if not rows:
        return
    names = [name for name in rows[0] if name != key]
    if db.engine.dialect.name == "postgresql":
        given = unnest(table, [key, *names], rows)
        statement = (
            sa.update(table)
            .where(table.c[key] == given.c[key])
            .values({name: given.c[name] for name in names})
        )
        db.session.execute(statement, execution_options={"synchronize_session": False})
        return
    db.session.execute(
        sa.update(table)
        .where(table.c[key] == sa.bindparam("b_key", type_=table.c[key].type))
        .values({name: sa.bindparam(f"b_{name}", type_=table.c[name].type) for name in names}),
        [{"b_key": row[key], **{f"b_{n}": row[n] for n in names}} for row in rows],
    )


def write_changes(objects: Iterable[Any], columns: Sequence[str]) -> int:
    """Write the pending changes to `columns` of loaded rows of one model in a single
    UPDATE (`update_rows`), and tell the ORM they are written (so its flush, which issues one
    UPDATE per versioned row, skips them). For batches whose rows the caller has locked:
    a versioned row's version is bumped (its ETag changes) without being checked, since
    nobody else can change the row meanwhile. Returns the number of rows written."""
    from courier_api.extensions import db

    # Once each (a batch may name a row twice), in the order given.
    changed = list(dict.fromkeys(o for o in objects if sa.inspect(o).modified))
    if not changed:
        return 0
    mapper = sa.inspect(type(changed[0]))
    table = mapper.local_table
    (key,) = (c.key for c in mapper.primary_key)
    version = mapper.version_id_col.key if mapper.version_id_col is not None else None
    now = clock.now()
    with db.session.no_autoflush:  # an autoflush here would write them the slow way first
        rows = []
        for obj in changed:
            row = {key: getattr(obj, key), **{name: getattr(obj, name) for name in columns}}
            if "updated_at" in table.c:
                row["updated_at"] = now
            if version:
                row[version] = getattr(obj, version) + 1
            rows.append(row)
        update_rows(table, key, rows)
    identity_map = db.session.identity_map
    for obj, row in zip(changed, rows, strict=True):
        state = sa.inspect(obj)
        if state.committed_state.keys() <= row.keys():
            # Nothing else pending on the row: mark it clean, else every later flush
            # walks it to find nothing to write (a tenth of a 500-event sync batch). The
            # ORM's own post-flush step (`_commit_all`) does this; there is no public one.
            state.dict.update(row)
            state._commit_all(state.dict, identity_map)
        else:
            for name, value in row.items():
                set_committed_value(obj, name, value)
    return len(changed)
