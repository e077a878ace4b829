"""Masking for courts and traffic-police offices (issue #23 item 6, #24 item 3): the court
and the offices see what they submitted in full; everyone else sees people masked and
institutions as they are; ID numbers stay masked for everyone."""

from __future__ import annotations

import sqlalchemy as sa

from courier_api.extensions import db
from courier_api.network.models import PickupPoint
from tests.factories import HOME, ORGANISATIONS, SIGNATURE, document_row, id_number
from tests.helpers import station_in

DRIVER_ID = id_number("44200019850505001")
DESK_PHONE = "0760-88881234"
COURT_DESK = f"{ORGANISATIONS['court'][1]}收发室"


def test_the_court_sees_what_it_sent_and_the_station_sees_people_masked(client, as_, gov, submit):
    rows = [
        document_row(),
        document_row(addressee_name="中山市某某贸易有限公司", addressee_kind="organisation"),
    ]
    answer = submit(rows)
    assert answer.status_code == 201, answer.get_json()
    job = answer.get_json()
    person, company = (r["document_id"] for r in job["rows"])

    court = as_("clerk_court")
    mine = client.get(f"/v1/court-jobs/{job['id']}/documents/{person}", headers=court).get_json()
    assert (mine["addressee_name"], mine["opposing_party_name"]) == ("赵一", "钱二")
    assert (mine["phone"], mine["address"]) == ("13912345678", "中山市博爱路88号2栋101室")

    # The station's dispatcher reads the same items: people masked, institutions not.
    dispatcher = as_("dispatcher_a")
    seen = client.get(f"/v1/shipments/{mine['shipment_id']}", headers=dispatcher).get_json()
    assert seen["recipient"] == {
        "name": "赵*",
        "phone": "139******78",
        "address": "中山市博爱路88号*栋***室",
    }
    assert [(n["role"], n["name"]) for n in seen["named_recipients"]] == [
        ("addressee", "赵*"),
        ("opposing_party", "钱*"),
    ]
    assert seen["sender"]["name"] == COURT_DESK  # the court is not a person
    assert seen["sender"]["address"] == f"{ORGANISATIONS['court'][1]} 中山市东区起湾道1号"

    theirs = client.get(f"/v1/court-jobs/{job['id']}/documents/{company}", headers=court).get_json()
    other = client.get(f"/v1/shipments/{theirs['shipment_id']}", headers=dispatcher).get_json()
    assert other["recipient"]["name"] == "中山市某某贸易有限公司"
    assert other["named_recipients"][0]["name"] == "中山市某某贸易有限公司"


def test_a_returned_document_goes_back_to_the_court_by_its_name_and_desk_phone(
    client, app, as_, gov, submit, to_door, door, load
):
    with app.app_context():
        db.session.execute(
            sa.update(PickupPoint)
            .where(PickupPoint.organisation_id == gov.organisations["court"])
            .values(phone=DESK_PHONE)
        )
        db.session.commit()
    job = submit([document_row(mediation=True)]).get_json()
    [row] = job["rows"]
    [task_id] = to_door(job["pickup_task_id"], [row["waybill"]])
    refused = {
        "reason_code": "refused",
        "refusal": {"reason": "拒绝签收", "witness": {"name": "孙三", "affiliation": "居委会"}},
    }
    failed = door("fail", task_id, refused)
    assert failed.get_json()["attempt"]["next_step"] == "return", failed.get_json()
    scanned = station_in(client, as_("dispatcher_a"), gov, [{"waybill": row["waybill"]}])
    assert scanned.status_code == 200, scanned.get_json()
    [return_task] = load([row["waybill"]])

    task = client.get(f"/v1/courier/tasks/{return_task}", headers=as_("courier_a")).get_json()
    assert task["kind"] == "return" and task["contact_name"] == COURT_DESK
    assert task["contact_phone"] == DESK_PHONE  # an institution's desk: not masked
    board = client.get(f"/v1/dispatch/tasks/{return_task}", headers=as_("dispatcher_a"))
    assert board.get_json()["address"] == f"{ORGANISATIONS['court'][1]} 中山市东区起湾道1号"
    # The attempt's witness was recorded by the courier, not sent by the court: masked.
    document = client.get(
        f"/v1/court-jobs/{job['id']}/documents/{row['document_id']}", headers=as_("clerk_court")
    ).get_json()
    assert document["attempts"][0]["proof"]["witness_name"] == "孙*"
    back = door("deliver", return_task, {"receiver": {"name": "收发室"}, "signature": SIGNATURE})
    assert back.status_code == 200, back.get_json()


