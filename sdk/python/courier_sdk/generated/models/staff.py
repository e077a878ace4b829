from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.staff_role import StaffRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="Staff")


@_attrs_define
class Staff:
    """
    Attributes:
        name (str):
        role (StaffRole):
        username (str):
        active (bool | Unset):
        created_at (datetime.datetime | Unset):
        id (str | Unset):
        organisation_id (None | str | Unset): an organisation clerk's organisation (ignored for other roles)
        station_ids (list[str] | Unset): a dispatcher's stations (ignored for other roles)
    """

    name: str
    role: StaffRole
    username: str
    active: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    organisation_id: None | str | Unset = UNSET
    station_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        username = self.username

        active = self.active

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        id = self.id

        organisation_id: None | str | Unset
        if isinstance(self.organisation_id, Unset):
            organisation_id = UNSET
        else:
            organisation_id = self.organisation_id

        station_ids: list[str] | Unset = UNSET
        if not isinstance(self.station_ids, Unset):
            station_ids = self.station_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
                "username": username,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if id is not UNSET:
            field_dict["id"] = id
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if station_ids is not UNSET:
            field_dict["station_ids"] = station_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        role = StaffRole(d.pop("role"))

        username = d.pop("username")

        active = d.pop("active", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        id = d.pop("id", UNSET)

        def _parse_organisation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id", UNSET))

        station_ids = cast(list[str], d.pop("station_ids", UNSET))

        staff = cls(
            name=name,
            role=role,
            username=username,
            active=active,
            created_at=created_at,
            id=id,
            organisation_id=organisation_id,
            station_ids=station_ids,
        )

        return staff
