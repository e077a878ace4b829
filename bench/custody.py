"""A station in-scan of 2,000 items on PostgreSQL: seconds, and custody events per second;
with --log-events, the Merkle log at that size (issue #25).

    .venv/bin/python bench/custody.py [--items 2000] [--database-url postgresql+psycopg://...]
    .venv/bin/python bench/custody.py --log-events 1000000

Creates a scratch database, migrates it, gives one courier 2,000 picked-up shipments,
then measures (1) POST /v1/handovers with all 2,000 waybills through the whole HTTP stack
(in-process WSGI: auth, parsing, the hand-over service, custody append, commit) and
(2) the custody append alone for another 2,000 events. Prints one JSON object.

--log-events N appends N events (chains of 8), then measures: the first checkpoint over
all of them (what the first run after the migration does), a minute's checkpoint of 1,000
and of 10,000 new events on top, the per-shipment check (GET .../custody/verify's work) and
the evidence bundle of one chain, the offline verifier on it, the bundle's and a proof's
size, the CLI walk over the whole log, and the log's tables on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from harness import DEFAULT_BASE_URL, create_database, drop_database, migrated_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courier_api.custody import service as custody
from courier_api.extensions import db
from tests import factories


def _timed(work):
    started = time.perf_counter()
    result = work()
    return result, round(time.perf_counter() - started, 3)


def _chains(first: int, count: int, links: int = 8):
    """`count` new chains of `links` events each (synthetic shipment ids)."""
    kinds = ("created", "picked_up", "arrived_station", "departed_station", "arrived_station")
    kinds += ("out_for_delivery", "delivery_attempted", "delivered")
    return [
        custody.Entry(
            shipment_id=f"shp_bench{n:012d}",
            kind=kinds[k % 8],
            actor_kind="courier",
            actor_id="cou_bench",
            refs={"seal": f"S{n}"},
        )
        for n in range(first, first + count)
        for k in range(links)
    ]


def merkle_log(app, events: int) -> dict:
    """The Merkle log at `events` events (see the module's docstring)."""
    from courier_api.custody import log
    from tests.custody.test_custody_tamper import verifier

    signer, anchor = app.extensions["custody_signer"], app.extensions["custody_anchor"]
    figures: dict = {"log_events": events}
    with app.app_context():
        batch, chains, appended = 2_500, events // 8, 0.0
        for first in range(0, chains, batch):
            entries = _chains(first, min(batch, chains - first))
            _, seconds = _timed(
                lambda e=entries: (custody.append(e, new_chains=True), db.session.commit())
            )
            appended += seconds
        figures["append_events_per_s"] = round(events / appended)

        def run_checkpoint():
            head = log.checkpoint(signer=signer, anchor=anchor)
            db.session.commit()
            return head

        head, figures["first_checkpoint_s"] = _timed(run_checkpoint)
        figures["tree_size"] = head.tree_size
        for new in (1_000, 10_000):
            custody.append(_chains(chains + new, new // 8), new_chains=True)
            db.session.commit()
            _, figures[f"checkpoint_{new}_new_events_s"] = _timed(run_checkpoint)
        shipment = f"shp_bench{chains // 2:012d}"  # a chain in the middle of the log
        verdict, figures["verify_one_shipment_s"] = _timed(
            lambda: log.verify_shipment(
                shipment, key=app.config["CUSTODY_KEY"], signer=signer, anchor=anchor
            )
        )
        figures["verify_one_shipment_valid"] = verdict.valid
        bundle, figures["evidence_one_shipment_s"] = _timed(lambda: log.evidence(shipment))
        serialised = json.dumps(bundle, default=str).encode()
        figures["bundle_bytes"] = len(serialised)
        figures["proof_hashes_per_event"] = len(bundle["events"][0]["inclusion_proof"])
        figures["proof_bytes_per_event"] = 32 * figures["proof_hashes_per_event"]
        keys = {signer.key_id: signer.public_b64}
        problems, figures["offline_verify_s"] = _timed(
            lambda: verifier().verify_bundle(json.loads(serialised), keys)
        )
        figures["offline_verify_valid"] = problems == []
        report, figures["cli_walk_s"] = _timed(lambda: log.check_log(signer=signer, anchor=anchor))
        figures["cli_walk_problems"] = report.problems
        for table in ("custody_events", "custody_leaves", "custody_tree_nodes"):
            size = db.session.scalar(sa.text(f"SELECT pg_total_relation_size('{table}')"))
            figures[f"{table}_mb"] = round(size / 2**20, 1)
        db.session.remove()
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--log-events", type=int, default=0)
    parser.add_argument("--database-url", default=DEFAULT_BASE_URL)
    args = parser.parse_args()

    admin, url = create_database(args.database_url)
    try:
        app = migrated_app(url)
        if args.log_events:
            print(json.dumps(merkle_log(app, args.log_events), indent=2))
            return
        with app.app_context():
            world = factories.build_world()
            db.session.commit()
            holder = ("courier", world.couriers["courier_a"])
            waybills = [
                s.waybill
                for s in factories.make_shipments(
                    world, args.items, state="picked_up", holder=holder
                )
            ]
            spare = [s.id for s in factories.make_shipments(world, args.items)]
        client = app.test_client()
        token = factories.login(client, world, "dispatcher_a")
        body = {
            "kind": "station_in",
            "station_id": world.stations["A"],
            "from": {"kind": "courier", "id": world.couriers["courier_a"]},
            "items": [{"waybill": w} for w in waybills],
        }
        started = time.perf_counter()
        response = client.post(
            "/v1/handovers", json=body, headers={"Authorization": f"Bearer {token}"}
        )
        http_s = time.perf_counter() - started
        accepted = len(response.get_json()["accepted"])

        with app.app_context():
            started = time.perf_counter()
            custody.append(
                custody.Entry(
                    shipment_id=sid, kind="picked_up", actor_kind="courier", actor_id="cou_b"
                )
                for sid in spare
            )
            db.session.commit()
            append_s = time.perf_counter() - started
            db.session.remove()
            db.engine.dispose()
        print(
            json.dumps(
                {
                    "database": "postgresql",
                    "items": args.items,
                    "handover_http_status": response.status_code,
                    "handover_accepted": accepted,
                    "handover_seconds": round(http_s, 3),
                    "handover_custody_events_per_s": round(accepted / http_s),
                    "append_only_seconds": round(append_s, 3),
                    "append_only_events_per_s": round(args.items / append_s),
                },
                indent=2,
            )
        )
    finally:
        drop_database(admin, url)


if __name__ == "__main__":
    main()
