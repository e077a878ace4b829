from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.tree_head import TreeHead


T = TypeVar("T", bound="Consistency")


@_attrs_define
class Consistency:
    """
    Attributes:
        from_ (TreeHead):
        proof (list[str]):
    """

    from_: TreeHead
    proof: list[str]

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.to_dict()

        proof = self.proof

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "proof": proof,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tree_head import TreeHead

        d = dict(src_dict)
        from_ = TreeHead.from_dict(d.pop("from"))

        proof = cast(list[str], d.pop("proof"))

        consistency = cls(
            from_=from_,
            proof=proof,
        )

        return consistency
