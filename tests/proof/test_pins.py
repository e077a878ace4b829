"""PIN sign-off: issued when an item is loaded for delivery, sent by SMS or WeChat without
ever resting in clear, verified online with a lock after 5 wrong tries, and resent."""

from __future__ import annotations

import json
import logging

import pytest
import sqlalchemy as sa

from courier_api.core.errors import Problem
from courier_api.core.outbox import dispatch_pending
from courier_api.extensions import db
from courier_api.integrations.wechat import FakeWeChat
from courier_api.notify.models import Notification
from courier_api.notify.notifications import send_due
from courier_api.proof import pins
from courier_api.proof.models import MAX_TRIES, DeliveryPin
from courier_api.shipments.models import Shipment
from courier_api.tasks.models import Task
from tests.factories import make_shipments
from tests.helpers import assert_problem, latest_pin, login_owner, other_than, pin_events, race

RECIPIENT_PHONE = "13912345678"  # tests.factories.make_shipments


def _load(client, as_, app, world, *, product="express", pin_required=True, owners=()):
    """One item at station A, loaded for delivery by courier_a: (shipment id, task id)."""
    with app.app_context():
        [shipment] = make_shipments(
            world,
            product=product,
            state="at_station",
            holder=("station", world.stations["A"]),
            owners=owners,
            pin_required=pin_required,
        )
        shipment_id, waybill = shipment.id, shipment.waybill
    response = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": waybill}]},
        headers=as_("courier_a"),
    )
    assert response.status_code == 200, response.get_json()
    [task_id] = response.get_json()["delivery_task_ids"]
    return shipment_id, task_id


def _citizen(client, code="demo-patient") -> str:
    return login_owner(client, code).owner[1]


def _verify(app, shipment_id, pin, *, commit=True) -> Problem | None:
    """verify_pin in a request-like transaction: committed when it passes (unless
    commit=False), rolled back when it raises; returns the problem raised, if any."""
    with app.app_context():
        shipment = db.session.get(Shipment, shipment_id)
        try:
            pins.verify_pin(shipment, pin)
        except Problem as problem:
            db.session.rollback()
            return problem
        if commit:
            db.session.commit()
        else:
            db.session.rollback()
        return None


def _row(app, shipment_id) -> DeliveryPin | None:
    with app.app_context():
        row = db.session.get(DeliveryPin, shipment_id)
        if row is not None:
            db.session.expunge(row)
        return row


def _resend(client, as_, task_id, who="courier_a"):
    return client.post(f"/v1/courier/tasks/{task_id}/pin/resend", headers=as_(who))


# --- issuing and telling the recipient ----------------------------------------------------


def test_loading_issues_a_pin_only_where_one_is_required(client, as_, app, world):
    with_pin, task_id = _load(client, as_, app, world)
    without_pin, _ = _load(client, as_, app, world, pin_required=False)

    row = _row(app, with_pin)
    assert (row.task_id, row.failed_tries, row.sends, row.locked_at) == (task_id, 0, 1, None)
    pin = latest_pin(app, with_pin)
    assert len(pin) == 6 and pin.isdigit()
    assert pin not in row.pin_hash  # a keyed hash, never the PIN
    [event] = pin_events(app, with_pin)
    assert pin not in json.dumps(event)  # the event carries it encrypted only
    assert event["task_id"] == task_id

    assert _row(app, without_pin) is None
    assert pin_events(app, without_pin) == []


def test_a_whole_load_is_issued_in_one_statement(client, as_, app, world):
    station = ("station", world.stations["A"])
    with app.app_context():
        loaded = make_shipments(world, 5, state="at_station", holder=station, pin_required=True)
        waybills = [s.waybill for s in loaded]
        statements = []

        def record(conn, cursor, statement, parameters, context, executemany):
            if "delivery_pins" in statement:
                # EXECUTEMANY would run the statement once per row; INSERTMANYVALUES sends
                # the rows in one multi-row statement.
                statements.append(context.execute_style.name)

        sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.post(
            "/v1/handovers",
            json={"kind": "load_for_delivery", "items": [{"waybill": w} for w in waybills]},
            headers=as_("courier_a"),
        )
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200
    assert statements == ["INSERTMANYVALUES"]
    with app.app_context():
        count = sa.select(sa.func.count()).select_from(DeliveryPin)
        assert db.session.scalar(count) == 5


