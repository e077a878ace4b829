"""The daily COD remittance run for 100,000 parcels from 1,000 senders on PostgreSQL (the
seeds' peak-day volume): seconds for the run, the reconciliation and a second run.

    .venv/bin/python bench/cod.py [--parcels 100000] [--senders 1000] [--database-url ...]

A scratch database with the test world (two stations, two couriers). Setup (timed apart,
not the figure): the delivered shipments and their owners inserted set-based, their cash
collected through `cod.service.collect` (cash: courier; 1 in 10 paid by WeChat Pay),
and handed in through `cod.service.hand_in` in batches of 2,000 (1 in 10 a few fen
short). Then the run (`remittance.remit_due`) and its commit, the reconciliation, a
second run of the day (pays nothing) and the largest sender's statement CSV. Prints one
JSON object with the load average; asserts nothing, but checks that the senders were
paid exactly what was collected and that reconciliation found nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from harness import DEFAULT_BASE_URL, create_database, drop_database, migrated_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courier_api.cod import remittance
from courier_api.cod import service as cod
from courier_api.cod.models import CodItem, Remittance
from courier_api.cod.reconciliation import reconcile
from courier_api.core import clock
from courier_api.core.ids import new_id
from courier_api.core.pg import insert_rows
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.ledger.models import LedgerPosting
from courier_api.network.models import Station
from courier_api.shipments.models import Shipment, ShipmentOwner
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")
CUTOFF = clock.hhmm("16:00")
STAFF = Principal(kind="staff", id="stf_bench", role="admin")
BATCH = 2_000


def _shipments(world: factories.World, parcels: int, senders: int, rng: random.Random) -> None:
    now = clock.now()
    rows, owners = [], []
    for n in range(parcels):
        shipment_id = new_id("shp")
        rows.append(
            {
                "id": shipment_id,
                "waybill": f"EA{n:09d}CN",
                "product": "express",
                "catalogue_version": 1,
                "state": "delivered",
                "state_changed_at": now,
                "origin_station_id": world.stations["A"],
                "destination_station_id": world.stations["A"],
                "holder_kind": "recipient",
                "holder_id": shipment_id,
                "sender_name": "玉石直播基地",
                "sender_phone": "13800138000",
                "sender_address": "中山市孙文中路1号",
                "sender_lat": 22.52,
                "sender_lng": 113.38,
                "recipient_name": "李四",
                "recipient_phone": "13912345678",
                "recipient_address": "中山市博爱路88号",
                "recipient_lat": 22.52,
                "recipient_lng": 113.40,
                "cod_amount_fen": rng.randint(1_000, 500_000),
                "delivered_at": now,
                "created_at": now,
                "updated_at": now,
            }
        )
        owners.append(
            {
                "shipment_id": shipment_id,
                "owner_kind": "organisation",
                "owner_id": f"org_seller_{n % senders:04d}",
            }
        )
    insert_rows(Shipment.__table__, rows)
    insert_rows(ShipmentOwner.__table__, owners)
    db.session.commit()


def _collect_and_hand_in(world: factories.World, rng: random.Random) -> None:
    couriers = [world.couriers["courier_a"], world.couriers["courier_b"]]
    offset = 0
    while True:
        batch = db.session.scalars(
            sa.select(Shipment).order_by(Shipment.id).offset(offset).limit(BATCH)
        ).all()
        if not batch:
            return
        offset += len(batch)
        courier = couriers[(offset // BATCH) % 2]
        method = [("wechat_pay" if rng.random() < 0.1 else "cash") for _ in batch]
        cod.collect(
            [cod.Collection(s, courier, m, clock.now()) for s, m in zip(batch, method, strict=True)]
        )
        cash = [s for s, m in zip(batch, method, strict=True) if m == "cash"]
        expected = sum(s.cod_amount_fen for s in cash)
        short = rng.randint(1, 500) if rng.random() < 0.1 else 0
        cod.hand_in(
            caller=STAFF,
            station=db.session.get(Station, world.stations["A"]),
            courier_id=courier,
            shipment_ids=[s.id for s in cash],
            counted_fen=expected - short,
            reason="short in the count" if short else None,
        )
        db.session.commit()
        db.session.expunge_all()


def _timed(call):
    started, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, round(time.perf_counter() - started, 2), round(time.process_time() - cpu, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=100_000)
    parser.add_argument("--senders", type=int, default=1_000)
    parser.add_argument("--database-url", default=DEFAULT_BASE_URL)
    args = parser.parse_args()
    rng = random.Random(34)
    admin, url = create_database(args.database_url)
    try:
        app = migrated_app(url)
        with app.app_context():
            day = datetime(2026, 12, 4, 9, 0, tzinfo=SHANGHAI)
            clock.freeze(day)
            world = factories.build_world()
            db.session.commit()
            _, setup_shipments, _ = _timed(
                lambda: _shipments(world, args.parcels, args.senders, rng)
            )
            _, setup_cash, _ = _timed(lambda: _collect_and_hand_in(world, rng))
            clock.freeze(datetime.combine(day.date(), CUTOFF, SHANGHAI) + timedelta(minutes=5))

            def run():
                done = remittance.remit_due(cutoff=CUTOFF, business_date=day.date())
                db.session.commit()
                return done

            done, run_s, run_cpu = _timed(run)
            findings, reconcile_s, reconcile_cpu = _timed(reconcile)
            again, rerun_s, _ = _timed(run)
            biggest = db.session.scalars(
                sa.select(Remittance).order_by(Remittance.item_count.desc()).limit(1)
            ).one()
            csv, statement_s, _ = _timed(lambda: remittance.statement_csv(biggest))
            paid = db.session.scalar(sa.select(sa.func.sum(Remittance.gross_fen)))
            collected = db.session.scalar(sa.select(sa.func.sum(CodItem.amount_fen)))
            postings = db.session.scalar(sa.select(sa.func.count()).select_from(LedgerPosting))
            print(
                json.dumps(
                    {
                        "parcels": args.parcels,
                        "senders": args.senders,
                        "setup_s": {
                            "shipments": setup_shipments,
                            "collect_and_hand_in": setup_cash,
                        },
                        "run_s": run_s,
                        "run_cpu_s_this_process": run_cpu,
                        "remittances": done.remittance_count,
                        "parcels_paid": done.item_count,
                        "reconcile_s": reconcile_s,
                        "reconcile_cpu_s_this_process": reconcile_cpu,
                        "findings": len(findings),
                        "second_run_pays": again is not None,
                        "second_run_s": rerun_s,
                        "largest_statement": {
                            "parcels": biggest.item_count,
                            "bytes": len(csv),
                            "seconds": statement_s,
                        },
                        "ledger_postings": postings,
                        "paid_equals_collected": paid == collected,
                        "loadavg": [round(x, 2) for x in os.getloadavg()],
                    },
                    indent=2,
                )
            )
            db.session.remove()
            db.engine.dispose()
    finally:
        drop_database(admin, url)


if __name__ == "__main__":
    main()
