from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.organisation_kind import OrganisationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pickup_point import PickupPoint


T = TypeVar("T", bound="Organisation")


@_attrs_define
class Organisation:
    """
    Attributes:
        kind (OrganisationKind):
        name (str):
        region_id (str):
        created_at (datetime.datetime | Unset):
        id (str | Unset):
        pickup_points (list[PickupPoint] | Unset):
        updated_at (datetime.datetime | Unset):
        version (int | Unset):
    """

    kind: OrganisationKind
    name: str
    region_id: str
    created_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    pickup_points: list[PickupPoint] | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        region_id = self.region_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        id = self.id

        pickup_points: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pickup_points, Unset):
            pickup_points = []
            for pickup_points_item_data in self.pickup_points:
                pickup_points_item = pickup_points_item_data.to_dict()
                pickup_points.append(pickup_points_item)

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
                "region_id": region_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if id is not UNSET:
            field_dict["id"] = id
        if pickup_points is not UNSET:
            field_dict["pickup_points"] = pickup_points
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pickup_point import PickupPoint

        d = dict(src_dict)
        kind = OrganisationKind(d.pop("kind"))

        name = d.pop("name")

        region_id = d.pop("region_id")

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        id = d.pop("id", UNSET)

        _pickup_points = d.pop("pickup_points", UNSET)
        pickup_points: list[PickupPoint] | Unset = UNSET
        if _pickup_points is not UNSET:
            pickup_points = []
            for pickup_points_item_data in _pickup_points:
                pickup_points_item = PickupPoint.from_dict(pickup_points_item_data)

                pickup_points.append(pickup_points_item)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        version = d.pop("version", UNSET)

        organisation = cls(
            kind=kind,
            name=name,
            region_id=region_id,
            created_at=created_at,
            id=id,
            pickup_points=pickup_points,
            updated_at=updated_at,
            version=version,
        )

        return organisation