def test_the_recipient_gets_the_pin_by_sms_and_it_never_rests_in_clear(
    client, as_, app, world, fakes, caplog
):
    caplog.set_level(logging.DEBUG)
    sender = _citizen(client, "demo-sender")
    # An express sender owns the item, but the recipient is someone else: SMS to them.
    shipment_id, _ = _load(client, as_, app, world, owners=(("citizen", sender),))
    pin = latest_pin(app, shipment_id)
    with app.app_context():
        dispatch_pending()
        notification = db.session.scalars(sa.select(Notification)).one()
        assert (notification.channel, notification.phone) == ("sms", RECIPIENT_PHONE)
        assert notification.citizen_id is None
        at_rest = json.dumps([notification.wechat_data, notification.sms_params])
        assert pin not in at_rest and pin not in notification.secrets_encrypted
        assert send_due(fakes) == {"sent": 1, "refused": 0, "retry": 0}
        db.session.expire_all()
        notification = db.session.scalars(sa.select(Notification)).one()
        assert notification.status == "sent"
        assert notification.secrets_encrypted is None  # erased once sent
    [sms] = fakes.sms.sent
    assert (sms.phone, sms.template, sms.params["pin"]) == (RECIPIENT_PHONE, "delivery_pin", pin)
    assert fakes.wechat.sent == []
    assert pin not in caplog.text


def test_a_patient_who_owns_the_item_gets_the_pin_in_wechat(client, as_, app, world, fakes):
    patient = _citizen(client)
    hospital = ("organisation", world.organisations["hospital"])
    shipment_id, _ = _load(
        client, as_, app, world, product="prescription", owners=(("citizen", patient), hospital)
    )
    pin = latest_pin(app, shipment_id)
    with app.app_context():
        dispatch_pending()
        send_due(fakes)
        notification = db.session.scalars(sa.select(Notification)).one()
        assert (notification.channel, notification.citizen_id) == ("wechat", patient)
        assert notification.secrets_encrypted is None
    [message] = fakes.wechat.sent
    assert message.touser == FakeWeChat.openid_for("demo-patient")
    assert message.data["character_string2"] == pin
    assert all(len(v) <= 20 for k, v in message.data.items() if k.startswith("thing"))
    assert fakes.sms.sent == []


def test_a_patient_not_subscribed_in_wechat_gets_the_pin_by_sms(client, as_, app, world, fakes):
    patient = _citizen(client)
    fakes.wechat.unsubscribed.add(FakeWeChat.openid_for("demo-patient"))
    shipment_id, _ = _load(
        client, as_, app, world, product="prescription", owners=(("citizen", patient),)
    )
    with app.app_context():
        dispatch_pending()
        send_due(fakes)
    # The secret outlived WeChat's final refusal, for the SMS that followed.
    [sms] = fakes.sms.sent
    assert (sms.phone, sms.params["pin"]) == (RECIPIENT_PHONE, latest_pin(app, shipment_id))


def test_without_a_citizen_owner_a_patient_gets_the_pin_by_sms(client, as_, app, world, fakes):
    shipment_id, _ = _load(client, as_, app, world, product="prescription")
    with app.app_context():
        dispatch_pending()
        send_due(fakes)
    [sms] = fakes.sms.sent
    assert (sms.phone, sms.params["pin"]) == (RECIPIENT_PHONE, latest_pin(app, shipment_id))


def test_a_secret_is_erased_when_the_notification_is_finally_refused(
    client, as_, app, world, fakes, monkeypatch
):
    from courier_api.integrations.common import SendResult

    _load(client, as_, app, world)
    monkeypatch.setattr(
        fakes.sms, "send", lambda *args: SendResult("final_refusal", 400, "HTTP 400")
    )
    with app.app_context():
        dispatch_pending()
        send_due(fakes)
        notification = db.session.scalars(sa.select(Notification)).one()
        assert (notification.status, notification.secrets_encrypted) == ("refused", None)


# --- verifying ----------------------------------------------------------------------------


def test_the_right_pin_is_verified_in_the_callers_transaction(client, as_, app, world):
    shipment_id, _ = _load(client, as_, app, world)
    pin = latest_pin(app, shipment_id)
    assert _verify(app, shipment_id, pin, commit=False) is None
    assert _row(app, shipment_id).verified_at is None  # rolled back with the delivery
    assert _verify(app, shipment_id, pin) is None
    assert _row(app, shipment_id).verified_at is not None


