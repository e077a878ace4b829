"""The PostgreSQL fence, core.pg: `among` (an IN list, one array on PostgreSQL),
`insert_rows` (COPY or a prepared INSERT on PostgreSQL), `insert_objects` (new ORM objects
written at once, kept as persistent), `load_collection` (selectinload without its IN
list), `write_changes` (one UPDATE for many loaded rows, which the ORM then takes as
written), `HotStatement`; and that nothing outside the fence reaches past it."""

from __future__ import annotations

import ast
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent, event_row
from courier_api.core.pg import (
    HotStatement,
    among,
    commit_and_close,
    insert_objects,
    insert_rows,
    load_collection,
    plan_once,
    rollback_and_close,
    update_rows,
    write_changes,
)
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import Named, Party, ShipmentSpec, create_shipments
from tests.factories import ADMIN, make_shipments


def test_among_selects_what_in_would(app, world):
    with app.app_context():
        ids = [s.id for s in make_shipments(world, 3)]
        db.session.commit()

        def found(values):
            query = sa.select(Shipment.id).where(among(Shipment.id, values))
            return set(db.session.scalars(query))

        assert found([ids[0], ids[2], "shp_nope"]) == {ids[0], ids[2]}
        assert found(iter(ids)) == set(ids)
        assert found([]) == set()


def test_write_changes_writes_each_row_once_and_keeps_other_changes(app, world):
    with app.app_context():
        first, second = make_shipments(world, 2)
        db.session.commit()
        first.attempts, second.attempts = 1, 2
        second.sender_name = "王大明"  # not among the columns written: stays pending
        assert write_changes([first, second, first], ["attempts"]) == 2
        # The written row is clean (a flush has nothing to do for it); the other still
        # holds its pending change, written by the next flush.
        assert first not in db.session.dirty
        assert second in db.session.dirty
        db.session.commit()
        db.session.expire_all()
        assert (first.attempts, second.attempts) == (1, 2)
        assert second.sender_name == "王大明"


def test_update_rows_comes_after_the_sessions_pending_changes(app, world):
    # As an ORM statement would: what the session holds unwritten is written first, so a
    # pending change does not overwrite the update at the commit (nor is a pending row
    # it refers to missing); and `updated_at` is stamped.
    with app.app_context():
        (shipment,) = make_shipments(world, 1)
        db.session.commit()
        written_before = shipment.updated_at
        shipment.attempts = 1
        update_rows(Shipment.__table__, "id", [{"id": shipment.id, "attempts": 5}])
        db.session.commit()
        attempts, updated_at = db.session.execute(
            sa.select(Shipment.attempts, Shipment.updated_at).where(Shipment.id == shipment.id)
        ).one()
        assert attempts == 5
        assert updated_at > written_before  # stamped as SQLAlchemy's UPDATE stamps it


def _stored_test_events() -> list[OutboxEvent]:
    """The events the insert_rows tests wrote, by subject."""
    return db.session.scalars(
        sa.select(OutboxEvent)
        .where(OutboxEvent.kind == "test.insert_rows")
        .order_by(OutboxEvent.subject_id)
    ).all()


def test_insert_rows_writes_json_and_fills_scalar_defaults(app):
    with app.app_context():
        rows = [
            event_row(
                "test.insert_rows",
                subject_type="shipment",
                subject_id=f"shp_{n}",
                payload={"n": n, "name": "李四", "nested": [1, None]},
                organisation_ids=["org_b", "org_a"],
            )
            for n in range(3)
        ]
        insert_rows(OutboxEvent.__table__, rows)
        db.session.commit()
        stored = _stored_test_events()
        assert [e.payload for e in stored] == [r["payload"] for r in rows]
        assert all(e.organisation_ids == ["org_a", "org_b"] for e in stored)
        # Columns the rows leave out take their defaults, as through an INSERT.
        assert {(e.status, e.attempts, e.dispatched_at) for e in stored} == {("pending", 0, None)}
        assert stored[0].created_at == rows[0]["created_at"]
        insert_rows(OutboxEvent.__table__, [])  # nothing to write


def test_insert_rows_ignoring_conflicts_fills_defaults_and_skips_rows_already_there(app):
    with app.app_context():
        rows = [
            {  # without organisation_ids (a callable default), status and attempts
                key: value
                for key, value in event_row(
                    "test.insert_rows",
                    subject_type="shipment",
                    subject_id=f"shp_{n}",
                    payload={"n": n, "name": "李四"},
                ).items()
                if key != "organisation_ids"
            }
            for n in range(2)
        ]
        insert_rows(OutboxEvent.__table__, rows, ignore_conflicts=True)
        again = {**rows[0], "payload": {"n": 99}}
        insert_rows(OutboxEvent.__table__, [again], ignore_conflicts=True)
        db.session.commit()
        stored = _stored_test_events()
        assert [(e.payload, e.status, e.attempts, e.organisation_ids) for e in stored] == [
            ({"n": 0, "name": "李四"}, "pending", 0, []),
            ({"n": 1, "name": "李四"}, "pending", 0, []),
        ]


