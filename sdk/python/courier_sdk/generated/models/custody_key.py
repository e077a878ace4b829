from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.custody_key_alg import CustodyKeyAlg

T = TypeVar("T", bound="CustodyKey")


@_attrs_define
class CustodyKey:
    """
    Attributes:
        alg (CustodyKeyAlg):
        kid (str):
        not_after (datetime.datetime | None):
        not_before (datetime.datetime | None):
        public_key (str): raw key, base64
    """

    alg: CustodyKeyAlg
    kid: str
    not_after: datetime.datetime | None
    not_before: datetime.datetime | None
    public_key: str

    def to_dict(self) -> dict[str, Any]:
        alg = self.alg.value

        kid = self.kid

        not_after: None | str
        if isinstance(self.not_after, datetime.datetime):
            not_after = self.not_after.isoformat()
        else:
            not_after = self.not_after

        not_before: None | str
        if isinstance(self.not_before, datetime.datetime):
            not_before = self.not_before.isoformat()
        else:
            not_before = self.not_before

        public_key = self.public_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "alg": alg,
                "kid": kid,
                "not_after": not_after,
                "not_before": not_before,
                "public_key": public_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        alg = CustodyKeyAlg(d.pop("alg"))

        kid = d.pop("kid")

        def _parse_not_after(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                not_after_type_0 = datetime.datetime.fromisoformat(data)

                return not_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        not_after = _parse_not_after(d.pop("not_after"))

        def _parse_not_before(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                not_before_type_0 = datetime.datetime.fromisoformat(data)

                return not_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        not_before = _parse_not_before(d.pop("not_before"))

        public_key = d.pop("public_key")

        custody_key = cls(
            alg=alg,
            kid=kid,
            not_after=not_after,
            not_before=not_before,
            public_key=public_key,
        )

        return custody_key
