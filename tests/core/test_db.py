"""The set-based helpers of core.db: `among` (an IN list, one array on PostgreSQL) and
`write_changes` (one UPDATE for many loaded rows, which the ORM then takes as written)."""

from __future__ import annotations

import sqlalchemy as sa

from courier_api.core.db import among, write_changes
from courier_api.extensions import db
from courier_api.shipments.models import Shipment
from tests.factories import make_shipments


def test_among_selects_what_in_would(app, world):
    with app.app_context():
        ids = [s.id for s in make_shipments(world, 3)]
        db.session.commit()

        def found(values):
            query = sa.select(Shipment.id).where(among(Shipment.id, values))
            return set(db.session.scalars(query))

        assert found([ids[0], ids[2], "shp_nope"]) == {ids[0], ids[2]}
        assert found(iter(ids)) == set(ids)
        assert found([]) == set()


def test_write_changes_writes_each_row_once_and_keeps_other_changes(app, world):
    with app.app_context():
        first, second = make_shipments(world, 2)
        db.session.commit()
        first.attempts, second.attempts = 1, 2
        second.sender_name = "王大明"  # not among the columns written: stays pending
        assert write_changes([first, second, first], ["attempts"]) == 2
        # The written row is clean (a flush has nothing to do for it); the other still
        # holds its pending change, written by the next flush.
        assert first not in db.session.dirty
        assert second in db.session.dirty
        db.session.commit()
        db.session.expire_all()
        assert (first.attempts, second.attempts) == (1, 2)
        assert second.sender_name == "王大明"
