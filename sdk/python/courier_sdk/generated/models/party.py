from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.party_kind import PartyKind

T = TypeVar("T", bound="Party")


@_attrs_define
class Party:
    """
    Attributes:
        id (str):
        kind (PartyKind):
    """

    id: str
    kind: PartyKind

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        kind = PartyKind(d.pop("kind"))

        party = cls(
            id=id,
            kind=kind,
        )

        return party
