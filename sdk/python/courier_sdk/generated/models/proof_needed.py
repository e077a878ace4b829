from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.proof_needed_refusal_evidence_item import ProofNeededRefusalEvidenceItem
from ..models.proof_needed_requires_item import ProofNeededRequiresItem

if TYPE_CHECKING:
    from ..models.named_at_door import NamedAtDoor
    from ..models.substitutes import Substitutes


T = TypeVar("T", bound="ProofNeeded")


@_attrs_define
class ProofNeeded:
    """
    Attributes:
        cash_to_collect_fen (int | None):
        named_recipients (list[NamedAtDoor]): who may receive it: as self, or as a named proxy
        refusal_evidence (list[ProofNeededRefusalEvidenceItem]): a refusal needs one of these (empty: the reason alone)
        requires (list[ProofNeededRequiresItem]): pin: checked online only; id_check: the receiver's ID number; seal:
            the bag's seal number; a damaged item also needs a photo
        signature_min_points (int): a signature has at least this many points
        substitutes (None | Substitutes): null: only the named recipient, in person
    """

    cash_to_collect_fen: int | None
    named_recipients: list[NamedAtDoor]
    refusal_evidence: list[ProofNeededRefusalEvidenceItem]
    requires: list[ProofNeededRequiresItem]
    signature_min_points: int
    substitutes: None | Substitutes

    def to_dict(self) -> dict[str, Any]:
        from ..models.substitutes import Substitutes

        cash_to_collect_fen: int | None
        cash_to_collect_fen = self.cash_to_collect_fen

        named_recipients = []
        for named_recipients_item_data in self.named_recipients:
            named_recipients_item = named_recipients_item_data.to_dict()
            named_recipients.append(named_recipients_item)

        refusal_evidence = []
        for refusal_evidence_item_data in self.refusal_evidence:
            refusal_evidence_item = refusal_evidence_item_data.value
            refusal_evidence.append(refusal_evidence_item)

        requires = []
        for requires_item_data in self.requires:
            requires_item = requires_item_data.value
            requires.append(requires_item)

        signature_min_points = self.signature_min_points

        substitutes: dict[str, Any] | None
        if isinstance(self.substitutes, Substitutes):
            substitutes = self.substitutes.to_dict()
        else:
            substitutes = self.substitutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cash_to_collect_fen": cash_to_collect_fen,
                "named_recipients": named_recipients,
                "refusal_evidence": refusal_evidence,
                "requires": requires,
                "signature_min_points": signature_min_points,
                "substitutes": substitutes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.named_at_door import NamedAtDoor
        from ..models.substitutes import Substitutes

        d = dict(src_dict)

        def _parse_cash_to_collect_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cash_to_collect_fen = _parse_cash_to_collect_fen(d.pop("cash_to_collect_fen"))

        named_recipients = []
        _named_recipients = d.pop("named_recipients")
        for named_recipients_item_data in _named_recipients:
            named_recipients_item = NamedAtDoor.from_dict(named_recipients_item_data)

            named_recipients.append(named_recipients_item)

        refusal_evidence = []
        _refusal_evidence = d.pop("refusal_evidence")
        for refusal_evidence_item_data in _refusal_evidence:
            refusal_evidence_item = ProofNeededRefusalEvidenceItem(refusal_evidence_item_data)

            refusal_evidence.append(refusal_evidence_item)

        requires = []
        _requires = d.pop("requires")
        for requires_item_data in _requires:
            requires_item = ProofNeededRequiresItem(requires_item_data)

            requires.append(requires_item)

        signature_min_points = d.pop("signature_min_points")

        def _parse_substitutes(data: object) -> None | Substitutes:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                substitutes_type_0 = Substitutes.from_dict(data)

                return substitutes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Substitutes, data)

        substitutes = _parse_substitutes(d.pop("substitutes"))

        proof_needed = cls(
            cash_to_collect_fen=cash_to_collect_fen,
            named_recipients=named_recipients,
            refusal_evidence=refusal_evidence,
            requires=requires,
            signature_min_points=signature_min_points,
            substitutes=substitutes,
        )

        return proof_needed
