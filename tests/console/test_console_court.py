"""The court clerk's screens over HTTP: a file that is no CSV is refused with the list
kept; another court's job and its receipts are 404; a hospital's clerk has no court nav."""

from __future__ import annotations

import io

import sqlalchemy as sa

from courier_api.core.ids import new_id
from courier_api.extensions import db
from courier_api.government.models import CourtJob
from courier_api.network.models import Organisation, PickupPoint
from courier_api.tasks.models import Task
from tests.helpers import console_login


def _upload(client, token: str, court_batch, **fields: str):
    with court_batch.open("rb") as batch:
        return client.post(
            "/console/court-jobs",
            data={"csrf_token": token, "batch": (batch, "batch.csv"), **fields},
            content_type="multipart/form-data",
        )


def test_a_file_that_is_no_csv_is_refused_and_makes_no_job(console, court_batch):
    client, token = console("clerk_court")
    answer = client.post(
        "/console/court-jobs",
        data={"csrf_token": token, "batch": (io.BytesIO(b"case_number\n"), "batch.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400
    assert 'data-job="' not in answer.get_data(as_text=True)


def test_another_courts_job_and_receipts_are_404(app, console, court_batch):
    client, token = console("clerk_court")
    made = _upload(client, token, court_batch)
    assert made.status_code == 302
    job_path = made.headers["Location"]
    other = app.test_client()
    console_login(other, "clerk_court_b")
    assert other.get(job_path).status_code == 404
    assert other.get(f"{job_path}/receipts.pdf").status_code == 404
    assert client.get(f"{job_path}/receipts.pdf").status_code == 200


def test_each_clerk_sees_the_screens_of_their_organisations_kind(console, court_batch):
    court, _ = console("clerk_court")
    assert "/console/court-jobs" in court.get("/console/", follow_redirects=True).request.path
    hospital, _ = console("clerk_hospital")
    home = hospital.get("/console/", follow_redirects=True)
    assert home.request.path == "/console/hospital-orders"
    assert "/console/court-jobs" not in home.get_data(as_text=True)


def test_a_batch_is_collected_at_the_pickup_point_the_clerk_chose(app, console, court_batch, gov):
    """The court has a second point (its filing office); another court's point is refused."""
    with app.app_context():
        court = db.session.get(Organisation, gov.organisations["court"])
        first = court.pickup_points[0]
        filing = PickupPoint(
            id=new_id("pp"),
            kind="court_office",
            name="立案庭",
            address="中山市东区起湾道3号",
            lat=first.lat,
            lng=first.lng,
            station_id=first.station_id,
            run_times=["10:00"],
        )
        court.pickup_points.append(filing)
        foreign = db.session.get(Organisation, gov.organisations["court_b"]).pickup_points[0].id
        db.session.commit()
        filing_id = filing.id
    client, token = console("clerk_court")
    assert "立案庭" in client.get("/console/court-jobs").get_data(as_text=True)

    refused = _upload(client, token, court_batch, pickup_point_id=foreign)
    assert refused.status_code == 422
    assert "pickup_point_id" in refused.get_data(as_text=True)
    made = _upload(client, token, court_batch, pickup_point_id=filing_id)
    assert made.status_code == 302
    with app.app_context():
        [job] = db.session.scalars(sa.select(CourtJob)).all()  # the refused one made none
        assert db.session.get(Task, job.pickup_task_id).pickup_point_id == filing_id
