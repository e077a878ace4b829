"""Court jobs: a batch becomes documents (bad rows reported, never blocking), each served
to one of DESIGN.md's outcomes, with a proof-of-service receipt only its court reads."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pypdf
import pytest
import sqlalchemy as sa
from PIL import Image

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from tests.factories import SIGNATURE, document_row, id_number, make_api_client, signed
from tests.helpers import (
    assert_problem,
    later,
    pdf_text,
    race,
    station_in,
    sync,
    sync_event,
    upload,
)

SIGNER_ID = id_number("44200019800101001")
MINOR_ID = id_number(f"44200020{(clock.now().year - 10) % 100:02d}0101001")
NOBODY_HOME = {"reason_code": "nobody_home"}


def call(reached: bool) -> dict:
    return {"called_at": clock.to_rfc3339(clock.now()), "reached": reached}


def signed_by(name: str, relation: str = "self", id_no: str = SIGNER_ID) -> dict:
    return {
        "receiver": {"name": name, "relation": relation, "id_number": id_no},
        "signature": SIGNATURE,
    }


@pytest.fixture
def one_document(gov, submit, to_door):
    """`one_document(**row)` -> (job id, document id, waybill, delivery task id)."""

    def make(**row) -> tuple[str, str, str, str]:
        answer = submit([document_row(**row)], key=str(uuid.uuid4()))
        assert answer.status_code == 201, answer.get_json()
        job = answer.get_json()
        [result] = job["rows"]
        [task_id] = to_door(job["pickup_task_id"], [result["waybill"]])
        return job["id"], result["document_id"], result["waybill"], task_id

    return make


def _document(client, as_, job_id, document_id, who="clerk_court"):
    return client.get(f"/v1/court-jobs/{job_id}/documents/{document_id}", headers=as_(who))


def test_a_batch_reports_every_row_and_the_same_batch_is_not_served_twice(client, as_, gov, submit):
    rows = [
        document_row(),
        document_row(phone="12345"),  # not a phone number
        document_row(addressee_name="孙三", lat=30.0, lng=120.0),  # no station serves it
        document_row(),  # the first row again
        document_row(addressee_name="李四", mediation=True, addressee_kind="organisation"),
        document_row(addressee_name="周五", service_deadline="2020-01-01"),
    ]
    answer = submit(rows)
    assert answer.status_code == 201, answer.get_json()
    job = answer.get_json()
    verdicts = [(r["row"], r["status"], r["code"], r["field"]) for r in job["rows"]]
    assert verdicts == [
        (1, "created", None, None),
        (2, "rejected", "invalid_row", "phone"),
        (3, "rejected", "outside_service_area", "lat"),
        (4, "rejected", "duplicate_row", None),
        (5, "created", None, None),
        (6, "rejected", "deadline_passed", "service_deadline"),
    ]
    assert (job["rows_total"], job["created"], job["rejected_count"]) == (6, 2, 4)
    created = [r for r in job["rows"] if r["status"] == "created"]
    assert all(r["waybill"].startswith("EC") for r in created)
    # The courier is sent to the court's pickup point and asks for it by name (a desk,
    # not a person: not masked).
    task = client.get(f"/v1/dispatch/tasks/{job['pickup_task_id']}", headers=as_("dispatcher_a"))
    assert task.get_json()["contact_name"] == "收发室"
    # Re-sent with the same key: the same answer, nothing made twice.
    again = submit(rows)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == job
    # Re-sent under a new key: the documents already in service are refused row by row.
    other = submit(rows[:1], key="job-2").get_json()
    assert [(r["status"], r["code"]) for r in other["rows"]] == [("rejected", "already_in_service")]
    assert other["pickup_task_id"] is None
    # The job and its documents, as the court sees them: progress by outcome.
    seen = client.get(f"/v1/court-jobs/{job['id']}", headers=as_("clerk_court")).get_json()
    assert seen["progress"] == {
        "in_service": 2,
        "served": 0,
        "served_by_lodging": 0,
        "refused": 0,
        "undeliverable": 0,
    }
    assert [d["row"] for d in seen["documents"]] == [1, 5]
    assert [r["row"] for r in seen["rejected"]] == [2, 3, 4, 6]
    document = _document(client, as_, job["id"], created[0]["document_id"]).get_json()
    assert document["state"] == "awaiting_pickup" and document["outcome"] is None
    # What the court sent comes back as it sent it (others: tests/core/test_masking.py).
    assert document["addressee_name"] == "赵一" and document["phone"] == "13912345678"
    listed = client.get("/v1/court-jobs", headers=as_("clerk_court")).get_json()
    assert [j["id"] for j in listed["items"]] == [other["id"], job["id"]]


def test_a_court_system_uploads_csv_signed(client, app, gov):
    with app.app_context():
        key = make_api_client(gov, "court")
    header = (
        "case_number,document_type,mediation,addressee_name,addressee_role,"
        "phone,address,lat,lng,service_deadline"
    )
    deadline = (clock.now() + timedelta(days=7)).date().isoformat()
    body = (
        f"{header}\n"
        f"(2026)粤2071民初1号,判决书,false,赵一,defendant,13912345678,中山市博爱路88号,22.52,113.39,{deadline}\n"
        f"(2026)粤2071民初2号,调解书,true,钱二,plaintiff,13912345678,中山市博爱路88号,north,113.39,{deadline}\n"
    ).encode()
    import courier_api.signing as signing

    headers = signing.signed_headers(
        key[0], key[1], "POST", "/v1/court-jobs", body, timestamp=int(clock.now().timestamp())
    )
    answer = client.post(
        "/v1/court-jobs",
        data=body,
        headers={**headers, "Content-Type": "text/csv", "Idempotency-Key": "csv-1"},
    )
    assert answer.status_code == 201, answer.get_json()
    job = answer.get_json()
    assert job["source"] == "csv"
    assert [(r["status"], r["field"]) for r in job["rows"]] == [
        ("created", None),
        ("rejected", "lat"),
    ]
    assert answer.headers["Location"] == f"/v1/court-jobs/{job['id']}"
    assert signed(client, "GET", answer.headers["Location"], key).status_code == 200


def test_a_batch_is_json_or_csv_of_at_most_1000_rows(client, as_, gov):
    def post(data: bytes, content_type: str, key: str):
        headers = as_("clerk_court", **{"Idempotency-Key": key, "Content-Type": content_type})
        return client.post("/v1/court-jobs", data=data, headers=headers)

    assert_problem(post(b"<rows/>", "application/xml", "a"), 415, "unsupported_media_type")
    assert_problem(post(b"case_number\n", "text/csv", "b"), 400, "invalid_csv")
    too_many = "case_number\n" + "x\n" * 1001
    assert_problem(post(too_many.encode(), "text/csv", "c"), 422, "too_many_rows")
    empty = post(b'{"documents": []}', "application/json", "d")
    assert assert_problem(empty, 422, "validation_failed")["errors"][0]["field"] == "documents"


def test_served_by_the_addressee_with_a_receipt_in_chinese(
    client, as_, app, gov, one_document, door
):
    job_id, document_id, waybill, task_id = one_document()
    assert_problem(door("deliver", task_id, {"receiver": {"name": "赵一"}}), 422, "proof_missing")
    answer = door("deliver", task_id, signed_by("赵一"))
    assert answer.status_code == 200, answer.get_json()
    document = _document(client, as_, job_id, document_id).get_json()
    assert (document["state"], document["outcome"]) == ("delivered", "served")
    assert document["service_date"] == document["attempts"][-1]["occurred_at"]
    assert document["attempts"][-1]["proof"]["id_masked"] != SIGNER_ID  # masked in JSON
    receipt = client.get(
        f"/v1/court-jobs/{job_id}/documents/{document_id}/receipt.pdf", headers=as_("clerk_court")
    )
    assert receipt.status_code == 200 and receipt.mimetype == "application/pdf"
    text = pdf_text(receipt.data).replace("\n", "")  # wrapped lines joined again
    with app.app_context():
        shipment = db.session.scalars(sa.select(Shipment).where(Shipment.waybill == waybill)).one()
        head = client.get(
            f"/v1/shipments/{shipment.id}/custody/verify", headers=as_("clerk_court")
        ).get_json()["head_hash"]
    for expected in (
        "送达回证",
        "中山市第一人民法院",
        "(2026)粤2071民初1234号",
        "起诉状副本及应诉通知书",
        "赵一",
        "已送达",
        SIGNER_ID,  # the full ID number: the court's own receipt
        "courier_a",
        waybill,
        head,
    ):
        assert expected in text, expected
    # The whole job's receipts in one PDF.
    job_pdf = client.get(f"/v1/court-jobs/{job_id}/receipts.pdf", headers=as_("clerk_court"))
    assert job_pdf.status_code == 200 and waybill in pdf_text(job_pdf.data)
    with app.app_context():
        kinds = db.session.scalars(
            sa.select(OutboxEvent.kind).where(OutboxEvent.subject_id == shipment.id)
        ).all()
    assert "shipment.delivered" in kinds  # the court's webhooks hear of it


def test_substitutes_the_opposing_party_and_minors_are_refused(
    client, as_, gov, one_document, door
):
    job_id, document_id, _, task_id = one_document()
    barred = door("deliver", task_id, signed_by("钱二", "cohabiting_family"))
    assert assert_problem(barred, 422, "substitute_barred")["role"] == "opposing_party"
    assert_problem(
        door("deliver", task_id, signed_by("赵小", "cohabiting_family", MINOR_ID)),
        422,
        "substitute_not_adult",
    )
    # A person's document: a mailroom is an organisation's substitute, not a person's.
    mailroom = door("deliver", task_id, signed_by("门卫", "mailroom"))
    assert assert_problem(mailroom, 422, "validation_failed")["errors"][0]["code"] == (
        "relation_not_allowed"
    )
    assert door("deliver", task_id, signed_by("赵大", "cohabiting_family")).status_code == 200
    document = _document(client, as_, job_id, document_id).get_json()
    assert document["outcome"] == "served"
    assert document["attempts"][-1]["proof"]["relation"] == "cohabiting_family"


def test_an_organisations_mailroom_may_sign(client, as_, gov, one_document, door):
    job_id, document_id, _, task_id = one_document(addressee_kind="organisation")
    assert door("deliver", task_id, signed_by("门卫", "mailroom")).status_code == 200
    assert _document(client, as_, job_id, document_id).get_json()["outcome"] == "served"


def _photo() -> bytes:
    """A real PNG (a photo of the door, as far as the receipt can tell)."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 160)).save(out, "PNG")
    return out.getvalue()


