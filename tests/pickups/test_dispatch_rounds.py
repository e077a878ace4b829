"""Dispatch rounds and the SLA monitor against the database (the engine itself is tested
pure in tests/dispatch)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent
from courier_api.dispatch import engine, sla
from courier_api.dispatch.rounds import run_round
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.network.models import Station
from courier_api.tasks.models import SlaBreach, Task, TaskOffer
from tests.factories import make_courier
from tests.helpers import celery_worker, race, wait_for

TTL = timedelta(seconds=90)
SHANGHAI = ZoneInfo("Asia/Shanghai")
KM_NORTH = 1 / 111.19508  # degrees of latitude per km
KM_EAST = KM_NORTH / 0.9238  # ... of longitude, at 22.5° N


def at_local(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def login_citizen(client) -> dict[str, str]:
    body = client.post("/v1/auth/wechat/login", json={"code": "demo-sender"}).get_json()
    return {"Authorization": f"Bearer {body['access_token']}"}


def quote(client, headers):
    place = {"name": "王小明", "phone": "13800138000", "address": "中山市孙文中路1号3栋502室"}
    body = {
        "product": "express",
        "pickup": {**place, "lat": 22.52, "lng": 113.38},
        "recipient": {**place, "name": "李四", "lat": 22.52, "lng": 113.45},
        "weight_g": 2500,
        "declared_value_fen": 300_000,
        "insured_amount_fen": 200_000,
    }
    return client.post("/v1/quotes", json=body, headers=headers)


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
        result = run_round(world.region_id, offer_ttl=TTL, zone=SHANGHAI)
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
                ran.append(run_round(world.region_id, offer_ttl=TTL, zone=SHANGHAI).ran)
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
        "beyond_hour": {
            "promises": 0,
            "on_time": 0,
            "late": 0,
            "pending": 0,
            "achievement_rate": None,
        },
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


# --- real courier state: the end of the queue, shift ends, escalation ------------------------


def _move_task(app, task_id, km_north=0.0, km_east=0.0):
    with app.app_context():
        task = db.session.get(Task, task_id)
        task.lat, task.lng = 22.52 + km_north * KM_NORTH, 113.38 + km_east * KM_EAST
        db.session.commit()


def _age_task(app, task_id, minutes):
    with app.app_context():
        task = db.session.get(Task, task_id)
        task.promise_start = clock.now() - timedelta(minutes=minutes)
        task.deadline = task.promise_start + timedelta(hours=1)
        db.session.commit()


def _eta(app, task_id):
    with app.app_context():
        return db.session.get(Task, task_id).eta_at


def _board_task(client, as_, task_id):
    board = client.get("/v1/dispatch/board", headers=as_("dispatcher_a")).get_json()
    return next(t for t in board["tasks"] if t["id"] == task_id)


def test_a_busy_courier_is_free_where_and_when_their_queue_ends(client, citizen, app, world, as_):
    held = _order(client, citizen, "q1")
    _on_shift(app, world, "courier_a")
    _round(app, world)
    client.post(f"/v1/courier/tasks/{held}/accept", headers=as_("courier_a"))
    _move_task(app, held, km_north=2.0)  # the held pickup is 2 km north of the courier
    # A new order 300 m east of the held one: courier_a, still at the origin, gets there
    # after the held pickup (2 km, then 4 min at the door), then 300 m more.
    new = _order(client, citizen, "q2")
    _move_task(app, new, km_north=2.0, km_east=0.3)
    _age_task(app, new, 45)  # no longer worth holding out for someone free sooner
    assert _round(app, world).offers == 1
    model = engine.MOVEMENT
    queue_end = float(model.travel_s(2.0)) + model.dwell_s
    expected = clock.now() + timedelta(seconds=queue_end + float(model.travel_s(0.3)))
    assert abs((_eta(app, new) - expected).total_seconds()) < 2
    # Not "now + 4 min per held task, from where the courier stands" (12.8 min): 14 min.
    assert _eta(app, new) - clock.now() > timedelta(minutes=13.5)


def _close_station_at(app, world, hour, minute):
    with app.app_context():
        station = db.session.get(Station, world.stations["A"])
        station.opening_hours = [{"open": "08:00", "close": f"{hour:02d}:{minute:02d}"}] * 7
        db.session.commit()


def test_no_offer_a_courier_cannot_finish_before_their_shift_ends(client, citizen, app, world, as_):
    # 2 km away: 520 s on the road and 240 s at the door; the station closes in 10 minutes.
    _close_station_at(app, world, 10, 10)
    task_id = _order(client, citizen, "e1")
    _move_task(app, task_id, km_north=2.0)
    _age_task(app, task_id, 45)
    _on_shift(app, world, "courier_a")
    result = _round(app, world)
    assert (result.couriers, result.offers, result.escalated) == (1, 0, 1)
    assert _offers(app, task_id) == []
    shown = _board_task(client, as_, task_id)
    assert (shown["escalated"], shown["escalation_cause"]) == (
        True,
        "no_courier_before_shift_end",
    )
    # Unserved, it breaches with that cause, and the report counts it so.
    with app.app_context():
        sla.sweep(clock.now() + timedelta(minutes=61))
        db.session.commit()
    report = client.get("/v1/reports/pickup-sla?date=2026-11-23", headers=as_("admin")).get_json()
    assert report["stations"][0]["late_by_cause"] == {"no_courier_before_shift_end": 1}


def test_a_courier_whose_shift_lasts_long_enough_gets_the_offer(client, citizen, app, world):
    _close_station_at(app, world, 10, 15)  # 15 minutes: enough for 760 s of work
    task_id = _order(client, citizen, "e2")
    _move_task(app, task_id, km_north=2.0)
    _age_task(app, task_id, 45)  # as in the test above; only the shift end differs
    _on_shift(app, world, "courier_a")
    assert _round(app, world).offers == 1
    assert _offers(app, task_id) == [(world.couriers["courier_a"], "pending")]


def test_a_task_waiting_past_the_threshold_is_escalated_with_its_cause(
    client, citizen, app, world, as_
):
    # courier_a can hold one task and holds one: the new order waits for them.
    with app.app_context():
        db.session.get(Courier, world.couriers["courier_a"]).capacity = 1
        db.session.commit()
    held = _order(client, citizen, "w1")
    _on_shift(app, world, "courier_a")
    _round(app, world)
    client.post(f"/v1/courier/tasks/{held}/accept", headers=as_("courier_a"))
    waiting = _order(client, citizen, "w2")
    _round(app, world)
    assert _board_task(client, as_, waiting)["escalated"] is False
    clock.freeze(clock.now() + timedelta(minutes=29))
    _on_shift(app, world, "courier_a")
    assert _round(app, world).escalated == 0
    clock.freeze(clock.now() + timedelta(minutes=2))
    _on_shift(app, world, "courier_a")
    assert _round(app, world).escalated == 1
    shown = _board_task(client, as_, waiting)
    assert (shown["escalated"], shown["escalation_cause"]) == (True, "couriers_busy")
    # Once a courier takes it, the board no longer asks the dispatcher to act.
    with app.app_context():
        db.session.get(Courier, world.couriers["courier_a"]).capacity = 2
        db.session.commit()
    assert _round(app, world).offers == 1
    client.post(f"/v1/courier/tasks/{waiting}/accept", headers=as_("courier_a"))
    shown = _board_task(client, as_, waiting)
    assert (shown["escalated"], shown["escalation_cause"]) == (False, None)


def test_the_worker_runs_the_rounds_in_the_configured_business_zone(app, world, monkeypatch):
    from courier_api import worker
    from courier_api.dispatch import rounds

    zones = []

    def spy(region_id, **kwargs):
        zones.append(kwargs["zone"])
        return rounds.RoundResult(region_id, ran=False)

    monkeypatch.setattr(rounds, "run_round", spy)
    app.config["BUSINESS_TIMEZONE"] = "Asia/Urumqi"
    try:
        with app.app_context():
            worker.dispatch_region_round.run(world.region_id)
    finally:
        app.config["BUSINESS_TIMEZONE"] = "Asia/Shanghai"
    assert zones and set(zones) == {ZoneInfo("Asia/Urumqi")}
