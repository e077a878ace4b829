"""The task state machine and its offers (the service API later issues build on)."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from courier_api.core import clock
from courier_api.core.errors import Problem
from courier_api.extensions import db
from courier_api.tasks import service as tasks
from courier_api.tasks.models import TASK_STATES, TASK_TRANSITIONS, Task, TaskOffer
from tests.factories import make_pickup_task, make_shipments

OFFER_TTL = timedelta(seconds=90)


def _task(world, shipments=()):
    return make_pickup_task(world, shipments)


def test_tasks_made_together_each_get_their_own_items_and_state(app, world):
    """A load makes one delivery task per item in one call (one insert for the tasks and
    one for their items): each task holds its own item, and a taken one is accepted."""
    with app.app_context():
        made = make_shipments(world, 12)
        now = clock.now()
        specs = [
            tasks.TaskSpec(
                kind="delivery",
                station_id=world.stations["A"],
                place=tasks.Place(address="中山市博爱路88号", lat=22.52, lng=113.45),
                window=(now, now + timedelta(hours=12)),
                shipments=[shipment],
                taken_by=world.couriers["courier_a"] if n % 2 else None,
            )
            for n, shipment in enumerate(made)
        ]
        created = tasks.create_tasks(specs)
        db.session.commit()
        assert [[i.shipment_id for i in t.items] for t in created] == [[s.id] for s in made]
        assert [t.state for t in created] == ["open", "accepted"] * 6
        db.session.expire_all()
        reread = [db.session.get(Task, t.id) for t in created]
        assert [[i.waybill for i in t.items] for t in reread] == [[s.waybill] for s in made]


def test_every_task_transition_is_allowed_or_refused_with_the_state(app, world):
    with app.app_context():
        task = _task(world)
        for source, target in itertools.product(TASK_STATES, repeat=2):
            task.state = source
            if target in TASK_TRANSITIONS[source]:
                tasks._move(task, target)
            else:
                with pytest.raises(Problem) as refused:
                    tasks._move(task, target)
                assert refused.value.status == 409
                assert refused.value.extra["current_state"] == source
        db.session.rollback()


def test_offer_accept_arrive_complete(app, world):
    with app.app_context():
        shipments = make_shipments(world, 2, state="awaiting_pickup")
        task = _task(world, shipments)
        courier = world.couriers["courier_a"]
        tasks.offer(task, courier_id=courier, offered_by="dispatcher", ttl=OFFER_TTL)
        assert task.state == "offered"
        tasks.accept(task, courier_id=courier)
        assert (task.state, task.courier_id) == ("accepted", courier)
        tasks.arrive(task, courier_id=courier)
        tasks.complete(task, courier_id=courier)
        assert task.state == "completed"
        # Nothing was scanned on this run: both expected items end up missing.
        assert [i.status for i in task.items] == ["missing", "missing"]
        db.session.commit()


def test_decline_returns_the_task_and_remembers_who(app, world):
    with app.app_context():
        task = _task(world)
        tasks.offer(task, courier_id=world.couriers["courier_a"], offered_by="d", ttl=OFFER_TTL)
        tasks.decline(task, courier_id=world.couriers["courier_a"], reason="bike broken")
        assert task.state == "open"
        assert tasks.declined_by(task.id) == {world.couriers["courier_a"]}
        db.session.commit()


def test_only_the_offered_courier_may_answer_and_only_in_time(app, world):
    with app.app_context():
        task = _task(world)
        tasks.offer(task, courier_id=world.couriers["courier_a"], offered_by="d", ttl=OFFER_TTL)
        with pytest.raises(Problem) as other:
            tasks.accept(task, courier_id=world.couriers["courier_b"])
        assert other.value.status == 404
        clock.freeze(clock.now() + OFFER_TTL + timedelta(seconds=1))
        with pytest.raises(Problem) as late:
            tasks.accept(task, courier_id=world.couriers["courier_a"])
        assert late.value.code == "offer_expired"
        assert tasks.expire_offers() == [task.id]
        assert task.state == "open"
        db.session.commit()


def test_the_database_refuses_a_second_pending_offer(app, world):
    with app.app_context():
        task = _task(world)
        tasks.offer(task, courier_id=world.couriers["courier_a"], offered_by="d", ttl=OFFER_TTL)
        db.session.commit()
        db.session.add(
            TaskOffer(
                id="ofr_sneaky",
                task_id=task.id,
                courier_id=world.couriers["courier_b"],
                status="pending",
                offered_by="bug",
                created_at=clock.now(),
                expires_at=clock.now() + OFFER_TTL,
            )
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_a_courier_cannot_act_on_a_task_they_do_not_hold(app, world):
    with app.app_context():
        task = _task(world)
        tasks.offer(task, courier_id=world.couriers["courier_a"], offered_by="d", ttl=OFFER_TTL)
        tasks.accept(task, courier_id=world.couriers["courier_a"])
        for action in (tasks.arrive, tasks.complete):
            with pytest.raises(Problem) as refused:
                action(task, courier_id=world.couriers["courier_b"])
            assert refused.value.status == 404
        with pytest.raises(Problem) as skipped:
            tasks.complete(task, courier_id=world.couriers["courier_a"])  # not arrived yet
        assert skipped.value.extra["current_state"] == "accepted"
        db.session.rollback()
