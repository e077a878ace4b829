"""What an operator watches, read from the database and the broker at scrape time.

Counted from rows, not incremented in process: the worker runs apart from the API, and a
gauge read at scrape time is the same whichever API worker answers. Each source is cheap
(indexed counts over what is waiting, not over history).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import sqlalchemy as sa
from flask import Flask, current_app
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric

from courier_api.core import clock, heartbeat
from courier_api.core.observability import register_scrape_source
from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.network.models import Station
from courier_api.notify.models import Notification, WebhookDelivery
from courier_api.tasks.models import Task

#: Task states in which the work is still to be done.
OPEN_TASK_STATES = ("open", "offered", "accepted", "arrived")


def outbox() -> Iterator[Metric]:
    pending, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(OutboxEvent.created_at)).where(
            OutboxEvent.status == "pending"
        )
    ).one()
    failed = db.session.scalar(sa.select(sa.func.count()).where(OutboxEvent.status == "failed"))
    yield GaugeMetricFamily("courier_outbox_backlog", "Outbox events not yet dispatched", pending)
    age = 0.0 if oldest is None else max(0.0, (clock.now() - _aware(oldest)).total_seconds())
    yield GaugeMetricFamily(
        "courier_outbox_oldest_age_seconds", "Age of the oldest undispatched outbox event", age
    )
    yield GaugeMetricFamily(
        "courier_outbox_failed_events", "Outbox events given up after their last attempt", failed
    )


def webhooks() -> Iterator[Metric]:
    family = GaugeMetricFamily(
        "courier_webhook_deliveries",
        "Webhook deliveries not yet succeeded, by status (dead: given up)",
        labels=["status"],
    )
    rows = db.session.execute(
        sa.select(WebhookDelivery.status, sa.func.count())
        .where(WebhookDelivery.status != "succeeded")
        .group_by(WebhookDelivery.status)
    )
    counts = dict(rows.all())
    for status in ("pending", "held", "sending", "dead"):
        family.add_metric([status], counts.get(status, 0))
    yield family
    retrying = db.session.scalar(
        sa.select(sa.func.count()).where(
            WebhookDelivery.status == "pending", WebhookDelivery.attempts > 0
        )
    )
    yield GaugeMetricFamily(
        "courier_webhook_deliveries_retrying",
        "Webhook deliveries waiting to retry after a failed attempt",
        retrying,
    )


def notifications() -> Iterator[Metric]:
    family = GaugeMetricFamily(
        "courier_notifications",
        "Notifications not sent, by channel and status (failed, refused: given up)",
        labels=["channel", "status"],
    )
    rows = db.session.execute(
        sa.select(Notification.channel, Notification.status, sa.func.count())
        .where(Notification.status != "sent")
        .group_by(Notification.channel, Notification.status)
    )
    for channel, status, count in rows:
        family.add_metric([channel, status], count)
    yield family


def dispatch() -> Iterator[Metric]:
    open_tasks = GaugeMetricFamily(
        "courier_tasks_open", "Tasks not yet done, by region", labels=["region"]
    )
    at_risk = GaugeMetricFamily(
        "courier_tasks_at_risk", "Open tasks flagged at risk of their SLA", labels=["region"]
    )
    rows = db.session.execute(
        sa.select(
            Station.region_id,
            sa.func.count(),
            sa.func.count(Task.at_risk_at),
        )
        .join(Station, Station.id == Task.station_id)
        .where(Task.state.in_(OPEN_TASK_STATES))
        .group_by(Station.region_id)
    )
    for region_id, count, risky in rows:
        open_tasks.add_metric([region_id], count)
        at_risk.add_metric([region_id], risky)
    yield open_tasks
    yield at_risk
    mark = heartbeat.marks().get(heartbeat.DISPATCH_ROUND)
    if mark is not None and mark.value is not None:
        yield GaugeMetricFamily(
            "courier_dispatch_round_seconds", "Duration of the last dispatch round", mark.value
        )
        yield GaugeMetricFamily(
            "courier_dispatch_round_timestamp_seconds",
            "When the last dispatch round ended (unix time)",
            _aware(mark.beat_at).timestamp(),
        )


def background() -> Iterator[Metric]:
    depth = heartbeat.probe_broker(current_app.extensions["celery"])
    up = int(depth is not None)
    yield GaugeMetricFamily("courier_broker_up", "1 when the broker answers", up)
    if depth is not None:
        queue = GaugeMetricFamily(
            "courier_celery_queue_depth", "Jobs waiting for the worker", labels=["queue"]
        )
        queue.add_metric([current_app.extensions["celery"].conf.task_default_queue], depth)
        yield queue
    mark = heartbeat.marks().get(heartbeat.WORKER)
    if mark is not None:
        yield GaugeMetricFamily(
            "courier_worker_last_heartbeat_timestamp_seconds",
            "When the background worker last beat (unix time)",
            _aware(mark.beat_at).timestamp(),
        )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.UTC)


def init_app(app: Flask) -> None:
    for name, source in (
        ("outbox", outbox),
        ("webhooks", webhooks),
        ("notifications", notifications),
        ("dispatch", dispatch),
        ("background", background),
    ):
        register_scrape_source(name, source)