def test_one_row_fills_scalar_and_callable_defaults(app):
    with app.app_context():
        row = event_row("test.insert_row", subject_type="shipment", subject_id="s", payload={})
        del row["organisation_ids"]  # a callable default (list)
        insert_rows(OutboxEvent.__table__, [{**row, "payload": {"name": "李四", "n": [1, None]}}])
        db.session.commit()
        stored = db.session.get(OutboxEvent, row["id"])
        assert stored.payload == {"name": "李四", "n": [1, None]}
        assert (stored.organisation_ids, stored.status, stored.attempts) == ([], "pending", 0)
        assert stored.created_at == row["created_at"]


@pytest.mark.parametrize("count", [1, 3])  # a prepared INSERT; COPY on PostgreSQL
def test_insert_rows_fails_as_an_insert_would(app, count):
    with app.app_context():
        rows = [
            event_row("test.insert_rows", subject_type="shipment", subject_id="s", payload={})
            for _ in range(count)
        ]
        insert_rows(OutboxEvent.__table__, rows[-1:])
        with pytest.raises(sa.exc.IntegrityError):
            insert_rows(OutboxEvent.__table__, rows)
        db.session.rollback()
        assert db.session.get(OutboxEvent, rows[0]["id"]) is None  # nothing half-written


def _outbox_row(subject_id: str) -> dict:
    row = event_row("test.hot", subject_type="shipment", subject_id=subject_id, payload={})
    return {**row, "status": "pending", "attempts": 0}


_INSERT_EVENT = HotStatement(sa.insert(OutboxEvent.__table__), column_keys=list(_outbox_row("s")))


def test_run_with_commit_commits_with_the_work_before_it_or_nothing(app):
    with app.app_context():
        work, last = _outbox_row("work"), _outbox_row("last")
        insert_rows(OutboxEvent.__table__, [work])
        _INSERT_EVENT.run(last, commit=True)
        db.session.rollback()  # nothing left to roll back: both are committed
        assert {db.session.get(OutboxEvent, r["id"]).subject_id for r in (work, last)} == {
            "work",
            "last",
        }
        # A failing statement commits nothing: the work before it is rolled back with it.
        more = _outbox_row("more")
        insert_rows(OutboxEvent.__table__, [more])
        with pytest.raises(sa.exc.IntegrityError):
            _INSERT_EVENT.run(last, commit=True)
        db.session.rollback()
        assert db.session.get(OutboxEvent, more["id"]) is None


_FIND_EVENT = HotStatement(
    sa.select(OutboxEvent.__table__.c.subject_id).where(
        OutboxEvent.__table__.c.id == sa.bindparam("event_id")
    )
)


@pytest.fixture
def kept_event(app) -> str:
    with app.app_context():
        row = _outbox_row("kept")
        insert_rows(OutboxEvent.__table__, [row])
        db.session.commit()
    return row["id"]


@pytest.mark.postgres
def test_a_pipeline_larger_than_the_socket_buffer_is_sent_whole(app, kept_event):
    # Past the socket's buffer the first write sends part of it; the rest follows.
    with app.app_context():
        assert _FIND_EVENT.first({"event_id": "x" * 8_000_000}) is None
        large = {**_outbox_row("large"), "payload": {"note": "x" * 8_000_000}}
        _INSERT_EVENT.run(large, commit=True)
        db.session.rollback()  # nothing left to roll back: it is committed
        assert len(db.session.get(OutboxEvent, large["id"]).payload["note"]) == 8_000_000


@pytest.mark.postgres
@pytest.mark.parametrize("end", [commit_and_close, rollback_and_close])
def test_generic_plans_last_until_the_transaction_ends(app, end):
    # A door action's statements are planned once; the pooled connection goes back to
    # planning as usual, for the next request's lists.
    def mode() -> str:
        return db.session.execute(sa.text("SHOW plan_cache_mode")).scalar_one()

    with app.app_context():
        assert mode() == "auto"
        plan_once()
        driver = db.session.connection().connection.driver_connection
        assert mode() == "force_generic_plan"
        end()
        with driver.transaction():  # the connection, back in the pool
            assert driver.execute("SHOW plan_cache_mode").fetchone()[0] == "auto"