def test_both_offices_see_the_driver_they_move_the_station_does_not(client, as_, gov):
    body = {
        "archive_no": "A-0001",
        "driver": {"name": "吴六", "id_number": DRIVER_ID},
        "seal_no": "SEAL-0001",
        "to": {"driver_address": {"name": "吴六", **HOME}},
    }
    created = client.post(
        "/v1/archive-transfers",
        json=body,
        headers=as_("clerk_office", **{"Idempotency-Key": "a-1"}),
    )
    assert created.status_code == 201, created.get_json()
    transfer = created.get_json()
    masked_id = DRIVER_ID[:6] + "*" * 8 + DRIVER_ID[-4:]
    assert (transfer["driver_name"], transfer["driver_id_masked"]) == ("吴六", masked_id)

    url = f"/v1/shipments/{transfer['shipment_id']}"
    mine = client.get(url, headers=as_("clerk_office")).get_json()
    assert mine["recipient"]["name"] == "吴六" and mine["recipient"]["phone"] == "13912345678"
    # An ID number is masked even for its owner (only a court's receipt prints it).
    assert mine["named_recipients"] == [{"role": "driver", "name": "吴六", "id_number": masked_id}]
    station = client.get(url, headers=as_("dispatcher_a")).get_json()
    assert station["recipient"]["name"] == "吴*"
    assert station["sender"]["name"] == f"{ORGANISATIONS['office'][1]}收发室"
    assert station["named_recipients"][0]["name"] == "吴*"


def test_each_document_carries_the_courts_own_reference(client, as_, gov, submit):
    rows = [
        document_row(reference="NS-2026-000123"),
        document_row(addressee_name="孙三", reference="NS-2026-000124", phone="12345"),
        document_row(addressee_name="周五"),  # none given
    ]
    job = submit(rows).get_json()
    assert [(r["row"], r["status"], r["reference"]) for r in job["rows"]] == [
        (1, "created", "NS-2026-000123"),
        (2, "rejected", "NS-2026-000124"),
        (3, "created", None),
    ]
    court = as_("clerk_court")
    seen = client.get(f"/v1/court-jobs/{job['id']}", headers=court).get_json()
    assert [(d["row"], d["reference"]) for d in seen["documents"]] == [
        (1, "NS-2026-000123"),
        (3, None),
    ]
    assert seen["rejected"][0]["reference"] == "NS-2026-000124"
    url = f"/v1/court-jobs/{job['id']}/documents/{job['rows'][0]['document_id']}"
    assert client.get(url, headers=court).get_json()["reference"] == "NS-2026-000123"
    too_long = submit([document_row(reference="N" * 65)], key="job-2").get_json()
    assert [(r["status"], r["field"]) for r in too_long["rows"]] == [("rejected", "reference")]


def test_a_csv_upload_carries_the_reference_column(client, as_, gov):
    row = document_row(reference="NS-CSV-7")
    columns = [
        "case_number",
        "document_type",
        "addressee_name",
        "addressee_role",
        "phone",
        "address",
        "lat",
        "lng",
        "service_deadline",
        "reference",
    ]
    body = ",".join(columns) + "\n" + ",".join(str(row[c]) for c in columns) + "\n"
    headers = as_("clerk_court", **{"Idempotency-Key": "csv-ref", "Content-Type": "text/csv"})
    answer = client.post("/v1/court-jobs", data=body.encode(), headers=headers)
    assert answer.status_code == 201, answer.get_json()
    [verdict] = answer.get_json()["rows"]
    assert (verdict["status"], verdict["reference"]) == ("created", "NS-CSV-7")
