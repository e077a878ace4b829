"""Outbox -> webhook deliveries: signed, retried with backoff, dead-lettered, redeliverable."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug import Response

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent, dispatch_pending, emit
from courier_api.extensions import db
from courier_api.notify.models import WebhookDelivery, WebhookEndpoint
from courier_api.notify.service import BACKOFF_S, MAX_ATTEMPTS
from courier_api.signing import verify_webhook
from tests.factories import make_api_client, make_organisation, signed
from tests.helpers import assert_problem, run_worker_once, statements


@pytest.fixture
def endpoint(client, as_, httpserver):
    """A hospital clerk registers the test receiver; returns (id, secret)."""
    response = client.post(
        "/v1/webhook-endpoints",
        json={"url": httpserver.url_for("/hooks"), "events": ["shipment.delivered"]},
        headers=as_("clerk_hospital"),
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["secret"].startswith("whsec_")
    return body["id"], body["secret"]


def _delivered(waybill: str = "EA123456785CN", shipment_id: str = "shp_test") -> dict:
    """A `shipment.delivered` payload as the contract gives it (courier_api/events.py)."""
    return {"shipment_id": shipment_id, "waybill": waybill, "at": "2026-11-23T02:00:00Z"}


def _emit_delivered(app, world, waybill="EA123456785CN") -> str:
    with app.app_context():
        event = emit(
            "shipment.delivered",
            subject_type="shipment",
            subject_id="shp_test",
            payload=_delivered(waybill),
            organisation_ids=[world.organisations["hospital"]],
        )
        db.session.commit()
        return event.id


def _delivery(app, **where) -> WebhookDelivery:
    with app.app_context():
        row = db.session.scalars(sa.select(WebhookDelivery).filter_by(**where)).one()
        db.session.expunge(row)
        return row


def test_an_outbox_event_lives_and_dies_with_its_transaction(app, world):
    with app.app_context():
        emit(
            "shipment.delivered", subject_type="shipment", subject_id="shp_1", payload=_delivered()
        )
        db.session.rollback()
        emit(
            "shipment.delivered", subject_type="shipment", subject_id="shp_2", payload=_delivered()
        )
        db.session.commit()
        subjects = db.session.scalars(sa.select(OutboxEvent.subject_id)).all()
    assert subjects == ["shp_2"]


def test_delivery_is_signed_and_verifiable_by_the_receiver(app, world, endpoint, httpserver):
    received = []

    def receiver(request):
        ok = verify_webhook(endpoint[1], request.headers["X-Courier-Signature"], request.data)
        received.append((ok, request.headers["X-Courier-Event-Id"], json.loads(request.data)))
        return Response("ok", status=200 if ok else 400)

    httpserver.expect_request("/hooks", method="POST").respond_with_handler(receiver)
    event_id = _emit_delivered(app, world)
    assert run_worker_once(app) == {"succeeded": 1, "failed": 0}
    assert received == [
        (
            True,
            event_id,
            {
                "id": event_id,
                "type": "shipment.delivered",
                "created_at": received[0][2]["created_at"],
                "data": _delivered(),
            },
        )
    ]
    assert _delivery(app, event_id=event_id).status == "succeeded"
    with app.app_context():
        assert db.session.get(OutboxEvent, event_id).status == "dispatched"


def test_events_go_only_to_subscribed_endpoints_of_entitled_organisations(app, world, endpoint):
    with app.app_context():
        emit(
            "shipment.out_for_delivery",  # not subscribed to
            subject_type="shipment",
            subject_id="s",
            payload={"shipment_id": "s", "waybill": "EA123456785CN", "pin_sign_off": False},
            organisation_ids=[world.organisations["hospital"]],
        )
        emit(
            "shipment.delivered",
            subject_type="shipment",
            subject_id="s",
            payload=_delivered(),
            organisation_ids=[],
        )
        db.session.commit()
        dispatch_pending()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WebhookDelivery)) == 0


def test_a_batch_reads_the_endpoints_once_and_asks_about_sandbox_where_one_listens(
    app, world, endpoint
):
    with app.app_context():
        for n in range(6):
            for organisation_id in (world.organisations["hospital"], "org_without_endpoints"):
                emit(
                    "shipment.delivered",
                    subject_type="shipment",
                    subject_id=f"shp_{n}",
                    payload=_delivered(shipment_id=f"shp_{n}"),
                    organisation_ids=[organisation_id],
                )
        db.session.commit()
        with statements(app) as seen:
            assert dispatch_pending() == 12
        deliveries = db.session.scalars(sa.select(WebhookDelivery.endpoint_id)).all()
    assert deliveries == [endpoint[0]] * 6
    assert len([s for s in seen if "FROM webhook_endpoints" in s]) == 1
    # Whether an event is about a sandbox order: asked of the six someone listens to.
    assert len([s for s in seen if "FROM shipments" in s]) == 6


def test_failures_back_off_then_dead_letter(app, world, endpoint, httpserver):
    httpserver.expect_request("/hooks").respond_with_data("down", status=503)
    event_id = _emit_delivered(app, world)
    assert run_worker_once(app) == {"succeeded": 0, "failed": 1}
    first = _delivery(app, event_id=event_id)
    assert (first.status, first.attempts, first.last_status_code) == ("pending", 1, 503)
    assert first.next_attempt_at - clock.now() > timedelta(seconds=BACKOFF_S[0] - 5)
    # Nothing is due before the backoff has passed.
    assert run_worker_once(app) == {"succeeded": 0, "failed": 0}
    waited = timedelta()
    for wait in BACKOFF_S:
        waited += timedelta(seconds=wait)
        clock.freeze(clock.now() + timedelta(seconds=wait))
        run_worker_once(app)
    last = _delivery(app, event_id=event_id)
    assert (last.status, last.attempts) == ("dead", MAX_ATTEMPTS)
    assert timedelta(hours=3.5) < waited <= timedelta(hours=4.5)


def test_a_receiver_that_recovers_gets_the_retry(app, world, endpoint, httpserver):
    httpserver.expect_ordered_request("/hooks").respond_with_data("", status=500)
    httpserver.expect_ordered_request("/hooks").respond_with_data("", status=204)
    event_id = _emit_delivered(app, world)
    run_worker_once(app)
    clock.freeze(clock.now() + timedelta(seconds=BACKOFF_S[0]))
    run_worker_once(app)
    delivery = _delivery(app, event_id=event_id)
    assert (delivery.status, delivery.attempts) == ("succeeded", 2)


def _kill_deliveries(app, world, count: int) -> list[str]:
    ids = [_emit_delivered(app, world, waybill=f"W{n}") for n in range(count)]
    run_worker_once(app)
    for wait in BACKOFF_S:
        clock.freeze(clock.now() + timedelta(seconds=wait))
        run_worker_once(app)
    return ids


def test_repeated_dead_letters_disable_the_endpoint_and_hold_new_events(
    app, world, endpoint, httpserver, client, as_
):
    httpserver.expect_request("/hooks").respond_with_data("", status=500)
    _kill_deliveries(app, world, 3)
    with app.app_context():
        assert db.session.get(WebhookEndpoint, endpoint[0]).disabled_at is not None
    held_event = _emit_delivered(app, world, waybill="while-disabled")
    run_worker_once(app)
    held = _delivery(app, event_id=held_event)
    assert (held.status, held.attempts) == ("held", 0)

    # The hospital fixes its receiver and redelivers one dead event.
    httpserver.clear()
    httpserver.expect_request("/hooks").respond_with_data("", status=200)
    dead = client.get("/v1/webhook-deliveries?status=dead", headers=as_("clerk_hospital"))
    dead_id = dead.get_json()["items"][0]["id"]
    again = client.post(
        f"/v1/webhook-deliveries/{dead_id}/redeliver", headers=as_("clerk_hospital")
    )
    assert again.status_code == 200
    assert again.get_json()["status"] == "pending"
    assert run_worker_once(app)["succeeded"] == 2  # the redelivered and the held one
    listed = client.get("/v1/webhook-endpoints", headers=as_("clerk_hospital")).get_json()
    assert listed["items"][0]["enabled"] is True


def test_other_organisations_see_nothing(app, world, endpoint, client):
    _emit_delivered(app, world)
    with app.app_context():
        dispatch_pending()
        hospital_delivery = db.session.scalars(sa.select(WebhookDelivery.id)).one()
        court_kiosk = make_api_client(world, make_organisation(world, "court"))
    assert signed(client, "GET", "/v1/webhook-deliveries", court_kiosk).get_json()["items"] == []
    assert signed(client, "GET", "/v1/webhook-endpoints", court_kiosk).get_json()["items"] == []
    assert_problem(
        signed(
            client, "POST", f"/v1/webhook-deliveries/{hospital_delivery}/redeliver", court_kiosk
        ),
        404,
        "webhook_delivery_not_found",
    )
    assert_problem(
        signed(client, "DELETE", f"/v1/webhook-endpoints/{endpoint[0]}", court_kiosk),
        404,
        "webhook_endpoint_not_found",
    )


def test_endpoint_urls_and_kinds_are_validated(client, as_):
    clerk = as_("clerk_hospital")
    bad_url = client.post("/v1/webhook-endpoints", json={"url": "ftp://x.example/h"}, headers=clerk)
    assert_problem(bad_url, 422, "validation_failed")
    bad_kind = client.post(
        "/v1/webhook-endpoints",
        json={"url": "https://x.example/h", "events": ["Shipment Delivered"]},
        headers=clerk,
    )
    assert bad_kind.get_json()["errors"][0]["field"] == "events.0"
    never_fires = client.post(
        "/v1/webhook-endpoints",
        json={"url": "https://x.example/h", "events": ["shipment.teleported"]},
        headers=clerk,
    )
    assert never_fires.get_json()["errors"][0] == {
        "field": "events.0",
        "message": "Use '*' or a kind of the contract's webhooks.",
        "code": "invalid",
    }
    assert_problem(
        client.post(
            "/v1/webhook-endpoints",
            json={"url": "https://x.example/h"},
            headers=as_("dispatcher_a"),
        ),
        403,
        "forbidden",
    )


def test_deleting_an_endpoint_dead_letters_its_pending_events(app, world, endpoint, client, as_):
    event_id = _emit_delivered(app, world)
    with app.app_context():
        dispatch_pending()
    response = client.delete(f"/v1/webhook-endpoints/{endpoint[0]}", headers=as_("clerk_hospital"))
    assert response.status_code == 204
    assert _delivery(app, event_id=event_id).status == "dead"
    assert (
        client.get("/v1/webhook-endpoints", headers=as_("clerk_hospital")).get_json()["items"] == []
    )


def test_a_new_endpoint_is_read_back_where_location_says(client, as_):
    clerk = as_("clerk_hospital")
    made = client.post(
        "/v1/webhook-endpoints", json={"url": "https://his.example/located"}, headers=clerk
    )
    assert made.status_code == 201
    read = client.get(made.headers["Location"], headers=clerk)
    assert read.status_code == 200
    assert read.get_json()["id"] == made.get_json()["id"]
    assert "secret" not in read.get_json()  # shown once, at creation
    client.delete(made.headers["Location"], headers=clerk)
    assert_problem(
        client.get(made.headers["Location"], headers=clerk), 404, "webhook_endpoint_not_found"
    )