@pytest.mark.postgres
def test_hot_statements_outlive_psycopg_forgetting_its_prepared_statements(app, kept_event):
    # psycopg sends DEALLOCATE ALL after a rollback when it holds prepared statements of
    # its own; the hot statements, prepared beside them, must be prepared again.
    with app.app_context():
        for _ in range(3):
            assert _FIND_EVENT.first({"event_id": kept_event}).subject_id == "kept"
            driver = db.session.connection().connection.driver_connection
            driver.execute("SELECT 1", prepare=True)  # one of psycopg's own
            db.session.rollback()


@pytest.mark.postgres
def test_hot_statements_recover_from_statements_dropped_or_kept_unknown(app, kept_event):
    with app.app_context():
        assert _FIND_EVENT.first({"event_id": kept_event}).subject_id == "kept"
        driver = db.session.connection().connection.driver_connection
        # Kept by the server, forgotten by the connection: prepared again, no clash.
        driver._courier_roundtrip.prepared.clear()
        assert _FIND_EVENT.first({"event_id": kept_event}).subject_id == "kept"
        # Dropped behind psycopg's back (a pooler's reset, say): that statement fails,
        # and the next one on the connection prepares it again.
        driver.pgconn.exec_(b"DEALLOCATE ALL")
        with pytest.raises(sa.exc.ProgrammingError):
            _FIND_EVENT.first({"event_id": kept_event})
        driver.rollback()  # the same connection (the session's rollback would return it)
        assert _FIND_EVENT.first({"event_id": kept_event}).subject_id == "kept"
        assert db.session.connection().connection.driver_connection is driver
        db.session.rollback()


@pytest.mark.postgres
def test_hot_statements_go_unprepared_where_prepared_statements_are_off(app, kept_event):
    # psycopg's prepare_threshold=None (behind a transaction pooler): nothing is prepared.
    with app.app_context():
        driver = db.session.connection().connection.driver_connection
        driver.execute("DEALLOCATE ALL")  # what an earlier test prepared on the connection
        driver.prepare_threshold = None
        assert _FIND_EVENT.first({"event_id": kept_event}).subject_id == "kept"
        prepared = driver.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%outbox_events.subject_id%"],
        ).fetchone()[0]
        assert prepared == 0
        db.session.connection().invalidate()  # not back to the pool with the setting changed
        db.session.close()


def test_load_collection_loads_each_parents_children_in_order(app, world):
    with app.app_context():
        named = (Named("father", "赵二", None), Named("mother", "钱一", None))
        with_named, without = make_shipments(world, 1, named=named) + make_shipments(world, 1)
        db.session.commit()
        ids = [with_named.id, without.id]
        db.session.expunge_all()
        shipments = db.session.scalars(sa.select(Shipment).where(among(Shipment.id, ids))).all()
        load_collection(shipments, Shipment.named_recipients)
        by_id = {s.id: s for s in shipments}
        # Loaded: reading them needs no query, and they come in the relationship's order.
        with db.session.no_autoflush, _no_queries():
            assert [n.name for n in by_id[with_named.id].named_recipients] == ["赵二", "钱一"]
            assert by_id[without.id].named_recipients == []


