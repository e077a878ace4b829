from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.contact_via import ContactVia

T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """
    Attributes:
        expires_at (datetime.datetime | None):
        number (str):
        via (ContactVia):
    """

    expires_at: datetime.datetime | None
    number: str
    via: ContactVia

    def to_dict(self) -> dict[str, Any]:
        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        number = self.number

        via = self.via.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expires_at": expires_at,
                "number": number,
                "via": via,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        number = d.pop("number")

        via = ContactVia(d.pop("via"))

        contact = cls(
            expires_at=expires_at,
            number=number,
            via=via,
        )

        return contact
