"""The custody log: hash-chained, append-only, set-based, checkpointed."""

from __future__ import annotations

import hashlib
import itertools

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from courier_api.custody import service as custody
from courier_api.custody.models import CustodyCheckpoint, CustodyEvent
from courier_api.extensions import db
from tests.factories import ADMIN, make_api_client, make_organisation, make_shipments, signed
from tests.helpers import POSTGRES, login_citizen


def _append(shipment_ids, kind="arrived_station"):
    return custody.append(
        custody.Entry(shipment_id=sid, kind=kind, actor_kind="staff", actor_id="stf_x")
        for sid in shipment_ids
    )


def _chain(app, world, links=3):
    with app.app_context():
        [shipment] = make_shipments(world)
        for kind in ("picked_up", "arrived_station", "out_for_delivery")[: links - 1]:
            _append([shipment.id], kind)
        db.session.commit()
        return shipment.id


def _tamper(sql: str, **params) -> None:
    """What an attacker with database access could do (bypassing the trigger)."""
    with db.engine.begin() as connection:
        if POSTGRES:
            connection.execute(
                sa.text("ALTER TABLE custody_events DISABLE TRIGGER custody_events_append_only")
            )
        connection.execute(sa.text(sql), params)
        if POSTGRES:
            connection.execute(
                sa.text("ALTER TABLE custody_events ENABLE TRIGGER custody_events_append_only")
            )


def test_a_chain_links_every_event_to_the_one_before(app, world, client, as_):
    shipment_id = _chain(app, world)
    body = client.get(f"/v1/shipments/{shipment_id}/custody", headers=as_("admin")).get_json()
    events = body["events"]
    assert [e["seq"] for e in events] == [1, 2, 3]
    assert events[0]["prev_hash"] == "0" * 64
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(events))
    assert "王小明" not in str(body) and "13800138000" not in str(body)  # no personal data
    verdict = client.get(
        f"/v1/shipments/{shipment_id}/custody/verify", headers=as_("admin")
    ).get_json()
    assert verdict["valid"] and verdict["head_hash"] == events[-1]["hash"]


def test_the_hash_is_sha256_of_the_canonical_event(app, world):
    shipment_id = _chain(app, world, links=1)
    with app.app_context():
        [event] = custody.events_of(shipment_id)
        document = custody.canonical_json(
            {
                "shipment_id": event.shipment_id,
                "seq": 1,
                "kind": "created",
                "occurred_at": custody.clock.to_rfc3339(event.occurred_at),
                "recorded_at": custody.clock.to_rfc3339(event.recorded_at),
                "actor_kind": "staff",
                "actor_id": ADMIN.id,
                "station_id": event.station_id,
                "task_id": None,
                "refs": event.refs,
                "prev_hash": "0" * 64,
            }
        )
        assert document.startswith(b'{"actor_id":')  # sorted keys, no whitespace
        assert hashlib.sha256(document).hexdigest() == event.hash


def test_an_edited_link_is_found(app, world, client, as_):
    shipment_id = _chain(app, world)
    with app.app_context():
        _tamper(
            "UPDATE custody_events SET station_id = 'stn_elsewhere' "
            "WHERE shipment_id = :s AND seq = 2",
            s=shipment_id,
        )
    verdict = client.get(
        f"/v1/shipments/{shipment_id}/custody/verify", headers=as_("admin")
    ).get_json()
    assert verdict == {
        **verdict,
        "valid": False,
        "first_broken_seq": 2,
        "problem": "link 2 was altered",
    }


def test_a_deleted_link_is_found(app, world):
    shipment_id = _chain(app, world)
    with app.app_context():
        _tamper("DELETE FROM custody_events WHERE shipment_id = :s AND seq = 2", s=shipment_id)
        verdict = custody.verify_chain(shipment_id)
    assert (verdict.valid, verdict.first_broken_seq) == (False, 2)
    with app.app_context():
        _tamper("DELETE FROM custody_events WHERE shipment_id = :s AND seq = 3", s=shipment_id)
        _tamper("DELETE FROM custody_events WHERE shipment_id = :s AND seq = 2", s=shipment_id)
        truncated = custody.verify_chain(shipment_id)
    assert not truncated.valid  # the head still remembers link 3