@contextmanager
def _no_queries():
    def refuse(*_args, **_kwargs):
        raise AssertionError("a query ran")

    sa.event.listen(db.engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", refuse)


@contextmanager
def _statements():
    """The SQL statements SQLAlchemy sends meanwhile."""
    sent: list[str] = []

    def count(conn, cursor, statement, *args):
        sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def test_insert_objects_writes_at_once_and_keeps_them_loaded(app, world):
    from courier_api.tasks import service as tasks
    from courier_api.tasks.models import Task

    with app.app_context():
        party = Party("李四", "13912345678", "中山市博爱路88号", 22.52, 113.45)
        spec = ShipmentSpec(
            product="express",
            sender=party,
            recipient=party,
            owners=[("organisation", world.organisations["hospital"])],
            holder=("organisation", world.organisations["hospital"]),
            origin_station_id=world.stations["A"],
            named=[Named("addressee", "李四")],
        )
        shipments = create_shipments([spec, spec], actor=ADMIN)
        task = tasks.create_task(
            tasks.TaskSpec(
                kind="delivery",
                station_id=world.stations["A"],
                place=tasks.Place(address="中山市博爱路88号", lat=22.52, lng=113.45),
                window=(clock.now(), clock.now()),
                shipments=shipments,
                taken_by=world.couriers["courier_a"],
            )
        )
        # Written already, and held as written: nothing pending, nothing read back.
        assert not db.session.new and not db.session.dirty
        with _statements() as sent:
            seen = (task.version, task.state, task.created_at is not None, task.eta_at)
            waybills = [item.waybill for item in task.items]
            owners = [len(s.owners) for s in shipments]
            named = [s.named_recipients[0].name for s in shipments]
            assert shipments[0].attempts == 0
        assert sent == []
        assert seen == (1, "accepted", True, None)
        assert waybills == [s.waybill for s in shipments]
        assert (owners, named) == ([1, 1], ["李四", "李四"])
        item_ids = [item.id for item in task.items]
        db.session.commit()
        db.session.expire_all()
        stored = db.session.get(Task, task.id)
        assert (stored.version, stored.state, stored.courier_id) == (
            1,
            "accepted",
            world.couriers["courier_a"],
        )
        assert [item.id for item in stored.items] == item_ids  # generated keys read back


def test_insert_objects_fails_as_a_flush_would(app, world):
    with app.app_context():
        [shipment] = make_shipments(world)
        row = {c.key: getattr(shipment, c.key) for c in Shipment.__table__.c}
        fresh = {**row, "id": "shp_fresh", "waybill": "EA000000001CN"}
        with pytest.raises(sa.exc.IntegrityError):  # the same id again: refused, with fresh
            insert_objects(Shipment, [fresh, row])
        db.session.rollback()
        assert db.session.get(Shipment, "shp_fresh") is None  # nothing half-written


_PACKAGE = Path(__file__).resolve().parents[2] / "courier_api"


def _reaching_past_the_fence(path: Path) -> set[str]:
    """What the module imports of psycopg, or of core.pg beyond its exports."""
    from courier_api.core import pg

    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            inside = name.removeprefix("courier_api.core.pg.")
            if name.split(".")[0] == "psycopg" or (inside != name and inside not in pg.__all__):
                found.add(name)
    return found


def test_nothing_outside_the_fence_reaches_the_driver_or_inside_the_fence():
    fence = _PACKAGE / "core" / "pg"
    leaks = {
        str(path.relative_to(_PACKAGE)): sorted(bad)
        for path in _PACKAGE.rglob("*.py")
        if fence not in path.parents and (bad := _reaching_past_the_fence(path))
    }
    assert leaks == {}


@pytest.mark.postgres
@pytest.mark.parametrize("prepared_statements", [True, False])
def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler(
    app, kept_event, prepared_statements, tmp_path
):
    # Behind PgBouncer in transaction mode a statement prepared on one server connection
    # is missing on the next: with DATABASE_PREPARED_STATEMENTS off, neither psycopg
    # (after a statement's 5th use) nor the hot statements prepare anything.
    from courier_api import create_app

    pooled = create_app(
        {
            "COURIER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "INSTANCE_DIR": str(tmp_path),
            "DATABASE_PREPARED_STATEMENTS": prepared_statements,
        }
    )
    kind = sa.select(OutboxEvent.kind).where(OutboxEvent.id == kept_event)
    with pooled.app_context():
        try:
            for _ in range(6):
                assert db.session.scalar(kind) == "test.hot"
                assert _FIND_EVENT.first({"event_id": kept_event}).subject_id == "kept"
            prepared = db.session.scalar(sa.text("SELECT count(*) FROM pg_prepared_statements"))
        finally:
            db.session.remove()
            db.engine.dispose()
    assert (prepared >= 2) is prepared_statements


@pytest.mark.postgres
def test_reads_keep_the_connections_prepared_statements(app, world, tmp_path):
    # A read ends in a ROLLBACK; psycopg's own would deallocate every prepared statement
    # on the connection, so each request would parse and plan its statements again.
    from courier_api import create_app
    from tests.factories import login

    single = create_app(
        {
            "COURIER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "INSTANCE_DIR": str(tmp_path),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 1, "max_overflow": 0},
        }
    )
    client = single.test_client()
    headers = {"Authorization": f"Bearer {login(client, world, 'dispatcher_a')}"}
    try:
        for _ in range(7):  # psycopg prepares a statement at its 5th use on a connection
            assert client.get("/v1/stations", headers=headers).status_code == 200
        with single.app_context():
            prepared = db.session.scalars(
                sa.text("SELECT statement FROM pg_prepared_statements")
            ).all()
            db.session.rollback()
    finally:
        with single.app_context():
            db.session.remove()
            db.engine.dispose()
    # The session check (a hot statement) and the list's own query, both kept.
    assert any("auth_sessions" in statement for statement in prepared)
    assert any("FROM stations" in statement for statement in prepared)
