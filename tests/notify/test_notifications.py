"""Citizen notifications: WeChat subscribe messages within WeChat's limits, 43101 final
(with an SMS fallback when a phone is known), retries with backoff for passing failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent, dispatch_pending, emit
from courier_api.extensions import db
from courier_api.integrations.common import SendResult
from courier_api.integrations.wechat import FakeWeChat
from courier_api.notify.models import Notification
from courier_api.notify.notifications import MAX_ATTEMPTS, Message, notifies, send_due
from tests.helpers import login_owner


@notifies("test.parcel_update")
def _compose(event: OutboxEvent) -> list[Message]:
    return [
        Message(
            template="parcel_update",
            wechat_template_id="tmpl-parcel",
            wechat_page="pages/track/index",
            wechat_data={"thing1": event.payload["what"], "phone_number2": event.payload["phone"]},
            sms_params={"what": event.payload["what"]},
            citizen_id=event.citizen_id,
            phone=event.payload.get("sms_phone"),
        )
    ]


@pytest.fixture
def citizen(client, world):
    return login_owner(client, "demo-notified").owner[1], FakeWeChat.openid_for("demo-notified")


def _notify(
    app,
    citizen_id,
    *,
    what="您的处方药已由快递员揽收，预计明天上午送达",
    phone="13800138000",
    sms_phone=None,
):
    with app.app_context():
        emit(
            "test.parcel_update",
            subject_type="shipment",
            subject_id="shp_n",
            payload={"what": what, "phone": phone, "sms_phone": sms_phone},
            citizen_id=citizen_id,
        )
        db.session.commit()
        dispatch_pending()


def _run(app, fakes):
    with app.app_context():
        return send_due(fakes)


def _only_notification(app) -> Notification:
    with app.app_context():
        row = db.session.scalars(sa.select(Notification)).one()
        db.session.expunge(row)
        return row


def test_wechat_message_is_sent_within_field_limits(app, fakes, citizen):
    _notify(app, citizen[0], what="一" * 25)
    assert _run(app, fakes) == {"sent": 1, "refused": 0, "retry": 0}
    [message] = fakes.wechat.sent
    assert message.touser == citizen[1]
    assert message.template_id == "tmpl-parcel"
    assert len(message.data["thing1"]) == 20
    assert _only_notification(app).status == "sent"


def test_not_subscribed_is_final_and_falls_back_to_sms(app, fakes, citizen):
    fakes.wechat.unsubscribed.add(citizen[1])
    _notify(app, citizen[0], sms_phone="13900001111")
    # WeChat says no for good, so the same pass sends the SMS.
    assert _run(app, fakes) == {"sent": 1, "refused": 1, "retry": 0}
    assert fakes.wechat.sent == []
    assert [(s.phone, s.template) for s in fakes.sms.sent] == [("13900001111", "parcel_update")]
    notification = _only_notification(app)
    assert (notification.channel, notification.status) == ("sms", "sent")


def test_not_subscribed_without_a_phone_is_not_retried(app, fakes, citizen):
    fakes.wechat.unsubscribed.add(citizen[1])
    _notify(app, citizen[0])
    _run(app, fakes)
    clock.freeze(clock.now() + timedelta(days=1))
    assert _run(app, fakes) == {"sent": 0, "refused": 0, "retry": 0}
    notification = _only_notification(app)
    assert (notification.status, notification.attempts) == ("refused", 1)


def test_a_field_wechat_would_refuse_is_not_retried(app, fakes, citizen):
    _notify(app, citizen[0], phone="1" * 18)
    _run(app, fakes)
    notification = _only_notification(app)
    assert notification.status == "refused"
    assert "phone_number2" in notification.last_error


def test_passing_failures_are_retried_with_backoff_then_given_up(app, fakes, citizen, monkeypatch):
    calls = []

    def busy(*args, **kwargs):
        calls.append(clock.now())
        return SendResult("retry", errcode=-1, detail="system busy")

    monkeypatch.setattr(fakes.wechat, "send_subscribe_message", busy)
    _notify(app, citizen[0])
    for _ in range(MAX_ATTEMPTS + 2):
        _run(app, fakes)
        clock.freeze(clock.now() + timedelta(hours=1))
    assert len(calls) == MAX_ATTEMPTS
    assert _only_notification(app).status == "failed"
    assert calls[1] - calls[0] >= timedelta(minutes=1)


def test_events_without_a_composer_notify_nobody(app, fakes, citizen):
    with app.app_context():
        emit("test.silent", subject_type="x", subject_id="y", payload={}, citizen_id=citizen[0])
        db.session.commit()
        dispatch_pending()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0


def _due_updates(citizen_id: str, subjects: list[str], what: str) -> None:
    """One notification due per subject (in an app context)."""
    for subject in subjects:
        emit(
            "test.parcel_update",
            subject_type="shipment",
            subject_id=subject,
            payload={"what": what, "phone": "13800138000", "sms_phone": None},
            citizen_id=citizen_id,
        )
    db.session.commit()
    dispatch_pending()


def test_a_run_drains_a_backlog_within_its_time_budget(app, fakes, citizen):
    # A peak hour leaves more due than the old fixed 100 a run: one run sends them all...
    with app.app_context():
        _due_updates(citizen[0], [f"shp_{n}" for n in range(150)], "已揽收")
        assert send_due(fakes, max_seconds=60) == {"sent": 150, "refused": 0, "retry": 0}
        assert len(fakes.wechat.sent) == 150
        # ...and a run whose time is up leaves the rest, still due, to the next beat.
        _due_updates(citizen[0], [f"shp_late_{n}" for n in range(3)], "已签收")
        assert send_due(fakes, max_seconds=0) == {"sent": 0, "refused": 0, "retry": 0}
        assert send_due(fakes) == {"sent": 3, "refused": 0, "retry": 0}
