from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.staff_patch_role import StaffPatchRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="StaffPatch")


@_attrs_define
class StaffPatch:
    """
    Attributes:
        active (bool | Unset): false: the account can no longer log in
        organisation_id (None | str | Unset): an organisation clerk's organisation (ignored for other roles)
        role (StaffPatchRole | Unset):
        station_ids (list[str] | Unset): a dispatcher's stations (ignored for other roles)
    """

    active: bool | Unset = UNSET
    organisation_id: None | str | Unset = UNSET
    role: StaffPatchRole | Unset = UNSET
    station_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        organisation_id: None | str | Unset
        if isinstance(self.organisation_id, Unset):
            organisation_id = UNSET
        else:
            organisation_id = self.organisation_id

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        station_ids: list[str] | Unset = UNSET
        if not isinstance(self.station_ids, Unset):
            station_ids = self.station_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active is not UNSET:
            field_dict["active"] = active
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if role is not UNSET:
            field_dict["role"] = role
        if station_ids is not UNSET:
            field_dict["station_ids"] = station_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        active = d.pop("active", UNSET)

        def _parse_organisation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id", UNSET))

        _role = d.pop("role", UNSET)
        role: StaffPatchRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = StaffPatchRole(_role)

        station_ids = cast(list[str], d.pop("station_ids", UNSET))

        staff_patch = cls(
            active=active,
            organisation_id=organisation_id,
            role=role,
            station_ids=station_ids,
        )

        return staff_patch
