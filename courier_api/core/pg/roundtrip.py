"""One statement, with the BEGIN before it or the COMMIT after it, in one round trip.

psycopg sends a transaction's BEGIN and COMMIT as round trips of their own (in pipeline
mode too: it syncs after BEGIN, and leaving a pipeline costs one more). On a cheap
request those are two of its five round trips, and each costs both sides a context
switch: on a two-core machine about 35 us of a 1 ms request. Here the statement goes as
a libpq pipeline (BEGIN, statement, COMMIT as needed, one sync) on the connection psycopg
holds, which psycopg then finds where it expects it: in a transaction, or idle after the
commit. psycopg reads the transaction state from libpq, so it sends no BEGIN of its own
after ours, and its COMMIT finds nothing to commit.

Statements are prepared once per connection (named per statement and parameter types,
as psycopg names its own, and forgotten when psycopg forgets its own); parameters are
dumped and rows loaded by psycopg's adapters (the connection's, ours included), and errors
raised as psycopg raises them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors, generators, pq
from psycopg.adapt import PyFormat, Transformer

_AUTO = PyFormat.AUTO
_FAILED = pq.ExecStatus.FATAL_ERROR
_COMMIT = b"COMMIT"
_OPEN = (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR)
# Closing a prepared statement in a pipeline needs libpq 17 (psycopg-binary carries 18).
_CAN_CLOSE = pq.version() >= 170000
_statement_numbers = itertools.count()


class Statement:
    """SQL with $1..$n placeholders, prepared on each connection at its first use."""

    def __init__(self, sql: str) -> None:
        self.sql = sql.encode()
        self._names: dict[tuple[int, ...], bytes] = {}

    def name_for(self, types: tuple[int, ...]) -> bytes:
        """A short name per parameter types (the server keeps 63 bytes of a name)."""
        name = self._names.get(types)
        if name is None:
            name = self._names[types] = f"courier_{next(_statement_numbers)}".encode()
        return name


class _ConnectionState:
    """What this module keeps per psycopg connection."""

    def __init__(self, driver: psycopg.Connection) -> None:
        self.transformer = Transformer.from_context(driver)
        self.prepared: set[bytes] = set()
        # psycopg forgets its own prepared statements after a ROLLBACK (or a DROP, ALTER,
        # DISCARD ALL), and sends DEALLOCATE ALL when it held any: ours go with them. So
        # ours are forgotten when that happens, and prepared again at their next use, in
        # the same round trip.
        manager = driver._prepared
        forget_psycopg_statements = manager.clear

        def forget_all() -> bool:
            deallocating = forget_psycopg_statements()
            if deallocating:
                self.prepared.clear()
            return deallocating

        manager.clear = forget_all


def execute(
    driver: psycopg.Connection,
    statement: Statement,
    parameters: Sequence[Any],
    *,
    fetch: bool,
    commit: bool = False,
    every: bool = False,
    alone: bool = False,
) -> Any:
    """Run `statement` in the connection's transaction (opening one if none is open),
    and commit it after if `commit`; the first row if `fetch` (every row, a list, if
    `every` too), else None. `alone`: outside any transaction block, as its own
    transaction (the connection must be idle).

    A failure of the statement or of the COMMIT raises the server's error with the
    transaction left failed, for the caller to roll back, as after any failed statement."""
    state = _state(driver)
    transformer = state.transformer
    values = transformer.dump_sequence(parameters, [_AUTO] * len(parameters))
    # prepare_threshold None turns prepared statements off (behind a transaction pooler,
    # say): the statement then goes unnamed, parsed each time.
    name = None if driver.prepare_threshold is None else statement.name_for(transformer.types)
    pipeline = _Pipeline(
        begin=None if alone else _begin_command(driver),
        sql=statement.sql,
        name=name,
        prepare=name is not None and name not in state.prepared,
        values=values,
        types=transformer.types,
        formats=transformer.formats,
        commit=commit,
    )
    results = pipeline.run(driver)
    found = results[pipeline.statement_at]
    if pipeline.prepare and results[pipeline.statement_at - 1].status == pq.ExecStatus.COMMAND_OK:
        state.prepared.add(name)
    for result in results:  # the commands after a failed one are skipped, not failed
        if result.status == _FAILED:
            error = errors.error_from_result(result, encoding=driver.info.encoding)
            if isinstance(error, errors.InvalidSqlStatementName):
                # Dropped behind our back (a DISCARD ALL, say): prepared again next time.
                state.prepared.discard(name)
            raise error
    if not fetch:
        return None
    transformer.set_pgresult(found)
    if every:
        return transformer.load_rows(0, found.ntuples, tuple)
    return transformer.load_row(0, tuple) if found.ntuples else None


def rollback(driver: psycopg.Connection) -> None:
    """End the open transaction with a ROLLBACK that psycopg does not send: after its own,
    psycopg forgets every prepared statement and deallocates them all on the server (in
    case the transaction dropped what they refer to: never so in a request), so the
    next requests on the connection would parse and plan each of theirs again, and pay
    a DEALLOCATE ALL round trip. A prepared statement outlives a ROLLBACK on the server,
    and psycopg, finding the connection idle, sends no ROLLBACK of its own after ours."""
    if driver._pipeline is not None or driver.pgconn.transaction_status not in _OPEN:
        driver.rollback()  # in psycopg's own pipeline, or nothing open: psycopg's road
        return
    with driver.lock:
        driver.pgconn.send_query_params(b"ROLLBACK", None)
        results = driver.wait(generators.execute(driver.pgconn))
    for result in results:
        if result.status == _FAILED:
            raise errors.error_from_result(result, encoding=driver.info.encoding)


def _state(driver: psycopg.Connection) -> _ConnectionState:
    state = getattr(driver, "_courier_roundtrip", None)
    if state is None:
        state = driver._courier_roundtrip = _ConnectionState(driver)
    return state


def _begin_command(driver: psycopg.Connection) -> bytes | None:
    """The BEGIN to send first if no transaction is open: the one psycopg would send."""
    if driver.autocommit or driver.pgconn.transaction_status != pq.TransactionStatus.IDLE:
        return None
    return driver._get_tx_start_command()


@dataclass(slots=True)
class _Pipeline:
    """What goes in one pipeline, in this order: BEGIN, CLOSE + PREPARE (the first time
    on a connection), the statement, COMMIT; one sync. Each command gets one result."""

    begin: bytes | None
    sql: bytes
    name: bytes | None
    prepare: bool
    values: Sequence[Any]
    types: Sequence[int]
    formats: Sequence[Any]
    commit: bool

    @property
    def statement_at(self) -> int:
        return (self.begin is not None) + (1 + _CAN_CLOSE if self.prepare else 0)

    def run(self, driver: psycopg.Connection) -> list[pq.abc.PGresult]:
        """Every command's result, in order."""
        pgconn = driver.pgconn
        with driver.lock:
            pgconn.enter_pipeline_mode()
            try:
                self._send(pgconn)
                pgconn.pipeline_sync()
                driver.wait(generators.send(pgconn))
                results = []
                while True:
                    got = driver.wait(generators.fetch_many(pgconn))
                    if not got:
                        raise psycopg.OperationalError("the pipeline ended without its sync")
                    if got[-1].status == pq.ExecStatus.PIPELINE_SYNC:
                        break
                    results.extend(got)
                pgconn.exit_pipeline_mode()
            except BaseException:
                # Results left unread (a lost connection, an interrupt): the connection
                # cannot be trusted with another command. Closed, it is not reused.
                if pgconn.pipeline_status != pq.PipelineStatus.OFF:
                    driver.close()
                raise
        return results

    def _send(self, pgconn: pq.abc.PGconn) -> None:
        if self.begin is not None:
            pgconn.send_query_params(self.begin, None)
        if self.name is None:
            pgconn.send_query_params(
                self.sql, self.values, param_types=self.types, param_formats=self.formats
            )
        else:
            if self.prepare:
                if _CAN_CLOSE:
                    # A statement of this name the server kept while we forgot it (psycopg
                    # forgot its own without deallocating, say) is replaced, not an error.
                    pgconn.send_close_prepared(self.name)
                pgconn.send_prepare(self.name, self.sql, param_types=self.types)
            pgconn.send_query_prepared(self.name, self.values, param_formats=self.formats)
        if self.commit:
            pgconn.send_query_params(_COMMIT, None)
