"""Races on PostgreSQL, with real concurrent requests and jobs: two hand-ins of the same
parcels make one; two remittance runs pay each parcel once."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier_api.cod import remittance
from courier_api.cod.models import CashHandin, CodItem, Remittance, RemittanceRun
from courier_api.cod.reconciliation import reconcile
from courier_api.core import clock
from courier_api.extensions import db
from courier_api.ledger import service as ledger
from tests.cod.test_cod import CUTOFF, deliver_cod
from tests.helpers import SHANGHAI, at_local, race

pytestmark = pytest.mark.postgres


def _today():
    return clock.now().astimezone(SHANGHAI).date()


def _handed_in(app, client, as_, world, at_station, load, door, amounts):
    shipments = deliver_cod(at_station, load, door, amounts)
    response = client.post(
        f"/v1/stations/{world.stations['A']}/cash-handins",
        json={
            "courier_id": world.couriers["courier_a"],
            "shipment_ids": shipments,
            "counted_fen": sum(amounts),
        },
        headers=as_("dispatcher_a"),
    )
    assert response.status_code == 201, response.get_json()
    return shipments


def test_two_handins_of_the_same_parcels_at_once_make_one(
    app, client, as_, world, at_station, load, door
):
    clock.freeze(at_local(10, 0))
    shipments = deliver_cod(at_station, load, door, [1_000, 2_000, 3_000])
    headers = as_("dispatcher_a")

    def attempt(n: int) -> int:
        return (
            app.test_client()
            .post(
                f"/v1/stations/{world.stations['A']}/cash-handins",
                json={
                    "courier_id": world.couriers["courier_a"],
                    "shipment_ids": shipments,
                    "counted_fen": 6_000 - n,
                    "reason": "recount" if n else None,
                },
                headers=headers,
            )
            .status_code
        )

    assert sorted(race(2, attempt)) == [201, 409]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CashHandin)) == 1
        station = ledger.account("station_cash", world.stations["A"])
        assert ledger.balance(ledger.account("courier_cash", world.couriers["courier_a"])) == 0
        assert ledger.balance(station) in (6_000, 5_999)
        assert reconcile() == []


def test_two_remittance_runs_at_once_pay_once(app, client, as_, world, at_station, load, door):
    clock.freeze(at_local(10, 0))
    _handed_in(app, client, as_, world, at_station, load, door, [1_000, 2_000, 4_000])
    clock.freeze(at_local(16, 30))
    day = _today()

    def run(n: int) -> str | None:
        with app.app_context():
            done = remittance.remit_due(cutoff=CUTOFF, business_date=day)
            db.session.commit()
            return done.id if done else None

    results = race(2, run)
    assert sum(result is not None for result in results) == 1
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RemittanceRun)) == 1
        [paid] = db.session.scalars(sa.select(Remittance)).all()
        assert paid.gross_fen == 7_000
        assert reconcile() == []


def test_runs_of_two_days_at_once_pay_each_parcel_once(
    app, client, as_, world, at_station, load, door
):
    """A day missed while the worker was down, made up while the next day's run starts."""
    clock.freeze(at_local(10, 0))
    _handed_in(app, client, as_, world, at_station, load, door, [1_000, 2_000, 4_000, 8_000])
    clock.freeze(at_local(16, 30) + timedelta(days=1))
    days = [_today() - timedelta(days=1), _today()]

    def run(n: int) -> str | None:
        with app.app_context():
            done = remittance.remit_due(cutoff=CUTOFF, business_date=days[n])
            db.session.commit()
            return done.id if done else None

    assert all(race(2, run))
    with app.app_context():
        paid = db.session.scalars(sa.select(Remittance)).all()
        assert sum(r.gross_fen for r in paid) == 15_000
        remitted = sa.select(sa.func.count()).where(CodItem.remittance_id.is_not(None))
        assert db.session.scalar(remitted) == 4
        assert reconcile() == []
