from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.witness import Witness


T = TypeVar("T", bound="Refusal")


@_attrs_define
class Refusal:
    """
    Attributes:
        reason (str):
        photo_sha256 (str | Unset):
        witness (Witness | Unset):
    """

    reason: str
    photo_sha256: str | Unset = UNSET
    witness: Witness | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        photo_sha256 = self.photo_sha256

        witness: dict[str, Any] | Unset = UNSET
        if not isinstance(self.witness, Unset):
            witness = self.witness.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if photo_sha256 is not UNSET:
            field_dict["photo_sha256"] = photo_sha256
        if witness is not UNSET:
            field_dict["witness"] = witness

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.witness import Witness

        d = dict(src_dict)
        reason = d.pop("reason")

        photo_sha256 = d.pop("photo_sha256", UNSET)

        _witness = d.pop("witness", UNSET)
        witness: Witness | Unset
        if isinstance(_witness, Unset):
            witness = UNSET
        else:
            witness = Witness.from_dict(_witness)

        refusal = cls(
            reason=reason,
            photo_sha256=photo_sha256,
            witness=witness,
        )

        return refusal
