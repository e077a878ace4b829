"""Set-based reads and writes: what takes another road on PostgreSQL than elsewhere.

Part of the PostgreSQL fence (`core.pg`). Each function works on every database; on
PostgreSQL it takes the faster road its docstring names (COPY, `unnest`, `= ANY(array)`,
a prepared INSERT in the round trip of the transaction's BEGIN).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from courier_api.core import clock
from courier_api.core.db import built_once, execute_core, insert_ignoring_conflicts
from courier_api.core.pg.statements import HotStatement, driver_error

T = TypeVar("T")


def _insert_one(table: sa.Table, row: dict[str, Any]) -> None:
    """One new row; absent columns take their Python defaults (scalar or callable), as
    through SQLAlchemy. A `HotStatement` per table and set of columns: SQLAlchemy's
    execution context was a tenth of a cheap write's cost."""
    names = tuple(row)
    defaulted = _absent_defaults(table, names)
    statement = _row_insert(table, names)
    statement.run({**_made(defaulted), **row})


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


@functools.cache
def _absent_onupdates(
    table: sa.Table, names: tuple[str, ...]
) -> tuple[tuple[sa.Column, Callable[[], Any]], ...]:
    """What an UPDATE through SQLAlchemy sets besides `names`: each column with a Python
    `onupdate` (`updated_at`), and a maker of its value, one for the whole statement."""
    return tuple(
        (column, _default_maker(column.onupdate))
        for column in table.c
        if column.key not in names and column.onupdate is not None
    )


def _made(makers: Sequence[tuple[sa.Column, Callable[[], Any]]]) -> dict[str, Any]:
    """The values `_absent_defaults` or `_absent_onupdates` make, by column key."""
    return {column.key: make() for column, make in makers}


def _default_maker(default: Any) -> Callable[[], Any]:
    if default.is_scalar:
        return lambda: default.arg
    if default.is_callable:
        # SQLAlchemy wraps a column's callable default to take its execution context;
        # defaults here (clock.now, new ids) never read it.
        return lambda: default.arg(None)
    raise ValueError(f"insert_rows cannot compute the default {default!r}")


def unnest(table: sa.Table, names: Sequence[str]) -> Any:
    """PostgreSQL: rows as a table, `unnest` of one array parameter a column (`u_<column>`,
    typed as `table`'s column), to insert or update from in one statement; `arrays` gives
    the parameters' values."""
    parameters = [sa.bindparam(f"u_{name}", type_=ARRAY(table.c[name].type)) for name in names]
    return sa.func.unnest(*parameters).table_valued(*names, name="given").render_derived()