def _refusal(client, as_) -> dict:
    photo = upload(client, as_("courier_a"), _photo())
    return {
        "reason_code": "refused",
        "refusal": {
            "reason": "拒绝签收",
            "witness": {"name": "孙三", "affiliation": "博爱社区居委会"},
            "photo_sha256": photo,
        },
    }


def test_a_witnessed_refusal_serves_by_lodging(client, as_, app, gov, one_document, door):
    job_id, document_id, _, task_id = one_document()
    body = door("fail", task_id, _refusal(client, as_)).get_json()
    assert body["attempt"]["next_step"] == "lodged" and body["shipment_state"] == "delivered"
    assert body["task"]["state"] == "completed"
    document = _document(client, as_, job_id, document_id).get_json()
    assert document["outcome"] == "served_by_lodging" and document["service_date"]
    receipt = client.get(
        f"/v1/court-jobs/{job_id}/documents/{document_id}/receipt.pdf",
        headers=as_("clerk_court"),
    ).data
    for expected in ("留置送达", "拒绝签收", "孙三", "博爱社区居委会"):
        assert expected in pdf_text(receipt), expected
    [page] = pypdf.PdfReader(io.BytesIO(receipt)).pages
    assert len(page.images) == 2  # the refusal's photo and the custody QR code
    # Lodged: no return task takes it back.
    with app.app_context():
        from courier_api.tasks.models import Task, TaskItem

        returns = db.session.scalars(
            sa.select(Task)
            .join(TaskItem)
            .where(Task.kind == "return", TaskItem.shipment_id == document["shipment_id"])
        ).all()
    assert returns == []


