"""Webhook endpoints and deliveries, for organisation clerks and their API clients."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView

from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, created
from courier_api.core.pagination import paginate
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.notify import service
from courier_api.notify.models import WebhookDelivery, WebhookEndpoint
from courier_api.notify.schemas import (
    CreatedWebhookEndpointSchema,
    DeliveryListArgs,
    WebhookDeliverySchema,
    WebhookEndpointSchema,
)

blp = Blueprint("webhooks", __name__, url_prefix="/v1", description="Signed event notifications.")


@blp.route("/webhook-endpoints")
class WebhookEndpoints(MethodView):
    @requires("org_clerk")
    @blp.pages(WebhookEndpointSchema)
    def get(self, page: dict[str, Any]) -> dict[str, Any]:
        """The caller's organisation's endpoints."""
        return paginate(service.list_endpoints(caller=principal()), WebhookEndpoint.id, page)

    @requires("org_clerk")
    @transactional
    @blp.arguments(WebhookEndpointSchema)
    @blp.response(201, CreatedWebhookEndpointSchema, headers=LOCATION_HEADER_DOC)
    def post(self, body: dict[str, Any]) -> tuple:
        """Register an endpoint; the answer holds its signing secret, shown this once."""
        endpoint, secret = service.create_endpoint(
            caller=principal(),
            allow_http=current_app.config["WEBHOOK_ALLOW_HTTP"],
            **body,
        )
        endpoint.secret = secret  # not a column: only this answer carries it
        return created(endpoint, f"/v1/webhook-endpoints/{endpoint.id}")


@blp.get("/webhook-endpoints/<endpoint_id>")
@requires("org_clerk")
@blp.one(WebhookEndpointSchema)
def get_webhook_endpoint(endpoint_id: str) -> WebhookEndpoint:
    """One of the caller's organisation's endpoints (its secret is never shown again)."""
    return service.get_endpoint(caller=principal(), endpoint_id=endpoint_id)


@blp.delete("/webhook-endpoints/<endpoint_id>")
@requires("org_clerk")
@transactional
@blp.problems(404)
@blp.response(204)
def delete_webhook_endpoint(endpoint_id: str) -> None:
    """Stop sending to an endpoint; its undelivered events are dead-lettered."""
    service.delete_endpoint(caller=principal(), endpoint_id=endpoint_id)


@blp.get("/webhook-deliveries")
@requires("org_clerk")
@blp.pages(WebhookDeliverySchema, filters=DeliveryListArgs)
def list_webhook_deliveries(filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """Deliveries to the organisation's endpoints, newest first (filter by status)."""
    stmt = service.list_deliveries(caller=principal(), **filters)
    return paginate(stmt, WebhookDelivery.id, page)


@blp.post("/webhook-deliveries/<delivery_id>/redeliver")
@requires("org_clerk")
@transactional
@blp.problems(404, 409)
@blp.response(200, WebhookDeliverySchema)
def redeliver_webhook(delivery_id: str) -> WebhookDelivery:
    """Send a delivery again now (re-enables a disabled endpoint, releasing held events)."""
    return service.redeliver(caller=principal(), delivery_id=delivery_id)
