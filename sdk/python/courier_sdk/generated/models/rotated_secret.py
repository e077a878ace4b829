from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RotatedSecret")


@_attrs_define
class RotatedSecret:
    """
    Attributes:
        key_id (str):
        previous_secrets_expire_at (datetime.datetime): when the secrets live before this rotation stop working
        secret (str): shown this once; not stored anywhere it could be read back
    """

    key_id: str
    previous_secrets_expire_at: datetime.datetime
    secret: str

    def to_dict(self) -> dict[str, Any]:
        key_id = self.key_id

        previous_secrets_expire_at = self.previous_secrets_expire_at.isoformat()

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_id": key_id,
                "previous_secrets_expire_at": previous_secrets_expire_at,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_id = d.pop("key_id")

        previous_secrets_expire_at = datetime.datetime.fromisoformat(
            d.pop("previous_secrets_expire_at")
        )

        secret = d.pop("secret")

        rotated_secret = cls(
            key_id=key_id,
            previous_secrets_expire_at=previous_secrets_expire_at,
            secret=secret,
        )

        return rotated_secret
