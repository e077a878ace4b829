"""The console's fixtures: a staff member logged in through the login form; claims
waiting in the adjusters' queue; a hospital run to countersign and a birth certificate to
mark ready; complaints waiting for an answer; a court's CSV batch and serving it; an
archive transfer to receive; and for the browser tests the app served on 127.0.0.1 and
Chromium (browsing.py)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from courier_api.complaints.models import Complaint
from courier_api.core import clock
from courier_api.extensions import db
from courier_api.insurance.models import Claim
from tests import factories
from tests.console.browsing import CHROMIUM, CHROMIUM_ARGS, free_port, sync_playwright
from tests.factories import SIGNATURE, document_row, id_number, order_body

# The hospital's and the claims domain's own fixtures: hospitals with pickup points and
# kiosks, runs built and collected; a citizen who owns posted shipments, evidence, damage.
from tests.government.conftest import gov  # noqa: F401
from tests.helpers import (
    at_local,
    console_login,
    file_claim,
    login_citizen,
    pick_up,
    served_in_thread,
    station_in,
)
from tests.hospital.conftest import build_runs, collect, hospitals, kiosk  # noqa: F401
from tests.hospital.test_birth_certificates import application
from tests.insurance.conftest import citizen, evidence, posted, record_damage  # noqa: F401


@pytest.fixture
def console(client: FlaskClient, world):
    """`console("dispatcher_a")` -> (the client, logged in to the console; a CSRF token)."""

    def log_in(who: str) -> tuple[FlaskClient, str]:
        return client, console_login(client, who)

    return log_in


@pytest.fixture
def waiting_claims(request, client, app) -> tuple[str, str]:
    """(an older loss claim filed 3 days ago, a damage claim filed now on an item station
    A took in damaged: 300,000 declared, 200,000 insured, 150,000 claimed), both
    submitted by the `citizen`."""
    owner = request.getfixturevalue("citizen")
    post = request.getfixturevalue("posted")
    older = file_claim(client, owner, post(owner), claimed_fen=50_000).get_json()["id"]
    damaged = post(owner)
    request.getfixturevalue("record_damage")(damaged)
    photo = request.getfixturevalue("evidence")(owner)
    newer = file_claim(
        client,
        owner,
        damaged,
        kind="damage",
        claimed_fen=150_000,
        description="镯子裂成两半",
        evidence=[photo],
    ).get_json()["id"]
    with app.app_context():
        claim = db.session.get(Claim, older)
        claim.submitted_at -= timedelta(days=3)
        claim.answer_due_at -= timedelta(days=3)
        db.session.commit()
    return older, newer


@pytest.fixture
def complaints_waiting(request, client, app) -> tuple[str, str]:
    """(a complaint received 8 days ago, unanswered: overdue; one received now), both the
    `citizen`'s, about shipments they posted."""
    owner = request.getfixturevalue("citizen")
    post = request.getfixturevalue("posted")
    made = []
    for n, text in enumerate(("快递员没有上门揽收。", "快递员态度不好。")):
        answer = client.post(
            "/v1/complaints",
            json={"shipment_id": post(owner), "category": "late", "description": text},
            headers={**owner.headers, "Idempotency-Key": f"console-complaint-{n}"},
        )
        assert answer.status_code == 201, answer.get_json()
        made.append(answer.get_json()["id"])
    with app.app_context():
        complaint = db.session.get(Complaint, made[0])
        complaint.submitted_at -= timedelta(days=8)
        complaint.answer_due_at -= timedelta(days=8)
        db.session.commit()
    return made[0], made[1]


