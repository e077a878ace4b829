from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.organisation_input_kind import OrganisationInputKind

T = TypeVar("T", bound="OrganisationInput")


@_attrs_define
class OrganisationInput:
    """
    Attributes:
        kind (OrganisationInputKind):
        name (str):
        region_id (str):
    """

    kind: OrganisationInputKind
    name: str
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = OrganisationInputKind(d.pop("kind"))

        name = d.pop("name")

        region_id = d.pop("region_id")

        organisation_input = cls(
            kind=kind,
            name=name,
            region_id=region_id,
        )

        return organisation_input
