"""Quotes and pickup orders, for citizens and enterprise senders (clerks, API clients)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask.views import MethodView

from courier_api.core import clock
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, created
from courier_api.core.pagination import paginate
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.pickups import service
from courier_api.pickups.models import PickupOrder, Quote
from courier_api.pickups.schemas import (
    PickupCreateSchema,
    PickupListArgs,
    PickupSchema,
    QuoteRequestSchema,
    QuoteSchema,
)
from courier_api.shipments.pricing import Parcel
from courier_api.shipments.service import Party

blp = Blueprint("pickups", __name__, url_prefix="/v1", description="Quotes and pickup orders.")
SENDERS = ("citizen", "org_clerk")


def _zone() -> ZoneInfo:
    return clock.business_zone()


def _parcel_request(data: dict[str, Any]) -> service.ParcelRequest:
    return service.ParcelRequest(
        recipient=Party(**data["recipient"]),
        parcel=Parcel(
            weight_g=data["weight_g"],
            declared_value_fen=data["declared_value_fen"],
            insured_amount_fen=data["insured_amount_fen"],
            cod_amount_fen=data["cod_amount_fen"],
            pin_sign_off=data["pin_sign_off"],
        ),
    )


@blp.post("/quotes")
@requires(*SENDERS)
@transactional
@blp.arguments(QuoteRequestSchema)
@blp.response(201, QuoteSchema)
def create_quote(body: dict[str, Any]) -> dict[str, Any]:
    """Price a pickup: stations, fee lines, premium, promise times; valid 15 minutes. A
    quote is not read back: order from it with its id (no Location)."""
    quote: Quote = service.create_quote(
        caller=principal(),
        product=body["product"],
        pickup=Party(**body["pickup"]),
        request=_parcel_request(body),
        zone=_zone(),
    )
    options = quote.request["parcel"]
    return {"id": quote.id, "expires_at": quote.expires_at, **quote.answer, "options": options}


@blp.route("/pickups")
class Pickups(MethodView):
    @requires(*SENDERS, "dispatcher", "admin")
    @blp.pages(PickupSchema, filters=PickupListArgs)
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """The caller's pickups (a citizen's own, an organisation's), newest first."""
        return paginate(service.list_orders(caller=principal(), **filters), PickupOrder.id, page)

    @requires(*SENDERS, idempotent=True)
    @blp.problems(404, 409)
    @blp.arguments(PickupCreateSchema)
    @blp.response(201, PickupSchema, headers=LOCATION_HEADER_DOC)
    def post(self, body: dict[str, Any]) -> tuple:
        """Order a pickup, from a quote or inline: the order, its task and its shipments."""
        caller = principal()
        quoted = None
        if "quote_id" in body:
            quoted = service.use_quote(caller=caller, quote_id=body["quote_id"])
            product, pickup, parcels = quoted.product, quoted.pickup, [quoted.parcel]
        else:
            product = body.get("product", "express")
            pickup = Party(**body["pickup"])
            parcels = [_parcel_request(p) for p in body["parcels"]]
        order = service.create_order(
            caller=caller,
            product=product,
            pickup=pickup,
            parcels=parcels,
            zone=_zone(),
            quoted=quoted,
        )
        return created(order, f"/v1/pickups/{order.id}")


@blp.get("/pickups/<pickup_id>")
@requires(*SENDERS, "dispatcher", "admin")
@blp.one(PickupSchema)
def get_pickup(pickup_id: str) -> PickupOrder:
    """One pickup with its task and shipments."""
    return service.get_order(caller=principal(), order_id=pickup_id)


@blp.post("/pickups/<pickup_id>/cancel")
@requires(*SENDERS)
@transactional
@blp.problems(404, 409)
@blp.response(200, PickupSchema)
def cancel_pickup(pickup_id: str) -> PickupOrder:
    """Cancel: free before the courier arrives, then the catalogue's fee; not once picked up.
    Of a partly picked-up order, only what is still to be collected is cancelled."""
    return service.cancel(caller=principal(), order_id=pickup_id)
