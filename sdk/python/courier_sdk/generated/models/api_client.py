from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiClient")


@_attrs_define
class ApiClient:
    """
    Attributes:
        name (str):  Example: Pharmacy kiosk 3.
        created_at (datetime.datetime | Unset):
        id (str | Unset):
        key_id (str | Unset): the X-Client-Key
        organisation_id (str | Unset):
        revoked_at (datetime.datetime | None | Unset):
        sandbox (bool | Unset): a sandbox client: its orders are carried by the robo-courier and kept apart from live
            work (production: only clients named in SANDBOX_CLIENTS) Default: False.
    """

    name: str
    created_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    key_id: str | Unset = UNSET
    organisation_id: str | Unset = UNSET
    revoked_at: datetime.datetime | None | Unset = UNSET
    sandbox: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        id = self.id

        key_id = self.key_id

        organisation_id = self.organisation_id

        revoked_at: None | str | Unset
        if isinstance(self.revoked_at, Unset):
            revoked_at = UNSET
        elif isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        sandbox = self.sandbox

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if id is not UNSET:
            field_dict["id"] = id
        if key_id is not UNSET:
            field_dict["key_id"] = key_id
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if revoked_at is not UNSET:
            field_dict["revoked_at"] = revoked_at
        if sandbox is not UNSET:
            field_dict["sandbox"] = sandbox

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        id = d.pop("id", UNSET)

        key_id = d.pop("key_id", UNSET)

        organisation_id = d.pop("organisation_id", UNSET)

        def _parse_revoked_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at", UNSET))

        sandbox = d.pop("sandbox", UNSET)

        api_client = cls(
            name=name,
            created_at=created_at,
            id=id,
            key_id=key_id,
            organisation_id=organisation_id,
            revoked_at=revoked_at,
            sandbox=sandbox,
        )

        return api_client
