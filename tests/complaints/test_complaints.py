"""Complaints through the API: filing about one's own shipment or pickup, scoping, the
answer and who hears of it, the 7-day flag, the report, and racing answers."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent, dispatch_pending
from courier_api.extensions import db
from courier_api.notify.models import Notification
from courier_api.shipments.service import Party, ShipmentSpec, create_shipments
from tests.factories import ADMIN
from tests.helpers import assert_problem, login_citizen, order_pickup, race

PARTY = Party("王小明", "13800138000", "中山市孙文中路1号3栋502室", 22.52, 113.38)
DAY = timedelta(days=1)


def complain(client, headers, key="c-1", **body):
    payload = {"category": "late", "description": "The courier never came.", **body}
    return client.post("/v1/complaints", json=payload, headers={**headers, "Idempotency-Key": key})


def answer(client, headers, complaint_id, text="We apologise; the courier was reassigned."):
    return client.post(
        f"/v1/complaints/{complaint_id}/answer", json={"answer": text}, headers=headers
    )


@pytest.fixture
def order(client, citizen):
    """The citizen's pickup order with its one shipment."""
    return order_pickup(client, citizen)


@pytest.fixture
def stranger(client, world):
    return login_citizen(client, "demo-someone-else")


@pytest.fixture
def hospital_shipment(app, world):
    """A shipment the hospital organisation owns."""
    spec = ShipmentSpec(
        product="express",
        sender=PARTY,
        recipient=PARTY,
        owners=(("organisation", world.organisations["hospital"]),),
        holder=("courier", world.couriers["courier_a"]),
        origin_station_id=world.stations["A"],
        destination_station_id=world.stations["B"],
        declared_value_fen=0,
        insured_amount_fen=0,
        premium_fen=0,
        fee_fen=1_200,
        state="picked_up",
    )
    with app.app_context():
        [shipment] = create_shipments([spec], actor=ADMIN)
        db.session.commit()
        return shipment.id


# --- filing -----------------------------------------------------------------------------


def test_a_citizen_complains_about_their_shipment_and_their_pickup(client, citizen, order):
    [shipment] = order["shipments"]
    filed = complain(client, citizen, shipment_id=shipment["waybill"], category="damaged")
    assert filed.status_code == 201, filed.get_json()
    body = filed.get_json()
    assert filed.headers["Location"] == f"/v1/complaints/{body['id']}"
    assert body["shipment_id"] == shipment["id"] and body["pickup_id"] is None
    assert (body["status"], body["category"], body["days_left"]) == ("open", "damaged", 7)
    assert body["overdue"] is False and body["answered_in_time"] is None
    assert "complainant_id" not in body  # internal fields are customer service's
    due = clock.from_timestamp(clock.now().timestamp() + 7 * 86_400)
    assert body["answer_due_at"] == clock.to_rfc3339(due)
    replay = complain(client, citizen, shipment_id=shipment["waybill"], category="damaged")
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.get_json()["id"] == body["id"]

    about_pickup = complain(client, citizen, key="c-2", pickup_id=order["id"])
    assert about_pickup.status_code == 201, about_pickup.get_json()
    assert about_pickup.get_json()["pickup_id"] == order["id"]
    read = client.get(about_pickup.headers["Location"], headers=citizen)
    assert read.status_code == 200 and read.get_json()["category"] == "late"
    mine = client.get("/v1/complaints", headers=citizen).get_json()["items"]
    assert [c["id"] for c in mine] == [about_pickup.get_json()["id"], body["id"]]  # newest first


