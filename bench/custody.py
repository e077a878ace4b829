"""A station in-scan of 2,000 items on PostgreSQL: seconds, and custody events per second.

    .venv/bin/python bench/custody.py [--items 2000] [--database-url postgresql+psycopg://...]

Creates a scratch database, migrates it, gives one courier 2,000 picked-up shipments,
then measures (1) POST /v1/handovers with all 2,000 waybills through the whole HTTP stack
(in-process WSGI: auth, parsing, the hand-over service, custody append, commit) and
(2) the custody append alone for another 2,000 events. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from harness import DEFAULT_BASE_URL, create_database, drop_database, migrated_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courier_api.custody import service as custody
from courier_api.extensions import db
from tests import factories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--database-url", default=DEFAULT_BASE_URL)
    args = parser.parse_args()

    admin, url = create_database(args.database_url)
    try:
        app = migrated_app(url)
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
