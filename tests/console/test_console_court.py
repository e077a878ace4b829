"""The court clerk's screens over HTTP: a file that is no CSV is refused with the list
kept; another court's job and its receipts are 404; a hospital's clerk has no court nav."""

from __future__ import annotations

import io

from tests.helpers import console_login


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
    with court_batch.open("rb") as batch:
        made = client.post(
            "/console/court-jobs",
            data={"csrf_token": token, "batch": (batch, "batch.csv")},
            content_type="multipart/form-data",
        )
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
