"""The compensation rules (邮政法 arts. 47–49) at every edge, and as properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from courier_api.insurance.compensation import (
    CAUSES,
    KINDS,
    NO_LIABILITY,
    RULES,
    Case,
    assess,
    compensation,
    legal_cap,
)

INSURED = {"declared_value_fen": 300_000, "insured_amount_fen": 200_000, "postage_fen": 1_600}
UNINSURED = {"declared_value_fen": 0, "insured_amount_fen": 0, "postage_fen": 1_600}


def owed(kind="loss", claimed=300_000, actual=None, cause="carrier", **terms) -> int:
    terms = terms or INSURED
    actual = claimed if actual is None else actual
    return compensation(
        Case(kind=kind, claimed_fen=claimed, actual_loss_fen=actual, cause=cause, **terms)
    )


def test_insured_and_lost_pays_the_insured_amount():
    assert owed("loss", claimed=300_000) == 200_000
    assert owed("loss", claimed=200_000) == 200_000
    assert owed("loss", claimed=199_999) == 199_999  # never more than claimed


def test_insured_and_damaged_pays_the_insured_share_of_the_actual_loss():
    # 150,000 × 200,000 ÷ 300,000
    assert owed("damage", claimed=150_000) == 100_000
    assert owed("missing_contents", claimed=150_000) == 100_000
    # A loss worth the whole declared value is the insured amount, and no more.
    assert owed("damage", claimed=300_000) == 200_000
    assert owed("damage", claimed=400_000, actual=400_000) == 200_000
    # Halves of a fen round up: 1 × 200,000 ÷ 300,000 = 0.67 -> 1; 1 × 1 ÷ 2 = 0.5 -> 1.
    assert owed("damage", claimed=1) == 1
    half = {"declared_value_fen": 2, "insured_amount_fen": 1, "postage_fen": 100}
    assert owed("damage", claimed=1, **half) == 1
    assert owed("damage", claimed=3, actual=1, **{**half, "declared_value_fen": 3}) == 0


def test_fully_insured_damage_pays_the_actual_loss():
    full = {"declared_value_fen": 200_000, "insured_amount_fen": 200_000, "postage_fen": 1_600}
    assert owed("damage", claimed=123_457, **full) == 123_457


def test_fixed_cover_is_the_full_value_when_nothing_was_declared():
    cover = {"declared_value_fen": 0, "insured_amount_fen": 50_000, "postage_fen": 1_800}
    assert owed("loss", claimed=80_000, **cover) == 50_000
    assert owed("damage", claimed=20_000, **cover) == 20_000
    assert owed("damage", claimed=80_000, **cover) == 50_000


def test_uninsured_pays_the_actual_loss_up_to_three_times_the_postage():
    assert owed("loss", claimed=4_800, **UNINSURED) == 4_800
    assert owed("loss", claimed=4_801, **UNINSURED) == 4_800
    assert owed("loss", claimed=4_799, **UNINSURED) == 4_799
    assert owed("damage", claimed=10_000, actual=1_000, **UNINSURED) == 1_000
    assert owed("missing_contents", claimed=90_000, **UNINSURED) == 4_800


def test_delay_refunds_the_postage_not_the_premium():
    # The postage given is without the premium (the service passes fee − premium).
    assert owed("delay", claimed=100_000) == 1_600
    assert owed("delay", claimed=1_600) == 1_600
    assert owed("delay", claimed=1_000) == 1_000
    assert owed("delay", claimed=100_000, **UNINSURED) == 1_600


@pytest.mark.parametrize("cause", sorted(NO_LIABILITY))
def test_no_liability_for_the_items_nature_or_a_partys_fault(cause):
    for kind in KINDS:
        assert owed(kind, cause=cause) == 0
        assert owed(kind, cause=cause, **UNINSURED) == 0


def test_force_majeure_excuses_only_uninsured_items():
    assert owed("loss", cause="force_majeure") == 200_000
    assert owed("damage", claimed=150_000, cause="force_majeure") == 100_000
    assert owed("loss", cause="force_majeure", **UNINSURED) == 0
    assert owed("delay", cause="force_majeure") == 0  # insurance covers the item, not time


def test_unknown_kinds_and_causes_are_bugs():
    with pytest.raises(ValueError):
        owed("theft")
    with pytest.raises(ValueError):
        owed(cause="act_of_god")


fen = st.integers(min_value=0, max_value=10**9)
# No per-example deadline: the machine is shared, and a slow example is not a wrong one.
no_deadline = settings(deadline=None)


@st.composite
def cases(draw) -> Case:
    declared = draw(fen)
    insured = (
        draw(st.integers(min_value=0, max_value=declared))
        if declared
        else draw(st.sampled_from([0, 50_000, 100_000]))
    )
    return Case(
        kind=draw(st.sampled_from(KINDS)),
        claimed_fen=draw(st.integers(min_value=1, max_value=10**9)),
        actual_loss_fen=draw(fen),
        declared_value_fen=declared,
        insured_amount_fen=insured,
        postage_fen=draw(st.integers(min_value=0, max_value=100_000)),
        cause=draw(st.sampled_from(CAUSES)),
    )


@no_deadline
@given(cases())
def test_never_more_than_claimed_nor_the_legal_cap(case):
    paid = compensation(case)
    assert 0 <= paid <= case.claimed_fen
    assert paid <= legal_cap(case)
    if case.kind == "delay":
        assert paid <= case.postage_fen
    elif case.insured_amount_fen:
        assert paid <= case.insured_amount_fen
    else:
        assert paid <= 3 * case.postage_fen
        assert paid <= case.actual_loss_fen


@no_deadline
@given(cases(), st.integers(min_value=1, max_value=10**6))
def test_claiming_more_never_lowers_what_is_paid(case, more):
    bigger = Case(**{**case.__dict__, "claimed_fen": case.claimed_fen + more})
    assert compensation(bigger) >= compensation(case)


@no_deadline
@given(cases())
def test_a_larger_actual_loss_never_pays_less(case):
    worse = Case(**{**case.__dict__, "actual_loss_fen": case.actual_loss_fen + 1})
    assert compensation(worse) >= compensation(case)


@pytest.mark.parametrize(
    ("case", "rule", "arithmetic"),
    [
        (
            Case("loss", 300_000, 300_000, **INSURED),
            "postal_law_art_47",
            "insured and lost: 200,000; claimed 300,000; owed 200,000 fen",
        ),
        (
            Case("loss", 300_000, 300_000, **INSURED, not_found_in_period=True),
            "postal_law_art_49",
            "insured and lost: 200,000; claimed 300,000; owed 200,000 fen",
        ),
        (
            Case("damage", 150_000, 150_000, **INSURED),
            "postal_law_art_47",
            "insured, partly damaged or short: actual loss 150,000 × insured 200,000 ÷ "
            "declared 300,000 = 100,000; claimed 150,000; owed 100,000 fen",
        ),
        (
            Case("damage", 9_000, 9_000, **UNINSURED),
            "postal_law_art_47",
            "uninsured: min(actual loss 9,000, 3 × postage 1,600 = 4,800) = 4,800; "
            "claimed 9,000; owed 4,800 fen",
        ),
        (
            Case("delay", 3_600, 3_600, **INSURED),
            "delay_refund",
            "postage refunded: 1,600; claimed 3,600; owed 1,600 fen",
        ),
        (
            Case("loss", 1_000, 1_000, **INSURED, cause="sender_fault"),
            "postal_law_art_48",
            "sender fault: no liability, 0; claimed 1,000; owed 0 fen",
        ),
        (
            Case("loss", 1_000, 1_000, **UNINSURED, cause="force_majeure"),
            "postal_law_art_48",
            "force majeure on an uninsured item: 0; claimed 1,000; owed 0 fen",
        ),
        (
            Case("loss", 1_000, 1_000, **INSURED, cause="not_substantiated"),
            "not_substantiated",
            "not substantiated: 0; claimed 1,000; owed 0 fen",
        ),
    ],
)
def test_the_assessment_names_the_rule_and_shows_the_arithmetic(case, rule, arithmetic):
    assessment = assess(case)
    assert (assessment.rule, assessment.arithmetic) == (rule, arithmetic)
    assert assessment.owed_fen == compensation(case) and rule in RULES
