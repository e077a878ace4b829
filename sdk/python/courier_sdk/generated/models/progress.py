from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Progress")


@_attrs_define
class Progress:
    """
    Attributes:
        in_service (int): no outcome yet
        refused (int):
        served (int):
        served_by_lodging (int):
        undeliverable (int):
    """

    in_service: int
    refused: int
    served: int
    served_by_lodging: int
    undeliverable: int

    def to_dict(self) -> dict[str, Any]:
        in_service = self.in_service

        refused = self.refused

        served = self.served

        served_by_lodging = self.served_by_lodging

        undeliverable = self.undeliverable

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "in_service": in_service,
                "refused": refused,
                "served": served,
                "served_by_lodging": served_by_lodging,
                "undeliverable": undeliverable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        in_service = d.pop("in_service")

        refused = d.pop("refused")

        served = d.pop("served")

        served_by_lodging = d.pop("served_by_lodging")

        undeliverable = d.pop("undeliverable")

        progress = cls(
            in_service=in_service,
            refused=refused,
            served=served,
            served_by_lodging=served_by_lodging,
            undeliverable=undeliverable,
        )

        return progress
