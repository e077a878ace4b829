from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PhoneCall")


@_attrs_define
class PhoneCall:
    """
    Attributes:
        called_at (datetime.datetime):
        reached (bool):
    """

    called_at: datetime.datetime
    reached: bool

    def to_dict(self) -> dict[str, Any]:
        called_at = self.called_at.isoformat()

        reached = self.reached

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "called_at": called_at,
                "reached": reached,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        called_at = datetime.datetime.fromisoformat(d.pop("called_at"))

        reached = d.pop("reached")

        phone_call = cls(
            called_at=called_at,
            reached=reached,
        )

        return phone_call
