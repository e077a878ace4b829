"""Lists load what they show set-based: the SQL statements of a page do not grow with the
number of rows on it (a query per row was 53 statements for 50 courier tasks)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import Named
from courier_api.tasks import service as tasks
from tests.factories import make_shipments
from tests.helpers import statements

SMALL, LARGE = 3, 30


def _offer_tasks(app, world, count: int) -> None:
    """`count` pickup tasks offered to courier_a, every other one accepted (each with an item)."""
    with app.app_context():
        now = clock.now()
        courier = world.couriers["courier_a"]
        for i, shipment in enumerate(make_shipments(world, count, state="awaiting_pickup")):
            task = tasks.create_task(
                tasks.TaskSpec(
                    kind="pickup",
                    station_id=world.stations["A"],
                    place=tasks.Place(address=f"中山市孙文中路{i}号", lat=22.52, lng=113.38),
                    window=(now, now + timedelta(hours=1)),
                    shipments=[shipment],
                    promise_start=now,
                    deadline=now + timedelta(minutes=60),
                )
            )
            db.session.flush()
            tasks.offer(task, courier_id=courier, offered_by="d", ttl=timedelta(hours=1))
            if i % 2:
                tasks.accept(task, courier_id=courier)
        db.session.commit()


def _getter(client, url: str, headers: dict[str, str]) -> Callable[[], dict]:
    def get() -> dict:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return get


def _counted(app, get: Callable[[], dict]) -> tuple[int, dict]:
    get()  # warm: first-use work (caches, lazy imports) is not what is measured
    with statements(app) as seen:
        body = get()
    return len(seen), body


def _grows(app, add: Callable[[int], None], get: Callable[[], dict], rows: Callable) -> None:
    """Statements for a page of SMALL rows and of LARGE rows are the same number."""
    add(SMALL)
    small, body = _counted(app, get)
    assert len(rows(body)) == SMALL
    add(LARGE - SMALL)
    large, body = _counted(app, get)
    assert len(rows(body)) == LARGE
    assert large == small, f"{small} statements for {SMALL} rows, {large} for {LARGE}"


def _offers_shown(shown: list[dict], courier: str) -> None:
    """The pending offer on each offered task; null on the accepted ones."""
    assert {t["state"] for t in shown} == {"offered", "accepted"}
    assert all(bool(t["offer"]) == (t["state"] == "offered") for t in shown)
    assert all(t["offer"]["courier_id"] == courier for t in shown if t["offer"])


def test_the_courier_task_list_does_not_query_per_task(app, client, world, as_):
    get = _getter(client, "/v1/courier/tasks?limit=200", as_("courier_a"))
    _grows(app, lambda n: _offer_tasks(app, world, n), get, lambda body: body["items"])
    listed = get()["items"]
    _offers_shown(listed, world.couriers["courier_a"])
    assert all(len(t["items"]) == 1 for t in listed)


def test_the_dispatch_board_does_not_query_per_task(app, client, world, as_):
    get = _getter(client, "/v1/dispatch/board", as_("dispatcher_a"))
    _grows(app, lambda n: _offer_tasks(app, world, n), get, lambda body: body["tasks"])
    _offers_shown(get()["tasks"], world.couriers["courier_a"])


def test_the_overdue_list_does_not_query_per_shipment(app, client, world, as_):
    def add(count: int) -> None:
        with app.app_context():
            made = make_shipments(world, count, named=(Named("addressee", "赵一"),))
            db.session.execute(
                sa.update(Shipment)
                .where(Shipment.id.in_([s.id for s in made]))
                .values(deliver_by=clock.now(), overdue_at=clock.now())
            )
            db.session.commit()

    get = _getter(client, "/v1/dispatch/overdue?limit=200", as_("dispatcher_a"))
    _grows(app, add, get, lambda body: body["items"])
    assert all(len(s["named_recipients"]) == 1 for s in get()["items"])