@pytest.fixture
def court_batch(request, tmp_path) -> Path:
    """A CSV batch for the court (`gov`): one good row, one with a bad phone number."""
    request.getfixturevalue("gov")
    rows = [document_row(), document_row(addressee_name="孙三", phone="12345")]
    path = tmp_path / "batch.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def serve(request, client, as_):
    """`serve(job_id)`: the job's one document collected at the court, taken in at station
    A, and served on the addressee at the door by courier_a (signed, ID checked)."""

    def served(job_id: str) -> None:
        world = request.getfixturevalue("gov")
        job = client.get(f"/v1/court-jobs/{job_id}", headers=as_("clerk_court")).get_json()
        items = [{"waybill": document["waybill"]} for document in job["documents"]]
        pick_up(client, as_, world, job["pickup_task_id"], items)
        assert station_in(client, as_("dispatcher_a"), world, items).status_code == 200
        [task_id] = request.getfixturevalue("load")([item["waybill"] for item in items])
        receiver = {"name": "赵一", "relation": "self", "id_number": id_number("44200019800101001")}
        answer = request.getfixturevalue("door")(
            "deliver", task_id, {"receiver": receiver, "signature": SIGNATURE}
        )
        assert answer.status_code == 200, answer.get_json()

    return served


SEAL = "SEAL-000123"


@pytest.fixture
def archive_out_for_delivery(request, client, as_) -> str:
    """A sealed archive from office to office_b (`gov`), collected, taken in at station A
    and loaded by courier_a, the seal matching at each scan: the transfer's id."""
    world = request.getfixturevalue("gov")
    made = client.post(
        "/v1/archive-transfers",
        json={
            "archive_no": "442000-2026-000123",
            "driver": {"name": "吴六", "id_number": id_number("44200019850505001")},
            "seal_no": SEAL,
            "to": {"office_id": world.organisations["office_b"]},
        },
        headers=as_("clerk_office", **{"Idempotency-Key": "console-archive"}),
    )
    assert made.status_code == 201, made.get_json()
    transfer = made.get_json()
    items = [{"waybill": transfer["waybill"], "seal_no": SEAL}]
    pick_up(client, as_, world, transfer["pickup_task_id"], items)
    assert station_in(client, as_("dispatcher_a"), world, items).status_code == 200
    loaded = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": items},
        headers=as_("courier_a"),
    )
    assert loaded.status_code == 200, loaded.get_json()
    return transfer["id"]


@pytest.fixture
def run_to_countersign(request, client, as_) -> str:
    """Hospital A's 11:00 pharmacy run: two orders expected, one scanned by courier_a
    (one missing), who has signed for it; the clerk has not countersigned yet."""
    kiosk_ = request.getfixturevalue("kiosk")
    waybills = [kiosk_(order_body(f"RX{n}")).get_json()["waybill"] for n in range(2)]
    clock.freeze(at_local(11, 0))
    [run_id] = request.getfixturevalue("build_runs")()
    task_id = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("clerk_hospital")).get_json()[
        "task"
    ]["id"]
    clock.freeze(at_local(11, 10))
    request.getfixturevalue("collect")(task_id, waybills[:1])
    signed = client.post(
        f"/v1/hospital/runs/{run_id}/sign", json={"signature": SIGNATURE}, headers=as_("courier_a")
    )
    assert signed.status_code == 200, signed.get_json()
    return run_id


@pytest.fixture
def certificate_applied(request, client, world) -> str:
    """A mother's application at hospital A, waiting for the ward."""
    request.getfixturevalue("hospitals")
    mother = login_citizen(client, "demo-mother")
    answer = client.post(
        "/v1/birth-certificates",
        json=application(world),
        headers={**mother, "Idempotency-Key": "console-bc"},
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


@pytest.fixture
def other_hospital_clerk(request, app, world) -> str:
    """The username of a clerk of hospital B (`hospitals`' second hospital)."""
    request.getfixturevalue("hospitals")
    with app.app_context():
        return factories.add_org_clerk("clerk_hospital_b", world.organisations["hospital_b"])


@pytest.fixture(scope="module")
def base_url(app) -> Iterator[str]:
    with served_in_thread(app, free_port()) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, base_url: str) -> Iterator:
    """`new_page()` -> a page in a fresh browser context (its own cookies), in zh-CN."""
    contexts = []

    def make(**options) -> Any:
        context = browser.new_context(
            base_url=base_url, locale="zh-CN", viewport={"width": 1280, "height": 900}, **options
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