def test_a_mediation_document_refused_goes_back_to_the_court(
    client, as_, gov, one_document, door, load
):
    job_id, document_id, waybill, task_id = one_document(mediation=True)
    body = door("fail", task_id, _refusal(client, as_)).get_json()
    assert body["attempt"]["next_step"] == "return" and body["shipment_state"] == "returning"
    assert station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill}]).status_code == 200
    [return_task] = load([waybill])
    court = {"receiver": {"name": "收发室"}, "signature": SIGNATURE}
    assert door("deliver", return_task, court).status_code == 200
    document = _document(client, as_, job_id, document_id).get_json()
    assert (document["state"], document["outcome"]) == ("returned", "refused")
    job = client.get(f"/v1/court-jobs/{job_id}", headers=as_("clerk_court")).get_json()
    assert job["progress"]["refused"] == 1 and job["progress"]["in_service"] == 0
    text = pdf_text(client.get(document["receipt_url"], headers=as_("clerk_court")).data)
    assert "拒收调解书" in text and "退回法院，由 收发室 签收" in text.replace("\n", "")


def _again(client, as_, gov, waybill, load) -> str:
    assert station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill}]).status_code == 200
    [task_id] = load([waybill])
    return task_id


def test_undeliverable_after_the_third_attempt_not_while_a_call_reached_them(
    client, as_, gov, one_document, door, load
):
    job_id, document_id, waybill, task_id = one_document()
    for _ in range(2):  # a call is not an attempt, and not needed before the last one
        assert door("fail", task_id, NOBODY_HOME).get_json()["attempt"]["next_step"] == "retry"
        task_id = _again(client, as_, gov, waybill, load)
    # The third attempt ends the attempts only with a recorded call.
    assert_problem(door("fail", task_id, NOBODY_HOME), 422, "phone_call_required")
    reached = door("fail", task_id, {**NOBODY_HOME, "phone_call": call(True)}).get_json()
    assert reached["attempt"]["next_step"] == "retry"  # reachable: another visit, arranged
    assert _document(client, as_, job_id, document_id).get_json()["outcome"] is None
    task_id = _again(client, as_, gov, waybill, load)
    ended = door("fail", task_id, {**NOBODY_HOME, "phone_call": call(False)}).get_json()
    assert ended["attempt"]["number"] == 4 and ended["attempt"]["next_step"] == "return"
    assert ended["shipment_state"] == "returning"
    document = _document(client, as_, job_id, document_id).get_json()
    assert document["outcome"] == "undeliverable"
    assert [a["phone_reached"] for a in document["attempts"]] == [None, None, True, False]


