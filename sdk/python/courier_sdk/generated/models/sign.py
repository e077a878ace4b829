from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.sign_signature import SignSignature


T = TypeVar("T", bound="Sign")


@_attrs_define
class Sign:
    """
    Attributes:
        signature (SignSignature): {"width", "height", "strokes"} (DESIGN.md)
    """

    signature: SignSignature

    def to_dict(self) -> dict[str, Any]:
        signature = self.signature.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "signature": signature,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sign_signature import SignSignature

        d = dict(src_dict)
        signature = SignSignature.from_dict(d.pop("signature"))

        sign = cls(
            signature=signature,
        )

        return sign
