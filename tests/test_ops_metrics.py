"""/metrics as Prometheus scrapes it, who may scrape it, and /readyz's report."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from courier_api.core import clock, heartbeat
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit
from courier_api.extensions import db
from courier_api.notify.models import Notification, WebhookDelivery, WebhookEndpoint
from courier_api.tasks import service as tasks
from tests.factories import make_organisation
from tests.helpers import assert_problem

TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
QUOTED = r'"(?:[^"\\]|\\.)*"'


def parse_media_type_strictly(value: str) -> tuple[str, dict[str, str]]:
    """As Go's mime.ParseMediaType: a malformed or repeated parameter is an error."""
    media_type, _, rest = value.partition(";")
    media_type = media_type.strip().lower()
    if not re.fullmatch(f"{TOKEN}/{TOKEN}", media_type):
        raise ValueError(f"bad media type {media_type!r}")
    params: dict[str, str] = {}
    rest = rest.strip()
    while rest:
        match = re.match(rf"\s*({TOKEN})=({TOKEN}|{QUOTED})\s*(;|$)", rest)
        if match is None:
            raise ValueError(f"bad parameter in {rest!r}")
        key = match.group(1).lower()
        if key in params:
            raise ValueError(f"duplicate parameter {key!r}")
        params[key] = match.group(2).strip('"')
        rest = rest[match.end() :].strip()
    return media_type, params


def test_the_strict_parser_refuses_what_prometheus_3_refuses():
    with pytest.raises(ValueError, match="duplicate"):
        parse_media_type_strictly("text/plain; version=1.0.0; charset=utf-8; charset=utf-8")
    with pytest.raises(ValueError):
        parse_media_type_strictly("text/plain; version")


def test_metrics_content_type_parses_as_go_parses_it(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert parse_media_type_strictly(response.headers["Content-Type"]) == (
        "text/plain",
        {"version": "1.0.0", "charset": "utf-8"},
    )


def _samples(client) -> dict[tuple[str, tuple], float]:
    text = client.get("/metrics").get_data(as_text=True)
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_show_what_an_operator_watches(app, client, world):
    start = clock.now().replace(microsecond=0)
    with app.app_context():
        clock.freeze(start)
        emit("test.waiting", subject_type="shipment", subject_id="shp_1", payload={})
        task = tasks.create_task(
            tasks.TaskSpec(
                kind="pickup",
                station_id=world.stations["A"],
                place=tasks.Place(address="中山市孙文中路1号", lat=22.52, lng=113.38),
                window=(start, start + timedelta(hours=1)),
                shipments=(),
                promise_start=start,
                deadline=start + timedelta(minutes=60),
            )
        )
        task.at_risk_at = start
        organisation = world.organisations[make_organisation(world, "hospital")]
        endpoint = WebhookEndpoint(
            id=new_id("whe"),
            organisation_id=organisation,
            url="https://receiver.example/hook",
            events=["*"],
            secret_encrypted="not-used",
            created_by="usr_test",
        )
        db.session.add(endpoint)
        db.session.flush()
        db.session.add_all(
            [
                WebhookDelivery(
                    id=new_id("whd"),
                    endpoint_id=endpoint.id,
                    organisation_id=organisation,
                    event_id=new_id("evt"),
                    event_kind="test.waiting",
                    body="{}",
                    status="dead",
                    attempts=10,
                    next_attempt_at=start,
                    created_at=start,
                ),
                Notification(
                    id=new_id("ntf"),
                    event_id=new_id("evt"),
                    template="pickup_late",
                    channel="sms",
                    status="failed",
                    next_attempt_at=start,
                    created_at=start,
                ),
            ]
        )
        db.session.commit()
        heartbeat.beat(heartbeat.WORKER)
        heartbeat.beat(heartbeat.DISPATCH_ROUND, 0.25)
        clock.freeze(start + timedelta(minutes=10))

    samples = _samples(client)

    region = (("region", world.region_id),)
    assert samples[("courier_outbox_backlog", ())] >= 1
    assert samples[("courier_outbox_oldest_age_seconds", ())] >= 600
    assert samples[("courier_tasks_open", region)] == 1
    assert samples[("courier_tasks_at_risk", region)] == 1
    assert samples[("courier_webhook_deliveries", (("status", "dead"),))] == 1
    assert samples[("courier_notifications", (("channel", "sms"), ("status", "failed")))] == 1
    assert samples[("courier_dispatch_round_seconds", ())] == 0.25
    assert samples[("courier_dispatch_round_timestamp_seconds", ())] == start.timestamp()
    assert samples[("courier_worker_last_heartbeat_timestamp_seconds", ())] == start.timestamp()
    assert samples[("courier_broker_up", ())] == 1
    assert samples[("courier_celery_queue_depth", (("queue", "celery"),))] >= 0
    for source in ("outbox", "webhooks", "notifications", "dispatch", "background"):
        assert samples[("courier_scrape_source_up", (("source", source),))] == 1


@pytest.fixture
def scrape_token(app):
    app.config["METRICS_SCRAPE_TOKEN"] = "scrape-token-123"
    yield "scrape-token-123"
    app.config["METRICS_SCRAPE_TOKEN"] = None


def test_with_a_scrape_token_only_its_bearer_may_scrape(client, scrape_token):
    refused = client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert_problem(refused, 401, "unauthenticated")
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = client.get("/metrics", headers={"Authorization": "Bearer scrape-token-12"})
    assert_problem(wrong, 401, "unauthenticated")
    scraped = client.get(
        "/metrics",
        headers={"Authorization": f"Bearer {scrape_token}"},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert scraped.status_code == 200
    assert "courier_http_requests_total" in scraped.get_data(as_text=True)


def test_without_a_scrape_token_only_the_server_itself_may_scrape(client):
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
    outside = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert_problem(outside, 403, "metrics_forbidden")
    relayed = client.get(
        "/metrics",
        headers={"X-Forwarded-For": "203.0.113.9"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert_problem(relayed, 403, "metrics_forbidden")


def test_readiness_reports_the_broker_and_the_worker_without_failing(app, client):
    body = client.get("/readyz").get_json()
    assert body["background"]["broker"] == "ok"
    assert body["background"]["worker_last_heartbeat"] is None
    with app.app_context():
        heartbeat.beat(heartbeat.WORKER)
    body = client.get("/readyz").get_json()
    assert body["background"]["worker_last_heartbeat"] is not None
    assert body["background"]["worker_heartbeat_age_s"] >= 0

    celery = app.extensions["celery"]
    saved = celery.conf.broker_url
    celery.conf.broker_url = "redis://127.0.0.1:9/0"  # refuses connections
    try:
        ready = client.get("/readyz")
        metrics = _samples(client)
    finally:
        celery.conf.broker_url = saved
    assert ready.status_code == 200
    assert ready.get_json()["status"] == "ok"
    assert ready.get_json()["background"]["broker"] == "unavailable"
    assert metrics[("courier_broker_up", ())] == 0
