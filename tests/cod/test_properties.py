"""Random histories of the cash's path (deliveries, hand-ins with shortages, returns,
remittance runs, claims) keep the ledger balanced, remit no fen twice and lose none; the
reconciliation finds nothing on them, and finds each fault injected into one."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courier_api.cod import remittance
from courier_api.cod import service as cod
from courier_api.cod.models import CashHandin, CodItem, Remittance
from courier_api.cod.reconciliation import reconcile
from courier_api.core import clock
from courier_api.core.errors import Problem
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.insurance.decisions import book_claim_money
from courier_api.ledger import service as ledger
from courier_api.ledger.models import LedgerPosting
from courier_api.network.models import Station
from courier_api.shipments.models import Shipment
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")
CUTOFF = clock.hhmm("16:00")
STAFF = Principal(kind="staff", id="stf_property", role="admin")
PARCELS = 8
COURIERS = ("courier_a", "courier_b")
SENDERS = (("citizen", "ctz_jade_1"), ("citizen", "ctz_jade_2"), ("organisation", "org_base"))
#: Each example starts on its own days, so runs of one example never meet another's.
_examples = itertools.count()

deliver = st.tuples(
    st.just("deliver"),
    st.integers(0, PARCELS - 1),
    st.sampled_from(("cash", "cash", "cash", "wechat_pay")),
    st.sampled_from(COURIERS),
)
give_back = st.tuples(st.just("return"), st.integers(0, PARCELS - 1))
handin = st.tuples(
    st.just("handin"), st.sampled_from(COURIERS), st.integers(1, 255), st.integers(-900, 300)
)
foreign = st.tuples(st.just("foreign_handin"))
remit = st.tuples(st.just("remit"))
claim = st.tuples(st.just("claim"), st.integers(1, 50_000), st.booleans(), st.integers(0, 100))
#: Deliveries weighted up, so that most histories have cash to hand in and pay out.
operations = st.lists(
    st.one_of(deliver, deliver, give_back, handin, handin, foreign, remit, claim),
    min_size=5,
    max_size=30,
)


@dataclass
class Model:
    """What the history should have done, kept apart from the code under test."""

    ids: list[str]
    amounts: list[int]
    #: index -> ("courier", courier) | ("clearing",) | ("station",) | ("remitted",) |
    #: ("returned",); missing: still out for delivery.
    where: dict[int, tuple] = field(default_factory=dict)
    taken_at: dict[int, datetime] = field(default_factory=dict)
    collected_by: dict[int, str] = field(default_factory=dict)
    claims_owed: int = 0


def _advance(minutes: int = 10) -> None:
    clock.freeze(clock.now() + timedelta(minutes=minutes))


def _apply(op: tuple, model: Model, world: factories.World, station: Station) -> None:
    kind = op[0]
    if kind == "deliver":
        _, i, method, courier = op
        if i in model.where:
            return
        shipment = db.session.get(Shipment, model.ids[i])
        shipment.state, shipment.delivered_at = "delivered", clock.now()
        db.session.flush()
        cod.collect([cod.Collection(shipment, world.couriers[courier], method, clock.now())])
        model.where[i] = ("courier", courier) if method == "cash" else ("clearing",)
        model.taken_at[i], model.collected_by[i] = clock.now(), courier
    elif kind == "return":
        if op[1] not in model.where:
            db.session.get(Shipment, model.ids[op[1]]).state = "returned"
            model.where[op[1]] = ("returned",)
    elif kind == "handin":
        _, preferred, mask, difference = op
        holders = [c for c in (preferred, *COURIERS) if ("courier", c) in model.where.values()]
        if not holders:
            return
        courier = holders[0]
        held = [i for i, at in model.where.items() if at == ("courier", courier)]
        chosen = [i for i in held if mask >> i & 1] or held
        expected = sum(model.amounts[i] for i in chosen)
        counted = max(0, expected + difference)
        cod.hand_in(
            caller=STAFF,
            station=station,
            courier_id=world.couriers[courier],
            shipment_ids=[model.ids[i] for i in chosen],
            counted_fen=counted,
            reason="miscounted" if counted != expected else None,
        )
        for i in chosen:
            model.where[i], model.taken_at[i] = ("station",), clock.now()
    elif kind == "foreign_handin":
        _foreign_handin(model, world, station)
    elif kind == "remit":
        _remit(model)
    elif kind == "claim":
        _, approved, delay, paid_percent = op
        owed = SimpleNamespace(
            id=f"clm_{approved}",
            kind="delay" if delay else "loss",
            claimant_kind="citizen",
            claimant_id="ctz_claimant",
        )
        book_claim_money(owed, "claim_approved", approved)
        paid = approved * paid_percent // 100
        book_claim_money(owed, "claim_paid", paid)
        model.claims_owed += approved - paid
    db.session.commit()
    _advance()


def _foreign_handin(model: Model, world: factories.World, station: Station) -> None:
    """Courier B's name on courier A's parcels, or parcels already handed in: refused,
    nothing written."""
    held = [i for i, at in model.where.items() if at == ("courier", "courier_a")]
    gone = [
        i
        for i, at in model.where.items()
        if at[0] in ("station", "remitted") and model.collected_by[i] == "courier_a"
    ]
    for courier, chosen, code in (
        ("courier_b", held, "not_this_couriers_cash"),
        ("courier_a", gone, "cod_not_in_hand"),
    ):
        if not chosen:
            continue
        with pytest.raises(Problem) as refused:
            cod.hand_in(
                caller=STAFF,
                station=station,
                courier_id=world.couriers[courier],
                shipment_ids=[model.ids[i] for i in chosen],
                counted_fen=1,
                reason="x",
            )
        assert refused.value.code == code
        db.session.rollback()


def _remit(model: Model) -> None:
    """Run the day's remittance after its cut-off (twice: the second pays nothing), then
    move to the next morning."""
    day = clock.now().astimezone(SHANGHAI).date()
    cutoff = datetime.combine(day, CUTOFF, SHANGHAI)
    clock.freeze(max(clock.now(), cutoff + timedelta(minutes=5)))
    assert remittance.remit_due(cutoff=CUTOFF, business_date=day) is not None
    db.session.commit()
    assert remittance.remit_due(cutoff=CUTOFF, business_date=day) is None
    db.session.rollback()
    for i, at in model.where.items():
        if at in (("station",), ("clearing",)) and model.taken_at[i] <= cutoff:
            model.where[i] = ("remitted",)
    clock.freeze(datetime.combine(day + timedelta(days=1), clock.hhmm("09:00"), SHANGHAI))


def _check(model: Model) -> None:
    assert ledger.unbalanced_transactions() == []
    items = {
        item.shipment_id: item
        for item in db.session.scalars(sa.select(CodItem).where(CodItem.shipment_id.in_(model.ids)))
    }
    for i, shipment_id in enumerate(model.ids):
        at = model.where.get(i)
        if at is None or at == ("returned",):
            assert shipment_id not in items  # nothing posted for what was not delivered
            continue
        item = items[shipment_id]
        assert item.place == at[0], (i, at, item.place)
        if at[0] == "remitted":
            assert item.remittance_id is not None
    # No fen lost: what was collected is in exactly one place, and each remitted fen was
    # paid by exactly one remittance.
    collected = sum(model.amounts[i] for i, at in model.where.items() if at != ("returned",))
    assert sum(item.amount_fen for item in items.values()) == collected
    everywhere = db.session.execute(
        sa.select(sa.func.coalesce(sa.func.sum(CodItem.amount_fen), 0)).where(
            CodItem.place == "remitted"
        )
    ).scalar_one()
    paid = sa.select(sa.func.coalesce(sa.func.sum(Remittance.gross_fen), 0))
    assert db.session.scalar(paid) == everywhere
    assert _claims_owed() == model.claims_owed
    assert reconcile() == []


def _claims_owed() -> int:
    """What the ledger says the claimant is owed (compensation and refunds)."""
    keys = [
        ledger.account(kind, "citizen:ctz_claimant")
        for kind in ("claims_payable", "refunds_payable")
    ]
    return -sum(ledger.balances(keys).values())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.lists(st.integers(1, 500_000), min_size=PARCELS, max_size=PARCELS),
    senders=st.lists(st.sampled_from(SENDERS), min_size=PARCELS, max_size=PARCELS),
    history=operations,
)
def test_random_histories_balance_and_reconcile(app, world, amounts, senders, history):
    start = datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI) + timedelta(days=60 * next(_examples))
    clock.freeze(start)
    with app.app_context():
        made = [
            factories.make_shipments(
                world,
                1,
                state="out_for_delivery",
                owners=(sender,),
                holder=("courier", world.couriers["courier_a"]),
                cod_amount_fen=amount,
            )[0]
            for amount, sender in zip(amounts, senders, strict=True)
        ]
        model = Model(ids=[s.id for s in made], amounts=amounts)
        station = db.session.get(Station, world.stations["A"])
        model.claims_owed = _claims_owed()  # earlier examples' claims stay on the books
        for op in history:
            _apply(op, model, world, station)
        _remit(model)
        _check(model)
        db.session.remove()


# --- faults the reconciliation must find -----------------------------------------------


def _history(app, world) -> list[str]:
    """A correct history: four parcels delivered (one paid by WeChat), three handed in
    (one short), a run that pays them, and one still in the courier's hand."""
    clock.freeze(datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI))
    with app.app_context():
        made = factories.make_shipments(
            world,
            4,
            state="out_for_delivery",
            owners=(SENDERS[2],),
            holder=("courier", world.couriers["courier_a"]),
            cod_amount_fen=10_000,
        )
        model = Model(ids=[s.id for s in made], amounts=[10_000] * 4)
        station = db.session.get(Station, world.stations["A"])
        for op in (
            ("deliver", 0, "cash", "courier_a"),
            ("deliver", 1, "cash", "courier_a"),
            ("deliver", 2, "wechat_pay", "courier_a"),
            ("deliver", 3, "cash", "courier_a"),
            ("handin", "courier_a", 0b0011, -50),
            ("remit",),
            ("handin", "courier_a", 0b1000, 0),
        ):
            _apply(op, model, world, station)
        assert reconcile() == []
        db.session.remove()
        return model.ids