def _legacy_checkpoint(key: str) -> CustodyCheckpoint:
    """An HMAC checkpoint as they were made before the Merkle log (none are made now)."""
    last_id = db.session.scalar(sa.select(sa.func.max(CustodyEvent.id)))
    digest = custody._range_digest("0" * 64, 0, last_id)
    checkpoint = CustodyCheckpoint(
        created_at=custody.clock.now(),
        first_event_id=0,
        last_event_id=last_id,
        digest=digest,
        signature=custody._sign(key, custody._signed_text(0, last_id, digest)),
    )
    db.session.add(checkpoint)
    db.session.commit()
    return checkpoint


def test_an_old_hmac_checkpoint_still_catches_a_whole_rewritten_chain(app, world, client, as_):
    shipment_id = _chain(app, world)
    with app.app_context():
        _legacy_checkpoint(app.config["CUSTODY_KEY"])
        assert custody.verify_chain(shipment_id, key=app.config["CUSTODY_KEY"]).valid
        # Rewrite every link consistently: change a fact, recompute every hash and the head.
        events = custody.events_of(shipment_id)
        prev = "0" * 64
        rows = []
        for event in events:
            row = {name: getattr(event, name) for name in custody.HASHED_FIELDS}
            row["station_id"], row["prev_hash"] = "stn_forged", prev
            row["hash"] = prev = custody.link_hash(row)
            rows.append(row)
        db.session.remove()
        for row in rows:
            _tamper(
                "UPDATE custody_events SET station_id = :st, prev_hash = :p, hash = :h "
                "WHERE shipment_id = :s AND seq = :q",
                st=row["station_id"],
                p=row["prev_hash"],
                h=row["hash"],
                s=shipment_id,
                q=row["seq"],
            )
        _tamper("UPDATE custody_heads SET hash = :h WHERE shipment_id = :s", h=prev, s=shipment_id)
        assert custody.verify_chain(shipment_id).valid  # links alone look fine...
    verdict = client.get(
        f"/v1/shipments/{shipment_id}/custody/verify", headers=as_("admin")
    ).get_json()
    assert (
        not verdict["valid"] and "no longer match checkpoint" in verdict["problem"]
    )  # ...not to the key
    result = app.test_cli_runner().invoke(args=["verify-custody"])
    assert result.exit_code == 1 and "no longer match checkpoint" in result.output


def test_cli_walks_every_chain(app, world):
    first = _chain(app, world)
    _chain(app, world)
    with app.app_context():
        _tamper(
            "UPDATE custody_events SET kind = 'delivered' WHERE shipment_id = :s AND seq = 3",
            s=first,
        )
    result = app.test_cli_runner().invoke(args=["verify-custody"])
    assert result.exit_code == 1
    assert f'"shipment_id": "{first}"' in result.output and '"first_broken_seq": 3' in result.output
    assert '"chains": 2' in result.output


@pytest.mark.skipif(not POSTGRES, reason="the append-only trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete(app, world):
    shipment_id = _chain(app, world)
    with app.app_context():
        for sql in (
            "UPDATE custody_events SET kind = 'lost' WHERE shipment_id = :s",
            "DELETE FROM custody_events WHERE shipment_id = :s",
        ):
            with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
                connection.execute(sa.text(sql), {"s": shipment_id})
        assert custody.verify_chain(shipment_id).valid


def test_appending_thousands_is_a_few_statements(app, world):
    with app.app_context():
        shipments = make_shipments(world, 300)
        ids = [s.id for s in shipments]
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            _append(ids)
            db.session.flush()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CustodyEvent)) == 600
    # Head lock + events insert + heads update, however many items (inserts may be batched).
    assert len(statements) <= 10, statements[:3]


def test_custody_is_404_to_callers_who_may_not_see_the_shipment(app, world, client, as_):
    shipment_id = _chain(app, world)
    nosy = login_citizen(client, "demo-nosy")
    with app.app_context():
        court_kiosk = make_api_client(world, make_organisation(world, "court"))
    for path in ("custody", "custody/verify", "custody/evidence"):
        url = f"/v1/shipments/{shipment_id}/{path}"
        assert client.get(url, headers=as_("clerk_hospital")).status_code == 200
        assert client.get(url, headers=nosy).status_code == 404
        assert signed(client, "GET", url, court_kiosk).status_code == 404
