from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.claim_create_kind import ClaimCreateKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ClaimCreate")


@_attrs_define
class ClaimCreate:
    """
    Attributes:
        claimed_fen (int): amount in fen
        kind (ClaimCreateKind):
        shipment_id (str): the shipment's id or its waybill number
        description (str | Unset): Default when left out: `""`.
        evidence (list[str] | Unset): blob names (PUT /v1/blobs first): JPEG, PNG or PDF, at most 10; required for
            damage and missing contents
    """

    claimed_fen: int
    kind: ClaimCreateKind
    shipment_id: str
    description: str | Unset = UNSET
    evidence: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        claimed_fen = self.claimed_fen

        kind = self.kind.value

        shipment_id = self.shipment_id

        description = self.description

        evidence: list[str] | Unset = UNSET
        if not isinstance(self.evidence, Unset):
            evidence = self.evidence

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claimed_fen": claimed_fen,
                "kind": kind,
                "shipment_id": shipment_id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        claimed_fen = d.pop("claimed_fen")

        kind = ClaimCreateKind(d.pop("kind"))

        shipment_id = d.pop("shipment_id")

        description = d.pop("description", UNSET)

        evidence = cast(list[str], d.pop("evidence", UNSET))

        claim_create = cls(
            claimed_fen=claimed_fen,
            kind=kind,
            shipment_id=shipment_id,
            description=description,
            evidence=evidence,
        )

        return claim_create
