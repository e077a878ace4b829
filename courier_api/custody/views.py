"""POST /v1/handovers: the receiving side's scan of a change of hands."""

from __future__ import annotations

from typing import Any

from courier_api.core.blueprint import Blueprint
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.custody.schemas import HandoverResultSchema, HandoverSchema
from courier_api.tasks import flows

blp = Blueprint("handovers", __name__, url_prefix="/v1", description="Hand-over scans.")


@blp.post("/handovers")
@requires("courier", "dispatcher", "admin")
@transactional
@blp.problems(404, 409)
@blp.arguments(HandoverSchema)
@blp.response(200, HandoverResultSchema)
def post_handover(body: dict[str, Any]) -> dict[str, Any]:
    """Record a hand-over scan batch; every waybill gets its own verdict."""
    return flows.hand_over(caller=principal(), body=body)
