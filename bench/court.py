"""A 1,000-document court job submitted, served, and its 1,000 receipts rendered: seconds.

    .venv/bin/python bench/court.py [--documents 1000] [--database-url postgresql+psycopg://...]

Creates a scratch database, migrates it, adds a court with a clerk, then measures through
the whole HTTP stack (in-process WSGI):
(1) POST /v1/court-jobs with 1,000 documents (JSON) — every row checked, 1,000 shipments
    with waybills, named recipients and custody events, one pickup task;
(2) after the documents are collected, scanned in, loaded and signed for by the addressee
    (handheld sync, 500 events a batch: not measured), GET /v1/court-jobs/{job}/receipts.pdf
    — 1,000 receipts with attempts, signer and full ID number, signature image, the
    custody head hash and (after a checkpoint) each chain's evidence bundle embedded with a
    QR code — and a sample of single GET …/receipt.pdf.
Prints one JSON object (with the load average: the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from harness import DEFAULT_BASE_URL, create_database, drop_database, migrated_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courier_api.core import clock
from courier_api.extensions import db
from tests import factories
from tests.factories import SIGNATURE, add_organisations, document_row, id_number

SYNC_BATCH = 500


def _ok(response, status: int = 200) -> dict:
    assert response.status_code == status, (response.status_code, response.get_json())
    return response.get_json()


def _serve_all(client, world, headers, job: dict) -> None:
    """Collect, scan in, load and deliver every document (the handheld's way)."""
    courier, dispatcher = headers("courier_a"), headers("dispatcher_a")
    waybills = [r["waybill"] for r in job["rows"] if r["status"] == "created"]
    task_id = job["pickup_task_id"]
    _ok(client.post("/v1/courier/shift", json={"on_shift": True}, headers=courier))
    etag = client.get(f"/v1/dispatch/tasks/{task_id}", headers=dispatcher).headers["ETag"]
    _ok(
        client.post(
            f"/v1/dispatch/tasks/{task_id}/assign",
            json={"courier_id": world.couriers["courier_a"]},
            headers={**dispatcher, "If-Match": etag},
        )
    )
    _ok(client.post(f"/v1/courier/tasks/{task_id}/accept", headers=courier))
    _ok(client.post(f"/v1/courier/tasks/{task_id}/arrive", json={}, headers=courier))
    items = [{"waybill": w} for w in waybills]
    _ok(client.post(f"/v1/courier/tasks/{task_id}/pickup", json={"items": items}, headers=courier))
    _ok(
        client.post(
            "/v1/handovers",
            json={
                "kind": "station_in",
                "station_id": world.stations["A"],
                "from": {"kind": "courier", "id": world.couriers["courier_a"]},
                "items": items,
            },
            headers=dispatcher,
        )
    )
    loaded = _ok(
        client.post(
            "/v1/handovers", json={"kind": "load_for_delivery", "items": items}, headers=courier
        )
    )
    signer = {"name": "赵一", "relation": "self", "id_number": id_number("44200019800101001")}
    at = clock.to_rfc3339(clock.now() + timedelta(minutes=1))
    events = [
        {
            "client_event_id": str(uuid.uuid4()),
            "kind": "deliver",
            "task_id": task,
            "occurred_at": at,
            "lat": 22.52,
            "lng": 113.39,
            "payload": {"receiver": signer, "signature": SIGNATURE},
        }
        for task in loaded["delivery_task_ids"]
    ]
    for start in range(0, len(events), SYNC_BATCH):
        batch = {"events": events[start : start + SYNC_BATCH]}
        answer = _ok(client.post("/v1/courier/sync", json=batch, headers=headers("courier_a")))
        assert answer["accepted"] == len(batch["events"]), answer["verdicts"][:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=50)
    parser.add_argument("--database-url", default=DEFAULT_BASE_URL)
    args = parser.parse_args()

    admin, url = create_database(args.database_url)
    try:
        app = migrated_app(url)
        with app.app_context():
            world = factories.build_world()
            db.session.commit()
            add_organisations(world)
        client = app.test_client()

        def headers(who: str, **extra: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {factories.login(client, world, who)}", **extra}

        rows = [document_row(case_number=f"(2026)粤2071民初{n}号") for n in range(args.documents)]
        court = headers("clerk_court", **{"Idempotency-Key": "bench-job"})
        started = time.perf_counter()
        response = client.post("/v1/court-jobs", json={"documents": rows}, headers=court)
        submit_s = time.perf_counter() - started
        job = _ok(response, 201)
        assert job["created"] == args.documents, job["rows"][:3]

        _serve_all(client, world, headers, job)
        # The worker's checkpoint (every minute): each receipt then embeds its chain's
        # inclusion proofs in a signed tree head (issue #25).
        assert app.test_cli_runner().invoke(args=["custody-checkpoint"]).exit_code == 0

        court = headers("clerk_court")
        started = time.perf_counter()
        pdf = client.get(f"/v1/court-jobs/{job['id']}/receipts.pdf", headers=court)
        receipts_s = time.perf_counter() - started
        assert pdf.status_code == 200

        documents = [r["document_id"] for r in job["rows"]][: args.singles]
        started = time.perf_counter()
        for document in documents:
            single = client.get(
                f"/v1/court-jobs/{job['id']}/documents/{document}/receipt.pdf", headers=court
            )
            assert single.status_code == 200
        single_ms = (time.perf_counter() - started) * 1000 / len(documents)
        with app.app_context():
            served = db.session.scalar(
                sa.text("SELECT count(*) FROM shipments WHERE outcome = 'served'")
            )
            db.session.remove()
            db.engine.dispose()
        print(
            json.dumps(
                {
                    "database": "postgresql",
                    "load_average": os.getloadavg(),
                    "documents": args.documents,
                    "submit_seconds": round(submit_s, 3),
                    "served": served,
                    "receipts_pdf_seconds": round(receipts_s, 3),
                    "receipts_pdf_bytes": len(pdf.data),
                    "receipts_per_s": round(args.documents / receipts_s),
                    "single_receipt_ms": round(single_ms, 1),
                },
                indent=2,
            )
        )
    finally:
        drop_database(admin, url)


if __name__ == "__main__":
    main()