def test_only_about_what_is_ones_own(client, as_, citizen, stranger, order, hospital_shipment):
    [shipment] = order["shipments"]
    assert_problem(
        complain(client, stranger, shipment_id=shipment["id"]), 404, "shipment_not_found"
    )
    assert_problem(
        complain(client, stranger, key="c-2", pickup_id=order["id"]), 404, "pickup_not_found"
    )
    assert_problem(
        complain(client, citizen, key="c-3", shipment_id=hospital_shipment),
        404,
        "shipment_not_found",
    )
    assert_problem(
        complain(client, as_("clerk_hospital"), key="c-4", pickup_id=order["id"]),
        404,
        "pickup_not_found",
    )
    # Staff do not file complaints.
    assert_problem(
        complain(client, as_("service"), key="c-5", shipment_id=shipment["id"]), 403, "forbidden"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "shipment_id"),  # about nothing
        ({"shipment_id": "x", "pickup_id": "y"}, "shipment_id"),  # about two things
        ({"pickup_id": "y", "category": "rude"}, "category"),
        ({"pickup_id": "y", "description": "   "}, "description"),
        ({"pickup_id": "y", "description": "x" * 2001}, "description"),
    ],
)
def test_a_complaint_must_say_what_about_and_what_happened(client, citizen, body, field):
    errors = assert_problem(complain(client, citizen, **body), 422, "validation_failed")["errors"]
    assert [e["field"] for e in errors] == [field]


def test_filing_needs_an_idempotency_key(client, citizen, order):
    response = client.post(
        "/v1/complaints",
        json={"pickup_id": order["id"], "category": "late", "description": "x"},
        headers=citizen,
    )
    assert_problem(response, 400, "idempotency_key_missing")


# --- scoping ----------------------------------------------------------------------------


def test_complaints_are_seen_by_their_complainant_and_customer_service(
    client, as_, citizen, stranger, order
):
    complaint = complain(client, citizen, pickup_id=order["id"]).get_json()["id"]
    for headers in (stranger, as_("clerk_hospital")):
        assert_problem(
            client.get(f"/v1/complaints/{complaint}", headers=headers), 404, "complaint_not_found"
        )
        assert client.get("/v1/complaints", headers=headers).get_json()["items"] == []
    for who in ("dispatcher_a", "adjuster", "courier_a"):
        assert_problem(client.get("/v1/complaints", headers=as_(who)), 403, "forbidden")
    for who in ("service", "admin"):
        seen = client.get(f"/v1/complaints/{complaint}", headers=as_(who)).get_json()
        assert seen["complainant_kind"] == "citizen" and seen["filed_by"]


# --- answering --------------------------------------------------------------------------


def test_customer_service_answers_and_the_citizen_is_told(app, client, as_, citizen, order):
    complaint = complain(client, citizen, pickup_id=order["id"]).get_json()["id"]
    assert_problem(answer(client, citizen, complaint), 403, "forbidden")
    assert_problem(answer(client, as_("adjuster"), complaint), 403, "forbidden")
    assert_problem(answer(client, as_("service"), "cpl_nope"), 404, "complaint_not_found")
    blank = answer(client, as_("service"), complaint, text=" ")
    assert assert_problem(blank, 422, "validation_failed")["errors"][0]["field"] == "answer"

    answered = answer(client, as_("service"), complaint)
    assert answered.status_code == 200, answered.get_json()
    body = answered.get_json()
    assert (body["status"], body["answered_in_time"], body["days_left"]) == ("answered", True, None)
    assert body["answer"] == "We apologise; the courier was reassigned."
    again = answer(client, as_("admin"), complaint, text="Once more.")
    assert assert_problem(again, 409, "complaint_already_answered")["current_state"] == "answered"
    seen = client.get(f"/v1/complaints/{complaint}", headers=citizen).get_json()
    assert seen["answer"] == "We apologise; the courier was reassigned."

    with app.app_context():
        assert dispatch_pending() >= 1
        [sent] = db.session.scalars(
            sa.select(Notification).where(Notification.template == "complaint_answered")
        ).all()
        assert sent.channel == "wechat" and sent.wechat_template_id == "complaint-answered"
        assert sent.wechat_data == {
            "thing1": "投诉：时效延误",
            "thing2": "We apologise; the courier was reassigned.",
        }
        assert sent.wechat_page == f"pages/complaint/detail?id={complaint}"


