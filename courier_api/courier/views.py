"""The courier's handheld: shift, location pings, tasks and the actions on them.

Courier actions are state transitions (409 with the current state), not ETag edits: a
handheld works offline and cannot hold ETags. A task the courier neither holds nor has
on offer answers 404.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import marshmallow as ma
from flask import current_app, request
from flask.views import MethodView

from courier_api.blobs.views import storage as blob_storage
from courier_api.core.blueprint import Blueprint
from courier_api.core.etag import (
    ETAG_HEADER_DOC,
    list_tag,
    not_modified,
    not_modified_doc,
    polled,
)
from courier_api.core.pagination import (
    DEFAULT_LIMIT,
    PageArgs,
    cursor_key,
    page_schema,
    paginate,
)
from courier_api.core.scoping import scoped_select
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.courier import flows
from courier_api.courier import sync as handheld
from courier_api.courier.handovers import HandoverRequest
from courier_api.courier.schemas import (
    ArriveSchema,
    ContactSchema,
    CourierTaskSchema,
    DeclineSchema,
    DeliverSchema,
    DoorResultSchema,
    FailSchema,
    HandoverResultSchema,
    HandoverSchema,
    LocationsAcceptedSchema,
    LocationsSchema,
    PickupScanSchema,
    PinResentSchema,
    ShiftSchema,
    SyncResultSchema,
    SyncSchema,
    TaskListArgs,
    failure_from,
    given_from,
)
from courier_api.delivery import doors
from courier_api.delivery import service as delivery
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.identity.models import Courier
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task

blp = Blueprint(
    "courier", __name__, url_prefix="/v1/courier", description="The courier's handheld."
)
handovers_blp = Blueprint("handovers", __name__, url_prefix="/v1", description="Hand-over scans.")
pins_blp = Blueprint(
    "proof", __name__, url_prefix="/v1/courier", description="Proof of delivery: PIN sign-off."
)


@blp.post("/shift")
@requires("courier")
@transactional
@blp.arguments(ShiftSchema)
@blp.response(200, ShiftSchema)
@blp.named("setCourierShift")
def shift(body: dict[str, Any]) -> Courier:
    """Go on or off shift (dispatch offers tasks only to couriers on shift)."""
    return identity.set_shift(courier_id=principal().id, on_shift=body["on_shift"])


@blp.post("/locations")
@requires("courier")
@transactional
@blp.arguments(LocationsSchema)
@blp.response(202, LocationsAcceptedSchema)
@blp.named("reportCourierLocations")
def locations(body: dict[str, Any]) -> dict[str, Any]:
    """Batched location pings (queued on the handheld while offline); the newest counts."""
    pings = [identity.Ping(p["lat"], p["lng"], p["recorded_at"]) for p in body["pings"]]
    last_seen_at = identity.record_locations(courier_id=principal().id, pings=pings)
    return {"accepted": len(body["pings"]), "last_seen_at": last_seen_at}


def _page_tag(state: str | None, page: dict[str, Any], page_args: str) -> str:
    version = tasks.courier_page_version(
        courier_id=principal().id, state=state, limit=page["limit"], after=cursor_key(page)
    )
    return list_tag(*version, page_args=page_args)


def _polled_tag() -> str:
    """The default list's tag (no query arguments), as the full road computes it."""
    return _page_tag(None, {"limit": DEFAULT_LIMIT}, "")


@blp.route("/tasks")
class CourierTasks(MethodView):
    @requires("courier")
    @polled(_polled_tag)
    @blp.arguments(TaskListArgs, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, page_schema(CourierTaskSchema), headers=ETAG_HEADER_DOC)
    @not_modified_doc
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> Any:
        """Tasks the courier holds or has on offer (active ones unless `state` is given).

        Poll it with If-None-Match: while nothing changed the answer is 304 with no body,
        which costs one small query (cheapest with no query arguments). Every 15 s fits
        the 90 s offer window."""
        etag = _page_tag(filters.get("state"), page, request.query_string.decode())
        unchanged = not_modified(etag)
        if unchanged is not None:
            return unchanged
        states = [filters["state"]] if filters.get("state") else tasks.LISTED_STATES
        stmt = scoped_select(Task, principal()).where(Task.state.in_(states))
        result = paginate(stmt, Task.id, page, newest_first=False)
        # One query each for the page, not one per task.
        doors.attach_proof_needs(tasks.attach_offers(result["items"]))
        return result, {"ETag": etag}


@blp.get("/tasks/<task_id>")
@requires("courier")
@blp.problems(404)
@blp.response(200, CourierTaskSchema, headers=ETAG_HEADER_DOC)
@not_modified_doc
@blp.named("getCourierTask")
def get_task(task_id: str) -> Any:
    """One task: full address, masked phone, items, and the offer's expiry (If-None-Match:
    304 while unchanged)."""
    task = tasks.read_task(caller=principal(), task_id=task_id)
    return not_modified(task.etag) or (_shown(task), {"ETag": task.etag})


def _shown(task: Task) -> Task:
    """A task as its courier sees it: its pending offer and what its door's proof needs."""
    doors.attach_proof_needs([tasks.with_offer(task)])
    return task


def _action(name: str, answer: type[ma.Schema], body: type[ma.Schema] | None = None) -> Callable:
    """A courier action on a task: `POST /tasks/{id}/<name>`, the courier's own, in one
    transaction; 404 for a task they neither hold nor have on offer, 409 with the task's
    state for a move its state does not allow."""

    def register(view: Callable) -> Callable:
        view = blp.response(200, answer)(view)
        if body is not None:
            view = blp.arguments(body)(view)
        view = transactional(blp.problems(404, 409)(view))
        return blp.post(f"/tasks/<task_id>/{name}")(requires("courier")(view))

    return register


