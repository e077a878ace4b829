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


@dataclass(frozen=True)
class Case:
    kind: str  # one of KINDS; a claim treated as lost after 30 days is `loss`
    claimed_fen: int
    actual_loss_fen: int
    declared_value_fen: int
    insured_amount_fen: int
    postage_fen: int
    cause: str = "carrier"


def _ratio(amount: int, numerator: int, denominator: int) -> int:
    """amount × numerator ÷ denominator, rounded half up to the fen."""
    return (2 * amount * numerator + denominator) // (2 * denominator)


def legal_cap(case: Case) -> int:
    """The most the law lets the network pay for this case, before the claimed amount."""
    if case.cause in NO_LIABILITY:
        return 0
    insured = case.insured_amount_fen > 0
    if case.kind == "delay":
        # Insurance covers the item, not the time: force majeure excuses a delay either way.
        return 0 if case.cause == "force_majeure" else case.postage_fen
    if case.cause == "force_majeure" and not insured:
        return 0
    if not insured:
        return min(case.actual_loss_fen, UNINSURED_POSTAGE_MULTIPLE * case.postage_fen)
    if case.kind == "loss":
        return case.insured_amount_fen
    full_value = case.declared_value_fen or case.insured_amount_fen
    loss = min(case.actual_loss_fen, full_value)
    return _ratio(loss, case.insured_amount_fen, full_value)


def compensation(case: Case) -> int:
    """The amount owed: the legal amount, never more than claimed (and never negative)."""
    if case.kind not in KINDS:
        raise ValueError(f"unknown claim kind {case.kind!r}")
    if case.cause not in CAUSES:
        raise ValueError(f"unknown cause {case.cause!r}")
    return max(0, min(case.claimed_fen, legal_cap(case)))
