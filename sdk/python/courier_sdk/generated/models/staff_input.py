from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.staff_input_role import StaffInputRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="StaffInput")


@_attrs_define
class StaffInput:
    """
    Attributes:
        name (str):
        password (str): initial password; never returned
        role (StaffInputRole):
        username (str):
        organisation_id (None | str | Unset): an organisation clerk's organisation (ignored for other roles)
        station_ids (list[str] | Unset): a dispatcher's stations (ignored for other roles)
    """

    name: str
    password: str
    role: StaffInputRole
    username: str
    organisation_id: None | str | Unset = UNSET
    station_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        password = self.password

        role = self.role.value

        username = self.username

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
                "password": password,
                "role": role,
                "username": username,
            }
        )
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if station_ids is not UNSET:
            field_dict["station_ids"] = station_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        password = d.pop("password")

        role = StaffInputRole(d.pop("role"))

        username = d.pop("username")

        def _parse_organisation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id", UNSET))

        station_ids = cast(list[str], d.pop("station_ids", UNSET))

        staff_input = cls(
            name=name,
            password=password,
            role=role,
            username=username,
            organisation_id=organisation_id,
            station_ids=station_ids,
        )

        return staff_input
