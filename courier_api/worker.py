"""Background work on Celery: outbox dispatch, webhook delivery, housekeeping.

Broker: Redis when `REDIS_URL` is set (production); otherwise kombu's SQLAlchemy transport
over a SQLite file under instance/, so `make run` needs no other server. Periodic jobs
run from beat: embedded in the one worker of `make run` (`worker -B`); in production one
`celery ... beat` process alone, and workers without `-B` (docs/deploy.md). Every periodic
job is safe if two beats run by mistake: each takes its rows with row locks (SKIP LOCKED),
a table or advisory lock, or a unique key, so a second run finds nothing left to do.

Start a worker: `celery -A courier_api.worker:celery worker` (`-B` with one worker only).

Celery's own log lines go through the app's logging (JSON, third-party HTTP loggers held
to warnings: core/observability.py), not through the handlers Celery would install.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from celery import Celery, Task, shared_task
from celery.signals import setup_logging
from flask import Flask, current_app

from courier_api.core import clock, heartbeat

log = logging.getLogger(__name__)

#: The worker's heartbeat period (readyz and /metrics report its last one).
HEARTBEAT_S = 10.0
#: Dispatch rounds: every 10 s per region (DESIGN.md).
ROUND_PERIOD_S = 10.0


@setup_logging.connect
def _keep_the_apps_logging(**_: Any) -> None:
    """A receiver here stops Celery from replacing the root logger's handlers: create_app
    has set up the JSON lines already."""


def broker_url(config: dict[str, Any]) -> str:
    if config.get("CELERY_BROKER_URL"):
        return config["CELERY_BROKER_URL"]
    if config.get("REDIS_URL"):
        return config["REDIS_URL"]
    return f"sqla+sqlite:///{Path(config['INSTANCE_DIR']) / 'celery-broker.sqlite'}"


def init_celery(app: Flask) -> Celery:
    class AppContextTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.import_name, task_cls=AppContextTask)
    url = broker_url(app.config)
    celery_app.conf.update(
        broker_url=url,
        # The SQLAlchemy transport has no fanout exchanges, which remote control needs.
        worker_enable_remote_control=not url.startswith("sqla+"),
        task_ignore_result=True,
        task_acks_late=True,  # a job killed mid-run is redelivered; every job is idempotent
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        beat_schedule_filename=str(Path(app.config["INSTANCE_DIR"]) / "celerybeat-schedule"),
        beat_schedule={
            "dispatch-outbox": {"task": "courier_api.dispatch_outbox", "schedule": 2.0},
            "deliver-webhooks": {"task": "courier_api.deliver_webhooks", "schedule": 5.0},
            "send-notifications": {"task": "courier_api.send_notifications", "schedule": 2.0},
            "purge-expired": {"task": "courier_api.purge_expired", "schedule": 3600.0},
            "custody-checkpoint": {"task": "courier_api.custody_checkpoint", "schedule": 60.0},
            "dispatch-rounds": {"task": "courier_api.dispatch_rounds", "schedule": ROUND_PERIOD_S},
            "sla-sweep": {"task": "courier_api.sla_sweep", "schedule": 30.0},
            "overdue-sweep": {"task": "courier_api.overdue_sweep", "schedule": 60.0},
            "claims-answer-period": {"task": "courier_api.claims_answer_period", "schedule": 900.0},
            "hospital-runs": {"task": "courier_api.build_hospital_runs", "schedule": 60.0},
            "heartbeat": {"task": "courier_api.heartbeat", "schedule": HEARTBEAT_S},
            # Every 5 min: nothing until the day's cut-off has passed, then the day's run once.
            "cod-remittance": {"task": "courier_api.cod_remittance", "schedule": 300.0},
            "cod-reconciliation": {"task": "courier_api.cod_reconciliation", "schedule": 3600.0},
            # The robo-courier's automatic timeline (SANDBOX_STEP_S=0: on request only).
            "sandbox-robot": {
                "task": "courier_api.sandbox_robot",
                "schedule": float(max(app.config["SANDBOX_STEP_S"], 5)),
            },
        },
        timezone="UTC",
    )
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


@shared_task(name="courier_api.dispatch_outbox")
def dispatch_outbox() -> int:
    from courier_api.core.outbox import dispatch_pending

    return dispatch_pending()


@shared_task(name="courier_api.heartbeat")
def worker_heartbeat() -> None:
    heartbeat.beat(heartbeat.WORKER)


@shared_task(name="courier_api.deliver_webhooks")
def deliver_webhooks() -> dict[str, int]:
    from courier_api.notify.jobs import deliver_due, http_sender

    return deliver_due(http_sender(current_app.config["WEBHOOK_TIMEOUT_S"]))


@shared_task(name="courier_api.send_notifications")
def send_notifications() -> dict[str, int]:
    from courier_api.notify.notifications import send_due

    return send_due(current_app.extensions["connectors"])


@shared_task(name="courier_api.custody_checkpoint")
def custody_checkpoint() -> int | None:
    """Take the custody events recorded since the last run into the log and sign a tree
    head (every minute: the longest a recorded event waits for its leaf)."""
    from courier_api.custody import current
    from courier_api.custody.log import checkpoint, settled_event_id
    from courier_api.extensions import db

    upto = settled_event_id()
    db.session.commit()  # appends waited for that lock only
    head = checkpoint(signer=current.signer(), anchor=current.anchor(), upto_event_id=upto)
    db.session.commit()
    return head.tree_size if head else None


@shared_task(name="courier_api.dispatch_rounds")
def dispatch_rounds() -> int:
    """Every 10 s: one round job per region, so the workers share the regions between
    them; a region's advisory lock lets one of its rounds run at a time, whichever worker
    takes it (and whichever beat sent it, if two run by mistake). A job not started within
    the period is dropped: the next period's comes. Returns how many were sent."""
    import sqlalchemy as sa

    from courier_api.extensions import db
    from courier_api.network.models import Region

    region_ids = db.session.scalars(sa.select(Region.id).order_by(Region.id)).all()
    db.session.rollback()
    for region_id in region_ids:
        dispatch_region_round.apply_async((region_id,), expires=ROUND_PERIOD_S)
    return len(region_ids)