def test_wrong_tries_count_though_rolled_back_and_lock_after_five(client, as_, app, world):
    shipment_id, task_id = _load(client, as_, app, world)
    pin = latest_pin(app, shipment_id)
    for tries_left in range(MAX_TRIES - 1, 0, -1):
        problem = _verify(app, shipment_id, other_than(pin))  # its transaction rolls back
        assert (problem.status, problem.code) == (422, "pin_incorrect")
        assert problem.extra["tries_left"] == tries_left
        assert problem.errors[0]["field"] == "pin"
    assert _row(app, shipment_id).failed_tries == MAX_TRIES - 1

    fifth = _verify(app, shipment_id, other_than(pin))
    assert (fifth.status, fifth.code) == (409, "pin_locked")
    # Locked: even the right PIN is refused now, and refused tries are no longer counted.
    assert _verify(app, shipment_id, pin).code == "pin_locked"
    row = _row(app, shipment_id)
    assert (row.failed_tries, row.verified_at) == (MAX_TRIES, None)
    assert row.locked_at is not None

    # The next delivery attempt gets a new PIN with fresh tries (the row is replaced).
    with app.app_context():
        shipment = db.session.get(Shipment, shipment_id)
        pins.issue_pins([shipment], task_ids={shipment_id: task_id})
        db.session.commit()
    row = _row(app, shipment_id)
    assert (row.failed_tries, row.locked_at, row.sends) == (0, None, 1)
    assert _verify(app, shipment_id, latest_pin(app, shipment_id)) is None


def test_a_shipment_without_a_pin_cannot_be_verified(client, as_, app, world):
    shipment_id, _ = _load(client, as_, app, world, pin_required=False)
    problem = _verify(app, shipment_id, "123456")
    assert (problem.status, problem.code) == (409, "pin_not_issued")


@pytest.mark.postgres
def test_racing_wrong_tries_are_all_counted(client, as_, app, world):
    shipment_id, _ = _load(client, as_, app, world)
    wrong = other_than(latest_pin(app, shipment_id))

    def attempt(_: int) -> tuple[str, int | None]:
        problem = _verify(app, shipment_id, wrong)
        return problem.code, problem.extra.get("tries_left")

    results = race(8, attempt)

    incorrect = sorted(left for code, left in results if code == "pin_incorrect")
    assert incorrect == [1, 2, 3, 4]  # each try saw its own count: none was lost
    assert [code for code, _ in results].count("pin_locked") == 4
    row = _row(app, shipment_id)
    assert row.failed_tries == MAX_TRIES and row.locked_at is not None


# --- resending ----------------------------------------------------------------------------


def test_resend_sends_a_new_pin_and_the_old_one_stops_working(client, as_, app, world, monkeypatch):
    fresh = iter(["111111", "222222"])
    monkeypatch.setattr(pins, "_new_pin", lambda: next(fresh))
    shipment_id, task_id = _load(client, as_, app, world)
    for _ in range(MAX_TRIES):  # locked: a new PIN unlocks, with fresh tries
        _verify(app, shipment_id, "999999")

    response = _resend(client, as_, task_id)

    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert body["shipment_id"] == shipment_id
    assert (body["sent_to"], body["resends_left"]) == ("139******78", 2)
    assert len(pin_events(app, shipment_id)) == 2
    assert latest_pin(app, shipment_id) == "222222"
    row = _row(app, shipment_id)
    assert (row.sends, row.failed_tries, row.locked_at) == (2, 0, None)
    assert _verify(app, shipment_id, "111111").code == "pin_incorrect"
    assert _verify(app, shipment_id, "222222") is None


def test_resend_is_capped_per_delivery(client, as_, app, world):
    _, task_id = _load(client, as_, app, world)
    left = [_resend(client, as_, task_id).get_json()["resends_left"] for _ in range(3)]
    assert left == [2, 1, 0]
    problem = assert_problem(_resend(client, as_, task_id), 409, "pin_resend_exhausted")
    assert problem["resends_left"] == 0


def test_resend_is_rate_limited_per_task(client, as_, app, world, monkeypatch):
    monkeypatch.setitem(app.config["RATE_LIMITS"], "pin_resend", "1/600")
    _, task_id = _load(client, as_, app, world)
    assert _resend(client, as_, task_id).status_code == 202
    response = _resend(client, as_, task_id)
    assert_problem(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) > 0


def test_resend_for_another_couriers_task_is_not_found(client, as_, app, world):
    shipment_id, task_id = _load(client, as_, app, world)
    assert_problem(_resend(client, as_, task_id, who="courier_b"), 404, "task_not_found")
    assert _row(app, shipment_id).sends == 1


def test_resend_without_a_pin_is_a_conflict(client, as_, app, world):
    _, task_id = _load(client, as_, app, world, pin_required=False)
    problem = assert_problem(_resend(client, as_, task_id), 409, "pin_not_issued")
    assert problem["current_state"] == "not_issued"


def test_resend_for_a_finished_delivery_is_a_conflict(client, as_, app, world):
    _, task_id = _load(client, as_, app, world)
    with app.app_context():
        db.session.execute(sa.update(Task).where(Task.id == task_id).values(state="completed"))
        db.session.commit()
    problem = assert_problem(_resend(client, as_, task_id), 409, "task_not_active")
    assert problem["current_state"] == "completed"
