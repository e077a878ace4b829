"""Declaring a shipment lost: by an adjuster, or by the system when a claim's answer
period ends with the item still not found. No Flask; never commits."""

from __future__ import annotations

from courier_api.custody import service as custody
from courier_api.extensions import db
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment

LOST_REASONS = ("not_found", "stolen", "destroyed", "answer_period_ended")


def declare_lost(shipment: Shipment, *, actor: tuple[str, str], reason_code: str) -> Shipment:
    """Move the shipment to `lost` (409 from the shipment state machine if it cannot be)
    and record it in the custody chain, naming who held it."""
    db.session.refresh(shipment, with_for_update=True)
    shipments.check_transition(shipment, "lost")
    holder = f"{shipment.holder_kind}:{shipment.holder_id}"
    station = shipment.holder_id if shipment.holder_kind == "station" else None
    shipments.move([shipment], "lost")
    custody.append(
        [
            custody.Entry(
                shipment_id=shipment.id,
                kind="exception",
                actor_kind=actor[0],
                actor_id=actor[1],
                station_id=station,
                refs={"condition": "lost", "reason_code": reason_code, "from": holder},
                sandbox=shipment.sandbox,
            )
        ]
    )
    return shipment