@shared_task(name="courier_api.dispatch_region_round")
def dispatch_region_round(region_id: str) -> dict[str, Any]:
    """One region's round in its own transaction (the region's lock ends with it)."""
    from datetime import timedelta

    from courier_api.dispatch.rounds import run_round
    from courier_api.extensions import db

    ttl = timedelta(seconds=current_app.config["DISPATCH_OFFER_TTL_S"])
    started = time.perf_counter()
    result = run_round(region_id, offer_ttl=ttl, zone=clock.business_zone())
    db.session.commit()
    if result.ran:
        heartbeat.beat(heartbeat.DISPATCH_ROUND, time.perf_counter() - started)
    return result.__dict__


@shared_task(name="courier_api.sla_sweep")
def sla_sweep() -> dict[str, int]:
    from courier_api.dispatch.sla import sweep
    from courier_api.extensions import db

    counts = sweep()
    db.session.commit()
    return counts


@shared_task(name="courier_api.overdue_sweep")
def overdue_sweep() -> int:
    from courier_api.extensions import db
    from courier_api.shipments.promise import sweep_overdue

    flagged = sweep_overdue()
    db.session.commit()
    return flagged


@shared_task(name="courier_api.claims_answer_period")
def claims_answer_period() -> int:
    """Claims whose item is still not found when the 30-day answer period ends: as lost."""
    from courier_api.extensions import db
    from courier_api.insurance.claims import treat_unfound_as_lost

    treated = treat_unfound_as_lost()
    db.session.commit()
    return treated


@shared_task(name="courier_api.cod_remittance")
def cod_remittance() -> str | None:
    """The day's COD remittance run, once its cut-off has passed (idempotent by day)."""
    from courier_api.cod.remittance import remit_due
    from courier_api.extensions import db

    run = remit_due(cutoff=clock.hhmm(current_app.config["COD_REMITTANCE_CUTOFF"]))
    db.session.commit()
    return run.id if run else None


@shared_task(name="courier_api.cod_reconciliation")
def cod_reconciliation() -> int:
    """Check the ledger against the COD parcels; findings are logged as errors."""
    from courier_api.cod.reconciliation import reconcile

    findings = reconcile()
    for finding in findings:
        log.error("cod reconciliation: %s", finding)
    return len(findings)


@shared_task(name="courier_api.build_hospital_runs")
def build_hospital_runs() -> int:
    """Every minute: the hand-over runs whose scheduled time has come (one pickup task
    each over the items waiting at the point)."""

    from courier_api.extensions import db
    from courier_api.hospital.runs import build_due_runs

    built = build_due_runs(clock.business_zone())
    db.session.commit()
    return len(built)


@shared_task(name="courier_api.purge_expired")
def purge_expired() -> dict[str, int]:
    """Replay windows that have passed: idempotency keys, nonces, rate-limit windows."""
    from courier_api.core.idempotency import purge_expired as purge_keys
    from courier_api.core.ratelimit import purge_old_buckets
    from courier_api.core.replay import purge_seen_nonces
    from courier_api.extensions import db
    from courier_api.hospital.window_tokens import purge_window_tokens
    from courier_api.notify.inbox import forget_old as forget_old_messages

    counts = {
        "idempotency_keys": purge_keys(),
        "window_tokens": purge_window_tokens(),
        "nonces": purge_seen_nonces(4 * current_app.config["SIGNATURE_MAX_SKEW_S"]),
        "rate_limit_buckets": purge_old_buckets(int(clock.now().timestamp()) - 86400),
        "sandbox_inbox": forget_old_messages(),
    }
    db.session.commit()
    return counts


@shared_task(name="courier_api.sandbox_robot")
def sandbox_robot() -> dict[str, int]:
    """The robo-courier moves each sandbox item whose last step is SANDBOX_STEP_S old one
    step on, each in its own transaction; a step that cannot be taken is logged, skipped."""
    from courier_api.blobs.views import storage
    from courier_api.core.errors import Problem
    from courier_api.extensions import db
    from courier_api.sandbox import robot

    step_s = current_app.config["SANDBOX_STEP_S"]
    counts = {"advanced": 0, "stuck": 0}
    if step_s <= 0:
        return counts
    for shipment_id in robot.due(step_s):
        try:
            robot.step_on(shipment_id, storage=storage())
            db.session.commit()
            counts["advanced"] += 1
        except Problem as problem:
            db.session.rollback()
            counts["stuck"] += 1
            log.info("sandbox item %s not advanced: %s", shipment_id, problem.code)
    return counts


def _worker_app() -> Celery:
    from courier_api import create_app

    return create_app(migrations=False).extensions["celery"]


def __getattr__(name: str) -> Any:
    # `celery -A courier_api.worker:celery` builds the Flask app only in the worker process.
    if name == "celery":
        return _worker_app()
    raise AttributeError(name)