def test_undeliverable_when_five_days_pass(client, as_, gov, one_document, door, load):
    job_id, document_id, waybill, task_id = one_document()
    start = clock.now()
    assert door("fail", task_id, NOBODY_HOME).get_json()["attempt"]["next_step"] == "retry"
    clock.freeze(start + timedelta(days=5, minutes=1))
    task_id = _again(client, as_, gov, waybill, load)
    ended = door("fail", task_id, {**NOBODY_HOME, "phone_call": call(False)}).get_json()
    assert ended["attempt"]["number"] == 2 and ended["attempt"]["next_step"] == "return"
    assert _document(client, as_, job_id, document_id).get_json()["outcome"] == "undeliverable"


def test_another_court_sees_nothing(client, as_, gov, one_document):
    job_id, document_id, _, _ = one_document()
    paths = [
        f"/v1/court-jobs/{job_id}",
        f"/v1/court-jobs/{job_id}/documents/{document_id}",
        f"/v1/court-jobs/{job_id}/documents/{document_id}/receipt.pdf",
        f"/v1/court-jobs/{job_id}/receipts.pdf",
    ]
    for who in ("clerk_court_b", "clerk_office"):
        for path in paths:
            assert_problem(client.get(path, headers=as_(who)), 404, "court_job_not_found")
    assert client.get("/v1/court-jobs", headers=as_("clerk_court_b")).get_json()["items"] == []
    assert client.get(paths[0], headers=as_("courier_a")).status_code == 403
    # A document of the court's job under another of its jobs' ids is not found either.
    assert_problem(
        client.get(f"/v1/court-jobs/{job_id}/documents/cdoc_nope", headers=as_("clerk_court")),
        404,
        "court_document_not_found",
    )
    # Only courts submit court jobs.
    refused = client.post(
        "/v1/court-jobs",
        json={"documents": [document_row()]},
        headers=as_("clerk_office", **{"Idempotency-Key": "k"}),
    )
    assert_problem(refused, 403, "wrong_organisation_kind")


@pytest.mark.postgres
def test_the_same_batch_sent_at_once_is_made_once(app, as_, gov):
    headers = as_("clerk_court", **{"Idempotency-Key": "raced"})
    rows = [document_row(addressee_name=f"赵{n}") for n in range(20)]

    def send(_: int) -> int:
        with app.test_client() as own:
            return own.post("/v1/court-jobs", json={"documents": rows}, headers=headers).status_code

    statuses = race(4, send)
    assert 201 in statuses and set(statuses) <= {201, 409}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Shipment)) == 20


def test_the_handhelds_sync_applies_the_same_outcomes(client, as_, gov, submit, to_door):
    rows = [document_row(addressee_name=name) for name in ("赵一", "钱二", "孙三")]
    job = submit(rows).get_json()
    waybills = [r["waybill"] for r in job["rows"]]
    task_ids = to_door(job["pickup_task_id"], waybills)
    later()
    refusal = _refusal(client, as_)
    signer = signed_by("赵一")
    by_waybill = {}
    for task_id in task_ids:
        task = client.get(f"/v1/courier/tasks/{task_id}", headers=as_("courier_a")).get_json()
        by_waybill[task["items"][0]["waybill"]] = task_id
    answer = sync(
        client,
        as_,
        [
            sync_event("deliver", by_waybill[waybills[0]], 3, **signer),
            sync_event("fail", by_waybill[waybills[1]], 2, **refusal),
            sync_event(
                "deliver", by_waybill[waybills[2]], 1, **signed_by("钱二", "cohabiting_family")
            ),
        ],
    ).get_json()
    assert [(v["status"], v["code"]) for v in answer["verdicts"]] == [
        ("accepted", None),
        ("accepted", None),
        ("rejected", "substitute_barred"),  # 钱二 is the opposing party
    ]
    seen = client.get(f"/v1/court-jobs/{job['id']}", headers=as_("clerk_court")).get_json()
    assert [d["outcome"] for d in seen["documents"]] == ["served", "served_by_lodging", None]
