from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProofOut")


@_attrs_define
class ProofOut:
    """
    Attributes:
        cash_amount_fen (int | None | Unset):
        cash_method (None | str | Unset):
        id_masked (None | str | Unset):
        named_role (None | str | Unset):
        photo_sha256 (None | str | Unset):
        pin_verified (bool | Unset):
        receiver_name (None | str | Unset): name: in full to its owners and for institutions, else masked
        refusal_reason (None | str | Unset):
        relation (None | str | Unset):
        signature_png_sha256 (None | str | Unset):
        signature_sha256 (None | str | Unset):
        witness_name (None | str | Unset): name: in full to its owners and for institutions, else masked
    """

    cash_amount_fen: int | None | Unset = UNSET
    cash_method: None | str | Unset = UNSET
    id_masked: None | str | Unset = UNSET
    named_role: None | str | Unset = UNSET
    photo_sha256: None | str | Unset = UNSET
    pin_verified: bool | Unset = UNSET
    receiver_name: None | str | Unset = UNSET
    refusal_reason: None | str | Unset = UNSET
    relation: None | str | Unset = UNSET
    signature_png_sha256: None | str | Unset = UNSET
    signature_sha256: None | str | Unset = UNSET
    witness_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cash_amount_fen: int | None | Unset
        if isinstance(self.cash_amount_fen, Unset):
            cash_amount_fen = UNSET
        else:
            cash_amount_fen = self.cash_amount_fen

        cash_method: None | str | Unset
        if isinstance(self.cash_method, Unset):
            cash_method = UNSET
        else:
            cash_method = self.cash_method

        id_masked: None | str | Unset
        if isinstance(self.id_masked, Unset):
            id_masked = UNSET
        else:
            id_masked = self.id_masked

        named_role: None | str | Unset
        if isinstance(self.named_role, Unset):
            named_role = UNSET
        else:
            named_role = self.named_role

        photo_sha256: None | str | Unset
        if isinstance(self.photo_sha256, Unset):
            photo_sha256 = UNSET
        else:
            photo_sha256 = self.photo_sha256

        pin_verified = self.pin_verified

        receiver_name: None | str | Unset
        if isinstance(self.receiver_name, Unset):
            receiver_name = UNSET
        else:
            receiver_name = self.receiver_name

        refusal_reason: None | str | Unset
        if isinstance(self.refusal_reason, Unset):
            refusal_reason = UNSET
        else:
            refusal_reason = self.refusal_reason

        relation: None | str | Unset
        if isinstance(self.relation, Unset):
            relation = UNSET
        else:
            relation = self.relation

        signature_png_sha256: None | str | Unset
        if isinstance(self.signature_png_sha256, Unset):
            signature_png_sha256 = UNSET
        else:
            signature_png_sha256 = self.signature_png_sha256

        signature_sha256: None | str | Unset
        if isinstance(self.signature_sha256, Unset):
            signature_sha256 = UNSET
        else:
            signature_sha256 = self.signature_sha256

        witness_name: None | str | Unset
        if isinstance(self.witness_name, Unset):
            witness_name = UNSET
        else:
            witness_name = self.witness_name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if cash_amount_fen is not UNSET:
            field_dict["cash_amount_fen"] = cash_amount_fen
        if cash_method is not UNSET:
            field_dict["cash_method"] = cash_method
        if id_masked is not UNSET:
            field_dict["id_masked"] = id_masked
        if named_role is not UNSET:
            field_dict["named_role"] = named_role
        if photo_sha256 is not UNSET:
            field_dict["photo_sha256"] = photo_sha256
        if pin_verified is not UNSET:
            field_dict["pin_verified"] = pin_verified
        if receiver_name is not UNSET:
            field_dict["receiver_name"] = receiver_name
        if refusal_reason is not UNSET:
            field_dict["refusal_reason"] = refusal_reason
        if relation is not UNSET:
            field_dict["relation"] = relation
        if signature_png_sha256 is not UNSET:
            field_dict["signature_png_sha256"] = signature_png_sha256
        if signature_sha256 is not UNSET:
            field_dict["signature_sha256"] = signature_sha256
        if witness_name is not UNSET:
            field_dict["witness_name"] = witness_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_cash_amount_fen(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cash_amount_fen = _parse_cash_amount_fen(d.pop("cash_amount_fen", UNSET))

        def _parse_cash_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cash_method = _parse_cash_method(d.pop("cash_method", UNSET))

        def _parse_id_masked(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_masked = _parse_id_masked(d.pop("id_masked", UNSET))

        def _parse_named_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        named_role = _parse_named_role(d.pop("named_role", UNSET))

        def _parse_photo_sha256(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        photo_sha256 = _parse_photo_sha256(d.pop("photo_sha256", UNSET))

        pin_verified = d.pop("pin_verified", UNSET)

        def _parse_receiver_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        receiver_name = _parse_receiver_name(d.pop("receiver_name", UNSET))

        def _parse_refusal_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refusal_reason = _parse_refusal_reason(d.pop("refusal_reason", UNSET))

        def _parse_relation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        relation = _parse_relation(d.pop("relation", UNSET))

        def _parse_signature_png_sha256(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signature_png_sha256 = _parse_signature_png_sha256(d.pop("signature_png_sha256", UNSET))

        def _parse_signature_sha256(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signature_sha256 = _parse_signature_sha256(d.pop("signature_sha256", UNSET))

        def _parse_witness_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        witness_name = _parse_witness_name(d.pop("witness_name", UNSET))

        proof_out = cls(
            cash_amount_fen=cash_amount_fen,
            cash_method=cash_method,
            id_masked=id_masked,
            named_role=named_role,
            photo_sha256=photo_sha256,
            pin_verified=pin_verified,
            receiver_name=receiver_name,
            refusal_reason=refusal_reason,
            relation=relation,
            signature_png_sha256=signature_png_sha256,
            signature_sha256=signature_sha256,
            witness_name=witness_name,
        )

        return proof_out
