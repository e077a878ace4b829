from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewApiClient")


@_attrs_define
class NewApiClient:
    """
    Attributes:
        created_at (datetime.datetime):
        id (str):
        key_id (str):
        name (str):
        organisation_id (str):
        revoked_at (datetime.datetime | None):
        sandbox (bool):
        secret (str): shown this once; not stored anywhere it could be read back
    """

    created_at: datetime.datetime
    id: str
    key_id: str
    name: str
    organisation_id: str
    revoked_at: datetime.datetime | None
    sandbox: bool
    secret: str

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        key_id = self.key_id

        name = self.name

        organisation_id = self.organisation_id

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        sandbox = self.sandbox

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "key_id": key_id,
                "name": name,
                "organisation_id": organisation_id,
                "revoked_at": revoked_at,
                "sandbox": sandbox,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        key_id = d.pop("key_id")

        name = d.pop("name")

        organisation_id = d.pop("organisation_id")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        sandbox = d.pop("sandbox")

        secret = d.pop("secret")

        new_api_client = cls(
            created_at=created_at,
            id=id,
            key_id=key_id,
            name=name,
            organisation_id=organisation_id,
            revoked_at=revoked_at,
            sandbox=sandbox,
            secret=secret,
        )

        return new_api_client
