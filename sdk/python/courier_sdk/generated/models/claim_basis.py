from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.claim_basis_currency import ClaimBasisCurrency
from ..models.claim_basis_rule import ClaimBasisRule

T = TypeVar("T", bound="ClaimBasis")


@_attrs_define
class ClaimBasis:
    """
    Attributes:
        actual_loss_fen (int):
        arithmetic (str):  Example: insured and lost: 200,000; claimed 200,000; owed 200,000 fen.
        claimed_fen (int):
        currency (ClaimBasisCurrency):
        declared_value_fen (int):
        fast_claim (bool): approved and paid by the system at once
        insured_amount_fen (int):
        owed_fen (int):
        postage_fen (int): what was paid for carriage, less the premium
        recorded (bool): false on claims decided before the basis was recorded: worked out again from the shipment as it
            is now; the approved amount stands
        rule (ClaimBasisRule):
        rule_text (str):
    """

    actual_loss_fen: int
    arithmetic: str
    claimed_fen: int
    currency: ClaimBasisCurrency
    declared_value_fen: int
    fast_claim: bool
    insured_amount_fen: int
    owed_fen: int
    postage_fen: int
    recorded: bool
    rule: ClaimBasisRule
    rule_text: str

    def to_dict(self) -> dict[str, Any]:
        actual_loss_fen = self.actual_loss_fen

        arithmetic = self.arithmetic

        claimed_fen = self.claimed_fen

        currency = self.currency.value

        declared_value_fen = self.declared_value_fen

        fast_claim = self.fast_claim

        insured_amount_fen = self.insured_amount_fen

        owed_fen = self.owed_fen

        postage_fen = self.postage_fen

        recorded = self.recorded

        rule = self.rule.value

        rule_text = self.rule_text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actual_loss_fen": actual_loss_fen,
                "arithmetic": arithmetic,
                "claimed_fen": claimed_fen,
                "currency": currency,
                "declared_value_fen": declared_value_fen,
                "fast_claim": fast_claim,
                "insured_amount_fen": insured_amount_fen,
                "owed_fen": owed_fen,
                "postage_fen": postage_fen,
                "recorded": recorded,
                "rule": rule,
                "rule_text": rule_text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        actual_loss_fen = d.pop("actual_loss_fen")

        arithmetic = d.pop("arithmetic")

        claimed_fen = d.pop("claimed_fen")

        currency = ClaimBasisCurrency(d.pop("currency"))

        declared_value_fen = d.pop("declared_value_fen")

        fast_claim = d.pop("fast_claim")

        insured_amount_fen = d.pop("insured_amount_fen")

        owed_fen = d.pop("owed_fen")

        postage_fen = d.pop("postage_fen")

        recorded = d.pop("recorded")

        rule = ClaimBasisRule(d.pop("rule"))

        rule_text = d.pop("rule_text")

        claim_basis = cls(
            actual_loss_fen=actual_loss_fen,
            arithmetic=arithmetic,
            claimed_fen=claimed_fen,
            currency=currency,
            declared_value_fen=declared_value_fen,
            fast_claim=fast_claim,
            insured_amount_fen=insured_amount_fen,
            owed_fen=owed_fen,
            postage_fen=postage_fen,
            recorded=recorded,
            rule=rule,
            rule_text=rule_text,
        )

        return claim_basis
