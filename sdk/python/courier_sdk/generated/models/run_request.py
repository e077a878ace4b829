from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RunRequest")


@_attrs_define
class RunRequest:
    """
    Attributes:
        pickup_point_id (str): where
    """

    pickup_point_id: str

    def to_dict(self) -> dict[str, Any]:
        pickup_point_id = self.pickup_point_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pickup_point_id": pickup_point_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pickup_point_id = d.pop("pickup_point_id")

        run_request = cls(
            pickup_point_id=pickup_point_id,
        )

        return run_request