def arrays(names: Sequence[str], rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    """The values of `unnest`'s parameters for `rows`."""
    return {f"u_{name}": [row[name] for row in rows] for name in names}


def insert_rows(
    table: sa.Table, rows: Sequence[dict[str, Any]], *, ignore_conflicts: bool = False
) -> None:
    """Insert many new rows (the same keys in each; other columns take their defaults) in
    the request's transaction; `ignore_conflicts`: rows already there are skipped. On
    PostgreSQL an executemany INSERT costs psycopg ~50 us a row and the server a statement
    a row (a sync batch inserts ~2,400 rows), so rows go by COPY, or where conflicts are
    ignored by one INSERT from `unnest`; a single row by a prepared INSERT, sent with the
    transaction's BEGIN when it is the first statement. Elsewhere an executemany INSERT."""
    from courier_api.extensions import db

    if not rows:
        return
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        statement = insert_ignoring_conflicts(table) if ignore_conflicts else sa.insert(table)
        connection.execute(statement, list(rows))
        return
    if ignore_conflicts:
        names = tuple(rows[0])
        # Absent columns' Python defaults, once for the statement, as SQLAlchemy fills an
        # INSERT ... SELECT's.
        defaults = _made(_absent_defaults(table, names))
        _insert_from_arrays(table, names).run({**arrays(names, rows), **defaults})
        return
    if len(rows) == 1:
        # A prepared INSERT is one round trip; COPY is two, and parsed anew each time.
        _insert_one(table, rows[0])
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


def among(
    column: Any, values: Iterable[Any] | None = None, *, named: str | None = None
) -> sa.ColumnElement[bool]:
    """`column IN values` for lists that can be long (a batch's ids). On PostgreSQL it is
    `= ANY(array)`, one parameter: SQLAlchemy renders an IN list's every value as its own
    parameter and psycopg parses such a statement anew each time (its cache stops at 50
    parameters), about 5 us a value, most of a 500-id query's cost. `named`: for a
    statement built once (`core.db.built_once`), the list is given at execution under
    this name."""
    from courier_api.extensions import db

    values = None if values is None else list(values)
    if db.engine.dialect.name == "postgresql":
        return column == sa.any_(sa.bindparam(named, values, type_=ARRAY(column.type)))
    return column.in_(sa.bindparam(named, values, expanding=True))


def load_collection(parents: Sequence[Any], attribute: Any) -> None:
    """Load a one-to-many collection (`Model.children`) of many loaded parents with one
    query by `among`, set as loaded: what selectinload does, without its IN list of
    every parent's key (rendered and parsed anew each time, ~5 us a key)."""
    from courier_api.extensions import db

    prop = attribute.property
    ((local, remote),) = prop.local_remote_pairs
    parent_key = prop.parent.get_property_by_column(local).key
    child_key = prop.mapper.get_property_by_column(remote).key
    keys = list({getattr(parent, parent_key) for parent in parents})
    if not keys:
        return
    found: dict[Any, list[Any]] = {}
    for child in db.session.scalars(built_once(_children_of, prop), {"parent_keys": keys}):
        found.setdefault(getattr(child, child_key), []).append(child)
    for parent in parents:
        set_committed_value(parent, prop.key, found.get(getattr(parent, parent_key), []))


def _children_of(prop: Any) -> sa.Select:
    ((_, remote),) = prop.local_remote_pairs
    query = sa.select(prop.mapper).where(among(remote, named="parent_keys"))
    return query.order_by(*prop.order_by) if prop.order_by else query


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
        session = db.session()
        if session.autoflush:
            session.flush()  # as the ORM's execute would: the rows may refer to pending ones
        written = (key, *names)
        stamped = _made(_absent_onupdates(table, written))
        _update_from_arrays(table, key, tuple(names)).run({**arrays(written, rows), **stamped})
        return
    db.session.execute(
        sa.update(table)
        .where(table.c[key] == sa.bindparam("b_key", type_=table.c[key].type))
        .values({name: sa.bindparam(f"b_{name}", type_=table.c[name].type) for name in names}),
        [{"b_key": row[key], **{f"b_{n}": row[n] for n in names}} for row in rows],
    )


@functools.cache
def _insert_from_arrays(table: sa.Table, names: tuple[str, ...]) -> HotStatement:
    """INSERT ... SELECT FROM `unnest` ON CONFLICT DO NOTHING, built once for a table and
    its columns (see `_update_from_arrays`)."""
    return HotStatement(
        insert_ignoring_conflicts(table).from_select(list(names), sa.select(unnest(table, names)))
    )


@functools.cache
def _update_from_arrays(table: sa.Table, key: str, names: tuple[str, ...]) -> HotStatement:
    """UPDATE ... FROM `unnest`, built once for a table and its columns and run as a
    prepared statement straight on the driver (`HotStatement`): through the ORM's execute
    each cost the API about 60 % more (its cache key, execution context and ORM compile
    state: 243 against 150 us a call), and a delivery runs four."""
    given = unnest(table, (key, *names))
    return HotStatement(
        sa.update(table)
        .where(table.c[key] == given.c[key])
        .values({name: given.c[name] for name in names})
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


def insert_objects(model: type[T], rows: Sequence[dict[str, Any]]) -> list[T]:
    """Insert new rows of `model` now, in the request's transaction, and return them as
    objects held by the session as persistent and unchanged, as a flush leaves them, without
    the unit of work or the attribute events of building them (together more than the
    inserts cost on an order's intake).

    A row's keys are attribute names; a column it leaves out takes its Python default, or
    NULL; a versioned row starts at version 1; a generated integer key is read back. Rows
    are not changed. Relationships are the caller's to set, with `set_committed_value`
    (they hold objects written here or loaded: nothing to write)."""
    from courier_api.extensions import db

    if not rows:
        return []
    session = db.session
    session.flush()  # what the caller added before goes first (this insert bypasses it)
    mapper = sa.inspect(model)
    columns, generated = _object_columns(mapper)
    written = []
    for row in rows:
        values = dict(row)
        for attribute, _, make in columns:
            if values.get(attribute) is None and (make is not None or attribute not in values):
                values[attribute] = None if make is None else make()
        written.append(values)
    inserted = [{key: v[attribute] for attribute, key, _ in columns} for v in written]
    if generated is None:
        insert_rows(mapper.local_table, inserted)
    else:
        for values, key in zip(written, _insert_returning(mapper, inserted), strict=True):
            values[generated[0]] = key
    new_instance = mapper.class_manager.new_instance
    objects = []
    for values in written:
        obj = new_instance()
        sa.inspect(obj).dict.update(values)
        make_transient_to_detached(obj)
        objects.append(obj)
    session.add_all(objects)
    return objects


def _insert_returning(mapper: Any, rows: list[dict[str, Any]]) -> list[Any]:
    """Insert rows whose integer key the database generates; their keys, in order."""
    table, (_, column) = mapper.local_table, _object_columns(mapper)[1]
    if len(rows) == 1:  # prepared, in the round trip of the BEGIN if it comes first
        return [_one_returning(table, column, tuple(rows[0])).first(rows[0])[0]]
    return execute_core(_many_returning(table, column), rows).scalars().all()


@functools.cache
def _one_returning(table: sa.Table, column: sa.Column, names: tuple[str, ...]) -> HotStatement:
    return HotStatement(sa.insert(table).returning(column), column_keys=list(names))


@functools.cache
def _many_returning(table: sa.Table, column: sa.Column) -> sa.Insert:
    return sa.insert(table).returning(column, sort_by_parameter_order=True)


@functools.cache
def _object_columns(
    mapper: Any,
) -> tuple[tuple[tuple[str, str, Callable[[], Any] | None], ...], tuple[str, sa.Column] | None]:
    """Per column written: the attribute, the column key and the maker of its default (None:
    NULL when unset); and the generated integer key (attribute, column), if the table has
    one. Columns with a server default are left to the server (read when first used)."""
    columns, generated = [], None
    version = mapper.version_id_col
    for column in mapper.local_table.c:
        attribute = mapper.get_property_by_column(column).key
        if version is not None and column is version:
            columns.append((attribute, column.key, lambda: 1))
        elif column is mapper.local_table.autoincrement_column:
            generated = (attribute, column)
        elif column.default is not None:
            columns.append((attribute, column.key, _default_maker(column.default)))
        elif column.server_default is None:
            columns.append((attribute, column.key, None))
    return tuple(columns), generated
