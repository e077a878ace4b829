from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Principal")


@_attrs_define
class Principal:
    """
    Attributes:
        id (str):
        kind (str): courier | staff | citizen
        organisation_id (None | str):
        role (str):
        station_ids (list[str]):
    """

    id: str
    kind: str
    organisation_id: None | str
    role: str
    station_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind

        organisation_id: None | str
        organisation_id = self.organisation_id

        role = self.role

        station_ids = self.station_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "organisation_id": organisation_id,
                "role": role,
                "station_ids": station_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind")

        def _parse_organisation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id"))

        role = d.pop("role")

        station_ids = cast(list[str], d.pop("station_ids"))

        principal = cls(
            id=id,
            kind=kind,
            organisation_id=organisation_id,
            role=role,
            station_ids=station_ids,
        )

        return principal
