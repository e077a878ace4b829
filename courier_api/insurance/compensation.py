"""What the network owes on a claim (邮政法 arts. 47–49): one pure function, amounts in fen.

- insured and lost: the insured amount;
- insured and partly damaged or short: actual loss × insured amount ÷ declared value;
- uninsured: the actual loss, capped at 3 × the postage;
- delay: the postage refunded (never the insurance premium);
- nothing for the item's own nature, the sender's or the recipient's fault, a claim the
  adjuster found not substantiated, or force majeure (except for insured items);
- never more than was claimed.

Items with fixed cover (birth certificates, archives) carry no declared value; their cover
is taken as their full value. Fractions of a fen round half up, as premiums do.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Kinds of claim (what the claimant says happened).
KINDS = ("loss", "damage", "missing_contents", "delay")
#: What the adjuster found caused it. Only `carrier` (the network's own handling) and
#: `force_majeure` on an insured item make the network liable.
CAUSES = (
    "carrier",
    "force_majeure",
    "nature_of_item",
    "sender_fault",
    "recipient_fault",
    "not_substantiated",
)
NO_LIABILITY = frozenset({"nature_of_item", "sender_fault", "recipient_fault", "not_substantiated"})
#: The law's cap for uninsured items, as a multiple of the postage (邮政法 art. 47).
UNINSURED_POSTAGE_MULTIPLE = 3


#: The rule a decision applied, with what it says (shown on a decided claim).
RULES = {
    "postal_law_art_47": "邮政法 art. 47: insured and lost, the insured amount; insured and "
    "partly damaged or short, actual loss × insured amount ÷ declared value; uninsured, the "
    "actual loss, at most 3 × the postage",
    "postal_law_art_48": "邮政法 art. 48: no liability for force majeure (except insured "
    "items), the item's own nature, or the sender's or recipient's fault",
    "postal_law_art_49": "邮政法 art. 49: not found within the answer period, compensated "
    "as lost under art. 47",
    "delay_refund": "Delay: the postage is refunded, never the insurance premium",
    "not_substantiated": "The adjuster found the claim not substantiated",
}


@dataclass(frozen=True)
class Case:
    kind: str  # one of KINDS; a claim treated as lost after 30 days is `loss`
    claimed_fen: int
    actual_loss_fen: int
    declared_value_fen: int
    insured_amount_fen: int
    postage_fen: int
    cause: str = "carrier"
    #: Not found when the answer period ended (邮政法 art. 49): compensated as lost.
    not_found_in_period: bool = False


@dataclass(frozen=True)
class Assessment:
    """What is owed, the rule that says so, and the working, in words and fen."""

    owed_fen: int
    rule: str  # a key of RULES
    arithmetic: str


def _fen(amount: int) -> str:
    return f"{amount:,}"


def _ratio(amount: int, numerator: int, denominator: int) -> int:
    """amount × numerator ÷ denominator, rounded half up to the fen."""
    return (2 * amount * numerator + denominator) // (2 * denominator)


def _legal(case: Case) -> tuple[int, str, str]:
    """(the most the law lets the network pay, the rule, how that was worked out)."""
    if case.cause == "not_substantiated":
        return 0, "not_substantiated", "not substantiated: 0"
    if case.cause in NO_LIABILITY:
        return 0, "postal_law_art_48", f"{case.cause.replace('_', ' ')}: no liability, 0"
    insured = case.insured_amount_fen > 0
    postage = case.postage_fen
    if case.kind == "delay":
        # Insurance covers the item, not the time: force majeure excuses a delay either way.
        if case.cause == "force_majeure":
            return 0, "postal_law_art_48", "force majeure excuses a delay: 0"
        return postage, "delay_refund", f"postage refunded: {_fen(postage)}"
    if case.cause == "force_majeure" and not insured:
        return 0, "postal_law_art_48", "force majeure on an uninsured item: 0"
    if not insured:
        cap = UNINSURED_POSTAGE_MULTIPLE * postage
        owed = min(case.actual_loss_fen, cap)
        working = (
            f"uninsured: min(actual loss {_fen(case.actual_loss_fen)}, "
            f"{UNINSURED_POSTAGE_MULTIPLE} × postage {_fen(postage)} = {_fen(cap)}) = {_fen(owed)}"
        )
        return owed, "postal_law_art_47", working
    if case.kind == "loss":
        rule = "postal_law_art_49" if case.not_found_in_period else "postal_law_art_47"
        return case.insured_amount_fen, rule, f"insured and lost: {_fen(case.insured_amount_fen)}"
    full_value = case.declared_value_fen or case.insured_amount_fen
    loss = min(case.actual_loss_fen, full_value)
    owed = _ratio(loss, case.insured_amount_fen, full_value)
    working = (
        f"insured, partly damaged or short: actual loss {_fen(loss)} × insured "
        f"{_fen(case.insured_amount_fen)} ÷ declared {_fen(full_value)} = {_fen(owed)}"
    )
    return owed, "postal_law_art_47", working


def legal_cap(case: Case) -> int:
    """The most the law lets the network pay for this case, before the claimed amount."""
    return _legal(case)[0]


def assess(case: Case) -> Assessment:
    """What is owed (the legal amount, never more than claimed, never negative), by which
    rule, with the arithmetic."""
    if case.kind not in KINDS:
        raise ValueError(f"unknown claim kind {case.kind!r}")
    if case.cause not in CAUSES:
        raise ValueError(f"unknown cause {case.cause!r}")
    cap, rule, working = _legal(case)
    owed = max(0, min(case.claimed_fen, cap))
    working += f"; claimed {_fen(case.claimed_fen)}; owed {_fen(owed)} fen"
    return Assessment(owed_fen=owed, rule=rule, arithmetic=working)


def compensation(case: Case) -> int:
    """The amount owed: the legal amount, never more than claimed (and never negative)."""
    return assess(case).owed_fen