def test_an_organisation_complains_through_its_clerk_and_hears_by_webhook(
    app, client, as_, world, hospital_shipment
):
    clerk = as_("clerk_hospital")
    hook = client.post(
        "/v1/webhook-endpoints", json={"url": "https://his.example/hooks"}, headers=clerk
    )
    assert hook.status_code == 201, hook.get_json()
    filed = complain(client, clerk, shipment_id=hospital_shipment, category="courier_conduct")
    assert filed.status_code == 201, filed.get_json()
    complaint = filed.get_json()["id"]
    staff_view = client.get(f"/v1/complaints/{complaint}", headers=as_("admin")).get_json()
    assert staff_view["complainant_kind"] == "organisation"
    assert staff_view["complainant_id"] == world.organisations["hospital"]
    assert answer(client, as_("admin"), complaint).status_code == 200

    with app.app_context():
        [event] = db.session.scalars(
            sa.select(OutboxEvent).where(OutboxEvent.kind == "complaint.answered")
        ).all()
        assert (event.citizen_id, event.organisation_ids) == (
            None,
            [world.organisations["hospital"]],
        )
        dispatch_pending()
    deliveries = client.get("/v1/webhook-deliveries", headers=clerk).get_json()["items"]
    assert [d["event_kind"] for d in deliveries] == ["complaint.answered"]


@pytest.mark.postgres
def test_racing_answers_record_one(app, client, as_, citizen, order):
    complaint = complain(client, citizen, pickup_id=order["id"]).get_json()["id"]
    headers = as_("service")

    def attempt(n: int) -> int:
        return answer(app.test_client(), headers, complaint, text=f"Answer {n}").status_code

    assert sorted(race(4, attempt)) == [200, 409, 409, 409]
    with app.app_context():
        events = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.kind == "complaint.answered")
        )
    assert events == 1


# --- the 7 days: the flagged list and the report ----------------------------------------


def test_unanswered_after_7_days_is_flagged_and_counted(client, as_, citizen, order):
    [shipment] = order["shipments"]
    start = clock.now()
    late_one = complain(client, citizen, key="a", pickup_id=order["id"]).get_json()["id"]
    answered_late = complain(client, citizen, key="b", shipment_id=shipment["id"]).get_json()["id"]
    in_time = complain(
        client, citizen, key="c", shipment_id=shipment["id"], category="damaged"
    ).get_json()["id"]
    assert answer(client, as_("service"), in_time).status_code == 200

    clock.freeze(start + 7 * DAY - timedelta(seconds=1))
    service = as_("service")
    assert client.get("/v1/complaints?overdue=true", headers=service).get_json()["items"] == []
    clock.freeze(start + 7 * DAY)
    service = as_("service")
    flagged = client.get("/v1/complaints?overdue=true", headers=service).get_json()["items"]
    assert [(c["id"], c["overdue"], c["days_left"]) for c in flagged] == [
        (late_one, True, 0),
        (answered_late, True, 0),
    ]
    assert answer(client, service, answered_late).get_json()["answered_in_time"] is False

    clock.freeze(start + 8 * DAY)
    service = as_("service")
    rest = client.get("/v1/complaints?overdue=true", headers=service).get_json()["items"]
    assert [c["id"] for c in rest] == [late_one]
    later = complain(client, login_citizen(client), key="d", pickup_id=order["id"])
    assert later.status_code == 201  # still inside its 7 days: not counted against the share
    day = clock.now().astimezone(ZoneInfo("Asia/Shanghai")).date()
    report = client.get(f"/v1/reports/complaints?from={day - 8 * DAY}&to={day}", headers=service)
    assert report.status_code == 200, report.get_json()
    body = report.get_json()
    assert body["total"] == {
        "received": 4,
        "answered": 2,
        "answered_within_7_days": 1,
        "answered_late": 1,
        "open": 2,
        "overdue": 1,
        "within_7_days_share": round(1 / 3, 4),
    }
    by_category: dict[str, int] = {}
    for row in body["rows"]:  # by month and category (the 8 days may span two months)
        by_category[row["category"]] = by_category.get(row["category"], 0) + row["received"]
    assert by_category == {"late": 3, "damaged": 1}
    assert_problem(
        client.get(f"/v1/reports/complaints?from={day}&to={day - DAY}", headers=service),
        422,
        "validation_failed",
    )
    assert_problem(
        client.get(f"/v1/reports/complaints?from={day}&to={day}", headers=login_citizen(client)),
        403,
        "forbidden",
    )