@_action("accept", CourierTaskSchema)
@blp.named("acceptCourierTask")
def accept(task_id: str) -> Task:
    """Accept the task offered to you (before the offer expires)."""
    return _shown(flows.accept(caller=principal(), task_id=task_id))


@_action("decline", CourierTaskSchema, DeclineSchema)
@blp.named("declineCourierTask")
def decline(body: dict[str, Any], task_id: str) -> Task:
    """Decline an offer; the task goes back to the pool and is not offered to you again."""
    return _shown(flows.decline(caller=principal(), task_id=task_id, reason=body.get("reason")))


@_action("arrive", CourierTaskSchema, ArriveSchema)
@blp.named("arriveAtCourierTask")
def arrive(body: dict[str, Any], task_id: str) -> Task:
    """The arrival scan at the door: the 1-hour promise is measured against it."""
    return _shown(
        flows.arrive(caller=principal(), task_id=task_id, occurred_at=body.get("occurred_at"))
    )


@_action("pickup", HandoverResultSchema, PickupScanSchema)
@blp.named("pickUpCourierTask")
def pickup(body: dict[str, Any], task_id: str) -> dict[str, Any]:
    """Scan what is handed over; the missing and extra ones are reported. By default the
    scan finishes the task; `partial: true` keeps it open for more batches while you are
    at the door (send an empty last batch to finish)."""
    _, outcome = flows.pick_up(
        caller=principal(),
        task_id=task_id,
        scans=body["items"],
        occurred_at=body.get("occurred_at"),
        partial=body["partial"],
    )
    return {"kind": "collect", **outcome.__dict__}


@_action("contact", ContactSchema)
@blp.named("getCourierTaskContact")
def contact(task_id: str) -> dict[str, Any]:
    """A callable number for the task's contact (virtual when configured); logged."""
    caller = principal()
    courier = db.session.get(Courier, caller.id)
    return flows.contact(
        caller=caller,
        task_id=task_id,
        virtual_numbers=current_app.extensions["connectors"].virtual_numbers,
        courier_phone=courier.phone,
    )


def _at_door(body: dict[str, Any]) -> doors.AtDoor:
    return doors.AtDoor(body.get("occurred_at"), body.get("lat"), body.get("lng"))


@_action("deliver", DoorResultSchema, DeliverSchema)
@blp.named("deliverCourierTask")
def deliver(body: dict[str, Any], task_id: str) -> dict[str, Any]:
    """Hand the item over with the proof its product requires (a return: to the sender).

    A delivery without all of it is refused with `proof_missing`, listing what is missing.
    PIN sign-off is checked here, online only; 5 wrong PINs lock it."""
    return delivery.deliver(
        caller=principal(),
        task_id=task_id,
        given=given_from(body),
        at=_at_door(body),
        storage=blob_storage(),
    ).__dict__


@_action("fail", DoorResultSchema, FailSchema)
@blp.named("failCourierTask")
def fail(body: dict[str, Any], task_id: str) -> dict[str, Any]:
    """A visit that did not hand the item over: the reason, any phone call, and for a
    refusal its reason and witness and/or photo. The item goes back to the station; after
    the product's last attempt (or a refusal) a return task takes it to the sender."""
    return delivery.fail(
        caller=principal(),
        task_id=task_id,
        failure=failure_from(body),
        at=_at_door(body),
        storage=blob_storage(),
    ).__dict__


@blp.post("/sync")
@requires("courier")
@transactional
@blp.arguments(SyncSchema)
@blp.response(200, SyncResultSchema)
@blp.named("syncCourierEvents")
def sync(body: dict[str, Any]) -> dict[str, Any]:
    """Upload the handheld's queued events (up to 500): one verdict each, in the order sent.

    Applied in `occurred_at` order through the same rules as the online actions; an event
    sent before answers `duplicate` and is not applied again; a bad event is `rejected`
    with a code and the rest still count. PIN deliveries are refused (`pin_online_only`)."""
    verdicts = handheld.sync(caller=principal(), events=body["events"], storage=blob_storage())
    counts = Counter(v["status"] for v in verdicts)
    return {"verdicts": verdicts, **{k: counts[k] for k in ("accepted", "duplicate", "rejected")}}


@pins_blp.post("/tasks/<task_id>/pin/resend")
@requires("courier")
@transactional
@pins_blp.problems(404, 409, 429)
@pins_blp.response(202, PinResentSchema)
@pins_blp.named("resendDeliveryPin")
def resend_pin(task_id: str) -> dict[str, Any]:
    """Send the recipient a new PIN for a delivery task you hold (accepted or arrived); the
    old PIN stops working. Rate-limited per task, and at most 3 times per delivery."""
    return flows.resend_pin(caller=principal(), task_id=task_id)


@handovers_blp.post("/handovers")
@requires("courier", "dispatcher", "admin")
@transactional
@handovers_blp.problems(404, 409)
@handovers_blp.arguments(HandoverSchema)
@handovers_blp.response(200, HandoverResultSchema)
@handovers_blp.named("recordHandover")
def post_handover(request: HandoverRequest) -> dict[str, Any]:
    """Record a hand-over scan batch; every waybill gets its own verdict."""
    return flows.hand_over(caller=principal(), request=request)