def _execute(statement: str, **params) -> None:
    db.session.execute(sa.text(statement), params)
    db.session.commit()


def _collect_twice(ids: list[str]) -> None:
    """A parcel's cash posted a second time (balanced, but the courier's account now holds
    more than the parcels in their hand)."""
    courier = db.session.get(CodItem, ids[3]).courier_id
    ledger.post(
        ledger.Entry(
            "cod_collected",
            "shipment",
            ids[3],
            [
                (ledger.account("courier_cash", courier), 10_000),
                (ledger.account("cod_payable", "organisation:org_base"), -10_000),
            ],
        )
    )
    db.session.commit()


FAULTS = {
    # A posting lost: its transaction no longer balances.
    "unbalanced_transaction": lambda ids: _execute(
        "DELETE FROM ledger_postings WHERE id = (SELECT max(id) FROM ledger_postings)"
    ),
    "balance_mismatch": _collect_twice,
    # A parcel marked paid though no remittance paid it.
    "cod_place_inconsistent": lambda ids: _execute(
        "UPDATE cod_items SET place = 'remitted' WHERE shipment_id = :id", id=ids[3]
    ),
    # A delivered COD parcel whose money was never recorded.
    "cod_not_recorded": lambda ids: _execute(
        "UPDATE shipments SET state = 'delivered' WHERE state = 'out_for_delivery'"
    ),
    # Money recorded for a parcel that came back.
    "cod_without_delivery": lambda ids: _execute(
        "UPDATE shipments SET state = 'returned' WHERE id = :id", id=ids[3]
    ),
    "cod_amount_mismatch": lambda ids: _execute(
        "UPDATE shipments SET cod_amount_fen = 9000 WHERE id = :id", id=ids[3]
    ),
    # A remittance that says it paid other than its parcels.
    "remittance_mismatch": lambda ids: _execute(
        "UPDATE cod_remittances SET gross_fen = gross_fen + 1"
    ),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_reconciliation_finds_each_injected_fault(app, world, fault):
    ids = _history(app, world)
    with app.app_context():
        if fault == "cod_not_recorded":
            factories.make_shipments(
                world, 1, state="out_for_delivery", cod_amount_fen=500, owners=(SENDERS[2],)
            )
        FAULTS[fault](ids)
        found = {finding.code for finding in reconcile()}
        assert fault in found, found


def test_a_reversal_undoes_a_transaction_and_postings_stay(app, world):
    ids = _history(app, world)
    with app.app_context():
        handin = db.session.scalars(sa.select(CashHandin).order_by(CashHandin.id.desc())).first()
        before = db.session.scalar(sa.select(sa.func.count()).select_from(LedgerPosting))
        ledger.reverse(handin.transaction_id, memo="recorded at the wrong station")
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerPosting)) > before
        assert ledger.balance(ledger.account("courier_cash", world.couriers["courier_a"])) == 10_000
        # The books now disagree with the parcel (still at the station): a reversal is
        # followed by the correcting hand-in, never by an edit.
        assert {f.code for f in reconcile()} == {"balance_mismatch"}
        assert ids
        posting = db.session.scalars(sa.select(LedgerPosting)).first()
        posting.amount_fen += 1
        with pytest.raises(TypeError, match="append-only"):
            db.session.flush()
        db.session.rollback()
