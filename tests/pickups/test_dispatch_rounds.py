"""Dispatch rounds and the SLA monitor against the database (the engine itself is tested
pure in tests/dispatch)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent
from courier_api.dispatch import sla
from courier_api.dispatch.rounds import run_round
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.tasks.models import SlaBreach, Task, TaskOffer
from tests.factories import make_courier
from tests.helpers import celery_worker, race, wait_for
from tests.pickups.test_pickup_flow import at_local, login_citizen, quote

TTL = timedelta(seconds=90)


def _order(client, headers, key):
    q = quote(client, headers).get_json()
    order = client.post(
        "/v1/pickups", json={"quote_id": q["id"]}, headers={**headers, "Idempotency-Key": key}
    ).get_json()
    return order["task"]["id"]


def _on_shift(app, world, *names, lat=22.52, lng=113.38):
    with app.app_context():
        for name in names:
            courier = db.session.get(Courier, world.couriers[name])
            courier.on_shift, courier.last_lat, courier.last_lng = True, lat, lng
            courier.last_seen_at = clock.now()
        db.session.commit()


def _round(app, world):
    with app.app_context():
        result = run_round(world.region_id, offer_ttl=TTL)
        db.session.commit()
        return result


def _offers(app, task_id):
    with app.app_context():
        return db.session.execute(
            sa.select(TaskOffer.courier_id, TaskOffer.status)
            .where(TaskOffer.task_id == task_id)
            .order_by(TaskOffer.created_at)
        ).all()


@pytest.fixture
def citizen(client, world):
    clock.freeze(at_local(10, 0))
    return login_citizen(client)


def test_a_round_offers_the_task_to_the_nearest_available_courier(client, citizen, app, world):
    with app.app_context():
        make_courier(world, "courier_far", "A", "E0003")
        db.session.commit()
    task_id = _order(client, citizen, "r1")
    _on_shift(app, world, "courier_a")
    _on_shift(app, world, "courier_far", lat=22.54, lng=113.41)
    result = _round(app, world)
    assert (result.open_tasks, result.couriers, result.offers) == (1, 2, 1)
    assert _offers(app, task_id) == [(world.couriers["courier_a"], "pending")]


def test_a_decline_and_an_expiry_each_go_to_another_courier(client, citizen, app, world, as_):
    with app.app_context():
        make_courier(world, "courier_c", "A", "E0003")
        make_courier(world, "courier_d", "A", "E0004")
        db.session.commit()
    task_id = _order(client, citizen, "r2")
    names = ("courier_a", "courier_c", "courier_d")
    _on_shift(app, world, *names)
    by_id = {world.couriers[n]: n for n in names}
    _round(app, world)
    first = by_id[_offers(app, task_id)[-1][0]]
    response = client.post(
        f"/v1/courier/tasks/{task_id}/decline", json={"reason": "flat tyre"}, headers=as_(first)
    )
    assert response.get_json()["state"] == "open"
    _round(app, world)
    second = by_id[_offers(app, task_id)[-1][0]]
    assert second != first
    # Nobody answers: after 90 s the offer expires and a third courier is asked.
    clock.freeze(clock.now() + TTL + timedelta(seconds=1))
    _on_shift(app, world, *names)  # fresh pings
    _round(app, world)
    offers = _offers(app, task_id)
    assert [s for _, s in offers] == ["declined", "expired", "pending"]
    assert len({c for c, _ in offers}) == 3


def test_manual_assignments_and_unavailable_couriers_are_respected(
    client, citizen, app, world, as_
):
    task_id = _order(client, citizen, "r3")
    _on_shift(app, world, "courier_a")
    dispatcher = as_("dispatcher_a")
    etag = client.get(f"/v1/dispatch/tasks/{task_id}", headers=dispatcher).headers["ETag"]
    client.post(
        f"/v1/dispatch/tasks/{task_id}/assign",
        json={"courier_id": world.couriers["courier_a"]},
        headers={**dispatcher, "If-Match": etag},
    )
    assert _round(app, world).open_tasks == 0  # the dispatcher's offer stands
    other_task = _order(client, citizen, "r4")
    # courier_a has an offer pending; nobody else on shift with a fresh position: no offer.
    with app.app_context():
        db.session.execute(
            sa.update(Courier)
            .values(
                on_shift=True,
                last_lat=22.52,
                last_lng=113.38,
                last_seen_at=clock.now() - timedelta(minutes=6),
            )
            .where(Courier.id == world.couriers["courier_b"])
        )
        db.session.commit()
    result = _round(app, world)
    assert (result.open_tasks, result.couriers, result.offers) == (1, 0, 0)
    assert _offers(app, other_task) == []


@pytest.mark.postgres
def test_two_workers_racing_rounds_never_offer_a_task_twice(client, citizen, app, world):
    with app.app_context():
        for n in range(8):
            make_courier(world, f"extra_{n}", "A", f"X{n:04d}")
        db.session.commit()
    task_ids = [_order(client, citizen, f"race-{n}") for n in range(12)]
    _on_shift(app, world, "courier_a", *[f"extra_{n}" for n in range(8)])

    def worker(_: int) -> list[bool]:
        ran = []
        for _ in range(5):
            with app.app_context():
                ran.append(run_round(world.region_id, offer_ttl=TTL).ran)
                db.session.commit()
        return ran

    race(2, worker)
    with app.app_context():
        pending = db.session.execute(
            sa.select(TaskOffer.task_id, sa.func.count())
            .where(TaskOffer.status == "pending")
            .group_by(TaskOffer.task_id)
        ).all()
        per_courier = db.session.execute(
            sa.select(TaskOffer.courier_id, sa.func.count())
            .where(TaskOffer.status == "pending")
            .group_by(TaskOffer.courier_id)
        ).all()
    assert all(n == 1 for _, n in pending)
    assert all(n == 1 for _, n in per_courier)
    assert len(pending) == 9  # nine couriers, twelve tasks: each courier one offer
    assert {t for t, _ in pending} <= set(task_ids)


def test_with_no_courier_the_task_goes_at_risk_then_late_and_the_report_counts_it(
    client, citizen, app, world, as_
):
    _order(client, citizen, "s1")
    with app.app_context():
        assert sla.sweep(clock.now() + timedelta(minutes=14)) == {"at_risk": 0, "late": 0}
        assert sla.sweep(clock.now() + timedelta(minutes=15)) == {"at_risk": 1, "late": 0}
        assert sla.sweep(clock.now() + timedelta(minutes=61)) == {"at_risk": 0, "late": 1}
        db.session.commit()
        breaches = db.session.execute(sa.select(SlaBreach.kind, SlaBreach.cause)).all()
        told = db.session.scalars(
            sa.select(OutboxEvent.kind).where(OutboxEvent.kind == "pickup.promise_broken")
        ).all()
    assert sorted(breaches) == [
        ("at_risk", "no_courier_available"),
        ("late", "no_courier_available"),
    ]
    assert told == ["pickup.promise_broken"]
    clock.freeze(at_local(11, 30))
    board = client.get("/v1/dispatch/board", headers=as_("dispatcher_a")).get_json()
    assert board["tasks"][0]["late"] is True
    report = client.get(
        "/v1/reports/pickup-sla?date=2026-11-23", headers=as_("dispatcher_a")
    ).get_json()
    [row] = report["stations"]
    assert row == {
        "station_id": world.stations["A"],
        "promises": 1,
        "on_time": 0,
        "late": 1,
        "pending": 0,
        "achievement_rate": 0.0,
        "late_by_cause": {"no_courier_available": 1},
    }
    week = client.get(
        "/v1/reports/pickup-sla?date=2026-11-25&period=week", headers=as_("dispatcher_a")
    ).get_json()
    assert week["stations"][0]["late"] == 1
    assert (
        client.get(
            f"/v1/reports/pickup-sla?date=2026-11-23&station={world.stations['A']}",
            headers=as_("dispatcher_b"),
        ).status_code
        == 404
    )


def test_on_time_arrivals_raise_the_rate(client, citizen, app, world, as_):
    task_id = _order(client, citizen, "s2")
    _on_shift(app, world, "courier_a")
    _round(app, world)
    courier = as_("courier_a")
    client.post(f"/v1/courier/tasks/{task_id}/accept", headers=courier)
    client.post(f"/v1/courier/tasks/{task_id}/arrive", json={}, headers=courier)
    _order(client, citizen, "s3")  # still running: pending, not late
    report = client.get("/v1/reports/pickup-sla?date=2026-11-23", headers=as_("admin")).get_json()
    [row] = report["stations"]
    assert (row["on_time"], row["late"], row["pending"], row["achievement_rate"]) == (1, 0, 1, 1.0)


def _pending_offer(app, task_id):
    with app.app_context():
        found = db.session.scalar(
            sa.select(TaskOffer.courier_id).where(
                TaskOffer.task_id == task_id, TaskOffer.status == "pending"
            )
        )
        db.session.remove()
        return found


def test_the_worker_dispatches_reoffers_and_watches_promises_with_no_human(
    client, app, world, as_, database_url, tmp_path
):
    """Through the API, with the real worker and beat running (rounds every 10 s, the SLA
    sweep every 30 s): an order is offered and accepted; a decline and an expiry each go
    to another courier; with no courier on shift a task goes at risk, then late with cause
    no_courier_available, and the report counts it."""
    with app.app_context():
        make_courier(world, "courier_c", "A", "E0003")
        make_courier(world, "courier_d", "A", "E0004")
        db.session.commit()
    names = ("courier_a", "courier_c", "courier_d")
    handhelds = {world.couriers[n]: as_(n) for n in names}
    for headers in handhelds.values():
        client.post("/v1/courier/shift", json={"on_shift": True}, headers=headers)
        client.post(
            "/v1/courier/locations",
            headers=headers,
            json={
                "pings": [
                    {"lat": 22.52, "lng": 113.38, "recorded_at": clock.to_rfc3339(clock.now())}
                ]
            },
        )
    citizen = login_citizen(client)
    accepted_task = _order(client, citizen, "auto-1")
    broker = f"sqla+sqlite:///{tmp_path / 'broker.sqlite'}"
    with celery_worker(database_url, tmp_path, broker) as worker:
        # 1. Offered with no human involved, and accepted.
        first = wait_for(lambda: _pending_offer(app, accepted_task), seconds=40, worker=worker)
        assert first in handhelds
        accepted = client.post(
            f"/v1/courier/tasks/{accepted_task}/accept", headers=handhelds[first]
        )
        assert accepted.get_json()["state"] == "accepted"

        # 2. A decline goes to another courier.
        declined_task = _order(client, citizen, "auto-2")
        asked = wait_for(lambda: _pending_offer(app, declined_task), seconds=40, worker=worker)
        client.post(f"/v1/courier/tasks/{declined_task}/decline", json={}, headers=handhelds[asked])
        second = wait_for(
            lambda: (c := _pending_offer(app, declined_task)) not in (None, asked) and c,
            seconds=40,
            worker=worker,
        )
        assert second not in (asked, None)

        # 3. An offer nobody answers expires and goes to someone else again.
        with app.app_context():
            db.session.execute(
                sa.update(TaskOffer)
                .where(TaskOffer.task_id == declined_task, TaskOffer.status == "pending")
                .values(expires_at=clock.now() - timedelta(seconds=1))
            )
            db.session.commit()
        third = wait_for(
            lambda: (c := _pending_offer(app, declined_task)) not in (None, asked, second) and c,
            seconds=40,
            worker=worker,
        )
        assert third not in (None, asked, second)

        # 4. Nobody on shift: at risk, then late, with the cause; the report counts it.
        for headers in handhelds.values():
            client.post("/v1/courier/shift", json={"on_shift": False}, headers=headers)
        orphan = _order(client, citizen, "auto-3")
        orphan_start = clock.now() - timedelta(minutes=61)
        with app.app_context():
            db.session.execute(
                sa.update(Task)
                .where(Task.id == orphan)
                .values(
                    promise_start=clock.now() - timedelta(minutes=61),
                    deadline=clock.now() - timedelta(minutes=1),
                )
            )
            db.session.commit()

        def breaches():
            with app.app_context():
                rows = db.session.execute(
                    sa.select(SlaBreach.kind, SlaBreach.cause).where(SlaBreach.task_id == orphan)
                ).all()
                db.session.remove()
                return sorted(rows) if len(rows) == 2 else None

        assert wait_for(breaches, seconds=45, worker=worker) == [
            ("at_risk", "no_courier_available"),
            ("late", "no_courier_available"),
        ]
    # The report counts promises by the business day they started (the orphan's may be
    # yesterday's, just after midnight in Asia/Shanghai).
    day = orphan_start.astimezone(at_local(0).tzinfo).date().isoformat()
    report = client.get(f"/v1/reports/pickup-sla?date={day}", headers=as_("admin")).get_json()
    [row] = report["stations"]
    assert row["late_by_cause"] == {"no_courier_available": 1}
    assert row["late"] >= 1


def test_a_broken_promise_reaches_the_citizen_in_wechat(client, citizen, app, world):
    import dataclasses

    from courier_api.core.outbox import dispatch_pending
    from courier_api.integrations.wechat import FakeWeChat
    from courier_api.notify.notifications import send_due

    _order(client, citizen, "n1")
    saved = app.extensions["connectors"]
    connectors = dataclasses.replace(saved, wechat=FakeWeChat())
    try:
        with app.app_context():
            sla.sweep(clock.now() + timedelta(minutes=61))
            db.session.commit()
            dispatch_pending()
            send_due(connectors)
    finally:
        app.extensions["connectors"] = saved
    [message] = connectors.wechat.sent
    assert message.template_id == "pickup-late"
    assert message.data["time2"] == "2026-11-23 11:00"  # the deadline, in Shanghai time
